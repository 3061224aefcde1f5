"""Write stage: the table as CSV, JSONL or Parquet, streamed and written atomically.

Rows are written as they come, so memory stays flat however large the input.
A file output goes to a temporary file beside the target and is renamed into
place only when the run completes: a reader never sees half a table, and a
failed or interrupted run leaves an earlier table untouched.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Sequence

from quotes.table import COLUMNS, FLOAT_COLUMNS, INTEGER_COLUMNS

if TYPE_CHECKING:
    import pandas as pd

FORMATS = ("csv", "jsonl", "parquet")
SUFFIX_FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".parquet": "parquet", ".pq": "parquet"}
# Rows per Parquet row group: big enough for good compression, small enough to keep memory flat.
PARQUET_ROW_GROUP = 10_000


def infer_format(path: str | None, explicit: str | None) -> str:
    if explicit:
        if explicit not in FORMATS:
            raise ValueError(f"unknown format {explicit!r}; choose one of {', '.join(FORMATS)}")
        return explicit
    if path:
        return SUFFIX_FORMATS.get(Path(path).suffix.lower(), "csv")
    return "csv"


def frame_bytes(frame: pd.DataFrame, fmt: str) -> bytes:
    """A whole, already built table as bytes in one of :data:`FORMATS`."""
    buffer = io.BytesIO()
    writer = _writer(fmt, buffer, tuple(frame.columns))
    for row in frame.to_dict(orient="records"):
        writer.write(row)
    writer.close()
    return buffer.getvalue()


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed into place."""
    with AtomicFile(path) as stream:
        stream.write(data)


class AtomicFile:
    """A binary file that appears at ``path`` only when closed without error."""

    def __init__(self, path: str | Path) -> None:
        self.target = Path(path)
        self.target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{self.target.name}.", suffix=".tmp", dir=self.target.parent)
        self.temporary = Path(temporary)
        self.stream: BinaryIO = os.fdopen(handle, "wb")

    def __enter__(self) -> BinaryIO:
        return self.stream

    def __exit__(self, kind: type[BaseException] | None, *_: Any) -> None:
        if kind is None:
            self.commit()
        else:
            self.discard()

    def commit(self) -> None:
        self.stream.flush()
        os.fsync(self.stream.fileno())
        self.stream.close()
        # mkstemp creates the file 0600; a table is an ordinary file, readable as umask allows.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(self.temporary, 0o666 & ~umask)
        os.replace(self.temporary, self.target)

    def discard(self) -> None:
        self.stream.close()
        self.temporary.unlink(missing_ok=True)


class TableWriter:
    """Writes rows of the table to an open binary stream, one at a time."""

    def __init__(self, stream: BinaryIO, columns: Sequence[str] = COLUMNS) -> None:
        self.stream = stream
        self.columns = tuple(columns)

    def write(self, row: dict[str, Any]) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Finish the table (footers, buffered rows); the stream itself stays open."""
        self.stream.flush()


class CsvWriter(TableWriter):
    def __init__(self, stream: BinaryIO, columns: Sequence[str] = COLUMNS) -> None:
        super().__init__(stream, columns)
        # "\n" line ends and UTF-8 whatever the platform: the same input gives byte-identical output.
        self.text = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True)
        self.csv = csv.writer(self.text, lineterminator="\n")
        self.csv.writerow(self.columns)

    def write(self, row: dict[str, Any]) -> None:
        self.csv.writerow([_cell(row.get(column)) for column in self.columns])

    def close(self) -> None:
        self.text.flush()
        self.text.detach()
        super().close()


class JsonlWriter(TableWriter):
    def write(self, row: dict[str, Any]) -> None:
        record = {column: _plain(row.get(column)) for column in self.columns}
        self.stream.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")


class ParquetWriter(TableWriter):
    def __init__(self, stream: BinaryIO, columns: Sequence[str] = COLUMNS) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        super().__init__(stream, columns)
        self.pa = pa
        self.schema = pa.schema([(column, _arrow_type(pa, column)) for column in self.columns])
        self.parquet = pq.ParquetWriter(pa.PythonFile(stream, mode="w"), self.schema)
        self.buffer: list[dict[str, Any]] = []

    def write(self, row: dict[str, Any]) -> None:
        self.buffer.append({column: _plain(row.get(column)) for column in self.columns})
        if len(self.buffer) >= PARQUET_ROW_GROUP:
            self._flush_rows()

    def _flush_rows(self) -> None:
        if self.buffer:
            self.parquet.write_table(self.pa.Table.from_pylist(self.buffer, schema=self.schema))
            self.buffer = []

    def close(self) -> None:
        self._flush_rows()
        self.parquet.close()
        super().close()


WRITERS: dict[str, type[TableWriter]] = {"csv": CsvWriter, "jsonl": JsonlWriter, "parquet": ParquetWriter}


def _writer(fmt: str, stream: BinaryIO, columns: Sequence[str]) -> TableWriter:
    if fmt not in WRITERS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return WRITERS[fmt](stream, columns)


def open_table(fmt: str, stream: BinaryIO, columns: Sequence[str] = COLUMNS) -> TableWriter:
    """A streaming writer of ``fmt`` on an open binary stream (a file, or stdout)."""
    return _writer(fmt, stream, columns)


def _arrow_type(pa: Any, column: str) -> Any:
    if column in INTEGER_COLUMNS:
        return pa.int64()
    if column in FLOAT_COLUMNS:
        return pa.float64()
    return pa.string()


def _plain(value: Any) -> Any:
    """Numpy scalars (from a DataFrame) as Python values; missing values as None."""
    if value is None:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    return value


def _cell(value: Any) -> Any:
    value = _plain(value)
    return "" if value is None else value
