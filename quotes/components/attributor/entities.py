"""Making the model's entities agree with the attribution: a speaker's name, role and affiliation labelled as the quotes read them."""

from __future__ import annotations

import re
from functools import partial
from typing import Optional, Sequence

from spacy.tokens import Doc, Span, Token

from quotes.components.attributor.model import PERSON_LABELS, ROLE_LABELS
from quotes.components.quote import Quote
from quotes.components.structure import sentence_of
from quotes.lang.doc_words import lone_names, rank_tokens
from quotes.lang.lexicon import Lexicon, lexicon, word_classes
from quotes.lang.phrases import (
    MAX_PHRASE_TOKENS,
    Phrase,
    read_left,
    role_and_affiliation,
)
from quotes.lang.words import (
    is_acronym,
    is_capitalised,
    is_name_word,
    is_quote_mark,
    is_title,
)


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
      and an AFFILIATION (:func:`quotes.lang.phrases.role_and_affiliation`), and so
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
        return i in ranks or is_title(doc[i].text) and (is_capitalised(doc[i]) or doc[i].lower_ in word_classes().lowercase_titles)

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
    return (opener in word_classes().phrase_stops or opener in word_classes().aside_openers) and not any(doc[k].text == "," for k in range(sentence_start, start))


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
    return token.lower_ in word_classes().organisation_heads or is_acronym(token)


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
    if any(head in word_classes().member_nouns or head in word_classes().person_nouns for head in heads):
        return True
    after_name = _passer_by_after_name()
    return any(after_name.match(text, found.end()) for found in re.finditer(rf"(?<!\w){re.escape(quote.speaker)}", text))


def _passer_by_after_name() -> re.Pattern[str]:
    """What follows a passer-by's name: an age in brackets, or a noun like 'petani' in apposition."""
    return lexicon().memo("passer_by_after_name", _read_passer_by_after_name)


def _read_passer_by_after_name(source: Lexicon) -> re.Pattern[str]:
    nouns = "|".join(sorted(source.words.member_nouns | source.words.person_nouns))
    classifiers = "|".join(map(re.escape, source.word_lists.person_classifiers))
    conjunctions = "|".join(map(re.escape, source.word_lists.list_conjunctions))
    # Not a list of guests: 'Ade Yasin, warga, dan pedagang'.
    return re.compile(rf" ?\(\d{{1,3}}\)|, (?:(?:{classifiers}) )?(?:{nouns})\b(?!,| (?:{conjunctions})\b)")
