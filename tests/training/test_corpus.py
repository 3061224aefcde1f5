"""PFSA-ID conversion on a hand-written snippet in the corpus format."""

from __future__ import annotations

import json
from pathlib import Path

import spacy
from spacy.tokens import DocBin

from quotes.training.corpus import (
    bilou_spans,
    convert,
    gold_quotes,
    read_articles,
    rebuild,
)

TINY = Path(__file__).resolve().parents[1] / "data" / "pfsa_tiny.txt"


def test_articles_start_at_datelines():
    articles = read_articles([TINY])
    assert [article.sentences[0].tokens[:3] for article in articles] == [
        ("JAKARTA", ",", "KOMPAS"),
        ("SURABAYA", ",", "KOMPAS"),
    ]


def test_opening_marks_move_back_and_spacing_is_rebuilt():
    rebuilt = rebuild(read_articles([TINY])[0], paragraph_separator="\n")
    assert rebuilt.text == (
        "JAKARTA, KOMPAS — Menteri Kesehatan Budi Santoso meminta warga tetap memakai masker. "
        "Ia menyampaikan hal itu di Jakarta, Senin (5/4).\n"
        "”Kita harus disiplin. Covid-19 belum selesai,” kata Budi.\n"
        "”Vaksin tetap penting,” katanya."
    )
    spans = {(rebuilt.text[start:end], label) for start, end, label in rebuilt.spans}
    assert ("”Kita harus disiplin. Covid-19 belum selesai,”", "STATEMENT") in spans
    assert ("Senin (5/4)", "DATETIME") in spans
    assert ("katanya", "CUECOREF") in spans


def test_joiners_and_a_closing_mark_after_a_full_stop():
    text = rebuild(read_articles([TINY])[1], paragraph_separator="\n").text
    assert "60 km/jam." in text
    assert "mengatakan, ”Aturan ini demi keselamatan.”\nAturan itu" in text


def test_sentences_seen_in_an_earlier_file_are_dropped(tmp_path):
    second = tmp_path / "second.txt"
    lines = TINY.read_text(encoding="utf-8").split("\n\n")
    # The second file repeats the first article's lead and adds one new sentence after it.
    second.write_text(lines[0] + "\n\n" + "Rapat/O selesai/O sore/O ./O".replace("/", "\t").replace(" ", "\n") + "\n\n", encoding="utf-8")
    articles = read_articles([TINY, second])
    assert len(articles) == 3
    assert articles[-1].sentences[0].tokens == ("Rapat", "selesai", "sore", ".")


def test_broken_bilou_is_repaired():
    spans, repairs = bilou_spans(["I-PERSON", "L-PERSON", "O", "B-ROLE", "O", "U-CUE"])
    assert spans == [(0, 2, "PERSON"), (3, 4, "ROLE"), (5, 6, "CUE")]
    assert repairs == 2


def test_gold_quotes_follow_the_cue_to_the_full_name():
    rows = gold_quotes(rebuild(read_articles([TINY])[0]), "a.txt")
    assert [(row["quote"], row["speaker"], row["speaker_mention"], row["cue"]) for row in rows] == [
        ("Kita harus disiplin. Covid-19 belum selesai", "Budi Santoso", "Budi", "kata"),
        ("Vaksin tetap penting", "Budi Santoso", "nya", "kata"),
    ]


def test_convert_writes_docbins_and_a_gold_folder(tmp_path):
    nlp = spacy.blank("id")
    report = convert(TINY, tmp_path, nlp=nlp)
    assert not report.fixed_split  # the snippet has none of the fixed dev articles
    assert (report.train_articles, report.dev_articles) == (1, 1)
    docs = list(DocBin().from_disk(tmp_path / "train.spacy").get_docs(nlp.vocab)) + list(
        DocBin().from_disk(tmp_path / "dev.spacy").get_docs(nlp.vocab)
    )
    assert all(doc.ents for doc in docs)
    gold = [json.loads(line) for line in (tmp_path / "gold" / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    assert all((tmp_path / "gold" / "articles" / row["file"]).exists() for row in gold)
    assert {row["type"] for row in gold} == {"direct"}
