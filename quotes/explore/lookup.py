"""Looking quotes up for the ``who``, ``search`` and ``stats`` commands.

Three sources answer the same question: a table file written by ``quotes
extract``, inputs extracted on the fly, or the quote store. Output is a
readable rich table per speaker, or CSV/JSON for scripts.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Iterable, TextIO

import pandas as pd
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from quotes.speakers import SpeakerMatch, match_speakers
from quotes.table import (
    ARTICLE_COLUMNS,
    FLOAT_COLUMNS,
    INTEGER_COLUMNS,
    QUOTE_COLUMNS,
    TABLE_COLUMNS,
    add_speaker_ids,
)

OUTPUT_FORMATS = ("table", "csv", "json")
NUMERIC_COLUMNS = INTEGER_COLUMNS + FLOAT_COLUMNS
TABLE_READERS = {
    ".csv": pd.read_csv,
    ".jsonl": lambda path: pd.read_json(path, lines=True),
    ".ndjson": lambda path: pd.read_json(path, lines=True),
    ".json": lambda path: pd.read_json(path, lines=True),
    ".parquet": pd.read_parquet,
    ".pq": pd.read_parquet,
}


class TableError(Exception):
    """A table or query the user gave that cannot be used; the message is meant for the user."""


def read_table(path: str | Path) -> pd.DataFrame:
    """Read a quote table written by ``quotes extract`` (CSV, JSONL or Parquet)."""
    path = Path(path)
    reader = TABLE_READERS.get(path.suffix.lower())
    if reader is None:
        raise TableError(f"{path}: unknown table format; use .csv, .jsonl or .parquet")
    if not path.is_file():
        raise TableError(f"{path}: no such file")
    try:
        frame = reader(path)
    except Exception as error:  # pandas and pyarrow raise many types for a malformed file
        raise TableError(f"{path}: cannot read the table ({type(error).__name__}: {error})") from None
    missing = [column for column in QUOTE_COLUMNS if column not in frame.columns]
    if missing:
        raise TableError(f"{path}: not a quote table (missing columns: {', '.join(missing)})")
    # Tables written before the article's date, title and url were columns: empty there.
    for column in ARTICLE_COLUMNS:
        if column not in frame.columns:
            frame[column] = ""
    # An all-empty text column reads back as NaN floats; text columns must stay text.
    for column in TABLE_COLUMNS:
        if column in frame.columns and column not in NUMERIC_COLUMNS:
            frame[column] = ["" if pd.isna(value) else str(value) for value in frame[column]]
    return frame if "speaker_id" in frame.columns else add_speaker_ids(frame)


def who(frame: pd.DataFrame, query: str) -> tuple[list[SpeakerMatch], pd.DataFrame]:
    """The speakers a name query means in a table, and their quotes."""
    if "speaker_id" not in frame.columns:
        frame = add_speaker_ids(frame)
    names = {name: identity for name, identity in zip(frame["speaker"], frame["speaker_id"]) if name}
    names.update({identity: identity for identity in frame["speaker_id"] if identity})
    matches = match_speakers(query, names)
    chosen = frame[frame["speaker_id"].isin([match.speaker_id for match in matches])]
    return matches, chosen.sort_values(["speaker_id", "doc_id", "start_char"], kind="stable")[list(TABLE_COLUMNS)]


def write_rows(frame: pd.DataFrame, fmt: str, stream: TextIO | None = None) -> None:
    """Print quote rows as CSV or a JSON array (all table columns), for scripts."""
    stream = stream or sys.stdout
    frame = frame[list(TABLE_COLUMNS)]
    if fmt == "csv":
        frame.to_csv(stream, index=False)
    elif fmt == "json":
        json.dump(frame.to_dict(orient="records"), stream, ensure_ascii=False, indent=2)
        stream.write("\n")
    else:
        raise TableError(f"unknown format {fmt!r}; choose one of {', '.join(OUTPUT_FORMATS)}")


def print_by_speaker(frame: pd.DataFrame, console: Console) -> None:
    """One readable table per speaker, so people who share a name part stay apart."""
    for identity, quotes in frame.groupby("speaker_id", sort=False):
        mentions = sorted({m for m in quotes["speaker"] if m and m != identity})
        title = f"[bold]{escape(str(identity))}[/bold] — {len(quotes)} quote{'s' * (len(quotes) != 1)}"
        if mentions:
            title += f" (also written {escape(', '.join(mentions))})"
        console.print(_quote_table(quotes, title))


def print_search(frame: pd.DataFrame, total: int, text: str, console: Console) -> None:
    title = f"{total} quote{'s' * (total != 1)} containing [bold]{escape(text)}[/bold]"
    if total > len(frame):
        title += f", best {len(frame)} shown"
    console.print(_quote_table(frame, title, with_speaker=True))


# The figures of quotes stats as one flat table (--format csv): what each row counts, then its name.
STATS_COLUMNS = ("figure", "name", "documents", "quotes")
STATS_FIGURES = {"speakers": "speaker", "outlets": "outlet", "months": "month"}


def write_stats(stats: dict[str, pd.DataFrame], documents: int, quotes: int, fmt: str, stream: TextIO | None = None) -> None:
    """Print the figures of ``quotes stats`` as JSON, or as CSV with one row per figure (the totals first)."""
    stream = stream or sys.stdout
    if fmt == "json":
        payload = {key: frame.to_dict(orient="records") for key, frame in stats.items()}
        json.dump({"documents": documents, "quotes": quotes, **payload}, stream, ensure_ascii=False, indent=1)
        stream.write("\n")
    elif fmt == "csv":
        rows = [{"figure": "total", "name": "", "documents": documents, "quotes": quotes}]
        for key, figure in STATS_FIGURES.items():
            frame = stats[key]
            rows += [{"figure": figure, "name": row[figure], "documents": row["documents"], "quotes": row["quotes"]} for row in frame.to_dict(orient="records")]
        pd.DataFrame(rows, columns=list(STATS_COLUMNS)).to_csv(stream, index=False)
    else:
        raise TableError(f"unknown format {fmt!r}; choose one of {', '.join(OUTPUT_FORMATS)}")


def print_stats(stats: dict[str, pd.DataFrame], console: Console) -> None:
    titles = {
        "speakers": "Top speakers",
        "outlets": "Outlets",
        "months": "Quotes per month (documents with a date)",
    }
    for key, title in titles.items():
        frame = stats[key]
        if frame.empty:
            console.print(f"{title}: none")
            continue
        table = Table(title=title, title_justify="left")
        for column in frame.columns:
            table.add_column(column, justify="right" if frame[column].dtype.kind in "iuf" else "left")
        for row in frame.itertuples(index=False):
            table.add_row(*(str(value) or "—" for value in row))
        console.print(table)


def describe_matches(matches: Iterable[SpeakerMatch], frame: pd.DataFrame) -> str:
    """A one-line summary: which speakers matched, with their quote counts."""
    counts = frame["speaker_id"].value_counts()
    parts = [f"{match.speaker_id} ({counts.get(match.speaker_id, 0)})" for match in matches]
    return f"{len(parts)} speaker{'s' * (len(parts) != 1)}: {', '.join(parts)}"


def _quote_table(frame: pd.DataFrame, title: str, with_speaker: bool = False) -> Table:
    # The quote gets most of the width; how it was attributed, the speaker's role and the
    # quote's type each have a narrow column of their own.
    table = Table(title=title, title_justify="left", show_lines=True)
    if with_speaker:
        table.add_column("speaker", style="bold", ratio=1)
    table.add_column("quote", ratio=3)
    table.add_column("cue, mention", ratio=1)
    table.add_column("role", ratio=1)
    table.add_column("type", no_wrap=True)
    table.add_column("document", ratio=1, overflow="fold")
    for row in frame.itertuples(index=False):
        said = "\n".join(part for part in (f"[magenta]{escape(str(row.cue))}[/]" if row.cue else "", escape(str(row.speaker_mention))) if part)
        source = str(row.source)
        if row.cited_from:
            source = f"{source} via {row.cited_from}" if source else f"via {row.cited_from}"
        date = str(getattr(row, "date", "") or "")
        source = f"{source}, {date}" if source and date else source or date
        table.add_row(
            *([escape(str(row.speaker_id))] if with_speaker else []),
            escape(str(row.quote)),
            said,
            escape(str(row.speaker_role)),
            escape(str(row.quote_type)),
            f"{escape(str(row.doc_id))}\n[dim]{escape(source)}[/]",
        )
    return table
