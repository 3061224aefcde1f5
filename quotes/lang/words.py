"""Word tests: what a single token or word is (a cue, a title, a name word, an acronym), read against the active lexicon."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional

from spacy.lang.id.stop_words import STOP_WORDS
from spacy.tokens import Token

from quotes.lang.lexicon import Lexicon, lexicon, word_classes, word_lists

DOMAIN = re.compile(r"\.(?:com|co\.id|id|net|org|tv)$", re.IGNORECASE)


INITIAL = re.compile(r"^[A-Z]\.$")


NAME_WORD = re.compile(r"^[A-Za-zÀ-ÿ'’\-]+$")


def pronouns() -> frozenset[str]:
    return lexicon().memo("pronouns", lambda source: source.words.singular_pronouns | source.words.plural_pronouns)


@dataclass(frozen=True)
class Affixes:
    """The affix classes of the word classes, read into the patterns that test a word for them."""

    # A verb prefix ('me', 'ber', 'di', 'ter', 'per') before three letters or more: 'mengatakan'.
    verb_prefix: re.Pattern[str]
    # A noun circumfix (pe(r)-…-an) around four letters or more, not ending in a verb suffix:
    # 'perairan', 'perikanan' are nouns though they look like verbs; 'perhatikan' is a verb.
    noun_circumfix: re.Pattern[str]
    # A prefix of verbs that may describe a noun ('ter', 'ber'): 'desa terdampak gempa'.
    participle_prefix: re.Pattern[str]


# Letters a word has at least after a verb prefix, and between the parts of a noun circumfix.
VERB_STEM_LETTERS = 3
NOUN_STEM_LETTERS = 4


def affixes() -> Affixes:
    """The active lexicon's affix patterns."""
    return lexicon().memo("affixes", _read_affixes)


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(map(re.escape, words))


def _read_affixes(source: Lexicon) -> Affixes:
    lists = source.word_lists
    circumfixes = []
    for circumfix in lists.noun_circumfixes:
        prefix, suffix = circumfix.split("-")
        # Not after the rest of a verb suffix that ends like this suffix: the 'k' of '-kan' before '-an'.
        not_verbs = "".join(
            f"(?<!{re.escape(verb[: -len(suffix)])})" for verb in lists.verb_suffixes if verb.endswith(suffix) and verb != suffix
        )
        circumfixes.append(f"{re.escape(prefix)}[a-z]{{{NOUN_STEM_LETTERS},}}{not_verbs}{re.escape(suffix)}")
    return Affixes(
        verb_prefix=re.compile(rf"^(?:{_alternatives(lists.verb_prefixes)})[a-z]{{{VERB_STEM_LETTERS},}}"),
        noun_circumfix=re.compile(rf"^(?:{'|'.join(circumfixes)})$"),
        participle_prefix=re.compile(rf"^(?:{_alternatives(lists.participle_prefixes)})"),
    )


@dataclass(frozen=True)
class CueForm:
    base: str
    cue_class: str  # saying, directive, opinion
    kind: str  # bare, clitic, verb, passive, according, headline


@dataclass(frozen=True)
class Vocabulary:
    cues: dict[str, CueForm]
    headline_cues: dict[str, CueForm]
    statement_nouns: frozenset[str]
    complementizers: frozenset[str]
    directive_complementizers: frozenset[str]
    media_cues: tuple[tuple[str, ...], ...]
    roles: frozenset[tuple[str, ...]]
    role_words: frozenset[str]
    role_modifiers: frozenset[str]
    organisations: frozenset[tuple[str, ...]]
    organisation_words: frozenset[str]
    # One-word organisations of two characters ('as', 'ma', 'nu', 'g7'): acronyms, so only in capitals.
    acronym_organisations: frozenset[str]
    media: frozenset[tuple[str, ...]]
    titles: frozenset[str]
    ranks: frozenset[tuple[str, ...]]
    function_words: frozenset[str]
    max_role_length: int
    max_organisation_length: int
    max_rank_length: int


def vocabulary() -> Vocabulary:
    """The active lexicon's cues, roles, organisations, titles and ranks, read into lookup tables."""
    return lexicon().memo("vocabulary", _read_vocabulary)


def _read_vocabulary(source: Lexicon) -> Vocabulary:
    cue_file = source.json("cues.json")
    cues: dict[str, CueForm] = {}
    # Kept apart: outside headlines these are ordinary verbs ('kami minta maaf').
    headline_cues: dict[str, CueForm] = {}
    clitics = source.word_lists.clitics
    for entry in cue_file["cues"]:
        for form in entry["bare"]:
            cues[form] = CueForm(entry["base"], entry["class"], "bare")
            for clitic in clitics:
                cues[form + clitic] = CueForm(entry["base"], entry["class"], "clitic")
        for form in entry["verbs"]:
            cues[form] = CueForm(entry["base"], entry["class"], "verb")
        for form in entry["passives"]:
            cues[form] = CueForm(entry["base"], entry["class"], "passive")
        for form in entry.get("headlines", []):
            headline_cues[form] = CueForm(entry["base"], entry["class"], "headline")
    for form in cue_file["according_to"]:
        cues[form] = CueForm(form, "saying", "according")
        for clitic in clitics:
            cues[form + clitic] = CueForm(form, "saying", "according")  # 'Menurutnya, …'
    roles = frozenset(tuple(line.lower().split()) for line in source.lines("roles.txt"))
    organisations = frozenset(tuple(line.lower().split()) for line in source.lines("organisations.txt"))
    role_modifiers = frozenset(source.lines("role_modifiers.txt"))
    ranks = frozenset(tuple(line.split()) for line in source.lines("ranks.txt"))
    return Vocabulary(
        cues=cues,
        headline_cues=headline_cues,
        statement_nouns=frozenset(cue_file["statement_nouns"]),
        complementizers=frozenset(cue_file["complementizers"]),
        directive_complementizers=frozenset(cue_file["directive_complementizers"]),
        media_cues=tuple(sorted((tuple(c.split()) for c in cue_file["cited_media_cues"]), key=len, reverse=True)),
        roles=roles,
        role_words=frozenset(word for role in roles for word in role),
        role_modifiers=role_modifiers,
        organisations=organisations,
        organisation_words=frozenset(word for org in organisations for word in org),
        acronym_organisations=frozenset(org[0] for org in organisations if len(org) == 1 and len(org[0]) <= 2),
        media=frozenset(tuple(line.lower().split()) for line in source.lines("media.txt")),
        titles=frozenset(line.lower() for line in source.lines("titles.txt")),
        ranks=ranks,
        function_words=frozenset(STOP_WORDS) | frozenset(source.lines("function_words.txt")),
        max_role_length=max(len(role) for role in roles),
        max_organisation_length=max(len(org) for org in organisations),
        max_rank_length=max(len(rank) for rank in ranks),
    )


def cue_form(token: Token) -> Optional[CueForm]:
    return vocabulary().cues.get(token.lower_)


def headline_cue_form(token: Token) -> Optional[CueForm]:
    """A cue as a title-case headline writes it: 'Minta', 'Pastikan', or any other cue word."""
    return vocabulary().headline_cues.get(token.lower_) or cue_form(token)


def is_quote_mark(token: Token) -> bool:
    return token.text in QUOTE_MARKS


QUOTE_MARKS = frozenset({'"', "“", "”", "„", "«", "»", "‘", "’", "''", "``"})


def is_capitalised(token: Token) -> bool:
    text = token.text
    return bool(text) and text[0].isupper()


def is_verb_like(token: Token) -> bool:
    lower = token.lower_
    source = lexicon()
    words = source.words
    if lower in words.auxiliaries or lower in words.bare_verbs and not is_capitalised(token):
        return True
    patterns = source.memo("affixes", _read_affixes)
    return bool(patterns.verb_prefix.match(lower)) and lower not in words.not_verbs and not patterns.noun_circumfix.match(lower) and not is_capitalised(token)


def is_title(word: str) -> bool:
    """A title, rank or honorific, written with or without its dot: 'Prof.', 'dr', 'Irjen'."""
    return word.lower().rstrip(".") in vocabulary().titles


def is_degree_text(text: str) -> bool:
    """Academic degrees written after a name: 'M.Si.', 'Sp.PD', 'MPH', 'M.A.'."""
    text = text.strip()
    if not text[:1].isupper():
        return False
    bare = text.replace(".", "").replace(" ", "").lower()
    degrees = _degrees()
    return bare in degrees or text.lower() in degrees or ("." in text or text.isupper()) and bare in vocabulary().titles


def _degrees() -> frozenset[str]:
    return lexicon().memo("degrees", lambda source: frozenset(line.lower() for line in source.lines("degrees.txt")))


def is_bracketed_number(token: Token) -> bool:
    """An age or a count in brackets after a name: the '45' of 'Siti Rahmawati (45)'."""
    return token.like_num and token.i > 0 and token.doc[token.i - 1].text == "("


def is_acronym(token: Token) -> bool:
    return is_acronym_text(token.text)


def is_acronym_text(text: str) -> bool:
    return len(text) >= 2 and text.isupper() and text.isalpha()


def is_name_token(token: Token) -> bool:
    """A capitalised word that can be part of a personal name."""
    return is_name_word(token.text)


NAME_WORD_CACHE_SIZE = 1 << 16


def is_name_word(text: str) -> bool:
    # Cached by text: the attribution asks this of every token, and news repeats its words.
    known = lexicon().memo("name_words", lambda source: {})
    found = known.get(text)
    if found is None:
        if len(known) >= NAME_WORD_CACHE_SIZE:
            known.clear()
        found = known[text] = _is_name_word(text)
    return found


def _is_name_word(text: str) -> bool:
    if INITIAL.match(text):
        return True
    if not (text and text[0].isupper()) or is_acronym_text(text) or not NAME_WORD.match(text):
        return False
    lower = text.lower()
    v = vocabulary()
    return not (
        lower in v.function_words
        or lower in v.role_words
        or lower in v.role_modifiers
        or lower in v.titles
        or lower in v.organisation_words and not is_name_cased_acronym(text)
        or lower in v.cues
        or lower in word_classes().determiners
        or lower in word_classes().statement_owners
        or lower in word_classes().kin_nouns
    )


def match_phrase(words: tuple[str, ...], start: int, phrases: frozenset[tuple[str, ...]], longest: int) -> int:
    """Length of the longest entry of ``phrases`` in lowercase ``words`` from ``start`` (0 if none)."""
    if words[start] not in first_words(phrases):
        return 0
    for length in range(min(longest, len(words) - start), 0, -1):
        if words[start : start + length] in phrases:
            return length
    return 0


@lru_cache(maxsize=8)
def first_words(phrases: frozenset[tuple[str, ...]]) -> frozenset[str]:
    return frozenset(phrase[0] for phrase in phrases if phrase)


def is_name_cased_acronym(text: str) -> bool:
    """A short organisation written as a name is a name: 'AS' is the United States, 'Rudi As
    Aturridha' and 'Jack Ma' are people."""
    return text.lower() in vocabulary().acronym_organisations and not text.isupper()


# Letters a word has at least before a clitic: 'ujarnya', but not 'nya' or 'anya'.
CLITIC_HOST_LETTERS = 2


def clitic_of(word: str) -> Optional[str]:
    """The clitic pronoun that ends ``word`` ('nya' of 'ujarnya'), or None."""
    clitics = word_lists().clitics
    lower = word.lower()
    if not lower.endswith(clitics):
        return None
    for clitic in clitics:
        if lower.endswith(clitic) and len(word) >= len(clitic) + CLITIC_HOST_LETTERS:
            return clitic
    return None


def is_clitic(word: str) -> bool:
    return clitic_of(word) is not None


def strip_clitic(word: str) -> str:
    clitic = clitic_of(word)
    return word[: -len(clitic)] if clitic else word
