"""Running at scale: long texts cut into windows, worker processes, deterministic output."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import quotes
from quotes.cli import app
from quotes.pipeline import iter_rows
from quotes.reading import Document
from quotes.running import run, windows

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def span_key(row: dict) -> tuple:
    return (row["start_char"], row["end_char"], row["quote"], row["quote_type"])


@given(
    text=st.text(alphabet=st.sampled_from("ab \n"), max_size=3000),
    limit=st.integers(min_value=8, max_value=400),
    overlap=st.integers(min_value=0, max_value=200),
)
@settings(max_examples=200, deadline=None)
def test_windows_tile_the_text_within_the_limit(text: str, limit: int, overlap: int) -> None:
    cuts = windows(text, limit, overlap)
    assert cuts[0].own_start == 0 and cuts[-1].own_end == len(text)
    for before, after in zip(cuts, cuts[1:]):
        assert before.own_end == after.own_start
    for cut in cuts:
        assert cut.end - cut.start <= limit
        assert cut.start <= cut.own_start <= cut.own_end <= cut.end


def test_windows_cut_at_paragraph_breaks() -> None:
    text = ("kalimat " * 20 + "\n\n") * 20
    for cut in windows(text, 600, 100)[1:]:
        assert text[cut.own_start - 2 : cut.own_start] == "\n\n"


@pytest.mark.parametrize("limit", [1500, 4000])
def test_long_texts_lose_and_duplicate_no_quote(limit: int) -> None:
    """All five seeds as one text, cut into windows: the same quotes at the same offsets."""
    nlp = quotes.load("rules")
    text = "\n\n".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt")))
    document = Document("all", text)
    whole = [span_key(row) for row in iter_rows([document], nlp)]
    nlp.max_length = limit
    cut = [span_key(row) for row in iter_rows([document], nlp)]
    assert len(text) > 3 * limit
    assert cut == whole and whole
    for start, end, quote, _ in cut:
        assert text[start:end] == quote


def test_rows_only_runs_leave_the_vocabulary_as_they_found_it() -> None:
    """Memory zones: the words of a stream do not stay in the vocabulary once its rows are out."""
    nlp = quotes.load("rules")
    nlp("Pemanasan.")  # the first call builds lazily loaded tables outside any zone
    documents = [Document(path.name, path.read_text(encoding="utf-8")) for path in sorted(SEEDS.glob("*.txt"))]
    strings_before = len(nlp.vocab.strings)
    rows = list(iter_rows(documents, nlp))
    assert len(nlp.vocab.strings) == strings_before
    assert {row["speaker"] for row in rows} >= {"Jake Sullivan"}
    kept = list(run(nlp, documents, keep_docs=True))
    assert len(nlp.vocab.strings) > strings_before
    assert all(outcome.doc is not None for outcome in kept)


def test_a_failing_document_costs_only_itself() -> None:
    nlp = quotes.load("rules")

    @nlp.component("explode_on_boom")  # type: ignore[misc]
    def explode(doc):  # type: ignore[no-untyped-def]
        if "BOOM" in doc.text:
            raise ValueError("component failed")
        return doc

    nlp.add_pipe("explode_on_boom", first=True)
    good = "“Kami siap,” kata Jake Sullivan."
    documents = [Document("a", good), Document("b", "BOOM " + good), Document("c", good)]
    errors: list = []
    rows = list(iter_rows(documents, nlp, on_error=errors.append))
    assert [row["doc_id"] for row in rows] == ["a", "c"]
    assert [(error.name, error.reason) for error in errors] == [("b", "failed in the pipeline (ValueError: component failed)")]


def test_output_is_byte_identical_across_runs_and_process_counts(tmp_path: Path) -> None:
    runner = CliRunner()
    outputs = []
    for n_process in ("1", "1", "2"):
        out = tmp_path / f"run{len(outputs)}.csv"
        result = runner.invoke(app, ["extract", str(SEEDS), "-m", "rules", "-o", str(out), "--n-process", n_process])
        assert result.exit_code == 0, result.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]
    assert outputs[0].count(b"\n") > 10
