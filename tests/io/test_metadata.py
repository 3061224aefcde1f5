"""An article's date and title, from its fields or its text, and where articles begin in a text holding several."""

from __future__ import annotations

import json

import pytest
from seed_gold import SEEDS

from quotes.io.metadata import (
    article_starts,
    find_date,
    iso_date,
    split_articles,
    text_date,
    text_title,
    with_metadata,
)
from quotes.io.reading import Document
from quotes.lang.lexicon import data_text

# The seeds' datelines (003 has none) and headlines (000 opens on its dateline, 003 on a credit, 004 on page furniture).
SEED_DATES = {
    "000_a6f9d7107e9269aa.txt": "2022-03-23",
    "001_2bd0bd0c2dad21dd.txt": "2021-12-30",
    "002_11bcd6a5151a72ac.txt": "2021-12-08",
    "003_a81184b8f8680257.txt": "",
    "004_756bf3166228ad0e.txt": "2021-12-08",
}
SEED_TITLES = {
    "001_2bd0bd0c2dad21dd.txt": "Vladimir Putin dan Joe Biden Akan Bicara Via Telepon Bahas Ketegangan di Ukraina",
    "002_11bcd6a5151a72ac.txt": "Joe Biden Desak Rusia Segera Turunkan Tensi Ketegangan dengan Ukraina",
}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("JAKARTA - Presiden terbang ke Brussels pada Rabu (23/3/2022) untuk bertemu sekutunya.", "2022-03-23"),
        ("Senin, 8 Desember 2021 10:00", "2021-12-08"),
        ("John Andhi Oktaveri - Bisnis.com 08 Desember 2021  |  13:34 WIB", "2021-12-08"),
        ("Diperbarui 5 April 2017", "2017-04-05"),
        ("Jumat, 1 Agu 2020", "2020-08-01"),
        ("Kamis, 30 Des. 2021", "2021-12-30"),
        ("Selasa, 08/12/21 13:34 WIB", "2021-12-08"),
        ("Jakarta (23/3/2022) - Pemerintah", "2022-03-23"),
        # No year, or no such day: not a date.
        ("Kedua pemimpin akan berbicara pada Kamis (30/12).", ""),
        ("31 Februari 2021", ""),
    ],
)
def test_indonesian_datelines_become_iso_dates(text: str, expected: str) -> None:
    assert find_date(text) == expected


def test_month_and_day_names_are_data() -> None:
    data = json.loads(data_text("dates.json"))
    assert {"des", "agu", "desember"} <= set(data["months"]["12"] + data["months"]["8"])
    assert "rabu" in data["days"]


def test_metadata_dates_in_any_common_form() -> None:
    assert iso_date("2022-03-23T10:00:00+07:00") == "2022-03-23"
    assert iso_date("23/03/2022") == "2022-03-23"
    assert iso_date("Rabu, 23 Maret 2022 13:34 WIB") == "2022-03-23"
    assert iso_date("kemarin") == ""


@pytest.mark.parametrize("name", sorted(SEED_DATES))
def test_the_seeds_dates_and_titles_come_from_their_text(name: str) -> None:
    text = (SEEDS / name).read_text(encoding="utf-8")
    assert text_date(text) == SEED_DATES[name]
    assert text_title(text) == SEED_TITLES.get(name, "")


def test_a_headline_is_a_short_line_that_is_not_a_sentence() -> None:
    assert text_title("Biden dan Putin Bertemu Secara Virtual\n\nJAKARTA - Isi berita.") == "Biden dan Putin Bertemu Secara Virtual"
    assert text_title("Presiden AS terbang ke Brussels untuk bertemu sekutunya.\nIsi.") == ""
    assert text_title("Cari berita\nBisnis.com\nKonten Premium\nHarga Minyak Naik Lagi Hari Ini\n") == "Harga Minyak Naik Lagi Hari Ini"
    assert text_title("Senin, 8 Desember 2021 13:34 WIB\nIsi.") == ""
    assert text_title("mencatat lonjakan kasus demam berdarah sepanjang Januari\nIsi.") == ""


def test_fields_win_over_the_text() -> None:
    text = "Harga Minyak Naik Lagi Hari Ini\nJAKARTA, Senin (8/12/2021) - Harga minyak naik."
    assert with_metadata(Document("a", text)) == Document("a", text, date="2021-12-08", title="Harga Minyak Naik Lagi Hari Ini")
    given = Document("a", text, date="Rabu, 23 Maret 2022", title="Judul", url="https://example.id/a")
    assert with_metadata(given) == Document("a", text, date="2022-03-23", title="Judul", url="https://example.id/a")
    # A field that cannot be read gives way to the dateline.
    assert with_metadata(Document("a", text, date="kemarin")).date == "2021-12-08"


def test_one_article_has_at_most_one_start() -> None:
    for path in sorted(SEEDS.iterdir()):
        assert len(article_starts(path.read_text(encoding="utf-8"))) <= 1, path.name
        assert split_articles(path.read_text(encoding="utf-8")) == ([path.read_text(encoding="utf-8")], "")


def article(headline: str, city: str, body: str) -> str:
    return f"{headline}\n\nLiputan6.com, {city} - {body} " + "Kata demi kata berita ini terus berlanjut panjang sekali. " * 3 + "\n"


def test_articles_run_together_are_found_by_headline_and_dateline() -> None:
    first = article("Harga Minyak Naik Lagi Hari Ini", "Jakarta", "Harga minyak naik.")
    second = article("Biden Dan Putin Bicara Lewat Telepon", "Washington", "Biden menelepon.")
    third = article("Timnas Menang Tipis Atas Vietnam", "Hanoi", "Timnas menang.")
    text = first + second + third
    assert article_starts(text) == [0, len(first), len(first + second)]
    assert split_articles(text) == ([first, second, third], "headlines with datelines")
    # Form feeds are boundaries of their own.
    assert split_articles("satu\f\fdua\f") == (["satu", "dua"], "form feeds")


def test_cat_of_the_seeds_holds_several_articles() -> None:
    text = "".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.iterdir()))
    articles, evidence = split_articles(text)
    assert len(articles) >= 2 and evidence == "headlines with datelines"
    assert "".join(articles) == text
