"""The document structure both components read: paragraphs, sentences, quoted regions and headlines."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Iterator, Optional

import numpy
from spacy.attrs import IS_SPACE, ORTH
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from quotes.lang.doc_words import doc_text, read_once
from quotes.lang.lexicon import word_lists
from quotes.lang.words import is_capitalised, is_quote_mark


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


def text_paragraphs(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for line in text.splitlines(keepends=True):
        yield start, start + len(line.rstrip("\r\n"))
        start += len(line)


def opens_a_paragraph(doc: Doc, token_index: int) -> bool:
    text = doc_text(doc)
    char = doc[token_index].idx
    line_start = text.rfind("\n", 0, char) + 1
    return not text[line_start:char].strip()


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


HEADLINE_MAX_TOKENS = 20


def is_headline(doc: Doc, start: int, end: int) -> bool:
    """A title-case line without final punctuation."""
    words = [t for t in doc[start:end] if t.is_alpha]
    return (
        0 < end - start <= HEADLINE_MAX_TOKENS
        and doc[end - 1].text not in ".!?"
        and sum(is_capitalised(t) for t in words) >= 0.6 * len(words)
    )


def sentence_of(sentences: list[tuple[int, int]], token_index: int) -> tuple[int, int]:
    if not sentences:
        return (0, token_index + 1)
    position = max(bisect.bisect_right(sentences, (token_index, float("inf"))) - 1, 0)
    return sentences[position]


def write_structure(doc: Doc, sentences: list[tuple[int, int]], regions: list[MarkedRegion]) -> None:
    """Keep the sentences and quoted regions the finder read on the Doc, for the attributor."""
    doc._.quote_sentences = [list(sentence) for sentence in sentences]
    doc._.quote_regions = [
        [region.content.start, region.content.end, region.open_mark, region.close_mark, region.closed] for region in regions
    ]


def read_sentences(doc: Doc) -> list[tuple[int, int]]:
    """The finder's sentences; one sentence, the whole Doc, where the finder did not run."""
    return read_once(doc, "sentences", _read_sentences)


def _read_sentences(doc: Doc) -> list[tuple[int, int]]:
    written = doc._.quote_sentences
    return [(0, len(doc))] if written is None else [(start, end) for start, end in written]


def read_regions(doc: Doc) -> Regions:
    """The finder's quoted regions."""
    written = doc._.quote_regions or []
    return Regions(doc, [MarkedRegion(doc[start:end], open_mark, close_mark, closed) for start, end, open_mark, close_mark, closed in written])


def after_connective(doc: Doc, start: int, end: int) -> int:
    """Skip a fronted connective: 'Sementara itu, …', 'Namun, …'."""
    words = [t.lower_ for t in doc[start : min(end, start + 4)]]
    for connective in word_lists().connectives:
        parts = connective.split()
        if words[: len(parts)] == parts and start + len(parts) < end and doc[start + len(parts)].text == ",":
            return start + len(parts) + 1
    return start
