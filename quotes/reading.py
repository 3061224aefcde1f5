"""Reading stage: turn command-line inputs into documents, lazily.

Inputs are .txt files, folders (searched recursively), JSONL or CSV files with
a ``text`` field (and optional ``id``, ``url``, ``source``, ``date``), or ``-``
for standard input. A bad input yields an :class:`InputError` instead of a
document, so one broken file never costs the others.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Union

TABLE_SUFFIXES = {".jsonl", ".ndjson", ".csv"}
TEXT_SUFFIXES = {".txt", ".text", ""}
BINARY_SNIFF_BYTES = 8192


@dataclass
class Document:
    doc_id: str
    text: str
    source: str = ""
    url: str = ""
    date: str = ""


@dataclass
class InputError:
    name: str
    reason: str

    def __str__(self) -> str:
        return f"{self.name}: {self.reason}"


Item = Union[Document, InputError]


def decode(data: bytes, name: str) -> tuple[str, str | None]:
    """Decode bytes as UTF-8 (BOM allowed), else cp1252 with a warning.

    Raises ValueError for content that is not text.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), None
    if b"\x00" in data[:BINARY_SNIFF_BYTES]:
        raise ValueError("binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), f"{name}: not valid UTF-8, decoded as cp1252"


def read_inputs(inputs: Iterable[str], warn=None) -> Iterator[Item]:
    """Yield documents (or errors) from every input, in order."""
    for raw in inputs:
        if raw == "-":
            yield from _read_stream(sys.stdin.buffer.read(), "<stdin>", warn)
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            for file in files:
                yield from _read_file(file, file.relative_to(path).as_posix(), warn)
        elif path.exists():
            yield from _read_file(path, path.name, warn)
        else:
            yield InputError(raw, "no such file or folder")


def _read_file(path: Path, doc_id: str, warn) -> Iterator[Item]:
    try:
        data = path.read_bytes()
    except OSError as error:
        yield InputError(str(path), f"cannot read ({error.strerror or error})")
        return
    suffix = path.suffix.lower()
    if suffix in TABLE_SUFFIXES:
        yield from _read_table(data, str(path), suffix, warn)
    else:
        yield from _read_stream(data, doc_id, warn, label=str(path))


def _read_stream(data: bytes, doc_id: str, warn, label: str | None = None) -> Iterator[Item]:
    label = label or doc_id
    try:
        text, warning = decode(data, label)
    except ValueError as error:
        yield InputError(label, str(error))
        return
    if warning and warn:
        warn(warning)
    if not text.strip():
        yield InputError(label, "empty document")
        return
    yield Document(doc_id=doc_id, text=text)


def _read_table(data: bytes, name: str, suffix: str, warn) -> Iterator[Item]:
    try:
        text, warning = decode(data, name)
    except ValueError as error:
        yield InputError(name, str(error))
        return
    if warning and warn:
        warn(warning)
    stem = Path(name).stem
    if suffix == ".csv":
        records: Iterable[tuple[int, object]] = enumerate(csv.DictReader(io.StringIO(text)), start=2)
    else:
        records = _jsonl_records(text, name)
    for number, record in records:
        if isinstance(record, InputError):
            yield record
            continue
        where = f"{name}:{number}"
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield InputError(where, "record has no 'text' field")
            continue
        if not record["text"].strip():
            yield InputError(where, "empty text")
            continue
        yield Document(
            doc_id=str(record.get("id") or f"{stem}:{number}"),
            text=record["text"],
            source=str(record.get("source") or ""),
            url=str(record.get("url") or ""),
            date=str(record.get("date") or ""),
        )


def _jsonl_records(text: str, name: str) -> Iterator[tuple[int, object]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as error:
            yield number, InputError(f"{name}:{number}", f"invalid JSON ({error.msg})")
