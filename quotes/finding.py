"""Quote-finding stage: the ``quote_finder`` spaCy component.

Direct quotes come from paired quotation marks; indirect and mixed quotes from
reporting cues ("X mengatakan (bahwa) …", "…, kata X", "Menurut X, …").
Each becomes a :class:`Quote` on ``doc._.quotes``; the ``quote_attributor``
component then resolves who said it.
"""

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator, Optional

import numpy
from spacy.attrs import IS_SPACE, ORTH
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from quotes.lexicon import word_class
from quotes.syntax import (
    ADVERBS,
    CONNECTIVES,
    DEMONSTRATIVES,
    MOD,
    NAME,
    NEGATORS,
    ORG,
    PERSON_NOUNS,
    PHRASE_STOPS,
    ROLE,
    Phrase,
    cue_form,
    headline_cue_form,
    is_acronym,
    is_capitalised,
    is_degree_text,
    is_quote_mark,
    is_verb_like,
    lone_names,
    lowercase_words,
    places,
    read_left,
    read_right,
    vocabulary,
)

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)

OPENING_ONLY = "“„«"
CLOSING_ONLY = "»"
EITHER_WAY = '"”'
SINGLE_OPEN, SINGLE_CLOSE = "‘", "’"
MIN_SINGLE_QUOTE_WORDS = 4
# Tokens of a complement searched for its predicate: room for a subject with a relative clause or a place.
CLAUSE_WINDOW = 12
PARTICIPLE_PREFIX = re.compile(r"^(?:ter|ber)")
SUBORDINATORS = word_class("subordinators")
NOUN_PHRASE_PREPOSITIONS = word_class("noun_phrase_prepositions")
COORDINATORS = word_class("coordinators")
CHAINING_CONJUNCTIONS = word_class("chaining_conjunctions")
CUE_ADVERBS = word_class("cue_adverbs")
PRESS_ADDRESSEES = word_class("press_addressees")
CITATION_OPENERS = word_class("citation_openers")
CONTINUING_AUXILIARIES = word_class("continuing_auxiliaries")


@dataclass
class Quote:
    """One quotation in a document, with its attribution once known."""

    span: Span
    quote_type: str  # "direct", "indirect" or "mixed"
    cue: Optional[Span] = None
    mention: Optional[Span] = None
    speaker: str = ""
    role: str = ""
    cited_from: str = ""
    confidence: float = 0.0
    evidence: str = ""  # how the speaker was found: named, role, clitic, pronoun, continuation, …
    phrase: Optional[Phrase] = field(default=None, repr=False)

    @property
    def text(self) -> str:
        return self.span.text

    @property
    def cue_text(self) -> str:
        if self.cue is None:
            return ""
        # 'katanya' is 'kata' with -nya; 'bertanya' is a word of its own.
        stripped = strip_clitic(self.cue.text)
        return stripped if stripped.lower() in vocabulary().cues else self.cue.text

    @property
    def mention_text(self) -> str:
        if self.mention is None:
            return ""
        if self.cue is not None and self.mention == self.cue and is_clitic(self.mention.text):
            return "nya"
        return self.mention.text


def is_clitic(word: str) -> bool:
    return word.lower().endswith("nya") and len(word) > 4


def strip_clitic(word: str) -> str:
    return word[:-3] if is_clitic(word) else word


@dataclass
class MarkedRegion:
    """A direct quote found from quotation marks: content span plus the mark tokens."""

    content: Span
    open_mark: int
    close_mark: Optional[int]
    closed: bool = True

    @property
    def last(self) -> int:
        """Index of the region's last token: its closing mark, else its last word."""
        return self.close_mark if self.close_mark is not None else self.content.end - 1


# ---------------------------------------------------------------- marks


def _direction(text: str, i: int) -> str:
    char = text[i]
    if char in OPENING_ONLY:
        return "open"
    if char in CLOSING_ONLY:
        return "close"
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 1] if i + 1 < len(text) else "\n"
    space_before = before.isspace() or before in "([{—–-:"
    space_after = after.isspace() or after in ".,;:!?)]}"
    if space_before and not space_after:
        return "open"
    if space_after and not space_before:
        return "close"
    return "either"


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for line in text.splitlines(keepends=True):
        yield start, start + len(line.rstrip("\r\n"))
        start += len(line)


def pair_marks(text: str, opening: str = OPENING_ONLY, either: str = EITHER_WAY, closing: str = CLOSING_ONLY) -> list[tuple[int, int, bool]]:
    """Pair quotation marks by position, direction and paragraph.

    Returns (open_index, close_index, closed) character triples. A quote left
    open at the end of a paragraph continues only when the next paragraph
    opens with a mark (the multi-paragraph convention); otherwise it ends with
    its paragraph, so an unpaired mark never swallows the rest of the text.
    """
    marks = set(opening) | set(either) | set(closing)
    pairs: list[tuple[int, int, bool]] = []
    open_at: Optional[int] = None
    paragraphs = list(_paragraphs(text))
    for number, (start, end) in enumerate(paragraphs):
        positions = [i for i in range(start, end) if text[i] in marks]
        if open_at is not None and positions and text[start:positions[0]].strip():
            pairs.append((open_at, _previous_end(paragraphs, number), False))
            open_at = None
        elif open_at is not None and positions and _narrates(text[open_at:_previous_end(paragraphs, number)]):
            # A stray mark before a reporter's paragraph ('”Dian menuturkan, …'): no quote, nothing continues.
            open_at = None
        elif open_at is not None and positions:
            positions = positions[1:]  # the mark that re-opens a continued quote
        elif open_at is not None:
            pairs.append((open_at, _previous_end(paragraphs, number), False))
            open_at = None
        for i in positions:
            direction = _direction(text, i)
            if text[i] in opening:
                direction = "open"
            if open_at is None:
                if direction != "close":
                    open_at = i
            elif direction == "open" and text[i] not in either:
                open_at = i
            else:
                pairs.append((open_at, i, True))
                open_at = None
        if open_at is not None and number + 1 < len(paragraphs):
            following = text[paragraphs[number + 1][0] : paragraphs[number + 1][1]].lstrip()
            if not following or following[0] not in marks:
                if not _narrates(text[open_at:end]):
                    pairs.append((open_at, end, False))
                open_at = None
    if open_at is not None:
        pairs.append((open_at, paragraphs[-1][1] if paragraphs else len(text), False))
    return pairs


@lru_cache(maxsize=1)
def _reporting_frame() -> re.Pattern[str]:
    """A cue verb then a comma: 'Dian menuturkan, …', how a reporter, not a speaker, goes on."""
    verbs = sorted((form for form, cue in vocabulary().cues.items() if cue.kind == "verb"), key=len, reverse=True)
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, verbs))}),")


def _narrates(passage: str) -> bool:
    return _reporting_frame().search(passage) is not None


def _previous_end(paragraphs: list[tuple[int, int]], number: int) -> int:
    return paragraphs[number - 1][1] if number else 0


def find_marked_regions(doc: Doc) -> list[MarkedRegion]:
    text = doc_text(doc)
    triples = pair_marks(text)
    taken = [(a, b) for a, b, _ in triples]
    singles = [
        t for t in pair_marks(text, SINGLE_OPEN, "", SINGLE_CLOSE)
        if t[2] and not any(a <= t[0] < b for a, b in taken) and len(text[t[0] + 1 : t[1]].split()) >= MIN_SINGLE_QUOTE_WORDS
    ]
    regions = []
    for open_index, close_index, closed in sorted(triples + singles):
        start, end = open_index + 1, close_index
        while start < end and text[start].isspace():
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
            end -= 1
        if end <= start:
            continue
        content = doc.char_span(start, end, alignment_mode="contract") or doc.char_span(start, end, alignment_mode="expand")
        if content is None or not content.text.strip():
            continue
        open_token = doc.char_span(open_index, open_index + 1, alignment_mode="expand")
        close_token = doc.char_span(close_index, close_index + 1, alignment_mode="expand") if closed else None
        regions.append(
            MarkedRegion(
                content=content,
                open_mark=open_token.start if open_token is not None else content.start,
                close_mark=close_token.start if close_token is not None else None,
                closed=closed,
            )
        )
    return _merge_consecutive(doc, [region for region in regions if not is_quoted_title(doc, region)])


TITLE_INTRODUCERS = word_class("title_introducers")
ENGLISH_TITLE_SMALL_WORDS = word_class("english_title_small_words")
# How far before the opening mark an introducer may stand: 'Seminar Daring Nasional ”…”'.
TITLE_INTRODUCER_WINDOW = 3


def is_quoted_title(doc: Doc, region: MarkedRegion) -> bool:
    """'webinar bertajuk ”Peran Perempuan dalam Pengembangan Pariwisata”': the marks name an event or a work.

    The passage is in Title Case (every word capitalised but the small ones)
    and follows, with no punctuation between, a word that introduces titles.
    """
    words = [token for token in region.content if token.text[0].isalpha()]
    function_words = vocabulary().function_words
    if len(words) < 2 or not all(
        is_capitalised(token) or token.lower_ in function_words or token.lower_ in ENGLISH_TITLE_SMALL_WORDS for token in words
    ):
        return False
    for k in range(region.open_mark - 1, max(region.open_mark - 1 - TITLE_INTRODUCER_WINDOW, -1), -1):
        if doc[k].is_punct or doc[k].is_space:
            return False
        if doc[k].lower_ in TITLE_INTRODUCERS:
            return True
    return False


def doc_text(doc: Doc) -> str:
    """The Doc's text, built once: ``Doc.text`` joins every token on each access."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def remember_text(doc: Doc, text: str) -> None:
    """Give ``doc_text`` the string ``doc`` was made from, sparing it the rebuild."""
    doc.user_data[TEXT_KEY] = text


TEXT_KEY = "quotes.text"


def _opens_paragraph(doc: Doc, token_index: int) -> bool:
    text = doc_text(doc)
    char = doc[token_index].idx
    line_start = text.rfind("\n", 0, char) + 1
    return not text[line_start:char].strip()


def _merge_consecutive(doc: Doc, regions: list[MarkedRegion]) -> list[MarkedRegion]:
    """Whole quoted paragraphs with nothing but marks between them are one quote."""
    merged: list[MarkedRegion] = []
    for region in regions:
        if merged and merged[-1].closed and region.closed and _opens_paragraph(doc, merged[-1].open_mark):
            gap = doc_text(doc)[merged[-1].content.end_char : region.content.start_char]
            if "\n" in gap and not any(ch.isalnum() for ch in gap):
                previous = merged[-1]
                previous.content = doc[previous.content.start : region.content.end]
                previous.close_mark = region.close_mark
                continue
        merged.append(region)
    return merged


# ---------------------------------------------------------------- sentences


def paragraph_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges between line breaks."""
    # Whole-Doc attribute arrays: creating a Token for each word costs more than the test.
    bounds = []
    start = 0
    for i in numpy.flatnonzero(doc.to_array(IS_SPACE)).tolist():
        if "\n" in doc[i].text:
            if i > start:
                bounds.append((start, i))
            start = i + 1
    if start < len(doc):
        bounds.append((start, len(doc)))
    return bounds


# ORTH ids are string hashes: the same in every vocabulary, so computed once.
FINAL_MARK_IDS = numpy.array([get_string_id(mark) for mark in ".!?"], dtype=numpy.uint64)


def sentence_bounds(doc: Doc, regions: "Regions") -> list[tuple[int, int]]:
    """Split into sentences at paragraph breaks and final punctuation outside quotes."""
    inside = regions.mask
    finals = numpy.flatnonzero(numpy.isin(doc.to_array(ORTH), FINAL_MARK_IDS)).tolist()
    bounds = []
    for paragraph_start, paragraph_end in paragraph_bounds(doc):
        start = paragraph_start
        for i in finals[bisect.bisect_left(finals, paragraph_start) : bisect.bisect_left(finals, paragraph_end)]:
            if not inside[i] and not _abbreviates(doc, i):
                following = doc[i + 1] if i + 1 < len(doc) else None
                if following is None or following.is_space or is_capitalised(following) or is_quote_mark(following) or following.like_num:
                    bounds.append((start, i + 1))
                    start = i + 1
        if start < paragraph_end:
            bounds.append((start, paragraph_end))
    spaces = doc.to_array(IS_SPACE)
    return [(a, b) for a, b in bounds if not spaces[a:b].all()]


def _abbreviates(doc: Doc, i: int) -> bool:
    """A mark between a short capitalised piece and a word ('Sp.PD', 'S.Pd') abbreviates; it
    ends no sentence. Scraped text also drops the space after a full stop ('kata dia.Menurut')."""
    if doc[i].whitespace_ or i == 0 or i + 1 >= len(doc) or doc[i - 1].whitespace_:
        return False
    piece = doc[i - 1].text
    return piece.isalpha() and piece[:1].isupper() and len(piece) <= 3


# ---------------------------------------------------------------- indirect


@dataclass
class Report:
    """A reporting act found from a cue: who (phrase), the cue and the content."""

    cue: Span
    subject: Optional[Phrase]
    content: Span
    kind: str  # leading, trailing, according, subjectless, headline, colon_headline, …
    relay_of: Optional["Report"] = None


SOURCES = ("hybrid", "rules", "model")


class QuoteFinder:
    """Find direct, indirect and mixed quotes in a Doc.

    ``source`` chooses the evidence: "rules" (quotation marks and cues),
    "model" (the statistical model's STATEMENT spans only) or "hybrid" (the
    rules, plus STATEMENT spans where the marks are missing or broken). Without
    a statistical model in the pipeline, "hybrid" is the rules.
    """

    def __init__(self, nlp: Language, name: str = "quote_finder", source: str = "hybrid") -> None:
        if source not in SOURCES:
            raise ValueError(f"quote_finder source must be one of {SOURCES}, not {source!r}")
        self.name = name
        self.source = source

    def __call__(self, doc: Doc) -> Doc:
        regions = Regions(doc, [] if self.source == "model" else find_marked_regions(doc))
        if self.source != "rules":
            regions = Regions(doc, sorted(regions + statement_regions(doc, regions), key=lambda region: region.open_mark))
        sentences = sentence_bounds(doc, regions)
        reports = []
        if self.source != "model":
            for start, end in sentences:
                reports.extend(_prefer_inner_reports(doc, find_reports(doc, start, end, regions)))
            reports.extend(layout_reports(doc, regions, sentences))
        doc._.quotes = build_quotes(doc, regions, reports)
        doc.user_data["quotes.sentences"] = sentences
        doc.user_data["quotes.source"] = self.source
        return doc


MIN_STATEMENT_WORDS = 3


def statement_regions(doc: Doc, regions: list[MarkedRegion]) -> list[MarkedRegion]:
    """Direct quotes from the model's STATEMENT spans that no pair of marks already covers."""
    found = []
    for ent in doc.ents:
        if ent.label_ != "STATEMENT" or any(r.open_mark <= ent.end - 1 and ent.start <= r.last + 1 for r in regions):
            continue
        start, end = ent.start, ent.end
        open_mark = start if is_quote_mark(doc[start]) else None
        close_mark = end - 1 if end - 1 > start and is_quote_mark(doc[end - 1]) else None
        content_start = start + (open_mark is not None)
        content_end = end - (close_mark is not None)
        while content_end > content_start and doc[content_end - 1].text == ",":
            content_end -= 1
        if content_end - content_start < MIN_STATEMENT_WORDS:
            continue
        found.append(
            MarkedRegion(
                content=doc[content_start:content_end],
                open_mark=open_mark if open_mark is not None else content_start,
                close_mark=close_mark,
                closed=close_mark is not None,
            )
        )
    return found


class Regions(list):
    """The document's quoted regions, with a per-token mask for constant-time lookups."""

    def __init__(self, doc: Doc, regions: list[MarkedRegion]) -> None:
        super().__init__(regions)
        self.mask = bytearray(len(doc))
        for region in regions:
            last = min(region.last, len(doc) - 1)
            self.mask[region.open_mark : last + 1] = b"\x01" * (last + 1 - region.open_mark)


def in_region(i: int, regions: Regions) -> bool:
    return 0 <= i < len(regions.mask) and bool(regions.mask[i])


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
        if lower in DEMONSTRATIVES and not (j - 2 >= start and doc[j - 2].lower_ in ADVERBS):
            break  # 'Politikus itu menambahkan': it ends the subject, unless a time word ('saat itu')
        if lower in ADVERBS:
            j -= 1
        elif token.text == ")" :
            k = j - 1
            while k > start and doc[k].text != "(":
                k -= 1
            if doc[k].text == "(" and any(ch.isdigit() for ch in doc[k:j].text):
                j = k
            else:
                break
        elif j - 2 >= start and doc[j - 2].lower_ in ("hari", "pada") and (is_capitalised(token) or token.like_num):
            j -= 2
            if j - 1 >= start and doc[j - 1].lower_ == "pada":
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
    k = comma - 1
    while k > start and doc[k].text not in (",", ".") and doc[k].lower_ != "yang":
        k -= 1
    if doc[k].lower_ == "yang":
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
        if left.lower_ == "yang" and j - 1 > start:
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
        if left.lower_ in CHAINING_CONJUNCTIONS:
            if previous is not None:
                return previous.subject, True
            return _sentence_subject(doc, start, i), True
    relative = _relative_clause_subject(doc, j, start)
    if relative is not None:
        return relative, False
    phrase = read_left(doc, j, start)
    if phrase is not None and is_possessed_noun(phrase):
        return None, False
    return phrase, False


# Words a relative clause before a cue verb runs over at most: 'saksi yang enggan disebut namanya'.
MAX_RELATIVE_CLAUSE_TOKENS = 8


def _relative_clause_subject(doc: Doc, end: int, start: int) -> Optional[Phrase]:
    """'Seorang saksi yang enggan disebut namanya mengatakan …': the person the relative clause describes.

    A named head is the speaker as it is ('Suharyanto yang hadir di lokasi');
    an unnamed one is described with its clause, which tells who it is.
    """
    k = end - 1
    while k > start and end - k <= MAX_RELATIVE_CLAUSE_TOKENS and doc[k].lower_ != "yang":
        if _ends_relative_clause(doc[k]):
            return None
        k -= 1
    if doc[k].lower_ != "yang" or k == end - 1:
        return None
    head = read_left(doc, k, start)
    if head is None or head.span.end != k or not _opens_clause(doc, head.span.start, start) or not _names_a_person(head):
        return None
    if head.person() is not None:
        return head
    return Phrase(doc[head.span.start : end], head.labels + [MOD] * (end - k))


def _ends_relative_clause(token: Token) -> bool:
    """Punctuation or a complementiser ('bahwa', 'untuk') ends a relative clause: what follows is another clause."""
    lexicon = vocabulary()
    return token.is_punct or token.lower_ in lexicon.complementizers or token.lower_ in lexicon.directive_complementizers


def _opens_clause(doc: Doc, i: int, start: int) -> bool:
    """Whether a subject at ``i`` opens its clause: not 'yaitu anggota keluarga', '1.700 siswa'."""
    return i == start or doc[i - 1].is_punct or doc[i - 1].lower_ in CONNECTIVES


def _names_a_person(head: Phrase) -> bool:
    """A role ('saksi', 'petugas'), a word for a person ('pria') or a personal name, not a thing
    ('Pemeriksaan', a capitalised common noun) nor an organisation's acronym ('(Unicef)')."""
    if head.span[-1].text == ")":
        return False
    if ROLE in head.labels or any(t.lower_ in PERSON_NOUNS for t in head.span):
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


ASIDE_OPENERS = word_class("aside_openers")


def _is_aside(span: Span) -> bool:
    """A comma-delimited place, time or circumstance: 'di Surabaya', 'Senin (18/5/2020)'."""
    words = [t for t in span if not t.is_punct]
    if not words:
        return True
    if words[0].lower_ in ASIDE_OPENERS:
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
        (k for k in range(start + 1, limit) if doc[k].text in ",.;:" or is_quote_mark(doc[k]) or is_verb_like(doc[k]) or doc[k].lower_ in PHRASE_STOPS and not is_capitalised(doc[k])),
        limit,
    )
    opening = read_left(doc, opening_end, start)
    if opening is not None and opening.span.start == start and (opening.person() is not None or ROLE in opening.labels):
        if opening.person() is None and [t.lower_ for t in doc[opening_end : opening_end + 2]] == ["yang", "juga"]:
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
    modifier = None  # "relative" within 'yang …', "place" within 'di …', of the clause's subject
    modifier_verb_seen = False
    words_after_verb = words_after_preposition = 0
    for k in range(start, min(end, start + CLAUSE_WINDOW)):
        token = doc[k]
        lower = token.lower_
        if is_quote_mark(token) and in_region(k, regions):
            return True
        if token.text in ",.;" or lower in SUBORDINATORS or lower in complementizers:
            return False  # 'menyuarakan keprihatinan bahwa …': the content starts after 'bahwa'
        if lower == "yang":
            modifier, modifier_verb_seen, words_after_verb = "relative", False, 0
            continue
        if lower in NOUN_PHRASE_PREPOSITIONS:
            modifier, words_after_preposition = "place", 0
            continue
        if is_verb_like(token) or lower == "akan":
            # The relative clause's own verbs ('yang belum terdaftar') are not the predicate;
            # a finite verb after them and more words is ('… tetap dapat membeli'), and so is
            # one after a place ('di Selat Sunda berpotensi mencapai'). A ter-/ber- word there
            # may still describe the noun ('di desa terdampak gempa').
            if modifier is None:
                return True
            after_modifier = modifier_verb_seen and words_after_verb if modifier == "relative" else words_after_preposition
            if after_modifier and not PARTICIPLE_PREFIX.match(lower):
                return True
            modifier_verb_seen = modifier_verb_seen or modifier == "relative"
            continue
        if lower in COORDINATORS and k + 1 < end and is_verb_like(doc[k + 1]):
            return False
        words_after_verb += 1 if modifier_verb_seen else 0
        words_after_preposition += 1
    return False


def _content_start(doc: Doc, i: int, end: int, cue_class: str, regions: Regions) -> Optional[int]:
    """Where the reported content begins after the cue verb at ``i``."""
    v = vocabulary()
    complementizers = v.complementizers | (v.directive_complementizers if cue_class == "directive" else frozenset())
    k = i + 1
    while k < end and doc[k].lower_ in CUE_ADVERBS:
        k += 1
    if k < end and doc[k].text in ",:":
        k += 1
        if k < end and doc[k].lower_ in v.complementizers:
            k += 1
        # A comma or colon after a saying verb announces the content: any predicate will do.
        return k if k < end and any(is_verb_like(t) or is_quote_mark(t) for t in doc[k:end]) else None
    # An addressee: "kepada CNN Internasional", "kepada wartawan".
    if k < end and doc[k].lower_ == "kepada":
        k += 1
        while k < end and (is_capitalised(doc[k]) or doc[k].lower_ in PRESS_ADDRESSEES) and not is_quote_mark(doc[k]):
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


def _content_end(doc: Doc, start: int, end: int, regions: list[MarkedRegion], inside_directive: bool) -> int:
    """Where the reported content ends: sentence end, or a comma before another cue or a source."""
    v = vocabulary()
    after_complementizer = start > 0 and doc[start - 1].lower_ in v.complementizers
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
                or words[0] in CITATION_OPENERS
                or (is_verb_like(following[0]) and following[0].lower_ not in CONTINUING_AUXILIARIES)
            ):
                return k
        if not inside_directive and token.lower_ in ("dan", "serta") and k + 2 < end:
            after = doc[k + 1]
            form = cue_form(after)
            if form is not None and form.kind == "verb" and (
                after_complementizer or doc[k + 2].lower_ in v.complementizers or doc[k + 2].text in ",:" or form.cue_class != "directive"
            ):
                return k
        k += 1
    return end


def _strip_end(doc: Doc, start: int, end: int) -> int:
    while end > start and (doc[end - 1].text in ".,;:" or doc[end - 1].is_space):
        end -= 1
    return end


def _inserted_content_start(doc: Doc, start: int, comma: int, after_cue: int) -> int:
    """Where 'Y1, kata X, Y2' starts: at Y1 past its connectives, or at Y2 when Y1 is only
    a connective ('Sementara itu, kata Budi, …': only what follows is said)."""
    if doc[start:comma].text.lower() in CONNECTIVES:
        return after_cue
    return _strip_connectives(doc, start, comma)


def _strip_connectives(doc: Doc, start: int, end: int) -> int:
    text = doc[start:end].text.lower()
    for connective in sorted(CONNECTIVES, key=len, reverse=True):
        if text.startswith(connective + " ") or text.startswith(connective + ","):
            start += len(connective.split())
            while start < end and doc[start].text == ",":
                start += 1
            break
    return start


def find_reports(doc: Doc, start: int, end: int, regions: list[MarkedRegion]) -> list[Report]:
    """Reporting acts in one sentence."""
    reports: list[Report] = []
    previous: Optional[Report] = None
    headline = is_headline(doc, start, end)
    colon_headline = _colon_headline_report(doc, start, end, regions) if headline else None
    if colon_headline is not None:
        reports.append(colon_headline)
    i = start
    while i < end:
        token = doc[i]
        form = headline_cue_form(token) if headline else cue_form(token)
        if form is None or in_region(i, regions):
            i += 1
            continue
        report = None
        negated = i > start and doc[i - 1].lower_ in NEGATORS
        if form.kind == "verb" and not negated and not _relative_cue(doc, i, end):
            report = _leading_report(doc, i, start, end, form.cue_class, regions, previous)
        elif form.kind == "according":
            report = _according_report(doc, i, start, end, regions)
        elif form.kind == "passive" and i == start:
            report = _subjectless_report(doc, i, end, regions)
        elif form.kind in ("bare", "clitic", "passive") and i > start and doc[i - 1].text == ",":
            report = _trailing_report(doc, i, start, end, regions, reports)
        elif form.kind == "bare" and i == start and is_capitalised(token):
            report = _fronted_report(doc, i, end, regions)
        elif form.kind in ("bare", "verb", "headline") and is_capitalised(token) and i > start and headline:
            report = _headline_report(doc, i, start, end)
        if report is not None:
            reports.append(report)
            previous = report
        i += 1
    return reports


def _relative_cue(doc: Doc, i: int, end: int) -> bool:
    """'Sopir yang mengaku belum punya SIM ini mengatakan …': a cue in a relative clause
    describes the subject of a later cue verb in the same clause, which is the report."""
    if i == 0 or doc[i - 1].lower_ != "yang":
        return False
    for k in range(i + 1, min(end, i + 1 + MAX_RELATIVE_CLAUSE_TOKENS)):
        form = cue_form(doc[k])
        if _ends_relative_clause(doc[k]):
            return False
        if form is not None and form.kind == "verb":
            return True
    return False


def _leading_report(doc, i, start, end, cue_class, regions, previous) -> Optional[Report]:
    content_start = _content_start(doc, i, end, cue_class, regions)
    subject, _ = subject_of(doc, i, start, previous)
    if subject is None and i == start:
        subject = None  # "Mengatakan bahwa …": the speaker is whoever spoke last
    elif subject is None:
        return None
    if content_start is None:
        return None
    content_end = _strip_end(doc, content_start, _content_end(doc, content_start, end, regions, cue_class == "directive"))
    if content_end <= content_start:
        return None
    kind = "subjectless" if subject is None else "leading"
    return Report(doc[i : i + 1], subject, doc[content_start:content_end], kind)


def _according_report(doc, i, start, end, regions) -> Optional[Report]:
    if i - 2 >= start and doc[i - 1].text == "," and is_quote_mark(doc[i - 2]) and in_region(i - 2, regions):
        return None
    if i - 1 >= start and is_quote_mark(doc[i - 1]) and in_region(i - 1, regions):
        return None
    # 'Menurutnya, …': the clitic is the speaker, whoever is speaking.
    clitic = is_clitic(doc[i].text)
    phrase = None if clitic else read_right(doc, i + 1, end, descriptive_tail=True)
    if phrase is None and not clitic:
        return None
    after = i + 1 if phrase is None else phrase.span.end
    if after < end and doc[after].text == ",":
        content_start = after + 1
        content_end = _strip_end(doc, content_start, _content_end(doc, content_start, end, regions, False))
        if i == start or (i > start and doc[i - 1].text in ",(" and content_end > content_start):
            if i > start and doc[i - 1].text == "," and i - 1 > start:
                # "Y1, menurut X, Y2": an inserted cue; the quote is the whole span, cue included.
                content_start = _inserted_content_start(doc, start, i - 1, content_start)
            if content_end > content_start:
                return Report(doc[i : i + 1], phrase, doc[content_start:content_end], "according")
        return None
    if after >= end or doc[after].text in ".!?":
        # "…, menurut X." at the end of the sentence.
        if i > start and doc[i - 1].text == ",":
            content_start = _strip_connectives(doc, start, i - 1)
            content_end = _strip_end(doc, content_start, i - 1)
            if content_end > content_start and not any(in_region(k, regions) for k in (content_start, content_end - 1)):
                return Report(doc[i : i + 1], phrase, doc[content_start:content_end], "according")
        return None
    # "yang menurut Gedung Putih berlangsung selama …": the clause follows directly.
    if looks_like_clause(doc, after, end, regions):
        content_end = _strip_end(doc, after, _content_end(doc, after, end, regions, False))
        k = after
        while k < content_end and doc[k].text != ",":
            k += 1
        return Report(doc[i : i + 1], phrase, doc[after:k], "according")
    return None


def _subjectless_report(doc, i, end, regions) -> Optional[Report]:
    k = i + 1
    while k < end and doc[k].text in ",:" or (k < end and doc[k].lower_ in vocabulary().complementizers):
        k += 1
    if k >= end or not looks_like_clause(doc, k, end, regions):
        return None
    content_end = _strip_end(doc, k, _content_end(doc, k, end, regions, False))
    return Report(doc[i : i + 1], None, doc[k:content_end], "subjectless") if content_end > k else None


def _trailing_report(doc, i, start, end, regions, earlier: list[Report]) -> Optional[Report]:
    comma = i - 1
    # A quote right before the comma is a direct quote: attribution handles it.
    if comma - 1 >= start and is_quote_mark(doc[comma - 1]) and in_region(comma - 1, regions):
        return None
    if any(report.content.end >= comma - 1 and report.content.start < comma for report in earlier):
        return None  # "Putin mengatakan …, kata Kremlin": the relayer does not own the quote.
    form = cue_form(doc[i])
    phrase = None
    if form.kind != "clitic":
        phrase = read_right(doc, i + 1, end)
        if phrase is None:
            return None
    content_start = _strip_connectives(doc, start, comma)
    if any(in_region(k, regions) for k in range(content_start, comma)) and not any(
        not in_region(k, regions) and not doc[k].is_punct for k in range(content_start, comma)
    ):
        return None
    after = phrase.span.end if phrase is not None else i + 1
    # "Y1, kata X, Y2": an inserted cue; the quote is the whole span.
    content_end = comma
    # 'Untuk itu, kata Sri Mulyani, ”IMF akan …”' goes on with a direct quote, which attribution handles.
    inserted = after + 1 < end and doc[after].text == "," and not _is_source_tail(doc, after + 1, end) and not is_quote_mark(doc[after + 1])
    if inserted:
        content_end = _strip_end(doc, after + 1, end)
        content_start = _inserted_content_start(doc, start, comma, after + 1)
    # The predicate may come after the cue: 'Ganjil-genap, kata Hendrawan, tetap tidak berlaku …'.
    clause = looks_like_clause(doc, content_start, comma, regions) or inserted and looks_like_clause(doc, after + 1, content_end, regions)
    if content_end <= content_start or not clause and comma - content_start < 4:
        return None
    return Report(doc[i : i + 1], phrase, doc[content_start:content_end], "trailing")


SOURCE_TAIL_OPENERS = word_class("source_tail_openers")


def _is_source_tail(doc: Doc, k: int, end: int) -> bool:
    words = [t.lower_ for t in doc[k : min(end, k + 3)]]
    v = vocabulary()
    return (
        not words
        or words[0] in SOURCE_TAIL_OPENERS
        or any(words[: len(m)] == list(m) for m in v.media_cues)
        or is_capitalised(doc[k]) and doc[k].lower_ in v.function_words
        or doc[k].like_num
    )


HEADLINE_MAX_TOKENS = 20


def is_headline(doc: Doc, start: int, end: int) -> bool:
    """A title-case line without final punctuation."""
    words = [t for t in doc[start:end] if t.is_alpha]
    return (
        0 < end - start <= HEADLINE_MAX_TOKENS
        and doc[end - 1].text not in ".!?"
        and sum(is_capitalised(t) for t in words) >= 0.6 * len(words)
    )


def _headline_report(doc, i, start, end) -> Optional[Report]:
    """'Joe Biden Desak Rusia Segera Turunkan Tensi': an attributed headline.

    The speaker opens the headline, or its second part: 'Kasus DBD Melonjak,
    Kemenkes Minta Daerah Aktifkan Jumantik'.
    """
    subject = read_left(doc, i, start)
    if subject is None or not _opens_headline_part(doc, subject.span.start, start) or not _names_a_speaker(subject, end):
        return None
    return Report(doc[i : i + 1], subject, doc[i + 1 : end], "headline") if end > i + 1 else None


HEADLINE_RUBRICS = word_class("headline_rubrics")
# 'Gubernur BI: …', 'Menteri Keuangan Sri Mulyani: …': a speaker before a headline's colon is short.
MAX_HEADLINE_SPEAKER_TOKENS = 6
MAX_NAME_WORDS = 5


def _colon_headline_report(doc: Doc, start: int, end: int, regions: Regions) -> Optional[Report]:
    """'Gubernur BI: Kami Ada di Pasar': a headline giving a speaker's words after a colon.

    The words are the speaker's own, as a quote's are, so the quote is direct.
    A rubric or a credit before the colon ('VIDEO: …', 'Rep: … / Red: …') is no
    speaker, and a line of several colons is a list of credits.
    """
    if doc[start].lower_ in HEADLINE_RUBRICS:
        return None
    colons = [k for k in range(start + 1, end) if doc[k].text == ":"]
    if len(colons) != 1 or colons[0] - start > MAX_HEADLINE_SPEAKER_TOKENS or in_region(colons[0], regions):
        return None
    colon = colons[0]
    subject = read_left(doc, colon, start)
    if subject is None or subject.span.start != start or not _names_a_speaker(subject, end):
        return None
    content_end = _strip_end(doc, colon + 1, end)
    content = doc[colon + 1 : content_end]
    if len(content) < 2 or _is_name(content) and any(t.text in {w.text for w in content} for t in doc[end:]):
        return None  # 'Tersangka: Budi Santoso' is a field of a fact box
    return Report(doc[colon : colon + 1], subject, doc[colon + 1 : content_end], "colon_headline")


def _opens_headline_part(doc: Doc, k: int, start: int) -> bool:
    return k == start or doc[k - 1].text == ","


def _names_a_speaker(subject: Phrase, headline_end: int) -> bool:
    """A headline's speaker is a role ('Gubernur BI'), an organisation ('Kemenkes', 'Dishub
    DKI', 'Bank Indonesia'), or a person the article goes on to name ('Jokowi'); not a
    topic ('Gempa Cianjur', 'IHSG Hari Ini', 'Prediksi BMKG')."""
    if ROLE in subject.labels:
        return True
    doc = subject.span.doc
    common, organisation_words = lowercase_words(doc), vocabulary().organisation_words
    if ORG in subject.labels and set(subject.labels) <= {ORG, NAME}:
        return all(is_acronym(t) or t.lower_ in organisation_words or t.lower_ not in common for t in subject.span)
    person = subject.person()
    if person is None:
        return False
    words = {t.text for t in person}
    later = [doc[k].text for k in range(headline_end, len(doc)) if not _opens_sentence(doc, k)]
    # A word written in lowercase elsewhere is a common noun, unless the article also writes it
    # capitalised inside a sentence, as a name ('Kemenhaj' beside a link to kemenhaj.go.id).
    if _is_name(person) and any(t.text in words for t in doc[headline_end:]) or words <= set(later):
        return True
    # A one-word name the article never writes in lowercase, nor as a place, is a nickname the
    # body may write out ('Jokowi: …' over 'Presiden Joko Widodo').
    return len(person) == 1 and _is_name(person) and (person[0].lower_,) not in places(doc)


def _opens_sentence(doc: Doc, k: int) -> bool:
    return k == 0 or doc[k - 1].is_space or doc[k - 1].text in ".!?" or is_quote_mark(doc[k - 1])


def _is_name(span: Span) -> bool:
    """Capitalised words the article never writes in lowercase: a name, not a title-case phrase of common nouns."""
    common = lowercase_words(span.doc)
    return len(span) <= MAX_NAME_WORDS and all(is_capitalised(t) and t.lower_ not in common for t in span)


def _fronted_report(doc, i, end, regions) -> Optional[Report]:
    phrase = read_right(doc, i + 1, end)
    if phrase is None or phrase.span.end >= end or doc[phrase.span.end].text != ",":
        return None
    content_start = phrase.span.end + 1
    content_end = _strip_end(doc, content_start, _content_end(doc, content_start, end, regions, False))
    return Report(doc[i : i + 1], phrase, doc[content_start:content_end], "fronted") if content_end > content_start else None


# ---------------------------------------------------------------- layout

DASHES = frozenset({"—", "–", "-"})


def layout_reports(doc: Doc, regions: Regions, sentences: list[tuple[int, int]]) -> list[Report]:
    """Speakers that the layout sets apart from their quote's sentence.

    - '“…?”' then a paragraph 'tegas Rina. …': a lowercase cue opening the
      paragraph after a quote continues the quote's sentence.
    - '“…” — Budi Santoso': an epigraph, a quote that opens its paragraph and
      is signed with a dash and a name.
    """
    sentence_starts = [start for start, _ in sentences]
    reports = []
    for region in regions:
        if region.close_mark is None or region.close_mark + 1 >= len(doc):
            continue
        report = _cue_paragraph_report(doc, region, sentences, sentence_starts) or _epigraph_report(doc, region)
        if report is not None:
            reports.append(report)
    return reports


def _cue_paragraph_report(doc: Doc, region: MarkedRegion, sentences: list[tuple[int, int]], sentence_starts: list[int]) -> Optional[Report]:
    k = region.close_mark + 1
    while k < len(doc) and doc[k].is_space:
        k += 1
    if k == len(doc) or "\n" not in doc[region.close_mark + 1 : k].text:
        return None
    form = cue_form(doc[k])
    if form is None or form.kind not in ("bare", "clitic") or is_capitalised(doc[k]):
        return None
    phrase = None
    if form.kind == "bare":
        _, sentence_end = sentences[bisect.bisect_right(sentence_starts, k) - 1]
        phrase = read_right(doc, k + 1, sentence_end)
        if phrase is None:
            return None
    return Report(doc[k : k + 1], phrase, doc[region.open_mark : region.close_mark + 1], "trailing")


def _epigraph_report(doc: Doc, region: MarkedRegion) -> Optional[Report]:
    dash = region.close_mark + 1
    if doc[dash].text not in DASHES or not _opens_paragraph(doc, region.open_mark):
        return None
    # The signature is the capitalised run after the dash; a sentence that runs in after it
    # without a break opens with a function word ('Dua kali …', 'Sejak pagi …').
    function_words = vocabulary().function_words
    name_end = dash + 1
    while name_end < len(doc) and is_capitalised(doc[name_end]) and doc[name_end].lower_ not in function_words:
        name_end += 1
    phrase = read_right(doc, dash + 1, name_end)
    if phrase is None:
        return None
    return Report(doc[dash : dash + 1], phrase, doc[region.open_mark : region.close_mark + 1], "epigraph")


# ---------------------------------------------------------------- assembling


def build_quotes(doc: Doc, regions: list[MarkedRegion], reports: list[Report]) -> list[Quote]:
    """Turn marked regions and reporting acts into Quote objects (unattributed)."""
    quotes: list[Quote] = []
    absorbed: set[int] = set()
    open_marks = [region.open_mark for region in regions]
    for report in reports:
        first = bisect.bisect_left(open_marks, report.content.start)
        last = bisect.bisect_left(open_marks, report.content.end)
        contained = [n for n in range(first, last) if regions[n].content.end <= report.content.end]
        content = report.content
        if contained and content.start == regions[contained[0]].open_mark and len(contained) == 1 and regions[contained[0]].close_mark is not None and content.end <= regions[contained[0]].close_mark + 1:
            # "X menegaskan, “…”": the content is exactly a direct quote.
            region = regions[contained[0]]
            absorbed.add(contained[0])
            quotes.append(Quote(region.content, "direct", cue=report.cue, phrase=report.subject))
            continue
        if contained:
            absorbed.update(contained)
            last = regions[contained[-1]]
            if last.close_mark is not None and last.close_mark >= content.end:
                content = doc[content.start : last.close_mark + 1]
            quotes.append(Quote(content, "mixed", cue=report.cue, phrase=report.subject))
        else:
            quote_type = "direct" if report.kind == "colon_headline" else "indirect"
            quotes.append(Quote(content, quote_type, cue=report.cue, phrase=report.subject))
    for n, region in enumerate(regions):
        if n not in absorbed:
            quotes.append(Quote(region.content, "direct"))
    quotes.sort(key=lambda quote: quote.span.start)
    doc.user_data["quotes.regions"] = regions
    return quotes


def _prefer_inner_reports(doc: Doc, reports: list[Report]) -> list[Report]:
    """Relayed speech: 'Gedung Putih menyatakan bahwa Biden mengatakan … bahwa Y' is Biden's.

    An inner report whose own content follows 'bahwa' replaces the report
    that contains it; any other cue inside a report's content is part of it.
    """
    kept: list[Report] = []
    for report in reports:
        outer = next((k for k in kept if k.content.start <= report.cue.start < k.content.end), None)
        if outer is None:
            kept.append(report)
            continue
        before_content = doc[report.content.start - 1] if report.content.start > 0 else None
        if report.subject is not None and before_content is not None and before_content.lower_ in vocabulary().complementizers:
            kept[kept.index(outer)] = report
    return kept


@Language.factory("quote_finder", default_config={"source": "hybrid"})
def make_quote_finder(nlp: Language, name: str, source: str) -> QuoteFinder:
    return QuoteFinder(nlp, name, source)
