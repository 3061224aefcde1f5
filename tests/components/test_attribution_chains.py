"""Speaker phrases after a cue that run through a chain of roles and organisations
before the name, and role-only speakers ("kata Presiden"). Sentences written for
these tests in the style of Indonesian news."""

from __future__ import annotations

from spacy.tokens import Span


def test_name_after_comma_closes_role_chain(last_quote):
    q = last_quote("“Stok beras di gudang masih cukup sampai Lebaran,” kata analis pasar Badan Pangan Kalimantan Barat, Rudi Hartono, di Pontianak, Senin (4/3/2024).")
    assert (q.speaker, q.mention_text) == ("Rudi Hartono", "Rudi Hartono")
    assert q.role.startswith("analis pasar Badan Pangan")


def test_name_after_organisation_in_apposition(last_quote):
    q = last_quote("“Pasien sudah dipindahkan ke ruang isolasi,” kata Kepala Bagian Humas, Rumah Sakit Umum Daerah Dr Soetomo, Rina Wulandari, saat dihubungi.")
    assert q.speaker == "Rina Wulandari"
    assert "Rumah Sakit Umum Daerah" in q.role


def test_name_after_two_roles_joined_by_slash(last_quote):
    q = last_quote("“Uji coba akan selesai tahun depan,” ujar Menteri Perindustrian/Kepala Badan Standardisasi Nasional Agus Gumiwang Kartasasmita saat meninjau pabrik.")
    assert q.speaker == "Agus Gumiwang Kartasasmita"
    assert q.role.startswith("Menteri Perindustrian/Kepala")


def test_name_after_yang_juga_second_role(last_quote):
    q = last_quote("“Vaksinasi harus dipercepat,” kata ahli epidemiologi yang juga Ketua Perhimpunan Dokter Paru Indonesia Agus Dwi Susanto, Selasa (5/1/2021).")
    assert q.speaker == "Agus Dwi Susanto"


def test_bracketed_media_citation_is_not_the_speaker(last_quote):
    q = last_quote("“RUU ini harus segera disahkan,” ujar Ketua Komnas Perempuan Siti Aminah (Kompas, 12/3/2021).")
    assert q.speaker == "Siti Aminah"
    assert q.role == "Ketua Komnas Perempuan"


def test_name_then_appositive_role_keeps_the_name(last_quote):
    q = last_quote("“Kami belum menerima surat itu,” kata Hasan Basri, juru bicara Gubernur Sumatera Barat Mahyeldi Ansharullah.")
    assert q.speaker == "Hasan Basri"


def test_place_after_common_noun_is_not_a_name(last_quote):
    q = last_quote("“Air sungai naik sejak subuh,” kata seorang warga Kampung Melayu Besar.")
    assert q.speaker != "Melayu Besar"
    assert "warga" in q.speaker


def test_role_only_speaker_prefers_same_role_over_decree(last_quote):
    text = (
        "Presiden Joko Widodo menerbitkan Instruksi Presiden (Inpres) Nomor 6 Tahun 2020.\n"
        "”Semua daerah wajib menegakkan disiplin protokol kesehatan,” kata Presiden."
    )
    assert last_quote(text).speaker == "Joko Widodo"


def test_role_the_model_marks_as_person_still_resolves_to_the_named_holder(nlp):
    doc = nlp.make_doc("Presiden Joko Widodo meninjau Pasar Gede di Solo.\n”Harga cabai sudah turun,” kata Presiden.")
    doc.ents = [Span(doc, len(doc) - 2, len(doc) - 1, label="PERSONCOREF")]
    assert doc.ents[0].text == "Presiden"
    for _, component in nlp.pipeline:
        doc = component(doc)
    assert doc._.quotes[-1].speaker == "Joko Widodo"


def test_per_an_noun_in_a_role_chain_is_not_a_verb(last_quote):
    q = last_quote("“Ekspor kopi naik dua kali lipat,” kata analis perikanan Balai Riset Budidaya Lampung, Yusuf Hidayat, di Bandar Lampung, Rabu (2/12/2020).")
    assert q.speaker == "Yusuf Hidayat"


def test_place_before_the_name_is_not_part_of_it(last_quote):
    text = (
        "Sebagian besar kopra dikirim ke Sulbar melalui pelabuhan Mamuju.\n"
        "“Harga kopra mulai membaik,” kata Kepala Dinas Perdagangan Sulbar Hendra Wijaya."
    )
    assert last_quote(text).speaker == "Hendra Wijaya"


def test_name_opening_the_sentence_before_its_apposition(last_quote):
    q = last_quote("Rina Suryani, Head of Corporate Communications PT Taman Wisata Candi, mengatakan, “Kami membatasi pengunjung hingga 50 persen kapasitas.”")
    assert q.speaker == "Rina Suryani"
    assert "Head of Corporate Communications" in q.role


def test_person_before_the_statement_channel_is_the_subject(last_quote):
    q = last_quote("Kepala Dinas Kesehatan Jawa Barat Nina Susana dalam keterangan tertulis, Senin (3/5/2021), mengatakan, “Vaksinasi lansia terus kami kejar.”")
    assert (q.speaker, q.role) == ("Nina Susana", "Kepala Dinas Kesehatan Jawa Barat")
