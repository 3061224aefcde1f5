"""Speed, peak memory and size on disk of shipped pipelines, on the PFSA-ID dev articles.

    python benchmarks/pipelines.py ../shared/corpora/pfsa-id --model cnn --model transformer --threads 1 --threads 2

Each (model, threads) pair runs in a fresh process, so that its peak memory
(ru_maxrss) is its own. Words are whitespace-separated words of the texts, and
each row carries the same process's spaCy tokenizer-only speed, because these
shared machines are noisy and only the ratio travels (DESIGN.md, Measuring);
words per CPU second (all of the process's threads) is the least noisy figure.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def measure(model: str, threads: int, texts_file: str, repeats: int) -> dict:
    """One measurement, run in this process (the child side of ``main``)."""
    import resource
    import time

    import spacy

    from quotes.pipeline import load, model_path

    texts = json.loads(Path(texts_file).read_text(encoding="utf-8"))
    words = sum(len(text.split()) for text in texts)
    nlp = load(model)
    # Only a pipeline that brought torch in pays for it: importing it for the CNN would inflate its memory.
    if "torch" in sys.modules:
        sys.modules["torch"].set_num_threads(threads)
    blank = spacy.blank("id")
    nlp("Pemanasan: kata Budi.")  # the first call loads lazily-built parts; keep it out of the timing

    def rate(pipeline) -> tuple[float, float]:
        """Best words per wall-clock second, and words per CPU second of this process (all threads)."""
        best_wall = best_cpu = 0.0
        for _ in range(repeats):
            wall, cpu = time.perf_counter(), time.process_time()
            for _ in pipeline.pipe(texts, batch_size=32):
                pass
            best_wall = max(best_wall, words / (time.perf_counter() - wall))
            best_cpu = max(best_cpu, words / (time.process_time() - cpu))
        return best_wall, best_cpu

    path = Path(model) if Path(model).exists() else model_path(model)
    wall, cpu = rate(nlp)
    tokenizer_wall, _ = rate(blank)
    return {
        "model": model,
        "threads": threads,
        "articles": len(texts),
        "words": words,
        "words_per_second": round(wall),
        # Less sensitive to other processes on a shared machine than the wall clock.
        "words_per_cpu_second": round(cpu),
        "tokenizer_words_per_second": round(tokenizer_wall),
        "ratio_to_tokenizer": round(wall / tokenizer_wall, 4),
        "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "size_on_disk_mb": round(folder_size(path) / 1e6, 1) if path else 0.0,
    }


def dev_texts(corpus: str, limit: int, work: Path) -> Path:
    import spacy
    from spacy.tokens import DocBin

    from quotes.training.corpus import convert

    convert(corpus, work)
    docs = DocBin().from_disk(work / "dev.spacy").get_docs(spacy.blank("id").vocab)
    texts = [doc.text for doc in docs][:limit]
    target = work / "texts.json"
    target.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", help="the PFSA-ID folder (its fixed dev split is used)")
    parser.add_argument("--model", action="append", required=True, help="a shipped model's name or a path (repeatable)")
    parser.add_argument("--threads", action="append", type=int, help="CPU threads (repeatable; default 1 and 2)")
    parser.add_argument("--articles", type=int, default=88, help="how many dev articles to run (default: all 88)")
    parser.add_argument("--repeats", type=int, default=2, help="timed passes; the best is kept")
    parser.add_argument("--child", nargs=3, metavar=("MODEL", "THREADS", "TEXTS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        model, threads, texts = args.child
        print(json.dumps(measure(model, int(threads), texts, args.repeats)))
        return
    with tempfile.TemporaryDirectory(prefix="quotes-bench-") as work:
        texts = dev_texts(args.corpus, args.articles, Path(work))
        for model in args.model:
            for threads in args.threads or [1, 2]:
                env = dict(os.environ, OMP_NUM_THREADS=str(threads), MKL_NUM_THREADS=str(threads))
                child = [sys.executable, __file__, args.corpus, "--model", model, "--repeats", str(args.repeats)]
                result = subprocess.run(
                    child + ["--child", model, str(threads), str(texts)], env=env, check=True,
                    capture_output=True, text=True,
                )
                print(result.stdout.strip().splitlines()[-1], flush=True)


if __name__ == "__main__":
    main()
