"""Nicknames and short names resolve to the full name: the ones an article gives
('Muhaimin Iskandar atau Cak Imin', 'Susilo Bambang Yudhoyono (SBY)', 'yang akrab
disapa Risma', 'alias'), and public figures' nicknames it does not introduce
('Jokowi', quotes/lang/data/public_figures.json)."""

from __future__ import annotations


def test_a_nickname_given_with_atau(last_quote):
    text = (
        "Ketua Umum PKB Muhaimin Iskandar atau Cak Imin hadir dalam acara deklarasi tersebut.\n"
        "\"Kami siap berkoalisi dengan partai mana pun,\" kata Cak Imin."
    )
    q = last_quote(text)
    assert (q.speaker, q.mention_text, q.role) == ("Muhaimin Iskandar", "Cak Imin", "Ketua Umum PKB")


def test_initials_in_brackets(last_quote):
    text = (
        "Presiden keenam RI Susilo Bambang Yudhoyono (SBY) menghadiri pelantikan itu.\n"
        "\"Saya bangga dengan capaian ini,\" kata SBY."
    )
    assert last_quote(text).speaker == "Susilo Bambang Yudhoyono"


def test_a_nickname_given_with_akrab_disapa(last_quote):
    text = (
        "Menteri Sosial Tri Rismaharini yang akrab disapa Risma meninjau lokasi banjir.\n"
        "\"Kami akan bantu warga yang rumahnya rusak,\" ujar Risma."
    )
    assert last_quote(text).speaker == "Tri Rismaharini"


def test_a_nickname_given_with_alias(last_quote):
    text = (
        "Polisi menangkap Slamet Riyadi alias Mbah Slamet di rumahnya.\n"
        "\"Saya hanya menjalankan perintah,\" kata Mbah Slamet di hadapan penyidik."
    )
    assert last_quote(text).speaker == "Slamet Riyadi"


def test_a_public_figure_the_article_does_not_introduce(last_quote):
    assert last_quote("\"Kami akan terus bekerja untuk rakyat,\" kata Jokowi di Istana Merdeka.").speaker == "Joko Widodo"


def test_an_organisation_s_acronym_is_no_one_s_nickname(last_quote):
    text = "Komisi Pemberantasan Korupsi atau KPK mengingatkan pemerintah membenahi data penerima bantuan sosial."
    assert last_quote(text).speaker != "Pemberantasan Korupsi"


def test_the_article_s_own_fuller_name_wins_over_the_public_table(last_quote):
    text = (
        "Gubernur DKI Jakarta Anies Rasyid Baswedan meresmikan jalur sepeda.\n"
        "\"Jalur ini untuk warga,\" kata Anies."
    )
    assert last_quote(text).speaker == "Anies Rasyid Baswedan"


def test_atau_between_two_full_names_is_a_choice(last_quote):
    text = (
        "Pemilih kini harus memilih antara Anies Baswedan atau Prabowo Subianto.\n"
        "\"Saya akan menang,\" kata Prabowo Subianto di Jakarta."
    )
    assert last_quote(text).speaker == "Prabowo Subianto"


def test_a_common_first_name_is_not_taken_for_a_public_figure(last_quote):
    q = last_quote("\"Harga cabai naik terus,\" kata Risma, pedagang sayur di Pasar Minggu.")
    assert (q.speaker, q.role) == ("Risma", "pedagang sayur")
