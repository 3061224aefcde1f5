"""Cold start: wall time of the command line, each run in a fresh process.

Runs each command --repeats times, in turn (so that a busy moment of the
machine falls on all of them alike), after one unmeasured round that warms the
file cache, and prints a Markdown table of the median, fastest and slowest
wall times, and the median CPU time (user + system) of the process, which
other work on the machine changes less than the wall time. Then it times,
again in fresh processes, ``import quotes.pipeline`` (spaCy and the pipeline's
modules) and ``quotes.load()``, and prints their share of the median
``quotes extract``.

    python benchmarks/startup.py
    python benchmarks/startup.py --repeats 9 --article seeds/001_2bd0bd0c2dad21dd.txt --name Sullivan

The ``quotes`` console script used is the one installed beside this Python.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
DEFAULT_ARTICLE = next(iter(sorted((REPOSITORY / "seeds").glob("000_*.txt"))), None)

# Prints the wall and CPU seconds of the two steps of loading a pipeline in this fresh process.
LOAD = """
import sys, time
started = time.perf_counter(), time.process_time()
import quotes.pipeline
imported = time.perf_counter(), time.process_time()
quotes.pipeline.load(sys.argv[1])
loaded = time.perf_counter(), time.process_time()
print(*(b - a for a, b in zip(started, imported)), *(b - a for a, b in zip(imported, loaded)))
"""


def quotes_script() -> str:
    beside = Path(sys.executable).with_name("quotes")
    found = str(beside) if beside.exists() else shutil.which("quotes")
    if not found:
        sys.exit("no quotes console script: pip install -e . first")
    return found


def timed(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of ``command`` in a fresh process."""
    cpu_before = _children_cpu()
    started = time.perf_counter()
    completed = subprocess.run(command, cwd=REPOSITORY, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if completed.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({completed.returncode}): {completed.stderr.strip()}")
    return seconds, _children_cpu() - cpu_before


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=5, help="measured runs of each command (default 5)")
    parser.add_argument("--article", type=Path, default=DEFAULT_ARTICLE, help="the one article to extract (default seeds/000_*.txt)")
    parser.add_argument("--name", default="Sullivan", help="the speaker `quotes who` looks up in the article's table")
    parser.add_argument("--model", default="default", help="pipeline for quotes extract and quotes.load()")
    args = parser.parse_args()
    if args.article is None or not args.article.exists():
        sys.exit("no article: give --article")
    script = quotes_script()
    with tempfile.TemporaryDirectory() as work:
        table = str(Path(work) / "quotes.csv")
        extract = f"`quotes extract {args.article.name} -o quotes.csv`"
        # In the order they run in each round: the extract writes the table that who reads.
        commands = {
            extract: [script, "extract", str(args.article.resolve()), "-o", table, "-m", args.model],
            "`python -c pass` (the interpreter alone)": [sys.executable, "-c", "pass"],
            '`python -c "import quotes"`': [sys.executable, "-c", "import quotes"],
            "`quotes --help`": [script, "--help"],
            f"`quotes who {args.name} --table quotes.csv`": [script, "who", args.name, "--table", table],
        }
        times: dict[str, list[float]] = {label: [] for label in commands}
        cpu: dict[str, list[float]] = {label: [] for label in commands}
        load = [sys.executable, "-c", LOAD, args.model]
        # Per run: import wall, import CPU, load wall, load CPU.
        steps: list[list[float]] = []
        for round_ in range(args.repeats + 1):
            for label in commands:
                seconds, cpu_seconds = timed(commands[label])
                if round_:
                    times[label].append(seconds)
                    cpu[label].append(cpu_seconds)
            output = subprocess.run(load, cwd=REPOSITORY, capture_output=True, text=True, check=True).stdout
            if round_:
                steps.append([float(value) for value in output.split()[-4:]])
    print(f"Cold-process wall time, median of {args.repeats} runs (fastest, slowest), and median CPU time:\n")
    print("| command | median s | fastest s | slowest s | CPU s |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, values in times.items():
        print(
            f"| {label} | {statistics.median(values):.2f} | {min(values):.2f} | {max(values):.2f} "
            f"| {statistics.median(cpu[label]):.2f} |"
        )
    print()
    for kind, column, measured in (("wall", 0, times), ("CPU", 1, cpu)):
        imported = statistics.median(step[column] for step in steps)
        loaded = statistics.median(step[2 + column] for step in steps)
        whole = statistics.median(measured[extract])
        print(
            f"Loading the pipeline, {kind} time: `import quotes.pipeline` {imported:.2f} s + "
            f"`quotes.load({args.model!r})` {loaded:.2f} s = {imported + loaded:.2f} s, "
            f"{(imported + loaded) / whole:.0%} of the median `quotes extract` ({whole:.2f} s)."
        )


if __name__ == "__main__":
    main()
