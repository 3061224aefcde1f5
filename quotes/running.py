"""Running the pipeline over a stream of documents: batching, long documents, processes.

Three concerns of scale live here, apart from the NLP stages themselves:

* **Failure isolation.** A document that makes a component raise becomes an
  :class:`~quotes.reading.InputError` naming it; the rest of its batch is
  still processed.
* **Long documents.** A text longer than ``nlp.max_length`` is cut into
  overlapping windows at paragraph boundaries. Each window owns a disjoint
  stretch of the text and keeps only the quotes that start there, so no quote
  is lost or counted twice, and each quote's offsets are mapped back into the
  original text.
* **Memory.** Rows-only runs free what each stretch of the stream added to
  the vocabulary (:class:`ZonedProcessing`), so memory stays flat.
* **Processes.** With ``n_process > 1`` batches go to worker processes that
  each hold one copy of the pipeline and send back plain table rows (a Quote
  holds spaCy spans, which do not cross process boundaries). At most a few
  batches are in flight, so memory stays flat on any input size, and results
  come back in input order, so the output is the same for any process count.
"""

from __future__ import annotations

import bisect
import multiprocessing
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Union

from spacy.language import Language
from spacy.tokens import Doc

from quotes.cleaning import CleanedText, OffsetMap, clean, detect_outlet
from quotes.finding import remember_text
from quotes.reading import Document, InputError
from quotes.tabulating import doc_rows

# Context kept on each side of a window's own stretch when a long text is cut:
# long enough for a quote (they rarely pass a few thousand characters) and for
# the earlier mention its "-nya" or pronoun points back to.
WINDOW_OVERLAP = 20_000
# A batch closes at this many documents or characters, whichever comes first:
# large enough to amortise the trip to a worker, small enough to keep memory flat
# (the statistical model's activations grow with the batch: with the cnn model,
# peak RSS was 1.06 GB at 400,000 characters a batch and 0.70 GB at 50,000).
BATCH_DOCUMENTS = 32
BATCH_CHARACTERS = 100_000
# Characters a memory zone spans (see ZonedProcessing): ten batches, a few MB of vocabulary.
ZONE_CHARACTERS = 1_000_000
# Batches in flight per worker process: one being processed, one queued.
BATCHES_IN_FLIGHT = 2


@dataclass
class Processed:
    """One document after the pipeline: its input, its Doc and its table rows.

    ``doc`` is the Doc of the cleaned text. It is None when the document was
    processed in a worker process (Docs stay there) or cut into windows.
    """

    document: Document
    doc: Doc | None
    rows: list[dict]


Outcome = Union[Processed, InputError]


@dataclass(frozen=True)
class Window:
    """A stretch ``[start, end)`` of a text given to the pipeline, owning quotes starting in ``[own_start, own_end)``."""

    start: int
    end: int
    own_start: int
    own_end: int


def windows(text: str, limit: int, overlap: int = WINDOW_OVERLAP) -> list[Window]:
    """Cut ``text`` into windows of at most ``limit`` characters whose own stretches tile it.

    Cuts fall at a paragraph break where there is one, else at a line break,
    else at a space; only a text without any is cut mid-word.
    """
    size = len(text)
    if size <= limit:
        return [Window(0, size, 0, size)]
    overlap = min(overlap, limit // 4)
    result: list[Window] = []
    own_start = 0
    while own_start < size:
        start = _line_start_after(text, own_start - overlap, own_start) if own_start > overlap else 0
        if size - start <= limit:
            result.append(Window(start, size, own_start, size))
            break
        own_end = _cut_before(text, own_start + 1, start + limit - overlap)
        end = _line_end_before(text, own_end, own_end + overlap)
        result.append(Window(start, end, own_start, own_end))
        own_start = own_end
    return result


def _line_start_after(text: str, low: int, high: int) -> int:
    """The first line start in ``[low, high]``, else ``low``."""
    newline = text.find("\n", low, high)
    return newline + 1 if newline != -1 else low


def _line_end_before(text: str, low: int, high: int) -> int:
    """The last line end (just after a newline) in ``[low, high]``, else ``high``."""
    newline = text.rfind("\n", low, high)
    return newline + 1 if newline != -1 else high


def _cut_before(text: str, low: int, high: int) -> int:
    """The best place to cut in ``[low, high]``: after a paragraph break, a line break, a space."""
    for separator in ("\n\n", "\n", " "):
        found = text.rfind(separator, low, high)
        if found != -1:
            return found + len(separator)
    return high


def shifted(offsets: OffsetMap, delta: int) -> OffsetMap:
    """The offset map of the cleaned text's suffix starting at ``delta``."""
    index = max(bisect.bisect_right(offsets.clean_starts, delta) - 1, 0)
    result = OffsetMap([0], [offsets.to_original(delta)])
    for clean_start, original_start in zip(offsets.clean_starts[index + 1 :], offsets.original_starts[index + 1 :]):
        result.add(clean_start - delta, original_start)
    return result


def process_batch(nlp: Language, documents: list[Document], keep_docs: bool = True) -> list[Outcome]:
    """Run the pipeline over a batch, isolating any document that makes it fail."""
    prepared = [(document, clean(document.text)) for document in documents]
    short = [(document, cleaned) for document, cleaned in prepared if len(cleaned.text) <= nlp.max_length]
    outcomes: dict[int, Outcome] = {}
    try:
        for doc, (document, cleaned) in nlp.pipe(((make_doc(nlp, c.text), (d, c)) for d, c in short), as_tuples=True):
            outcomes[id(document)] = _finish(doc, document, cleaned, keep_docs)
    except Exception:  # noqa: BLE001 - one bad document must not cost the batch: retry each alone
        outcomes = {id(document): _guarded(_process_alone, nlp, document, cleaned, keep_docs) for document, cleaned in short}
    for document, cleaned in prepared:
        if id(document) not in outcomes:
            outcomes[id(document)] = _guarded(_process_long, nlp, document, cleaned, keep_docs)
    return [outcomes[id(document)] for document in documents]


def make_doc(nlp: Language, text: str) -> Doc:
    """Tokenise ``text``, keeping the string itself for the quote components (``Doc.text`` rebuilds it)."""
    doc = nlp.make_doc(text)
    remember_text(doc, text)
    return doc


class ZonedProcessing:
    """Processes rows-only batches inside spaCy memory zones of about ``ZONE_CHARACTERS`` each.

    Every new word adds strings and lexemes to the vocabulary, so a long stream
    would grow memory without end; a zone frees them when it closes. Zones span
    many batches because closing one also empties the tokenizer's cache, and a
    cold cache makes tokenizing several times slower.
    """

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self._zone: ExitStack | None = None
        self._characters = 0

    def process(self, documents: list[Document]) -> list[Outcome]:
        if self._zone is None:
            self._zone = ExitStack()
            self._zone.enter_context(self.nlp.memory_zone())
        outcomes = process_batch(self.nlp, documents, keep_docs=False)
        self._characters += sum(len(document.text) for document in documents)
        if self._characters >= ZONE_CHARACTERS:
            self.close()
        return outcomes

    def close(self) -> None:
        if self._zone is not None:
            self._zone.close()
        self._zone, self._characters = None, 0


def _guarded(
    work: Callable[[Language, Document, CleanedText, bool], Processed],
    nlp: Language,
    document: Document,
    cleaned: CleanedText,
    keep_docs: bool,
) -> Outcome:
    try:
        return work(nlp, document, cleaned, keep_docs)
    except Exception as error:  # noqa: BLE001 - reported as one line naming the document
        return internal_error(document, error)


def _process_alone(nlp: Language, document: Document, cleaned: CleanedText, keep_docs: bool) -> Processed:
    return _finish(nlp(make_doc(nlp, cleaned.text)), document, cleaned, keep_docs)


def internal_error(document: Document, error: BaseException) -> InputError:
    detail = str(error).strip().splitlines()[0] if str(error).strip() else ""
    reason = f"failed in the pipeline ({type(error).__name__}{': ' + detail[:200] if detail else ''})"
    return InputError(document.doc_id, reason)


def _annotate(doc: Doc, document: Document) -> None:
    doc._.doc_id = document.doc_id
    doc._.source = document.source or detect_outlet(document.text)


def _finish(doc: Doc, document: Document, cleaned: CleanedText, keep_docs: bool) -> Processed:
    _annotate(doc, document)
    rows = list(doc_rows(doc, document.text, cleaned.offsets))
    if not keep_docs:
        release(doc)
    return Processed(document, doc if keep_docs else None, rows)


def release(doc: Doc) -> None:
    """Drop a finished Doc's quotes: their spans point back at the Doc, and that cycle
    would keep the Doc and its tensors alive until a late garbage collection."""
    doc.user_data.clear()


def _process_long(nlp: Language, document: Document, cleaned: CleanedText, keep_docs: bool) -> Processed:
    # The windows' Docs are dropped: no single Doc covers the whole text (keep_docs cannot apply).
    cuts = windows(cleaned.text, nlp.max_length)
    seen: set[str] = set()
    rows: list[dict] = []
    texts = ((make_doc(nlp, cleaned.text[cut.start : cut.end]), cut) for cut in cuts)
    for doc, cut in nlp.pipe(texts, as_tuples=True):
        _annotate(doc, document)
        doc._.quotes = [
            quote for quote in doc._.quotes if cut.own_start <= cut.start + quote.span.start_char < cut.own_end
        ]
        rows.extend(doc_rows(doc, document.text, shifted(cleaned.offsets, cut.start), seen))
        release(doc)
    return Processed(document, None, rows)


def batches(documents: Iterable[Document], size: int = BATCH_DOCUMENTS) -> Iterator[list[Document]]:
    batch: list[Document] = []
    characters = 0
    for document in documents:
        batch.append(document)
        characters += len(document.text)
        if len(batch) >= size or characters >= BATCH_CHARACTERS:
            yield batch
            batch, characters = [], 0
    if batch:
        yield batch


def run(
    nlp: Language,
    documents: Iterable[Document],
    n_process: int = 1,
    batch_size: int = BATCH_DOCUMENTS,
    keep_docs: bool = True,
) -> Iterator[Outcome]:
    """Process documents in input order, in this process or in ``n_process`` workers.

    ``keep_docs=False`` is for callers that only need the rows: memory then
    stays flat however long the stream (see :class:`ZonedProcessing`). Worker
    processes always work that way: their Docs never leave them.
    """
    if n_process <= 1:
        if keep_docs:
            for batch in batches(documents, batch_size):
                yield from process_batch(nlp, batch)
            return
        zones = ZonedProcessing(nlp)
        try:
            for batch in batches(documents, batch_size):
                yield from zones.process(batch)
        finally:
            zones.close()
        return
    yield from _run_parallel(nlp, batches(documents, batch_size), n_process)


_worker: ZonedProcessing | None = None


def _start_worker(nlp: Language) -> None:
    global _worker
    _worker = ZonedProcessing(nlp)


def _work(batch: list[Document]) -> list[Outcome]:
    assert _worker is not None, "worker used before its pipeline was set"
    return _worker.process(batch)


def _run_parallel(nlp: Language, work: Iterator[list[Document]], n_process: int) -> Iterator[Outcome]:
    # Forked workers inherit the loaded pipeline instead of loading or unpickling it again.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    pending: deque[tuple[list[Document], Future[list[Outcome]]]] = deque()
    with ProcessPoolExecutor(n_process, mp_context=context, initializer=_start_worker, initargs=(nlp,)) as pool:
        for batch in work:
            try:
                future = pool.submit(_work, batch)
            except BrokenProcessPool as error:
                # A dead worker breaks the pool for good: every later batch reports it.
                future = Future()
                future.set_exception(error)
            pending.append((batch, future))
            if len(pending) >= BATCHES_IN_FLIGHT * n_process:
                yield from _collect(*pending.popleft())
        while pending:
            yield from _collect(*pending.popleft())


def _collect(batch: list[Document], future: Future[list[Outcome]]) -> list[Outcome]:
    try:
        return future.result()
    except BrokenProcessPool:
        return [InputError(document.doc_id, "a worker process died (killed, or out of memory)") for document in batch]
    except Exception as error:  # noqa: BLE001 - e.g. a result that could not be sent back
        return [internal_error(document, error) for document in batch]
