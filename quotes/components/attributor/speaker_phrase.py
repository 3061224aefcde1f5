"""Trimming and extending the speaker phrase read at a cue: its zone, a fronted name, a subject before a channel."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Span, Token

from quotes.components.attributor.media import is_media
from quotes.components.structure import after_connective
from quotes.lang.lexicon import word_classes
from quotes.lang.phrases import (
    NAME,
    ORG,
    PUNCT,
    ROLE,
    STMT,
    Phrase,
    joins_names,
    label_tokens,
    name_start,
    phrase_token_ok,
    read_left,
)
from quotes.lang.words import (
    affixes,
    is_bracketed_number,
    is_capitalised,
    is_name_word,
    is_quote_mark,
    vocabulary,
)

MIN_CLOSING_NAME_WORDS = 2


def speaker_zone_phrase(doc: Doc, phrase: Phrase, cue: Span, sentence_end: int) -> Phrase:
    """Fix a speaker phrase read after its cue from the clause that follows it.

    - A media citation in brackets is not part of the speaker: '…,” ujar Ketua
      Komnas Perempuan Siti Aminah (Kompas, 12/3/2021).'
    - A role chain ends with the person's name: 'kata analis perikanan Balai
      Riset Budidaya Lampung, Yusuf Hidayat, di Bandar Lampung', 'ujar Menteri
      Perindustrian/Kepala BSN Agus Gumiwang Kartasasmita saat …'. When the
      phrase has no personal name at its head, or its name is followed by more
      of the organisation ('Rumah Sakit Umum Daerah Dr Soetomo, Rina
      Wulandari'), a run of at least two name words that closes the speaker
      clause is the person.
    """
    span = phrase.span
    if span.start < cue.end:
        return phrase
    cut = _media_citation_at(doc, span.start, span.end)
    if cut is not None:
        if cut == span.start:
            return phrase
        labels = phrase.labels[: cut - span.start]
        while labels and labels[-1] == PUNCT:
            labels.pop()
            cut -= 1
        phrase = Phrase(doc[span.start : cut], labels)
        span = phrase.span
        if not labels:
            return phrase
    end = _speaker_clause_end(doc, span.start, sentence_end)
    run = closing_name(doc, span.start, end)
    if run is None:
        return phrase
    person = phrase.person()
    if person is not None and person.end == run.end and person.start < run.start:
        # 'Kepala Dinas Perdagangan Sulbar Hendra Wijaya': the place before the name belongs to the role.
        labels = [
            ORG if person.start <= span.start + offset < run.start or label == PUNCT and doc[span.start + offset].text in "()" else label
            for offset, label in enumerate(phrase.labels)
        ]
        return Phrase(span, labels)
    if person is not None and (person.start == span.start or person.start >= run.start or _closes_segment(doc, person.end, end)):
        return phrase
    # Everything before the name describes the person: role or organisation.
    before = [
        PUNCT if doc[span.start + offset].text in "()" else ORG if label == ORG else ROLE
        for offset, label in enumerate(label_tokens(doc, span.start, run.start))
    ]
    return Phrase(doc[span.start : run.end], before + [NAME] * len(run))


def fronted_name_phrase(doc: Doc, phrase: Phrase, cue: Span, sentence_start: int) -> Phrase:
    """'Rina Suryani, kepala bagian komunikasi PT X, menjelaskan …': the subject is the name
    that opens the sentence, and the apposition between commas is the role."""
    span = phrase.span
    if span.end > cue.start or phrase.person() is not None and phrase.person().start == span.start:
        return phrase
    start = after_connective(doc, sentence_start, cue.start)
    name = opening_name(doc, start, cue.start)
    if name is None or not name.end < span.start:
        return phrase
    end = span.end
    labels = [NAME] * len(name) + [
        PUNCT if doc[k].text in ",()" or is_bracketed_number(doc[k]) else ORG if doc[k].lower_ in vocabulary().organisation_words else ROLE
        for k in range(name.end, end)
    ]
    return Phrase(doc[name.start : end], labels)


def subject_before_channel(doc: Doc, phrase: Phrase, cue: Span, sentence_start: int) -> Phrase:
    """'Kepala Dinas Kesehatan Nina Susana dalam keterangan tertulis, Senin, mengatakan …':
    the statement is the channel, the person before it is the subject."""
    span = phrase.span
    if span.end > cue.start or not phrase.labels or phrase.labels[0] != STMT or span.start <= sentence_start:
        return phrase
    if doc[span.start - 1].lower_ not in word_classes().channel_openers:
        return phrase
    subject = read_left(doc, span.start - 1, sentence_start)
    if subject is None or subject.person() is None:
        return phrase
    return subject


def _media_citation_at(doc: Doc, start: int, end: int) -> Optional[int]:
    """Where '(Kompas, 2/7/2020)' or '(Antara)' opens inside tokens start..end+1."""
    for k in range(start, min(end + 1, len(doc) - 1)):
        if doc[k].text == "(" and is_media(doc[k + 1 : k + 2]) and (k + 2 >= len(doc) or doc[k + 2].text in ",)"):
            return k
    return None


def _speaker_clause_end(doc: Doc, start: int, limit: int) -> int:
    """Where the words naming a speaker after a cue stop: at a place, time or circumstance, a verb or the sentence end."""
    classes = word_classes()
    noun_circumfix = affixes().noun_circumfix
    k = start
    while k < limit:
        token = doc[k]
        if token.text == "(":
            close = k + 1
            while close < limit and doc[close].text != ")":
                close += 1
            inside = doc[k + 1 : close]
            if close >= limit or any(ch.isdigit() for ch in inside.text) or is_media(inside):
                break
            k = close + 1
            continue
        if token.text == "," and k + 1 < limit and doc[k + 1].lower_ in vocabulary().function_words:
            break  # ', Senin (5/1/2021)', ', Sementara …': the date or the next clause
        if token.text in ",/" or token.lower_ in classes.name_joiners or joins_names(doc, k, limit):
            k += 1
            continue
        if token.lower_ in classes.relative_markers and k + 1 < limit and doc[k + 1].lower_ in classes.appositive_adverbs:
            k += 2  # 'Kepala BNPB yang juga Ketua Satgas …'
            continue
        if noun_circumfix.match(token.text):
            k += 1  # 'analis perikanan', 'Dinas Perhubungan': a noun, though it looks like a verb
            continue
        if is_quote_mark(token) or not phrase_token_ok(token, allow_lowercase=True):
            break
        k += 1
    while k > start and doc[k - 1].text in ",/(":
        k -= 1
    return k


def closing_name(doc: Doc, start: int, end: int) -> Optional[Span]:
    """The run of personal-name words (initials and short acronyms inside it allowed) that ends at ``end``."""
    j = end
    while j > start and (is_name_word(doc[j - 1].text) or _is_name_initial(doc, j - 1, start, end)):
        j -= 1
    run = doc[j:end]
    if j == start or sum(1 for t in run if is_name_word(t.text) and len(t.text) > 1) < MIN_CLOSING_NAME_WORDS:
        return None
    if not is_name_word(run[0].text) or not _may_precede_name(doc[j - 1]):
        return None
    # 'Kepala Dinas Perdagangan Sulbar Hendra Wijaya': a place the article also writes as 'ke Sulbar' is not his name.
    return doc[name_start(doc, j, end) : end]


def apposed_name(doc: Doc, start: int, end: int) -> Optional[Span]:
    """'Ayah korban, Suparman, berharap …': a name of any length set off by commas after its role."""
    j = end
    while j > start and is_name_word(doc[j - 1].text):
        j -= 1
    if j == end or j - 1 <= start or doc[j - 1].text != "," or end >= len(doc) or doc[end].text != ",":
        return None
    return doc[j:end]


def _may_precede_name(token: Token) -> bool:
    """A name in a role chain follows punctuation, a role or a capitalised organisation,
    not a common noun ('warga Kampung Melayu Besar' is a place)."""
    v = vocabulary()
    lower = token.lower_.rstrip(".")
    numbered = token.like_num and token.i > 0 and is_capitalised(token.doc[token.i - 1])  # 'Ketua RW 001', 'SMA Negeri 1'
    role = (lower in v.role_words or lower in v.titles) and lower not in word_classes().member_nouns
    return token.text in ",/)" or is_capitalised(token) or numbered or lower in word_classes().name_joiners or role


def _is_name_initial(doc: Doc, k: int, start: int, end: int) -> bool:
    """'MD' in 'Agus MD Santoso': a short capital abbreviation between name words."""
    text = doc[k].text.rstrip(".")
    return 1 <= len(text) <= 3 and text.isupper() and text.isalpha() and start < k < end - 1 and is_name_word(doc[k - 1].text)


def _closes_segment(doc: Doc, k: int, end: int) -> bool:
    """A name followed by the clause end or by an appositive role ('Jake Sullivan, penasihat …')."""
    return k >= end or doc[k].text == "," and k + 1 < end and not is_capitalised(doc[k + 1])


def opening_name(doc: Doc, start: int, end: int) -> Optional[Span]:
    """'Rina Suryani, Kepala Humas PT X, menjelaskan …': a name opening the sentence, then its role.

    An age in brackets marks a person even by one name: 'Jatra (53), sopir angkutan itu, meminta …'.
    """
    name_end = start
    while name_end < end and is_name_word(doc[name_end].text):
        name_end += 1
    stop = name_end
    aged = stop + 2 < end and doc[stop].text == "(" and doc[stop + 1].like_num and doc[stop + 2].text == ")"
    if aged:
        stop += 3
    if name_end - start < (1 if aged else MIN_CLOSING_NAME_WORDS) or stop + 1 >= end or doc[stop].text != ",":
        return None
    following = doc[stop + 1 : min(end, stop + 4)]
    if any(is_role_word(t) for t in following):
        return doc[start:name_end]
    # 'Rina Suryani, Head of Corporate Communications PT X, menjelaskan': a capitalised apposition between commas.
    close = stop + 1
    while close < end and doc[close].text != "," and (is_capitalised(doc[close]) or doc[close].text in "()" or doc[close].lower_ in word_classes().name_joiners):
        close += 1
    if close > stop + 1 and close < end and doc[close].text == ",":
        return doc[start:name_end]
    return None


def is_role_word(token: Token) -> bool:
    v = vocabulary()
    lower = token.lower_.rstrip(".")
    return lower in v.role_words or lower in v.titles or lower in word_classes().kin_nouns


