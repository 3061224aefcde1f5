"""The quote store: a SQLite database of extracted quotes, searchable in milliseconds.

``quotes extract INPUT... --db quotes.db`` adds documents; ``quotes who``,
``quotes search`` and ``quotes stats`` answer from it.

- Documents are keyed on a SHA-256 of their text: content already stored is
  skipped before the pipeline runs, so re-running adds nothing twice; a
  document whose text changed (same ``doc_id``, new hash) replaces its rows.
- Each document is written in one transaction, so an interrupted run leaves
  every committed document whole and no document half-written.
- An FTS5 index (accent- and case-insensitive) covers the quote text.
- Each document's text is kept, so an article can be shown with its quotes
  highlighted from the stored offsets (``quotes serve``) without re-running
  the pipeline. Stores written before the text was kept get the column empty;
  re-running ``quotes extract`` on the same inputs fills it in.
- Each quote row also keeps its article's date and its speaker's identity
  (kept current by :meth:`Store.refresh_speakers`), indexed with the other
  columns ``quotes serve`` facets on: a facet over 100,000 quotes then reads an
  index instead of joining every row. The ``quotes_by_article`` view adds the
  month and the article's address: the one table ``quotes serve`` explores.
- Each document's date, title and address are kept, on the document and on
  each of its quotes (the table's last columns): from the input's fields,
  else from the text's dateline and headline (:mod:`quotes.io.metadata`).
- A store written by an earlier version gains the newer columns when opened;
  re-running ``quotes extract`` on the same inputs fills in dates and titles
  read from the text.
- Speaker identities (:mod:`quotes.speakers`) depend on the whole corpus, so
  the ``speakers`` table maps each extracted name to its identity and is
  recomputed after a run; a run cut short marks it stale and the next query
  recomputes it.
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

import pandas as pd

from quotes.cleaning import detect_outlet
from quotes.io.metadata import iso_date, with_metadata
from quotes.io.reading import DEFAULT_MAX_CHARS, Document, InputError, read_items
from quotes.speakers import (
    SpeakerMatch,
    canonical_ids,
    query_words,
    rank_speakers,
    word_tiers,
    words,
)
from quotes.table import (
    ARTICLE_COLUMNS,
    COLUMNS,
    FLOAT_COLUMNS,
    INTEGER_COLUMNS,
    TABLE_COLUMNS,
)

if TYPE_CHECKING:
    from spacy.language import Language

    from quotes.pipeline import Processed, RunStats

SCHEMA_VERSION = "2"


def _column_type(column: str) -> str:
    return "INTEGER" if column in INTEGER_COLUMNS else "REAL" if column in FLOAT_COLUMNS else "TEXT"


def _column_definition(column: str) -> str:
    # The article's columns were added to stores that already had quotes: never NULL, '' where unknown.
    return f"{column} {_column_type(column)}" + (" NOT NULL DEFAULT ''" if column in ARTICLE_COLUMNS else "")


# The quotes table has the table schema's columns (quotes.table.COLUMNS is the one definition, the
# article's date, title and url among them), then the speaker's identity.
SCHEMA = f"""
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '',
    date TEXT NOT NULL DEFAULT '',
    added_at TEXT NOT NULL,
    text TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS quotes (
    id INTEGER PRIMARY KEY,
    {", ".join(_column_definition(column) for column in COLUMNS)},
    speaker_id TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS quotes_doc_id ON quotes(doc_id);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker);
-- What quotes serve facets and filters on.
CREATE INDEX IF NOT EXISTS quotes_speaker_id ON quotes(speaker_id);
CREATE INDEX IF NOT EXISTS quotes_source ON quotes(source);
CREATE INDEX IF NOT EXISTS quotes_quote_type ON quotes(quote_type);
CREATE INDEX IF NOT EXISTS quotes_cue ON quotes(cue);
CREATE INDEX IF NOT EXISTS quotes_month ON quotes(substr(date, 1, 7));
-- The speaker column lets a search by speaker intersect two posting lists instead of
-- filtering every quote that has the words.
CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5(
    quote, speaker, content='quotes', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS quotes_fts_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(rowid, quote, speaker) VALUES (new.id, new.quote, new.speaker);
END;
CREATE TRIGGER IF NOT EXISTS quotes_fts_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, quote, speaker) VALUES ('delete', old.id, old.quote, old.speaker);
END;
CREATE TABLE IF NOT EXISTS speakers (
    name TEXT PRIMARY KEY,
    speaker_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS speakers_speaker_id ON speakers(speaker_id);
CREATE TABLE IF NOT EXISTS speaker_words (
    word TEXT NOT NULL,
    name TEXT NOT NULL REFERENCES speakers(name),
    PRIMARY KEY (word, name)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- The month as the quotes_month index has it; the address read only for the rows shown.
CREATE VIEW IF NOT EXISTS quotes_by_article AS
SELECT q.id, q.speaker_id, q.quote, q.quote_type, q.cue, q.cited_from, q.source,
    q.date, substr(q.date, 1, 7) AS month, q.doc_id, q.speaker, q.speaker_mention, q.speaker_role,
    q.start_char, q.end_char, q.confidence, (SELECT d.url FROM documents AS d WHERE d.doc_id = q.doc_id) AS url
FROM quotes AS q;
"""

# Sets each quote's speaker_id from the speakers table, writing only the rows whose identity changed.
SET_SPEAKER_IDS = """
UPDATE quotes SET speaker_id = coalesce((SELECT s.speaker_id FROM speakers AS s WHERE s.name = quotes.speaker), speaker)
WHERE speaker_id IS NOT coalesce((SELECT s.speaker_id FROM speakers AS s WHERE s.name = quotes.speaker), speaker)
"""

# Columns added since the first stores: (table, column, definition, the statement that fills it in).
ADDED_COLUMNS = (
    ("documents", "text", "TEXT NOT NULL DEFAULT ''", None),
    (
        "quotes",
        "date",
        "TEXT NOT NULL DEFAULT ''",
        "UPDATE quotes SET date = coalesce((SELECT d.date FROM documents AS d WHERE d.doc_id = quotes.doc_id), '')",
    ),
    ("quotes", "speaker_id", "TEXT NOT NULL DEFAULT ''", SET_SPEAKER_IDS),
    ("documents", "title", "TEXT NOT NULL DEFAULT ''", None),
    *(
        (
            "quotes",
            column,
            "TEXT NOT NULL DEFAULT ''",
            f"UPDATE quotes SET {column} = coalesce((SELECT d.{column} FROM documents AS d WHERE d.doc_id = quotes.doc_id), '')",
        )
        for column in ("title", "url")
    ),
)

# Rows in the table's shape (TABLE_COLUMNS), the speaker's identity taken from the speakers table.
SELECT_ROWS = f"SELECT {', '.join(f'q.{column}' for column in COLUMNS)}, coalesce(s.speaker_id, q.speaker) AS speaker_id"
FROM_QUOTES = "FROM quotes AS q LEFT JOIN speakers AS s ON s.name = q.speaker"
FROM_MATCHES = "FROM quotes_fts JOIN quotes AS q ON q.id = quotes_fts.rowid LEFT JOIN speakers AS s ON s.name = q.speaker"


class StoreError(Exception):
    """A store that cannot be opened or used; the message is meant for the user."""


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class IngestReport:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    quotes: int = 0


class Store:
    """A quote store in one SQLite file."""

    def __init__(self, path: str | Path, create: bool = True) -> None:
        self.path = Path(path)
        if not create and not self.path.is_file():
            raise StoreError(f"{self.path}: no such quote store (create it with: quotes extract INPUT... --db {self.path})")
        try:
            # Autocommit mode: transactions are opened explicitly, one per document.
            self.connection = sqlite3.connect(self.path, isolation_level=None)
            self.connection.execute("PRAGMA journal_mode=WAL")
            self.connection.execute("PRAGMA synchronous=NORMAL")
            # Before the schema: its indexes and view read the added columns.
            _add_columns(self.connection)
            self.connection.executescript(SCHEMA)
            self.connection.execute(
                "INSERT OR IGNORE INTO meta VALUES ('schema_version', ?), ('speakers_stale', '0')", (SCHEMA_VERSION,)
            )
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{self.path}: not a quote store ({error})") from None

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # Writing

    def is_stored(self, document: Document) -> bool:
        """Whether this exact text is already in the store (under any doc_id)."""
        found = self.connection.execute(
            "SELECT 1 FROM documents WHERE content_hash = ?", (content_hash(document.text),)
        ).fetchone()
        return found is not None

    def add(self, processed: Processed) -> str:
        """Write one processed document in one transaction: "added", "replaced" or "unchanged"."""
        document = processed.document
        rows = processed.rows
        digest = content_hash(document.text)
        date = iso_date(document.date)
        article = {"date": date, "title": document.title, "url": document.url}
        with self._transaction():
            # The same text twice in one run passes the check before either is committed.
            if self.connection.execute("SELECT 1 FROM documents WHERE content_hash = ?", (digest,)).fetchone():
                return "unchanged"
            self.connection.execute("DELETE FROM quotes WHERE doc_id = ?", (document.doc_id,))
            old = self.connection.execute("DELETE FROM documents WHERE doc_id = ?", (document.doc_id,)).rowcount
            self.connection.execute(
                "INSERT INTO documents (doc_id, content_hash, source, url, date, added_at, text, title) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    document.doc_id,
                    digest,
                    _source(processed),
                    document.url,
                    date,
                    datetime.now().isoformat(timespec="seconds"),
                    document.text,
                    document.title,
                ),
            )
            # The speaker is its own identity until refresh_speakers has seen the whole store.
            self.connection.executemany(
                f"INSERT INTO quotes ({', '.join(COLUMNS)}, speaker_id) VALUES ({', '.join('?' * (len(COLUMNS) + 1))})",
                [(*({**row, **article}[column] for column in COLUMNS), row["speaker"]) for row in rows],
            )
            self.connection.executemany(
                "INSERT OR IGNORE INTO speakers VALUES (?, ?)", [(row["speaker"], row["speaker"]) for row in rows if row["speaker"]]
            )
            self.connection.execute("UPDATE meta SET value = '1' WHERE key = 'speakers_stale'")
        return "replaced" if old else "added"

    def ingest(
        self,
        inputs: Iterable[str | Document],
        nlp: Language | None = None,
        stats: RunStats | None = None,
        on_error: Callable[[InputError], None] | None = None,
        on_warning: Callable[[str], None] | None = None,
        max_chars: int = DEFAULT_MAX_CHARS,
        n_process: int = 1,
        loader: Callable[[], Language] | None = None,
        split: bool = False,
    ) -> IngestReport:
        """Run the pipeline over inputs not yet stored and commit each document as it completes.

        Without ``nlp``, ``loader`` (default: the shipped pipeline) is called once a new document turns up.
        """
        # Imported here, not with the module: the pipeline brings spaCy (seconds to import), which
        # quotes who, search and stats never need.
        from quotes.pipeline import RunStats, iter_documents, load

        report = IngestReport()
        stats = stats if stats is not None else RunStats()

        def new_documents() -> Iterator[Document]:
            for item in read_items(inputs, on_warning, max_chars, split=split, on_skip=stats.skipped.append):
                if isinstance(item, InputError):
                    stats.errors.append(item)
                    if on_error:
                        on_error(item)
                elif self.is_stored(item):
                    self._keep_text(item)
                    report.unchanged += 1
                else:
                    yield item

        pending = new_documents()
        first = next(pending, None)
        if first is not None:
            # Loading a pipeline takes seconds: only when some document is new or changed.
            nlp = nlp or (loader or load)()
            self._add_all(iter_documents(chain([first], pending), nlp, stats, on_error, n_process=n_process, keep_docs=False), report)
        self.refresh_speakers()
        return report

    def _add_all(self, processed_documents: Iterable[Processed], report: IngestReport) -> None:
        for processed in processed_documents:
            status = self.add(processed)
            setattr(report, status, getattr(report, status) + 1)
            if status != "unchanged":
                report.quotes += len(processed.rows)

    def _keep_text(self, document: Document) -> None:
        """Fill in what a store written by an earlier version lacks for this stored text: the text, date and title.

        One read, and nothing written, for a document stored whole.
        """
        document = with_metadata(document)
        date = iso_date(document.date)
        lacking = self.connection.execute(
            "SELECT doc_id FROM documents WHERE content_hash = ?1 "
            "AND (text = '' OR (date = '' AND ?2 != '') OR (title = '' AND ?3 != ''))",
            (content_hash(document.text), date, document.title),
        ).fetchone()
        if lacking is None:
            return
        with self._transaction():
            self.connection.execute(
                "UPDATE documents SET text = CASE WHEN text = '' THEN ?1 ELSE text END, "
                "date = CASE WHEN date = '' THEN ?2 ELSE date END, title = CASE WHEN title = '' THEN ?3 ELSE title END "
                "WHERE doc_id = ?4",
                (document.text, date, document.title, lacking[0]),
            )
            self.connection.execute(
                "UPDATE quotes SET date = (SELECT d.date FROM documents AS d WHERE d.doc_id = ?1), "
                "title = (SELECT d.title FROM documents AS d WHERE d.doc_id = ?1) WHERE doc_id = ?1",
                (lacking[0],),
            )

    def refresh_speakers(self) -> None:
        """Recompute every name's canonical identity over the whole store."""
        counts = dict(self.connection.execute("SELECT speaker, count(*) FROM quotes WHERE speaker != '' GROUP BY speaker"))
        identities = canonical_ids(counts)
        with self._transaction():
            self.connection.execute("DELETE FROM speakers")
            self.connection.execute("DELETE FROM speaker_words")
            self.connection.executemany("INSERT INTO speakers VALUES (?, ?)", identities.items())
            # Folded name words, so a lookup reads only the names sharing a word with the query.
            self.connection.executemany(
                "INSERT INTO speaker_words VALUES (?, ?)",
                ((word, name) for name in identities for word in set(words(name)) if word),
            )
            self.connection.execute(SET_SPEAKER_IDS)
            self.connection.execute("UPDATE meta SET value = '0' WHERE key = 'speakers_stale'")

    # Reading

    def count(self, table: str = "quotes") -> int:
        if table not in ("quotes", "documents"):
            raise ValueError(f"unknown table {table!r}")
        return self.connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def match_speakers(self, query: str) -> list[SpeakerMatch]:
        """The speaker identities a name query means (see :mod:`quotes.speakers`)."""
        self.ensure_speakers()
        vocabulary = self._vocabulary()
        tiers = [word_tiers(word, vocabulary) for word in query_words(query)]
        matched = sorted(set().union(*tiers)) if tiers else []
        if not matched:
            return []
        postings = self.connection.execute(
            f"SELECT w.word, w.name, s.speaker_id FROM speaker_words AS w JOIN speakers AS s ON s.name = w.name "
            f"WHERE w.word IN ({', '.join('?' * len(matched))})",
            matched,
        )
        return rank_speakers(tiers, postings)

    def who(self, query: str) -> tuple[list[SpeakerMatch], pd.DataFrame]:
        """The speakers a name query means, and all their quotes."""
        matches = self.match_speakers(query)
        return matches, self._quotes_of([match.speaker_id for match in matches])

    def search(self, text: str, speaker: str | None = None, limit: int = 20) -> tuple[int, pd.DataFrame]:
        """Quotes containing every word of ``text``, optionally by one speaker; and how many match.

        The most recently added quotes come first: ranking every match by
        relevance costs time in proportion to the matches, and common words
        match tens of thousands of quotes.
        """
        terms = fts_query(text)
        if not terms:
            raise StoreError("the search needs at least one word")
        match = f"quote : ({terms})"
        names: list[str] = []
        if speaker is not None:
            identities = [found.speaker_id for found in self.match_speakers(speaker)]
            placeholders = ", ".join("?" * len(identities))
            names = [
                name
                for (name,) in self.connection.execute(
                    f"SELECT name FROM speakers WHERE speaker_id IN ({placeholders})", identities
                )
                if fts_query(name)
            ]
            if not names:
                return 0, _frame([])
            match += " AND speaker : (" + " OR ".join(f'"{name.replace(chr(34), chr(34) * 2)}"' for name in names) + ")"
        self.ensure_speakers()
        # The FTS speaker filter is by words ("Biden" is in "Hunter Biden" too): keep exactly these names.
        where = "quotes_fts MATCH ?" + (f" AND q.speaker IN ({', '.join('?' * len(names))})" if names else "")
        parameters = [match, *names]
        total = self.connection.execute(f"SELECT count(*) {FROM_MATCHES} WHERE {where}", parameters).fetchone()[0]
        rows = self.connection.execute(
            f"{SELECT_ROWS} {FROM_MATCHES} WHERE {where} ORDER BY quotes_fts.rowid DESC LIMIT ?", [*parameters, limit]
        )
        return total, _frame(rows.fetchall())

    def stats(self, top: int = 10) -> dict[str, pd.DataFrame]:
        """Top speakers, outlets, and quotes per month (where documents have dates)."""
        self.ensure_speakers()
        query = self.connection.execute
        speakers = query(
            "SELECT s.speaker_id AS speaker, count(*) AS quotes, count(DISTINCT q.doc_id) AS documents "
            "FROM quotes AS q JOIN speakers AS s ON s.name = q.speaker WHERE s.speaker_id != '' "
            "GROUP BY s.speaker_id ORDER BY quotes DESC, speaker LIMIT ?",
            (top,),
        )
        outlets = query(
            "SELECT d.source AS outlet, count(DISTINCT d.doc_id) AS documents, count(q.id) AS quotes "
            "FROM documents AS d LEFT JOIN quotes AS q ON q.doc_id = d.doc_id "
            "GROUP BY d.source ORDER BY quotes DESC, outlet LIMIT ?",
            (top,),
        )
        months = query(
            "SELECT substr(d.date, 1, 7) AS month, count(DISTINCT d.doc_id) AS documents, count(q.id) AS quotes "
            "FROM documents AS d LEFT JOIN quotes AS q ON q.doc_id = d.doc_id WHERE d.date != '' "
            "GROUP BY month ORDER BY month"
        )
        return {
            "speakers": pd.DataFrame(speakers.fetchall(), columns=["speaker", "quotes", "documents"]),
            "outlets": pd.DataFrame(outlets.fetchall(), columns=["outlet", "documents", "quotes"]),
            "months": pd.DataFrame(months.fetchall(), columns=["month", "documents", "quotes"]),
        }

    def _quotes_of(self, identities: list[str]) -> pd.DataFrame:
        if not identities:
            return _frame([])
        placeholders = ", ".join("?" * len(identities))
        rows = self.connection.execute(
            f"{SELECT_ROWS} {FROM_QUOTES} WHERE q.speaker IN (SELECT name FROM speakers WHERE speaker_id IN ({placeholders})) "
            "ORDER BY speaker_id, q.doc_id, q.start_char",
            identities,
        )
        return _frame(rows.fetchall())

    def _vocabulary(self) -> list[str]:
        # The primary key keeps words sorted, as word_tiers needs.
        return [word for (word,) in self.connection.execute("SELECT DISTINCT word FROM speaker_words ORDER BY word")]

    def ensure_speakers(self) -> None:
        """Recompute speaker identities if a run was cut short before it did (they depend on every quote)."""
        stale = self.connection.execute("SELECT value FROM meta WHERE key = 'speakers_stale'").fetchone()
        if stale is None or stale[0] != "0":
            self.refresh_speakers()

    def _transaction(self) -> "_Transaction":
        return _Transaction(self.connection)


class _Transaction:
    """BEGIN … COMMIT, or ROLLBACK when anything (even KeyboardInterrupt) escapes."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def __enter__(self) -> None:
        self.connection.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: type[BaseException] | None, *rest: object) -> None:
        self.connection.execute("ROLLBACK" if exc_type else "COMMIT")


def _add_columns(connection: sqlite3.Connection) -> None:
    """Give a store written by an earlier version the columns added since, filled in."""

    def missing() -> list[tuple[str, str, str, str | None]]:
        existing = {table: {row[1] for row in connection.execute(f"PRAGMA table_info({table})")} for table in ("documents", "quotes")}
        # A new store has no tables yet: the schema creates them whole.
        return [added for added in ADDED_COLUMNS if existing[added[0]] and added[1] not in existing[added[0]]]

    if not missing():
        return
    with _Transaction(connection):
        # Checked again under the write lock: another process may have upgraded the store meanwhile.
        for table, column, definition, fill in missing():
            connection.execute(f"ALTER TABLE {table} ADD COLUMN {column} {definition}")
            if fill:
                connection.execute(fill)
        if connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").fetchone():
            # Identities are worked out anew with today's rules (public figures' nicknames among them).
            connection.execute("UPDATE meta SET value = '1' WHERE key = 'speakers_stale'")
            connection.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (SCHEMA_VERSION,))


def _source(processed: Processed) -> str:
    # The store runs without Docs (flat memory): the rows carry the outlet, else detect it as the pipeline does.
    if processed.rows:
        return processed.rows[0]["source"]
    return processed.document.source or detect_outlet(processed.document.text)


def fts_query(text: str) -> str:
    """An FTS5 query requiring every word of ``text``; a trailing * keeps prefix search."""
    terms = []
    for word in text.split():
        prefix = word.endswith("*")
        core = word.rstrip("*").replace('"', "")
        if core.strip("\"'.,:;!?()[]{}"):
            terms.append(f'"{core}"' + ("*" if prefix else ""))
    return " ".join(terms)


def _frame(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(TABLE_COLUMNS))


