"""Training the speaker model: PERSON / ORG / LOC from five Indonesian NER corpora (issue 21).

``train_speakers()`` converts the corpora (:mod:`quotes.training.ner_corpora`),
trains the ``speakers`` config on one thread (so that other work on a shared
machine goes on), scores each corpus on its own test split, measures the
model's speed on one core, and writes the model with a ``meta.json`` naming
every corpus and its license, a ``README.md`` with the scores and the command
that made it, and the corpora's license texts and contributor lists in
``licenses/``. The attribution does not use the model yet.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

import spacy
from spacy.language import Language
from spacy.strings import StringStore
from spacy.tokens import DocBin
from spacy.training import Example
from threadpoolctl import threadpool_limits

from quotes import __version__
from quotes.training.ner_corpora import CORPORA, LABELS, Conversion, NerCorpus, convert, evaluation_split
from quotes.training.trainer import config_path, measure_speed, prf

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
# The seeds repeated to this many words: enough for a stable figure in a few seconds.
SPEED_WORDS = 200_000
# PFSA-ID's terms bind the model: share-alike and non-commercial, whatever the other corpora allow.
LICENSE = "CC BY-NC-SA 4.0"
LICENSE_FOLDER = "licenses"


@dataclass
class SpeakerTraining:
    """What a training run saved, with its per-corpus test scores and speed on one thread."""

    output: Path
    scores: dict[str, dict]
    words_per_second: float
    tokenizer_words_per_second: float


def train_speakers(
    corpora_dir: str | Path,
    output: str | Path,
    config: str = "speakers",
    max_steps: int | None = None,
    eval_frequency: int | None = None,
    work_dir: str | Path | None = None,
    retrain_command: str = "",
    speed_words: int = SPEED_WORDS,
    log: Callable[[str], None] = print,
) -> SpeakerTraining:
    """Convert the corpora in ``corpora_dir``, train ``config`` on them and save the scored model to ``output``.

    ``speed_words`` sizes the speed measurement (the seeds repeated to that many words).
    """
    from spacy.cli.train import train as spacy_train

    with tempfile.TemporaryDirectory(prefix="quotes-speakers-") as scratch, threadpool_limits(limits=1):
        work = Path(work_dir) if work_dir else Path(scratch)
        log(f"converting the corpora in {corpora_dir} into {work / 'corpus'}")
        conversion = convert(corpora_dir, work / "corpus", spacy.blank("id"))
        for name, kept in conversion.kept.items():
            log(
                f"{name}: passages kept {kept}, dropped as in a test split {conversion.dropped_as_test.get(name)}, "
                f"as in an earlier corpus {conversion.dropped_as_duplicate.get(name)}"
            )
        overrides: dict = {"paths.train": str(work / "corpus" / "train.spacy"), "paths.dev": str(work / "corpus" / "dev.spacy")}
        if max_steps is not None:
            overrides["training.max_steps"] = max_steps
        if eval_frequency is not None:
            overrides["training.eval_frequency"] = eval_frequency
        spacy_train(config_path(config), work / "training", overrides=overrides)
        nlp = spacy.load(work / "training" / "model-best")
        return finish(nlp, conversion, Path(corpora_dir), Path(output), retrain_command, speed_words, log)


def finish(
    nlp: Language,
    conversion: Conversion,
    corpora_dir: Path,
    output: Path,
    retrain_command: str,
    speed_words: int = SPEED_WORDS,
    log: Callable[[str], None] = print,
) -> SpeakerTraining:
    """Score each corpus, time the model, and save it with its meta, card and license texts."""
    scores = {corpus.name: corpus_scores(nlp, conversion.test_path(corpus.name), corpus.labels) for corpus in CORPORA}
    for name, table in scores.items():
        log(f"{name}: micro-F1 {table['micro']['f']:.4f}")
    texts = speed_texts(speed_words)
    tokenizer_words_per_second = measure_speed(nlp.tokenizer, texts)
    words_per_second = measure_speed(nlp, texts)
    log(f"{words_per_second:,.0f} words/s on one thread ({tokenizer_words_per_second:,.0f} for the tokenizer alone)")
    nlp.meta.update(
        {
            "name": "speakers",
            "version": __version__,
            "description": "quotes: PERSON / ORG / LOC entities for telling people from organisations and places "
            "among speaker candidates (tok2vec + ner).",
            "license": LICENSE,
            "sources": [source(corpus) for corpus in CORPORA],
            "quotes": {
                "test_scores": scores,
                "evaluated_on": {corpus.name: corpus.files[evaluation_split(corpus)] for corpus in CORPORA},
                "passages": conversion.kept,
                "dropped_as_in_a_test_split": conversion.dropped_as_test,
                "dropped_as_in_an_earlier_corpus": conversion.dropped_as_duplicate,
                "words_per_second": round(words_per_second),
                "tokenizer_words_per_second": round(tokenizer_words_per_second),
                "speed_words": sum(len(text.split()) for text in texts),
                "retrain": retrain_command,
            },
        }
    )
    # The converted corpora lived in a scratch folder: their paths would mean nothing where the model is used.
    config = nlp.config
    config["paths"].update({"train": None, "dev": None})
    nlp.config = config
    nlp.to_disk(output)
    # The hash embeddings need no strings (a pipeline adds those of the text it reads): the 80,000 that the
    # corpora left in the vocab would add a megabyte to the model and change nothing it predicts.
    StringStore().to_disk(output / "vocab" / "strings.json")
    copy_notices(corpora_dir, output / LICENSE_FOLDER)
    (output / "README.md").write_text(model_card(nlp.meta, folder_size(output)), encoding="utf-8")
    return SpeakerTraining(output, scores, words_per_second, tokenizer_words_per_second)


def source(corpus: NerCorpus) -> dict:
    """A corpus as spaCy's meta.json lists a source."""
    return {"name": corpus.name, "url": corpus.url, "license": corpus.license, "author": corpus.citation}


def corpus_scores(nlp: Language, path: Path, labels: Sequence[str]) -> dict:
    """Exact-span P/R/F1 per label and micro-averaged over ``labels``.

    As spaCy scores: a prediction over a token whose annotation is missing
    (PFSA-ID's unlabelled capitals, NERP's organisation words) counts neither
    way, and the labels a corpus does not annotate (LOC in PFSA-ID) are left out.
    """
    docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    predicted = nlp.pipe(doc.text for doc in docs)
    counts = entity_counts((Example(guess, gold) for guess, gold in zip(predicted, docs)), labels)
    table = {label: prf(*counts[label]) for label in labels}
    table["micro"] = prf(*(sum(column) for column in zip(*counts.values())))
    return table


def entity_counts(examples: Iterable[Example], labels: Sequence[str]) -> dict[str, list[int]]:
    """True positives, predictions and gold spans per label (spaCy's ``get_ner_prf``, with counts)."""
    counts = {label: [0, 0, 0] for label in labels}
    for example in examples:
        gold = {(entity.start, entity.end, entity.label_) for entity in example.y.ents if entity.label_ in counts}
        for start, end, label in gold:
            counts[label][2] += 1
        for entity in example.x.ents:
            if entity.label_ not in counts:
                continue
            indices = example.alignment.x2y[entity.start : entity.end]
            if len(indices) == 0 or any(example.y[int(i)].ent_iob == 0 for i in indices):
                continue
            counts[entity.label_][1] += 1
            counts[entity.label_][0] += (int(indices[0]), int(indices[-1]) + 1, entity.label_) in gold
    return counts


def speed_texts(words: int = SPEED_WORDS) -> list[str]:
    """The seed articles, repeated until they hold ``words`` words."""
    seeds = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    texts: list[str] = []
    total = 0
    while total < words:
        for text in seeds:
            texts.append(text)
            total += len(text.split())
    return texts


def copy_notices(corpora_dir: Path, folder: Path) -> None:
    """Copy each corpus's license text and contributor list next to the model, as the licenses ask."""
    folder.mkdir(parents=True, exist_ok=True)
    for corpus in CORPORA:
        for notice in corpus.notices:
            shutil.copyfile(corpora_dir / corpus.name / notice, folder / f"{corpus.name}-{notice}")


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def model_card(meta: dict, size: int) -> str:
    """The model folder's README: what it is, its data and licenses, its scores, and how to retrain it."""
    quotes_meta = meta["quotes"]
    lines = [
        "# `speakers`: PERSON / ORG / LOC for Indonesian news",
        "",
        "A small spaCy pipeline (`tok2vec` + `ner`, the `speakers` config in `quotes/training/configs/`) that labels",
        "people, organisations and places. It is meant to let the quote attribution tell a person from an",
        "organisation among speaker candidates, and let a pronoun skip places; it is not wired into the",
        "attribution yet. Load it with `spacy.load(\"models/speakers\")`; it needs nothing else.",
        "",
        f"- Size on disk: {size / 1e6:.1f} MB.",
        (
            f"- Speed: {quotes_meta['words_per_second']:,} words/s on one thread over the seeds repeated to "
            f"{quotes_meta['speed_words']:,} words ({quotes_meta['tokenizer_words_per_second']:,} for spaCy's "
            "Indonesian tokenizer alone in the same run)."
        ),
        (
            f"- License: **{meta['license']}**, because PFSA-ID is one of its training corpora (non-commercial, "
            "share-alike); the code of `quotes` stays MIT."
        ),
        "",
        "## Scores",
        "",
        "Exact-span precision, recall and F1 on each corpus's own test split, which no training or dev sentence",
        "of any corpus shares. PFSA-ID's test split is withheld: its fixed dev articles stand in (they also chose",
        "the best checkpoint). PFSA-ID labels only quoted public figures' names (PERSON) and affiliations (ORG):",
        "a prediction over any other capitalised word counts neither way, and it has no LOC. NERP's ORG labels only",
        "companies, brands, media and clubs: a prediction over a word the other corpora mostly label ORG counts",
        "neither way there.",
        "",
        "| corpus (split) | PERSON P / R / F1 | ORG P / R / F1 | LOC P / R / F1 | micro P / R / F1 |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, table in quotes_meta["test_scores"].items():
        cells = [
            f"{table[label]['p']:.3f} / {table[label]['r']:.3f} / **{table[label]['f']:.3f}**" if label in table else "n/a"
            for label in (*LABELS, "micro")
        ]
        lines.append(f"| {name} ({quotes_meta['evaluated_on'][name]}) | " + " | ".join(cells) + " |")
    lines += [
        "",
        "## Training data",
        "",
        "Read from their folders (never copied into the project) by `quotes/training/ner_corpora.py`, which",
        "documents the label mapping, PFSA-ID's partial annotation and the deduplication. The license texts and",
        f"the NERGRIT contributors are in `{LICENSE_FOLDER}/`.",
        "",
        "| corpus | license | passages used (train / dev / test) | dropped: in a test split / in an earlier corpus |",
        "| --- | --- | --- | --- |",
    ]
    for entry in meta["sources"]:
        name = entry["name"]
        kept = quotes_meta["passages"][name]
        used = " / ".join(str(kept.get(split, "-")) for split in ("train", "dev", "test"))
        as_test = sum(quotes_meta["dropped_as_in_a_test_split"].get(name, {}).values())
        as_duplicate = sum(quotes_meta["dropped_as_in_an_earlier_corpus"].get(name, {}).values())
        lines.append(f"| [{name}]({entry['url'].split()[0]}) | {entry['license']} | {used} | {as_test} / {as_duplicate} |")
    lines += ["", "Cite:", ""]
    lines += [f"- {entry['name']}: {entry['author']}" for entry in meta["sources"]]
    lines += [
        "",
        "Passages are sentences, except in PFSA-ID: the paragraphs of its training articles that hold a PERSON or",
        "AFFILIATION, and its whole dev articles. Labels: NERGRIT PERSON / ORGANISATION / PLACE,",
        "NERP PPL / IND / PLC (its events and foods left out), idner-news-2k PER / ORG / LOC, yusufsyaifudin",
        "PERSON / ORGANIZATION / LOCATION (TIME and QUANTITY left out), PFSA-ID PERSON / AFFILIATION.",
        "",
        "## Retrain",
        "",
        "The command that made this model, run from the repository root, on one thread. Its argument is a folder",
        "holding the five corpora, each in a folder named as in the table above (the corpora are not shipped).",
        "",
        "```",
        quotes_meta["retrain"] or "quotes train-speakers PATH/TO/corpora -o models/speakers",
        "```",
        "",
    ]
    return "\n".join(lines)
