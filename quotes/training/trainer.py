"""Training the statistical pipeline on PFSA-ID and packaging it with the rules.

``train()`` converts the corpus (:mod:`quotes.training.corpus`), runs spaCy's trainer
on one of the configs in ``quotes/training/configs``, adds the ``quote_finder`` and
``quote_attributor`` components after ``ner``, measures the speed, and writes
the finished pipeline with its licence and scores in ``meta.json``.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import DocBin

from quotes import __version__
from quotes.encoder.setup import register_encoder
from quotes.training.corpus import LABELS, convert

CONFIG_DIR = Path(__file__).resolve().parent / "configs"
RULE_COMPONENTS = ("quote_finder", "quote_attributor")
SPEED_ARTICLES = 300
LICENSE = "CC BY-NC-SA 4.0"
CITATION = (
    "Purnomo W.P., Y. S., Kumar, Y. J., Zulkarnain, N. Z. (2022). PFSA-ID: an annotated Indonesian corpus "
    "and baseline model of public figures statements attributions. Global Knowledge, Memory and "
    "Communication. doi:10.1108/GKMC-04-2022-0091"
)


def config_path(config: str) -> Path:
    """A config named in ``quotes/training/configs`` ("cnn") or a path to one."""
    named = CONFIG_DIR / f"{config}.cfg"
    if named.exists():
        return named
    path = Path(config)
    if path.exists():
        return path
    available = ", ".join(sorted(p.stem for p in CONFIG_DIR.glob("*.cfg")))
    raise FileNotFoundError(f"no config {config!r}: give a path or one of {available}")


@dataclass
class TrainingResult:
    output: Path
    scores: dict
    words_per_second: float


def train(
    corpus: str | Path,
    output: str | Path,
    config: str = "cnn",
    max_steps: int | None = None,
    eval_frequency: int | None = None,
    work_dir: str | Path | None = None,
    init_from: str | Path | None = None,
    name: str = "cnn",
    retrain_command: str = "",
    log: Callable[[str], None] = print,
) -> TrainingResult:
    """Convert ``corpus``, train ``config`` on it, and save the finished pipeline to ``output``.

    ``init_from`` continues training the statistical components of an earlier
    pipeline (e.g. one saved by a shorter run) instead of starting from random weights.
    """
    from spacy.cli.train import train as spacy_train

    with tempfile.TemporaryDirectory(prefix="quotes-train-") as scratch:
        work = Path(work_dir) if work_dir else Path(scratch)
        log(f"converting {corpus} into {work / 'corpus'}")
        report = convert(corpus, work / "corpus")
        split = "the fixed dev split" if report.fixed_split else "a seeded dev split (the fixed one does not apply)"
        log(f"{report.train_articles} training and {report.dev_articles} dev articles ({split}), {report.gold_quotes} gold quotes")
        overrides: dict = {
            "paths.train": str(work / "corpus" / "train.spacy"),
            "paths.dev": str(work / "corpus" / "dev.spacy"),
        }
        if max_steps is not None:
            overrides["training.max_steps"] = max_steps
        if eval_frequency is not None:
            overrides["training.eval_frequency"] = eval_frequency
        config_file = config_path(config)
        if init_from is not None:
            config_file = continuation_config(config_file, Path(init_from), work / "continue.cfg")
        register_encoder(config_file)
        spacy_train(config_file, work / "training", overrides=overrides)
        nlp = spacy.load(work / "training" / "model-best")
        return finish(nlp, work / "corpus" / "dev.spacy", output, name, retrain_command, log)


def continuation_config(config_file: Path, pipeline: Path, output: Path) -> Path:
    """A copy of ``config_file`` whose statistical components are sourced from ``pipeline``."""
    config = spacy.util.load_config(config_file)
    for component in config["nlp"]["pipeline"]:
        config["components"][component] = {"source": str(pipeline.resolve())}
    output.parent.mkdir(parents=True, exist_ok=True)
    config.to_disk(output)
    return output


def finish(
    nlp: Language,
    dev_path: Path,
    output: str | Path,
    name: str,
    retrain_command: str,
    log: Callable[[str], None] = print,
) -> TrainingResult:
    """Add the rule components, score on dev, time the whole pipeline, write meta and save.

    The dev scores are taken twice: on the model's own entities, and on the
    pipeline's (once the attribution has made them agree with the quotes).
    """
    for component in RULE_COMPONENTS:
        if component not in nlp.pipe_names:
            nlp.add_pipe(component)
    dev_docs = list(DocBin().from_disk(dev_path).get_docs(nlp.vocab))
    dev_texts, dev_entities = [doc.text for doc in dev_docs], [entity_set(doc) for doc in dev_docs]
    with nlp.select_pipes(disable=list(RULE_COMPONENTS)):
        model_scores = span_scores(nlp, dev_texts, dev_entities)
    scores = span_scores(nlp, dev_texts, dev_entities)
    speed_texts = [doc.text for doc in dev_docs[:SPEED_ARTICLES]]
    # Machines are noisy: the tokenizer's speed in the same run puts the pipeline's in proportion.
    tokenizer_words_per_second = measure_speed(nlp.tokenizer, speed_texts)
    words_per_second = measure_speed(nlp, speed_texts)
    log(
        f"dev micro-F1 {model_scores['micro']['f']:.4f} (model), {scores['micro']['f']:.4f} (pipeline); {words_per_second:,.0f} words/s "
        f"({words_per_second / tokenizer_words_per_second:.2f} of the tokenizer's {tokenizer_words_per_second:,.0f})"
    )
    nlp.meta.update(
        {
            "name": name,
            "version": __version__,
            "description": "quotes: who said what in Indonesian news. tok2vec + ner over the 11 PFSA-ID labels, "
            "followed by the rule-based quote_finder and quote_attributor.",
            "license": LICENSE,
            "sources": [
                {
                    "name": "PFSA-ID (sigit-purnomo/pfsa-id-dl, corpus/dev-40.txt and med-dev-dl-20-v2.txt)",
                    "url": "https://github.com/sigit-purnomo/pfsa-id-dl",
                    "license": LICENSE,
                    "author": CITATION,
                }
            ],
            "quotes": {
                "dev_split": "quotes/lang/data/pfsa_dev_split.json",
                "dev_scores": model_scores,
                "pipeline_dev_scores": scores,
                "words_per_second": round(words_per_second),
                "tokenizer_words_per_second": round(tokenizer_words_per_second),
                "speed_articles": len(speed_texts),
                "retrain": retrain_command,
            },
        }
    )
    # The converted corpus lived in a scratch folder: its paths would mean nothing where the model is used.
    config = nlp.config
    config["paths"].update({"train": None, "dev": None})
    nlp.config = config
    output = Path(output)
    nlp.to_disk(output)
    return TrainingResult(output, scores, words_per_second)


Entity = tuple[int, int, str]


def entity_set(doc) -> set[Entity]:
    return {(entity.start_char, entity.end_char, entity.label_) for entity in doc.ents}


def span_scores(nlp: Language, texts: list[str], gold: list[set[Entity]]) -> dict:
    """Exact-span precision, recall and F1 per label and micro-averaged (the PFSA-ID measure)."""
    counts = {label: [0, 0, 0] for label in LABELS}  # true positives, predicted, gold
    for doc, expected in zip(nlp.pipe(texts), gold):
        predicted = entity_set(doc)
        for label in LABELS:
            predicted_label = {e for e in predicted if e[2] == label}
            expected_label = {e for e in expected if e[2] == label}
            counts[label][0] += len(predicted_label & expected_label)
            counts[label][1] += len(predicted_label)
            counts[label][2] += len(expected_label)
    table = {label: prf(*counts[label]) for label in LABELS}
    table["micro"] = prf(*(sum(column) for column in zip(*counts.values())))
    return table


def prf(true_positives: int, predicted: int, gold: int) -> dict:
    precision = true_positives / predicted if predicted else 0.0
    recall = true_positives / gold if gold else 0.0
    f = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"p": round(precision, 4), "r": round(recall, 4), "f": round(f, 4), "gold": gold, "predicted": predicted}


def measure_speed(nlp: Language | Tokenizer, texts: list[str]) -> float:
    """Words per second of a pipeline (or a tokenizer) over ``texts``, in one process; words split at whitespace."""
    words = sum(len(text.split()) for text in texts)
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return words / max(time.perf_counter() - started, 1e-9)

