"""Running at scale: long texts cut into windows, worker processes, deterministic output."""

import os
import signal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.util import minibatch
from typer.testing import CliRunner

import quotes
from quotes import running
from quotes.cli import app
from quotes.io.reading import Document
from quotes.pipeline import iter_rows
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


@pytest.mark.parametrize("limit,n_process", [(1500, 1), (4000, 1), (1500, 2)])
def test_long_texts_lose_and_duplicate_no_quote(limit: int, n_process: int) -> None:
    """All five seeds as one text, cut into windows: the same quotes at the same offsets."""
    nlp = quotes.load("rules")
    text = "\n\n".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt")))
    document = Document("all", text)
    whole = [span_key(row) for row in iter_rows([document], nlp)]
    nlp.max_length = limit
    cut = [span_key(row) for row in iter_rows([document], nlp, n_process=n_process)]
    assert len(text) > 3 * limit
    assert cut == whole and whole
    for start, end, quote, _ in cut:
        assert text[start:end] == quote


def seed_documents() -> list[Document]:
    return [Document(path.name, path.read_text(encoding="utf-8")) for path in sorted(SEEDS.glob("*.txt"))]


def test_rows_only_runs_leave_the_vocabulary_as_they_found_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Memory zones: the words of a stream do not stay in the vocabulary once its rows are out."""
    monkeypatch.setattr(running, "WARM_CHARACTERS", 0)
    nlp = quotes.load("rules")
    nlp("Pemanasan.")  # the first call builds lazily loaded tables outside any zone
    documents = seed_documents()
    strings_before = len(nlp.vocab.strings)
    rows = list(iter_rows(documents, nlp))
    assert len(nlp.vocab.strings) == strings_before
    assert {row["speaker"] for row in rows} >= {"Jake Sullivan"}
    kept = list(run(nlp, documents, keep_docs=True))
    assert len(nlp.vocab.strings) > strings_before
    assert all(outcome.doc is not None for outcome in kept)


def test_only_the_first_stretch_a_pipeline_runs_over_stays_to_warm_the_tokenizer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    documents = seed_documents()
    monkeypatch.setattr(running, "WARM_CHARACTERS", len(documents[0].text))
    nlp = quotes.load("rules")
    nlp("Pemanasan.")
    strings_before = len(nlp.vocab.strings)
    warmed_rows = list(iter_rows(documents, nlp))
    strings_warmed = len(nlp.vocab.strings)
    assert strings_warmed > strings_before
    assert not running.warming(nlp)
    assert list(iter_rows(documents, nlp)) == warmed_rows
    assert len(nlp.vocab.strings) == strings_warmed


def test_parallel_runs_add_nothing_to_the_parents_vocabulary() -> None:
    """Workers take their words with them when they exit; the parent only reads tables."""
    documents = seed_documents()
    nlp = quotes.load("rules")
    nlp("Pemanasan.")
    strings_before = len(nlp.vocab.strings)
    rows = list(iter_rows(documents, nlp, n_process=2))
    assert len(nlp.vocab.strings) == strings_before
    assert rows == list(iter_rows(documents, quotes.load("rules")))


class ExplodeOnBoom:
    """Fails a whole batch when one of its documents says BOOM, as spaCy's trainable components do."""

    def __call__(self, doc):  # type: ignore[no-untyped-def]
        return next(self.pipe([doc]))

    def pipe(self, docs, batch_size=128):  # type: ignore[no-untyped-def]
        for batch in minibatch(docs, batch_size):
            if any("BOOM" in doc.text for doc in batch):
                raise ValueError("component failed")
            yield from batch


@Language.factory("explode_on_boom")
def make_explode_on_boom(nlp: Language, name: str) -> ExplodeOnBoom:
    return ExplodeOnBoom()


@pytest.mark.parametrize("n_process", [1, 2])
def test_a_failing_document_costs_only_itself(n_process: int) -> None:
    """The batch it failed in is retried a document at a time, in worker processes too."""
    nlp = quotes.load("rules")
    nlp.add_pipe("explode_on_boom", first=True)
    good = "“Kami siap,” kata Jake Sullivan."
    documents = [Document(name, good) for name in "abcdef"] + [Document("g", "BOOM " + good), Document("h", good)]
    errors: list = []
    rows = list(iter_rows(documents, nlp, on_error=errors.append, batch_size=3, n_process=n_process))
    assert [row["doc_id"] for row in rows] == list("abcdefh")
    assert [(error.name, error.reason) for error in errors] == [("g", "failed in the pipeline (ValueError: component failed)")]
    assert "quote_table" not in nlp.pipe_names


def test_a_worker_killed_on_a_document_costs_only_that_document() -> None:
    """A worker process that dies (out of memory, a signal) is replaced; the documents after it still come out."""
    nlp = quotes.load("rules")
    parent = os.getpid()

    @nlp.component("killed_on_crash")  # type: ignore[misc]
    def crash(doc):  # type: ignore[no-untyped-def]
        if "CRASH" in doc.text and os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return doc

    nlp.add_pipe("killed_on_crash", first=True)
    good = "“Kami siap,” kata Jake Sullivan."
    documents = [Document(f"a{i}", good) for i in range(9)] + [Document("x", "CRASH " + good)]
    documents += [Document(f"b{i}", good) for i in range(9)]
    errors: list = []
    rows = list(iter_rows(documents, nlp, on_error=errors.append, batch_size=2, n_process=2))
    assert [row["doc_id"] for row in rows] == [document.doc_id for document in documents if document.doc_id != "x"]
    assert [(error.name, error.reason) for error in errors] == [("x", "a worker process died on it (killed, or out of memory)")]


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


DESIGN_COLUMNS = (
    "doc_id", "source", "speaker", "speaker_mention", "speaker_role", "quote", "quote_type", "cue", "cited_from",
    "start_char", "end_char", "confidence",
)


@pytest.mark.parametrize("limit,n_process", [(None, 1), (1500, 1), (None, 2)])
def test_rows_end_with_the_articles_date_title_and_url(limit: int | None, n_process: int) -> None:
    """From the input's fields, else the text's dateline and headline; in one process, in windows and in workers."""
    from quotes.table import COLUMNS

    assert COLUMNS == DESIGN_COLUMNS + ("date", "title", "url")
    nlp = quotes.load("rules")
    if limit:
        nlp.max_length = limit
    documents = seed_documents()
    given = Document("given", documents[1].text, date="Rabu, 23 Maret 2022", title="Judul", url="https://example.id/a")
    rows = list(iter_rows([*documents, given], nlp, n_process=n_process))
    assert all(tuple(row) == COLUMNS for row in rows)
    articles = {row["doc_id"]: (row["date"], row["title"], row["url"]) for row in rows}
    assert articles == {
        "000_a6f9d7107e9269aa.txt": ("2022-03-23", "", ""),
        "001_2bd0bd0c2dad21dd.txt": ("2021-12-30", "Vladimir Putin dan Joe Biden Akan Bicara Via Telepon Bahas Ketegangan di Ukraina", ""),
        "002_11bcd6a5151a72ac.txt": ("2021-12-08", "Joe Biden Desak Rusia Segera Turunkan Tensi Ketegangan dengan Ukraina", ""),
        "003_a81184b8f8680257.txt": ("", "", ""),
        "004_756bf3166228ad0e.txt": ("2021-12-08", "", ""),
        "given": ("2022-03-23", "Judul", "https://example.id/a"),
    }
    # The quotes themselves are what they were without the article's columns.
    plain = [{column: row[column] for column in DESIGN_COLUMNS} for row in iter_rows(documents, nlp)]
    assert [{column: row[column] for column in DESIGN_COLUMNS} for row in rows if row["doc_id"] != "given"] == plain
