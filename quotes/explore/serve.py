"""``quotes serve``: a quote store in Datasette, on this machine.

Newsrooms and data journalists already explore SQLite in Datasette: facets,
full-text search, shareable URLs, CSV and JSON export. This module gives it
the store's metadata — descriptions, facets on speaker, outlet, quote type,
cue and month, search that matches Indonesian word forms, canned queries —
and the plugin (:mod:`quotes.explore.datasette_plugin`) that links each quote
to its article, highlighted. Datasette is the ``explore`` extra; nothing is
fetched from the network, and the server listens on localhost by default.
"""

from __future__ import annotations

import webbrowser
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from quotes.explore.store import Store
from quotes.table import COLUMNS

if TYPE_CHECKING:
    from datasette.app import Datasette

INSTALL_HINT = 'Datasette is not installed: pip install "quotes[explore]" (in a checkout: pip install -e ".[explore]")'
# The view every quote is explored in (store.SCHEMA), and the name of the plugin configuration.
VIEW = "quotes_by_article"
PLUGIN = "quotes"
FACETS = ["speaker_id", "source", "quote_type", "cue", "month"]
# Past Datasette's default limits (a facet 200 ms, a query 1 s) a facet silently disappears:
# more room for a busy machine or a store larger than the benchmark's. Suggested facets
# would cost a query per column on every page.
SETTINGS = {"facet_time_limit_ms": 2000, "sql_time_limit_ms": 5000, "suggest_facets": False}

# The 12 table columns as docs/design.md defines them, then what the store and its view add.
COLUMN_DESCRIPTIONS = {
    "doc_id": "The article's id: a file's path relative to the folder given, or the id of a JSONL/CSV row. Opens the article, highlighted.",
    "source": "The outlet that published the article (from metadata, else the text's dateline or header).",
    "speaker": "The fullest form of the speaker's name in the article; nicknames and short forms resolve to it. Where no person is named: the role or organisation.",
    "speaker_mention": "The words that attribute this quote (\"Sullivan\", \"Ia\", \"ujarnya\").",
    "speaker_role": "The role, title or affiliation as written, else empty.",
    "quote": "The quoted or reported words, without the enclosing quotation marks.",
    "quote_type": "direct (in quotation marks), indirect (reported speech) or mixed (reported speech with a quoted fragment).",
    "cue": "The reporting word as written (\"kata\", \"ujarnya\", \"mengatakan\", \"menurut\").",
    "cited_from": "The media the statement was taken from (\"NBC News\"), else empty.",
    "start_char": "Where the quote begins in the article's text (characters).",
    "end_char": "Where the quote ends in the article's text (characters).",
    "confidence": "0 to 1: the measured share of quotes of the same type, attributed the same way, that were right.",
    "speaker_id": "The speaker's identity across the whole store: the same person written differently in different articles is one speaker_id.",
    "id": "The quote's number in the store.",
    "date": "The article's date (YYYY-MM-DD): its input's date field, else its dateline.",
    "month": "The article's month (YYYY-MM).",
    "title": "The article's title: its input's title field, else its headline.",
    "url": "The article's address where its input had one.",
}
# The view's columns (store.SCHEMA), who said what first.
VIEW_COLUMNS = (
    "id", "speaker_id", "quote", "quote_type", "cue", "cited_from", "source", "date", "month", "doc_id",
    "speaker", "speaker_mention", "speaker_role", "start_char", "end_char", "confidence", "url",
)

# Quote columns as the queries list them: the quote first, then who, where and how.
QUOTE_COLUMNS = "id, quote, speaker_id, speaker_mention, quote_type, cue, cited_from, source, date, doc_id"
QUERIES = {
    "speaker_quotes": {
        "title": "Everything one speaker said",
        "description": "Quotes whose speaker or speaker identity contains these words, in any case: \"sullivan\" finds Jake Sullivan.",
        "sql": f"""SELECT {QUOTE_COLUMNS} FROM {VIEW}
WHERE :speaker != ''
  AND (' ' || speaker_id || ' ' LIKE '% ' || :speaker || ' %' OR ' ' || speaker || ' ' LIKE '% ' || :speaker || ' %')
ORDER BY speaker_id, date, doc_id, start_char""",
    },
    "cited_quotes": {
        "title": "Quotes that cite a medium",
        "description": "Statements taken from other media (cited_from); give a medium to keep only its, or leave it empty for all.",
        "sql": f"""SELECT cited_from, {QUOTE_COLUMNS} FROM {VIEW}
WHERE cited_from != '' AND (:medium = '' OR cited_from LIKE '%' || :medium || '%')
ORDER BY cited_from, date, doc_id, start_char""",
    },
    "outlet_speakers": {
        "title": "Who speaks in an outlet",
        "description": "The speakers quoted by one outlet (source, any case), most quoted first.",
        "sql": f"""SELECT speaker_id, count(*) AS quotes, count(DISTINCT doc_id) AS articles, min(date) AS first_date, max(date) AS last_date
FROM {VIEW}
WHERE source = :outlet COLLATE NOCASE AND speaker_id != ''
GROUP BY speaker_id ORDER BY quotes DESC, speaker_id""",
    },
    "month_quotes": {
        "title": "Quotes of a month",
        "description": "Every quote of the articles dated in one month (YYYY-MM, e.g. 2022-03).",
        "sql": f"""SELECT {QUOTE_COLUMNS} FROM {VIEW}
WHERE month = :month
ORDER BY date, doc_id, start_char""",
    },
}


class ExtraMissing(Exception):
    """Datasette is not installed; the message says how to install it."""


def metadata(database: str) -> dict[str, Any]:
    """Datasette metadata for a quote store served under the name ``database``."""

    def columns(*names: str) -> dict[str, str]:
        return {name: COLUMN_DESCRIPTIONS[name] for name in names}

    return {
        "title": "Who said what",
        "description": (
            "Quotes extracted from Indonesian news by quotes: who said what, where and when. "
            f"Start from {VIEW}: search the quotes (a word finds its forms too: nuklir finds nuklirnya), "
            "facet by speaker, outlet, type, cue or month, and open an article, highlighted, from its doc_id."
        ),
        "plugins": {PLUGIN: {"database": database}},
        "databases": {
            database: {
                "description": "A quote store written by quotes extract --db.",
                "queries": QUERIES,
                "tables": {
                    VIEW: {
                        "description": "Every quote with its speaker's identity and its article's date and month: search it, facet it, export it.",
                        "columns": columns(*VIEW_COLUMNS),
                        "facets": FACETS,
                        "fts_table": "quotes_fts",
                        "fts_pk": "id",
                        "sort_desc": "id",
                    },
                    "quotes": {
                        "description": f"One row per quote: the table quotes extract writes, then the article's date and the speaker's identity ({VIEW} adds the month).",
                        "columns": columns("id", *COLUMNS, "speaker_id"),
                        "fts_table": "quotes_fts",
                        "fts_pk": "id",
                    },
                    "documents": {
                        "description": "The articles: one row per document, with its text.",
                        "columns": {
                            **columns("doc_id", "source", "date", "url"),
                            "content_hash": "SHA-256 of the text: the same text is never stored twice.",
                            "added_at": "When the article was added to the store.",
                            "text": "The article as read; empty in stores written before texts were kept.",
                        },
                        "facets": ["source"],
                    },
                    "speakers": {
                        "description": "Each speaker name as extracted, and the identity it belongs to across the store.",
                        "columns": {"name": "A speaker as written in one article.", **columns("speaker_id")},
                    },
                    "speaker_words": {"hidden": True},
                    "meta": {"hidden": True},
                },
            }
        },
    }


def make_datasette(db: str | Path) -> Datasette:
    """A Datasette over the quote store ``db`` with the project's metadata and plugin.

    The store is opened first: that adds what an older store lacks (the view, the
    columns it reads) and recomputes speaker identities a cut-short run left stale.
    """
    try:
        from datasette.app import Datasette
        from datasette.plugins import pm
    except ImportError:
        raise ExtraMissing(INSTALL_HINT) from None
    from quotes.explore import datasette_plugin

    path = Path(db)
    with Store(path, create=False) as store:
        store.ensure_speakers()
    if not pm.is_registered(datasette_plugin):
        pm.register(datasette_plugin, name=PLUGIN)
    return Datasette([str(path)], metadata=metadata(path.stem), settings=SETTINGS)


def serve(db: str | Path, host: str, port: int, open_browser: bool, announce: Callable[[str], None]) -> None:
    """Serve the store until interrupted; ``announce`` is told the address first."""
    datasette = make_datasette(db)
    import uvicorn  # Datasette's own server, installed with it

    url = f"http://{host}:{port}{datasette.urls.table(Path(db).stem, VIEW)}"
    announce(url)
    if open_browser:
        webbrowser.open(url)
    uvicorn.run(datasette.app(), host=host, port=port, log_level="warning", lifespan="on")
