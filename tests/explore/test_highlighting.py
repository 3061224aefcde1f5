"""Highlighted articles: quotes.render and the page of quotes show, checked in headless Chromium."""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from seed_gold import SEEDS, gold_nlp
from typer.testing import CliRunner

import quotes
import quotes.pipeline
from quotes.cli import app
from quotes.explore.highlighting import speaker_anchor
from quotes.pipeline import iter_documents

ARTICLE = SEEDS / "000_a6f9d7107e9269aa.txt"
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


class Links(HTMLParser):
    """Collects element ids, link targets and the text of the page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "a" and values.get("href"):
            self.hrefs.append(values["href"] or "")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(markup: str) -> Links:
    links = Links()
    links.feed(markup)
    return links


def test_render_colours_quotes_cues_and_speakers_and_links_each_quote() -> None:
    processed = next(iter_documents([str(ARTICLE)], gold_nlp()))
    markup = quotes.render(processed.doc)
    links = parse(markup)
    text = " ".join(" ".join(links.text).split())
    for label in ("DIRECT", "INDIRECT", "CUE", "SPEAKER"):
        assert label in text
    # displaCy's span renderer with our label colours.
    assert 'class="spans"' in markup and "#7aecec" in markup
    # Every quote's label links to its speaker's entry, and that entry exists.
    targets = {href[1:] for href in links.hrefs}
    assert {speaker_anchor("Jake Sullivan"), speaker_anchor("Dmitry Peskov")} <= targets <= links.ids
    assert sum(href == f"#{speaker_anchor('Jake Sullivan')}" for href in links.hrefs) >= 4


def test_render_without_quotes_says_so() -> None:
    doc = gold_nlp()("Tidak ada kutipan di sini.")
    assert "No quotes found" in quotes.render(doc)


@pytest.fixture
def page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(quotes.pipeline, "load", lambda *args, **kwargs: gold_nlp())
    output = tmp_path / "page.html"
    result = CliRunner().invoke(app, ["show", str(ARTICLE), "-o", str(output)])
    assert result.exit_code == 0, result.output
    return output


def test_show_writes_a_self_contained_page(page: Path) -> None:
    markup = page.read_text(encoding="utf-8")
    # Nothing to fetch: no scripts, stylesheets or images from elsewhere.
    assert "http://" not in markup and "https://" not in markup and "<script" not in markup
    assert 'class="quotes-table"' in markup and "Jake Sullivan" in markup


@pytest.mark.slow
def test_page_in_headless_chromium_has_the_spans(page: Path, tmp_path: Path) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("chromium is not installed (apt-get install chromium; .ci/run installs it)")
    profile = tmp_path / "chromium-profile"
    result = subprocess.run(
        [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    dom = parse(result.stdout)
    text = " ".join(" ".join(dom.text).split())
    assert "Presiden melakukan perjalanan ke Eropa" in text
    for label in ("DIRECT", "INDIRECT", "CUE", "SPEAKER"):
        assert label in text
    anchor = speaker_anchor("Jake Sullivan", "d0-")
    assert anchor in dom.ids and f"#{anchor}" in dom.hrefs
    # Links from the article and from the table both reach a speaker entry on the page.
    assert all(href[1:] in dom.ids for href in dom.hrefs if href.startswith("#"))
