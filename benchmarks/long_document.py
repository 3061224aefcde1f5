"""Time the pipeline on one ever longer article, to show it stays linear in length.

The article is the five seeds joined and repeated; each size is timed once,
next to spaCy's tokenizer alone on the same text.

    python benchmarks/long_document.py [--model rules|default|PATH]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import spacy

import quotes

ROOT = Path(__file__).resolve().parent.parent
SIZES = (100_000, 250_000, 500_000, 1_000_000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="default")
    args = parser.parse_args()
    seed_text = "\n\n".join(path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt")))
    nlp = quotes.load(args.model)
    nlp.max_length = max(SIZES) + len(seed_text)
    tokenizer = spacy.blank("id")
    tokenizer.max_length = nlp.max_length
    print("| characters | tokens | quotes | pipeline s | tokenizer-only s | s per 100k characters |")
    print("|---:|---:|---:|---:|---:|---:|")
    for size in SIZES:
        text = (seed_text + "\n\n") * (size // (len(seed_text) + 2) + 1)
        text = text[:size]
        started = time.perf_counter()
        tokens = len(tokenizer(text))
        tokenizer_seconds = time.perf_counter() - started
        started = time.perf_counter()
        doc = nlp(text)
        seconds = time.perf_counter() - started
        print(f"| {size:,} | {tokens:,} | {len(doc._.quotes):,} | {seconds:.2f} | {tokenizer_seconds:.2f} | {seconds / size * 100_000:.2f} |", flush=True)


if __name__ == "__main__":
    main()
