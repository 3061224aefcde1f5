"""Calibrate `confidence`: how often quotes attributed a given way are right.

For each quote type and the evidence its speaker came from (named, role,
clitic, pronoun, continuation, …), the confidence is the smoothed share of such
predictions whose quote matched a gold quote with the right speaker.

Direct quotes are calibrated on half of the PFSA-ID dev articles (even
positions in file-name order) and the precision/recall trade-off is reported
on the other half, so the reported curve is out of sample. Indirect and mixed
quotes have no gold in PFSA-ID; their buckets come from the seeds' gold, which
is small (51 quotes): treat those figures as rough.

    quotes convert ../shared/corpora/pfsa-id -o /tmp/pfsa
    python benchmarks/calibrate.py --pfsa /tmp/pfsa            # report only
    python benchmarks/calibrate.py --pfsa /tmp/pfsa --write    # also rewrite quotes/lang/data/confidence.json
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from quotes.cleaning import clean
from quotes.io.reading import read_inputs
from quotes.pipeline import load
from quotes.scoring import read_jsonl, score

ROOT = Path(__file__).resolve().parent.parent
CONFIDENCE_FILE = ROOT / "quotes" / "data" / "confidence.json"
MIN_BUCKET = 8
THRESHOLDS = (0.0, 0.5, 0.8, 0.9, 0.95, 0.96, 0.98)
# Predictions that match a borderline span, or a gold quote whose speaker the labels leave open.
UNJUDGED = ("borderline", "gold_without_speaker")


def predictions(nlp, paths: list[str]) -> list[dict]:
    """Rows with the evidence behind each attribution."""
    documents = [item for item in read_inputs(paths) if not isinstance(item, Exception) and hasattr(item, "text")]
    rows = []
    texts = ((clean(document.text).text, document.doc_id) for document in documents)
    for doc, doc_id in nlp.pipe(texts, as_tuples=True):
        for quote in doc._.quotes:
            rows.append({"doc_id": doc_id, "quote": quote.text, "speaker": quote.speaker, "quote_type": quote.quote_type, "evidence": quote.evidence})
    return rows


def outcomes(gold_path: Path, borderline_path: Path | None, rows: list[dict], types) -> list[tuple[dict, str]]:
    borderline = read_jsonl(borderline_path) if borderline_path and borderline_path.exists() else []
    return score(read_jsonl(gold_path), rows, borderline, types).outcomes


def buckets(results: list[tuple[dict, str]]) -> dict[str, float]:
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for row, outcome in results:
        if outcome in UNJUDGED:
            continue
        for key in (f"{row['quote_type']}/{row['evidence']}", f"*/{row['evidence']}", "*/*"):
            total[key] += 1
            right[key] += outcome == "right"
    return {key: round((right[key] + 1) / (total[key] + 2), 3) for key in sorted(total) if total[key] >= MIN_BUCKET or key == "*/*"}


def confidence_of(table: dict[str, float], row: dict) -> float:
    return table.get(f"{row['quote_type']}/{row['evidence']}", table.get(f"*/{row['evidence']}", table["*/*"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pfsa", required=True, help="folder written by `quotes convert` (with gold/)")
    parser.add_argument("--model", default="default")
    parser.add_argument("--write", action="store_true", help="rewrite quotes/lang/data/confidence.json")
    args = parser.parse_args()
    nlp = load(args.model)
    gold = Path(args.pfsa) / "gold"
    articles = sorted(str(path) for path in (gold / "articles").glob("*.txt"))
    calibration_half, report_half = articles[0::2], articles[1::2]
    calibration = outcomes(gold / "gold.jsonl", gold / "borderline.jsonl", predictions(nlp, calibration_half), ["direct"])
    calibration = [(row, outcome) for row, outcome in calibration if row["doc_id"] in {Path(p).name for p in calibration_half}]
    seeds = outcomes(ROOT / "tests/data/seeds.jsonl", ROOT / "tests/data/seeds_borderline.jsonl", predictions(nlp, [str(ROOT / "seeds")]), ["indirect", "mixed"])
    table = buckets(calibration + seeds)
    print(json.dumps(table, indent=1))
    report_rows = predictions(nlp, report_half)
    report = outcomes(gold / "gold.jsonl", gold / "borderline.jsonl", report_rows, ["direct"])
    gold_count = sum(
        1 for row in read_jsonl(gold / "gold.jsonl") if row["file"] in {Path(p).name for p in report_half} and row["type"] == "direct" and row.get("speaker")
    )
    print("\n| confidence ≥ | quotes kept | who-said-what precision | who-said-what recall (gold quotes with a speaker) |")
    print("|---:|---:|---:|---:|")
    for threshold in THRESHOLDS:
        kept = [(row, outcome) for row, outcome in report if outcome not in UNJUDGED and confidence_of(table, row) >= threshold]
        right = sum(outcome == "right" for _, outcome in kept)
        precision = right / len(kept) if kept else 0.0
        print(f"| {threshold:.2f} | {len(kept)} | {precision:.3f} | {right / gold_count:.3f} |")
    if args.write:
        document = json.loads(CONFIDENCE_FILE.read_text(encoding="utf-8"))
        document["confidence"] = table
        CONFIDENCE_FILE.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
