"""The clause around a cue: its subject, whether its complement is a clause, and where the reported content starts and ends."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Doc, Span, Token

from quotes.components.structure import (
    MarkedRegion,
    Regions,
    after_connective,
    in_region,
)
from quotes.lang.doc_words import doc_text, lone_names, lowercase_words, places
from quotes.lang.lexicon import word_classes, word_lists
from quotes.lang.phrases import (
    MOD,
    NAME,
    ORG,
    PUNCT,
    ROLE,
    Phrase,
    heads_a_description,
    label_tokens,
    read_left,
)
from quotes.lang.words import (
    affixes,
    cue_form,
    is_capitalised,
    is_clitic,
    is_degree_text,
    is_name_word,
    is_quote_mark,
    is_verb_like,
    strip_clitic,
    vocabulary,
)

# Tokens of a complement searched for its predicate: room for a subject with a relative clause or a place.
CLAUSE_WINDOW = 12


@dataclass
class Report:
    """A reporting act found from a cue: who (phrase), the cue and the content."""

    cue: Span
    subject: Optional[Phrase]
    content: Span
    kind: str  # leading, trailing, according, subjectless, headline, colon_headline, …
    relay_of: Optional["Report"] = None


def _skip_left_adverbials(doc: Doc, i: int, start: int) -> int:
    """Index just after the subject of the verb at ``i``, skipping adverbs, time phrases and
    the academic degrees after a name ('Rahmat Suryadi Lubis, M.Si. mengatakan')."""
    j = i
    while j > start:
        token = doc[j - 1]
        lower = token.lower_
        degrees = _degrees_start(doc, j, start)
        if degrees is not None:
            j = degrees
            continue
        if lower in word_classes().demonstratives and not (j - 2 >= start and doc[j - 2].lower_ in word_classes().adverbs):
            break  # 'Politikus itu menambahkan': it ends the subject, unless a time word ('saat itu')
        if lower in word_classes().adverbs:
            j -= 1
        elif token.text == ")" :
            k = j - 1
            while k > start and doc[k].text != "(":
                k -= 1
            if doc[k].text == "(" and any(ch.isdigit() for ch in doc[k:j].text):
                j = k
            else:
                break
        elif j - 2 >= start and doc[j - 2].lower_ in word_classes().date_openers and (is_capitalised(token) or token.like_num):
            j -= 2
            if j - 1 >= start and doc[j - 1].lower_ in word_classes().time_prepositions:
                j -= 1
        else:
            break
    return j


# Tokens one degree after a name can take: 'Sp', '.', 'PD'.
MAX_DEGREE_TOKENS = 4


def _degrees_start(doc: Doc, end: int, start: int) -> Optional[int]:
    """Where the degrees ending at ``end`` start, commas included: 'Putri, MPH,' and 'Retno, M.Si.'
    end at the comma after the name. Only degrees after a comma count: 'Panglima TNI' keeps its 'TNI'."""
    segment_end = end - 1 if end - 1 > start and doc[end - 1].text == "," else end
    comma = next((c for c in range(segment_end - 1, max(start, segment_end - 1 - MAX_DEGREE_TOKENS), -1) if doc[c].text == ","), None)
    if comma is None or comma + 1 >= segment_end or not is_degree_text(doc[comma + 1 : segment_end].text):
        return None
    return comma


def _relative_clause_head(doc: Doc, comma: int, start: int) -> Optional[int]:
    """'Rusia yang telah …, membantah': the index just after the head before 'yang'."""
    relative_markers = word_classes().relative_markers
    k = comma - 1
    while k > start and doc[k].text not in (",", ".") and doc[k].lower_ not in relative_markers:
        k -= 1
    if doc[k].lower_ in relative_markers:
        head_end = k
        if head_end > start and doc[head_end - 1].text == ",":
            head_end -= 1
        return head_end
    return None


def subject_of(doc: Doc, i: int, start: int, previous: Optional[Report]) -> tuple[Optional[Phrase], bool]:
    """The subject phrase of the cue verb at ``i`` and whether it was inherited."""
    j = _skip_left_adverbials(doc, i, start)
    if j > start:
        left = doc[j - 1]
        if left.lower_ in word_classes().relative_markers and j - 1 > start:
            head_end = j - 1
            if doc[head_end - 1].text == ",":
                head_end -= 1
            return read_left(doc, head_end, start), False
        if left.text == ",":
            head_end = _relative_clause_head(doc, j - 1, start)
            if head_end is not None:
                return read_left(doc, head_end, start), False
            fronted = _subject_before_asides(doc, j - 1, start)
            if fronted is not None:
                return fronted, False
            if previous is not None:
                return previous.subject, True
            return _sentence_subject(doc, start, i), True
        if left.lower_ in word_classes().chaining_conjunctions:
            if previous is not None:
                return previous.subject, True
            return _sentence_subject(doc, start, i), True
    relative = _relative_clause_subject(doc, j, start)
    if relative is not None:
        return relative, False
    apposed = _name_before_description(doc, j, start)
    if apposed is not None:
        return apposed, False
    phrase = read_left(doc, j, start)
    if phrase is not None and is_possessed_noun(phrase):
        return None, False
    return phrase, False


MAX_APPOSED_NAME_WORDS = 3


def _name_before_description(doc: Doc, end: int, start: int) -> Optional[Phrase]:
    """'Riki, salah satu pedagang di Pasar Bestari Bintan Center mengatakan': the name the
    clause opens with, described after a comma that no second comma closes.

    The subject is the name, not the place or school the description ends with.
    Only a name the article uses alone elsewhere ('kata Sumardi'), or one
    described as one of many ('salah satu pembeli'), and never a place.
    """
    comma = next((k for k in range(end - 1, start, -1) if doc[k].text == ","), None)
    if comma is None or comma + 1 >= end:
        return None
    earlier = next((k for k in range(comma - 1, start, -1) if doc[k].text == ","), None)
    opening = earlier + 1 if earlier is not None else after_connective(doc, start, comma)
    if not 0 < comma - opening <= MAX_APPOSED_NAME_WORDS or not all(is_name_word(t.text) for t in doc[opening:comma]):
        return None
    name = tuple(t.lower_ for t in doc[opening:comma])
    head = doc[comma + 1]
    if name in places(doc) or not heads_a_description(head) and head.lower_ not in word_classes().indefinite_determiners:
        return None
    if head.lower_ not in word_classes().indefinite_determiners and not all(word in lone_names(doc) for word in name):
        return None
    if any(is_verb_like(t) and not affixes().participle_prefix.match(t.lower_) for t in doc[comma + 1 : end]):
        return None
    # Names in the description are of what it names ('Kepala SMA Karya Sekadau'), not of another person.
    description = [ORG if label == NAME else label for label in label_tokens(doc, comma + 1, end)]
    return Phrase(doc[opening:end], [NAME] * (comma - opening) + [PUNCT] + description)


# Words a relative clause before a cue verb runs over at most: 'saksi yang enggan disebut namanya'.
MAX_RELATIVE_CLAUSE_TOKENS = 8


def _relative_clause_subject(doc: Doc, end: int, start: int) -> Optional[Phrase]:
    """'Seorang saksi yang enggan disebut namanya mengatakan …': the person the relative clause describes.

    A named head is the speaker as it is ('Suharyanto yang hadir di lokasi');
    an unnamed one is described with its clause, which tells who it is.
    """
    relative_markers = word_classes().relative_markers
    k = end - 1
    while k > start and end - k <= MAX_RELATIVE_CLAUSE_TOKENS and doc[k].lower_ not in relative_markers:
        if ends_relative_clause(doc[k]):
            return None
        k -= 1
    if doc[k].lower_ not in relative_markers or k == end - 1:
        return None
    head = read_left(doc, k, start)
    if head is None or head.span.end != k or not _opens_clause(doc, head.span.start, start) or not _names_a_person(head):
        return None
    if head.person() is not None:
        return head
    return Phrase(doc[head.span.start : end], head.labels + [MOD] * (end - k))


def ends_relative_clause(token: Token) -> bool:
    """Punctuation or a complementiser ('bahwa', 'untuk') ends a relative clause: what follows is another clause."""
    lexicon = vocabulary()
    return token.is_punct or token.lower_ in lexicon.complementizers or token.lower_ in lexicon.directive_complementizers


def _opens_clause(doc: Doc, i: int, start: int) -> bool:
    """Whether a subject at ``i`` opens its clause: not 'yaitu anggota keluarga', '1.700 siswa'."""
    return i == start or doc[i - 1].is_punct or doc[i - 1].lower_ in word_lists().connectives


def _names_a_person(head: Phrase) -> bool:
    """A role ('saksi', 'petugas'), a word for a person ('pria') or a personal name, not a thing
    ('Pemeriksaan', a capitalised common noun) nor an organisation's acronym ('(Unicef)')."""
    if head.span[-1].text == ")":
        return False
    if ROLE in head.labels or any(t.lower_ in word_classes().person_nouns for t in head.span):
        return True
    person = head.person()
    common, lone = lowercase_words(head.doc), lone_names(head.doc)
    return person is not None and not all(t.lower_ in common and t.lower_ not in lone for t in person)


def is_possessed_noun(phrase: Phrase) -> bool:
    """'Tujuannya memastikan …' ('its aim is to ensure'): a noun with the possessive -nya.

    Capitalised at the start of a sentence it reads as a name, but it names
    no speaker, unless its noun is one for a person ('Pengacaranya', 'Ibunya'),
    or the article writes the word as a name elsewhere ('Sonya', after 'Sonya
    Hellen'). Pronominal -nya words ('Dirinya', 'Pihaknya') are function
    words, never labelled NAME, and so are not affected.
    """
    word = phrase.span.text
    if phrase.labels != [NAME] or not is_clitic(word):
        return False
    noun = strip_clitic(word).lower()
    lexicon = vocabulary()
    if noun in lexicon.role_words or noun in lexicon.titles:
        return False
    written_as_name = re.compile(rf"[a-z,] {re.escape(word)}\b|\b{re.escape(word)} [A-Z]")
    return written_as_name.search(doc_text(phrase.span.doc)) is None


def _is_aside(span: Span) -> bool:
    """A comma-delimited place, time or circumstance: 'di Surabaya', 'Senin (18/5/2020)'."""
    words = [t for t in span if not t.is_punct]
    if not words:
        return True
    if words[0].lower_ in word_classes().aside_openers:
        return True
    calendar = vocabulary().function_words
    return all(t.like_num or t.lower_ in calendar or "/" in t.text for t in words)


def _subject_before_asides(doc: Doc, comma: int, start: int) -> Optional[Phrase]:
    """'Kepala Bidang Humas Trunoyudo, di Surabaya, Senin (18/5/2020), mengatakan': the subject before the asides."""
    segment_end = comma
    while segment_end > start:
        segment_start = segment_end
        while segment_start > start and doc[segment_start - 1].text != ",":
            segment_start -= 1
        segment = doc[segment_start:segment_end]
        if not _is_aside(segment):
            phrase = read_left(doc, segment_end, segment_start)
            if phrase is not None and phrase.span.start == segment_start and phrase.span.end == segment_end:
                return phrase
            return None
        segment_end = segment_start - 1
    return None


def _sentence_subject(doc: Doc, start: int, limit: int) -> Optional[Phrase]:
    """The noun phrase that opens a sentence, after any fronted adverbial ending in a comma.

    A name or role that opens the sentence is its subject even when a long adjunct
    follows it: 'Menteri Perhubungan Budi Karya Sumadi dalam keterangan pers …, Kamis
    (9/6/2022), mengatakan, “…”'.
    """
    opening_end = next(
        (k for k in range(start + 1, limit) if doc[k].text in ",.;:" or is_quote_mark(doc[k]) or is_verb_like(doc[k]) or doc[k].lower_ in word_classes().phrase_stops and not is_capitalised(doc[k])),
        limit,
    )
    opening = read_left(doc, opening_end, start)
    if opening is not None and opening.span.start == start and (opening.person() is not None or ROLE in opening.labels):
        classes = word_classes()
        if (
            opening.person() is None
            and opening_end + 1 < len(doc)
            and doc[opening_end].lower_ in classes.relative_markers
            and doc[opening_end + 1].lower_ in classes.appositive_adverbs
        ):
            # 'Kepala BNPB yang juga Ketua Satgas Covid-19 Doni Monardo, …, mengatakan': the name ends the apposition.
            comma = next((k for k in range(opening_end + 2, limit) if doc[k].text == ","), limit)
            named = read_left(doc, comma, opening_end + 2)
            if named is not None and named.person() is not None:
                return named
        return opening
    first = start
    for k in range(start, limit):
        if doc[k].text == ",":
            first = k + 1
            break
        if is_verb_like(doc[k]):
            break
    end = first
    while end < limit and not is_verb_like(doc[end]) and doc[end].text not in ",.":
        end += 1
    return read_left(doc, end, first) if end > first else None


def looks_like_clause(doc: Doc, start: int, end: int, regions: Regions) -> bool:
    """Whether the complement at start..end is a clause rather than a noun phrase.

    A clause has a predicate (a verb, an auxiliary, or quoted words standing
    for one) before any preposition or subordinator that would make the words
    so far a noun phrase ("menegaskan dukungannya untuk …"). The subject of the
    clause may carry a relative clause or a place, whose own verbs are not the
    predicate: "menegaskan pembeli yang belum terdaftar tetap dapat membeli …",
    "menyebutkan tinggi gelombang di Selat Sunda berpotensi mencapai …".
    """
    complementizers = vocabulary().complementizers
    classes = word_classes()
    participle_prefix = affixes().participle_prefix
    modifier = None  # "relative" within 'yang …', "place" within 'di …', of the clause's subject
    modifier_verb_seen = False
    words_after_verb = words_after_preposition = 0
    for k in range(start, min(end, start + CLAUSE_WINDOW)):
        token = doc[k]
        lower = token.lower_
        if is_quote_mark(token) and in_region(k, regions):
            return True
        if token.text in ",.;" or lower in classes.subordinators or lower in complementizers:
            return False  # 'menyuarakan keprihatinan bahwa …': the content starts after 'bahwa'
        if lower in classes.relative_markers:
            modifier, modifier_verb_seen, words_after_verb = "relative", False, 0
            continue
        if lower in classes.noun_phrase_prepositions:
            modifier, words_after_preposition = "place", 0
            continue
        if is_verb_like(token):
            # The relative clause's own verbs ('yang belum terdaftar') are not the predicate;
            # a finite verb after them and more words is ('… tetap dapat membeli'), and so is
            # one after a place ('di Selat Sunda berpotensi mencapai'). A ter-/ber- word there
            # may still describe the noun ('di desa terdampak gempa').
            if modifier is None:
                return True
            after_modifier = modifier_verb_seen and words_after_verb if modifier == "relative" else words_after_preposition
            if after_modifier and not participle_prefix.match(lower):
                return True
            modifier_verb_seen = modifier_verb_seen or modifier == "relative"
            continue
        if lower in classes.coordinators and k + 1 < end and is_verb_like(doc[k + 1]):
            return False
        words_after_verb += 1 if modifier_verb_seen else 0
        words_after_preposition += 1
    return False


def reported_content_start(doc: Doc, i: int, end: int, cue_class: str, regions: Regions) -> Optional[int]:
    """Where the reported content begins after the cue verb at ``i``."""
    v = vocabulary()
    complementizers = v.complementizers | (v.directive_complementizers if cue_class == "directive" else frozenset())
    k = i + 1
    while k < end and doc[k].lower_ in word_classes().cue_adverbs:
        k += 1
    if k < end and doc[k].text in ",:":
        k += 1
        if k < end and doc[k].lower_ in v.complementizers:
            k += 1
        # A comma or colon after a saying verb announces the content: any predicate will do.
        return k if k < end and any(is_verb_like(t) or is_quote_mark(t) for t in doc[k:end]) else None
    # An addressee: "kepada CNN Internasional", "kepada wartawan".
    if k < end and doc[k].lower_ in word_classes().addressee_prepositions:
        k += 1
        while k < end and (is_capitalised(doc[k]) or doc[k].lower_ in word_classes().press_addressees) and not is_quote_mark(doc[k]):
            k += 1
        # and when: "kepada Kontan.co.id, Selasa (10/3), kualitas investasi …"
        k = _after_asides(doc, k, end)
    while k < end and doc[k].text in ",:":
        k += 1
    if k < end and doc[k].lower_ in complementizers:
        return k + 1
    if k < end and looks_like_clause(doc, k, end, regions):
        return k
    # "mengatakan kepada wartawan di Jakarta bahwa …": the content follows the complementiser.
    for k in range(i + 1, min(end, i + 1 + 14)):
        token = doc[k]
        if token.text in ".;," or (is_quote_mark(token) and in_region(k, regions)) or cue_form(token) is not None and k > i + 1:
            break
        if token.lower_ in complementizers:
            return k + 1
    return None


def _after_asides(doc: Doc, k: int, end: int) -> int:
    """Past the comma-delimited times and places at ``k``: ', Selasa (10/3),'."""
    while k < end and doc[k].text == ",":
        close = next((c for c in range(k + 1, end) if doc[c].text == ","), None)
        if close is None or not _is_aside(doc[k + 1 : close]):
            break
        k = close
    return k


def reported_content_end(doc: Doc, start: int, end: int, regions: list[MarkedRegion], inside_directive: bool) -> int:
    """Where the reported content ends: sentence end, or a comma before another cue or a source."""
    v = vocabulary()
    after_complementizer = start > 0 and doc[start - 1].lower_ in v.complementizers
    conjunctions = word_classes().additive_conjunctions
    k = start
    while k < end:
        token = doc[k]
        if in_region(k, regions):
            k += 1
            continue
        if token.text == ",":
            following = [t for t in doc[k + 1 : min(end, k + 4)]]
            words = [t.lower_ for t in following]
            if following and (
                any(cue_form(t) is not None for t in following[:2])
                or any(words[: len(m)] == list(m) for m in v.media_cues)
                or words[0] in word_classes().citation_openers
                or (is_verb_like(following[0]) and following[0].lower_ not in word_classes().continuing_auxiliaries)
            ):
                return k
        if not inside_directive and token.lower_ in conjunctions and k + 2 < end:
            after = doc[k + 1]
            form = cue_form(after)
            if form is not None and form.kind == "verb" and (
                after_complementizer or doc[k + 2].lower_ in v.complementizers or doc[k + 2].text in ",:" or form.cue_class != "directive"
            ):
                return k
        k += 1
    return end


def strip_end(doc: Doc, start: int, end: int) -> int:
    while end > start and (doc[end - 1].text in ".,;:" or doc[end - 1].is_space):
        end -= 1
    return end


def inserted_content_start(doc: Doc, start: int, comma: int, after_cue: int) -> int:
    """Where 'Y1, kata X, Y2' starts: at Y1 past its connectives, or at Y2 when Y1 is only
    a connective ('Sementara itu, kata Budi, …': only what follows is said)."""
    if doc[start:comma].text.lower() in word_lists().connectives:
        return after_cue
    return strip_connectives(doc, start, comma)


def strip_connectives(doc: Doc, start: int, end: int) -> int:
    text = doc[start:end].text.lower()
    for connective in sorted(word_lists().connectives, key=len, reverse=True):
        if text.startswith(connective + " ") or text.startswith(connective + ","):
            start += len(connective.split())
            while start < end and doc[start].text == ",":
                start += 1
            break
    return start
