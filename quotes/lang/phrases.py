"""The speaker-phrase reader: labels the words around a cue as role, organisation, name, determiner … and finds where a name starts and ends."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from spacy.tokens import Doc, Span, Token

from quotes.lang.doc_words import (
    lone_names,
    lowercase_tokens,
    lowercase_words,
    person_span_starts,
    places,
    rank_tokens,
    role_span_ends,
)
from quotes.lang.lexicon import word_classes
from quotes.lang.words import (
    DOMAIN,
    affixes,
    cue_form,
    is_acronym,
    is_bracketed_number,
    is_capitalised,
    is_name_cased_acronym,
    is_name_token,
    is_title,
    is_verb_like,
    match_phrase,
    pronouns,
    vocabulary,
)

# A capitalised run keeps at least this many words as its personal name when its
# leading words turn out to belong to the role: a one-word name ('Direktur RSUD
# Sidoarjo Atok') cannot be told from a place or an organisation this way.
MIN_NAME_WORDS_AFTER_ROLE = 2


def name_start(doc: Doc, start: int, end: int) -> int:
    """Where the personal name begins in the capitalised run ``doc[start:end]``.

    A role's organisation or place often runs straight into the name:
    'Wali Kota Bogor Bima Arya Prasetyo', 'Kepala Badan Koordinasi Penanaman
    Modal Bahlil Lahadalia'. A leading word belongs to the role when the
    article also writes it in lowercase (a common noun: 'modal') and never
    alone as a name ('kata Aman'), as a place ('di Bogor'), or inside one of
    the model's ROLE or LOCATION spans; what follows it must still have
    ``MIN_NAME_WORDS_AFTER_ROLE`` words. A place written at the very start may
    leave a one-word name ('Kepala Desa Tanjung Priok Sumarni', where the
    article also writes 'di Tanjung Priok').
    """
    words = tuple(lowercase_tokens(doc)[start:end])
    size = len(words)
    known_places = places(doc)
    cut = max((len(place) for place in known_places if len(place) < size and words[: len(place)] == place), default=0)
    longest_cut = size - MIN_NAME_WORDS_AFTER_ROLE
    if longest_cut <= 0:
        return start + cut
    lowercase, lone = lowercase_words(doc), lone_names(doc)
    for offset in range(longest_cut):
        if words[offset] in lowercase and words[offset] not in lone:
            cut = max(cut, offset + 1)
        for length in range(1, longest_cut - offset + 1):
            if words[offset : offset + length] in known_places:
                cut = max(cut, offset + length)
    # 'Ketua Pusat Kajian Universitas Gadjah Mada Oce Madril', written later as 'kata Oce': a word the
    # article uses alone as a name, with more of the name after it, starts the name, unless a
    # particle that such names open with comes before it ('Muhammad Arif Angga' is 'Arif'), or a
    # rank or title, which sits right before a personal name ('Komisaris Besar Stefanus Satake
    # Bayu Setianto' is 'Satake', 'Pater John Jonga' is 'John'). The model's PERSON span, where it
    # ends the run, knows better ('Universitas Diponegoro Yohanes Bambang Mulyono' is 'Bambang').
    ranks = rank_tokens(doc)
    person_start = person_span_starts(doc).get(end - 1, end)
    for offset in range(1, min(longest_cut, person_start - start) + 1):
        if words[offset] in lone and words[offset - 1] not in word_classes().name_particles:
            if not any(k in ranks or is_title(doc[k].text) for k in range(max(start - 1, 0), start + offset)):
                cut = max(cut, offset)
    role_end = role_span_ends(doc).get(start, 0)
    if role_end - start <= longest_cut:
        cut = max(cut, role_end - start)
    # 'Wali Kota Bogor Bima Arya', 'Kepala Desa Sukamaju Ahmad Fauzi': after a place noun comes its name.
    if follows_place_noun(doc, start):
        cut = max(cut, min(longest_cut, place_name_end(doc, start, end) - start))
    elif words[0] in word_classes().place_nouns:
        cut = max(cut, min(longest_cut, place_name_end(doc, start + 1, end) - start))
    # 'Direktur Utama PT Asabri Adam Damiri', 'Direktur Utama Perum Bulog Budi Waseso'
    if words[0] in word_classes().company_forms:
        cut = max(cut, min(2, longest_cut))
    elif start > 0 and doc[start - 1].lower_ in word_classes().company_forms:
        cut = max(cut, 1)
    # A name's first initial stays with it: 'Wakil Ketua Komisi II DPRD Lampung I Made Bagiasa'.
    while cut and len(words[cut - 1]) == 1:
        cut -= 1
    return start + cut


def follows_place_noun(doc: Doc, i: int) -> bool:
    """Whether a capitalised place noun comes just before ``i``: 'Kota Bogor', 'Desa Sukamaju'.
    A lowercase one describes a person ('warga desa Ahmad Fauzi')."""
    return i > 0 and doc[i - 1].lower_ in word_classes().place_nouns and is_capitalised(doc[i - 1])


def place_name_end(doc: Doc, i: int, end: int) -> int:
    """Where a place's name that starts at ``i``, after a place noun, ends (at most ``end``).

    One word and its qualifiers ('Bogor', 'Tangerang Selatan'), or more where
    the document writes the place after 'di'/'ke' ('di Boven Digoel') or the
    model marks it.
    """
    words = lowercase_tokens(doc)
    place_end = i + 1
    while place_end < end and words[place_end] in word_classes().place_qualifiers and is_capitalised(doc[place_end]):
        place_end += 1
    place_end = max(place_end, min(end, role_span_ends(doc).get(i, 0)))
    for place in places(doc):
        if i + len(place) <= end and tuple(words[i : i + len(place)]) == place:
            place_end = max(place_end, i + len(place))
    return place_end


# Segment labels of a speaker phrase.
DET, STMT, ROLE, ORG, NAME, MOD, PRON, PUNCT = "DET", "STMT", "ROLE", "ORG", "NAME", "MOD", "PRON", "PUNCT"


@dataclass
class Phrase:
    """A speaker phrase: its tokens labelled as role, organisation, name, etc."""

    span: Span
    labels: list[str] = field(default_factory=list)

    @property
    def doc(self) -> Doc:
        return self.span.doc

    def runs(self, label: str) -> list[Span]:
        result: list[Span] = []
        start = None
        for offset, tag in enumerate(self.labels + [""]):
            if tag == label and start is None:
                start = offset
            elif tag != label and start is not None:
                result.append(self.span[start:offset])
                start = None
        return result

    @property
    def is_pronoun(self) -> bool:
        return self.labels == [PRON]

    @property
    def is_anaphoric_statement(self) -> bool:
        """'pernyataan itu': the statement of someone named before."""
        words = [t.lower_ for t in self.span]
        return bool(words) and words[0] in word_classes().statement_owners | vocabulary().statement_nouns and words[-1] in word_classes().demonstratives and not any(
            label in (NAME, ORG, ROLE) for label in self.labels
        )

    @property
    def is_definite_description(self) -> bool:
        """'Bendahara negara itu', 'Pria kelahiran Solo ini': someone already written about, described.

        A determiner first ('kedua menteri itu') makes it plural or indefinite, and
        a clause ('sopir yang mengaku … ini') tells of someone the article may not have named.
        """
        return (
            points_back(self.span)
            and (self.labels[0] == ROLE or heads_a_description(self.span[0]))
            and self.person() is None
        )

    def person(self) -> Optional[Span]:
        """The personal name this phrase refers to, if any.

        A name counts only as the head of the phrase: at its start or after a
        role, organisation, title or determiner ("Presiden AS Joe Biden"). A
        name after a common noun is a possessor ("pejabat pemerintahan Biden").
        """
        for run in reversed(self.runs(NAME)):
            offset = run.start - self.span.start
            if offset == 0:
                return run
            previous = self.labels[offset - 1]
            if previous in (ROLE, ORG, DET, PUNCT):
                return run
        return None

    def role_text(self) -> str:
        person = self.person()
        tokens = [
            t for offset, t in enumerate(self.span)
            if self.labels[offset] in (ROLE, ORG, MOD, NAME, STMT) and (person is None or not (person.start <= t.i < person.end))
            and not (self.labels[offset] == STMT)
        ]
        if person is None or not tokens:
            return ""
        # A rank or honorific just before the name ('… Polda Jambi Komisaris Besar', 'Prof Dr')
        # is a title, not the position, unless it is all there is ('kata Komjen Agus').
        ranks = rank_tokens(self.doc)
        while len(tokens) > 1 and tokens[-1].i < person.start and (tokens[-1].i in ranks or is_title(tokens[-1].text)):
            tokens.pop()
        return _join(tokens)

    def description(self) -> str:
        """The speaker as a description, for phrases without a personal name."""
        tokens = list(self.span)
        labels = list(self.labels)
        kept_determiners = word_classes().plural_determiners
        while tokens and (labels[0] in (DET, PUNCT) and tokens[0].lower_ not in kept_determiners or labels[0] == STMT):
            tokens.pop(0)
            labels.pop(0)
        while tokens and labels[-1] == PUNCT:
            tokens.pop()
            labels.pop()
        if len(tokens) > 1 and points_back(self.span):
            tokens.pop()  # 'pejabat itu', with no one to point back to, is 'pejabat'
        return _join(tokens)


def _join(tokens: list[Token]) -> str:
    # Tokens left out between two kept ones ('(Pol)') still leave a space: 'Pol Raden', not 'PolRaden'.
    text = "".join(
        token.text_with_ws + (" " if following is not None and following.i != token.i + 1 and not token.whitespace_ else "")
        for token, following in zip(tokens, [*tokens[1:], None])
    ).strip()
    text = re.sub(r"\s*\([^()]*\)?\s*$", "", text)  # a trailing "(AS)" restates the name
    return re.sub(r"\s*,\s*$", "", text)


def label_tokens(doc: Doc, start: int, end: int) -> list[str]:
    """Label tokens[start:end] of a candidate speaker phrase."""
    v = vocabulary()
    labels: list[str] = []
    words = tuple(doc[k].lower_ for k in range(start, end))
    i = start
    previous = ""
    ranks = rank_tokens(doc)
    # After 'warga', 'siswa' …, capitalised words are where that person lives or studies.
    member_place = False
    while i < end:
        token = doc[i]
        lower = words[i - start]
        if i in ranks:
            labels.append(ROLE)
            previous = ROLE
            i += 1
            continue
        if member_place and is_name_token(token):
            labels.append(ORG)
            previous = ORG
            i += 1
            continue
        member_place = lower in word_classes().member_nouns
        role_length = match_phrase(words, i - start, v.roles, v.max_role_length)
        org_length = match_phrase(words, i - start, v.organisations, v.max_organisation_length)
        if org_length == 1 and is_name_cased_acronym(token.text):
            org_length = 0
        if lower in pronouns():
            labels.append(PRON)
        elif token.is_punct and token.text in "(),":
            labels.append(PUNCT)
        elif is_bracketed_number(token):
            labels.append(PUNCT)
        elif lower in word_classes().determiners:
            labels.append(DET)
        elif lower in word_classes().person_nouns:
            labels.append(MOD)
        elif lower in word_classes().kin_nouns:
            # 'kata suami Neni' is Neni's husband speaking; 'Ayah korban, Suparman' is a role.
            labels.append(MOD if i + 1 < end and is_name_token(doc[i + 1]) else ROLE)
        elif is_title(lower) and (is_capitalised(token) or lower.rstrip(".") in word_classes().lowercase_titles):
            labels.append(ROLE)
        elif lower in word_classes().statement_owners or lower in v.statement_nouns:
            labels.append(STMT)
        elif role_length >= org_length and role_length:
            labels.extend([ROLE] * role_length)
            i += role_length
            previous = ROLE
            continue
        elif org_length:
            labels.extend([ORG] * org_length)
            i += org_length
            previous = ORG
            continue
        elif lower in v.role_modifiers and previous in (ROLE, MOD, ORG):
            labels.append(ROLE if is_capitalised(token) else MOD)
        elif is_acronym(token) or DOMAIN.search(token.text):
            labels.append(ORG)
        elif previous == ROLE and i > start and follows_place_noun(doc, i) and is_capitalised(token):
            # 'Wali Kota Tangerang Selatan Benyamin Davnie': the role's place, not the name.
            place_end = place_name_end(doc, i, end)
            labels.extend([ORG] * (place_end - i))
            i = place_end
            previous = ORG
            continue
        elif is_name_token(token):
            labels.append(NAME)
        elif is_capitalised(token) and previous in (ROLE, ORG):
            labels.append(ORG)
        else:
            labels.append(MOD)
        previous = labels[-1]
        i += 1
    return _spelled_out_acronyms(doc, start, _names_after_roles(doc, start, labels))


def role_and_affiliation(doc: Doc, start: int, end: int) -> list[tuple[int, int, str]]:
    """Split the title written before a name, ``doc[start:end]``, into PFSA-ID's ROLE and
    AFFILIATION spans: the position, then the organisation from its first head word or acronym
    ('Kepala Seksi Kedaruratan | BPBD Jabar', 'Direktur | Dinas Kesehatan Kalsel'), or else from
    the first capitalised word that is no part of a position ('CEO | Bukalapak'). A
    territorial position keeps its place ('Gubernur Jawa Timur'). Words before the first
    position or head word are not part of the title."""
    v = vocabulary()
    classes = word_classes()
    position_words = (v.role_words | v.role_modifiers) - classes.organisation_heads
    lowers = lowercase_tokens(doc)
    while start < end and lowers[start] not in position_words | classes.organisation_heads:
        start += 1
    if start == end:
        return []
    if lowers[start] in classes.organisation_heads:
        return [(start, end, "AFFILIATION")]
    territorial = lowers[start] in classes.territorial_roles
    depth = 0
    head = other = None
    for i in range(start + 1, end):
        token = doc[i]
        if token.text in ("(", ")"):
            depth = depth + 1 if token.text == "(" else max(depth - 1, 0)
            continue
        if depth or not token.is_alpha or territorial:
            territorial = territorial or lowers[i] in classes.territorial_roles
            continue
        # 'Komnas HAM', 'Hukum dan HAM': an acronym that continues a name does not open one.
        opens_acronym = is_acronym(token) and lowers[i - 1] not in classes.organisation_heads and lowers[i - 1] not in classes.acronym_joiners
        if lowers[i] in classes.organisation_heads or opens_acronym:
            head = i
            break
        if other is None and is_capitalised(token) and lowers[i] not in position_words and not is_title(token.text):
            other = i
        territorial = lowers[i] in classes.territorial_roles
    split = head if head is not None else other
    if split is None:
        return [(start, end, "ROLE")]
    return [(start, split, "ROLE"), (split, end, "AFFILIATION")]


def _spelled_out_acronyms(doc: Doc, start: int, labels: list[str]) -> list[str]:
    """'Badan Nasional Penanggulangan Bencana (BNPB)': capitalised words whose initials the
    bracketed acronym after them spells are an organisation, not a person's name."""
    for offset in range(len(labels) - 2):
        opening, acronym = doc[start + offset], doc[start + offset + 1]
        if opening.text != "(" or not is_acronym(acronym):
            continue
        letters = acronym.text.lower()
        first = offset
        while first > 0 and len(letters) > offset - first and is_capitalised(doc[start + first - 1]):
            first -= 1
        words = [doc[start + k].lower_ for k in range(first, offset)]
        # An organisation word must be among them: 'Susilo Bambang Yudhoyono (SBY)' is a person.
        if "".join(word[0] for word in words) == letters and any(word in vocabulary().organisation_words for word in words):
            labels[first:offset] = [ORG] * (offset - first)
    return labels


def _names_after_roles(doc: Doc, start: int, labels: list[str]) -> list[str]:
    """Relabel as organisation the leading words of each name run that belong to the role (see ``name_start``)."""
    offset = 0
    while offset < len(labels):
        if labels[offset] != NAME:
            offset += 1
            continue
        run_end = offset
        while run_end < len(labels) and labels[run_end] == NAME:
            run_end += 1
        if offset > 0 and labels[offset - 1] in (ROLE, ORG):
            cut = name_start(doc, start + offset, start + run_end) - start
            labels[offset:cut] = [ORG] * (cut - offset)
        offset = run_end
    return labels


def phrase_token_ok(token: Token, allow_lowercase: bool) -> bool:
    lower = token.lower_
    if token.is_space or lower in word_classes().phrase_stops or cue_form(token) is not None and not is_capitalised(token):
        return False
    if token.is_punct:
        return token.text in "()"
    if token.like_num and lower not in word_classes().determiners:
        return False
    if is_capitalised(token) or lower in word_classes().determiners or lower in pronouns():
        return True
    v = vocabulary()
    if lower in v.role_words or lower in v.role_modifiers or lower in word_classes().statement_owners or lower in v.statement_nouns:
        return True
    if lower in word_classes().demonstratives:
        return True
    return allow_lowercase and not is_verb_like(token) and lower not in v.function_words


def points_back(span: Span) -> bool:
    """'Lelaki itu', 'Menteri Keuangan ini': a phrase closed by a demonstrative, with no clause in it."""
    classes = word_classes()
    return len(span) > 1 and span[-1].lower_ in classes.demonstratives and not any(t.lower_ in classes.relative_markers for t in span)


def has_referent(labels: list[str]) -> bool:
    return any(label in (NAME, ORG, ROLE, PRON, STMT) for label in labels) or (
        bool(labels) and labels[0] == DET and MOD in labels
    )


MAX_PHRASE_TOKENS = 16


def joins_names(doc: Doc, i: int, limit: int) -> bool:
    """'Energi dan Sumber Daya Mineral', 'SMA Negeri 1 Giri', 'Kementerian Dalam Negeri':
    a joiner inside a capitalised name, or a preposition capitalised as part of one."""
    token = doc[i]
    if not (token.lower_ in word_classes().name_joiners or token.like_num or token.lower_ in word_classes().phrase_stops and is_capitalised(token)):
        return False
    return 0 < i and i + 1 < limit and is_capitalised(doc[i - 1]) and is_capitalised(doc[i + 1])


def read_right(doc: Doc, start: int, limit: int, descriptive_tail: bool = False) -> Optional[Phrase]:
    """Read a speaker phrase that starts at ``start`` (after a cue)."""
    end = start
    while end < limit and end - start < MAX_PHRASE_TOKENS and (phrase_token_ok(doc[end], allow_lowercase=True) or joins_names(doc, end, limit)):
        if doc[end].lower_ in word_classes().demonstratives and end > start and doc[end - 1].lower_ not in word_classes().statement_owners | vocabulary().statement_nouns:
            if end + 1 >= limit or doc[end + 1].is_punct:
                end += 1  # 'Menurut politikus PDI-P itu, …': it closes the phrase
            break
        end += 1
    if end == start:
        return None
    labels = label_tokens(doc, start, end)
    # "kata penasihat keamanan nasional AS, Jake Sullivan": a name in apposition;
    # after a pronoun the name opens the content ('Menurut dia, Kemenhaj tidak …').
    if end + 1 < limit and doc[end].text == "," and is_name_token(doc[end + 1]) and NAME not in labels and PRON not in labels:
        name_end = end + 1
        while name_end < limit and is_name_token(doc[name_end]):
            name_end += 1
        labels = label_tokens(doc, start, name_end)
        labels[end - start] = PUNCT
        end = name_end
    # "menurut dua sumber yang mengetahui penilaian intelijen terbaru."
    if descriptive_tail and end < limit and doc[end].lower_ in word_classes().relative_markers and NAME not in labels:
        tail = end
        while tail < limit and not doc[tail].is_punct and not doc[tail].is_space:
            tail += 1
        if tail >= limit or doc[tail].text in ".!?":
            # The clause describes the speaker; a name in it is someone else ('yang berkerabat dengan Guru Demar').
            labels = labels + [MOD] * (tail - end)
            end = tail
    while end > start and labels and labels[-1] == PUNCT and doc[end - 1].text != ")":
        end -= 1
        labels.pop()
    if not has_referent(labels):
        return None
    return Phrase(doc[start:end], labels)


def read_left(doc: Doc, end: int, limit: int) -> Optional[Phrase]:
    """Read a speaker phrase that ends just before ``end`` (the subject of a cue verb)."""
    start = end
    depth = 0
    while start > limit and end - start < MAX_PHRASE_TOKENS:
        token = doc[start - 1]
        if token.text == ")":
            depth += 1
        elif token.text == "(" and depth:
            depth -= 1
        elif depth == 0 and not phrase_token_ok(token, allow_lowercase=True) and not joins_names(doc, start - 1, end):
            break
        start -= 1
    # Leading lowercase words that are not part of a noun phrase (adverbs, verbs) are cut off.
    while start < end and not is_capitalised(doc[start]) and doc[start].lower_ not in word_classes().determiners | pronouns() and doc[start].lower_ not in vocabulary().role_words and doc[start].lower_ not in word_classes().statement_owners:
        start += 1
    if start == end:
        return None
    start = _description_start(doc, start, end, limit)
    labels = label_tokens(doc, start, end)
    if not has_referent(labels) and not (doc[start].lower_ in word_classes().person_nouns and points_back(doc[start:end])):
        return None
    return Phrase(doc[start:end], labels)


MAX_DESCRIPTION_WORDS = 4


def heads_a_description(token: Token) -> bool:
    """'pria', 'putri', 'warga', 'juru (taktik)': a noun that can head a description of a person."""
    classes, lower = word_classes(), token.lower_
    return (
        lower in classes.person_nouns
        or lower in classes.kin_nouns
        or lower in classes.relation_nouns and token.is_lower
        or lower in classes.member_nouns
        or lower in vocabulary().role_words
    )


def _description_start(doc: Doc, start: int, end: int, limit: int) -> int:
    """Where a description that points back starts when a name read as the subject is only its modifier.

    'pria asal Sumatra Barat itu', 'putri Lydia Kandau ini', 'Juru taktik berpaspor
    Portugal itu': the place, parent or country is not who speaks; the person
    described is, and the description starts at its head noun.
    """
    if not is_capitalised(doc[start]) or not points_back(doc[start:end]):
        return start
    classes = word_classes()
    found = start
    k = start - 1
    while k >= max(limit, start - MAX_DESCRIPTION_WORDS):
        token = doc[k]
        lower = token.lower_
        if token.is_punct or token.is_space or lower in classes.demonstratives or cue_form(token) is not None:
            break
        if heads_a_description(token):
            found = k
        elif is_verb_like(token) and not affixes().participle_prefix.match(lower):
            break  # 'Menanggapi …': the clause before the subject
        k -= 1
    return found
