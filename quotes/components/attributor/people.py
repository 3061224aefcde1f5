"""The people an article names, and resolving a short name to the fullest form the article gives."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Optional

from spacy.attrs import IS_SPACE
from spacy.tokens import Doc, Span

from quotes.components.structure import is_headline, sentence_of
from quotes.lang.doc_words import rank_tokens, token_strings
from quotes.lang.lexicon import lexicon, word_classes, word_lists
from quotes.lang.phrases import (
    MOD,
    NAME,
    ROLE,
    Phrase,
    follows_place_noun,
    name_start,
    place_name_end,
    read_left,
)
from quotes.lang.words import (
    QUOTE_MARKS,
    is_acronym_text,
    is_name_word,
    is_title,
    vocabulary,
)


@dataclass
class PersonMention:
    position: int
    words: tuple[str, ...]
    text: str
    role: str


def person_mentions(doc: Doc, sentences: list[tuple[int, int]]) -> list[PersonMention]:
    """Every personal name in the document, with the role written before it.

    A lone capitalised word opening a sentence is usually an ordinary word
    ("Tujuannya", "Nomor"); it counts as a name only if the document also
    capitalises it mid-sentence.
    """
    sentence_starts = {start for start, _ in sentences}
    # Title-case headlines capitalise every word, so their names are unreliable.
    in_headline = {i for start, end in sentences if is_headline(doc, start, end) for i in range(start, end)}
    # Per-token facts computed once, from attribute arrays: a Token object per word costs more than the tests.
    texts, lowers = token_strings(doc)
    spaces = doc.to_array(IS_SPACE).tolist()
    ranks = rank_tokens(doc)
    names = [is_name_word(text) and i not in ranks for i, text in enumerate(texts)]
    opening = {
        i for i in range(len(texts))
        if i in sentence_starts or (i > 0 and (texts[i - 1] in QUOTE_MARKS or spaces[i - 1]))
    }
    mid_sentence_names = {lowers[i] for i in range(len(texts)) if i not in opening and names[i]}
    clitics = word_lists().clitics
    affiliation_prepositions = word_classes().affiliation_prepositions
    mentions = []
    i = 0
    while i < len(texts):
        if not names[i] or (i > 0 and names[i - 1]) or i in in_headline:
            i += 1
            continue
        end = i
        while end < len(texts) and names[end]:
            end += 1
        # "di Samarinda", "ke Senayan": a lone capitalised word after a locative is a place,
        # and so is any run after 'di' or 'ke' ("di Poin Square Lebak Bulus").
        lone = end - i == 1
        if i > 0 and (lone and lowers[i - 1] in word_classes().locatives or _after_place_preposition(texts, lowers, i)):
            i = end
            continue
        if _opens_place(doc, lowers, i, end):
            i = end
            continue
        if lone and (i in opening and lowers[i] not in mid_sentence_names or lowers[i].endswith(clitics) or len(texts[i]) < 2):
            i = end
            continue
        # 'Covid-19', 'SJ-182': a name with a number is a disease, a flight or a product, not a person.
        if end + 1 < len(texts) and texts[end] == "-" and doc[end + 1].like_num:
            i = end
            continue
        # 'Kapolda Metro Jaya Irjen Pol Wahyu Adhi': a run before a rank and a name is the role's place.
        after_ranks = end
        while after_ranks < len(texts) and (after_ranks in ranks or is_title(lowers[after_ranks])):
            after_ranks += 1
        if after_ranks > end and after_ranks < len(texts) and names[after_ranks]:
            i = end
            continue
        # 'Wali Kota Bogor Bima Arya': the leading words that belong to the role are not the name.
        first = i
        i = name_start(doc, first, end)
        run = doc[i:end]
        start, _ = sentence_of(sentences, i)
        phrase = read_left(doc, end, start)
        role = ""
        person = phrase.person() if phrase is not None else None
        if person is not None and person.end == end and person.start in (first, i):
            # The phrase's own labels leave the role's words out of the name, or else they are added here.
            role = " ".join(part for part in (phrase.role_text(), doc[person.start : i].text) if part)
        comma = i - 1
        while comma > start and is_title(lowers[comma]):
            comma -= 1  # 'Guru Besar UGM, Prof. Dr. Hermawan': titles between the comma and the name
        if not role and first == i and comma > start and texts[comma] == ",":
            # 'Kuasa hukum tersangka, Hotman Paris Hutapea, membantah …': the role before a comma.
            apposed = read_left(doc, comma, start)
            if apposed is not None and apposed.span.start - 1 > start and lowers[apposed.span.start - 1] in affiliation_prepositions:
                # 'anggota Komisi IV DPR dari Fraksi PDI Perjuangan, Darmadi Durianto, …'
                head = read_left(doc, apposed.span.start - 1, start)
                if head is not None and ROLE in head.labels and NAME not in head.labels + apposed.labels:
                    apposed = Phrase(doc[head.span.start : apposed.span.end], head.labels + [MOD] + apposed.labels)
            if apposed is not None and ROLE in apposed.labels and NAME not in apposed.labels:
                role = apposed.description()
        mentions.append(PersonMention(i, tuple(t.lower_ for t in run if not t.text.endswith(".")), run.text, role))
        i = end
    return mentions


def _opens_place(doc: Doc, lowers: list[str], i: int, end: int) -> bool:
    """Whether the capitalised run ``[i, end)`` is a place: a place noun opens it
    ('Jalan Sudirman') or comes just before it ('Kecamatan Batang Toru').

    A run that goes on past the place's name after a role's place noun is the
    person: 'Wali Kota Bogor Bima Arya', 'Ketua Bawaslu Kabupaten Boven Digoel
    Frans Asek' (``name_start`` leaves the place out). After a preposition or a
    comma the place noun opens a place of its own ('di Desa Sipenggeng, Kecamatan …').
    """
    if lowers[i] in word_classes().place_nouns and end - i > 1:
        opener, place = i, i + 1
    elif follows_place_noun(doc, i):
        opener, place = i - 1, i
    else:
        return False
    if end <= place_name_end(doc, place, end):
        return True
    return opener == 0 or lowers[opener - 1] in word_classes().locatives or lowers[opener - 1] == ","


def _after_place_preposition(texts: list[str], lowers: list[str], i: int) -> bool:
    """Whether the capitalised words running up to ``i`` follow 'di' or 'ke': 'di Plaza Senayan Arcadia'."""
    v = vocabulary()
    k = i - 1
    # A role or title ends the walk: 'ke Presiden Joko Widodo' is a person.
    while k >= 0 and texts[k][:1].isupper() and lowers[k] not in v.role_words and not is_title(lowers[k]):
        k -= 1
    return k >= 0 and lowers[k] in word_classes().place_prepositions


MAX_ALIAS_WORDS = 3


def article_aliases(doc: Doc, mentions: list[PersonMention]) -> dict[tuple[str, ...], PersonMention]:
    """The short names and nicknames the article gives its people: 'Susilo Bambang Yudhoyono (SBY)',
    'Muhaimin Iskandar atau Cak Imin', 'Tri Rismaharini yang akrab disapa Risma'."""
    texts, lowers = token_strings(doc)
    markers = sorted((tuple(marker.split()) for marker in word_lists().alias_markers), key=len, reverse=True)
    # 'atau' and 'alias' also join two people ('X atau Y'): after them only a nickname's shape counts.
    loose_markers = {tuple(marker.split()) for marker in word_lists().loose_alias_markers}
    aliases: dict[tuple[str, ...], PersonMention] = {}
    organisation_words = vocabulary().organisation_words
    for mention in mentions:
        # 'Komisi Pemberantasan Korupsi atau KPK': the run after an organisation's head word names no person.
        if len(mention.words) < 2 or mention.position > 0 and lowers[mention.position - 1] in organisation_words:
            continue
        k = mention.position + len(mention.words)
        if k < len(texts) and texts[k] == "(":
            close = next((j for j in range(k + 1, min(len(texts), k + 2 + MAX_ALIAS_WORDS)) if texts[j] == ")"), None)
            alias = doc[k + 1 : close] if close is not None else None
            if alias and _may_stand_for(alias, mention):
                aliases.setdefault(tuple(t.lower_ for t in alias), mention)
            continue
        k += k < len(texts) and texts[k] == ","
        marker = next((m for m in markers if tuple(lowers[k : k + len(m)]) == m), None)
        if marker is None:
            continue
        start = k + len(marker)
        end = start
        while end < min(len(texts), start + MAX_ALIAS_WORDS) and (is_name_word(texts[end]) or is_acronym_text(texts[end])):
            end += 1
        if end > start and (end == len(texts) or not is_name_word(texts[end])) and _may_stand_for(doc[start:end], mention):
            alias = tuple(lowers[start:end])
            if marker in loose_markers and not _reads_as_nickname(alias):
                continue  # 'antara Anies Baswedan atau Prabowo Subianto': a choice, not a nickname
            aliases.setdefault(alias, mention)
    # A short name that is part of someone else's longer name is theirs ('Prabowo' of 'Prabowo Subianto').
    return {
        alias: mention for alias, mention in aliases.items()
        if not any(len(other.words) > len(alias) and _contains(other.words, alias) and other is not mention for other in mentions)
    }


def _reads_as_nickname(alias: tuple[str, ...]) -> bool:
    """One word, or a nickname's honorific and a word ('Cak Imin', 'Gus Dur')."""
    return len(alias) == 1 or len(alias) == 2 and alias[0] in word_classes().nickname_prefixes


def _may_stand_for(alias: Span, mention: PersonMention) -> bool:
    """An acronym only of the name's initials ('SBY'); otherwise name words ('Cak Imin', 'Risma')."""
    if len(alias) == 1 and is_acronym_text(alias.text):
        return alias.text.lower() == "".join(word[0] for word in mention.words)
    return all(is_name_word(token.text) for token in alias)


def public_figures() -> dict[tuple[str, ...], str]:
    """The nicknames national news uses for public figures without introducing them, with the full names."""
    return lexicon().memo(
        "public_figures",
        lambda source: {tuple(alias.lower().split()): full for alias, full in source.json("public_figures.json")["aliases"].items()},
    )


class People:
    """The document's person mentions, indexed by word for quick name resolution,
    and the short names the article gives them."""

    def __init__(self, mentions: list[PersonMention], aliases: Optional[dict[tuple[str, ...], PersonMention]] = None) -> None:
        self.mentions = mentions
        self.aliases = aliases or {}
        # One entry per distinct name (its first mention, or the first that carries a role).
        distinct: dict[tuple[str, ...], PersonMention] = {}
        for mention in mentions:
            known = distinct.get(mention.words)
            if known is None or mention.role and not known.role:
                distinct[mention.words] = mention
        self.by_word: dict[str, list[PersonMention]] = {}
        for mention in distinct.values():
            for word in set(mention.words):
                self.by_word.setdefault(word, []).append(mention)
        self.with_role = [mention for mention in mentions if mention.role]
        self.positions = [mention.position for mention in mentions]

    def before(self, position: int) -> Optional[PersonMention]:
        index = bisect.bisect_left(self.positions, position)
        return self.mentions[index - 1] if index else None


def resolve_name(name: Span, people: People) -> tuple[str, str]:
    """The fullest form of a name in the document, and a role written with it.

    A single word ("Sullivan") resolves to the longest name containing it,
    the first such name on a tie. A name of several words only grows at its
    end ("Bima Arya" → "Bima Arya Sugiarto"), so "Joko Widodo" never becomes
    "Iriana Joko Widodo".
    """
    words = tuple(t.lower_ for t in name if not t.text.endswith("."))
    alias = alias_of(words, people)
    if alias is not None:
        return alias
    best: Optional[PersonMention] = None
    for person in people.by_word.get(words[0], []) if words else []:
        fits = _contains(person.words, words) if len(words) == 1 else person.words[: len(words)] == words
        if fits and (best is None or len(person.words) > len(best.words) or len(person.words) == len(best.words) and person.role and not best.role):
            best = person
    if best is None:
        return name.text, ""
    return best.text, best.role


def alias_of(words: tuple[str, ...], people: People) -> Optional[tuple[str, str]]:
    """The full name and role behind a short name the article gives ('Cak Imin'), else behind
    a public figure's nickname ('Jokowi') when the article names them no more fully."""
    introduced = people.aliases.get(words)
    if introduced is not None:
        return introduced.text, introduced.role
    full = public_figures().get(words)
    if full is None or any(len(mention.words) > len(words) for word in words for mention in people.by_word.get(word, [])):
        return None  # the article names them more fully itself ('Anies Rasyid Baswedan'), or names someone else so
    named = next((mention for mention in people.mentions if " ".join(mention.words) == full.lower()), None)
    return (named.text, named.role) if named is not None else (full, "")


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    if not shorter or len(shorter) > len(longer):
        return False
    return any(longer[i : i + len(shorter)] == shorter for i in range(len(longer) - len(shorter) + 1))
