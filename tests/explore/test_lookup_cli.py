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
    stats = runner.invoke(app, ["stats", "--db", str(db), "--format", "json"])
    assert json.loads(stats.stdout)["quotes"] == rows
    # The plain-text seeds are dated by their datelines.
    assert [month["month"] for month in json.loads(stats.stdout)["months"]] == ["2021-12", "2022-03"]


def test_who_search_and_stats_share_one_format_option(tmp_path: Path, gold_pipeline: None) -> None:
    db = tmp_path / "q.db"
    assert runner.invoke(app, ["extract", str(SEEDS), "--db", str(db)]).exit_code == 0
    commands = {
        "who": ["who", "Sullivan", "--db", str(db)],
        "search": ["search", "nuklir", "--db", str(db)],
        "stats": ["stats", "--db", str(db)],
    }
    for name, command in commands.items():
        readable = runner.invoke(app, [*command, "--format", "table"], env={"COLUMNS": "200"})
        as_csv = runner.invoke(app, [*command, "--format", "csv"])
        as_json = runner.invoke(app, [*command, "--format", "json"])
        assert readable.exit_code == as_csv.exit_code == as_json.exit_code == 0, name
        assert "─" in readable.stdout and not readable.stdout.lstrip().startswith(("{", "["))
        assert len(pd.read_csv(io.StringIO(as_csv.stdout))) > 0
        assert json.loads(as_json.stdout)
        bad = runner.invoke(app, [*command, "--format", "xml"])
        assert bad.exit_code == 2 and "unknown format 'xml'" in bad.stderr
    figures = pd.read_csv(io.StringIO(runner.invoke(app, [*commands["stats"], "--format", "csv"]).stdout), keep_default_na=False)
    assert list(figures.columns) == ["figure", "name", "documents", "quotes"]
    assert figures.iloc[0].to_dict() == {"figure": "total", "name": "", "documents": 5, "quotes": json.loads(as_json.stdout)["quotes"]}
    assert {"speaker", "outlet", "month"} <= set(figures["figure"])
    # --json is kept, hidden, for scripts written before --format.
    old = runner.invoke(app, [*commands["stats"], "--json"])
    assert old.exit_code == 0 and json.loads(old.stdout) == json.loads(as_json.stdout)
    assert "--json" not in runner.invoke(app, ["stats", "--help"]).stdout


def test_who_shows_role_and_type_in_their_own_columns(tmp_path: Path, table: Path) -> None:
    frame = pd.read_csv(table, keep_default_na=False)
    frame.loc[frame["speaker"] == "Dmitry Peskov", "speaker_role"] = "juru bicara Kremlin"
    frame.to_csv(tmp_path / "roles.csv", index=False)
    result = runner.invoke(app, ["who", "Peskov", "--table", str(tmp_path / "roles.csv")], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    header = next(line for line in lines if "quote" in line and "document" in line)
    assert [cell.strip() for cell in header.strip("┃ ").split("┃")] == ["quote", "cue, mention", "role", "type", "document"]
    first, second = (line for line in lines if line.startswith("│"))
    assert [cell.strip() for cell in first.split("│")[2:5]] == ["mengatakan", "juru bicara Kremlin", "indirect"]
    # The mention under the cue; the type is no longer stacked there.
    assert [cell.strip() for cell in second.split("│")[2:5]] == ["Ia", "", ""]


def test_a_table_written_before_the_article_columns_still_reads(tmp_path: Path, table: Path) -> None:
    old = tmp_path / "old.csv"
    pd.read_csv(table).drop(columns=["date", "title", "url"]).to_csv(old, index=False)
    result = runner.invoke(app, ["who", "Sullivan", "--table", str(old), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert list(rows[0]) == list(TABLE_COLUMNS) and {(row["date"], row["title"], row["url"]) for row in rows} == {("", "", "")}
