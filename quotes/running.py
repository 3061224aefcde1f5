"""Running the pipeline over a stream of documents: batching, long documents, processes.

Four concerns of scale live here, apart from the NLP stages themselves:

* **Failure isolation.** A document that makes a component raise becomes an
  :class:`~quotes.io.reading.InputError` naming it; the rest of its batch is
  still processed.
* **Long documents.** A text longer than ``nlp.max_length`` is cut into
  overlapping windows at paragraph boundaries. Each window owns a disjoint
  stretch of the text and keeps only the quotes that start there, so no quote
  is lost or counted twice, and each quote's offsets are mapped back into the
  original text.
* **Memory.** Rows-only runs free what each stretch of the stream added to
  the vocabulary (:class:`ZonedProcessing`), so memory stays flat. The first
  stretch a pipeline ever runs over stays outside any zone, to warm the
  tokenizer's cache.
* **Processes.** With ``n_process > 1`` the stream is cut into chunks, each
  run through spaCy's ``nlp.pipe(n_process=…)``: forked workers each hold one
  copy of the pipeline, and a last ``quote_table`` component replaces each Doc
  by its table rows, which cost the parent far less to read back than the
  Doc. Workers live for one chunk and need no memory zones, so their
  tokenizer caches fill as they go and their memory stays flat on any input
  size; results come back in input order, so the output is the same for any
  process count. A batch a component fails on drops out of the stream and
  its documents are retried alone, here, to name the one that failed; a worker
  that dies is replaced, and the document it died on is named.
"""

from __future__ import annotations

import bisect
import os
import signal
import sys
import threading
import warnings
import weakref
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass
from itertools import tee
from typing import Callable, Iterable, Iterator, Union

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import ignore_error
from srsly.msgpack import msgpack_decoders, msgpack_encoders
from threadpoolctl import threadpool_limits

from quotes.cleaning import CleanedText, OffsetMap, clean, detect_outlet
from quotes.components.quote import SPANS_KEY
from quotes.io.metadata import with_metadata
from quotes.io.reading import Document, InputError
from quotes.lang.doc_words import made_from
from quotes.table import RECORDS_KEY, doc_rows, quote_records

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
# spaCy's tokenizer caches how it split each of the first 10,000 distinct words it
# meets, but saves nothing inside a memory zone, so a rows-only run would split
# every word the slow way. The first this many characters a pipeline runs over
# are tokenized outside any zone: their words (the stream's common ones) then
# stay cached for good, for a few MB. Tokenizing in zones took 4.8 CPU s on the
# PFSA-ID dev articles three times cold, 4.4 s after 100,000 characters of other
# articles, 2.9 s after 300,000, and 2.8 s after 1,000,000.
WARM_CHARACTERS = 300_000
# With worker processes: characters per worker in one ``nlp.pipe(n_process=…)`` call,
# whose workers are forked at its start and exit, with their vocabulary, at its end.
# Each call ends waiting for its slowest worker, so calls are long; a worker's
# vocabulary grows over its chunk (no memory zones: its tokenizer's cache fills).
CHUNK_CHARACTERS = 4_000_000
# spaCy hands batches to the workers in turn and collects them in that order, so
# smaller batches than in one process keep every worker busy.
WORKER_BATCH_CHARACTERS = 40_000


@dataclass
class Processed:
    """One document after the pipeline: its input, its Doc and its table rows.

    ``doc`` is the Doc of the cleaned text. It is None in rows-only runs
    (``keep_docs=False``, worker processes) and when the text was cut into windows.
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
        for doc, (document, cleaned) in nlp.pipe(((made_from(nlp.make_doc(c.text), c.text), (d, c)) for d, c in short), as_tuples=True):
            outcomes[id(document)] = _finish(doc, document, cleaned, keep_docs)
    except Exception:  # noqa: BLE001 - one bad document must not cost the batch: retry each alone
        outcomes = {id(document): _guarded(_process_alone, nlp, document, cleaned, keep_docs) for document, cleaned in short}
    for document, cleaned in prepared:
        if id(document) not in outcomes:
            outcomes[id(document)] = _guarded(_process_long, nlp, document, cleaned, keep_docs)
    return [outcomes[id(document)] for document in documents]


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
        if self._zone is None and warming(self.nlp):
            # Outside a zone, so that the tokenizer's cache keeps this batch's words.
            _count_warming(self.nlp, (document.text for document in documents))
            return process_batch(self.nlp, documents, keep_docs=False)
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


# Characters each pipeline has run over outside memory zones to warm its tokenizer.
_warmed_characters: weakref.WeakKeyDictionary[Language, int] = weakref.WeakKeyDictionary()


def warming(nlp: Language) -> bool:
    """Whether ``nlp`` has yet to run over ``WARM_CHARACTERS`` outside memory zones (and is outside one now)."""
    return _warmed_characters.get(nlp, 0) < WARM_CHARACTERS and not nlp.vocab.in_memory_zone


def _count_warming(nlp: Language, texts: Iterable[str]) -> None:
    _warmed_characters[nlp] = _warmed_characters.get(nlp, 0) + sum(len(text) for text in texts)


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
    return _finish(nlp(made_from(nlp.make_doc(cleaned.text), cleaned.text)), document, cleaned, keep_docs)


def internal_error(document: Document, error: BaseException) -> InputError:
    detail = str(error).strip().splitlines()[0] if str(error).strip() else ""
    reason = f"failed in the pipeline ({type(error).__name__}{': ' + detail[:200] if detail else ''})"
    return InputError(document.doc_id, reason)


def _annotate(doc: Doc, document: Document) -> None:
    doc._.doc_id = document.doc_id
    doc._.source = document.source or detect_outlet(document.text)
    doc._.date = document.date
    doc._.title = document.title
    doc._.url = document.url


def _finish(doc: Doc, document: Document, cleaned: CleanedText, keep_docs: bool) -> Processed:
    _annotate(doc, document)
    rows = list(doc_rows(doc, document.text, cleaned.offsets))
    return Processed(document, doc if keep_docs else None, rows)


def _process_long(nlp: Language, document: Document, cleaned: CleanedText, keep_docs: bool) -> Processed:
    # The windows' Docs are dropped: no single Doc covers the whole text (keep_docs cannot apply).
    cuts = windows(cleaned.text, nlp.max_length)
    seen: set[str] = set()
    rows: list[dict] = []
    texts = ((made_from(nlp.make_doc(cleaned.text[cut.start : cut.end]), cleaned.text[cut.start : cut.end]), cut) for cut in cuts)
    for doc, cut in nlp.pipe(texts, as_tuples=True):
        _annotate(doc, document)
        doc.spans[SPANS_KEY] = [span for span in doc.spans[SPANS_KEY] if cut.own_start <= cut.start + span.start_char < cut.own_end]
        rows.extend(doc_rows(doc, document.text, shifted(cleaned.offsets, cut.start), seen))
    return Processed(document, None, rows)


def batches(
    documents: Iterable[Document], size: int = BATCH_DOCUMENTS, characters: int = BATCH_CHARACTERS
) -> Iterator[list[Document]]:
    """Group documents into lists closed at ``size`` documents or ``characters`` characters."""
    batch: list[Document] = []
    total = 0
    for document in documents:
        batch.append(document)
        total += len(document.text)
        if len(batch) >= size or total >= characters:
            yield batch
            batch, total = [], 0
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
    stays flat however long the stream (see :class:`ZonedProcessing`). Runs on
    worker processes always work that way, and give rows a chunk at a time.

    Each process uses one core: the BLAS's own threads are held to one for the
    run, as spaCy's own BLIS is, so that ``n_process`` alone sets the parallelism.

    Each document's date and title are completed from its text where its fields
    lack them (:func:`quotes.io.metadata.with_metadata`): ``Processed.document``
    and the rows carry them.
    """
    with threadpool_limits(limits=1, user_api="blas"):
        yield from _run(nlp, map(with_metadata, documents), n_process, batch_size, keep_docs)


def _run(
    nlp: Language, documents: Iterable[Document], n_process: int, batch_size: int, keep_docs: bool
) -> Iterator[Outcome]:
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
    yield from _run_parallel(nlp, documents, n_process, batch_size)


def _run_parallel(
    nlp: Language, documents: Iterable[Document], n_process: int, batch_size: int
) -> Iterator[Outcome]:
    # Workers are forked outside any memory zone, so each keeps its tokenizer's
    # cache growing over its chunk; they exit, with their vocabulary, at its end.
    # The parent adds nothing to its own vocabulary: what comes back is tables.
    for chunk in batches(documents, sys.maxsize, CHUNK_CHARACTERS * n_process):
        yield from _run_chunk(nlp, chunk, n_process, batch_size)


def _run_chunk(nlp: Language, chunk: list[Document], n_process: int, batch_size: int) -> Iterator[Outcome]:
    """Run one chunk through ``nlp.pipe(n_process=…)``, then retry alone what did not come back."""
    prepared: list[tuple[Document, CleanedText]] = []

    def short_indices() -> Iterator[int]:
        # Cleaned as nlp.pipe asks for each text, so the workers start at once
        # and the parent's share of the work overlaps theirs.
        for index, document in enumerate(chunk):
            prepared.append((document, clean(document.text)))
            if len(prepared[index][1].text) <= nlp.max_length:
                yield index

    # spaCy batches by document count; this keeps a batch near WORKER_BATCH_CHARACTERS on average.
    average = sum(len(document.text) for document in chunk) / len(chunk)
    size = max(1, min(batch_size, round(WORKER_BATCH_CHARACTERS / max(average, 1))))
    outcomes: dict[int, Outcome] = {}
    with _as_worker_pipeline(nlp):
        killers = set(_deliver(nlp, prepared, short_indices(), outcomes, n_process, size))
    for index, (document, cleaned) in enumerate(prepared):
        if index in outcomes:
            yield outcomes[index]
        elif index in killers:
            yield InputError(document.doc_id, "a worker process died on it (killed, or out of memory)")
        elif len(cleaned.text) > nlp.max_length:
            yield _guarded(_process_long, nlp, document, cleaned, False)
        else:
            yield _guarded(_process_alone, nlp, document, cleaned, False)


def _deliver(
    nlp: Language,
    prepared: list[tuple[Document, CleanedText]],
    indices: Iterable[int],
    outcomes: dict[int, Outcome],
    n_process: int,
    batch_size: int,
) -> list[int]:
    """Fill ``outcomes`` for the documents at ``indices`` that come back; return those a worker died on.

    ``prepared`` holds each index's document by the time the index comes out
    of ``indices``. When a worker dies, what had not come back yet runs again
    with fresh workers, halved when nothing came back, until the document that
    kills a worker is alone.
    """
    sending, waiting = tee(indices)
    texts = (prepared[index][1].text for index in sending)
    returned = 0
    with _WorkerWatch() as watch:
        try:
            for doc in nlp.pipe(texts, n_process=n_process, batch_size=batch_size):
                # Docs come back in input order, less any batch a component failed on:
                # the documents skipped here are retried alone afterwards.
                index = next(index for index in waiting if prepared[index][1].text == table_text(doc))
                document, cleaned = prepared[index]
                _annotate(doc, document)
                outcomes[index] = Processed(document, None, list(doc_rows(doc, document.text, cleaned.offsets)))
                returned += 1
        except (EOFError, OSError):
            if not watch.died:
                raise
    rest = list(waiting)
    if not watch.died or not rest:
        return []
    if returned:
        return _deliver(nlp, prepared, rest, outcomes, n_process, batch_size)
    if len(rest) == 1:
        return rest
    half = len(rest) // 2
    return _deliver(nlp, prepared, rest[:half], outcomes, n_process, batch_size) + _deliver(
        nlp, prepared, rest[half:], outcomes, n_process, batch_size
    )


class _WorkerWatch:
    """Ends the other workers of an ``nlp.pipe`` call when one of them dies.

    A worker killed mid-batch (out of memory, a signal) would leave
    ``nlp.pipe`` waiting for that batch forever: the workers forked after it
    hold its channel open. Once they are gone too, the wait ends in an EOFError.
    Workers announce their process ids as they are forked (``_announce_worker``),
    because one can die, and be reaped by ``multiprocessing``, before any list
    of live children would show it.
    """

    POLL_SECONDS = 0.05

    def __init__(self) -> None:
        self.died = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> _WorkerWatch:
        global _announcements
        self._read, _announcements = os.pipe()
        os.set_blocking(self._read, False)
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        global _announcements
        self._stop.set()
        self._thread.join()
        os.close(_announcements)
        os.close(self._read)
        _announcements = None

    def _watch(self) -> None:
        workers: set[int] = set()
        while not self._stop.wait(self.POLL_SECONDS):
            workers.update(self._announced())
            if self.died or any(not _running(pid) for pid in workers):
                # Watching goes on after a death: a worker whose announcement
                # arrives later must be ended too, or ``nlp.pipe`` waits for it forever.
                self.died = True
                for pid in workers:
                    if _running(pid):
                        with suppress(ProcessLookupError):
                            os.kill(pid, signal.SIGKILL)

    def _announced(self) -> set[int]:
        try:
            data = os.read(self._read, 4096)
        except BlockingIOError:
            return set()
        return {int(pid) for pid in data.split()}


# The write end of the running watch's pipe, which every process forked meanwhile
# (nlp.pipe's workers) writes its process id to.
_announcements: int | None = None


def _announce_worker() -> None:
    if _announcements is not None:
        os.write(_announcements, f"{os.getpid()} ".encode())


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_announce_worker)


def _running(pid: int) -> bool:
    """Whether our child ``pid`` still runs. Workers exit only once the parent has all it asked for,
    so one that is gone before then died, whoever reaped it."""
    if not hasattr(os, "waitid"):
        return True
    try:
        return os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is None
    except ChildProcessError:
        return False


TEXT_KEY = "quotes.text"


# Here rather than in quotes.table, which quotes who, search and stats import without spaCy.
@Language.component("quote_table")
def tabulate_quotes(doc: Doc) -> Doc:
    """Replace the Doc by an empty one that holds only its quote records and its text.

    As the last component in the workers of ``nlp.pipe(n_process=…)``, this is
    what crosses the process boundary: a whole Doc costs the receiving process
    more to read back (each of its words becomes a lexeme there) than its table
    is worth.
    ``doc_rows`` reads the records; ``table_text`` gives the text.
    """
    table = Doc(doc.vocab)
    table.user_data[RECORDS_KEY] = quote_records(doc)
    table.user_data[TEXT_KEY] = doc.text
    return table


def table_text(table: Doc) -> str:
    """The text of the Doc a ``tabulate_quotes`` table was made from."""
    return table.user_data[TEXT_KEY]


@contextmanager
def _as_worker_pipeline(nlp: Language) -> Iterator[None]:
    """Set ``nlp`` up for ``nlp.pipe(n_process=…)``, and back as it was afterwards.

    * The ``quote_table`` component is added last, so that what workers send
      back is each document's table (see ``tabulate_quotes``).
    * A batch that makes a component raise drops out of the stream instead of
      ending the run (spaCy's default handler re-raises); its documents are then
      retried alone, with the handler restored, to name the one that failed.
      (Only the pipeline's default handler can be swapped: spaCy's ``ner``
      takes no handler of its own.)
    """
    default = nlp.default_error_handler
    nlp.add_pipe("quote_table")
    nlp.default_error_handler = ignore_error
    try:
        with warnings.catch_warnings(), _msgpack_extensions_looked_up_once():
            # W127, "not all workers exited": a dead worker is reported per document instead.
            warnings.simplefilter("ignore", UserWarning)
            yield
    finally:
        nlp.default_error_handler = default
        nlp.remove_pipe("quote_table")


@contextmanager
def _msgpack_extensions_looked_up_once() -> Iterator[None]:
    """Have srsly look its msgpack extensions up once, not on every call.

    Each Doc crosses between processes as msgpack, and each (de)serialisation
    asks srsly's registries for every extension: they read every installed
    package's entry points, then scan catalogue's whole registry, which holds
    all of spaCy's registered functions. That was half of the parent's work on
    a parallel run, and a few percent of each worker's. The workers, forked
    inside this context, inherit the snapshot.
    """
    registries = (msgpack_encoders, msgpack_decoders)
    for registry in registries:
        extensions = registry.get_all()
        # An instance attribute shadows the method until it is deleted below.
        registry.get_all = lambda extensions=extensions: extensions
    try:
        yield
    finally:
        for registry in registries:
            del registry.get_all
