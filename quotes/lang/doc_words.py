"""What the rules read off a whole Doc once and keep for its other questions: its text, its places, lone names, ranks and lowercase words."""

from __future__ import annotations

from spacy.attrs import LOWER, ORTH
from spacy.tokens import Doc

from quotes.lang.lexicon import word_classes
from quotes.lang.words import first_words, is_name_word, match_phrase, vocabulary

# The model's spans that a person's name never starts inside. Its AFFILIATION spans
# are left out: they ran on into names ('Universitas Sumatera Utara (USU) Inke Nadia').
NOT_NAME_LABELS = frozenset({"ROLE", "LOCATION"})


def role_span_ends(doc: Doc) -> dict[int, int]:
    """For each token inside one of the model's ROLE or LOCATION spans, where that span ends. Read once per Doc."""
    found = doc.user_data.get(ROLE_SPAN_ENDS_KEY)
    if found is None:
        found = {i: ent.end for ent in doc.ents if ent.label_ in NOT_NAME_LABELS for i in range(ent.start, ent.end)}
        doc.user_data[ROLE_SPAN_ENDS_KEY] = found
    return found


def person_span_starts(doc: Doc) -> dict[int, int]:
    """For the last token of each of the model's PERSON spans, where that span starts. Read once per Doc."""
    found = doc.user_data.get(PERSON_SPAN_STARTS_KEY)
    if found is None:
        found = {ent.end - 1: ent.start for ent in doc.ents if ent.label_ == "PERSON"}
        doc.user_data[PERSON_SPAN_STARTS_KEY] = found
    return found


def places(doc: Doc) -> set[tuple[str, ...]]:
    """The capitalised names written after 'di' or 'ke': 'di Tanjung Priok', 'ke Sulbar'.

    Read once per Doc (kept in ``user_data``): every candidate speaker name is checked against them.
    """
    found = doc.user_data.get(PLACES_KEY)
    if found is not None:
        return found
    texts = _texts(doc)
    found = set()
    for i in range(len(texts) - 1):
        if texts[i].lower() in word_classes().place_prepositions:
            end = i + 1
            while end < len(texts) and is_name_word(texts[end]):
                end += 1
            if end > i + 1:
                found.add(tuple(text.lower() for text in texts[i + 1 : end]))
    doc.user_data[PLACES_KEY] = found
    return found


def lowercase_words(doc: Doc) -> frozenset[str]:
    """The words the document writes in lowercase somewhere: common nouns, not names. Read once per Doc."""
    found = doc.user_data.get(LOWERCASE_KEY)
    if found is None:
        found = frozenset(text for text in _texts(doc) if text.isalpha() and text.islower())
        doc.user_data[LOWERCASE_KEY] = found
    return found


def lone_names(doc: Doc) -> frozenset[str]:
    """Capitalised words the document uses alone after a lowercase word, as names are used
    ('kata Aman', 'menurut Indah'), even where the same word is a common noun elsewhere. Read once per Doc."""
    found = doc.user_data.get(LONE_NAMES_KEY)
    if found is None:
        texts = _texts(doc)
        found = frozenset(
            texts[i].lower()
            for i in range(1, len(texts) - 1)
            if is_name_word(texts[i]) and texts[i - 1].isalpha() and texts[i - 1].islower() and not is_name_word(texts[i + 1])
        )
        doc.user_data[LONE_NAMES_KEY] = found
    return found


def rank_tokens(doc: Doc) -> frozenset[int]:
    """The tokens of the capitalised ranks written out in words ('Inspektur Jenderal',
    'Ajun Komisaris Besar'): part of the role, never of a name. Read once per Doc."""
    found = doc.user_data.get(RANKS_KEY)
    if found is not None:
        return found
    texts, lowers = token_strings(doc)
    v = vocabulary()
    starts = first_words(v.ranks)
    inside: set[int] = set()
    for i, lower in enumerate(lowers):
        if lower in starts and i not in inside and texts[i][0].isupper():
            length = match_phrase(tuple(lowers[i : i + v.max_rank_length]), 0, v.ranks, v.max_rank_length)
            inside.update(range(i, i + length))
    found = frozenset(inside)
    doc.user_data[RANKS_KEY] = found
    return found


def _texts(doc: Doc) -> list[str]:
    return token_strings(doc)[0]


def lowercase_tokens(doc: Doc) -> list[str]:
    return token_strings(doc)[1]


def token_strings(doc: Doc) -> tuple[list[str], list[str]]:
    """Every token's text and lowercase form, read once per Doc: a Token object per word costs more than the tests."""
    found = doc.user_data.get(STRINGS_KEY)
    if found is None:
        strings = doc.vocab.strings
        columns = doc.to_array([ORTH, LOWER]).T.tolist() if len(doc) else [[], []]
        found = ([strings[key] for key in columns[0]], [strings[key] for key in columns[1]])
        doc.user_data[STRINGS_KEY] = found
    return found


PLACES_KEY = "quotes.places"


LOWERCASE_KEY = "quotes.lowercase_words"


LONE_NAMES_KEY = "quotes.lone_names"


ROLE_SPAN_ENDS_KEY = "quotes.role_span_ends"


PERSON_SPAN_STARTS_KEY = "quotes.person_span_starts"


STRINGS_KEY = "quotes.strings"


RANKS_KEY = "quotes.ranks"


# Per-Doc caches of the rules, needed only while the quote components run.
WORKING_KEYS = (PLACES_KEY, LOWERCASE_KEY, LONE_NAMES_KEY, ROLE_SPAN_ENDS_KEY, PERSON_SPAN_STARTS_KEY, STRINGS_KEY, RANKS_KEY)


def doc_text(doc: Doc) -> str:
    """The Doc's text, built once: ``Doc.text`` joins every token on each access."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def remember_text(doc: Doc, text: str) -> None:
    """Give ``doc_text`` the string ``doc`` was made from, sparing it the rebuild."""
    doc.user_data[TEXT_KEY] = text


TEXT_KEY = "quotes.text"
