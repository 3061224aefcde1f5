"""Table stage: one row per quote, in the schema of docs/design.md.

This module is the single source of truth for the table's columns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Iterator

from quotes.cleaning import OffsetMap
from quotes.speakers import canonical_ids

# Neither spaCy nor pandas at import (each takes a good part of a second): quotes who, search
# and stats read tables through this module without spaCy, and quotes extract writes its rows
# as they come, never as a DataFrame.
if TYPE_CHECKING:
    import pandas as pd
    from spacy.tokens import Doc

# DESIGN's 12 columns, in their order, then the article's metadata (quotes.io.metadata).
QUOTE_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "source",
    "speaker",
    "speaker_mention",
    "speaker_role",
    "quote",
    "quote_type",
    "cue",
    "cited_from",
    "start_char",
    "end_char",
    "confidence",
)
# The article's date (YYYY-MM-DD), title and address: from the input's fields, else the text's
# dateline and headline; empty where neither has one.
ARTICLE_COLUMNS: tuple[str, ...] = ("date", "title", "url")
COLUMNS: tuple[str, ...] = QUOTE_COLUMNS + ARTICLE_COLUMNS

# The table as written: DESIGN's columns, then the speaker's canonical identity across
# the whole corpus (quotes.speakers), which only exists once every row is known.
TABLE_COLUMNS: tuple[str, ...] = COLUMNS + ("speaker_id",)

INTEGER_COLUMNS = ("start_char", "end_char")
FLOAT_COLUMNS = ("confidence",)


def doc_rows(
    doc: Doc, original_text: str, offsets: OffsetMap, seen: set[str] | None = None
) -> Iterator[dict[str, Any]]:
    """Yield one table row per quote of a processed document.

    ``doc`` was built from the cleaned text; ``offsets`` maps its character
    offsets back into ``original_text`` so that the table always points into
    the text the user gave us. ``seen`` carries the quotes already tabulated
    when one text is processed as several Docs (a long text's windows). The
    article's columns come from the Doc's ``doc_id``, ``source``, ``date``,
    ``title`` and ``url`` extensions (``quotes.running`` sets them).
    """
    records = doc.user_data.get(RECORDS_KEY)
    if records is None:
        records = quote_records(doc)
    article = {"doc_id": doc._.doc_id, "source": doc._.source, **{column: getattr(doc._, column) for column in ARTICLE_COLUMNS}}
    return _rows(records, article, original_text, offsets, seen)


def quote_records(doc: Doc) -> list[dict[str, Any]]:
    """The Doc's quotes as plain values, offsets still in the cleaned text the Doc was made from."""
    return [
        {
            "speaker": quote.speaker,
            "speaker_mention": quote.mention_text,
            "speaker_role": quote.role,
            "quote_type": quote.quote_type,
            "cue": quote.cue_text,
            "cited_from": quote.cited_from,
            "start_char": quote.span.start_char,
            "end_char": quote.span.end_char,
            "confidence": round(float(quote.confidence), 3),
        }
        for quote in doc._.quotes
    ]


def _rows(
    records: list[dict[str, Any]],
    article: dict[str, str],
    original_text: str,
    offsets: OffsetMap,
    seen: set[str] | None,
) -> Iterator[dict[str, Any]]:
    seen = set() if seen is None else seen
    for record in records:
        start = offsets.to_original(record["start_char"])
        end = offsets.to_original(record["end_char"] - 1) + 1
        text = original_text[start:end]
        # A teaser or caption that repeats the body verbatim is one statement, not two.
        key = " ".join(text.split())
        if key in seen:
            continue
        seen.add(key)
        row = {**article, **record, "quote": text, "start_char": start, "end_char": end}
        yield {column: row[column] for column in COLUMNS}


# Where a Doc carries its quote records once ``quotes.running.tabulate_quotes`` has replaced it.
RECORDS_KEY = "quotes.records"


def to_frame(rows: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """Build a DataFrame with the schema's columns in order, then ``speaker_id``."""
    import pandas as pd

    frame = pd.DataFrame(list(rows), columns=list(COLUMNS))
    for column in INTEGER_COLUMNS:
        frame[column] = frame[column].astype("int64")
    for column in FLOAT_COLUMNS:
        frame[column] = frame[column].astype("float64")
    return add_speaker_ids(frame)


def add_speaker_ids(frame: pd.DataFrame) -> pd.DataFrame:
    """Append the ``speaker_id`` column: each speaker's canonical identity in this table."""
    speakers = frame["speaker"].fillna("").astype(str)
    ids = canonical_ids(speakers)
    frame["speaker_id"] = [ids.get(speaker, speaker) for speaker in speakers]
    return frame
