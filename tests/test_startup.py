"""Commands that never run a pipeline start without spaCy (and so without thinc and torch)."""

from __future__ import annotations

import csv
import subprocess
import sys

import pytest

import quotes
from quotes.explore.store import Store
from quotes.io.reading import Document
from quotes.running import Processed
from quotes.table import COLUMNS

TEXT = "“Kami siap berunding,” kata Penasihat Keamanan Nasional Jake Sullivan di Washington."
# Every column of the table, those not given here empty.
ROW = dict.fromkeys(COLUMNS, "") | {
    "doc_id": "a.txt",
    "speaker": "Jake Sullivan",
    "speaker_mention": "Jake Sullivan",
    "speaker_role": "Penasihat Keamanan Nasional",
    "quote": "Kami siap berunding,",
    "quote_type": "direct",
    "cue": "kata",
    "start_char": 1,
    "end_char": 21,
    "confidence": 0.9,
}

# Runs the command line in a fresh process, then prints which of the heavy modules it imported.
PROBE = """
import atexit, sys
atexit.register(lambda: print("imported:", *sorted(m for m in ("spacy", "thinc", "torch") if m in sys.modules)))
sys.argv = ["quotes", *sys.argv[1:]]
from quotes.cli import app
app()
"""


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("startup")
    table = folder / "quotes.csv"
    with table.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerow(ROW)
    db = folder / "quotes.db"
    with Store(db) as store:
        store.add(Processed(Document("a.txt", TEXT), None, [ROW]))
        store.refresh_speakers()
    return {"table": str(table), "db": str(db)}


@pytest.mark.parametrize(
    "command",
    [
        ["--help"],
        ["who", "sullivan", "--table", "{table}"],
        ["who", "sullivan", "--db", "{db}"],
        ["search", "berunding", "--db", "{db}"],
        ["stats", "--db", "{db}"],
    ],
    ids=["help", "who-table", "who-db", "search", "stats"],
)
def test_commands_without_a_pipeline_do_not_import_spacy(sources: dict[str, str], command: list[str]) -> None:
    args = [part.format(**sources) for part in command]
    completed = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.splitlines()[-1] == "imported:"
    if command[0] != "--help":
        assert "Sullivan" in completed.stdout


def test_import_quotes_leaves_spacy_until_the_pipeline_is_asked_for() -> None:
    probe = "import sys, quotes; print('spacy' in sys.modules, quotes.__version__)"
    completed = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert completed.stdout.split() == ["False", quotes.__version__]


def test_the_package_still_offers_load_extract_table_and_render() -> None:
    import quotes.explore.highlighting
    import quotes.pipeline

    assert quotes.load is quotes.pipeline.load
    assert quotes.extract_table is quotes.pipeline.extract_table
    assert quotes.render is quotes.explore.highlighting.render
    with pytest.raises(AttributeError):
        _ = quotes.no_such_name
