"""Assembling the pipeline and running it over inputs.

``load()`` gives the shipped spaCy pipeline; ``iter_rows``/``extract_table``
run read → clean → nlp → table over any inputs.
"""

from __future__ import annotations

import re
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

import pandas as pd
import spacy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import NumpyOps, get_current_ops, use_ops

# Importing the stages registers their factories and Doc extensions.
import quotes.components.attributor.component  # noqa: F401
import quotes.components.finder.component  # noqa: F401
from quotes.encoder.setup import prepare_pipeline
from quotes.io.reading import DEFAULT_MAX_CHARS, Document, InputError, read_items
from quotes.running import BATCH_DOCUMENTS, Processed, run  # noqa: F401 - Processed is part of this module's API
from quotes.table import to_frame

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_MODEL = "cnn"
# Names that stand for another model: "default" is whatever ships as the default.
MODEL_ALIASES = {"default": DEFAULT_MODEL}
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


QUOTE_COMPONENTS = ("quote_finder", "quote_attributor")


def rules_pipeline() -> Language:
    """The rule components on a blank Indonesian tokenizer, without a statistical model."""
    nlp = match_prefixes_at_start(spacy.blank("id"))
    for component in QUOTE_COMPONENTS:
        nlp.add_pipe(component)
    return nlp


def match_prefixes_at_start(nlp: Language) -> Language:
    """Have the tokenizer look for a prefix at the start of each chunk only.

    spaCy runs ``search`` with a pattern whose every branch is anchored at the
    start (``^§|^%|…``, 170 branches for Indonesian), so it retries all of them
    at each character of every word. ``match`` finds the same prefixes: the
    tokens were identical on all 586 PFSA-ID articles and the 3,146 sentences of
    the UD Indonesian treebanks (tests/test_pipeline.py checks the seeds), and the
    tokenizer took 2.5 CPU s instead of 4.6 on 200k words (``benchmarks/components.py``).
    """
    search = nlp.tokenizer.prefix_search
    pattern = getattr(search, "__self__", None)
    if isinstance(pattern, re.Pattern) and search == pattern.search:
        nlp.tokenizer.prefix_search = pattern.match
    return nlp


def load(name: str | Path = DEFAULT_MODEL, source: str | None = None) -> Language:
    """Load a pipeline: a shipped model's name, a path to a spaCy pipeline, or "rules".

    ``source`` overrides where the quote components take their evidence from:
    "hybrid" (the default), "rules" or "model" (see ``quotes.components.finder.component.QuoteFinder``).
    """
    if str(name) == "rules":
        return rules_pipeline()
    if source is not None:
        overrides = {f"components.{component}.source": source for component in QUOTE_COMPONENTS}
        return _load_model(name, overrides)
    return _load_model(name, {})


def _load_model(name: str | Path, overrides: dict[str, str]) -> Language:
    name = MODEL_ALIASES.get(str(name), name)
    path = Path(name) if Path(name).exists() else model_path(str(name))
    if path is None:
        if str(name) == DEFAULT_MODEL:
            return rules_pipeline()
        raise FileNotFoundError(f"no model named {name!r} (looked in {', '.join(map(str, MODEL_ROOTS))})")
    # A transformer pipeline's encoder lives in the user's cache, not in the model folder.
    prepare_pipeline(path)
    with cpu_ops():
        return match_prefixes_at_start(spacy.load(path, config=overrides))


def cpu_ops() -> AbstractContextManager:
    """On CPU, build the model's layers on numpy's BLAS rather than thinc's bundled BLIS.

    BLIS picks its kernels from a list of CPUs it knows and falls back to slow
    generic ones on the others (AMD Zen 3 among them, where the tok2vec then ran
    about 1.5x slower: ``benchmarks/components.py --blis``); numpy's OpenBLAS or
    Accelerate detect the CPU when they load. A GPU's ops are left alone.
    """
    if type(get_current_ops()) is NumpyOps:
        return use_ops("numpy", use_blis=False)
    return nullcontext()


@dataclass
class RunStats:
    documents: int = 0
    quotes: int = 0
    speakers: set[str] = field(default_factory=set)
    errors: list[InputError] = field(default_factory=list)


def iter_documents(
    inputs: Iterable[str | Document],
    nlp: Language | None = None,
    stats: RunStats | None = None,
    on_error: Callable[[InputError], None] | None = None,
    batch_size: int = BATCH_DOCUMENTS,
    *,
    n_process: int = 1,
    on_warning: Callable[[str], None] | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    keep_docs: bool = True,
) -> Iterator[Processed]:
    """Run the whole pipeline over inputs, yielding each document with its rows as it completes.

    Per-document results let callers commit a document at a time (the quote
    store) or render the Doc next to its rows (``quotes show``). Inputs are
    read lazily and results come in input order, whatever ``n_process``; a
    document the pipeline fails on is reported through ``on_error`` like a
    bad input. ``Processed.doc`` is None where documents ran in worker processes,
    or with ``keep_docs=False``, which callers needing only rows pass to keep
    memory flat.
    """
    nlp = nlp or load()
    stats = stats if stats is not None else RunStats()

    def report(error: InputError) -> None:
        stats.errors.append(error)
        if on_error:
            on_error(error)

    def documents() -> Iterator[Document]:
        for item in read_items(inputs, on_warning, max_chars):
            if isinstance(item, InputError):
                report(item)
            else:
                yield item

    for outcome in run(nlp, documents(), n_process, batch_size, keep_docs):
        if isinstance(outcome, InputError):
            report(outcome)
            continue
        stats.documents += 1
        stats.quotes += len(outcome.rows)
        stats.speakers.update(row["speaker"] for row in outcome.rows if row["speaker"])
        yield outcome


def iter_rows(
    inputs: Iterable[str | Document],
    nlp: Language | None = None,
    stats: RunStats | None = None,
    on_error: Callable[[InputError], None] | None = None,
    batch_size: int = BATCH_DOCUMENTS,
    *,
    n_process: int = 1,
) -> Iterator[dict]:
    """Run the whole pipeline over inputs, yielding table rows as they come."""
    for processed in iter_documents(inputs, nlp, stats, on_error, batch_size, n_process=n_process, keep_docs=False):
        yield from processed.rows


def extract_table(inputs: Iterable[str | Document] | str, nlp: Language | None = None) -> pd.DataFrame:
    """Extract the quote table of files, folders or documents as a DataFrame."""
    if isinstance(inputs, (str, Path)):
        inputs = [str(inputs)]
    return to_frame(iter_rows(inputs, nlp))
