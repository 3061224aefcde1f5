"""Quote-table accuracy of the rules, the model and the hybrid, as in the README.

Scores the seeds against their gold table (tests/data), the twelve articles in
the style of other outlets (benchmarks/outlets, all quote types, the development
set), the twelve written blind (benchmarks/heldout, never tuned on), and, given a
folder written by `quotes convert`, the PFSA-ID dev articles' direct quotes
against the gold derived from the corpus. With --real and --real-heldout, the
real news pages of benchmarks/real (54 dev pages, 32 held-out pages from other
outlets, annotated blind).

    python benchmarks/accuracy.py                      # seeds and the invented outlet sets
    python benchmarks/accuracy.py --real --sources hybrid
    quotes convert PATH/TO/pfsa-id -o /tmp/pfsa
    python benchmarks/accuracy.py --pfsa /tmp/pfsa     # and the Kompas dev articles
"""

from __future__ import annotations

import argparse
from pathlib import Path

from quotes.pipeline import load
from quotes.training.evaluating import gold_scores

ROOT = Path(__file__).resolve().parent.parent
OUTLETS = ROOT / "benchmarks" / "outlets"
HELDOUT = ROOT / "benchmarks" / "heldout"
REAL = ROOT / "benchmarks" / "real"
SOURCES = ("rules", "model", "hybrid")


def row(name: str, source: str, scores) -> str:
    explicit = scores.by_mention.get("explicit", {})
    explicit_accuracy = explicit.get("speaker_right", 0) / explicit["matched"] if explicit.get("matched") else 0.0
    return (
        f"| {name} | {source} | {scores.precision:.3f} | {scores.recall:.3f} | {scores.f1:.3f} | "
        f"{scores.attribution_accuracy:.3f} | {explicit_accuracy:.3f} | {scores.exact_name_accuracy:.3f} | "
        f"{scores.who_said_what_f1:.3f} | {indirect_recall(scores):.3f} |"
    )


def indirect_recall(scores) -> float:
    indirect = scores.by_type.get("indirect", {})
    return indirect.get("matched", 0) / indirect["gold"] if indirect.get("gold") else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="default", help="shipped model name or path (default: the shipped CNN)")
    parser.add_argument("--pfsa", help="folder written by `quotes convert` (with gold/)")
    parser.add_argument("--real", action="store_true", help="also the real pages' dev set (benchmarks/real/dev)")
    parser.add_argument(
        "--real-heldout",
        action="store_true",
        help="also the real pages' held-out set: scored to report, never to tune (count each run in benchmarks/README.md)",
    )
    parser.add_argument("--sources", default=",".join(SOURCES), help="which of rules, model, hybrid to score")
    args = parser.parse_args()
    print("| test set | source | P | R | F1 | attribution | attribution, explicit cue | exact name | who-said-what F1 | indirect R |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for source in args.sources.split(","):
        nlp = load("rules") if source == "rules" else load(args.model, source=source)
        seeds = gold_scores(ROOT / "tests/data/seeds.jsonl", [str(ROOT / "seeds")], nlp, ROOT / "tests/data/seeds_borderline.jsonl")
        print(row("seeds (all types)", source, seeds), flush=True)
        outlets = gold_scores(OUTLETS / "gold.jsonl", [str(OUTLETS / "articles")], nlp, OUTLETS / "borderline.jsonl")
        print(row("12 outlets (all types)", source, outlets), flush=True)
        heldout = gold_scores(HELDOUT / "gold.jsonl", [str(HELDOUT / "articles")], nlp, HELDOUT / "borderline.jsonl")
        print(row("12 held-out outlets (all types)", source, heldout), flush=True)
        for wanted, split in ((args.real, "dev"), (args.real_heldout, "heldout")):
            if wanted:
                real = gold_scores(REAL / split / "gold.jsonl", [str(REAL / split / "articles")], nlp, REAL / split / "borderline.jsonl")
                print(row(f"real pages, {split}", source, real), flush=True)
        if args.pfsa:
            gold = Path(args.pfsa) / "gold"
            articles = sorted(str(path) for path in (gold / "articles").glob("*.txt"))
            kompas = gold_scores(gold / "gold.jsonl", articles, nlp, gold / "borderline.jsonl", ["direct"])
            print(row("PFSA-ID dev, direct", source, kompas), flush=True)


if __name__ == "__main__":
    main()
