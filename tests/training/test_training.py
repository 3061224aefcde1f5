"""The training path end to end on a hand-written snippet, and the evaluators on hand-made examples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from quotes.training.evaluating import gold_scores, pfsa_scores
from quotes.training.trainer import prf, span_scores, train

pytestmark = pytest.mark.slow

TINY = Path(__file__).resolve().parents[1] / "data" / "pfsa_tiny.txt"


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory) -> Language:
    output = tmp_path_factory.mktemp("model") / "tiny"
    train(TINY, output, max_steps=4, eval_frequency=2, log=lambda message: None)
    return spacy.load(output)


@pytest.fixture(scope="module")
def blank_nlp() -> Language:
    return spacy.blank("id")


def test_training_saves_a_pipeline_with_the_rules_and_its_licence(tiny_model):
    nlp = tiny_model
    assert nlp.pipe_names == ["tok2vec", "ner", "quote_finder", "quote_attributor"]
    assert nlp.meta["license"] == "CC BY-NC-SA 4.0"
    assert set(nlp.meta["quotes"]["dev_scores"]) >= {"STATEMENT", "PERSON", "micro"}
    assert nlp.meta["quotes"]["words_per_second"] > 0


def test_the_saved_pipeline_keeps_no_scratch_corpus_paths(tiny_model):
    assert tiny_model.config["paths"]["train"] is None
    assert tiny_model.config["paths"]["dev"] is None


def test_pfsa_scores_of_the_trained_pipeline_are_well_formed(tiny_model):
    scores = pfsa_scores(TINY, tiny_model)
    assert scores["micro"]["gold"] == 14  # every labelled span of the snippet
    assert 0.0 <= scores["micro"]["f"] <= 1.0


def test_pfsa_scores_of_the_model_alone_leave_the_rules_out(tiny_model):
    scores = pfsa_scores(TINY, tiny_model, entities="model")
    assert scores["micro"]["gold"] == 14
    assert tiny_model.pipe_names[-2:] == ["quote_finder", "quote_attributor"]  # restored afterwards
    with pytest.raises(ValueError):
        pfsa_scores(TINY, tiny_model, entities="rules")


class FixedEntities:
    """A stand-in pipeline whose entities are given per text."""

    def __init__(self, tokenizer: Language, entities: dict[str, list[tuple[int, int, str]]]) -> None:
        self.entities = entities
        self.tokenizer = tokenizer

    def pipe(self, texts):
        for text in texts:
            doc = self.tokenizer(text)
            doc.ents = [doc.char_span(start, end, label=label) for start, end, label in self.entities[text]]
            yield doc


def test_span_scores_count_exact_spans_only(blank_nlp):
    text = "Budi Santoso berkata"
    gold = [{(0, 12, "PERSON"), (13, 20, "CUE")}]
    predicted = FixedEntities(blank_nlp, {text: [(0, 4, "PERSON"), (13, 20, "CUE")]})
    scores = span_scores(predicted, [text], gold)
    assert scores["CUE"]["f"] == 1.0
    assert scores["PERSON"]["f"] == 0.0
    assert scores["micro"] == prf(1, 2, 2) == {"p": 0.5, "r": 0.5, "f": 0.5, "gold": 2, "predicted": 2}


def test_gold_scores_run_the_pipeline_over_the_articles(tmp_path, blank_nlp):
    (tmp_path / "a.txt").write_text("”Kita harus disiplin,” kata Budi Santoso.\n", encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    row = {"file": "a.txt", "quote": "Kita harus disiplin", "type": "direct", "speaker": "Budi Santoso",
           "speaker_mention": "Budi Santoso", "cue": "kata", "cited_from": None}
    gold.write_text(json.dumps(row) + "\n", encoding="utf-8")
    scores = gold_scores(gold, [str(tmp_path / "a.txt")], blank_nlp)
    assert (scores.gold, scores.predicted, scores.matched) == (1, 0, 0)
