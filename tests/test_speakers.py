"""Speaker identity across documents and name lookup (quotes.speakers)."""

from __future__ import annotations

import pandas as pd

from quotes.speakers import canonical_ids, match_speakers
from quotes.table import COLUMNS, TABLE_COLUMNS, to_frame


def found(query: str, names: list[str]) -> set[str]:
    ids = canonical_ids(names)
    return {match.speaker_id for match in match_speakers(query, ids)}


def test_short_forms_join_the_only_full_name() -> None:
    ids = canonical_ids(["Sullivan", "Jake Sullivan", "J. Sullivan", "SULLIVAN"])
    assert set(ids.values()) == {"Jake Sullivan"}


def test_short_forms_stay_apart_without_a_full_name() -> None:
    ids = canonical_ids(["Sullivan", "J. Sullivan"])
    assert ids["Sullivan"] != ids["J. Sullivan"]


def test_people_sharing_a_surname_never_merge() -> None:
    ids = canonical_ids(["Joe Biden", "Hunter Biden", "Biden", "J. Biden"])
    assert ids["Joe Biden"] == "Joe Biden"
    assert ids["Hunter Biden"] == "Hunter Biden"
    # Two full names fit "Biden": it is ambiguous and keeps its own identity.
    assert ids["Biden"] == "Biden"
    assert ids["J. Biden"] == "Joe Biden"


def test_conflicting_initials_do_not_merge() -> None:
    ids = canonical_ids(["Jake Sullivan", "John Sullivan", "J. Sullivan"])
    assert ids["J. Sullivan"] == "J. Sullivan"


def test_roles_and_organisations_do_not_merge_into_people() -> None:
    ids = canonical_ids(["Presiden", "Presiden Rusia", "juru bicara Kremlin", "Kremlin", "NATO"])
    assert all(ids[name] == name for name in ids)


def test_case_and_accents_share_one_identity() -> None:
    ids = canonical_ids(["Volodymyr Zelenskýy", "Volodymyr Zelenskyy", "Volodymyr Zelenskyy", "Zelenskyy"])
    assert set(ids.values()) == {"Volodymyr Zelenskyy"}


def test_lookup_is_case_accent_and_typo_insensitive() -> None:
    names = ["Jake Sullivan", "Vladimir Putin", "Volodymyr Zelenskýy"]
    assert found("sulivan", names) == {"Jake Sullivan"}
    assert found("SULLIVAN", names) == {"Jake Sullivan"}
    assert found("jake", names) == {"Jake Sullivan"}
    assert found("zelenskyy", names) == {"Volodymyr Zelenskýy"}
    assert found("Zelensk", names) == {"Volodymyr Zelenskýy"}
    assert found("nobody", names) == set()


def test_lookup_lists_people_sharing_a_surname_separately() -> None:
    names = ["Joe Biden", "Hunter Biden", "Jake Sullivan"]
    assert found("Biden", names) == {"Joe Biden", "Hunter Biden"}
    assert found("joe biden", names) == {"Joe Biden"}


def test_exact_hits_hide_near_misses() -> None:
    # "Putin" is spelled right: the typo tier ("Putri") must not add a second person.
    assert found("Putin", ["Vladimir Putin", "Putri Ayu"]) == {"Vladimir Putin"}


def test_table_appends_speaker_id_after_the_schema() -> None:
    row = dict.fromkeys(COLUMNS, "")
    row.update(start_char=0, end_char=1, confidence=1.0)
    rows = [dict(row, speaker="Sullivan"), dict(row, speaker="Jake Sullivan"), dict(row, speaker="")]
    frame = to_frame(rows)
    assert tuple(frame.columns) == TABLE_COLUMNS
    assert tuple(frame.columns[: len(COLUMNS)]) == COLUMNS
    assert frame["speaker_id"].tolist() == ["Jake Sullivan", "Jake Sullivan", ""]


def test_empty_table_has_every_column() -> None:
    frame = to_frame([])
    assert isinstance(frame, pd.DataFrame) and tuple(frame.columns) == TABLE_COLUMNS


def test_a_public_figure_s_nickname_shares_the_full_name_s_identity():
    ids = canonical_ids(["Jokowi", "Joko Widodo", "Joko Widodo", "SBY"])
    assert ids["Jokowi"] == ids["Joko Widodo"] == "Joko Widodo"
    assert ids["SBY"] == "SBY"  # no full name in this table to join
