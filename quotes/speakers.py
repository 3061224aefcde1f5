"""Speaker identity across a corpus, and looking speakers up by name.

Within one article the attributor already resolves "Sullivan" to "Jake
Sullivan". Across articles the same person appears as "Sullivan", "Jake
Sullivan" or "J. Sullivan"; :func:`canonical_ids` gives each extracted name one
canonical identity, merging short forms into a full name only when the corpus
holds exactly one full name they fit. Two people who share a surname ("Joe
Biden", "Hunter Biden") are therefore never merged, and the bare "Biden" stays
its own, ambiguous, identity.

:func:`match_speakers` finds identities for a user's query, case- and
accent-insensitively, by any part of the name and despite small typos.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Mapping

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from quotes.lexicon import data_lines

TOKEN = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*\.?", re.UNICODE)
# Match tiers, best first: every query word equals a name word; is a prefix of one; is a near miss.
EXACT, PREFIX, FUZZY = 0, 1, 2
MIN_PREFIX = 3


def fold(text: str) -> str:
    """Lowercase and strip accents, so that "Zelenskyy", "ZELENSKYY" and "Zelenskýy" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text: str) -> list[str]:
    """Folded words of a name, without the dots of initials."""
    return [fold(token).rstrip(".") for token in TOKEN.findall(text)]


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    return frozenset(fold(line) for line in data_lines("titles.txt"))


@lru_cache(maxsize=1)
def _roles() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(words(line)) for line in data_lines("roles.txt"))


@lru_cache(maxsize=1)
def _organisations() -> frozenset[str]:
    return frozenset(" ".join(words(line)) for line in data_lines("organisations.txt"))


@dataclass(frozen=True)
class Name:
    """An extracted speaker name, parsed for comparison with other names."""

    display: str  # whitespace-collapsed, as extracted
    key: tuple[str, ...]  # folded words, leading titles dropped: what identity compares
    is_person: bool  # looks like a personal name, so it may merge with other forms of it

    @property
    def is_full(self) -> bool:
        """A given name and a surname, the given name spelled out ("Jake Sullivan", not "J. Sullivan")."""
        return self.is_person and len(self.key) >= 2 and len(self.key[0]) > 1


def parse_name(raw: str) -> Name:
    display = " ".join(raw.split())
    tokens = TOKEN.findall(display)
    titles = _titles()
    while len(tokens) > 1 and fold(tokens[0]).rstrip(".") in titles:
        tokens = tokens[1:]
    key = tuple(fold(token).rstrip(".") for token in tokens)
    return Name(display, key, bool(key) and _looks_personal(tokens, key))


def _looks_personal(tokens: list[str], key: tuple[str, ...]) -> bool:
    # Every word capitalised like a name ("NATO", "juru bicara Kremlin" are not), and
    # not a role ("Presiden Rusia") or an organisation ("Gedung Putih").
    if not all(token[0].isupper() and (len(token.rstrip(".")) == 1 or not token.isupper()) for token in tokens):
        return False
    if any(key[: len(role)] == role for role in _roles()):
        return False
    return " ".join(key) not in _organisations() and not any(word in _organisations() for word in key)


def _word_fits(short: str, full: str) -> bool:
    # "j" (an initial) fits "jake"; a spelled-out word fits only itself.
    return short == full or (len(short) == 1 and full.startswith(short))


def fits(short: Name, full: Name) -> bool:
    """Whether ``short`` can be a shorter way of writing ``full``.

    "Sullivan" fits "Jake Sullivan" (surname), and so does "Jake" (Indonesian
    news often calls people by their first name); "J. Sullivan" fits it
    through the initial; "Joe Biden" does not fit "Hunter Biden".
    """
    if not (short.is_person and full.is_full) or len(short.key) > len(full.key):
        return False
    if len(short.key) == 1:
        return short.key[0] in (full.key[0], full.key[-1])
    if short.key[-1] != full.key[-1]:
        return False
    given = iter(full.key[:-1])
    # Each given word of the short form must fit a given word of the full one, in order.
    return all(any(_word_fits(word, candidate) for candidate in given) for word in short.key[:-1])


def canonical_ids(names: Iterable[str] | Mapping[str, int]) -> dict[str, str]:
    """Map every extracted speaker name to its canonical identity in this corpus.

    A name joins a full name when that full name is the only most complete
    name it fits; with two candidates ("Biden" with "Joe Biden" and "Hunter
    Biden") it keeps its own identity. Names that differ only in case or
    accents share one identity, shown in their most frequent spelling.
    """
    # A mapping gives each name's number of quotes; an iterable has one entry per quote.
    counts = Counter(names)
    for name in [name for name in counts if not (name and name.strip())]:
        del counts[name]
    parsed = {raw: parse_name(raw) for raw in counts}
    groups: dict[tuple[str, ...], list[tuple[Name, int]]] = defaultdict(list)
    for raw, name in parsed.items():
        groups[name.key or (name.display,)].append((name, counts[raw]))
    # One representative per spelling group: its most frequent spelling, and a person if
    # any spelling looks like one ("SULLIVAN" in a headline is still Sullivan).
    spelled: dict[tuple[str, ...], Name] = {}
    for key, members in groups.items():
        spellings: Counter[str] = Counter()
        for name, count in members:
            spellings[name.display] += count
        spelled[key] = Name(spellings.most_common(1)[0][0], key, any(name.is_person for name, _ in members))

    by_word: dict[str, list[Name]] = defaultdict(list)
    for full in (name for name in spelled.values() if name.is_full):
        for word in {full.key[0], full.key[-1]}:
            by_word[word].append(full)

    def identity(name: Name) -> str:
        candidates = {full.key: full for word in {name.key[0], name.key[-1]} for full in by_word.get(word, []) if fits(name, full)}
        # Keep the most complete candidates: "Joseph Biden" gives way to "Joseph R. Biden".
        maximal = [c for c in candidates.values() if not any(o.key != c.key and fits(c, o) for o in candidates.values())]
        return maximal[0].display if len(maximal) == 1 else name.display

    identities = {key: identity(name) for key, name in spelled.items()}
    return {raw: identities[name.key or (name.display,)] for raw, name in parsed.items()}


@dataclass(frozen=True)
class SpeakerMatch:
    speaker_id: str
    tier: int  # EXACT, PREFIX or FUZZY


def _allowed_edits(word: str) -> int:
    # Short words must match exactly: "AS" must not find "Al".
    return 0 if len(word) < 4 else 1 if len(word) < 8 else 2


class SpeakerIndex:
    """Known names, prepared once for many lookups (the quote store keeps thousands)."""

    def __init__(self, names: Mapping[str, str]) -> None:
        # ``names`` maps each known name (as extracted, or canonical) to its identity.
        self.identities = dict(names)
        self.name_words = {name: frozenset(words(name)) for name in self.identities}
        self.known: frozenset[str] = frozenset().union(*self.name_words.values())
        self.vocabulary = sorted(self.known)

    def match(self, query: str) -> list[SpeakerMatch]:
        """Find the speaker identities a query means, best tier only.

        Every query word must match a word of the name: exactly, as a prefix,
        or within a small edit distance. Only the best tier found is returned,
        so a typo search never drowns an exact hit, and each identity comes
        back separately: "Biden" gives "Joe Biden" and "Hunter Biden", not one.
        """
        query_words = [word for word in words(query) if word]
        if not query_words:
            return []
        # For each query word, the tier at which each vocabulary word matches it.
        tiers = [self._word_tiers(word) for word in query_words]
        best: dict[str, int] = {}
        for name, its_words in self.name_words.items():
            per_word = [min((found[w] for w in its_words if w in found), default=None) for found in tiers]
            if None in per_word:
                continue
            tier = max(t for t in per_word if t is not None)
            identity = self.identities[name]
            best[identity] = min(tier, best.get(identity, tier))
        if not best:
            return []
        top = min(best.values())
        return sorted(
            (SpeakerMatch(identity, tier) for identity, tier in best.items() if tier == top),
            key=lambda match: match.speaker_id,
        )

    def _word_tiers(self, word: str) -> dict[str, int]:
        found = {word: EXACT} if word in self.known else {}
        if len(word) >= MIN_PREFIX:
            for candidate in self.vocabulary:
                if candidate.startswith(word):
                    found.setdefault(candidate, PREFIX)
        edits = _allowed_edits(word)
        if edits:
            for candidate, _, _ in process.extract(
                word, self.vocabulary, scorer=Levenshtein.distance, score_cutoff=edits, limit=None
            ):
                found.setdefault(candidate, FUZZY)
        return found


def match_speakers(query: str, names: Mapping[str, str]) -> list[SpeakerMatch]:
    """Find the speaker identities ``query`` means among ``names`` (name → identity)."""
    return SpeakerIndex(names).match(query)
