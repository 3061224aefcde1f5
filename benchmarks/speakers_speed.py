"""Words per second of the speaker model on one thread, beside spaCy's blank Indonesian tokenizer.

The speaker model (``models/speakers``, issue 21) may run beside the quote
pipeline, whose target is 10,000 words/s on one core, so its own speed is
measured the same way: ``nlp.pipe`` over the seeds (and the PFSA-ID dev
articles, given ``--corpus``) repeated to ``--words`` words, with numpy's
BLAS held to one thread. Each round times the tokenizer and then every model
in the same process; the median round is printed, with each model's ratio to
the tokenizer, since a shared machine's speed wanders.

    nice python benchmarks/speakers_speed.py
    nice python benchmarks/speakers_speed.py --model models/speakers --model models/cnn --repeat 3
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

import spacy
from threadpoolctl import threadpool_limits

sys.path.insert(0, str(Path(__file__).resolve().parent))

from articles import ROOT, benchmark_set  # noqa: E402

from quotes.training.trainer import measure_speed  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", action="append", help="model folders to time (default: models/speakers)")
    parser.add_argument("--corpus", help="PFSA-ID folder (its dev articles join the seeds)")
    parser.add_argument("--words", type=int, default=200_000, help="words in the measured set")
    parser.add_argument("--repeat", type=int, default=3, help="rounds (the median is printed)")
    args = parser.parse_args()
    texts = [document.text for document in benchmark_set(args.corpus, args.words)]
    words = sum(len(text.split()) for text in texts)
    models = {path: spacy.load(path) for path in args.model or [str(ROOT / "models" / "speakers")]}
    rounds: dict[str, list[float]] = {"tokenizer": [], **{path: [] for path in models}}
    with threadpool_limits(limits=1):
        for _ in range(args.repeat):
            rounds["tokenizer"].append(measure_speed(spacy.blank("id").tokenizer, texts))
            for path, nlp in models.items():
                rounds[path].append(measure_speed(nlp, texts))
    tokenizer = statistics.median(rounds["tokenizer"])
    print(f"{len(texts)} documents, {words:,} words, one thread, median of {args.repeat}")
    print(f"{'what':<40}{'words/s':>10}{'÷ tokenizer':>13}")
    for name, speeds in rounds.items():
        speed = statistics.median(speeds)
        print(f"{name:<40}{speed:>10,.0f}{speed / tokenizer:>13.3f}")


if __name__ == "__main__":
    main()
