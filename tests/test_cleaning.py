"""Cleaning: page furniture goes, offsets still point into the original text."""

from __future__ import annotations

import pytest

from quotes.cleaning import clean, detect_outlet

PAGE = (
    "Liputan6.com, Jakarta - Menteri Kesehatan Budi Gunadi Sadikin meninjau rumah sakit.\n"
    "Baca juga: Kemenkes Tambah Stok Vaksin di Daerah\n"
    "\n"
    "* Untuk mengetahui kebenaran informasi yang beredar, silakan WhatsApp ke nomor 0811 9787 670.\n"
    "Petugas memeriksa pasien di ruang isolasi, Senin (3/1/2022). (Liputan6.com/Angga Yuniar)\n"
    "Petugas memeriksa pasien di ruang isolasi, Senin (3/1/2022). (Liputan6.com/Angga Yuniar)\n"
    "“Kami siap melayani semua pasien,” kata Budi.\n"
    "Editor : Rina Andriani\n"
    "Simak berita lainnya seputar topik artikel ini, di sini :\n"
)


def test_boilerplate_lines_are_removed():
    text = clean(PAGE).text
    for noise in ("Baca juga", "WhatsApp", "Editor", "Simak berita", "Angga Yuniar"):
        assert noise not in text
    assert "“Kami siap melayani semua pasien,” kata Budi." in text
    assert text.startswith("Liputan6.com, Jakarta - Menteri Kesehatan")


def test_offsets_map_back_into_the_original():
    cleaned = clean(PAGE)
    start = cleaned.text.index("Kami siap")
    original_start = cleaned.offsets.to_original(start)
    assert PAGE[original_start : original_start + len("Kami siap")] == "Kami siap"
    for offset in range(len(cleaned.text)):
        assert PAGE[cleaned.offsets.to_original(offset)] == cleaned.text[offset]


def test_a_line_repeated_later_is_kept_once():
    teaser = "Putin juga mengatakan kepada rekannya di AS bahwa dia menginginkan jaminan keamanan."
    cleaned = clean(f"{teaser}\nPembicaraan berlangsung dua jam.\n{teaser}\n")
    assert cleaned.text.count(teaser) == 1


@pytest.mark.parametrize(
    ("header", "outlet"),
    [
        ("JAKARTA, KOMPAS — Presiden Joko Widodo meminta …", "Kompas"),
        ("JAKARTA, KOMPAS.com - Polisi menangkap …", "Kompas"),
        ("TRIBUNNEWS.COM - Presiden AS, Joe Biden terbang ke Brussels", "Tribunnews"),
        ("KONTAN.CO.ID - BRUSSELS. Amerika Serikat (AS) menegaskan", "Kontan"),
        ("Bisnis.com, JAKARTA - Presiden Rusia, Vladimir Putin meminta", "Bisnis.com"),
        ("Liputan6.com, Washington D.C - Presiden Amerika Serikat", "Liputan6"),
        ("Jakarta, CNN Indonesia -- Menteri Keuangan Sri Mulyani", "CNN Indonesia"),
        ("Jakarta (ANTARA) - Menteri Keuangan Sri Mulyani Indrawati menyatakan", "Antara"),
        ("REPUBLIKA.CO.ID, JAKARTA -- Wakil Presiden Ma'ruf Amin mengatakan", "Republika"),
        ("Jakarta - Presiden Joko Widodo meresmikan", ""),
        ("Seorang warga menemukan dompet di jalan.", ""),
    ],
)
def test_outlet_from_dateline(header, outlet):
    assert detect_outlet(f"{header}\nIsi berita.\n") == outlet


def test_outlet_from_a_bracketed_masthead_line():
    assert detect_outlet("Jakarta - KPK menerima laporan itu.\nIsi berita.\n(detikNews)\n") == "Detik"


def test_a_caption_ending_in_its_photo_credit_is_dropped():
    text = "Yohanes menjelaskan fase kritis DBD.\ndr. Yohanes Kristianto, Sp.PD. Foto: Dok. Pribadi\nIa menyebut ada tanda bahaya.\n"
    assert clean(text).text == "Yohanes menjelaskan fase kritis DBD.\nIa menyebut ada tanda bahaya.\n"


def test_a_quote_ending_in_a_photo_credit_is_kept():
    line = '"Kami sudah siap menghadapi musim hujan," kata Kepala Pelaksana BPBD Kota Bekasi Muhammad Sodik. Foto: Antara\n'
    assert clean(line).text == line


def test_a_long_word_after_foto_is_read_in_linear_time():
    # A pattern that can split one word many ways took half a minute on this line.
    url = "https://cdn.example.co.id/images/2024/05/12/banjir-bandang-kabupaten-bogor-warga-mengungsi.jpg"
    line = f"Warga memadati lokasi banjir. Foto: {url} diunggah warga ke media sosial pada Minggu pagi\n"
    assert clean(line).text == line
