"""An article's metadata: its date and title, from the input's fields or else from its text.

JSONL and CSV inputs may carry ``date``, ``title`` and ``url`` fields; a plain
text carries only itself. There the date comes from the dateline ("Rabu
(23/3/2022)", "Senin, 8 Desember 2021", "08 Desember 2021 | 13:34 WIB") and the
title from the first line when it reads as a headline. Dates are written
YYYY-MM-DD. The Indonesian month and day names are data
(``quotes/lang/data/dates.json``), read through :func:`quotes.lang.lexicon.data_json`
like the outlets; nothing here is part of the pipeline, so the extraction never
depends on it.

The same signals mark where one article ends and the next begins in a text
holding several (``cat *.txt | quotes extract -``): :func:`article_starts`.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date as Date
from datetime import datetime
from functools import lru_cache
from itertools import pairwise
from typing import Iterator, Protocol

from quotes.lang.lexicon import data_json

# A dateline sits near the top: dates further down are about the news, not the article.
HEAD_CHARS = 3000
# A headline: a few words on a line of their own, not a sentence.
HEADLINE_WORDS = (3, 16)
HEADLINE_CHARS = 150
HEADLINE_ENDINGS = ".,;:"
# Lines a dateline may come after its headline (a teaser, a byline, a reading time between).
DATELINE_REACH = 3
# A line this long is article text: no headline or dateline.
DATELINE_CHARS = 120
BODY_WORDS = 20
# Two-digit years in datelines ("23/3/22") are this century's.
CENTURY = 2000
ISO_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%Y/%m/%d", "%d %B %Y", "%B %d, %Y")


class _HasMetadata(Protocol):
    text: str
    date: str
    title: str


@dataclass(frozen=True)
class _Patterns:
    months: dict[str, int]
    # (day)(month)(year) in the order the regular expression captures them, and whether the month is a name.
    dates: tuple[tuple[re.Pattern[str], tuple[int, int, int], bool], ...]


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    data = data_json("dates.json")
    months = {name: int(number) for number, names in data["months"].items() for name in names}
    month = "|".join(sorted(map(re.escape, months), key=len, reverse=True))
    day = "|".join(sorted(map(re.escape, data["days"]), key=len, reverse=True))
    numeric = r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4}|\d{2})"
    dates = (
        # "Rabu (23/3/2022)", "Rabu, 23/03/2022"
        (re.compile(rf"\b(?:{day})\s*[,(]?\s*\(?{numeric}\b", re.IGNORECASE), (0, 1, 2), False),
        # "Senin, 8 Desember 2021", "08 Desember 2021 | 13:34 WIB", "5 April 2017", "8 Des. 2021"
        (re.compile(rf"\b(\d{{1,2}})\s+({month})\.?\s+(\d{{4}})\b", re.IGNORECASE), (0, 1, 2), True),
        # "Jakarta (23/3/2022)"
        (re.compile(rf"\({numeric}\)"), (0, 1, 2), False),
        # "2022-03-23 13:34"
        (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), (2, 1, 0), False),
    )
    return _Patterns(months, dates)


def _dates(text: str) -> Iterator[tuple[int, int, str]]:
    """Every date found in ``text``: (start, end, YYYY-MM-DD), by pattern."""
    patterns = _patterns()
    for pattern, (day_at, month_at, year_at), named in patterns.dates:
        for found in pattern.finditer(text):
            parts = found.groups()
            month = patterns.months.get(parts[month_at].lower(), 0) if named else int(parts[month_at])
            year = int(parts[year_at])
            year += CENTURY if year < 100 else 0
            try:
                value = Date(year, month, int(parts[day_at]))
            except ValueError:
                continue
            yield found.start(), found.end(), value.isoformat()


def find_date(text: str) -> str:
    """The first date written in ``text``, as YYYY-MM-DD; "" when there is none."""
    found = min(_dates(text), default=None)
    return found[2] if found else ""


def text_date(text: str) -> str:
    """An article's date from its dateline: the first date in its first ``HEAD_CHARS`` characters."""
    return find_date(text[:HEAD_CHARS])


def iso_date(value: str) -> str:
    """A date given as metadata, as YYYY-MM-DD; "" when it cannot be read.

    ISO dates and timestamps, "23/03/2022", "March 23, 2022" and the Indonesian
    forms of :func:`find_date` ("Rabu, 23 Maret 2022 13:34 WIB") are read.
    """
    value = value.strip()
    if not value:
        return ""
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    for fmt in ISO_FORMATS:
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return find_date(value)


def text_title(text: str) -> str:
    """The article's headline: its first line of text, past page furniture, when it reads as one."""
    for _, line in _content_lines(text[:HEAD_CHARS]):
        if _is_masthead(line):
            continue
        return line if is_headline(line) else ""
    return ""


def is_headline(line: str) -> bool:
    """A short line of a few words, not starting mid-sentence nor ending as a sentence, and not a dateline."""
    words = line.split()
    low, high = HEADLINE_WORDS
    return (
        low <= len(words) <= high
        and len(line) <= HEADLINE_CHARS
        and line[-1] not in HEADLINE_ENDINGS
        # A headline starts with a capital, a digit or a quotation mark, never mid-sentence.
        and not line[0].islower()
        and any(character.isalpha() for character in line)
        and not find_date(line)
        and not _is_dateline(line)
    )


def with_metadata(document: _HasMetadata) -> _HasMetadata:
    """``document`` with its date as YYYY-MM-DD and its title, from its fields or else from its text.

    A date field that cannot be read gives way to the text's dateline. Returns
    ``document`` itself when nothing changes.
    """
    date = iso_date(document.date) or text_date(document.text)
    title = document.title.strip() or text_title(document.text)
    if (date, title) == (document.date, document.title):
        return document
    return dataclasses.replace(document, date=date, title=title)  # type: ignore[type-var]


def article_starts(text: str) -> list[int]:
    """Where each article of a text holding several begins, by its headline and dateline.

    An article starts at a headline followed, within ``DATELINE_REACH`` lines, by
    a dateline ("Liputan6.com, Jakarta -", "08 Desember 2021 | 13:34 WIB"). A
    headline only starts a new article once article text (a line of
    ``BODY_WORDS`` words or more) came since the last one, and not when it
    repeats the last one: a page often prints its headline twice. One article
    gives at most one start; the text before the first start belongs to the
    first article.
    """
    lines = list(_content_lines(text))
    starts: list[int] = []
    last_headline = ""
    body_since = True
    index = 0
    while index < len(lines):
        offset, line = lines[index]
        dateline = None
        if body_since and is_headline(line) and line != last_headline and not _is_masthead(line):
            following = lines[index + 1 : index + 1 + DATELINE_REACH]
            dateline = next((at for at, (_, after) in enumerate(following, index + 1) if _is_dateline(after)), None)
        if dateline is not None:
            starts.append(offset)
            # The dateline often opens the first paragraph, on the same line.
            last_headline, body_since = line, len(lines[dateline][1].split()) >= BODY_WORDS
            index = dateline + 1
            continue
        if len(line.split()) >= BODY_WORDS:
            body_since = True
        index += 1
    return starts


def split_articles(text: str) -> tuple[list[str], str]:
    """The articles of a text holding several, and what gave them away; ``[text]`` when it is one.

    Form feeds between them are clear boundaries; else two or more headlines
    with their datelines (:func:`article_starts`) are. Text before the first
    headline is an article of its own when it holds article text, else part of
    the first. Nothing is dropped but the form feeds and blank articles.
    """
    if "\f" in text:
        parts = [part for part in text.split("\f") if part.strip()]
        return (parts, "form feeds") if len(parts) > 1 else ([text], "")
    starts = article_starts(text)
    if len(starts) < 2:
        return [text], ""
    if not any(len(line.split()) >= BODY_WORDS for _, line in _content_lines(text[: starts[0]])):
        starts = starts[1:]
    cuts = [0, *starts, len(text)]
    return [text[start:end] for start, end in pairwise(cuts)], "headlines with datelines"


def _content_lines(text: str) -> Iterator[tuple[int, str]]:
    """(offset, stripped line) of each line of ``text`` that is neither blank nor page furniture."""
    # Imported here: cleaning reads the boilerplate patterns, which only these helpers need.
    from quotes.cleaning import is_boilerplate

    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped and not is_boilerplate(stripped):
            yield offset + (len(line) - len(line.lstrip())), stripped
        offset += len(line)


def _is_dateline(line: str) -> bool:
    """A line that opens an article: an outlet's dateline, or a short line giving a date."""
    from quotes.lang.lexicon import outlets

    if any(pattern.search(line) for _, pattern in outlets().datelines):
        return True
    return len(line) <= DATELINE_CHARS and bool(find_date(line))


def _is_masthead(line: str) -> bool:
    """An outlet's name on a line of its own ("Bisnis.com")."""
    from quotes.lang.lexicon import outlets

    return any(pattern.fullmatch(line) for _, pattern in outlets().mastheads)
