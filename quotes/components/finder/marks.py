"""Direct quotes from quotation marks: pairing the marks by position and direction, quoted titles, and the model's STATEMENT spans."""

from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Doc

from quotes.components.structure import MarkedRegion, opens_a_paragraph, text_paragraphs
from quotes.lang.doc_words import doc_text
from quotes.lang.lexicon import Lexicon, lexicon, word_classes
from quotes.lang.words import is_capitalised, is_quote_mark, vocabulary

OPENING_ONLY = "“„«"


CLOSING_ONLY = "»"


EITHER_WAY = '"”'


SINGLE_OPEN, SINGLE_CLOSE = "‘", "’"


MIN_SINGLE_QUOTE_WORDS = 4


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
    paragraphs = list(text_paragraphs(text))
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


def _reporting_frame() -> re.Pattern[str]:
    """A cue verb then a comma: 'Dian menuturkan, …', how a reporter, not a speaker, goes on."""
    return lexicon().memo("reporting_frame", _read_reporting_frame)


def _read_reporting_frame(source: Lexicon) -> re.Pattern[str]:
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
        is_capitalised(token) or token.lower_ in function_words or token.lower_ in word_classes().english_title_small_words for token in words
    ):
        return False
    for k in range(region.open_mark - 1, max(region.open_mark - 1 - TITLE_INTRODUCER_WINDOW, -1), -1):
        if doc[k].is_punct or doc[k].is_space:
            return False
        if doc[k].lower_ in word_classes().title_introducers:
            return True
    return False


def _merge_consecutive(doc: Doc, regions: list[MarkedRegion]) -> list[MarkedRegion]:
    """Whole quoted paragraphs with nothing but marks between them are one quote."""
    merged: list[MarkedRegion] = []
    for region in regions:
        if merged and merged[-1].closed and region.closed and opens_a_paragraph(doc, merged[-1].open_mark):
            gap = doc_text(doc)[merged[-1].content.end_char : region.content.start_char]
            if "\n" in gap and not any(ch.isalnum() for ch in gap):
                previous = merged[-1]
                previous.content = doc[previous.content.start : region.content.end]
                previous.close_mark = region.close_mark
                continue
        merged.append(region)
    return merged


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
