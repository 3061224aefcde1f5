"""The Datasette plugin of ``quotes serve``: word-form search, article links and highlighted article pages.

:func:`quotes.explore.serve.make_datasette` registers this module with
Datasette's plugin manager and names the quote store's database in the
``quotes`` plugin configuration; every hook acts on that database only, so
other Datasette instances in the same process are left as they are.
"""

from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import quote, unquote, urlencode

from datasette import hookimpl
from datasette.app import Datasette
from datasette.utils.asgi import Request, Response
from markupsafe import Markup, escape

from quotes.explore.serve import PLUGIN, VIEW
from quotes.explore.store import fts_query

ARTICLE_ROUTE = "/-/quotes/article/"

NO_TEXT = (
    "This store was written before quotes kept article texts, so this article cannot be shown. "
    "Run quotes extract on the same inputs with --db again: it adds the texts without extracting anything twice."
)

FOLD_COLUMN_DESCRIPTIONS = """
const descriptions = document.querySelector("dl.column-descriptions");
if (descriptions) {
  const folded = document.createElement("details");
  const summary = document.createElement("summary");
  summary.textContent = "What the columns mean";
  descriptions.replaceWith(folded);
  folded.append(summary, descriptions);
}
"""

ARTICLE_PAGE = """{% extends "base.html" %}
{% block title %}{{ doc_id }}: who said what{% endblock %}
{% block extra_head %}
<style>
.quotes-legend mark { padding: 0.1em 0.4em; border-radius: 0.35em; margin-right: 0.4em; }
.quotes-article .spans { line-height: 2.5; }
</style>
{% endblock %}
{% block crumbs %}{{ crumbs.nav(request=request, database=database, table=table) }}{% endblock %}
{% block content %}
<h1>{{ doc_id }}</h1>
<p>{{ details|join(" · ") }}{% if url %} · <a href="{{ url }}">{{ url }}</a>{% endif %}
 · <a href="{{ quotes_url }}">its {{ count }} quote{{ "s" if count != 1 }} in the table</a></p>
{% if article %}
<p class="quotes-legend">{{ legend }}</p>
{{ article }}
{% else %}
<p class="message-warning">{{ message }}</p>
{% endif %}
{% endblock %}
"""


def database_of(datasette: Datasette) -> str | None:
    """The name of the quote store's database, where this Datasette was made by ``quotes serve``."""
    config = datasette.plugin_config(PLUGIN) or {}
    return config.get("database")


def article_path(datasette: Datasette, doc_id: str) -> str:
    # Every character escaped: doc_ids are file paths, and a "/" would end the route's segment.
    return datasette.urls.path(ARTICLE_ROUTE + quote(doc_id, safe=""))


def word_forms(text: str) -> str:
    """An FTS5 query in which each word of ``text`` also matches its longer forms.

    Indonesian adds clitics and particles to the word (nuklir → nuklirnya,
    katakan → katakanlah), which the FTS tokenizer keeps in one token: a
    prefix query is what finds them.
    """
    return fts_query(" ".join(word.rstrip("*") + "*" for word in text.split()))


@hookimpl(trylast=True)
def prepare_connection(conn: Any, database: str, datasette: Datasette) -> None:
    # Datasette's search box calls the SQL function escape_fts on what was typed; ours replaces
    # Datasette's (trylast: after its own registration) so that searches match word forms.
    # ?_searchmode=raw still passes FTS5 syntax through as written.
    if database == database_of(datasette):
        conn.create_function("escape_fts", 1, word_forms, deterministic=True)


@hookimpl
def render_cell(value: Any, column: str, database: str, datasette: Datasette) -> Markup | None:
    # Any doc_id, in a table or a query's results, opens its article with the quotes highlighted.
    if column != "doc_id" or not isinstance(value, str) or not value or database != database_of(datasette):
        return None
    return Markup(f'<a href="{escape(article_path(datasette, value))}">{escape(value)}</a>')


@hookimpl
def extra_body_script(template: str, database: str | None, datasette: Datasette) -> str | None:
    # Datasette lists every column's description above a table, pushing search, facets and rows
    # below the fold; folded away, they are one click off (and in each column's menu).
    if template != "table.html" or database != database_of(datasette):
        return None
    return FOLD_COLUMN_DESCRIPTIONS


@hookimpl
def register_routes(datasette: Datasette) -> list[tuple[str, Any]]:
    return [(rf"^{ARTICLE_ROUTE}(?P<doc_id>[^/]+)$", article)]


async def article(datasette: Datasette, request: Request) -> Response:
    """An article of the store with its quotes, cues and speakers highlighted, from the stored rows alone."""
    name = database_of(datasette)
    if name is None:
        return await _not_found(datasette, request, "No quote store is served here.")
    doc_id = unquote(request.url_vars["doc_id"])
    db = datasette.get_database(name)
    found = (await db.execute("SELECT source, url, date, text FROM documents WHERE doc_id = ?", [doc_id])).first()
    if found is None:
        return await _not_found(datasette, request, f"No article {doc_id!r} in {name}.")
    rows = [dict(row) for row in await db.execute(f"SELECT * FROM {VIEW} WHERE doc_id = ? ORDER BY start_char", [doc_id])]
    # In a thread: the first article imports spaCy, seconds during which other pages still load.
    legend, article_html = await asyncio.to_thread(_highlighted, found["text"], rows) if found["text"] else ("", "")
    context = {
        "doc_id": doc_id,
        "database": name,
        "table": VIEW,
        "details": [part for part in (found["source"], found["date"]) if part],
        # Linked only where it is a web address: metadata could hold a javascript: URL.
        "url": found["url"] if found["url"].startswith(("http://", "https://")) else "",
        "count": len(rows),
        "quotes_url": datasette.urls.table(name, VIEW) + "?" + urlencode({"doc_id": doc_id}),
        "legend": Markup(legend),
        "article": Markup(article_html),
        "message": NO_TEXT,
    }
    template = datasette.jinja_env.from_string(ARTICLE_PAGE)
    return Response.html(await datasette.render_template(template, context, request=request))


def _highlighted(text: str, rows: list[dict[str, Any]]) -> tuple[str, str]:
    """The colour key and the highlighted article."""
    # Imported here: displaCy brings spaCy (and thinc, and torch where installed), which the tables never need.
    from quotes.explore.highlighting import legend, render_rows

    return legend(), render_rows(text, rows)


async def _not_found(datasette: Datasette, request: Request, message: str) -> Response:
    # Datasette's error page, without raising NotFound: its handler prints a traceback for each one.
    page = await datasette.render_template("error.html", {"error": message, "status": 404}, request=request)
    return Response.html(page, status=404)
