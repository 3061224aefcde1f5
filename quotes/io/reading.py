"""Reading stage: turn command-line inputs into documents, lazily.

Inputs are .txt files, folders (searched recursively), JSONL, JSON or CSV files
with a ``text`` field (and optional ``id``, ``url``, ``source``, ``date``,
``title``), or ``-`` for standard input. In a folder only .txt, .jsonl, .json
and .csv files are read; the others are skipped and named (``on_skip``). A bad
input yields an :class:`InputError` instead of a document, so one broken file
never costs the others. Text on standard input is one document, unless it holds
several articles (form feeds between them, or several headlines with their
datelines): then it is split (``split=True``) or read whole with a warning.

Everything is a generator: a folder is walked as it is read and a JSONL or CSV
file is decoded line by line, so a 2 GB input never sits in memory whole. Only
a single plain-text document is read at once, and its size is capped.
"""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator, Union

from quotes.io.metadata import split_articles

TABLE_SUFFIXES = {".jsonl", ".ndjson", ".json", ".csv"}
# What a folder's files must end with to be read (.ndjson is JSONL by another name).
FOLDER_SUFFIXES = frozenset({".txt"} | TABLE_SUFFIXES)
BINARY_SNIFF_BYTES = 8192
# Longest document we accept, in characters. Ten million characters is about
# 1.4 million words, over a hundred times a long article: anything longer is a
# crawl accident (a dump, a minified script) and would hold a worker for minutes.
DEFAULT_MAX_CHARS = 10_000_000
# Share of NUL / control bytes in the first 8 KB above which a file is binary.
# A few stray NULs happen in crawled text; UTF-16 without a BOM is half NULs.
MAX_NUL_SHARE = 0.01
MAX_CONTROL_SHARE = 0.05
TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")
MAGIC_NUMBERS: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"PAR1", "Parquet file"),
)
HTML_STARTS = ("<!doctype html", "<html", "<head", "<body", "<?xml")
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
UTF8_BOM = b"\xef\xbb\xbf"

# CSV fields hold whole articles; the csv module's default cap is 128 KB.
csv.field_size_limit(2**31 - 1)

Warn = Callable[[str], None]


@dataclass
class Document:
    doc_id: str
    text: str
    source: str = ""
    url: str = ""
    date: str = ""
    title: str = ""


@dataclass
class InputError:
    name: str
    reason: str

    def __str__(self) -> str:
        return f"{self.name}: {self.reason}"


Item = Union[Document, InputError]
Skip = Callable[[str], None]


def _ignore(_: str) -> None:
    return None


def sniff_binary(sample: bytes) -> str | None:
    """Why ``sample`` (a file's first bytes) is not text, or None if it may be text."""
    for magic, kind in MAGIC_NUMBERS:
        if sample.startswith(magic):
            return f"binary file ({kind}), not text"
    if not sample or sample.startswith(UTF16_BOMS):
        return None
    nuls = sample.count(0)
    if nuls / len(sample) > MAX_NUL_SHARE:
        return "binary file (NUL bytes), not text; UTF-16 text needs a byte-order mark"
    controls = sum(1 for byte in sample if byte < 32 and byte not in TEXT_CONTROLS)
    if controls / len(sample) > MAX_CONTROL_SHARE:
        return "binary file (control bytes), not text"
    return None


def looks_like_html(text: str) -> bool:
    head = text[:1024].lstrip().lower()
    return head.startswith(HTML_STARTS)


def decode(data: bytes, name: str) -> tuple[str, str | None]:
    """Decode bytes as UTF-16 (with BOM), UTF-8 (BOM allowed), else cp1252 with a warning.

    Returns the text and a warning, if any. Raises ValueError for content that
    is not text.
    """
    reason = sniff_binary(data[:BINARY_SNIFF_BYTES])
    if reason:
        raise ValueError(reason)
    if data.startswith(UTF16_BOMS):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError as error:
            raise ValueError(f"broken UTF-16 text ({error.reason} at byte {error.start})") from None
    try:
        text = data.decode("utf-8-sig")
        warning = None
    except UnicodeDecodeError as error:
        text = data.decode("cp1252", errors="replace")
        warning = f"{name}: not valid UTF-8 (byte {error.start}), decoded as cp1252"
    if "\x00" in text:
        # Kept rather than dropped so that offsets still point into the file's text.
        nul_warning = f"{name}: contains {text.count(chr(0))} NUL characters, read as text"
        warning = f"{warning}; {nul_warning}" if warning else nul_warning
    return text, warning


def read_inputs(
    inputs: Iterable[str],
    warn: Warn | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    *,
    split: bool = False,
    on_skip: Skip | None = None,
) -> Iterator[Item]:
    """Yield documents (or errors) from every input, in order, reading as they are asked for.

    ``split`` reads text on standard input as one document per article; ``on_skip``
    is given each file of a folder that is not read (by its path in the folder).
    """
    reader = _Reader(warn or _ignore, max_chars, split, on_skip or _ignore)
    for raw in inputs:
        yield from reader.read(raw)


def has_readable_files(folder: str | Path) -> bool:
    """Whether reading ``folder`` would read any file: one ending in a suffix it reads, hidden ones aside.

    Walks as reading does (name order, not into hidden or linked folders) and stops at the first such file.
    """
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return True  # reading it reports why it cannot be listed
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                if has_readable_files(entry.path):
                    return True
            elif entry.is_file() and Path(entry.name).suffix.lower() in FOLDER_SUFFIXES:
                return True
        except OSError:
            return True
    return False


class _Reader:
    def __init__(self, warn: Warn, max_chars: int, split: bool = False, on_skip: Skip = _ignore) -> None:
        self.warn = warn
        self.max_chars = max_chars
        self.split = split
        self.on_skip = on_skip

    def read(self, raw: str) -> Iterator[Item]:
        if raw == "-":
            yield from self._read_stdin()
            return
        path = Path(raw)
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            yield InputError(raw, "no such file or folder")
            return
        except OSError as error:
            yield InputError(raw, f"cannot read ({error.strerror or error})")
            return
        if stat.S_ISDIR(mode):
            yield from self._read_folder(path, path)
        elif stat.S_ISREG(mode):
            yield from self._read_file(path, path.name)
        else:
            yield InputError(raw, "not a regular file or folder")

    def _read_folder(self, root: Path, folder: Path) -> Iterator[Item]:
        """Walk a folder in name order (for deterministic output), skipping hidden entries."""
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as error:
            yield InputError(str(folder), f"cannot list folder ({error.strerror or error})")
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
                is_file = entry.is_file()
            except OSError as error:
                yield InputError(str(path), f"cannot read ({error.strerror or error})")
                continue
            if is_dir:
                yield from self._read_folder(root, path)
            elif is_file and path.suffix.lower() not in FOLDER_SUFFIXES:
                self.on_skip(path.relative_to(root).as_posix())
            elif is_file:
                yield from self._read_file(path, path.relative_to(root).as_posix())
            elif not entry.is_symlink():
                yield InputError(str(path), "not a regular file")

    def _read_file(self, path: Path, doc_id: str) -> Iterator[Item]:
        name = str(path)
        try:
            stream = open(path, "rb")
        except OSError as error:
            yield InputError(name, f"cannot read ({error.strerror or error})")
            return
        with stream:
            try:
                if path.suffix.lower() in TABLE_SUFFIXES:
                    yield from self._read_table(stream, name, path.suffix.lower(), path.stem)
                else:
                    yield self._read_text(stream, name, doc_id)
            except OSError as error:
                yield InputError(name, f"cannot read ({error.strerror or error})")

    def _read_stdin(self) -> Iterator[Item]:
        stream = _peekable(sys.stdin.buffer)
        # A stream starting with "{" is JSONL (``cat articles.jsonl | quotes extract -``); else one text.
        head = stream.peek(BINARY_SNIFF_BYTES)[:BINARY_SNIFF_BYTES]
        if head.removeprefix(UTF8_BOM).lstrip()[:1] == b"{":
            yield from self._read_table(stream, "<stdin>", ".jsonl", "stdin")
            return
        item = self._read_text(stream, "<stdin>", "<stdin>")
        articles, evidence = split_articles(item.text) if isinstance(item, Document) else ([], "")
        if len(articles) < 2:
            yield item
        elif self.split:
            for number, text in enumerate(articles, start=1):
                yield Document(doc_id=f"<stdin>#{number}", text=text)
        else:
            self.warn(
                f"<stdin> holds {len(articles)} articles ({evidence}) but is read as one document: "
                "pass --split for one document per article, or give one JSON object per article (JSONL)"
            )
            yield item

    def _read_text(self, stream: BinaryIO, name: str, doc_id: str) -> Item:
        # UTF-8 takes at most 4 bytes a character: read just past the cap, never a whole runaway file.
        data = stream.read(4 * self.max_chars + 1)
        if not data:
            return InputError(name, "empty file")
        too_long = InputError(name, f"document too long (over {self.max_chars:,} characters; see --max-chars)")
        if len(data) > 4 * self.max_chars:
            return too_long
        try:
            text, warning = decode(data, name)
        except ValueError as error:
            return InputError(name, str(error))
        if len(text) > self.max_chars:
            return too_long
        if not text.strip():
            return InputError(name, "empty document (only whitespace)")
        if looks_like_html(text):
            return InputError(name, "an HTML page, not article text: extract the article's text first")
        if warning:
            self.warn(warning)
        return Document(doc_id=doc_id, text=text)

    def _read_table(self, stream: io.BufferedReader, name: str, suffix: str, stem: str) -> Iterator[Item]:
        head = stream.peek(BINARY_SNIFF_BYTES)[:BINARY_SNIFF_BYTES]
        if not head:
            yield InputError(name, "empty file")
            return
        reason = sniff_binary(head)
        if reason:
            yield InputError(name, reason)
            return
        if suffix == ".json":
            whole = self._json_records(stream, name)
            if whole is not None:
                for number, record in whole:
                    yield self._record_document(record, f"{name}:{number}", f"{stem}:{number}")
                return
        lines = self._lines(stream, name)
        if suffix == ".csv":
            records: Iterator[tuple[int, object]] = _csv_records(lines, name)
        else:
            records = _jsonl_records(lines, name)
        for number, record in records:
            if isinstance(record, InputError):
                yield record
            else:
                yield self._record_document(record, f"{name}:{number}", f"{stem}:{number}")

    def _json_records(self, stream: io.BufferedReader, name: str) -> list[tuple[int, object]] | None:
        """A .json file's records when it holds one JSON value (an object, or an array of them); None for JSONL.

        The value is numbered: the object as 1, an array's items from 1. A file too
        large to hold whole, or holding one object a line, is read as JSONL.
        """
        start = stream.tell()
        data = stream.read(4 * self.max_chars + 1)
        stream.seek(start)
        if len(data) > 4 * self.max_chars:
            return None
        try:
            value = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
            return None
        return list(enumerate(value, start=1)) if isinstance(value, list) else [(1, value)]

    def _record_document(self, record: object, where: str, default_id: str) -> Item:
        if not isinstance(record, dict):
            return InputError(where, "not a JSON object")
        text = record.get("text")
        if text is None:
            return InputError(where, "record has no 'text' field")
        if not isinstance(text, str):
            return InputError(where, f"'text' must be a string, not {type(text).__name__}")
        if not text.strip():
            return InputError(where, "empty text")
        if len(text) > self.max_chars:
            return InputError(where, f"document too long (over {self.max_chars:,} characters; see --max-chars)")
        return Document(
            doc_id=_field(record, "id") or default_id,
            text=text,
            source=_field(record, "source"),
            url=_field(record, "url"),
            date=_field(record, "date"),
            title=_field(record, "title"),
        )

    def _lines(self, stream: io.BufferedReader, name: str) -> Iterator[tuple[int, str | InputError]]:
        """Numbered, decoded lines of a table file, with line endings kept (CSV fields may span lines)."""
        if stream.peek(2)[:2] in UTF16_BOMS:
            text_stream = io.TextIOWrapper(stream, encoding="utf-16", newline="")
            try:
                for number, line in enumerate(text_stream, start=1):
                    yield number, line
            except UnicodeDecodeError as error:
                yield 0, InputError(name, f"broken UTF-16 text ({error.reason})")
            finally:
                text_stream.detach()
            return
        # A line may hold a whole article, but not without limit: cap it like a document.
        line_cap = 4 * self.max_chars
        warned = False
        number = 0
        while True:
            raw = stream.readline(line_cap + 1)
            if not raw:
                return
            number += 1
            if len(raw) > line_cap and not raw.endswith(b"\n"):
                while raw and not raw.endswith(b"\n"):
                    raw = stream.readline(1 << 20)
                yield number, InputError(f"{name}:{number}", f"line too long (over {line_cap:,} bytes)")
                continue
            if number == 1:
                raw = raw.removeprefix(UTF8_BOM)
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                line = raw.decode("cp1252", errors="replace")
                if not warned:
                    self.warn(f"{name}:{number}: not valid UTF-8, decoded as cp1252 (warned once per file)")
                    warned = True
            yield number, line


def _peekable(stream: BinaryIO) -> io.BufferedReader:
    """Standard input is a BufferedReader when piped, but a bare BytesIO under test runners."""
    if isinstance(stream, io.BufferedReader):
        return stream
    return io.BufferedReader(stream)  # type: ignore[arg-type]


def _field(record: dict, key: str) -> str:
    value = record.get(key)
    return "" if value is None else str(value)


def _jsonl_records(lines: Iterable[tuple[int, str | InputError]], name: str) -> Iterator[tuple[int, object]]:
    for number, line in lines:
        if isinstance(line, InputError) or not line.strip():
            if isinstance(line, InputError):
                yield number, line
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as error:
            # json's messages may end in "at" ("Invalid control character at"): one "at", before the column.
            message = error.msg.removesuffix(" at")
            yield number, InputError(name, f"invalid JSON on line {number}: {message} at column {error.colno}")
        except RecursionError:
            yield number, InputError(name, f"invalid JSON on line {number}: nested too deeply")


def _csv_records(lines: Iterable[tuple[int, str | InputError]], name: str) -> Iterator[tuple[int, object]]:
    numbers: list[int] = [0]
    errors: list[InputError] = []

    def text_lines() -> Iterator[str]:
        for number, line in lines:
            numbers[0] = number
            if isinstance(line, InputError):
                errors.append(line)
                return
            yield line

    reader = csv.DictReader(text_lines())
    try:
        columns = reader.fieldnames
    except csv.Error as error:
        yield 1, InputError(f"{name}:1", f"invalid CSV header ({error})")
        return
    if columns is None:
        yield 0, InputError(name, "empty file")
        return
    if "text" not in columns:
        yield 1, InputError(name, f"CSV has no 'text' column (columns: {', '.join(columns)})")
        return
    while True:
        start = numbers[0] + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            # The csv module cannot resynchronise after a malformed record: stop this file here.
            yield start, InputError(f"{name}:{start}", f"invalid CSV ({error}); rest of file skipped")
            return
        yield start, record
    for error in errors:
        yield 0, error


def read_items(
    inputs: Iterable[str | Document],
    warn: Callable[[str], None] | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    *,
    split: bool = False,
    on_skip: Skip | None = None,
) -> Iterator[Item]:
    """Documents given directly pass through; every other input is read as a path (or ``-``)."""
    for item in inputs:
        if isinstance(item, Document):
            yield item
        else:
            yield from read_inputs([str(item)], warn, max_chars, split=split, on_skip=on_skip)
