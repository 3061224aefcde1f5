"""quotes who / search / stats / extract --db from the command line."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from seed_gold import SEEDS, gold_nlp
from typer.testing import CliRunner

import quotes.pipeline
from quotes.cli import app
from quotes.explore.store import Store
from quotes.pipeline import extract_table
from quotes.table import TABLE_COLUMNS

runner = CliRunner()


@pytest.fixture
def gold_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands load the seeds' gold stand-in instead of the shipped pipeline."""
    monkeypatch.setattr(quotes.pipeline, "load", lambda *args, **kwargs: gold_nlp())


@pytest.fixture
def table(tmp_path: Path) -> Path:
    path = tmp_path / "quotes.csv"
    frame = extract_table(str(SEEDS), gold_nlp())
    frame.drop(columns=["speaker_id"]).to_csv(path, index=False)  # a table from DESIGN's columns only
    return path


def test_who_finds_a_speaker_in_a_table_despite_a_typo(table: Path) -> None:
    result = runner.invoke(app, ["who", "sulivan", "--table", str(table), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {row["speaker_id"] for row in rows} == {"Jake Sullivan"}
    assert {row["doc_id"] for row in rows} >= {"000_a6f9d7107e9269aa.txt", "004_756bf3166228ad0e.txt"}
    assert list(rows[0]) == list(TABLE_COLUMNS)


def test_who_keeps_people_sharing_a_surname_apart(tmp_path: Path, table: Path) -> None:
    frame = pd.read_csv(table)
    extra = frame.iloc[[0]].assign(speaker="Hunter Biden", speaker_mention="Hunter Biden", quote="Saya tidak tahu")
    both = tmp_path / "both.csv"
    pd.concat([frame, extra]).to_csv(both, index=False)
    result = runner.invoke(app, ["who", "Biden", "--table", str(both), "--format", "csv"])
    assert result.exit_code == 0, result.output
    found = pd.read_csv(io.StringIO(result.stdout))
    assert {"Joe Biden", "Hunter Biden"} <= set(found["speaker_id"])
    readable = runner.invoke(app, ["who", "Biden", "--table", str(both)])
    assert "Joe Biden —" in readable.stdout and "Hunter Biden — 1 quote" in readable.stdout


def test_who_runs_extraction_on_inputs(gold_pipeline: None) -> None:
    result = runner.invoke(app, ["who", "PUTIN", str(SEEDS), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert {row["speaker_id"] for row in json.loads(result.stdout)} == {"Vladimir Putin"}


def test_extract_db_twice_then_who_search_stats(tmp_path: Path, gold_pipeline: None) -> None:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    db = tmp_path / "q.db"
    first = runner.invoke(app, ["extract", str(folder), "--db", str(db)])
    assert first.exit_code == 0, first.output
    with Store(db) as store:
        rows = store.count()
    second = runner.invoke(app, ["extract", str(folder), "--db", str(db)])
    assert "5 unchanged" in second.stderr
    with Store(db) as store:
        assert store.count() == rows > 0

    who = runner.invoke(app, ["who", "jake sullivan", "--db", str(db), "--format", "json"])
    assert who.exit_code == 0 and {row["speaker_id"] for row in json.loads(who.stdout)} == {"Jake Sullivan"}
    search = runner.invoke(app, ["search", "senjata nuklir", "--db", str(db)])
    assert search.exit_code == 0 and "senjata" in search.stdout
    stats = runner.invoke(app, ["stats", "--db", str(db), "--json"])
    assert json.loads(stats.stdout)["quotes"] == rows


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["who", "Sullivan"], "give exactly one source"),
        (["who", "Sullivan", "--table", "missing.csv"], "missing.csv: no such file"),
        (["who", "Sullivan", "--table", "notes.txt"], "unknown table format"),
        (["who", "Sullivan", "--db", "missing.db"], "no such quote store"),
        (["search", "nuklir", "--db", "missing.db"], "no such quote store"),
        (["stats", "--db", "missing.db"], "no such quote store"),
        (["who", "Sullivan", "--db", "missing.db", "--format", "xml"], "unknown format"),
    ],
)
def test_bad_input_is_one_line_without_traceback(arguments: list[str], message: str) -> None:
    result = runner.invoke(app, arguments)
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1


def test_no_match_exits_one(table: Path) -> None:
    result = runner.invoke(app, ["who", "Zzyzx", "--table", str(table)])
    assert result.exit_code == 1 and "no speaker matches" in result.stderr


def test_every_command_has_an_example_in_its_help() -> None:
    for command in ("who", "search", "stats", "show"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0 and "Example: quotes " + command in result.stdout
