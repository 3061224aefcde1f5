"""Peak memory of ``quotes extract`` on growing JSONL inputs: it must stay flat.

Writes JSONL files of the fixed benchmark set at each size, runs the real CLI
on each in a fresh process, and prints the peak RSS of that process (with
``--n-process 2``, of the largest of the parent and its workers).

    nice python benchmarks/memory.py --corpus ../shared/corpora/pfsa-id --words 100000 400000 1600000
    nice python benchmarks/memory.py --corpus ../shared/corpora/pfsa-id --n-process 2
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from articles import benchmark_set  # noqa: E402

# Runs the command and reports its peak RSS (KiB on Linux) from the child's rusage alone:
# the largest of that process and the workers it waited for.
PEAK = "import resource, subprocess, sys; code = subprocess.call(sys.argv[1:]); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(code)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", help="PFSA-ID folder (its dev articles join the seeds)")
    parser.add_argument("--words", type=int, nargs="+", default=[100_000, 400_000, 1_600_000])
    parser.add_argument("--model", default="default")
    parser.add_argument("--n-process", type=int, default=1)
    args = parser.parse_args()
    print(f"{'words':>10}{'input MB':>10}{'rows':>8}{'s':>8}{'peak RSS MB':>13}")
    with tempfile.TemporaryDirectory() as work:
        for words in args.words:
            source = Path(work) / f"articles-{words}.jsonl"
            with source.open("w", encoding="utf-8") as stream:
                for document in benchmark_set(args.corpus, words):
                    stream.write(json.dumps({"id": document.doc_id, "text": document.text}, ensure_ascii=False) + "\n")
            output = Path(work) / "quotes.csv"
            started = time.perf_counter()
            command = [sys.executable, "-c", "from quotes.cli import app; app()", "extract", str(source), "-o", str(output), "-m", args.model, "--n-process", str(args.n_process)]
            completed = subprocess.run([sys.executable, "-c", PEAK, *command], capture_output=True, text=True)
            seconds = time.perf_counter() - started
            if completed.returncode != 0:
                sys.exit(f"{words} words: extract failed: {completed.stderr.strip()}")
            peak_mb = int(completed.stdout.strip().splitlines()[-1]) / 1024
            rows = sum(1 for _ in output.open(encoding="utf-8")) - 1
            size_mb = os.path.getsize(source) / 1e6
            print(f"{words:>10}{size_mb:>10.1f}{rows:>8}{seconds:>8.1f}{peak_mb:>13.0f}")


if __name__ == "__main__":
    main()
