"""Assembling the pipeline and running it over inputs.

``load()`` gives the shipped spaCy pipeline; ``iter_rows``/``extract_table``
run read → clean → nlp → table over any inputs.
"""

from __future__ import annotations

import re
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

import spacy
import srsly
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import (
    compile_infix_regex,
    compile_prefix_regex,
    compile_suffix_regex,
    get_model_meta,
    load_config,
    load_model_from_config,
    registry,
)
from thinc.api import NumpyOps, get_current_ops, use_ops

# Importing the stages registers their factories and Doc extensions.
import quotes.components.attributor.component  # noqa: F401
import quotes.components.finder.component  # noqa: F401
from quotes.encoder.setup import prepare_pipeline
from quotes.io.reading import DEFAULT_MAX_CHARS, Document, InputError, read_items
from quotes.running import BATCH_DOCUMENTS, Processed, run  # noqa: F401 - Processed is part of this module's API
from quotes.table import to_frame

if TYPE_CHECKING:
    import pandas as pd

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_MODEL = "cnn"
# Names that stand for another model: "default" is whatever ships as the default.
MODEL_ALIASES = {"default": DEFAULT_MODEL}
# A regular install carries the models inside the package; an editable one reads the repository's.
MODEL_ROOTS = (PACKAGE_DIR / "models", PACKAGE_DIR.parent / "models")

# The article's fields, as the table gives them (quotes.table.doc_rows).
for _name in ("doc_id", "source", "date", "title", "url"):
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
    nlp = spacy.blank("id", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}})
    # quotes.Tokenizer.v1 only builds spaCy's tokenizer faster: the config names spaCy's, as spacy.blank("id")'s does.
    _restore_tokenizer_entry(nlp, {"@tokenizers": "spacy.Tokenizer.v1"})
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

    Setting a pattern rebuilds all of the tokenizer's exceptions (0.7 s for
    Indonesian's 15,963): ``load()`` builds its tokenizers with ``match`` from the
    start instead (``quotes.Tokenizer.v1``).
    """
    _match_prefixes_at_start(nlp.tokenizer)
    return nlp


def _match_prefixes_at_start(tokenizer: Tokenizer) -> None:
    search = tokenizer.prefix_search
    pattern = getattr(search, "__self__", None)
    if isinstance(pattern, re.Pattern) and search == pattern.search:
        tokenizer.prefix_search = pattern.match


TOKENIZER = "quotes.Tokenizer.v1"


@registry.tokenizers(TOKENIZER)
def create_tokenizer(path: str | None = None) -> Callable[[Language], Tokenizer]:
    """The language's tokenizer, or the one saved at ``path``, matching prefixes at the start: built once.

    A tokenizer builds each of its exceptions as it is given it (0.7 s for
    Indonesian's 15,963) and builds them all again whenever one of its patterns
    is set. Loading a pipeline through ``spacy.Tokenizer.v1`` built them three
    times: from the language's defaults, from the folder's ``tokenizer`` file in
    ``from_disk``, and for ``match_prefixes_at_start``. Here the patterns are set
    first and the exceptions given last, once. The tokens are the same.
    """

    def make(nlp: Language) -> Tokenizer:
        if path is None:
            defaults = nlp.Defaults
            tokenizer = Tokenizer(
                nlp.vocab,
                prefix_search=compile_prefix_regex(defaults.prefixes).search if defaults.prefixes else None,
                suffix_search=compile_suffix_regex(defaults.suffixes).search if defaults.suffixes else None,
                infix_finditer=compile_infix_regex(defaults.infixes).finditer if defaults.infixes else None,
                token_match=defaults.token_match,
                url_match=defaults.url_match,
            )
            exceptions = defaults.tokenizer_exceptions
        else:
            saved = Path(path).read_bytes()
            tokenizer = Tokenizer(nlp.vocab).from_bytes(saved, exclude=["vocab", "exceptions"])
            exceptions = srsly.msgpack_loads(saved).get("exceptions", {})
        _match_prefixes_at_start(tokenizer)
        tokenizer.rules = exceptions
        return tokenizer

    return make


def _restore_tokenizer_entry(nlp: Language, entry: dict) -> None:
    """Put ``entry`` back as the config's tokenizer, so that what ``nlp.to_disk`` writes loads with spaCy alone."""
    config = nlp.config
    config["nlp"]["tokenizer"] = entry
    nlp.config = config


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
    # What spacy.load(path, config=overrides) does, with the tokenizer built once from the folder's
    # `tokenizer` file and so left out of from_disk. Not through spacy.load's overrides: where the
    # config has an [nlp.tokenizer] section (models/transformer), thinc merges an override into it.
    config = load_config(path / "config.cfg", overrides=overrides)
    folder_tokenizer = config["nlp"]["tokenizer"]
    if folder_tokenizer.get("@tokenizers") != "spacy.Tokenizer.v1":
        with cpu_ops():
            return spacy.load(path, config=overrides)  # a tokenizer of its own: built as its pipeline says
    config["nlp"]["tokenizer"] = {"@tokenizers": TOKENIZER, "path": str(path / "tokenizer")}
    with cpu_ops():
        nlp = load_model_from_config(config, meta=get_model_meta(path))
        nlp.from_disk(path, exclude=["tokenizer"], overrides=overrides)
    _restore_tokenizer_entry(nlp, folder_tokenizer)
    return nlp


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
    # Files of the folders given that were not read (not .txt, .jsonl, .json or .csv).
    skipped: list[str] = field(default_factory=list)


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
    split: bool = False,
) -> Iterator[Processed]:
    """Run the whole pipeline over inputs, yielding each document with its rows as it completes.

    Per-document results let callers commit a document at a time (the quote
    store) or render the Doc next to its rows (``quotes show``). Inputs are
    read lazily and results come in input order, whatever ``n_process``; a
    document the pipeline fails on is reported through ``on_error`` like a
    bad input. ``Processed.doc`` is None where documents ran in worker processes,
    or with ``keep_docs=False``, which callers needing only rows pass to keep
    memory flat. ``split`` reads text on standard input as one document per
    article; the files of folders that are not read are listed in ``stats.skipped``.
    """
    nlp = nlp or load()
    stats = stats if stats is not None else RunStats()

    def report(error: InputError) -> None:
        stats.errors.append(error)
        if on_error:
            on_error(error)

    def documents() -> Iterator[Document]:
        for item in read_items(inputs, on_warning, max_chars, split=split, on_skip=stats.skipped.append):
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
