"""A subject that opens with a name set off by a comma from its description, with no
closing comma before the cue verb: 'Riki, salah satu pedagang di Pasar X mengatakan, …'.
Sentences from real pages (benchmarks/real/dev)."""

from __future__ import annotations


def test_a_trader_described_after_his_name_is_the_speaker_not_the_market(last_quote):
    text = (
        "Riki, salah satu pedagang di Pasar Bestari Bintan Center mengatakan, kenaikan harga cabai "
        "memang sudah terjadi dari beberapa pekan lalu."
    )
    q = last_quote(text)
    assert q.text == "kenaikan harga cabai memang sudah terjadi dari beberapa pekan lalu"
    assert (q.speaker, q.mention_text) == ("Riki", "Riki")


def test_a_name_after_a_fronted_connective(last_quote):
    q = last_quote("Selanjutnya, Yana, salah satu pembeli mengatakan, harga cabai memang mengalami kenaikan terus.")
    assert q.speaker == "Yana"


def test_a_headmaster_s_school_is_his_role_not_his_name(nlp):
    text = (
        "Sumardi, Kepala SMA Karya Sekadau mengatakan, setidaknya ada tiga siswa yang tidak mengikuti UN.\n"
        "Selain itu, kata Sumardi, pihaknya juga telah melarang siswanya untuk melakukan aksi konvoi."
    )
    first = nlp(text)._.quotes[0]
    assert (first.speaker, first.role) == ("Sumardi", "Kepala SMA Karya Sekadau")


def test_a_place_before_the_comma_is_not_a_speaker(last_quote):
    text = (
        "Banjir merendam ratusan rumah warga di Pontianak.\n"
        "Pontianak, Kepala BPBD Kalbar Andreas Kurniawan mengatakan, warga diminta tetap waspada."
    )
    assert last_quote(text).speaker.endswith("Andreas Kurniawan")
