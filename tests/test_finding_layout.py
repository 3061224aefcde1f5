"""Quote finding where the words or the layout mislead a sentence-level reading:
possessed nouns, cues and signatures set apart from their quote, run-in
subheadings. Sentences written for these tests in the style of Indonesian news."""

from __future__ import annotations

import pytest

import quotes


@pytest.fixture(scope="module")
def nlp():
    return quotes.load("rules")


def test_possessed_noun_is_not_a_speaker(nlp):
    text = (
        "Dinas Perhubungan Kota Malang menambah jadwal bus kota mulai pekan depan. "
        "Sasarannya memastikan agar pekerja pabrik tidak terlambat masuk kerja."
    )
    assert nlp(text)._.quotes == []


def test_possessed_person_noun_stays_a_speaker(nlp):
    found = nlp("Pengacaranya mengatakan bahwa kliennya tidak pernah menerima uang itu.")._.quotes
    assert [(q.quote_type, q.text, q.speaker) for q in found] == [
        ("indirect", "kliennya tidak pernah menerima uang itu", "Pengacaranya"),
    ]
