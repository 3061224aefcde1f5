"""The quote components as spaCy pipes: their own vocabulary, saved with the pipeline,
results that serialise, a scorer for nlp.evaluate, and the standard error handler."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, DocBin
from spacy.training import Example

from quotes.components.scorer import gold_reference
from quotes.lang.lexicon import Lexicon
from quotes.pipeline import rules_pipeline

# From seeds/000: a trailing cue, then a clitic cue.
TEXT = (
    "“Akan ada hari-hari sulit di depan di Ukraina,” kata Jake Sullivan, penasihat keamanan nasional Biden.\n"
    "“Perang ini tidak akan berakhir dengan mudah atau cepat,” ujarnya."
)
MODELS = Path(__file__).resolve().parents[2] / "models"


def speakers(nlp, text: str = TEXT) -> list[tuple[str, str, str]]:
    return [(q.text, q.speaker, q.cue_text) for q in nlp(text)._.quotes]


def lexicon_without_cue(base: str) -> Lexicon:
    texts = dict(Lexicon.shipped().texts)
    cues = json.loads(texts["cues.json"])
    cues["cues"] = [entry for entry in cues["cues"] if entry["base"] != base]
    texts["cues.json"] = json.dumps(cues, ensure_ascii=False)
    return Lexicon(texts)


def test_results_live_on_doc_spans_with_their_attribution():
    doc = rules_pipeline()(TEXT)
    first, second = doc.spans["quotes"]
    assert (first.label_, first._.speaker, first._.speaker_role, first._.cue_word) == (
        "direct",
        "Jake Sullivan",
        "penasihat keamanan nasional Biden",
        "kata",
    )
    assert (first._.cue.text, first._.mention.text) == ("kata", "Jake Sullivan")
    assert (second._.speaker, second._.speaker_mention, second._.cue.text) == ("Jake Sullivan", "nya", "ujarnya")


def test_two_pipelines_with_different_lexicons_side_by_side(tmp_path):
    shipped = rules_pipeline()
    without_ujar = rules_pipeline()
    lexicon_without_cue("ujar").to_folder(tmp_path / "lexicon")
    for name in ("quote_finder", "quote_attributor"):
        without_ujar.get_pipe(name).initialize(lambda: [], lexicon=str(tmp_path / "lexicon"))
    assert speakers(shipped)[1][1:] == ("Jake Sullivan", "ujar")
    # Without 'ujar' among its cues, the second quote has no cue: a continuation of the first speaker.
    assert speakers(without_ujar)[1][1:] == ("Jake Sullivan", "")
    assert speakers(shipped)[1][1:] == ("Jake Sullivan", "ujar")


def test_a_saved_pipeline_folder_holds_and_reloads_the_components_vocabulary(tmp_path):
    nlp = rules_pipeline()
    for name in ("quote_finder", "quote_attributor"):
        nlp.get_pipe(name).lexicon = lexicon_without_cue("ujar")
    nlp.to_disk(tmp_path / "pipeline")
    for name in ("quote_finder", "quote_attributor"):
        assert (tmp_path / "pipeline" / name / "lexicon" / "cues.json").exists()
    reloaded = spacy.load(tmp_path / "pipeline")
    assert speakers(reloaded) == speakers(nlp)
    assert speakers(reloaded)[1][2] == ""


def test_the_shipped_pipelines_carry_the_shipped_vocabulary():
    # quotes/lang/data is the one source; `python -m quotes.training.lexicons` copies it into each shipped pipeline.
    for model in ("cnn", "transformer"):
        for name in ("quote_finder", "quote_attributor"):
            saved = Lexicon.from_folder(MODELS / model / name / "lexicon")
            assert saved.texts == Lexicon.shipped().texts, f"models/{model}/{name}: run python -m quotes.training.lexicons"


def test_a_doc_with_quotes_round_trips_through_bytes_and_docbin():
    nlp = rules_pipeline()
    doc = nlp(TEXT)

    def fields(doc):
        return [(q.text, q.quote_type, q.speaker, q.role, q.cue.text, q.cue_text, q.mention_text, q.confidence) for q in doc._.quotes]

    assert len(fields(doc)) == 2
    assert fields(Doc(nlp.vocab).from_bytes(doc.to_bytes())) == fields(doc)
    stored = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    (loaded,) = DocBin().from_bytes(stored).get_docs(nlp.vocab)
    assert fields(loaded) == fields(doc)


def test_nlp_evaluate_reports_quote_and_attribution_scores():
    nlp = rules_pipeline()
    gold = [
        {"quote": "Akan ada hari-hari sulit di depan di Ukraina", "type": "direct", "speaker": "Jake Sullivan"},
        {"quote": "Perang ini tidak akan berakhir dengan mudah atau cepat", "type": "direct", "speaker": "Joe Biden"},
    ]
    scores = nlp.evaluate([Example(nlp.make_doc(TEXT), gold_reference(nlp, TEXT, gold))])
    assert (scores["quotes_p"], scores["quotes_r"], scores["quotes_f"]) == (1.0, 1.0, 1.0)
    assert scores["quotes_attribution_acc"] == 0.5
    assert scores["quotes_who_f"] == 0.5


def test_a_failing_document_goes_to_the_error_handler(monkeypatch):
    nlp = rules_pipeline()
    finder = nlp.get_pipe("quote_finder")
    failed = []

    def fail_on_short(doc):
        if len(doc) < 5:
            raise ValueError("too short")
        return doc

    monkeypatch.setattr(type(finder), "annotate", lambda self, doc: fail_on_short(doc))
    finder.set_error_handler(lambda name, component, docs, error: failed.append((name, docs[0].text, str(error))))
    list(nlp.pipe(["Kata dia.", TEXT]))
    assert failed == [("quote_finder", "Kata dia.", "too short")]


@pytest.mark.parametrize("name", ["quote_finder", "quote_attributor"])
def test_the_components_declare_what_they_assign_and_require(name):
    meta = spacy.language.Language.get_factory_meta(name)
    assert "doc.spans" in meta.assigns
    assert meta.default_config["scorer"] == {"@scorers": "quotes.quote_scorer.v1"}
    if name == "quote_attributor":
        assert {"doc._.quote_sentences", "doc._.quote_regions"} <= set(meta.requires)
