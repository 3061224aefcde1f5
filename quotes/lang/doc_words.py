"""What the rules read off a whole Doc once and keep for its other questions: its text, its places, lone names, ranks and lowercase words.

Each is asked of the same Doc many times while a quote component runs. A
component opens :func:`reading` for its Doc, and what is read is kept for the
length of that call only, not on the Doc: the Doc carries no hidden state
between components. Asked outside a component, each is read afresh.
"""

from __future__ import annotations

import weakref
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Callable, Iterator, TypeVar

from spacy.attrs import LOWER, ORTH
from spacy.tokens import Doc

from quotes.lang.lexicon import word_classes
from quotes.lang.words import first_words, is_name_word, match_phrase, vocabulary

T = TypeVar("T")

# The model's spans that a person's name never starts inside. Its AFFILIATION spans
# are left out: they ran on into names ('Universitas Sumatera Utara (USU) Inke Nadia').
NOT_NAME_LABELS = frozenset({"ROLE", "LOCATION"})

_READING: ContextVar[tuple[Doc, dict[str, Any]] | None] = ContextVar("quotes_reading", default=None)


@contextmanager
def reading(doc: Doc) -> Iterator[None]:
    """Keep what is read off ``doc`` until the block ends."""
    token = _READING.set((doc, {}))
    try:
        yield
    finally:
        _READING.reset(token)


def read_once(doc: Doc, key: str, read: Callable[[Doc], T]) -> T:
    scope = _READING.get()
    if scope is None or scope[0] is not doc:
        return read(doc)
    kept = scope[1]
    try:
        return kept[key]
    except KeyError:
        value = kept[key] = read(doc)
        return value


def role_span_ends(doc: Doc) -> dict[int, int]:
    """For each token inside one of the model's ROLE or LOCATION spans, where that span ends. Read once per Doc."""
    return read_once(doc, "role_span_ends", lambda doc: {i: ent.end for ent in doc.ents if ent.label_ in NOT_NAME_LABELS for i in range(ent.start, ent.end)})


def person_span_starts(doc: Doc) -> dict[int, int]:
    """For the last token of each of the model's PERSON spans, where that span starts. Read once per Doc."""
    return read_once(doc, "person_span_starts", lambda doc: {ent.end - 1: ent.start for ent in doc.ents if ent.label_ == "PERSON"})


def places(doc: Doc) -> set[tuple[str, ...]]:
    """The capitalised names written after 'di' or 'ke': 'di Tanjung Priok', 'ke Sulbar'.

    Read once per Doc: every candidate speaker name is checked against them.
    """
    return read_once(doc, "places", _read_places)


def _read_places(doc: Doc) -> set[tuple[str, ...]]:
    texts = _texts(doc)
    found = set()
    for i in range(len(texts) - 1):
        if texts[i].lower() in word_classes().place_prepositions:
            end = i + 1
            while end < len(texts) and is_name_word(texts[end]):
                end += 1
            if end > i + 1:
                found.add(tuple(text.lower() for text in texts[i + 1 : end]))
    return found


def lowercase_words(doc: Doc) -> frozenset[str]:
    """The words the document writes in lowercase somewhere: common nouns, not names. Read once per Doc."""
    return read_once(doc, "lowercase_words", lambda doc: frozenset(text for text in _texts(doc) if text.isalpha() and text.islower()))


def lone_names(doc: Doc) -> frozenset[str]:
    """Capitalised words the document uses alone after a lowercase word, as names are used
    ('kata Aman', 'menurut Indah'), even where the same word is a common noun elsewhere. Read once per Doc."""
    return read_once(doc, "lone_names", _read_lone_names)


def _read_lone_names(doc: Doc) -> frozenset[str]:
    texts = _texts(doc)
    return frozenset(
        texts[i].lower()
        for i in range(1, len(texts) - 1)
        if is_name_word(texts[i]) and texts[i - 1].isalpha() and texts[i - 1].islower() and not is_name_word(texts[i + 1])
    )


def rank_tokens(doc: Doc) -> frozenset[int]:
    """The tokens of the capitalised ranks written out in words ('Inspektur Jenderal',
    'Ajun Komisaris Besar'): part of the role, never of a name. Read once per Doc."""
    return read_once(doc, "ranks", _read_rank_tokens)


def _read_rank_tokens(doc: Doc) -> frozenset[int]:
    texts, lowers = token_strings(doc)
    v = vocabulary()
    starts = first_words(v.ranks)
    inside: set[int] = set()
    for i, lower in enumerate(lowers):
        if lower in starts and i not in inside and texts[i][0].isupper():
            length = match_phrase(tuple(lowers[i : i + v.max_rank_length]), 0, v.ranks, v.max_rank_length)
            inside.update(range(i, i + length))
    return frozenset(inside)


def _texts(doc: Doc) -> list[str]:
    return token_strings(doc)[0]


def lowercase_tokens(doc: Doc) -> list[str]:
    return token_strings(doc)[1]


def token_strings(doc: Doc) -> tuple[list[str], list[str]]:
    """Every token's text and lowercase form, read once per Doc: a Token object per word costs more than the tests."""
    return read_once(doc, "strings", _read_token_strings)


def _read_token_strings(doc: Doc) -> tuple[list[str], list[str]]:
    strings = doc.vocab.strings
    columns = doc.to_array([ORTH, LOWER]).T.tolist() if len(doc) else [[], []]
    return [strings[key] for key in columns[0]], [strings[key] for key in columns[1]]


# ``Doc.text`` joins every token's text on each access: milliseconds for a long article, asked
# of the same Doc by both components. Kept per Doc, while the Doc lives.
_TEXTS: "weakref.WeakKeyDictionary[Doc, str]" = weakref.WeakKeyDictionary()


def doc_text(doc: Doc) -> str:
    """The Doc's text, built once per Doc."""
    text = _TEXTS.get(doc)
    if text is None:
        text = _TEXTS[doc] = doc.text
    return text


def made_from(doc: Doc, text: str) -> Doc:
    """Record that ``doc`` was tokenised from ``text``, so that ``doc_text`` need not rebuild it."""
    _TEXTS[doc] = text
    return doc
