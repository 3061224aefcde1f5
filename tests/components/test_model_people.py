"""Merging the model's person spans with the names the rules read (``merge_people``)."""

from __future__ import annotations

from quotes.components.attributor.model import merge_people
from quotes.components.attributor.people import PersonMention

# From a real page (benchmarks/real/dev): "Kasat Reskrim Polresta Banjarmasin Kompol Thomas Affrian mengungkapkan …",
# later "…," ujar Kasat Reskrim.


def test_the_role_runs_on_to_the_words_the_model_cut_from_the_name():
    rules = [PersonMention(133, ("polresta", "banjarmasin", "kompol", "thomas", "affrian"), "Polresta Banjarmasin Kompol Thomas Affrian", "Kasat Reskrim")]
    model = [PersonMention(136, ("thomas", "affrian"), "Thomas Affrian", "Polresta Banjarmasin Kompol")]
    (merged,) = merge_people(rules, model)
    assert (merged.text, merged.role) == ("Thomas Affrian", "Kasat Reskrim Polresta Banjarmasin Kompol")


def test_a_rank_in_the_model_s_role_does_not_hide_the_rules_fuller_role():
    rules = [PersonMention(136, ("thomas", "affrian"), "Thomas Affrian", "Kasat Reskrim Polresta Banjarmasin")]
    model = [PersonMention(136, ("thomas", "affrian"), "Thomas Affrian", "Polresta Banjarmasin Kompol")]
    (merged,) = merge_people(rules, model)
    assert merged.role == "Kasat Reskrim Polresta Banjarmasin"


def test_the_model_s_own_role_stays_when_the_rules_read_no_fuller_one():
    rules = [PersonMention(10, ("budi", "santoso"), "Budi Santoso", "")]
    model = [PersonMention(10, ("budi", "santoso"), "Budi Santoso", "Kepala Dinas Pendidikan")]
    (merged,) = merge_people(rules, model)
    assert merged.role == "Kepala Dinas Pendidikan"
