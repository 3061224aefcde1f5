"""What pruning the e5 encoder's vocabulary would save, and what it would lose (issue 4's first option).

The frozen multilingual-e5-small encoder has a 250,037-piece vocabulary; its
embedding table is most of its weights. Pruning keeps the pieces that a body of
text uses, plus every single-character piece (so any text still tokenizes
without unknown pieces), and stores the result in fp16. This script measures,
on the PFSA-ID articles:

- how many pieces the training articles use, and the size of a pruned encoder
  (12 or 6 layers, fp16) against the float32 checkpoint;
- held-out coverage: the share of the dev articles' pieces that the training
  articles' vocabulary keeps (a piece not kept would become an unknown piece).

Needs the transformer extra and ``quotes setup transformer``:

    python benchmarks/vocabulary_pruning.py --corpus ../shared/corpora/pfsa-id
"""

from __future__ import annotations

import argparse
import json

from quotes.encoder.weights import require_checkpoint
from quotes.training.corpus import (
    corpus_files,
    dev_fingerprints,
    read_articles,
    rebuild,
    split_articles,
)

FP16_BYTES = 2
FP32_BYTES = 4


def piece_ids(tokenizer, texts: list[str]) -> list[int]:
    ids: list[int] = []
    for encoding in tokenizer.encode_batch(texts, add_special_tokens=False):
        ids.extend(encoding.ids)
    return ids


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", required=True, help="PFSA-ID folder")
    args = parser.parse_args()

    from tokenizers import Tokenizer

    checkpoint = require_checkpoint()
    tokenizer = Tokenizer.from_file(str(checkpoint / "tokenizer.json"))
    config = json.loads((checkpoint / "config.json").read_text(encoding="utf-8"))
    vocabulary = tokenizer.get_vocab()
    hidden, layers, intermediate = config["hidden_size"], config["num_hidden_layers"], config["intermediate_size"]

    train, dev = split_articles(read_articles(corpus_files(args.corpus)), dev_fingerprints())
    train_ids = piece_ids(tokenizer, [rebuild(article).text for article in train])
    dev_ids = piece_ids(tokenizer, [rebuild(article).text for article in dev])

    single_characters = {index for piece, index in vocabulary.items() if len(piece.lstrip("▁")) <= 1}
    kept = set(train_ids) | single_characters
    covered = sum(1 for index in dev_ids if index in kept)

    # Per layer: attention (4 hidden×hidden matrices), feed-forward (2 hidden×intermediate), biases and norms ignored.
    layer_parameters = 4 * hidden * hidden + 2 * hidden * intermediate
    full_mb = (len(vocabulary) * hidden + layers * layer_parameters) * FP32_BYTES / 1e6
    rows = [
        ("vocabulary of the checkpoint", f"{len(vocabulary):,}"),
        ("pieces used by the training articles", f"{len(set(train_ids)):,}"),
        ("single-character pieces (always kept)", f"{len(single_characters):,}"),
        ("pieces kept", f"{len(kept):,}"),
        ("dev pieces covered by the kept set", f"{covered / len(dev_ids):.4%} of {len(dev_ids):,}"),
        ("float32 checkpoint, 12 layers (MB)", f"{full_mb:,.1f}"),
    ]
    for kept_layers in (12, 6):
        pruned_mb = (len(kept) * hidden + kept_layers * layer_parameters) * FP16_BYTES / 1e6
        rows.append((f"pruned fp16, {kept_layers} layers (MB)", f"{pruned_mb:,.1f}"))
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}")


if __name__ == "__main__":
    main()
