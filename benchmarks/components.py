"""Where the time goes: each pipeline component's speed on its own, beside the tokenizer's.

The fixed benchmark set (the seeds and the PFSA-ID dev articles, repeated to
``--words`` words) is tokenized once, then handed to each component in pipeline
order. Times are CPU seconds of this process, so that other load on a shared
machine counts less than in wall-clock figures.

    python benchmarks/components.py --corpus ../shared/corpora/pfsa-id --words 200000

It is the measurement behind two choices: the spaCy pin in pyproject.toml
(spaCy 3.8.8 to 3.8.18 run the ``ner`` about three times slower than 3.8.7 on
the same model), and building the layers on numpy's BLAS (``--blis`` measures
thinc's default instead; see ``quotes.pipeline.cpu_ops``). BLAS threads are held
to one, as in ``quotes extract``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from articles import benchmark_set  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", help="PFSA-ID folder (its dev articles join the seeds)")
    parser.add_argument("--words", type=int, default=200_000, help="words in the measured set")
    parser.add_argument("--model", default="default", help="pipeline to measure (default: the shipped model)")
    parser.add_argument("--batch-size", type=int, default=32, help="documents a batch")
    parser.add_argument("--blis", action="store_true", help="build the layers on thinc's bundled BLIS")
    args = parser.parse_args()

    import spacy
    from threadpoolctl import threadpool_limits

    from quotes.pipeline import MODEL_ALIASES, load, match_prefixes_at_start, model_path

    texts = [document.text for document in benchmark_set(args.corpus, args.words)]
    words = sum(len(text.split()) for text in texts)
    if args.blis:
        # Only the BLAS differs from `load`: the tokenizer is tuned the same way.
        nlp = match_prefixes_at_start(spacy.load(model_path(MODEL_ALIASES.get(args.model, args.model)) or args.model))
    else:
        nlp = load(args.model)
    blas = "BLIS" if args.blis else "numpy's BLAS"
    print(f"spaCy {spacy.__version__}, {len(texts)} documents, {words:,} words, model {args.model!r}, {blas}")
    print(f"{'stage':<20} {'CPU s':>8} {'words/s':>10}")

    def report(stage: str, seconds: float) -> None:
        print(f"{stage:<20} {seconds:>8.2f} {words / seconds:>10,.0f}")

    threadpool_limits(limits=1, user_api="blas")
    started = time.process_time()
    docs = [nlp.tokenizer(text) for text in texts]
    total = time.process_time() - started
    report("tokenizer", total)
    for name, component in nlp.pipeline:
        started = time.process_time()
        if hasattr(component, "pipe"):
            docs = list(component.pipe(docs, batch_size=args.batch_size))
        else:
            docs = [component(doc) for doc in docs]
        seconds = time.process_time() - started
        total += seconds
        report(name, seconds)
    report("all", total)


if __name__ == "__main__":
    main()
