"""Resolving a mention to a speaker: names, roles, pronouns, -nya, continuations and introductions."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from typing import Iterable, Optional, Sequence

from spacy.tokens import Doc, Span, Token

from quotes.components.attributor.people import (
    People,
    PersonMention,
    alias_of,
    resolve_name,
)
from quotes.components.attributor.speaker_phrase import (
    apposed_name,
    closing_name,
    is_role_word,
    opening_name,
    speaker_zone_phrase,
)
from quotes.components.finder.clauses import subject_of
from quotes.components.quote import Quote
from quotes.components.structure import (
    after_connective,
    is_headline,
    read_sentences,
    sentence_of,
)
from quotes.lang.lexicon import lexicon, word_classes
from quotes.lang.phrases import NAME, ORG, ROLE, Phrase, points_back, read_right
from quotes.lang.words import (
    cue_form,
    is_capitalised,
    is_clitic,
    is_name_word,
    is_quote_mark,
    is_verb_like,
    vocabulary,
)

RECENT_SPEAKER_SENTENCES = 2


def resolve_role(phrase: Phrase, people: People, headline: bool = False) -> Optional[PersonMention]:
    """'kata Presiden' → the person introduced with that role earlier; 'kata Menko' → the
    'Menteri Koordinator Bidang Perekonomian' (abbreviations compare written out).

    A ``headline`` comes before the article that introduces its people: 'Kapolri: …'
    is the first person the text then introduces with that role.
    """
    role_words = _written_out(t.lower_ for t, label in zip(phrase.span, phrase.labels) if label in (ROLE, ORG))
    if ROLE not in phrase.labels or phrase.span[0].lower_ in word_classes().indefinite_determiners:
        return None
    fitting = [person for person in people.with_role if person.role and role_words <= role_words_of(person.role)]
    before = [person for person in fitting if person.position < phrase.span.start]
    after = [person for person in fitting if person.position >= phrase.span.end] if headline and not before else []
    # 'Presiden Joko Widodo' over the 'Instruksi Presiden' of a decree named later, and over a 'Wakil Presiden'.
    candidates = before or after
    candidates = [person for person in candidates if role_words_of(person.role) == role_words] or candidates
    if not candidates:
        return None
    return candidates[0] if after else candidates[-1]


ROLE_WORD = re.compile(r"[^\s,()\[\]]+")


def role_words_of(role: str) -> set[str]:
    # 'Gubernur Bank Indonesia (BI)': the acronym in brackets is a word of the role too.
    return _written_out(ROLE_WORD.findall(role.lower()))


def _role_abbreviations() -> dict[str, list[str]]:
    return lexicon().memo("role_abbreviations", lambda source: source.json("role_abbreviations.json")["abbreviations"])


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
    if person is not None and points_back(phrase.span) and not _named_elsewhere(person, people):
        # 'Pelantun Tegar ini', 'Profesor Peneliti Robot Humanoid ini': what a role is of, pointed back at,
        # is a song or a field, not a name the article gives anyone.
        if _resolve_salient(doc, quote, phrase, people, previous, quoted, described=True):
            return "pronoun"
    if person is not None:
        quote.mention = person
        quote.speaker, role = resolve_name(person, people)
        quote.role = phrase.role_text() or appositive_role(doc, phrase) or role
        return "named"
    alias = alias_of(tuple(t.lower_ for t in phrase.span), people)
    if alias is not None:
        # 'kata SBY': an acronym or nickname the article, or national news, gives a person.
        quote.speaker, quote.role = alias
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


def _named_elsewhere(name: Span, people: People) -> bool:
    """Whether the article names a person with these words anywhere but here."""
    words = {token.lower_ for token in name}
    return any(mention.position != name.start and words & set(mention.words) for mention in people.mentions)


def _in_headline(doc: Doc, position: int) -> bool:
    return is_headline(doc, *sentence_of(read_sentences(doc), position))


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
        # 'pria asal Sumatra Barat itu', some paragraphs on: the one quoted a few sentences
        # before, else the last person introduced with a role, else the one named most.
        if previous is not None and _sentences_between(doc, previous, phrase.span.start) <= INTRODUCTION_SENTENCES:
            quote.speaker, quote.role = previous.speaker, previous.role
            return True
        with_role = [mention for mention in people.with_role if mention.position < limit]
        prominent = (
            doc[with_role[-1].position : with_role[-1].position + len(with_role[-1].words)] if with_role else most_named(doc, people, limit, quoted)
        )
        if prominent is None:
            return False
        quote.speaker, quote.role = resolve_name(prominent, people)
    elif latest is not None:
        quote.speaker, quote.role = resolve_name(doc[latest.position : latest.position + len(latest.words)], people)
    elif previous is not None:
        quote.speaker, quote.role = previous.speaker, previous.role
    else:
        return False
    return True


def _previous_subject(doc: Doc, people: People, position: int, quoted: Sequence[tuple[int, int]]) -> Optional[Span]:
    """The name that opens the sentence before the one ``position`` opens, as its subject ('Zelensky berterima …')."""
    sentences = read_sentences(doc)
    index = bisect.bisect_right(sentences, (position, float("inf"))) - 1
    if index < 1 or after_connective(doc, *sentences[index]) != position:
        return None
    start, end = sentences[index - 1]
    if any(a < end and start < b for a, b in quoted):
        return None
    k = after_connective(doc, start, end)
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


INTRODUCTION_SENTENCES = 6


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
    sentences = read_sentences(doc)
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
    k = after_connective(doc, start, end)
    opening = opening_name(doc, k, end)
    if opening is not None:
        return opening
    stop = k
    while stop < end:
        token = doc[stop]
        lower = token.lower_
        if is_quote_mark(token) or is_verb_like(token) or lower in word_classes().introducing_stops or lower in word_classes().subject_asides or lower in word_classes().adverbs:
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
    run = closing_name(doc, k, stop) or apposed_name(doc, k, stop)
    if run is None:
        return _aged_name(doc, k, stop)
    if not any(is_role_word(t) for t in doc[k : run.start]):
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
                run = closing_name(doc, phrase.span.start, phrase.span.end)
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
    return lower in v.role_words or lower in v.role_modifiers or lower in word_classes().determiners


def latest_unquoted(people: People, position: int, quoted: Sequence[tuple[int, int]]) -> Optional[PersonMention]:
    """The person named last before ``position``, outside any quote."""
    index = bisect.bisect_left(people.positions, position)
    for mention in reversed(people.mentions[:index]):
        if not any(a <= mention.position < b for a, b in quoted):
            return mention
    return None


def most_named(doc: Doc, people: People, position: int, quoted: Sequence[tuple[int, int]]) -> Optional[Span]:
    """The person the article names most often before ``position`` outside quotes, when named at least twice."""
    counts: Counter[str] = Counter()
    first: dict[str, Span] = {}
    for mention in people.mentions[: bisect.bisect_left(people.positions, position)]:
        if any(a <= mention.position < b for a, b in quoted):
            continue
        name = doc[mention.position : mention.position + len(mention.words)]
        full, _ = resolve_name(name, people)
        counts[full] += 1
        first.setdefault(full, name)
    if not counts:
        return None
    full, count = counts.most_common(1)[0]
    return first[full] if count >= 2 else None


def _attribution_end(doc: Doc, previous: Optional[Quote]) -> int:
    """The end of the sentence that attributes the previous quote (0 without one)."""
    if previous is None:
        return 0
    sentences = read_sentences(doc)
    last = max([previous.span.end - 1] + [part.end - 1 for part in (previous.cue, previous.mention) if part is not None])
    return sentence_of(sentences, last)[1]


def _sentences_between(doc: Doc, previous: Quote, position: int) -> int:
    sentences = read_sentences(doc)
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
