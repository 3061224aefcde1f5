"""The word classes in quotes/data/word_classes.json: each loads, and each is written cleanly."""

from __future__ import annotations

import pytest

from quotes.lexicon import data_json, word_class, word_list

CLASSES = data_json("word_classes.json")["word_classes"]


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_word_class_loads_non_empty(name):
    assert word_class(name)
    assert CLASSES[name]["about"].strip()


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_word_class_lists_each_word_once_in_lowercase(name):
    words = CLASSES[name]["words"]
    assert len(words) == len(set(words))
    assert all(word == word.strip().lower() and word for word in words)


def test_word_list_keeps_the_written_order():
    # Connectives are tried in order, so the loader must not reorder them.
    assert word_list("connectives") == tuple(CLASSES["connectives"]["words"])
