"""The word classes in quotes/lang/data/word_classes.json: each loads, and each is written cleanly."""

from __future__ import annotations

import pytest

from quotes.lang.lexicon import Lexicon, data_json

CLASSES = data_json("word_classes.json")["word_classes"]


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_word_class_loads_non_empty(name):
    assert getattr(Lexicon.shipped().words, name)
    assert CLASSES[name]["about"].strip()


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_word_class_lists_each_word_once_in_lowercase(name):
    words = CLASSES[name]["words"]
    assert len(words) == len(set(words))
    assert all(word == word.strip().lower() and word for word in words)


def test_word_list_keeps_the_written_order():
    # Connectives are tried in order, so the loader must not reorder them.
    assert Lexicon.shipped().word_lists.connectives == tuple(CLASSES["connectives"]["words"])
