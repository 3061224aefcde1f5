"""Agreement of two blind annotators on the real multi-outlet benchmark.

The second annotator re-annotated 15 of the articles (8 held-out, 7 dev) without
seeing the first annotation (benchmarks/real/agreement/). Agreement is measured
with the same measures as the tool (quotes.scoring): the first annotation is
taken as gold and the second scored against it; quote F1 is symmetric, and
speaker agreement is counted on the quotes both annotated.

    python benchmarks/agreement.py
"""

from __future__ import annotations

from pathlib import Path

from quotes.scoring import read_jsonl, score

REAL = Path(__file__).resolve().parent / "real"


def main() -> None:
    second = read_jsonl(REAL / "agreement" / "gold.second.jsonl")
    files = {row["file"] for row in second}
    first = [row for split in ("dev", "heldout") for row in read_jsonl(REAL / split / "gold.jsonl") if row["file"] in files]
    borderline = [row for split in ("dev", "heldout") for row in read_jsonl(REAL / split / "borderline.jsonl") if row["file"] in files]
    predicted = [{**row, "doc_id": row["file"], "quote_type": row["type"]} for row in second]
    scores = score(first, predicted, borderline)
    print(f"articles: {len(files)}; quotes: first {len(first)}, second {len(second)}")
    print(f"quote agreement (F1, Jaccard >= 0.5): {scores.f1:.3f} (P {scores.precision:.3f}, R {scores.recall:.3f})")
    print(f"speaker agreement on quotes both annotated: {scores.attribution_accuracy:.3f}")
    print(f"who-said-what agreement (F1): {scores.who_said_what_f1:.3f}")
    identical = {tuple(sorted(row.items())) for row in first} & {tuple(sorted(row.items())) for row in second}
    print(f"quotes identical in every field: {len(identical)} of {len(first)}")


if __name__ == "__main__":
    main()
