"""Speed of the pipeline beside spaCy's blank Indonesian tokenizer, measured in the same run.

Each configuration runs in a fresh process (so that its peak RSS is its own)
over the same fixed set: the seeds and the PFSA-ID dev articles, repeated to
``--words`` words. Figures are printed as words/s and documents/s, and as a
ratio to the tokenizer-only speed, because shared machines are noisy. With
``--repeat N`` the configurations run N times in turn, and the table gives each
one's median run, with every run's ratio to one process listed below it.

    nice python benchmarks/speed.py --corpus ../shared/corpora/pfsa-id --words 1000000
    nice python benchmarks/speed.py --corpus ../shared/corpora/pfsa-id --model default --repeat 3
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from articles import benchmark_set  # noqa: E402

from quotes.io.reading import Document  # noqa: E402


def measure(config: str, set_path: str) -> dict:
    """Run one configuration ("tokenizer", or "MODEL:N" for a pipeline on N processes) in this process."""
    documents = [Document(**json.loads(line)) for line in Path(set_path).read_text(encoding="utf-8").splitlines()]
    word_count = sum(len(document.text.split()) for document in documents)
    if config == "tokenizer":
        import spacy

        nlp = spacy.blank("id")
        started = time.perf_counter()
        for _ in nlp.pipe(document.text for document in documents):
            pass
    else:
        from quotes.pipeline import load
        from quotes.running import run

        model, processes = config.rsplit(":", 1)
        nlp = load(model)
        started = time.perf_counter()
        # Rows only, as `quotes extract` runs it (memory zones, no Docs kept).
        for outcome in run(nlp, documents, int(processes), keep_docs=False):
            assert hasattr(outcome, "rows"), outcome
    seconds = time.perf_counter() - started
    # ru_maxrss is in KiB on Linux; a worker's peak is reported separately (children).
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "config": config,
        "documents": len(documents),
        "words": word_count,
        "seconds": round(seconds, 2),
        "words_per_s": round(word_count / seconds),
        "docs_per_s": round(len(documents) / seconds, 1),
        "peak_rss_mb": round(own),
        "peak_worker_rss_mb": round(children),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", help="PFSA-ID folder (its dev articles join the seeds)")
    parser.add_argument("--words", type=int, default=1_000_000, help="words in the measured set")
    parser.add_argument("--model", action="append", help="pipelines to measure (default: 'default', plus 'transformer' where installed)")
    parser.add_argument("--n-process", type=int, action="append", help="process counts (default: 1 and 2)")
    parser.add_argument("--repeat", type=int, default=1, help="rounds over all configurations (median reported)")
    parser.add_argument("--single", help=argparse.SUPPRESS)
    parser.add_argument("--set", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.single:
        print(json.dumps(measure(args.single, args.set)))
        return
    # Built once and written out, so that reading the corpus counts in no configuration's memory.
    work = tempfile.TemporaryDirectory()
    set_path = Path(work.name) / "set.jsonl"
    with set_path.open("w", encoding="utf-8") as stream:
        for document in benchmark_set(args.corpus, args.words):
            stream.write(json.dumps({"doc_id": document.doc_id, "text": document.text}, ensure_ascii=False) + "\n")

    models = args.model or ["default"] + (["transformer"] if _transformer_installed() else [])
    configs = ["tokenizer"] + [f"{model}:{n}" for model in models for n in (args.n_process or [1, 2])]
    runs: dict[str, list[dict]] = {config: [] for config in configs}
    for _ in range(args.repeat):
        for config in configs:
            command = [sys.executable, __file__, "--single", config, "--set", str(set_path)]
            completed = subprocess.run(command, capture_output=True, text=True)
            if completed.returncode != 0:
                print(f"{config}: failed: {completed.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
                continue
            runs[config].append(json.loads(completed.stdout.strip().splitlines()[-1]))
    # The lower median: a real run, not an average of two.
    results = [sorted(done, key=_speed)[(len(done) - 1) // 2] for done in runs.values() if done]
    baseline = next(r for r in results if r["config"] == "tokenizer")["words_per_s"]
    one = {r["config"].rsplit(":", 1)[0]: r["words_per_s"] for r in results if r["config"].endswith(":1")}
    print(f"{'configuration':<16}{'docs':>7}{'words':>10}{'s':>8}{'words/s':>10}{'docs/s':>8}{'÷ tokenizer':>13}{'× 1 process':>13}  peak RSS MB")
    for r in results:
        model = r["config"].rsplit(":", 1)[0]
        scaling = f"{r['words_per_s'] / one[model]:.2f}" if model in one and r["config"] != "tokenizer" else ""
        rss = f"{r['peak_rss_mb']}" + (f" (+{r['peak_worker_rss_mb']}/worker)" if r["peak_worker_rss_mb"] else "")
        print(
            f"{r['config']:<16}{r['documents']:>7}{r['words']:>10}{r['seconds']:>8}{r['words_per_s']:>10}"
            f"{r['docs_per_s']:>8}{r['words_per_s'] / baseline:>13.3f}{scaling:>13}  {rss}"
        )
    if args.repeat > 1:
        for config, done in runs.items():
            model = config.rsplit(":", 1)[0]
            if config == "tokenizer" or config.endswith(":1") or len(done) != len(runs.get(f"{model}:1", [])):
                continue
            ratios = ", ".join(f"{run['words_per_s'] / single['words_per_s']:.2f}" for run, single in zip(done, runs[f"{model}:1"]))
            print(f"{config}: × 1 process in each round: {ratios}")


def _speed(result: dict) -> int:
    return result["words_per_s"]


def _transformer_installed() -> bool:
    import importlib.util

    return importlib.util.find_spec("spacy_transformers") is not None


if __name__ == "__main__":
    main()
