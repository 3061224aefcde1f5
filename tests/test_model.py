"""The shipped statistical pipeline (models/cnn) loads by default and finds quotes on seed lines."""

from __future__ import annotations

import pytest

import quotes

SEED_LINE = '"Akan ada hari-hari sulit di depan di Ukraina," kata Sullivan memperingatkan.'
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


def test_statement_cue_and_speaker_on_a_seed_line(nlp):
    entities = {(entity.text, entity.label_) for entity in nlp(SEED_LINE).ents}
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
