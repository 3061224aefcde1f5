"""Where a speaker's name starts when the role's organisation or place runs straight into it
('Wali Kota X Nama Orang'). Sentences written for these tests in the style of Indonesian news."""

from __future__ import annotations

import spacy
from spacy.tokens import Span

from quotes.lang.phrases import name_start


def only_quote(nlp, text):
    quotes = nlp(text)._.quotes
    assert len(quotes) == 1
    return quotes[0]


def test_a_place_the_article_names_elsewhere_belongs_to_the_role(nlp):
    text = (
        "Banjir merendam ratusan rumah di Sleman sejak Minggu malam.\n"
        "”Kami sudah menyiapkan dapur umum di setiap kecamatan,” kata Bupati Sleman Danang Wicaksono Putro."
    )
    quote = only_quote(nlp, text)
    assert quote.speaker == "Danang Wicaksono Putro"
    assert quote.role == "Bupati Sleman"


def test_a_common_noun_the_article_writes_in_lowercase_belongs_to_the_role(nlp):
    text = (
        "Pemerintah membuka peluang penanaman modal asing di sektor energi terbarukan.\n"
        "Kepala Badan Koordinasi Penanaman Modal Rahmad Hidayat Siregar mengatakan, izin usaha kini terbit dalam tiga hari."
    )
    quote = only_quote(nlp, text)
    assert quote.speaker == "Rahmad Hidayat Siregar"
    assert quote.role.endswith("Penanaman Modal")


def test_a_common_noun_the_article_also_uses_alone_as_a_name_stays_in_the_name(nlp):
    text = (
        "Para pelanggan setia warung itu datang sejak pagi.\n"
        "Direktur Lembaga Bantuan Hukum Jakarta Setia Budi Rahardjo mengatakan, pihaknya menerima 40 aduan sepekan.\n"
        "”Sebagian besar soal upah yang belum dibayar,” kata Setia."
    )
    quotes = nlp(text)._.quotes
    assert [quote.speaker for quote in quotes] == ["Setia Budi Rahardjo", "Setia Budi Rahardjo"]


def test_a_name_keeps_two_words_and_its_first_initial():
    nlp = spacy.blank("id")
    doc = nlp("Wakil Ketua Komisi II DPRD Lampung I Nyoman Sugawa hadir di Lampung pagi itu.")
    # The model's ROLE span runs on into the initial: 'Wakil Ketua Komisi II DPRD Lampung I'.
    doc.ents = [Span(doc, 0, 7, label="ROLE")]
    assert doc[name_start(doc, 5, 9) : 9].text == "I Nyoman Sugawa"


def test_a_model_person_made_of_common_nouns_names_no_one():
    from quotes.components.attributor.model import names_no_one

    doc = spacy.blank("id")("Ketua Ikatan Dokter Keselamatan Kerja Eddy Santoso menjelaskan aturan keselamatan kerja.")
    assert names_no_one(Span(doc, 3, 4, label="PERSON"))
    assert not names_no_one(Span(doc, 5, 7, label="PERSON"))


def test_a_lowercase_doctors_title_ends_the_role(nlp):
    text = "Ketua Ikatan Dokter Keselamatan Kerja dr Eddy Santoso menyebutkan, pemerintah semestinya melakukan pengendalian secara ketat."
    quote = only_quote(nlp, text)
    assert (quote.speaker, quote.role) == ("Eddy Santoso", "Ketua Ikatan Dokter Keselamatan Kerja")


def test_a_model_person_span_loses_its_bracketed_age():
    from quotes.components.attributor.model import strip_titles

    doc = spacy.blank("id")("Intan Rizki (15), siswi SMK itu, belajar dengan ponsel pinjaman.")
    assert strip_titles(Span(doc, 0, 5, label="PERSON")).text == "Intan Rizki"


def test_the_word_after_a_company_form_is_the_company(nlp):
    pt = only_quote(nlp, "”Pemeriksaan berjalan lancar,” kata Direktur Utama PT Asabri Adam Damiri di Gedung KPK.")
    assert (pt.speaker, pt.role) == ("Adam Damiri", "Direktur Utama PT Asabri")
    perum = only_quote(nlp, "”Stok beras cukup sampai Lebaran,” ujar Direktur Utama Perum Bulog Budi Waseso di Jakarta.")
    assert (perum.speaker, perum.role) == ("Budi Waseso", "Direktur Utama Perum Bulog")
