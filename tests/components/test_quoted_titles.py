"""Quotation marks around the title of an event or a work are no quote.
Sentences written for these tests in the style of Indonesian news."""

from __future__ import annotations


def quote_texts(nlp, text):
    return [quote.text for quote in nlp(text)._.quotes]


def test_a_title_case_passage_after_bertajuk_is_a_title(nlp):
    text = (
        "Hal itu disampaikan Rina Wulandari dalam webinar bertajuk ”Peran Koperasi dalam Pemulihan Ekonomi Desa” "
        "yang digelar pada Kamis (12/11/2020)."
    )
    assert quote_texts(nlp, text) == []


def test_a_title_after_an_event_noun_and_its_modifier_is_a_title(nlp):
    text = "”Pasar digital terus tumbuh,” kata Rina Wulandari dalam seminar daring ”Strategi UMKM Menghadapi Resesi”."
    assert quote_texts(nlp, text) == ["Pasar digital terus tumbuh"]


def test_a_sentence_quoted_after_an_event_noun_is_still_a_quote(nlp):
    text = "Dalam diskusi daring itu Rina Wulandari berkata, ”Pasar digital terus tumbuh meski pandemi belum usai.”"
    assert quote_texts(nlp, text) == ["Pasar digital terus tumbuh meski pandemi belum usai."]


def test_a_title_after_a_verb_of_attending_is_a_title(nlp):
    text = (
        "Ribuan warga menghadiri ”Pesta Rakyat Budaya Nusantara” di Lapangan Merdeka pada Sabtu malam.\n"
        "”Kami bangga budaya daerah ditampilkan,” ujar Rina Wulandari, salah seorang pengunjung."
    )
    assert quote_texts(nlp, text) == ["Kami bangga budaya daerah ditampilkan"]
