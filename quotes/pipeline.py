"""Assembling the pipeline and running it over inputs.

``load()`` gives the shipped spaCy pipeline; ``iter_rows``/``extract_table``
run read → clean → nlp → table over any inputs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

import pandas as pd
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from quotes.cleaning import clean, detect_outlet
from quotes.reading import Document, InputError, read_inputs
from quotes.tabulating import doc_rows, to_frame

# Importing the stages registers their factories and Doc extensions.
import quotes.attributing  # noqa: F401
import quotes.finding  # noqa: F401

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_MODEL = "default"
# A regular install carries the models inside the package; an editable one reads the repository's.
MODEL_ROOTS = (PACKAGE_DIR / "models", PACKAGE_DIR.parent / "models")

for _name in ("doc_id", "source"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default="")


def model_path(name: str) -> Path | None:
    for root in MODEL_ROOTS:
        candidate = root / name
        if (candidate / "config.cfg").exists():
            return candidate
    return None


def rules_pipeline() -> Language:
    """The rule components on a blank Indonesian tokenizer, without a statistical model."""
    nlp = spacy.blank("id")
    nlp.add_pipe("quote_finder")
    nlp.add_pipe("quote_attributor")
    return nlp


def load(name: str | Path = DEFAULT_MODEL) -> Language:
    """Load a pipeline: a shipped model's name, a path to a spaCy pipeline, or "rules"."""
    if str(name) == "rules":
        return rules_pipeline()
    path = Path(name) if Path(name).exists() else model_path(str(name))
    if path is None:
        if str(name) == DEFAULT_MODEL:
            return rules_pipeline()
        raise FileNotFoundError(f"no model named {name!r} (looked in {', '.join(map(str, MODEL_ROOTS))})")
    return spacy.load(path)


@dataclass
class RunStats:
    documents: int = 0
    quotes: int = 0
    speakers: set[str] = field(default_factory=set)
    errors: list[InputError] = field(default_factory=list)


@dataclass
class Processed:
    """One document after the pipeline: its input, its Doc (on the cleaned text) and its table rows."""

    document: Document
    doc: Doc
    rows: list[dict]


def iter_documents(
    inputs: Iterable[str | Document],
    nlp: Language | None = None,
    stats: RunStats | None = None,
    on_error: Callable[[InputError], None] | None = None,
    batch_size: int = 16,
) -> Iterator[Processed]:
    """Run the whole pipeline over inputs, yielding each document with its rows as it completes.

    Per-document results let callers commit a document at a time (the quote
    store) or render the Doc next to its rows (``quotes show``).
    """
    nlp = nlp or load()
    stats = stats if stats is not None else RunStats()

    def documents() -> Iterator[tuple[str, tuple[Document, object]]]:
        for item in _items(inputs):
            if isinstance(item, InputError):
                stats.errors.append(item)
                if on_error:
                    on_error(item)
                continue
            cleaned = clean(item.text)
            yield cleaned.text, (item, cleaned)

    for doc, (document, cleaned) in nlp.pipe(documents(), as_tuples=True, batch_size=batch_size):
        doc._.doc_id = document.doc_id
        doc._.source = document.source or detect_outlet(document.text)
        stats.documents += 1
        rows = list(doc_rows(doc, document.text, cleaned.offsets))
        stats.quotes += len(rows)
        stats.speakers.update(row["speaker"] for row in rows if row["speaker"])
        yield Processed(document, doc, rows)


def iter_rows(
    inputs: Iterable[str | Document],
    nlp: Language | None = None,
    stats: RunStats | None = None,
    on_error: Callable[[InputError], None] | None = None,
    batch_size: int = 16,
) -> Iterator[dict]:
    """Run the whole pipeline over inputs, yielding table rows as they come."""
    for processed in iter_documents(inputs, nlp, stats, on_error, batch_size):
        yield from processed.rows


def _items(inputs: Iterable[str | Document]) -> Iterator[Document | InputError]:
    paths: list[str] = []
    for item in inputs:
        if isinstance(item, Document):
            if paths:
                yield from read_inputs(paths)
                paths = []
            yield item
        else:
            paths.append(str(item))
    if paths:
        yield from read_inputs(paths)


def extract_table(inputs: Iterable[str | Document] | str, nlp: Language | None = None) -> pd.DataFrame:
    """Extract the quote table of files, folders or documents as a DataFrame."""
    if isinstance(inputs, (str, Path)):
        inputs = [str(inputs)]
    return to_frame(iter_rows(inputs, nlp))
