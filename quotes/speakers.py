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

import bisect
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Mapping, Sequence

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from quotes.lang.lexicon import data_json, data_lines

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
    # 'Jokowi' quoted in one article, 'Joko Widodo' in another: one identity, when the table has the full name.
    public = {alias.lower(): full.lower() for alias, full in data_json("public_figures.json")["aliases"].items()}
    displays = {name.display.lower(): identities[key] for key, name in spelled.items()}
    return {
        raw: displays.get(public.get(raw.strip().lower(), ""), identities[name.key or (name.display,)])
        for raw, name in parsed.items()
    }


@dataclass(frozen=True)
class SpeakerMatch:
    speaker_id: str
    tier: int  # EXACT, PREFIX or FUZZY


def _allowed_edits(word: str) -> int:
    # Short words must match exactly: "AS" must not find "Al".
    return 0 if len(word) < 4 else 1 if len(word) < 8 else 2


def word_tiers(word: str, vocabulary: Sequence[str]) -> dict[str, int]:
    """The words of a sorted vocabulary a query word matches, each with its tier (exact, prefix, near miss)."""
    found: dict[str, int] = {}
    # Sorted, so the exact word and every word it begins sit together from here on.
    position = bisect.bisect_left(vocabulary, word)
    if position < len(vocabulary) and vocabulary[position] == word:
        found[word] = EXACT
    if len(word) >= MIN_PREFIX:
        while position < len(vocabulary) and vocabulary[position].startswith(word):
            found.setdefault(vocabulary[position], PREFIX)
            position += 1
    edits = _allowed_edits(word)
    if edits:
        for candidate, _, _ in process.extract(word, vocabulary, scorer=Levenshtein.distance, score_cutoff=edits, limit=None):
            found.setdefault(candidate, FUZZY)
    return found


def rank_speakers(tiers: Sequence[Mapping[str, int]], postings: Iterable[tuple[str, str, str]]) -> list[SpeakerMatch]:
    """The identities whose names match every query word, best tier only.

    ``tiers`` holds, per query word, the words it matches (:func:`word_tiers`);
    ``postings`` are (word, name, identity) for the names containing those words.
    Only the best tier found is returned, so a typo search never drowns an
    exact hit, and each identity comes back on its own: "Biden" gives "Joe
    Biden" and "Hunter Biden", not one.
    """
    per_name: dict[str, list[int | None]] = {}
    identity_of: dict[str, str] = {}
    for word, name, identity in postings:
        slots = per_name.setdefault(name, [None] * len(tiers))
        identity_of[name] = identity
        for position, found in enumerate(tiers):
            tier = found.get(word)
            if tier is not None and (slots[position] is None or tier < slots[position]):  # type: ignore[operator]
                slots[position] = tier
    best: dict[str, int] = {}
    for name, slots in per_name.items():
        if None in slots:
            continue
        tier = max(t for t in slots if t is not None)
        identity = identity_of[name]
        best[identity] = min(tier, best.get(identity, tier))
    if not best:
        return []
    top = min(best.values())
    return sorted((SpeakerMatch(identity, tier) for identity, tier in best.items() if tier == top), key=lambda m: m.speaker_id)


def query_words(query: str) -> list[str]:
    return [word for word in words(query) if word]


class SpeakerIndex:
    """Known names as an inverted index from folded word to names, prepared once for many lookups."""

    def __init__(self, names: Mapping[str, str]) -> None:
        # ``names`` maps each known name (as extracted, or canonical) to its identity.
        self.postings: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for name, identity in names.items():
            for word in set(words(name)):
                self.postings[word].append((name, identity))
        self.vocabulary = sorted(self.postings)

    def match(self, query: str) -> list[SpeakerMatch]:
        """Find the speaker identities a query means: every query word must match a word of the name."""
        tiers = [word_tiers(word, self.vocabulary) for word in query_words(query)]
        if not tiers:
            return []
        matched = set().union(*tiers)
        return rank_speakers(tiers, ((w, name, identity) for w in matched for name, identity in self.postings.get(w, [])))


def match_speakers(query: str, names: Mapping[str, str]) -> list[SpeakerMatch]:
    """Find the speaker identities ``query`` means among ``names`` (name → identity)."""
    return SpeakerIndex(names).match(query)
