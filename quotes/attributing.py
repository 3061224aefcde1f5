"""Attribution stage: the ``quote_attributor`` spaCy component.

Links each quote to its cue and speaker mention, resolves the mention to the
fullest name in the document ("kata Sullivan" → Jake Sullivan, "ujarnya" →
whoever is speaking, "kata Presiden" → the president named earlier), and fills
in the speaker's role and the media the quote was taken from.
"""

import bisect
import re
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from typing import Iterable, Optional, Sequence

from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from quotes.finding import (
    ASIDE_OPENERS,
    CITATION_OPENERS,
    SOURCES,
    Quote,
    Regions,
    doc_text,
    in_region,
    is_clitic,
    is_headline,
    subject_of,
)
from quotes.lexicon import data_json, word_class
from quotes.syntax import (
    ADVERBS,
    CONNECTIVES,
    DEMONSTRATIVES,
    DETERMINERS,
    DOMAIN,
    KIN_NOUNS,
    LOWERCASE_TITLES,
    MAX_PHRASE_TOKENS,
    MEMBER_NOUNS,
    PERSON_NOUNS,
    MOD,
    NAME,
    NAME_JOINERS,
    NEGATORS,
    ORG,
    ORGANISATION_HEADS,
    PER_AN_NOUN,
    PHRASE_STOPS,
    PLACE_NOUNS,
    PLACE_PREPOSITIONS,
    PRONOUNS,
    PUNCT,
    QUOTE_MARKS,
    ROLE,
    STMT,
    WORKING_KEYS,
    Phrase,
    _joins_names,
    cue_form,
    is_bracketed_number,
    is_capitalised,
    is_name_word,
    is_quote_mark,
    is_title,
    is_verb_like,
    label_tokens,
    lone_names,
    lowercase_words,
    name_start,
    follows_place_noun,
    is_acronym,
    place_name_end,
    phrase_token_ok,
    rank_tokens,
    read_left,
    read_right,
    role_and_affiliation,
    token_strings,
    vocabulary,
)

SHORT_UNATTRIBUTED_WORDS = 3
LOCATIVES = word_class("locatives")
INDEFINITE_DETERMINERS = word_class("indefinite_determiners")
# 'Menteri Keuangan Sri Mulyani dan Gubernur BI': a conjunction joins two people's roles.
ROLE_JOINERS = word_class("coordinators")
RECENT_SPEAKER_SENTENCES = 2


@dataclass
class PersonMention:
    position: int
    words: tuple[str, ...]
    text: str
    role: str


PERSON_LABELS = ("PERSON", "PERSONCOREF")
ROLE_LABELS = ("ROLE", "AFFILIATION")
CUE_LABELS = ("CUE", "CUECOREF")
ROLE_DISTANCE = 3


class QuoteAttributor:
    """Resolve who said each quote found by ``quote_finder``.

    ``source`` chooses the evidence as for ``quote_finder``: "rules",
    "model" (the statistical model's CUE, CUECOREF, PERSON, PERSONCOREF, ROLE
    and AFFILIATION spans only) or "hybrid" (the rules, with the model's names
    and roles where it has them, and its cues where the rules find none).
    ``speaker_entities`` makes the model's entities agree with the quotes'
    attribution (see :func:`speaker_entities`); with it off, ``doc.ents`` stay
    the model's own.
    """

    def __init__(
        self, nlp: Language, name: str = "quote_attributor", source: str = "hybrid", speaker_entities: bool = True
    ) -> None:
        if source not in SOURCES:
            raise ValueError(f"quote_attributor source must be one of {SOURCES}, not {source!r}")
        self.name = name
        self.source = source
        self.speaker_entities = speaker_entities

    def __call__(self, doc: Doc) -> Doc:
        quotes = doc._.quotes or []
        regions: Regions = doc.user_data.get("quotes.regions") or Regions(doc, [])
        sentences: list[tuple[int, int]] = doc.user_data.get("quotes.sentences", [(0, len(doc))])
        use_model = self.source != "rules" and any(ent.label_ in PERSON_LABELS + CUE_LABELS for ent in doc.ents)
        people = People(merge_people(person_mentions(doc, sentences) if self.source != "model" else [], model_people(doc) if use_model else []))
        attributed: list[Quote] = []
        quoted = [(q.span.start, q.span.end) for q in quotes]
        previous: Optional[Quote] = None
        known_roles: dict[str, str] = {}
        for quote in quotes:
            sentence = sentence_of(sentences, quote.span.start)
            if self.source == "model":
                how = link_by_model(doc, quote, sentences, regions, previous)
            else:
                how = link_cue(doc, quote, sentence, sentences, regions, previous)
                if how == "unattributed" and use_model:
                    how = link_by_model(doc, quote, sentences, regions, previous)
            if use_model and quote.phrase is not None:
                refine_with_model(doc, quote)
            if quote.phrase is not None and quote.cue is not None and self.source != "model":
                quote.phrase = speaker_zone_phrase(doc, quote.phrase, quote.cue, sentence_of(sentences, quote.phrase.span.start)[1])
                quote.phrase = fronted_name_phrase(doc, quote.phrase, quote.cue, sentence_of(sentences, quote.phrase.span.start)[0])
                quote.phrase = subject_before_channel(doc, quote.phrase, quote.cue, sentence_of(sentences, quote.phrase.span.start)[0])
            if how == "unattributed" and len(quote.span.text.split()) <= SHORT_UNATTRIBUTED_WORDS:
                continue  # a scare quote or a term, not a statement
            how = resolve_speaker(doc, quote, how, people, previous, quoted)
            cue_sentence = sentence_of(sentences, quote.cue.start) if quote.cue is not None else sentence
            quote.cited_from = cited_media(doc, quote, cue_sentence, regions)
            quote.evidence = how
            quote.confidence = confidence(quote.quote_type, how)
            # A role given once ("Jake Sullivan, penasihat keamanan nasional Biden") holds for the article.
            if quote.speaker and quote.role:
                known_roles.setdefault(quote.speaker, quote.role)
            elif quote.speaker:
                quote.role = known_roles.get(quote.speaker, "")
            attributed.append(quote)
            if quote.speaker:
                previous = quote
        doc._.quotes = attributed
        if self.source != "rules" and self.speaker_entities:
            doc.ents = speaker_entities(doc, attributed, sentences)
        # The finder's working state holds Spans of this Doc; keeping it would only tie the Doc in a cycle.
        for key in ("quotes.regions", "quotes.sentences", "quotes.text", "quotes.source", *WORKING_KEYS):
            doc.user_data.pop(key, None)
        return doc


def speaker_entities(doc: Doc, quotes: Sequence[Quote], sentences: list[tuple[int, int]]) -> tuple[Span, ...]:
    """The model's entities, made to agree with the attribution of direct quotes.

    PFSA-ID labels a statement, its cue and its speaker's name, role and
    affiliation only for public figures' direct quotes. A span-level model
    cannot see whether a name two paragraphs away is quoted, nor whether the
    speaker is a passer-by; the attribution can.

    - A speaker introduced with an age in brackets ("Ani (38)"), known only
      as a resident, a passenger, a man ("kata warga Desa Sejoli", "ujar pria
      itu"), or named with such a noun in apposition ("Andi, petani sawit"), is
      an ordinary person, as news writes them: their quote's STATEMENT, cue and
      mention go.
    - A STATEMENT takes the bounds of the quote the rules found, marks
      included; a quote the model missed gets one when its speaker has a role.
      Such a labelled quote's cue gets a CUE (CUECOREF for "katanya") where
      the model has none.
    - A PERSON stays when it names a speaker, and each speaker's introduction
      (the first mention of the full name) gets one where no entity but a
      ROLE or AFFILIATION is; the name by a labelled quote's cue gets a
      PERSONCOREF where the model has none.
    - A speaker's PERSON covers the ranks and titles before the name and no
      words of an organisation; a ROLE or AFFILIATION ends where the name
      starts; a title before the name the model left unlabelled gets a ROLE
      and an AFFILIATION (:func:`quotes.syntax.role_and_affiliation`), and so
      does one set off by a comma that names an organisation; the organisation
      between the model's ROLE and the name gets an AFFILIATION, and an
      AFFILIATION the model ended short of the name runs on to it.
    - A ROLE or AFFILIATION stays in a sentence that mentions a speaker.
    """
    attributed = [q for q in quotes if q.quote_type in ("direct", "mixed") and q.speaker]
    text = doc.text
    ordinary = [q for q in attributed if _is_ordinary_person(text, q)]
    public = [q for q in attributed if q not in ordinary]
    names = {q.speaker: set(q.speaker.split()) for q in public}

    def names_speaker(span: Span) -> bool:
        words = set(span.text.split())
        return any(words & speaker for speaker in names.values())

    dropped = [(q.span.start, q.span.end) for q in ordinary]
    dropped += [(part.start, part.end) for q in ordinary for part in (q.cue, q.mention) if part is not None]
    kept = [
        ent
        for ent in doc.ents
        if (ent.label_ != "PERSON" or names_speaker(ent))
        and not any(ent.start < end and start < ent.end for start, end in dropped)
    ]
    _fit_people(kept, list(names))
    labelled = _label_statements(doc, [q for q in public if q.quote_type == "direct"], kept)
    for quote in labelled:
        if quote.cue is not None:
            _add_if_free(kept, quote.cue, "CUECOREF" if quote.mention == quote.cue else "CUE")
    introductions = [span for span in map(partial(_introduction, doc, text, kept), names) if span is not None]
    for span in introductions:
        person = _titled(kept, span)
        if not any(ent.label_ not in ROLE_LABELS and ent.start < person.end and person.start < ent.end for ent in kept):
            _cut_roles_at(kept, person)
            kept.append(Span(doc, person.start, person.end, label="PERSON"))
    for quote in labelled:
        mention = quote.mention
        if mention is not None and mention != quote.cue and is_capitalised(mention[0]):
            _add_if_free(kept, mention, "PERSONCOREF")
    for person in [ent for ent in kept if ent.label_ == "PERSON" and names_speaker(ent)]:
        _label_title(kept, person, sentence_of(sentences, person.start)[0])
    anchors = [ent.start for ent in kept if ent.label_ in PERSON_LABELS and names_speaker(ent)]
    anchors += [q.mention.start for q in public if q.mention is not None]
    anchors += [span.start for span in introductions]
    anchored = {sentence_of(sentences, position) for position in anchors}
    kept = [ent for ent in kept if ent.label_ not in ROLE_LABELS or sentence_of(sentences, ent.start) in anchored]
    return tuple(sorted(kept, key=lambda ent: ent.start))


def _introduction(doc: Doc, text: str, kept: list[Span], name: str) -> Optional[Span]:
    """Where a speaker's full name is first written, if that reads as their introduction: a name
    of two words or more, or a one-word name after a title ('Menteri Sekretariat Negara
    Pratikno', the model's ROLE or AFFILIATION) or before one ('Mundari, Camat Cilandak').
    ``text`` is ``doc.text``, which spaCy joins anew on each access."""
    first = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text)
    span = doc.char_span(first.start(), first.end()) if first else None
    if span is None or len(span) > 1:
        return span
    i = span.start
    after_title = i > 1 and doc[i - 1].is_alpha and is_capitalised(doc[i - 1]) and not (doc[i - 2].is_punct or doc[i - 2].is_space)
    before_apposition = i + 2 < len(doc) and doc[i + 1].text == "," and is_capitalised(doc[i + 2]) and not is_name_word(doc[i + 2].text)
    return span if after_title or before_apposition or any(ent.end == i and ent.label_ in ROLE_LABELS for ent in kept) else None


def _label_statements(doc: Doc, quotes: list[Quote], kept: list[Span]) -> list[Quote]:
    """Give each quote the model confirms, or whose speaker has a role, a STATEMENT with the
    quote's own bounds (in ``kept``, in place); return those quotes."""
    labelled = []
    for quote in quotes:
        statement = _with_marks(doc, quote.span)
        overlapping = [ent for ent in kept if ent.start < statement.end and statement.start < ent.end]
        confirmed = any(ent.label_ == "STATEMENT" for ent in overlapping)
        if not (confirmed or quote.role):
            continue
        labelled.append(quote)
        if all(ent.label_ == "STATEMENT" for ent in overlapping):
            kept[:] = [ent for ent in kept if ent not in overlapping]
            kept.append(Span(doc, statement.start, statement.end, label="STATEMENT"))
    return labelled


def _fit_people(kept: list[Span], names: list[str]) -> None:
    """Make each PERSON that ends in a speaker's name cover that name with the titles and ranks
    before it, as PFSA-ID writes them ('Mayor Jenderal Ignatius Yogo Triyono'), and nothing
    else: words of the organisation the model ran into the name ('(Aspin) Boyolali Suparno')
    go to the affiliation next to them (in ``kept``, in place)."""
    for ent in [ent for ent in kept if ent.label_ == "PERSON"]:
        doc = ent.doc
        name = next((n for n in names if ent.text == n or ent.text.endswith(" " + n)), None)
        if name is None:
            continue
        kept.remove(ent)
        person = _titled(kept, doc[doc.char_span(ent.end_char - len(name), ent.end_char).start : ent.end])
        if ent.start < person.start:
            _give_to_affiliation(kept, doc[ent.start : person.start])
        _cut_roles_at(kept, person)
        kept.append(Span(doc, person.start, person.end, label="PERSON"))


def _titled(kept: list[Span], name: Span) -> Span:
    """The name with the titles before it that no entity but a ROLE or AFFILIATION holds."""
    held = {i for ent in kept if ent.label_ not in ROLE_LABELS for i in range(ent.start, ent.end)}
    start = name.start
    while start > _titled_start(name.doc, name.start) and start - 1 not in held:
        start -= 1
    return name.doc[start : name.end]


def _titled_start(doc: Doc, start: int) -> int:
    """Where a name starts with the ranks, titles and bracketed rank abbreviations written before
    it: 'Letnan Jenderal (Letjen) TNI Eko Margiyono', 'Prof Nurhasan'."""
    ranks = rank_tokens(doc)

    def is_rank(i: int) -> bool:
        return i in ranks or is_title(doc[i].text) and (is_capitalised(doc[i]) or doc[i].lower_ in LOWERCASE_TITLES)

    while start > 0:
        if is_rank(start - 1):
            start -= 1
        elif start > 3 and doc[start - 1].text == ")" and doc[start - 3].text == "(" and is_rank(start - 4):
            start -= 3
        else:
            break
    return start


def _give_to_affiliation(kept: list[Span], words: Span) -> None:
    """Words cut from the front of a PERSON join the AFFILIATION that ends where they start, or
    become one after a ROLE (in ``kept``, in place)."""
    before = next((ent for ent in kept if ent.end == words.start and ent.label_ in ROLE_LABELS), None)
    if before is None:
        return
    kept.remove(before)
    if before.label_ == "AFFILIATION":
        kept.append(Span(words.doc, before.start, words.end, label="AFFILIATION"))
    else:
        kept.extend([before, Span(words.doc, words.start, words.end, label="AFFILIATION")])


def _label_title(kept: list[Span], person: Span, sentence_start: int) -> None:
    """Give the title written before a speaker's name its ROLE and AFFILIATION where the model
    labelled none of it, or only the position, or the organisation short of the name (in
    ``kept``, in place)."""
    doc = person.doc
    end = person.start
    while end > sentence_start and doc[end - 1].text in ",(":
        end -= 1
    # Set off by a comma or a bracket ('ahli epidemiologi Universitas Airlangga, Windhu Purnomo'),
    # the title is read on its own; run into the name, it is read with it.
    set_off = end < person.start
    phrase = read_left(doc, end if set_off else person.end, max(sentence_start, end - MAX_PHRASE_TOKENS))
    if phrase is None or phrase.span.start >= end:
        return
    start = phrase.span.start
    if set_off and (_names_someone_else(phrase) or _sets_the_scene(doc, sentence_start, start)):
        return
    labelled = [ent for ent in kept if ent.start < end and start < ent.end]
    if not labelled:
        parts = role_and_affiliation(doc, start, end)
        # Set off, only an organisation named by its head word or acronym makes a title: 'Penulis
        # naskah Story of Kale, Irfan Ramli' is a position.
        if not set_off or any(label == "AFFILIATION" and _opens_organisation(doc[first]) for first, _, label in parts):
            kept.extend(Span(doc, first, stop, label=label) for first, stop, label in parts)
        return
    last = max(labelled, key=lambda ent: ent.end)
    if last.end < end and (not set_off or _opens_organisation(doc[last.end])):
        _label_rest_of_title(kept, last, doc[last.end : end])


def _names_someone_else(phrase: Phrase) -> bool:
    """Whether a title set off before a speaker's name holds another person's name: 'oleh Gubernur
    DKI Jakarta Anies Baswedan, Kombes Ahmad', 'Didampingi Kepala Dinas PUPR Iwan Setiawan, Ade
    Yasin'. The model's PERSON spans tell, those of people who are no speakers included (the
    corrections have dropped them from their own list); the rules' reading does not, as
    organisations are often named after people ('Fakultas Syariah UIN Maulana Malik Ibrahim')."""
    span = phrase.span
    return any(ent.label_ in PERSON_LABELS and ent.start < span.end and span.start < ent.end for ent in span.doc.ents)


def _sets_the_scene(doc: Doc, sentence_start: int, start: int) -> bool:
    """Whether the words before a set-off title are the scene a sentence opens with ('Dalam rapat
    dengan Komisi IX DPR, Budi …', 'Seusai rapat di Kementerian Perekonomian, Airlangga …'): a
    preposition first, and no comma before the title."""
    opener = doc[sentence_start].lower_
    return (opener in PHRASE_STOPS or opener in ASIDE_OPENERS) and not any(doc[k].text == "," for k in range(sentence_start, start))


def _label_rest_of_title(kept: list[Span], last: Span, rest: Span) -> None:
    """Label the words between the model's last ROLE or AFFILIATION in a title and the name
    (in ``kept``, in place)."""
    doc = rest.doc
    if last.label_ == "AFFILIATION":
        # 'Bawaslu Kabupaten Boven | Digoel Frans Asek': the organisation's name ran on, unless a
        # second organisation starts there or the words are a name the article uses ('Rudi As').
        if _opens_organisation(rest[0]):
            kept.append(Span(doc, rest.start, rest.end, label="AFFILIATION"))
        elif all(is_capitalised(token) and token.lower_ not in lone_names(doc) for token in rest):
            kept.remove(last)
            kept.append(Span(doc, last.start, rest.end, label="AFFILIATION"))
    elif last.label_ == "ROLE":
        # The model often labels the position but not the organisation between it and the name
        # ('Kepala | BMKG | Dwikorita Karnawati'): the organisation the splitter finds there is the affiliation.
        for first, stop, label in role_and_affiliation(doc, last.start, rest.end):
            if label == "AFFILIATION" and first >= last.end:
                kept.append(Span(doc, first, stop, label=label))


def _opens_organisation(token: Token) -> bool:
    """Whether an organisation's name starts at ``token``: a head word ('Dinas', 'Universitas') or an acronym."""
    return token.lower_ in ORGANISATION_HEADS or is_acronym(token)


def _cut_roles_at(kept: list[Span], name: Span) -> None:
    """A ROLE or AFFILIATION that runs into a speaker's name ('Wali Kota Singkawang Tjhai') ends
    where the name starts (in ``kept``, in place)."""
    for k, ent in enumerate(kept):
        if ent.label_ in ROLE_LABELS and ent.start < name.end and name.start < ent.end:
            kept[k] = Span(name.doc, ent.start, name.start, label=ent.label_) if ent.start < name.start else None
    kept[:] = [ent for ent in kept if ent is not None]


def _add_if_free(kept: list[Span], span: Span, label: str) -> None:
    if not any(span.start < ent.end and ent.start < span.end for ent in kept):
        kept.append(Span(span.doc, span.start, span.end, label=label))


def _with_marks(doc: Doc, quote: Span) -> Span:
    """The quote with its quotation marks, and the comma or stop inside the closing one: ',”'."""
    start, end = quote.start, quote.end
    while start > 0 and is_quote_mark(doc[start - 1]):
        start -= 1
    closing = end
    while closing < len(doc) and closing - end < 2 and doc[closing].is_punct and not is_quote_mark(doc[closing]):
        closing += 1
    if closing < len(doc) and is_quote_mark(doc[closing]):
        end = closing + 1
    return doc[start:end]


def _is_ordinary_person(text: str, quote: Quote) -> bool:
    """A speaker news writes as a passer-by: known only as a resident, a farmer, a man ('kata
    warga Desa Sejoli'), or named with an age ('Siti Aminah (45)') or an occupation of that kind
    in apposition ('Andi Triyono, petani kelapa sawit')."""
    heads = [word.lower() for word in quote.speaker.split()[:1] + quote.role.split()[:1]]
    if any(head in MEMBER_NOUNS or head in PERSON_NOUNS for head in heads):
        return True
    after_name = _passer_by_after_name()
    return any(after_name.match(text, found.end()) for found in re.finditer(rf"(?<!\w){re.escape(quote.speaker)}", text))


@lru_cache(maxsize=1)
def _passer_by_after_name() -> re.Pattern[str]:
    """What follows a passer-by's name: an age in brackets, or a noun like 'petani' in apposition."""
    nouns = "|".join(sorted(MEMBER_NOUNS | PERSON_NOUNS))
    # Not a list of guests: 'Ade Yasin, warga, dan pedagang'.
    return re.compile(rf" ?\(\d{{1,3}}\)|, (?:seorang )?(?:{nouns})\b(?!,| dan\b)")


@lru_cache(maxsize=1)
def _calibration() -> dict[str, float]:
    return data_json("confidence.json")["confidence"]


def confidence(quote_type: str, evidence: str) -> float:
    """How often a quote of this type, attributed this way, had the right speaker on the dev data."""
    table = _calibration()
    return table.get(f"{quote_type}/{evidence}", table.get(f"*/{evidence}", table["*/*"]))


def _strip_titles(span: Span) -> Span:
    """The name in a model's person span: without leading titles and ranks, a bracketed
    aside ('Intan Rizki (15)') or trailing punctuation."""
    ranks = rank_tokens(span.doc)
    start, end = span.start, span.end
    while start < end - 1 and (start in ranks or is_title(span.doc[start].text) or span.doc[start].text in "()"):
        start += 1
    end = next((k for k in range(start + 1, end) if span.doc[k].text == "("), end)
    while end > start + 1 and span.doc[end - 1].is_punct:
        end -= 1
    return span.doc[start:end]


def model_people(doc: Doc) -> list[PersonMention]:
    """Person mentions from the model's PERSON/PERSONCOREF spans, with their ROLE/AFFILIATION."""
    mentions = []
    for ent in doc.ents:
        if ent.label_ in PERSON_LABELS and not names_no_one(ent):
            name = _strip_titles(ent)
            mentions.append(PersonMention(name.start, tuple(t.lower_ for t in name if not t.text.endswith(".")), name.text, model_role(doc, ent)))
    return mentions


def model_role(doc: Doc, person: Span) -> str:
    """The ROLE/AFFILIATION spans written next to a person: 'Kepala Penerangan Kogabwilhan III'."""
    near = [
        ent for ent in doc.ents
        if ent.label_ in ROLE_LABELS and (0 <= person.start - ent.end <= ROLE_DISTANCE or 0 <= ent.start - person.end <= ROLE_DISTANCE)
    ]
    before = [ent for ent in near if ent.end <= person.start]
    group = before or near
    if not group:
        return ""
    return doc[group[0].start : group[-1].end].text.rstrip(" ,;:")


def names_no_one(span: Span) -> bool:
    """A span the model marked as a person that names no one by itself: a role or a pronoun
    ('Presiden', 'Menteri', 'dia'), or common nouns the article also writes in lowercase
    and never uses alone as a name ('Keselamatan')."""
    v = vocabulary()
    doc = span.doc
    ranks = rank_tokens(doc)
    if all(t.lower_.rstrip(".") in v.role_words or is_title(t.text) or t.lower_ in PRONOUNS or t.i in ranks for t in span):
        return True
    lowercase, lone = lowercase_words(doc), lone_names(doc)
    return all(t.lower_ in lowercase and t.lower_ not in lone for t in span)


def merge_people(rules: list[PersonMention], model: list[PersonMention]) -> list[PersonMention]:
    """The model's person spans win over the rules' name runs they overlap.

    The role stays the rules' where they read the same name with a fuller role:
    the model's ROLE spans often miss the head word ('Kepolisian Daerah Metro
    Jaya' for 'Kepala Kepolisian Daerah Metro Jaya').
    """
    covered = {position for mention in model for position in range(mention.position, mention.position + len(mention.words))}
    kept = [mention for mention in rules if not any(p in covered for p in range(mention.position, mention.position + len(mention.words)))]
    rules_roles = {(mention.position, mention.words): mention.role for mention in rules if mention.role}
    merged = []
    for mention in model:
        rules_role = rules_roles.get((mention.position, mention.words), "")
        if _reads_as_role(rules_role) and _role_words(mention.role) < _role_words(rules_role):
            mention = replace(mention, role=rules_role)
        merged.append(mention)
    return sorted(kept + merged, key=lambda mention: mention.position)


def _reads_as_role(text: str) -> bool:
    """A role read by the rules that starts with a role word and joins no two roles or clauses:
    not 'Tak mudah Menurut Kepala BPS', 'Menteri Keuangan Sri Mulyani dan Gubernur BI'."""
    words = text.lower().replace(",", " ").split()
    v = vocabulary()
    return bool(words) and (words[0] in v.role_words or words[0] in KIN_NOUNS) and not any(
        word in ROLE_JOINERS or word in v.cues for word in words
    )


def refine_with_model(doc: Doc, quote: Quote) -> None:
    """Use the model's name boundaries inside a rule-found speaker phrase ('Wali Kota Jambi Syarif Fasha')."""
    phrase = quote.phrase
    person = next(
        (
            ent for ent in doc.ents
            if ent.label_ in PERSON_LABELS and ent.start < phrase.span.end and phrase.span.start < ent.end and not names_no_one(ent)
        ),
        None,
    )
    if person is None:
        return
    person = _strip_titles(person)
    start, end = max(person.start, phrase.span.start), min(person.end, phrase.span.end)
    labels = list(phrase.labels)
    for offset in range(len(labels)):
        position = phrase.span.start + offset
        if start <= position < end:
            labels[offset] = NAME
        elif labels[offset] == NAME and position < start:
            labels[offset] = ORG
    quote.phrase = Phrase(phrase.span, labels)


MIN_CLOSING_NAME_WORDS = 2


def speaker_zone_phrase(doc: Doc, phrase: Phrase, cue: Span, sentence_end: int) -> Phrase:
    """Fix a speaker phrase read after its cue from the clause that follows it.

    - A media citation in brackets is not part of the speaker: '…,” ujar Ketua
      Komnas Perempuan Siti Aminah (Kompas, 12/3/2021).'
    - A role chain ends with the person's name: 'kata analis perikanan Balai
      Riset Budidaya Lampung, Yusuf Hidayat, di Bandar Lampung', 'ujar Menteri
      Perindustrian/Kepala BSN Agus Gumiwang Kartasasmita saat …'. When the
      phrase has no personal name at its head, or its name is followed by more
      of the organisation ('Rumah Sakit Umum Daerah Dr Soetomo, Rina
      Wulandari'), a run of at least two name words that closes the speaker
      clause is the person.
    """
    span = phrase.span
    if span.start < cue.end:
        return phrase
    cut = _media_citation_at(doc, span.start, span.end)
    if cut is not None:
        if cut == span.start:
            return phrase
        labels = phrase.labels[: cut - span.start]
        while labels and labels[-1] == PUNCT:
            labels.pop()
            cut -= 1
        phrase = Phrase(doc[span.start : cut], labels)
        span = phrase.span
        if not labels:
            return phrase
    end = _speaker_clause_end(doc, span.start, sentence_end)
    run = _closing_name(doc, span.start, end)
    if run is None:
        return phrase
    person = phrase.person()
    if person is not None and person.end == run.end and person.start < run.start:
        # 'Kepala Dinas Perdagangan Sulbar Hendra Wijaya': the place before the name belongs to the role.
        labels = [
            ORG if person.start <= span.start + offset < run.start or label == PUNCT and doc[span.start + offset].text in "()" else label
            for offset, label in enumerate(phrase.labels)
        ]
        return Phrase(span, labels)
    if person is not None and (person.start == span.start or person.start >= run.start or _closes_segment(doc, person.end, end)):
        return phrase
    # Everything before the name describes the person: role or organisation.
    before = [
        PUNCT if doc[span.start + offset].text in "()" else ORG if label == ORG else ROLE
        for offset, label in enumerate(label_tokens(doc, span.start, run.start))
    ]
    return Phrase(doc[span.start : run.end], before + [NAME] * len(run))


def fronted_name_phrase(doc: Doc, phrase: Phrase, cue: Span, sentence_start: int) -> Phrase:
    """'Rina Suryani, kepala bagian komunikasi PT X, menjelaskan …': the subject is the name
    that opens the sentence, and the apposition between commas is the role."""
    span = phrase.span
    if span.end > cue.start or phrase.person() is not None and phrase.person().start == span.start:
        return phrase
    start = _after_connective(doc, sentence_start, cue.start)
    name = _opening_name(doc, start, cue.start)
    if name is None or not name.end < span.start:
        return phrase
    end = span.end
    labels = [NAME] * len(name) + [
        PUNCT if doc[k].text in ",()" or is_bracketed_number(doc[k]) else ORG if doc[k].lower_ in vocabulary().organisation_words else ROLE
        for k in range(name.end, end)
    ]
    return Phrase(doc[name.start : end], labels)


CHANNEL_OPENERS = word_class("channel_openers")


def subject_before_channel(doc: Doc, phrase: Phrase, cue: Span, sentence_start: int) -> Phrase:
    """'Kepala Dinas Kesehatan Nina Susana dalam keterangan tertulis, Senin, mengatakan …':
    the statement is the channel, the person before it is the subject."""
    span = phrase.span
    if span.end > cue.start or not phrase.labels or phrase.labels[0] != STMT or span.start <= sentence_start:
        return phrase
    if doc[span.start - 1].lower_ not in CHANNEL_OPENERS:
        return phrase
    subject = read_left(doc, span.start - 1, sentence_start)
    if subject is None or subject.person() is None:
        return phrase
    return subject


def _media_citation_at(doc: Doc, start: int, end: int) -> Optional[int]:
    """Where '(Kompas, 2/7/2020)' or '(Antara)' opens inside tokens start..end+1."""
    for k in range(start, min(end + 1, len(doc) - 1)):
        if doc[k].text == "(" and _is_media(doc[k + 1 : k + 2]) and (k + 2 >= len(doc) or doc[k + 2].text in ",)"):
            return k
    return None


def _speaker_clause_end(doc: Doc, start: int, limit: int) -> int:
    """Where the words naming a speaker after a cue stop: at a place, time or circumstance, a verb or the sentence end."""
    k = start
    while k < limit:
        token = doc[k]
        if token.text == "(":
            close = k + 1
            while close < limit and doc[close].text != ")":
                close += 1
            inside = doc[k + 1 : close]
            if close >= limit or any(ch.isdigit() for ch in inside.text) or _is_media(inside):
                break
            k = close + 1
            continue
        if token.text == "," and k + 1 < limit and doc[k + 1].lower_ in vocabulary().function_words:
            break  # ', Senin (5/1/2021)', ', Sementara …': the date or the next clause
        if token.text in ",/" or token.lower_ in NAME_JOINERS or _joins_names(doc, k, limit):
            k += 1
            continue
        if token.lower_ == "yang" and k + 1 < limit and doc[k + 1].lower_ == "juga":
            k += 2
            continue
        if PER_AN_NOUN.match(token.text):
            k += 1  # 'analis perikanan', 'Dinas Perhubungan': a noun, though it looks like a verb
            continue
        if is_quote_mark(token) or not phrase_token_ok(token, allow_lowercase=True):
            break
        k += 1
    while k > start and doc[k - 1].text in ",/(":
        k -= 1
    return k


def _closing_name(doc: Doc, start: int, end: int) -> Optional[Span]:
    """The run of personal-name words (initials and short acronyms inside it allowed) that ends at ``end``."""
    j = end
    while j > start and (is_name_word(doc[j - 1].text) or _is_name_initial(doc, j - 1, start, end)):
        j -= 1
    run = doc[j:end]
    if j == start or sum(1 for t in run if is_name_word(t.text) and len(t.text) > 1) < MIN_CLOSING_NAME_WORDS:
        return None
    if not is_name_word(run[0].text) or not _may_precede_name(doc[j - 1]):
        return None
    # 'Kepala Dinas Perdagangan Sulbar Hendra Wijaya': a place the article also writes as 'ke Sulbar' is not his name.
    return doc[name_start(doc, j, end) : end]


def _apposed_name(doc: Doc, start: int, end: int) -> Optional[Span]:
    """'Ayah korban, Suparman, berharap …': a name of any length set off by commas after its role."""
    j = end
    while j > start and is_name_word(doc[j - 1].text):
        j -= 1
    if j == end or j - 1 <= start or doc[j - 1].text != "," or end >= len(doc) or doc[end].text != ",":
        return None
    return doc[j:end]


def _may_precede_name(token: Token) -> bool:
    """A name in a role chain follows punctuation, a role or a capitalised organisation,
    not a common noun ('warga Kampung Melayu Besar' is a place)."""
    v = vocabulary()
    lower = token.lower_.rstrip(".")
    numbered = token.like_num and token.i > 0 and is_capitalised(token.doc[token.i - 1])  # 'Ketua RW 001', 'SMA Negeri 1'
    role = (lower in v.role_words or lower in v.titles) and lower not in MEMBER_NOUNS
    return token.text in ",/)" or is_capitalised(token) or numbered or lower in NAME_JOINERS or role


def _is_name_initial(doc: Doc, k: int, start: int, end: int) -> bool:
    """'MD' in 'Agus MD Santoso': a short capital abbreviation between name words."""
    text = doc[k].text.rstrip(".")
    return 1 <= len(text) <= 3 and text.isupper() and text.isalpha() and start < k < end - 1 and is_name_word(doc[k - 1].text)


def _closes_segment(doc: Doc, k: int, end: int) -> bool:
    """A name followed by the clause end or by an appositive role ('Jake Sullivan, penasihat …')."""
    return k >= end or doc[k].text == "," and k + 1 < end and not is_capitalised(doc[k + 1])


def link_by_model(
    doc: Doc, quote: Quote, sentences: list[tuple[int, int]], regions: Regions, previous: Optional[Quote]
) -> str:
    """Attribute a quote from the model's CUE/CUECOREF and PERSON/PERSONCOREF spans in its sentence."""
    region = next((r for r in regions if r.content.start == quote.span.start), None)
    after = (region.close_mark + 1) if region is not None and region.close_mark is not None else quote.span.end
    start, _ = sentence_of(sentences, quote.span.start)
    _, end = sentence_of(sentences, max(after - 1, 0))
    cues = [ent for ent in doc.ents if ent.label_ in CUE_LABELS and start <= ent.start < end and not (quote.span.start <= ent.start < quote.span.end)]
    if not cues:
        if previous is not None and _continues(doc, previous, quote):
            quote.speaker, quote.role = previous.speaker, previous.role
            return "continuation"
        return "unattributed"
    cue = min(cues, key=lambda ent: (ent.start < after, abs(ent.start - after)))
    quote.cue = cue
    if cue.label_ == "CUECOREF":
        quote.phrase = None
        return "found"
    people = [ent for ent in doc.ents if ent.label_ in PERSON_LABELS and start <= ent.start < end and not (quote.span.start <= ent.start < quote.span.end)]
    if not people:
        return "subjectless"
    person = min(people, key=lambda ent: abs(ent.start - cue.start))
    person = _strip_titles(person)
    quote.phrase = Phrase(person, [NAME] * len(person))
    return "found"


def sentence_of(sentences: list[tuple[int, int]], token_index: int) -> tuple[int, int]:
    if not sentences:
        return (0, token_index + 1)
    position = max(bisect.bisect_right(sentences, (token_index, float("inf"))) - 1, 0)
    return sentences[position]


def link_cue(
    doc: Doc, quote: Quote, sentence: tuple[int, int], sentences: list[tuple[int, int]], regions: Regions, previous: Optional[Quote]
) -> str:
    """Find the cue and speaker phrase of a quote that the finder left unattributed."""
    if quote.cue is not None:
        if quote.phrase is None:
            return "subjectless"
        return "found"
    region = next((r for r in regions if r.content.start == quote.span.start), None)
    start, _ = sentence
    after = (region.close_mark + 1) if region is not None and region.close_mark is not None else quote.span.end
    # A quote over several paragraphs is attributed in the sentence where it closes.
    _, end = sentence_of(sentences, max(after - 1, 0))
    before = region.open_mark if region is not None else quote.span.start
    if _cue_after(doc, quote, after, end) or _cue_before(doc, quote, before, start) or _cue_in_sentence(doc, quote, before, start, regions):
        return "found" if quote.phrase is not None or quote.cue is not None else "unattributed"
    if _said_in_next_sentence(doc, quote, sentences, after):
        return "found"
    if previous is not None and _continues(doc, previous, quote):
        quote.speaker, quote.role = previous.speaker, previous.role
        return "continuation"
    return "unattributed"


def _cue_after(doc: Doc, quote: Quote, k: int, end: int) -> bool:
    """'“…,” kata Sullivan', '“…,” ujarnya', '“…,” Budi menambahkan.'"""
    while k < end and doc[k].text == ",":
        k += 1
    if k >= end:
        return False
    if doc[k].lower_ in CITATION_OPENERS and k + 1 < end and cue_form(doc[k + 1]) is not None:
        k += 1  # '“…,” demikian disampaikan Budi Waseso', '“…,” seperti dikatakan Budi'
    form = cue_form(doc[k])
    if form is not None:
        quote.cue = doc[k : k + 1]
        if form.kind != "clitic":
            quote.phrase = read_right(doc, _agent_start(doc, k, end), end, descriptive_tail=True)
        return True
    phrase = read_right(doc, k, end)
    if phrase is not None and phrase.span.end < end:
        form = cue_form(doc[phrase.span.end])
        if form is not None and form.kind in ("verb", "bare"):
            quote.cue = doc[phrase.span.end : phrase.span.end + 1]
            quote.phrase = phrase
            return True
    return False


def _cue_before(doc: Doc, quote: Quote, k: int, start: int) -> bool:
    """'X mengatakan: “…”', 'Kata X, “…”', 'Menurut X, “…”'."""
    j = k
    while j > start and doc[j - 1].text in ",:":
        j -= 1
    if j == k:
        return False
    for i in range(j - 1, max(start, j - 8) - 1, -1):
        form = cue_form(doc[i])
        if form is None:
            continue
        if form.kind in ("bare", "according") and (i == start or doc[i - 1].text in ",("):
            if is_clitic(doc[i].text):  # 'Menurutnya, “…”'
                quote.cue, quote.phrase = doc[i : i + 1], None
                return True
            phrase = read_right(doc, i + 1, j)
            if phrase is not None:
                quote.cue, quote.phrase = doc[i : i + 1], phrase
                return True
        if form.kind == "verb":
            subject, _ = subject_of(doc, i, start, None)
            if subject is not None:
                quote.cue, quote.phrase = doc[i : i + 1], subject
                return True
        return False
    return False


def _cue_in_sentence(doc: Doc, quote: Quote, k: int, start: int, regions: Regions) -> bool:
    """A quoted fragment in the object of a cue verb ('memperingatkan Putin terhadap "eskalasi militer"')
    or of a statement noun ('peringatan dari pejabat tinggi … mengambil "langkah agresif"')."""
    statement_nouns = vocabulary().statement_nouns
    for i in range(k - 1, start - 1, -1):
        if in_region(i, regions):
            return False
        if doc[i].lower_ in statement_nouns and i + 1 < k and doc[i + 1].lower_ == "dari":
            phrase = read_right(doc, i + 2, k)
            if phrase is not None:
                quote.cue, quote.phrase = doc[i : i + 1], phrase
                return True
        form = cue_form(doc[i])
        if form is None or form.kind != "verb" or (i > start and doc[i - 1].lower_ in NEGATORS):
            continue
        subject, _ = subject_of(doc, i, start, None)
        if subject is not None:
            quote.cue, quote.phrase = doc[i : i + 1], subject
            return True
    return False


SAID_THINGS = word_class("said_things")


def _said_in_next_sentence(doc: Doc, quote: Quote, sentences: list[tuple[int, int]], after: int) -> bool:
    """'“…” / Hal itu disampaikan Menteri Perdagangan Zulkifli Hasan usai rapat.': who said it comes next."""
    k = after
    while k < len(doc) and (doc[k].is_space or doc[k].text == ","):
        k += 1
    if k >= len(doc):
        return False
    start, stop = sentence_of(sentences, k)
    k = _after_connective(doc, max(start, k), stop)
    if not (k + 2 < stop and doc[k].lower_ in SAID_THINGS and doc[k + 1].lower_ in DEMONSTRATIVES):
        return False
    form = cue_form(doc[k + 2])
    if form is None or form.kind != "passive":
        return False
    phrase = read_right(doc, _agent_start(doc, k + 2, stop), stop, descriptive_tail=True)
    if phrase is None:
        return False
    quote.cue, quote.phrase = doc[k + 2 : k + 3], phrase
    return True


def _agent_start(doc: Doc, cue: int, end: int) -> int:
    """Where the speaker after the cue at ``cue`` starts: past the 'oleh' of a passive ('disampaikan oleh Budi')."""
    after = cue + 1
    if after < end and doc[after].lower_ == "oleh" and cue_form(doc[cue]).kind == "passive":
        return after + 1
    return after


def _continues(doc: Doc, previous: Quote, quote: Quote) -> bool:
    """A cue-less quote paragraph straight after an attributed quote."""
    text = doc_text(doc)
    gap = text[previous.span.end_char : quote.span.start_char]
    if gap.count("\n") > 2:
        return False
    line_start = text.rfind("\n", 0, quote.span.start_char) + 1
    opens_paragraph = not any(ch.isalnum() for ch in text[line_start : quote.span.start_char])
    return opens_paragraph and "\n" in gap


def person_mentions(doc: Doc, sentences: list[tuple[int, int]]) -> list[PersonMention]:
    """Every personal name in the document, with the role written before it.

    A lone capitalised word opening a sentence is usually an ordinary word
    ("Tujuannya", "Nomor"); it counts as a name only if the document also
    capitalises it mid-sentence.
    """
    sentence_starts = {start for start, _ in sentences}
    # Title-case headlines capitalise every word, so their names are unreliable.
    in_headline = {i for start, end in sentences if is_headline(doc, start, end) for i in range(start, end)}
    # Per-token facts computed once, from attribute arrays: a Token object per word costs more than the tests.
    texts, lowers = token_strings(doc)
    spaces = doc.to_array(IS_SPACE).tolist()
    ranks = rank_tokens(doc)
    names = [is_name_word(text) and i not in ranks for i, text in enumerate(texts)]
    opening = {
        i for i in range(len(texts))
        if i in sentence_starts or (i > 0 and (texts[i - 1] in QUOTE_MARKS or spaces[i - 1]))
    }
    mid_sentence_names = {lowers[i] for i in range(len(texts)) if i not in opening and names[i]}
    mentions = []
    i = 0
    while i < len(texts):
        if not names[i] or (i > 0 and names[i - 1]) or i in in_headline:
            i += 1
            continue
        end = i
        while end < len(texts) and names[end]:
            end += 1
        # "di Samarinda", "ke Senayan": a lone capitalised word after a locative is a place,
        # and so is any run after 'di' or 'ke' ("di Poin Square Lebak Bulus").
        lone = end - i == 1
        if i > 0 and (lone and lowers[i - 1] in LOCATIVES or _after_place_preposition(texts, lowers, i)):
            i = end
            continue
        if _opens_place(doc, lowers, i, end):
            i = end
            continue
        if lone and (i in opening and lowers[i] not in mid_sentence_names or lowers[i].endswith("nya") or len(texts[i]) < 2):
            i = end
            continue
        # 'Covid-19', 'SJ-182': a name with a number is a disease, a flight or a product, not a person.
        if end + 1 < len(texts) and texts[end] == "-" and doc[end + 1].like_num:
            i = end
            continue
        # 'Kapolda Metro Jaya Irjen Pol Wahyu Adhi': a run before a rank and a name is the role's place.
        after_ranks = end
        while after_ranks < len(texts) and (after_ranks in ranks or is_title(lowers[after_ranks])):
            after_ranks += 1
        if after_ranks > end and after_ranks < len(texts) and names[after_ranks]:
            i = end
            continue
        # 'Wali Kota Bogor Bima Arya': the leading words that belong to the role are not the name.
        first = i
        i = name_start(doc, first, end)
        run = doc[i:end]
        start, _ = sentence_of(sentences, i)
        phrase = read_left(doc, end, start)
        role = ""
        person = phrase.person() if phrase is not None else None
        if person is not None and person.end == end and person.start in (first, i):
            # The phrase's own labels leave the role's words out of the name, or else they are added here.
            role = " ".join(part for part in (phrase.role_text(), doc[person.start : i].text) if part)
        comma = i - 1
        while comma > start and is_title(lowers[comma]):
            comma -= 1  # 'Guru Besar UGM, Prof. Dr. Hermawan': titles between the comma and the name
        if not role and first == i and comma > start and texts[comma] == ",":
            # 'Kuasa hukum tersangka, Hotman Paris Hutapea, membantah …': the role before a comma.
            apposed = read_left(doc, comma, start)
            if apposed is not None and apposed.span.start - 1 > start and lowers[apposed.span.start - 1] == "dari":
                # 'anggota Komisi IV DPR dari Fraksi PDI Perjuangan, Darmadi Durianto, …'
                head = read_left(doc, apposed.span.start - 1, start)
                if head is not None and ROLE in head.labels and NAME not in head.labels + apposed.labels:
                    apposed = Phrase(doc[head.span.start : apposed.span.end], head.labels + [MOD] + apposed.labels)
            if apposed is not None and ROLE in apposed.labels and NAME not in apposed.labels:
                role = apposed.description()
        mentions.append(PersonMention(i, tuple(t.lower_ for t in run if not t.text.endswith(".")), run.text, role))
        i = end
    return mentions


def _opens_place(doc: Doc, lowers: list[str], i: int, end: int) -> bool:
    """Whether the capitalised run ``[i, end)`` is a place: a place noun opens it
    ('Jalan Sudirman') or comes just before it ('Kecamatan Batang Toru').

    A run that goes on past the place's name after a role's place noun is the
    person: 'Wali Kota Bogor Bima Arya', 'Ketua Bawaslu Kabupaten Boven Digoel
    Frans Asek' (``name_start`` leaves the place out). After a preposition or a
    comma the place noun opens a place of its own ('di Desa Sipenggeng, Kecamatan …').
    """
    if lowers[i] in PLACE_NOUNS and end - i > 1:
        opener, place = i, i + 1
    elif follows_place_noun(doc, i):
        opener, place = i - 1, i
    else:
        return False
    if end <= place_name_end(doc, place, end):
        return True
    return opener == 0 or lowers[opener - 1] in LOCATIVES or lowers[opener - 1] == ","


def _after_place_preposition(texts: list[str], lowers: list[str], i: int) -> bool:
    """Whether the capitalised words running up to ``i`` follow 'di' or 'ke': 'di Plaza Senayan Arcadia'."""
    v = vocabulary()
    k = i - 1
    # A role or title ends the walk: 'ke Presiden Joko Widodo' is a person.
    while k >= 0 and texts[k][:1].isupper() and lowers[k] not in v.role_words and not is_title(lowers[k]):
        k -= 1
    return k >= 0 and lowers[k] in PLACE_PREPOSITIONS


class People:
    """The document's person mentions, indexed by word for quick name resolution."""

    def __init__(self, mentions: list[PersonMention]) -> None:
        self.mentions = mentions
        # One entry per distinct name (its first mention, or the first that carries a role).
        distinct: dict[tuple[str, ...], PersonMention] = {}
        for mention in mentions:
            known = distinct.get(mention.words)
            if known is None or mention.role and not known.role:
                distinct[mention.words] = mention
        self.by_word: dict[str, list[PersonMention]] = {}
        for mention in distinct.values():
            for word in set(mention.words):
                self.by_word.setdefault(word, []).append(mention)
        self.with_role = [mention for mention in mentions if mention.role]
        self.positions = [mention.position for mention in mentions]

    def before(self, position: int) -> Optional[PersonMention]:
        index = bisect.bisect_left(self.positions, position)
        return self.mentions[index - 1] if index else None


def resolve_name(name: Span, people: People) -> tuple[str, str]:
    """The fullest form of a name in the document, and a role written with it.

    A single word ("Sullivan") resolves to the longest name containing it,
    the first such name on a tie. A name of several words only grows at its
    end ("Bima Arya" → "Bima Arya Sugiarto"), so "Joko Widodo" never becomes
    "Iriana Joko Widodo".
    """
    words = tuple(t.lower_ for t in name if not t.text.endswith("."))
    best: Optional[PersonMention] = None
    for person in people.by_word.get(words[0], []) if words else []:
        fits = _contains(person.words, words) if len(words) == 1 else person.words[: len(words)] == words
        if fits and (best is None or len(person.words) > len(best.words) or len(person.words) == len(best.words) and person.role and not best.role):
            best = person
    if best is None:
        return name.text, ""
    return best.text, best.role


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    if not shorter or len(shorter) > len(longer):
        return False
    return any(longer[i : i + len(shorter)] == shorter for i in range(len(longer) - len(shorter) + 1))


def resolve_role(phrase: Phrase, people: People, headline: bool = False) -> Optional[PersonMention]:
    """'kata Presiden' → the person introduced with that role earlier; 'kata Menko' → the
    'Menteri Koordinator Bidang Perekonomian' (abbreviations compare written out).

    A ``headline`` comes before the article that introduces its people: 'Kapolri: …'
    is the first person the text then introduces with that role.
    """
    role_words = _written_out(t.lower_ for t, label in zip(phrase.span, phrase.labels) if label in (ROLE, ORG))
    if ROLE not in phrase.labels or phrase.span[0].lower_ in INDEFINITE_DETERMINERS:
        return None
    fitting = [person for person in people.with_role if person.role and role_words <= _role_words(person.role)]
    before = [person for person in fitting if person.position < phrase.span.start]
    after = [person for person in fitting if person.position >= phrase.span.end] if headline and not before else []
    # 'Presiden Joko Widodo' over the 'Instruksi Presiden' of a decree named later, and over a 'Wakil Presiden'.
    candidates = before or after
    candidates = [person for person in candidates if _role_words(person.role) == role_words] or candidates
    if not candidates:
        return None
    return candidates[0] if after else candidates[-1]


ROLE_WORD = re.compile(r"[^\s,()\[\]]+")


def _role_words(role: str) -> set[str]:
    # 'Gubernur Bank Indonesia (BI)': the acronym in brackets is a word of the role too.
    return _written_out(ROLE_WORD.findall(role.lower()))


@lru_cache(maxsize=1)
def _role_abbreviations() -> dict[str, list[str]]:
    return data_json("role_abbreviations.json")["abbreviations"]


def _written_out(words: Iterable[str]) -> set[str]:
    abbreviations = _role_abbreviations()
    return {full for word in words for full in abbreviations.get(word, [word])}


def resolve_speaker(
    doc: Doc, quote: Quote, how: str, people: People, previous: Optional[Quote], quoted: Sequence[tuple[int, int]] = ()
) -> str:
    """Fill speaker, mention and role; return how the speaker was found.

    ``quoted`` holds the token ranges of all the document's quotes: names inside
    them are not who is speaking.
    """
    if how in ("continuation", "unattributed"):
        return how
    phrase = quote.phrase
    if phrase is None:
        # A clitic ("ujarnya") or a subjectless clause ("Dikatakan …"): whoever is speaking,
        # or someone introduced since ("Ketua Umum PBNU Yahya Cholil menyayangkan …").
        if quote.cue is not None and is_clitic(quote.cue.text):
            quote.mention = quote.cue
            how = "clitic"
        else:
            how = "subjectless"
        introduced = introduced_person(doc, people, _attribution_end(doc, previous), quote.span.start, quoted)
        if introduced is not None:
            quote.speaker, quote.role = resolve_name(introduced, people)
        elif previous is not None:
            quote.speaker, quote.role = previous.speaker, previous.role
        else:
            latest = latest_unquoted(people, quote.span.start, quoted)
            if latest is not None:
                quote.speaker, quote.role = resolve_name(doc[latest.position : latest.position + len(latest.words)], people)
        return how
    quote.mention = phrase.span
    if phrase.is_pronoun:
        _resolve_salient(doc, quote, phrase, people, previous, quoted)
        return "pronoun"
    if phrase.is_anaphoric_statement:
        if previous is not None:
            quote.speaker, quote.role = previous.speaker, previous.role
        return "pronoun"
    person = phrase.person()
    if person is not None:
        quote.mention = person
        quote.speaker, role = resolve_name(person, people)
        quote.role = phrase.role_text() or appositive_role(doc, phrase) or role
        return "named"
    introduced = resolve_role(phrase, people, _in_headline(doc, phrase.span.start))
    if introduced is not None:
        quote.speaker, quote.role = resolve_name(doc[introduced.position : introduced.position + len(introduced.words)], people)
        return "role"
    # 'Bendahara negara itu menjelaskan': a description only the person just written about fits.
    if phrase.is_definite_description and _resolve_salient(doc, quote, phrase, people, previous, quoted, described=True):
        return "pronoun"
    quote.speaker = phrase.description()
    return "description"


def _in_headline(doc: Doc, position: int) -> bool:
    return is_headline(doc, *sentence_of(doc.user_data.get("quotes.sentences", []), position))


def _resolve_salient(
    doc: Doc,
    quote: Quote,
    phrase: Phrase,
    people: People,
    previous: Optional[Quote],
    quoted: Sequence[tuple[int, int]],
    described: bool = False,
) -> bool:
    """Resolve 'Ia'/'Dia' or 'Pria itu' to the person it points back to; False when there is none.

    That is the named subject of the sentence just before ('Zelensky berterima
    kasih … Dia menyebut …'), else someone introduced since the last quote,
    that quote's speaker if it was just before, or the person named last. A
    description (``described``) says more than a pronoun, so it is not given
    to whoever was named last: that may be a place or someone in passing.
    """
    limit = min(phrase.span.start, quote.span.start)
    introduced = _previous_subject(doc, people, phrase.span.start, quoted) or introduced_person(
        doc, people, _attribution_end(doc, previous), limit, quoted
    )
    latest = latest_unquoted(people, limit, quoted)
    if latest is not None and previous is not None and latest.position < previous.span.end:
        latest = None  # named before the last quote: that quote's speaker spoke since
    if introduced is not None:
        quote.speaker, quote.role = resolve_name(introduced, people)
    elif previous is not None and _sentences_between(doc, previous, phrase.span.start) <= RECENT_SPEAKER_SENTENCES:
        quote.speaker, quote.role = previous.speaker, previous.role
    elif described:
        return False
    elif latest is not None:
        quote.speaker, quote.role = resolve_name(doc[latest.position : latest.position + len(latest.words)], people)
    elif previous is not None:
        quote.speaker, quote.role = previous.speaker, previous.role
    else:
        return False
    return True


def _previous_subject(doc: Doc, people: People, position: int, quoted: Sequence[tuple[int, int]]) -> Optional[Span]:
    """The name that opens the sentence before the one ``position`` opens, as its subject ('Zelensky berterima …')."""
    sentences: list[tuple[int, int]] = doc.user_data.get("quotes.sentences", [])
    index = bisect.bisect_right(sentences, (position, float("inf"))) - 1
    if index < 1 or _after_connective(doc, *sentences[index]) != position:
        return None
    start, end = sentences[index - 1]
    if any(a < end and start < b for a, b in quoted):
        return None
    k = _after_connective(doc, start, end)
    at = bisect.bisect_left(people.positions, k)
    if at == len(people.mentions) or people.mentions[at].position != k:
        return None
    after = k + len(people.mentions[at].words)
    if after >= end or not doc[after].is_alpha or not doc[after].is_lower:
        return None
    name = doc[k:after]
    # A lone word that no fuller name backs ('Grab juga menggandeng …') may be a company.
    full, _ = resolve_name(name, people)
    return name if len(full.split()) > 1 else None


def _opening_name(doc: Doc, start: int, end: int) -> Optional[Span]:
    """'Rina Suryani, Kepala Humas PT X, menjelaskan …': a name opening the sentence, then its role.

    An age in brackets marks a person even by one name: 'Jatra (53), sopir angkutan itu, meminta …'.
    """
    name_end = start
    while name_end < end and is_name_word(doc[name_end].text):
        name_end += 1
    stop = name_end
    aged = stop + 2 < end and doc[stop].text == "(" and doc[stop + 1].like_num and doc[stop + 2].text == ")"
    if aged:
        stop += 3
    if name_end - start < (1 if aged else MIN_CLOSING_NAME_WORDS) or stop + 1 >= end or doc[stop].text != ",":
        return None
    following = doc[stop + 1 : min(end, stop + 4)]
    if any(_is_role_word(t) for t in following):
        return doc[start:name_end]
    # 'Rina Suryani, Head of Corporate Communications PT X, menjelaskan': a capitalised apposition between commas.
    close = stop + 1
    while close < end and doc[close].text != "," and (is_capitalised(doc[close]) or doc[close].text in "()" or doc[close].lower_ in NAME_JOINERS):
        close += 1
    if close > stop + 1 and close < end and doc[close].text == ",":
        return doc[start:name_end]
    return None


def _is_role_word(token: Token) -> bool:
    v = vocabulary()
    lower = token.lower_.rstrip(".")
    return lower in v.role_words or lower in v.titles or lower in KIN_NOUNS


def _after_connective(doc: Doc, start: int, end: int) -> int:
    """Skip a fronted connective: 'Sementara itu, …', 'Namun, …'."""
    words = [t.lower_ for t in doc[start : min(end, start + 4)]]
    for connective in CONNECTIVES:
        parts = connective.split()
        if words[: len(parts)] == parts and start + len(parts) < end and doc[start + len(parts)].text == ",":
            return start + len(parts) + 1
    return start


INTRODUCTION_SENTENCES = 6
INTRODUCING_STOPS = word_class("introducing_stops")
SUBJECT_ASIDES = word_class("subject_asides")


def introduced_person(doc: Doc, people: People, start: int, end: int, quoted: Sequence[tuple[int, int]]) -> Optional[Span]:
    """The person last introduced between ``start`` and ``end`` as the subject of a sentence,
    by role and then name: 'Sementara itu, Direktur Jenderal Tanaman Pangan Suwandi
    Hartono menilai …', 'Sekretaris Jenderal partai itu Andi Saputra juga sepakat …'.

    Indonesian news brings in each new source this way; a '-nya' or 'Ia' quote
    right after belongs to them rather than to whoever was quoted before. Only
    the last few sentences count, and a sentence that names someone with a role
    in a way these patterns do not read ('Hal serupa diutarakan Wakil Wali Kota
    X') ends the search.
    """
    if end <= start:
        return None
    sentences: list[tuple[int, int]] = doc.user_data.get("quotes.sentences", [])
    index = bisect.bisect_right(sentences, (end, float("inf"))) - 1
    looked = 0
    while index >= 0 and looked < INTRODUCTION_SENTENCES:
        sentence_start, sentence_end = sentences[index]
        if sentence_end <= start:
            return None
        if sentence_start >= start and not any(a < sentence_end and sentence_start < b for a, b in quoted):
            looked += 1
            person = _subject_name(doc, sentence_start, min(sentence_end, end))
            if person is not None:
                return person
            speaker = _speaker_of_cue(doc, sentence_start, sentence_end)
            if speaker is not None:
                # Someone speaks here: a name is who was introduced; 'Ia mengemukakan …' points further back.
                if speaker.is_pronoun:
                    index -= 1
                    continue
                return speaker.person()
            lo, hi = bisect.bisect_left(people.positions, sentence_start), bisect.bisect_left(people.positions, sentence_end)
            if any(mention.role for mention in people.mentions[lo:hi]):
                return None  # someone is introduced here, in no pattern we read: do not look past them
        index -= 1
    return None


def _subject_name(doc: Doc, start: int, end: int) -> Optional[Span]:
    """The name that closes a role-first subject ('Kepala Dinas Kesehatan Jawa Tengah Yulianto Prabowo menyampaikan')."""
    k = _after_connective(doc, start, end)
    opening = _opening_name(doc, k, end)
    if opening is not None:
        return opening
    stop = k
    while stop < end:
        token = doc[stop]
        lower = token.lower_
        if is_quote_mark(token) or is_verb_like(token) or lower in INTRODUCING_STOPS or lower in SUBJECT_ASIDES or lower in ADVERBS:
            break
        if cue_form(token) is not None and not is_capitalised(token):
            break
        if stop > k and doc[stop - 1].text == "," and not is_capitalised(token) and not _describes(token):
            break  # 'Salah satu pendiri X, Rani Bustar, sepakat …': the predicate after the apposition
        stop += 1
    if stop >= end:
        return None  # a subject is followed by its verb
    while stop > k and doc[stop - 1].text in ",":
        stop -= 1
    run = _closing_name(doc, k, stop) or _apposed_name(doc, k, stop)
    if run is None:
        return _aged_name(doc, k, stop)
    if not any(_is_role_word(t) for t in doc[k : run.start]):
        return None
    return run


def _aged_name(doc: Doc, start: int, end: int) -> Optional[Span]:
    """'Salah satu korban, Marlina (52), warga Bekasi, …': a name set off by commas, marked
    as a person's by the age in brackets after it, whatever describes it around."""
    for k in range(start + 1, end - 2):
        if doc[k].text == "(" and doc[k + 1].like_num and doc[k + 2].text == ")" and (k + 3 == end or doc[k + 3].text == ","):
            j = k
            while j > start and is_name_word(doc[j - 1].text):
                j -= 1
            if j < k and (j == start or doc[j - 1].text == ","):
                return doc[j:k]
    return None


def _speaker_of_cue(doc: Doc, start: int, end: int) -> Optional[Phrase]:
    """The speaker phrase of the first cue in a sentence: 'lanjut Suwandi', 'Ia mengemukakan'.

    An empty phrase when the sentence has a cue whose speaker cannot be read.
    """
    for i in range(start, end):
        form = cue_form(doc[i])
        if form is None or is_capitalised(doc[i]) and i > start:
            continue
        phrase: Optional[Phrase] = None
        if form.kind == "verb":
            phrase, _ = subject_of(doc, i, start, None)
            if phrase is not None and not phrase.is_pronoun:
                run = _closing_name(doc, phrase.span.start, phrase.span.end)
                if run is not None:
                    phrase = Phrase(phrase.span, [NAME if run.start <= k < run.end else ROLE for k in range(phrase.span.start, phrase.span.end)])
        elif form.kind in ("bare", "according") and not is_clitic(doc[i].text):
            phrase = read_right(doc, i + 1, end)
            if phrase is not None:
                phrase = speaker_zone_phrase(doc, phrase, doc[i : i + 1], end)
        else:
            continue
        return phrase if phrase is not None else Phrase(doc[i:i], [])
    return None


def _describes(token: Token) -> bool:
    v = vocabulary()
    lower = token.lower_
    return lower in v.role_words or lower in v.role_modifiers or lower in DETERMINERS


def latest_unquoted(people: People, position: int, quoted: Sequence[tuple[int, int]]) -> Optional[PersonMention]:
    """The person named last before ``position``, outside any quote."""
    index = bisect.bisect_left(people.positions, position)
    for mention in reversed(people.mentions[:index]):
        if not any(a <= mention.position < b for a, b in quoted):
            return mention
    return None


def _attribution_end(doc: Doc, previous: Optional[Quote]) -> int:
    """The end of the sentence that attributes the previous quote (0 without one)."""
    if previous is None:
        return 0
    sentences: list[tuple[int, int]] = doc.user_data.get("quotes.sentences", [])
    last = max([previous.span.end - 1] + [part.end - 1 for part in (previous.cue, previous.mention) if part is not None])
    return sentence_of(sentences, last)[1]


def _sentences_between(doc: Doc, previous: Quote, position: int) -> int:
    sentences: list[tuple[int, int]] = doc.user_data.get("quotes.sentences", [])
    end = previous.span.end
    return sum(1 for start, _ in sentences if end <= start <= position)


def appositive_role(doc: Doc, phrase: Phrase) -> str:
    """'kata Jake Sullivan, penasihat keamanan nasional Biden.': the role after the name."""
    end = phrase.span.end
    if end + 1 >= len(doc) or doc[end].text != ",":
        return ""
    limit = end + 1
    while limit < len(doc) and doc[limit].text not in ".!?" and not doc[limit].is_space:
        limit += 1
    role = read_right(doc, end + 1, limit)
    if role is None or ROLE not in role.labels:
        return ""
    return role.span.text


def cited_media(doc: Doc, quote: Quote, sentence: tuple[int, int], regions: Regions) -> str:
    """The outlet named as the channel of this quote in its sentence.

    'dikutip dari'/'dilansir' outlets win over an interview's 'kepada CNN' or 'dihubungi Tempo'.
    """
    v = vocabulary()
    start, end = sentence
    addressed = ""
    if quote.phrase is not None and _is_media(quote.phrase.span):
        return quote.phrase.description()
    for k in range(start, end):
        if in_region(k, regions) or quote.span.start <= k < quote.span.end:
            continue
        words = [t.lower_ for t in doc[k : k + 4]]
        for cue in v.media_cues:
            if words[: len(cue)] == list(cue) and words[0] not in INTERVIEW_CHANNELS:
                outlet = _outlet_at(doc, k + len(cue), end)
                if outlet:
                    return outlet
        if doc[k].lower_ in INTERVIEW_CHANNELS and not addressed:
            outlet_span = _outlet_span(doc, k + 1, end)
            if outlet_span is not None and _is_media(outlet_span):
                addressed = outlet_span.text
    return addressed


OUTLET_PREFIXES = word_class("outlet_prefixes")
INTERVIEW_CHANNELS = word_class("interview_channels")


def _outlet_span(doc: Doc, k: int, end: int) -> Optional[Span]:
    while k < end and doc[k].lower_ in OUTLET_PREFIXES:
        k += 1
    stop = k
    while stop < end and (is_capitalised(doc[stop]) or DOMAIN.search(doc[stop].text) or doc[stop].lower_ in ("of", "the")) and not is_quote_mark(doc[stop]):
        if stop > k and doc[stop].lower_ in vocabulary().function_words and doc[stop].text[0].isupper() and doc[stop].lower_ not in ("of", "the"):
            break
        stop += 1
    return doc[k:stop] if stop > k else None


def _outlet_at(doc: Doc, k: int, end: int) -> str:
    span = _outlet_span(doc, k, end)
    return span.text if span is not None else ""


def _is_media(span: Span) -> bool:
    words = tuple(t.lower_ for t in span)
    if any(DOMAIN.search(t.text) for t in span):
        return True
    media = vocabulary().media
    return any(words[:n] in media for n in range(1, min(4, len(words)) + 1))


@Language.factory("quote_attributor", default_config={"source": "hybrid", "speaker_entities": True})
def make_quote_attributor(nlp: Language, name: str, source: str, speaker_entities: bool) -> QuoteAttributor:
    return QuoteAttributor(nlp, name, source, speaker_entities)
