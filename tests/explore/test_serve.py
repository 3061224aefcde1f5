"""quotes serve: the store in Datasette, its metadata, word-form search, canned queries and article pages."""

from __future__ import annotations

import asyncio
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import quote, urljoin

import pytest
from seed_gold import SEEDS, gold_nlp
from typer.testing import CliRunner

pytest.importorskip("datasette", reason="the explore extra is not installed (pip install -e '.[explore]')")

from quotes.cli import app  # noqa: E402
from quotes.explore.datasette_plugin import NO_TEXT, word_forms  # noqa: E402
from quotes.explore.highlighting import render, render_rows, speaker_anchor  # noqa: E402
from quotes.explore.serve import FACETS, VIEW, VIEW_COLUMNS, make_datasette  # noqa: E402
from quotes.explore.store import Store  # noqa: E402
from quotes.io.reading import Document  # noqa: E402
from quotes.pipeline import iter_documents  # noqa: E402
from quotes.table import COLUMNS  # noqa: E402

# The seeds' publication dates, as their datelines give them.
DATES = {
    "000_a6f9d7107e9269aa.txt": "2022-03-23",
    "001_2bd0bd0c2dad21dd.txt": "2021-12-30",
    "002_11bcd6a5151a72ac.txt": "2021-12-08",
    "003_a81184b8f8680257.txt": "2022-10-12",
    "004_756bf3166228ad0e.txt": "2021-12-08",
}
NUCLEAR = "003_a81184b8f8680257.txt"
CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


def seed_documents() -> list[Document]:
    return [Document(path.name, path.read_text(encoding="utf-8"), date=DATES[path.name]) for path in sorted(SEEDS.iterdir())]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("serve") / "quotes.db"
    with Store(path) as store:
        store.ingest(seed_documents(), gold_nlp())
    return path


@pytest.fixture(scope="module")
def datasette(store_path: Path) -> Any:
    return make_datasette(store_path)


def get(datasette: Any, path: str) -> Any:
    return asyncio.run(datasette.client.get(path))


def rows(datasette: Any, path: str) -> list[dict[str, Any]]:
    response = get(datasette, path)
    assert response.status_code == 200, response.text[:500]
    return response.json()["rows"]


def query(store_path: Path, sql: str, *parameters: object) -> list[tuple]:
    with sqlite3.connect(store_path) as connection:
        return connection.execute(sql, parameters).fetchall()


class Page(HTMLParser):
    """The links, element ids and text of a page."""

    def __init__(self, markup: str) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.ids: set[str] = set()
        self.words: list[str] = []
        self._href: str | None = None
        self._link_text: list[str] = []
        self.feed(markup)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.words).split())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "a" and values.get("href"):
            self._href, self._link_text = values["href"], []

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            self.links.append((self._href, " ".join("".join(self._link_text).split())))
            self._href = None

    def handle_data(self, data: str) -> None:
        self.words.append(data)
        if self._href is not None:
            self._link_text.append(data)

    def link(self, text: str, containing: str = "") -> str:
        """The first link with exactly this text (and ``containing`` in its address)."""
        return next(href for href, words in self.links if words == text and containing in href)


def test_the_metadata_describes_tables_and_columns(datasette: Any, store_path: Path) -> None:
    metadata = get(datasette, "/-/metadata.json").json()
    assert metadata["title"] == "Who said what"
    tables = metadata["databases"]["quotes"]["tables"]
    assert set(COLUMNS) <= set(tables["quotes"]["columns"])
    assert all(tables[table]["description"] for table in ("quotes", "documents", "speakers", VIEW))
    # The view's described columns are its columns, in its order.
    assert tuple(name for (_, name, *_) in query(store_path, f"PRAGMA table_info({VIEW})")) == VIEW_COLUMNS
    assert tuple(tables[VIEW]["columns"]) == VIEW_COLUMNS


def test_the_view_facets_speakers_outlets_types_cues_and_months(datasette: Any, store_path: Path) -> None:
    response = get(datasette, f"/quotes/{VIEW}.json")
    facets = response.json()["facet_results"]
    assert list(facets) == FACETS
    counts = {facet: {value["value"]: value["count"] for value in facets[facet]["results"]} for facet in FACETS}
    sullivan = query(store_path, "SELECT count(*) FROM quotes AS q JOIN speakers AS s ON s.name = q.speaker WHERE s.speaker_id = 'Jake Sullivan'")
    assert counts["speaker_id"]["Jake Sullivan"] == sullivan[0][0] >= 7
    assert counts["month"] == dict(query(store_path, "SELECT substr(d.date, 1, 7), count(*) FROM quotes AS q JOIN documents AS d USING (doc_id) GROUP BY 1"))
    assert set(counts["source"]) == {"Tribunnews", "Liputan6", "Kontan", "Bisnis.com"}
    assert set(counts["quote_type"]) == {"direct", "indirect", "mixed"}
    assert counts["cue"]["kata"] >= 1
    # Choosing a facet value keeps that speaker's quotes only.
    chosen = rows(datasette, f"/quotes/{VIEW}.json?_shape=objects&speaker_id=Jake+Sullivan")
    assert len(chosen) == sullivan[0][0] and {row["speaker_id"] for row in chosen} == {"Jake Sullivan"}


def test_search_finds_word_forms(datasette: Any) -> None:
    found = rows(datasette, f"/quotes/{VIEW}.json?_shape=objects&_search=nuklir")
    quotes = [row["quote"].lower() for row in found]
    assert all("nuklir" in text for text in quotes)
    # "nuklirnya" is one token to the FTS index: only a prefix query finds it.
    assert any("nuklirnya" in text and "nuklir " not in text for text in quotes)
    # Several words must all occur, each in any form; raw FTS5 syntax stays available.
    both = rows(datasette, f"/quotes/{VIEW}.json?_shape=objects&_search=kebijakan+nuklir")
    assert both and all("kebijakan" in row["quote"].lower() for row in both)
    exact = rows(datasette, f"/quotes/{VIEW}.json?_shape=objects&_search=nuklir&_searchmode=raw")
    assert len(exact) < len(found)


def test_word_forms_makes_every_word_a_prefix() -> None:
    assert word_forms("senjata nuklir") == '"senjata"* "nuklir"*'
    assert word_forms('nuklir* "ancaman') == '"nuklir"* "ancaman"*'
    assert word_forms(" , ") == ""


def test_canned_queries(datasette: Any, store_path: Path) -> None:
    said = rows(datasette, "/quotes/speaker_quotes.json?_shape=objects&speaker=SULLIVAN")
    assert said and {row["speaker_id"] for row in said} == {"Jake Sullivan"}
    assert len(said) == query(store_path, "SELECT count(*) FROM quotes WHERE speaker_id = 'Jake Sullivan'")[0][0]
    # A name part matches whole words only, and each person stays apart.
    bidens = {row["speaker_id"] for row in rows(datasette, "/quotes/speaker_quotes.json?_shape=objects&speaker=biden")}
    assert "Joe Biden" in bidens and all("Biden" in name for name in bidens)

    cited = rows(datasette, "/quotes/cited_quotes.json?_shape=objects&medium=")
    assert cited and all(row["cited_from"] for row in cited)
    assert len(cited) == query(store_path, "SELECT count(*) FROM quotes WHERE cited_from != ''")[0][0]
    medium = cited[0]["cited_from"]
    assert {row["cited_from"] for row in rows(datasette, f"/quotes/cited_quotes.json?_shape=objects&medium={quote(medium.lower())}")} == {medium}

    outlet = rows(datasette, "/quotes/outlet_speakers.json?_shape=objects&outlet=kontan")
    assert outlet and sum(row["quotes"] for row in outlet) == query(store_path, "SELECT count(*) FROM quotes WHERE source = 'Kontan' AND speaker_id != ''")[0][0]

    month = rows(datasette, "/quotes/month_quotes.json?_shape=objects&month=2021-12")
    assert month and {row["date"][:7] for row in month} == {"2021-12"}


def test_each_quote_links_to_its_article_highlighted(datasette: Any, store_path: Path) -> None:
    page = Page(get(datasette, f"/quotes/{VIEW}?doc_id={NUCLEAR}").text)
    article = f"/-/quotes/article/{NUCLEAR}"
    assert page.link(NUCLEAR) == article
    response = get(datasette, article)
    assert response.status_code == 200
    shown = Page(response.text)
    for label in ("DIRECT", "INDIRECT", "MIXED", "CUE", "SPEAKER"):
        assert label in shown.text
    assert "nuklirnya" in shown.text and 'class="spans"' in response.text
    # Each quote's label links to its speaker's entry below the article.
    targets = {href[1:] for href, _ in shown.links if href.startswith("#")}
    assert speaker_anchor("Lloyd Austin") in targets and targets <= shown.ids
    assert get(datasette, "/-/quotes/article/no-such-article.txt").status_code == 404


def test_a_doc_id_with_a_slash_opens_its_article(tmp_path: Path) -> None:
    text = (SEEDS / NUCLEAR).read_text(encoding="utf-8")
    with Store(tmp_path / "nested.db") as store:
        store.ingest([Document(f"kontan/{NUCLEAR}", text)], gold_nlp())
    served = make_datasette(tmp_path / "nested.db")
    href = Page(get(served, f"/nested/{VIEW}").text).link(f"kontan/{NUCLEAR}")
    assert href == f"/-/quotes/article/kontan%2F{NUCLEAR}"
    assert "Lloyd Austin" in Page(get(served, href).text).text


def test_render_rows_marks_the_quotes_render_marks() -> None:
    processed = next(iter_documents([str(SEEDS / NUCLEAR)], gold_nlp()))
    from_doc = Page(render(processed.doc))
    from_rows = Page(render_rows(processed.document.text, processed.rows))
    for label in ("DIRECT", "INDIRECT", "MIXED"):
        assert from_rows.text.count(label) == from_doc.text.count(label) > 0
    assert from_rows.text.count("CUE") == from_doc.text.count("CUE")
    assert {href for href, _ in from_rows.links} == {href for href, _ in from_doc.links}
    assert from_rows.ids == from_doc.ids


LEGACY_SCHEMA = f"""
CREATE TABLE documents (
    doc_id TEXT PRIMARY KEY, content_hash TEXT NOT NULL UNIQUE, source TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '', date TEXT NOT NULL DEFAULT '', added_at TEXT NOT NULL
);
CREATE TABLE quotes (id INTEGER PRIMARY KEY, {", ".join(COLUMNS)});
CREATE TABLE speakers (name TEXT PRIMARY KEY, speaker_id TEXT NOT NULL);
"""


def test_a_store_written_before_texts_were_kept_is_upgraded(tmp_path: Path, store_path: Path) -> None:
    legacy = tmp_path / "legacy.db"
    with sqlite3.connect(legacy) as connection:
        connection.executescript(LEGACY_SCHEMA)
        connection.execute("ATTACH ? AS current", (str(store_path),))
        connection.execute("INSERT INTO documents SELECT doc_id, content_hash, source, url, date, added_at FROM current.documents")
        connection.execute(f"INSERT INTO quotes SELECT id, {', '.join(COLUMNS)} FROM current.quotes")
        connection.execute("INSERT INTO speakers SELECT * FROM current.speakers")
    # Opening it adds the columns, filled in as a new store has them.
    served = make_datasette(legacy)
    upgraded = query(legacy, "SELECT id, date, speaker_id FROM quotes ORDER BY id")
    assert upgraded == query(store_path, "SELECT id, date, speaker_id FROM quotes ORDER BY id")
    response = get(served, f"/-/quotes/article/{NUCLEAR}")
    assert response.status_code == 200 and NO_TEXT.split(":")[0] in Page(response.text).text
    # Extracting the same inputs again adds the texts and nothing else.
    with Store(legacy) as store:
        report = store.ingest(seed_documents(), gold_nlp())
    assert (report.added, report.unchanged) == (0, 5)
    assert "SPEAKER" in Page(get(served, f"/-/quotes/article/{NUCLEAR}").text).text


def test_serve_without_datasette_says_how_to_install_it(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "datasette.app", None)  # import datasette.app now raises ImportError
    result = CliRunner().invoke(app, ["serve", "--db", str(store_path)])
    assert result.exit_code == 2
    assert 'pip install "quotes[explore]"' in result.output


def test_serve_refuses_a_missing_store(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "no such quote store" in result.output
    assert not (tmp_path / "none.db").exists()


# In a browser: a real `quotes serve` and headless Chromium.


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server(store_path: Path) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-c", "from quotes.cli import app; app()", "serve", "--db", str(store_path), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/-/versions.json", timeout=2).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"quotes serve did not start: {process.communicate()[0][-2000:]}")
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)
        if process.stdout:
            process.stdout.close()


@pytest.mark.slow
def test_in_headless_chromium_search_facet_and_open_an_article(server: str, tmp_path: Path) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("chromium is not installed (apt-get install chromium; .ci/run installs it)")

    def browse(url: str) -> Page:
        result = subprocess.run(
            [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", url],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr[-2000:]
        return Page(result.stdout)

    # Search a word: its other forms come too.
    searched_url = f"{server}/quotes/{VIEW}?_search=nuklir"
    searched = browse(searched_url)
    assert "nuklirnya" in searched.text and 'search matches "nuklir"' in searched.text
    # Facet by speaker: follow the speaker facet's link, as a click would.
    faceted_url = urljoin(searched_url, searched.link("Jake Sullivan", containing="speaker_id="))
    faceted = browse(faceted_url)
    assert '1 row where search matches "nuklir" and speaker_id = "Jake Sullivan"' in faceted.text
    # Open the article of a quote: quotes, cues and speakers highlighted, each quote linked to its speaker.
    article = browse(urljoin(faceted_url, faceted.link(NUCLEAR)))
    for label in ("DIRECT", "INDIRECT", "MIXED", "CUE", "SPEAKER"):
        assert label in article.text
    assert "konsekuensi bencana" in article.text
    anchor = speaker_anchor("Jake Sullivan")
    assert anchor in article.ids and any(href.endswith(f"#{anchor}") for href, _ in article.links)
