"""Evaluating a pipeline: PFSA-ID span scores and quote tables against gold.

- :func:`pfsa_scores`: exact-span precision, recall and F1 per PFSA-ID label
  and micro-averaged, over a file in the corpus format (the measure behind the
  published 82.03%).
- :func:`gold_scores`: runs the whole pipeline over input files and scores
  its table with :func:`quotes.scoring.score` (quote P/R/F1, attribution
  accuracy, who-said-what F1).
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Sequence

from spacy.language import Language

from quotes.pipeline import iter_rows
from quotes.training.corpus import iter_rebuilt, make_doc
from quotes.scoring import Scores, read_jsonl, score
from quotes.training.trainer import RULE_COMPONENTS, entity_set, span_scores

ENTITY_SOURCES = ("pipeline", "model")


def pfsa_scores(path: str | Path, nlp: Language, entities: str = "pipeline") -> dict:
    """Per-label and micro exact-span scores of ``nlp``'s entities on a PFSA-format file.

    ``entities`` is "pipeline" (the entities once the attribution has made
    them agree with the quotes) or "model" (the statistical model's own, with
    the rule components left out). Gold spans are snapped to ``nlp``'s own
    tokens, as in training.
    """
    if entities not in ENTITY_SOURCES:
        raise ValueError(f"entities must be one of {ENTITY_SOURCES}, not {entities!r}")
    texts = []
    gold = []
    for rebuilt in iter_rebuilt(path):
        texts.append(rebuilt.text)
        gold.append(entity_set(make_doc(nlp, rebuilt)))
    if entities == "model":
        with nlp.select_pipes(disable=[name for name in RULE_COMPONENTS if name in nlp.pipe_names]):
            return span_scores(nlp, texts, gold)
    return span_scores(nlp, texts, gold)


def gold_scores(
    gold_path: str | Path,
    inputs: Sequence[str],
    nlp: Language,
    borderline_path: str | Path | None = None,
    quote_types: Iterable[str] | None = None,
) -> Scores:
    """Score the pipeline's quote table over ``inputs`` against a gold JSONL table."""
    gold = read_jsonl(gold_path)
    borderline = read_jsonl(borderline_path) if borderline_path else []
    predicted = list(iter_rows(inputs, nlp))
    return score(gold, predicted, borderline, quote_types)
