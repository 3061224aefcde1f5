"""The CLI on the junk crawlers produce: one clear line per bad input, good documents still out, no traceback."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import quotes.io.reading
from quotes.cli import app

GOOD = "Jakarta - “Kami siap membantu,” kata Jake Sullivan, penasihat keamanan nasional Biden.\n"
runner = CliRunner()


def extract(*args: str, stdin: bytes | None = None):
    result = runner.invoke(app, ["extract", "--model", "rules", *args], input=stdin)
    # Whatever happened, the user never sees a traceback, and we never leak an exception.
    assert "Traceback" not in result.stdout + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error: ")]


@pytest.fixture
def junk(tmp_path: Path) -> Path:
    """A folder with one good article and one of every kind of bad input."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "binary.bin").write_bytes(bytes(range(256)) * 64)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "nul.txt").write_bytes(GOOD.encode() + b"\x00" * 200)
    (folder / "cp1252.txt").write_bytes(GOOD.encode("cp1252"))
    (folder / "utf16.txt").write_bytes(GOOD.encode("utf-16"))
    (folder / "page.txt").write_text(f"<!DOCTYPE html><html><body><p>{GOOD}</p></body></html>", encoding="utf-8")
    (folder / "broken.jsonl").write_text(
        json.dumps({"id": "j1", "text": GOOD}) + "\n" + '{"id": "j2", "text": "unterminated\n' + "[]\n",
        encoding="utf-8",
    )
    return folder


def test_matrix_of_bad_inputs(junk: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    result = extract(str(junk), "-o", str(out))
    assert result.exit_code == 1
    errors = error_lines(result.stderr)
    expected = {
        "empty.txt": "empty file",
        "nul.txt": "NUL bytes",
        "page.txt": "HTML page",
        "broken.jsonl": "invalid JSON on line 2: Invalid control character at column 35",
        "broken.jsonl:3": "not a JSON object",
    }
    assert len(errors) == len(expected), result.stderr
    for name, reason in expected.items():
        assert any(f"{junk / name}: " in line and reason in line for line in errors), (name, result.stderr)
    assert f"warning: {junk / 'cp1252.txt'}: not valid UTF-8" in result.stderr
    # The good documents, including the recoverable encodings, still come out; what a folder
    # holds besides text, JSON and CSV files is skipped and named.
    assert {row["doc_id"] for row in rows(out)} == {"good.txt", "cp1252.txt", "utf16.txt", "j1"}
    assert "4 documents, 4 quotes, 1 speaker in " in result.stderr
    assert "; skipped 1 file: binary.bin" in result.stderr and "5 inputs failed (see the errors above)" in result.stderr


def test_fifty_megabyte_single_line(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as stream:
        stream.write(b"kata " * (10 * 1024 * 1024))  # 50 MiB, no line break
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out.csv"
    result = extract(str(huge), str(tmp_path / "good.txt"), "-o", str(out))
    assert result.exit_code == 1
    assert error_lines(result.stderr) == [f"error: {huge}: document too long (over 10,000,000 characters; see --max-chars)"]
    assert [row["doc_id"] for row in rows(out)] == ["good.txt"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_files_in_a_folder(junk: Path, tmp_path: Path) -> None:
    locked = junk / "locked.txt"
    locked.write_text(GOOD, encoding="utf-8")
    locked.chmod(0)
    try:
        result = extract(str(junk), "-o", str(tmp_path / "out.csv"))
    finally:
        locked.chmod(0o644)
    assert f"error: {locked}: cannot read (Permission denied)" in result.stderr
    assert result.exit_code == 1


def test_unreadable_files_in_a_folder_simulated(junk: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same as above where tests run as root: the open itself is made to fail as chmod 000 would."""
    locked = junk / "locked.txt"
    locked.write_text(GOOD, encoding="utf-8")
    real_open = open

    def guarded_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(file) == locked:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(quotes.io.reading, "open", guarded_open, raising=False)
    out = tmp_path / "out.csv"
    result = extract(str(junk), "-o", str(out))
    assert f"error: {locked}: cannot read (Permission denied)" in result.stderr
    assert "good.txt" in {row["doc_id"] for row in rows(out)}
    assert result.exit_code == 1


def test_strict_stops_at_the_first_failure_and_leaves_the_old_output(junk: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    out.write_text("an earlier table\n", encoding="utf-8")
    result = extract(str(junk), "-o", str(out), "--strict")
    assert result.exit_code == 1
    assert len(error_lines(result.stderr)) == 1
    assert out.read_text(encoding="utf-8") == "an earlier table\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.csv")] == []


def test_missing_input_and_clean_exit_codes(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    assert extract(str(tmp_path / "good.txt")).exit_code == 0
    result = extract(str(tmp_path / "missing.txt"), str(tmp_path / "good.txt"))
    assert result.exit_code == 1
    assert error_lines(result.stderr) == [f"error: {tmp_path / 'missing.txt'}: no such file or folder"]
    assert "Sullivan" in result.stdout
    assert "1 document, 1 quote, 1 speaker in " in result.stderr and "1 input failed (see the error above)" in result.stderr


def test_stdin_jsonl_to_stdout_jsonl() -> None:
    stdin = (json.dumps({"id": "a", "text": GOOD}) + "\n{oops\n").encode()
    result = extract("-", "--format", "jsonl", stdin=stdin)
    assert result.exit_code == 1
    assert error_lines(result.stderr) == ["error: <stdin>: invalid JSON on line 2: Expecting property name enclosed in double quotes at column 2"]
    [row] = [json.loads(line) for line in result.stdout.splitlines()]
    assert row["doc_id"] == "a" and row["quote"] == "Kami siap membantu"


@pytest.mark.parametrize("name, fmt", [("t.csv", "csv"), ("t.jsonl", "jsonl"), ("t.parquet", "parquet")])
def test_format_follows_the_extension(tmp_path: Path, name: str, fmt: str) -> None:
    import pandas as pd

    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / name
    assert extract(str(tmp_path / "good.txt"), "-o", str(out)).exit_code == 0
    reader = {"csv": pd.read_csv, "jsonl": lambda p: pd.read_json(p, lines=True), "parquet": pd.read_parquet}[fmt]
    frame = reader(out)
    from quotes.table import COLUMNS

    assert tuple(frame.columns) == COLUMNS and len(frame) == 1


def test_unknown_format_and_model_are_one_line_errors(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    result = extract(str(tmp_path / "good.txt"), "--format", "xlsx")
    assert result.exit_code == 2 and error_lines(result.stderr) == [
        "error: unknown format 'xlsx'; choose one of csv, jsonl, parquet"
    ]
    result = runner.invoke(app, ["extract", str(tmp_path / "good.txt"), "--model", str(tmp_path / "nomodel")])
    assert result.exit_code == 2 and len(error_lines(result.stderr)) == 1


def test_unexpected_exceptions_per_document_are_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import quotes.running

    real_finish = quotes.running._finish

    def explode_on_b(doc, document, cleaned, keep_docs):  # type: ignore[no-untyped-def]
        if document.doc_id == "b.txt":
            raise RuntimeError("boom\nsecond line")
        return real_finish(doc, document, cleaned, keep_docs)

    monkeypatch.setattr(quotes.running, "_finish", explode_on_b)
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(GOOD, encoding="utf-8")
    result = extract(str(tmp_path))
    assert result.exit_code == 1
    assert error_lines(result.stderr) == ["error: b.txt: failed in the pipeline (RuntimeError: boom)"]
    assert [row["doc_id"] for row in csv.DictReader(io.StringIO(result.stdout))] == ["a.txt", "c.txt"]


def test_help_has_an_example_on_every_command() -> None:
    import typer.main

    def commands(group: Any, path: list[str]) -> list[list[str]]:
        found = []
        for name, command in group.commands.items():
            if hasattr(command, "commands"):
                found += commands(command, path + [name])
            else:
                found.append(path + [name])
        return found

    assert "Example" in runner.invoke(app, ["--help"]).stdout
    every = commands(typer.main.get_command(app), [])
    assert ["extract"] in every
    for path in every:
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0 and "Example" in result.stdout, path


def test_version() -> None:
    from quotes import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"quotes {__version__}"


def several_articles() -> str:
    body = "Kata demi kata berita ini terus berlanjut panjang sekali di sini. " * 3
    return "".join(
        f"{headline}\n\nLiputan6.com, Jakarta - {GOOD.removeprefix('Jakarta - ')} {body}\n"
        for headline in ("Harga Minyak Naik Lagi Hari Ini", "Biden Dan Putin Bicara Lewat Telepon", "Timnas Menang Tipis Atas Vietnam")
    )


def test_stdin_holding_several_articles_warns_and_split_separates_them() -> None:
    stdin = several_articles().encode()
    result = extract("-", stdin=stdin)
    assert result.exit_code == 0
    assert "warning: <stdin> holds 3 articles" in result.stderr and "--split" in result.stderr and "JSONL" in result.stderr
    assert {row["doc_id"] for row in csv.DictReader(io.StringIO(result.stdout))} == {"<stdin>"}
    result = extract("-", "--split", stdin=stdin)
    assert result.exit_code == 0 and "warning" not in result.stderr
    found = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["doc_id"] for row in found] == ["<stdin>#1", "<stdin>#2", "<stdin>#3"]
    assert found[1]["title"] == "Biden Dan Putin Bicara Lewat Telepon"
    assert "3 documents, 3 quotes" in result.stderr
    # Form feeds between articles are boundaries too.
    result = extract("-", "--split", stdin=f"{GOOD}\f{GOOD}".encode())
    assert [row["doc_id"] for row in csv.DictReader(io.StringIO(result.stdout))] == ["<stdin>#1", "<stdin>#2"]


def test_a_folder_skips_what_is_not_text_json_or_csv_and_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "docs").mkdir(parents=True)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "notes.md").write_text(GOOD, encoding="utf-8")
    (folder / "docs" / "x.pdf").write_bytes(b"%PDF-1.4")
    result = extract(str(folder), "-o", str(tmp_path / "out.csv"))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.strip().endswith("; skipped 2 files: docs/x.pdf, notes.md")
    assert [row["doc_id"] for row in rows(tmp_path / "out.csv")] == ["good.txt"]


@pytest.fixture
def never_load(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pipeline must not load: these runs end before it would."""
    import quotes.pipeline

    def load(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the pipeline was loaded")

    monkeypatch.setattr(quotes.pipeline, "load", load)


def test_an_unwritable_output_is_named_as_given_before_the_pipeline_loads(tmp_path: Path, never_load: None) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    outputs = [str(tmp_path / "no" / "such" / "out.csv"), str(tmp_path)]
    if Path("/proc").is_dir():
        outputs.append("/proc/x.csv")
    for output in outputs:
        result = runner.invoke(app, ["extract", str(tmp_path / "good.txt"), "-o", output])
        assert result.exit_code == 2, (output, result.output)
        [line] = error_lines(result.stderr)
        assert line.startswith(f"error: cannot write {output}") and ".tmp" not in line
    assert not (tmp_path / "no").exists()
    result = runner.invoke(app, ["extract", str(tmp_path / "good.txt"), "--db", str(tmp_path / "no" / "q.db")])
    assert result.exit_code == 2 and error_lines(result.stderr) == [f"error: cannot write {tmp_path / 'no' / 'q.db'}: no folder {tmp_path / 'no'}"]


def test_a_missing_input_alone_writes_nothing(tmp_path: Path, never_load: None) -> None:
    out = tmp_path / "out.csv"
    for output in (["-o", str(out)], [], ["--db", str(tmp_path / "q.db")]):
        result = runner.invoke(app, ["extract", str(tmp_path / "missing.txt"), *output])
        assert result.exit_code == 1, result.output
        assert error_lines(result.stderr) == [f"error: {tmp_path / 'missing.txt'}: no such file or folder"]
        assert result.stdout == ""
    assert list(tmp_path.iterdir()) == []


def test_an_empty_input_set_is_an_error(tmp_path: Path, never_load: None) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.md").write_text(GOOD, encoding="utf-8")
    (other / ".hidden.txt").write_text(GOOD, encoding="utf-8")
    for folder in (empty, other):
        result = runner.invoke(app, ["extract", str(folder), "-o", str(tmp_path / "out.csv")])
        assert result.exit_code == 1, result.output
        assert error_lines(result.stderr) == [f"error: {folder}: nothing to read here (no .txt, .jsonl, .json or .csv file)"]
    assert not (tmp_path / "out.csv").exists()


def test_inputs_that_hold_no_document_write_no_table(tmp_path: Path) -> None:
    (tmp_path / "none.json").write_text("[]", encoding="utf-8")
    result = extract(str(tmp_path / "none.json"), "-o", str(tmp_path / "out.csv"))
    assert result.exit_code == 1 and error_lines(result.stderr) == [f"error: no document in {tmp_path / 'none.json'}; no output written"]
    assert not (tmp_path / "out.csv").exists()


def help_pages() -> list[list[str]]:
    import typer.main

    def commands(group: Any, path: list[str]) -> list[list[str]]:
        found = [path]
        for name, command in group.commands.items():
            found += commands(command, path + [name]) if hasattr(command, "commands") else [path + [name]]
        return found

    return commands(typer.main.get_command(app), [])


@pytest.mark.parametrize("path", help_pages(), ids=lambda path: " ".join(path) or "quotes")
def test_help_names_values_without_type_tags(path: list[str]) -> None:
    result = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for tag in ("<bool>", "<str>", "<int", "<list[", "{", "<pipeline"):
        assert tag not in result.stdout, (path, tag, result.stdout)
    if path == ["extract"]:
        assert "extract [OPTIONS] INPUTS..." in result.stdout
        assert " PATH " in result.stdout and "--split" in result.stdout


def test_a_failed_write_names_the_output_not_its_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import quotes.io.writing

    def fail(self: Any) -> None:
        raise OSError(28, "No space left on device", str(self.temporary))

    monkeypatch.setattr(quotes.io.writing.AtomicFile, "commit", fail)
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out.csv"
    result = extract(str(tmp_path / "good.txt"), "-o", str(out))
    assert result.exit_code == 2
    assert error_lines(result.stderr) == [f"error: cannot write {out} (No space left on device)"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["good.txt"]
