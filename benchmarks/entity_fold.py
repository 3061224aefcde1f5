"""The pipeline's entities against the model's own, on training articles no rule was written from.

The rules that make the model's entities agree with the attribution
(`speaker_entities` in quotes/components/attributor/entities.py) were measured on the PFSA-ID dev
articles, whose errors earlier releases read to write attribution patterns. To
see whether the gain holds on articles nobody read, this script takes the last
100 of the 498 training articles in a seeded shuffle (seed 13; the first 200
of that order are the "200 held-out train articles" of the README, which
were read), trains the CNN config on the other 398 (checkpoints chosen on the
dev articles, as `quotes train` does), and scores that model on the 100
articles twice: its own entities, and the pipeline's.

    python benchmarks/entity_fold.py ../shared/corpora/pfsa-id --work /tmp/fold

Training takes 15 to 25 minutes on one CPU thread (set OMP_NUM_THREADS=1).
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import spacy

from quotes.training.corpus import (
    corpus_files,
    dev_fingerprints,
    read_articles,
    split_articles,
    write_docbin,
    write_pfsa,
)
from quotes.training.evaluating import pfsa_scores
from quotes.training.trainer import LABELS, config_path, finish

SHUFFLE_SEED = 13
FOLD_SIZE = 100


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", help="the PFSA-ID folder")
    parser.add_argument("--work", required=True, help="folder for the DocBins, the checkpoints and the fold model")
    parser.add_argument("--max-steps", type=int, default=1500)
    args = parser.parse_args()

    from spacy.cli.train import train as spacy_train

    work = Path(args.work)
    train, dev = split_articles(read_articles(corpus_files(args.corpus)), dev_fingerprints())
    random.Random(SHUFFLE_SEED).shuffle(train)
    fold_train, fold = train[:-FOLD_SIZE], train[-FOLD_SIZE:]
    tokenizer = spacy.blank("id")
    write_docbin(tokenizer, fold_train, work / "train.spacy", vary_marks=True)
    write_docbin(tokenizer, dev, work / "dev.spacy")
    write_pfsa(fold, work / "fold.pfsa.txt")
    print(f"training on {len(fold_train)} articles, scoring on {len(fold)}", flush=True)
    overrides = {
        "paths.train": str(work / "train.spacy"),
        "paths.dev": str(work / "dev.spacy"),
        "training.max_steps": args.max_steps,
        "training.eval_frequency": 250,
    }
    spacy_train(config_path("cnn"), work / "training", overrides=overrides)
    finish(spacy.load(work / "training" / "model-best"), work / "dev.spacy", work / "model", "fold", "", print)

    nlp = spacy.load(work / "model")
    scores = {entities: pfsa_scores(work / "fold.pfsa.txt", nlp, entities) for entities in ("model", "pipeline")}
    print("| label | model | pipeline | gold spans |")
    print("|---|---:|---:|---:|")
    for label in (*LABELS, "micro"):
        print(f"| {label} | {scores['model'][label]['f']:.3f} | {scores['pipeline'][label]['f']:.3f} | {scores['model'][label]['gold']} |")


if __name__ == "__main__":
    main()
