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
from quotes.explore.highlighting import render_rows, speaker_anchor
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


class Markup(HTMLParser):
    """The article as a reader sees it: its words (labels apart) and each label with its token and row."""

    def __init__(self) -> None:
        super().__init__()
        self.styles: list[str] = []
        self.words: list[str] = []
        self.labels: list[tuple[str, str, int]] = []  # (token, label, top in px)
        self.token = ""
        self.paragraphs = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        style = dict(attrs).get("style") or ""
        if tag == "div" and dict(attrs).get("class") == "spans":
            self.paragraphs += 1
            self.words.append("\n")
        if "z-index: 10" in style:
            top = next(int(s.split("top: ")[1].split("px")[0]) for s in reversed(self.styles) if "top: " in s and "px" in s)
            self.labels.append((self.token, "", top))
        if tag != "br":
            self.styles.append(style)

    def handle_endtag(self, tag: str) -> None:
        if self.styles:
            self.styles.pop()

    def handle_data(self, data: str) -> None:
        if any("z-index: 10" in style for style in self.styles):
            token, label, top = self.labels[-1]
            self.labels[-1] = (token, label + data, top)
        elif self.paragraphs and any("display: inline-block" in style for style in self.styles):
            self.token = data
            self.words.append(data)
        elif self.paragraphs:
            self.words.append(data)


def read(markup: str) -> Markup:
    article = Markup()
    # Only the article's paragraphs: the speaker list below them is not text of the article.
    article.feed(markup.split('<div class="quotes-speakers">')[0])
    return article


def test_render_keeps_the_spacing_of_the_text() -> None:
    processed = next(iter_documents([str(SEEDS / "004_756bf3166228ad0e.txt")], gold_nlp()))
    shown = "".join(read(quotes.render(processed.doc)).words)
    assert "Bertemu Secara Virtual, 2 Jam Bahas NATO" in shown and "Virtual ," not in shown
    # A crawler's line break written out as text shows as a break, not as backslashes.
    assert "\\r" not in shown and "Antara/Reuters" in shown
    expected = processed.doc.text.replace("\\\\r\\\\n", " ")
    assert " ".join(shown.split()) == " ".join(expected.split())


def test_render_rows_keeps_the_spacing_of_the_text() -> None:
    processed = next(iter_documents([str(SEEDS / "003_a81184b8f8680257.txt")], gold_nlp()))
    shown = "".join(read(render_rows(processed.document.text, processed.rows)).words)
    assert "Amerika Serikat (AS) menegaskan" in shown and '"setiap inci" wilayah NATO' in shown
    assert " ".join(shown.split()) == " ".join(processed.document.text.split())


def test_a_long_label_does_not_cover_the_next_one() -> None:
    """ "Ia mengatakan": the SPEAKER label over "Ia" names Dmitry Peskov, far wider than "Ia"."""
    processed = next(iter_documents([str(ARTICLE)], gold_nlp()))
    for markup in (quotes.render(processed.doc), render_rows(processed.document.text, processed.rows)):
        labels = read(markup).labels
        speaker = next(index for index, (token, label, _) in enumerate(labels) if token == "Ia" and label.startswith("SPEAKER"))
        token, label, top = labels[speaker + 1]
        assert (token, label) == ("mengatakan", "CUE")
        assert top != labels[speaker][2]
    # Labels stay on one line, as wide as their words.
    assert "white-space: nowrap" in markup


@pytest.mark.slow
def test_no_two_labels_overlap_in_headless_chromium(tmp_path: Path) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("chromium is not installed (apt-get install chromium; .ci/run installs it)")
    from quotes.explore.highlighting import page as make_page

    documents = [(processed.doc, processed.rows) for processed in iter_documents([str(SEEDS)], gold_nlp())]
    # The page measures every label as laid out and writes what overlaps into its DOM.
    measure = """<script>
const labels = [...document.querySelectorAll('span[style*="z-index: 10"]')];
const boxes = labels.map(label => label.getBoundingClientRect());
const overlaps = [];
boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b, k) => {
  if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
    overlaps.push(labels[i].textContent.trim() + " / " + labels[i + 1 + k].textContent.trim());
}));
document.body.setAttribute("data-labels", labels.length);
document.body.setAttribute("data-overlaps", overlaps.join(" | "));
</script></body>"""
    path = tmp_path / "page.html"
    path.write_text(make_page(documents).replace("</body>", measure), encoding="utf-8")
    for width in (600, 1280):
        result = subprocess.run(
            [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", f"--window-size={width},900", "--dump-dom", path.as_uri()],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr[-2000:]
        body = result.stdout.split("<body", 1)[1].split(">", 1)[0]
        assert 'data-labels="' in body and 'data-labels="0"' not in body
        assert 'data-overlaps=""' in body, (width, body)
