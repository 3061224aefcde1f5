"""The SQLite quote store: idempotent ingestion, replacement, atomicity, queries."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Iterator

import pytest
from seed_gold import SEEDS, gold_nlp

from quotes.explore.store import Store, StoreError, fts_query, iso_date
from quotes.io.reading import Document
from quotes.pipeline import iter_documents
from quotes.table import TABLE_COLUMNS


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    return folder


def quote_rows(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT count(*) FROM quotes").fetchone()[0]


def test_ingesting_the_same_folder_twice_adds_nothing(tmp_path: Path, seeds: Path) -> None:
    nlp = gold_nlp()
    with Store(tmp_path / "q.db") as store:
        first = store.ingest([str(seeds)], nlp)
        rows = store.count()
        second = store.ingest([str(seeds)], nlp)
        assert (first.added, first.quotes) == (5, rows) and rows > 40
        assert (second.added, second.replaced, second.unchanged, second.quotes) == (0, 0, 5, 0)
        assert store.count() == rows and store.count("documents") == 5


def test_the_same_text_under_another_name_is_not_added_again(tmp_path: Path, seeds: Path) -> None:
    text = next(seeds.iterdir()).read_text(encoding="utf-8")
    with Store(tmp_path / "q.db") as store:
        report = store.ingest([Document("a", text), Document("b", text)], gold_nlp())
        assert (report.added, report.unchanged) == (1, 1)


def test_a_changed_document_replaces_its_rows(tmp_path: Path, seeds: Path) -> None:
    nlp = gold_nlp()
    article = sorted(seeds.iterdir())[0]
    with Store(tmp_path / "q.db") as store:
        store.ingest([str(seeds)], nlp)
        before = store.count()
        own = store.connection.execute("SELECT count(*) FROM quotes WHERE doc_id = ?", (article.name,)).fetchone()[0]
        # Keep only the first two paragraphs: the document's other quotes must go.
        article.write_text("\n".join(article.read_text(encoding="utf-8").splitlines()[:2]), encoding="utf-8")
        report = store.ingest([str(seeds)], nlp)
        after = store.connection.execute("SELECT count(*) FROM quotes WHERE doc_id = ?", (article.name,)).fetchone()[0]
        assert (report.replaced, report.unchanged) == (1, 4)
        assert after < own and store.count() == before - own + after
        # The FTS index follows the rows (the check raises sqlite3.DatabaseError otherwise).
        store.connection.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('integrity-check')")


def test_an_interrupted_ingestion_keeps_every_committed_document(tmp_path: Path, seeds: Path) -> None:
    articles = sorted(seeds.iterdir())

    def interrupted() -> Iterator[Document]:
        for article in articles[:3]:
            yield Document(article.name, article.read_text(encoding="utf-8"))
        raise KeyboardInterrupt

    path = tmp_path / "q.db"
    nlp = gold_nlp()
    with Store(path) as store:
        store.ingest([Document(a.name, a.read_text(encoding="utf-8")) for a in articles[:2]], nlp)
        committed = store.count()
        with pytest.raises(KeyboardInterrupt):
            store.ingest(interrupted(), nlp)
    # A fresh connection sees every committed document whole, and no half-written one.
    with Store(path) as store:
        documents = {doc_id for (doc_id,) in store.connection.execute("SELECT doc_id FROM documents")}
        assert {a.name for a in articles[:2]} <= documents
        assert store.count() >= committed
        orphans = store.connection.execute(
            "SELECT count(*) FROM quotes WHERE doc_id NOT IN (SELECT doc_id FROM documents)"
        ).fetchone()[0]
        assert orphans == 0
        # Re-running completes the corpus without duplicates.
        store.ingest([str(seeds)], nlp)
        assert store.count("documents") == 5
        assert store.count() == quote_rows(path)


def test_a_failure_inside_a_document_rolls_it_back(tmp_path: Path, seeds: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    nlp = gold_nlp()
    with Store(tmp_path / "q.db") as store:
        processed = list(iter_documents([str(seeds)], nlp))
        store.add(processed[0])
        broken = processed[1]
        broken.rows[3] = {**broken.rows[3], "quote": object()}  # sqlite3 cannot store it: the insert fails mid-document
        with pytest.raises(sqlite3.Error):
            store.add(broken)
        assert store.count("documents") == 1
        assert store.count() == len(processed[0].rows)


def test_who_and_search_answer_from_the_store(tmp_path: Path, seeds: Path) -> None:
    with Store(tmp_path / "q.db") as store:
        store.ingest([str(seeds)], gold_nlp())
        matches, frame = store.who("sulivan")
        assert [match.speaker_id for match in matches] == ["Jake Sullivan"]
        assert tuple(frame.columns) == TABLE_COLUMNS
        assert len(frame) >= 7 and set(frame["speaker_id"]) == {"Jake Sullivan"}
        assert frame["doc_id"].nunique() >= 3
        total, found = store.search("senjata nuklir")
        assert total >= 1 and all("nuklir" in quote.lower() for quote in found["quote"])
        total, found = store.search("Ukraina", speaker="Biden")
        assert total >= 1 and set(found["speaker_id"]) == {"Joe Biden"}
        assert store.search("Ukraina", speaker="nobody at all")[0] == 0


def test_stats_count_speakers_outlets_and_months(tmp_path: Path, seeds: Path) -> None:
    articles = sorted(seeds.iterdir())
    dated = [
        Document(a.name, a.read_text(encoding="utf-8"), date=d)
        for a, d in zip(articles, ["2022-03-23", "23/03/2022", "2022-04-01T08:00:00Z", "", "kemarin"])
    ]
    with Store(tmp_path / "q.db") as store:
        store.ingest(dated, gold_nlp())
        stats = store.stats()
    assert stats["speakers"]["quotes"].is_monotonic_decreasing
    assert stats["speakers"].iloc[0]["speaker"] in {"Joe Biden", "Jake Sullivan"}
    assert "Tribunnews" in set(stats["outlets"]["outlet"])
    # The fifth article's date field cannot be read: its dateline gives it (the fourth has none).
    assert stats["months"]["month"].tolist() == ["2021-12", "2022-03", "2022-04"]
    assert stats["months"]["documents"].tolist() == [1, 2, 1]


def test_plain_text_articles_are_dated_and_titled_from_their_text(tmp_path: Path, seeds: Path) -> None:
    with Store(tmp_path / "q.db") as store:
        store.ingest([str(seeds)], gold_nlp())
        months = store.stats()["months"]
        documents = dict(store.connection.execute("SELECT doc_id, date || ' ' || title FROM documents"))
        _, frame = store.who("Jake Sullivan")
    assert months["month"].tolist() == ["2021-12", "2022-03"] and months["documents"].tolist() == [3, 1]
    assert documents["001_2bd0bd0c2dad21dd.txt"] == "2021-12-30 Vladimir Putin dan Joe Biden Akan Bicara Via Telepon Bahas Ketegangan di Ukraina"
    assert documents["003_a81184b8f8680257.txt"] == " "
    dates = {"000_a6f9d7107e9269aa.txt": "2022-03-23", "003_a81184b8f8680257.txt": "", "004_756bf3166228ad0e.txt": "2021-12-08"}
    assert {(doc_id, dates[doc_id]) for doc_id in frame["doc_id"]} == set(zip(frame["doc_id"], frame["date"]))


def test_title_and_url_are_stored_with_each_quote(tmp_path: Path, seeds: Path) -> None:
    text = (seeds / "000_a6f9d7107e9269aa.txt").read_text(encoding="utf-8")
    document = Document("a", text, date="23/03/2022", title="Biden ke Brussels", url="https://example.id/a")
    with Store(tmp_path / "q.db") as store:
        store.ingest([document], gold_nlp())
        stored = store.connection.execute("SELECT date, title, url FROM documents").fetchall()
        _, frame = store.who("Sullivan")
    assert stored == [("2022-03-23", "Biden ke Brussels", "https://example.id/a")]
    assert tuple(frame.columns) == TABLE_COLUMNS
    assert set(zip(frame["date"], frame["title"], frame["url"])) == {("2022-03-23", "Biden ke Brussels", "https://example.id/a")}


def test_a_store_without_titles_opens_and_rerunning_fills_in_dates(tmp_path: Path, seeds: Path) -> None:
    """A store written before documents had a title and quotes their title and url, or plain texts a date."""
    path = tmp_path / "old.db"
    with Store(path) as store:
        store.ingest([str(seeds)], gold_nlp())
        expected = store.stats()["months"]
    with sqlite3.connect(path) as connection:
        connection.executescript(
            "DROP VIEW quotes_by_article;"
            "ALTER TABLE quotes DROP COLUMN title; ALTER TABLE quotes DROP COLUMN url;"
            "ALTER TABLE documents DROP COLUMN title;"
            "UPDATE documents SET date = ''; UPDATE quotes SET date = '';"
        )
    with Store(path, create=False) as store:
        assert store.stats()["months"].empty
        _, frame = store.who("Sullivan")
        assert set(frame["title"]) == {""} and len(frame) > 0
        report = store.ingest([str(seeds)], gold_nlp())
        assert (report.added, report.unchanged) == (0, 5)
        assert store.stats()["months"].equals(expected)
        _, frame = store.who("Sullivan")
        assert set(frame[frame["doc_id"] == "000_a6f9d7107e9269aa.txt"]["date"]) == {"2022-03-23"}


def test_a_file_that_is_not_a_store_is_one_clear_error(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("not a database at all, just some text " * 100)
    with pytest.raises(StoreError, match="not a quote store"):
        Store(bogus)
    with pytest.raises(StoreError, match="no such quote store"):
        Store(tmp_path / "missing.db", create=False)


def test_search_terms_cannot_break_the_fts_syntax() -> None:
    assert fts_query('senjata "nuklir') == '"senjata" "nuklir"'
    assert fts_query("nukl* OR (") == '"nukl"* "OR"'
    assert iso_date("2022-03-23T10:00:00+07:00") == "2022-03-23" and iso_date("besok") == ""
