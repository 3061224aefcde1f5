"""The shipped statistical pipeline (models/cnn) loads by default and finds quotes in the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

import quotes

SEED_ARTICLE = Path(__file__).resolve().parents[2] / "seeds" / "000_a6f9d7107e9269aa.txt"
KOMPAS_ARTICLE = (
    "JAKARTA, KOMPAS — Pemerintah Provinsi DKI Jakarta memperketat pemeriksaan kendaraan menjelang Lebaran.\n\n"
    "Kepala Dinas Perhubungan DKI Jakarta Syafrin Liputo mengatakan, pemeriksaan dilakukan di sejumlah titik perbatasan.\n\n"
    "”Kami akan memeriksa setiap kendaraan yang keluar dari Jakarta,” kata Syafrin, Senin (4/5/2020)."
)


@pytest.fixture(scope="module")
def nlp():
    return quotes.load()


def test_the_default_pipeline_is_the_shipped_cnn_with_the_rules(nlp):
    assert nlp.meta["name"] == "cnn"
    assert nlp.pipe_names == ["tok2vec", "ner", "quote_finder", "quote_attributor"]
    assert nlp.meta["license"] == "CC BY-NC-SA 4.0"


def test_statement_cue_and_speaker_in_a_seed_article(nlp):
    # In its article: a lone sentence gives the CNN too little context to be a fair test.
    entities = {(entity.text, entity.label_) for entity in nlp(SEED_ARTICLE.read_text(encoding="utf-8")).ents}
    assert ('"Akan ada hari-hari sulit di depan di Ukraina,"', "STATEMENT") in entities
    assert ("kata", "CUE") in entities
    assert ("Sullivan", "PERSONCOREF") in entities


def test_kompas_quote_with_role_and_full_name(nlp):
    # In PFSA-ID the lead sentence after the dateline is the article's ISSUE; the speaker comes later.
    doc = nlp(KOMPAS_ARTICLE)
    entities = {(entity.text, entity.label_) for entity in doc.ents}
    assert ("Syafrin Liputo", "PERSON") in entities
    assert ("Syafrin", "PERSONCOREF") in entities
    assert ("kata", "CUE") in entities
    assert any(label == "STATEMENT" and text.startswith("”Kami akan memeriksa") for text, label in entities)
    assert any(
        "Kami akan memeriksa setiap kendaraan" in quote.text and quote.speaker == "Syafrin Liputo" for quote in doc._.quotes
    )

