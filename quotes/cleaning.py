"""Cleaning stage: remove page furniture while remembering original offsets.

Crawled news pages carry related-article links ("Baca juga: …"), fact-check
promos, bylines, share buttons and photo captions printed twice. Those lines
are dropped before analysis. The cleaned text is the concatenation of the kept
lines, and :class:`OffsetMap` translates any offset in it back to the original.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from quotes.lang.lexicon import Lexicon, data_lines, lexicon, outlets

MIN_REPEATED_LINE = 40


def photo_credits() -> tuple[re.Pattern[str], ...]:
    """A photo caption ends with its credit: in parentheses, "(AP Photo)", "(Liputan6.com/Abdillah)",
    or after "Foto:", "Ilustrasi nyamuk Aedes aegypti. Foto: Shutterstock"."""
    return lexicon().memo("photo_credits", _read_photo_credits)


def _read_photo_credits(source: Lexicon) -> tuple[re.Pattern[str], ...]:
    words = "|".join(map(re.escape, sorted(source.word_lists.photo_credit_words, key=len, reverse=True)))
    labels = "|".join(map(re.escape, source.word_lists.photo_credit_labels))
    return (
        re.compile(rf"\((?:[^()]*\b(?:{words})\b[^()]*|[^()\s]+/[^()]+)\)\s*$", re.IGNORECASE),
        re.compile(rf"[.!?]\s+(?:{labels})\s*:\s*\S+(?:\s+\S+){{0,5}}$", re.IGNORECASE),
    )


@dataclass
class OffsetMap:
    """Piecewise-linear map from cleaned-text offsets to original-text offsets."""

    clean_starts: list[int] = field(default_factory=list)
    original_starts: list[int] = field(default_factory=list)

    def add(self, clean_start: int, original_start: int) -> None:
        self.clean_starts.append(clean_start)
        self.original_starts.append(original_start)

    def to_original(self, offset: int) -> int:
        if not self.clean_starts:
            return offset
        index = max(bisect.bisect_right(self.clean_starts, offset) - 1, 0)
        return self.original_starts[index] + offset - self.clean_starts[index]

    @classmethod
    def identity(cls) -> "OffsetMap":
        return cls([0], [0])


@dataclass
class CleanedText:
    text: str
    offsets: OffsetMap
    removed_lines: int = 0


@lru_cache(maxsize=1)
def boilerplate_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(line, re.IGNORECASE) for line in data_lines("boilerplate.txt"))


def is_boilerplate(line: str) -> bool:
    stripped = line.strip()
    if not stripped:
        return False
    if any(pattern.search(stripped) for pattern in boilerplate_patterns()):
        return True
    # A caption with a photo credit, unless it carries quotation marks (a quote ending in a credit).
    return any(credit.search(stripped) for credit in photo_credits()) and not any(mark in stripped for mark in "\"“”")


def clean(text: str) -> CleanedText:
    """Drop boilerplate lines and verbatim repeats of earlier lines."""
    offsets = OffsetMap()
    kept: list[str] = []
    seen_lines: set[str] = set()
    clean_length = 0
    removed = 0
    position = 0
    for line in text.splitlines(keepends=True):
        line_start = position
        position += len(line)
        normalized = " ".join(line.split())
        repeated = len(normalized) >= MIN_REPEATED_LINE and normalized in seen_lines
        if is_boilerplate(line) or repeated:
            removed += 1
            continue
        if normalized:
            seen_lines.add(normalized)
        if not offsets.clean_starts or offsets.to_original(clean_length) != line_start:
            offsets.add(clean_length, line_start)
        kept.append(line)
        clean_length += len(line)
    if not offsets.clean_starts:
        offsets.add(0, 0)
    return CleanedText("".join(kept), offsets, removed)


def detect_outlet(text: str, header_lines: int = 25) -> str:
    """Name the outlet that published an article, from its dateline or header.

    A dateline ("JAKARTA, KOMPAS —", "Liputan6.com, Washington D.C -") is the
    strongest evidence; failing that, an outlet named on a line of its own in
    the page header.
    """
    lines = [line.strip() for line in text.splitlines()[:header_lines] if line.strip()]
    for line in lines:
        for name, pattern in outlets().datelines:
            if pattern.search(line):
                return name
    for line in lines:
        for name, pattern in outlets().mastheads:
            if pattern.fullmatch(line):
                return name
    return ""
