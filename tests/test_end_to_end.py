"""The newcomer's path: `quotes extract seeds/ -o quotes.csv`, scored against the seeds' gold."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from quotes.cli import app
from quotes.table import COLUMNS
from quotes.scoring import read_jsonl, score

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
WHO_SAID_WHAT_TARGET = 0.90


@pytest.fixture(scope="module")
def seed_table(tmp_path_factory) -> pd.DataFrame:
    output = tmp_path_factory.mktemp("e2e") / "quotes.csv"
    result = CliRunner().invoke(app, ["extract", str(ROOT / "seeds"), "-o", str(output)])
    assert result.exit_code == 0, result.output
    return pd.read_csv(output, keep_default_na=False)


def test_table_has_the_design_schema(seed_table):
    assert tuple(seed_table.columns) == COLUMNS
    # DESIGN's 12 columns, then the article's date, title and url, read from the plain-text seeds.
    assert COLUMNS[:2] == ("doc_id", "source") and COLUMNS[11:] == ("confidence", "date", "title", "url")
    dates = dict(zip(seed_table["doc_id"], seed_table["date"]))
    assert dates == {
        "000_a6f9d7107e9269aa.txt": "2022-03-23",
        "001_2bd0bd0c2dad21dd.txt": "2021-12-30",
        "002_11bcd6a5151a72ac.txt": "2021-12-08",
        "003_a81184b8f8680257.txt": "",
        "004_756bf3166228ad0e.txt": "2021-12-08",
    }
    assert set(seed_table["url"]) == {""}
    assert set(seed_table["source"]) == {"Tribunnews", "Liputan6", "Kontan", "Bisnis.com"}
    assert set(seed_table["quote_type"]) == {"direct", "indirect", "mixed"}


def test_offsets_point_into_the_original_files(seed_table):
    for row in seed_table.itertuples():
        text = (ROOT / "seeds" / row.doc_id).read_text(encoding="utf-8")
        assert text[row.start_char : row.end_char] == row.quote


def test_who_said_what_against_the_seed_gold(seed_table):
    scores = score(read_jsonl(DATA / "seeds.jsonl"), seed_table.to_dict("records"), read_jsonl(DATA / "seeds_borderline.jsonl"))
    assert scores.f1 >= WHO_SAID_WHAT_TARGET, scores.as_dict()
    assert scores.who_said_what_f1 >= WHO_SAID_WHAT_TARGET, scores.as_dict()


def test_who_finds_everything_jake_sullivan_said(seed_table, tmp_path):
    table = tmp_path / "quotes.csv"
    seed_table.to_csv(table, index=False)
    result = CliRunner().invoke(app, ["who", "sulivan", "--table", str(table), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = pd.read_csv(io.StringIO(result.stdout), keep_default_na=False)
    assert set(rows["speaker"]) == {"Jake Sullivan"}
    assert len(rows) == (seed_table["speaker"] == "Jake Sullivan").sum() >= 5
