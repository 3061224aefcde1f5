"""Indonesian word classes and phrase parsing shared by finding and attribution.

The rules need to know, for any token, whether it is a reporting cue, a role
word, part of an organisation or place name, a personal name, a pronoun or a
function word; and they need to read the noun phrase that names a speaker
("kata Jake Sullivan, penasihat keamanan nasional Biden", "seorang pejabat
Gedung Putih mengatakan"). All vocabulary comes from ``quotes/data``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from spacy.attrs import LOWER, ORTH
from spacy.lang.id.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span, Token

from quotes.lexicon import data_json, data_lines, word_class, word_list

VERB_PREFIX = re.compile(r"^(?:me|ber|di|ter|per)[a-z]{3,}")
# pe(r)-…-an words are nouns, though they look like verbs ('perairan', 'perikanan');
# per-…-kan ones are verbs ('perhatikan').
PER_AN_NOUN = re.compile(r"^pe[a-z]{4,}(?<!k)an$")
DOMAIN = re.compile(r"\.(?:com|co\.id|id|net|org|tv)$", re.IGNORECASE)
INITIAL = re.compile(r"^[A-Z]\.$")
NAME_WORD = re.compile(r"^[A-Za-zÀ-ÿ'’\-]+$")

DETERMINERS = word_class("determiners")
STATEMENT_OWNERS = word_class("statement_owners")
DEMONSTRATIVES = word_class("demonstratives")
PRONOUNS = word_class("singular_pronouns") | word_class("plural_pronouns")
ADVERBS = word_class("adverbs")
PHRASE_STOPS = word_class("phrase_stops")
NOT_VERBS = word_class("not_verbs")
BARE_VERBS = word_class("bare_verbs")
AUXILIARIES = word_class("auxiliaries")
NEGATORS = word_class("negators")
KIN_NOUNS = word_class("kin_nouns")
LOWERCASE_TITLES = word_class("lowercase_titles")
MEMBER_NOUNS = word_class("member_nouns")
COMPANY_FORMS = word_class("company_forms")
PERSON_NOUNS = word_class("person_nouns")
ORGANISATION_HEADS = word_class("organisation_heads")
TERRITORIAL_ROLES = word_class("territorial_roles")
# Kept in order: attribution skips the first connective that matches, finding the longest (ties in this order).
CONNECTIVES = word_list("connectives")


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


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    lexicon = data_json("cues.json")
    cues: dict[str, CueForm] = {}
    # Kept apart: outside headlines these are ordinary verbs ('kami minta maaf').
    headline_cues: dict[str, CueForm] = {}
    for entry in lexicon["cues"]:
        for form in entry["bare"]:
            cues[form] = CueForm(entry["base"], entry["class"], "bare")
            cues[form + "nya"] = CueForm(entry["base"], entry["class"], "clitic")
        for form in entry["verbs"]:
            cues[form] = CueForm(entry["base"], entry["class"], "verb")
        for form in entry["passives"]:
            cues[form] = CueForm(entry["base"], entry["class"], "passive")
        for form in entry.get("headlines", []):
            headline_cues[form] = CueForm(entry["base"], entry["class"], "headline")
    for form in lexicon["according_to"]:
        cues[form] = CueForm(form, "saying", "according")
        cues[form + "nya"] = CueForm(form, "saying", "according")  # 'Menurutnya, …'
    roles = frozenset(tuple(line.lower().split()) for line in data_lines("roles.txt"))
    organisations = frozenset(tuple(line.lower().split()) for line in data_lines("organisations.txt"))
    role_modifiers = frozenset(data_lines("role_modifiers.txt"))
    ranks = frozenset(tuple(line.split()) for line in data_lines("ranks.txt"))
    return Vocabulary(
        cues=cues,
        headline_cues=headline_cues,
        statement_nouns=frozenset(lexicon["statement_nouns"]),
        complementizers=frozenset(lexicon["complementizers"]),
        directive_complementizers=frozenset(lexicon["directive_complementizers"]),
        media_cues=tuple(sorted((tuple(c.split()) for c in lexicon["cited_media_cues"]), key=len, reverse=True)),
        roles=roles,
        role_words=frozenset(word for role in roles for word in role),
        role_modifiers=role_modifiers,
        organisations=organisations,
        organisation_words=frozenset(word for org in organisations for word in org),
        acronym_organisations=frozenset(org[0] for org in organisations if len(org) == 1 and len(org[0]) <= 2),
        media=frozenset(tuple(line.lower().split()) for line in data_lines("media.txt")),
        titles=frozenset(line.lower() for line in data_lines("titles.txt")),
        ranks=ranks,
        function_words=frozenset(STOP_WORDS) | frozenset(data_lines("function_words.txt")),
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
    if lower in AUXILIARIES or lower in BARE_VERBS and not is_capitalised(token):
        return True
    return bool(VERB_PREFIX.match(lower)) and lower not in NOT_VERBS and not PER_AN_NOUN.match(lower) and not is_capitalised(token)


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


@lru_cache(maxsize=1)
def _degrees() -> frozenset[str]:
    return frozenset(line.lower() for line in data_lines("degrees.txt"))


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


@lru_cache(maxsize=1 << 16)
def is_name_word(text: str) -> bool:
    # Cached by text: the attribution asks this of every token, and news repeats its words.
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
        or lower in DETERMINERS
        or lower in STATEMENT_OWNERS
        or lower in KIN_NOUNS
    )


# A capitalised run keeps at least this many words as its personal name when its
# leading words turn out to belong to the role: a one-word name ('Direktur RSUD
# Sidoarjo Atok') cannot be told from a place or an organisation this way.
MIN_NAME_WORDS_AFTER_ROLE = 2
# The model's spans that a person's name never starts inside. Its AFFILIATION spans
# are left out: they ran on into names ('Universitas Sumatera Utara (USU) Inke Nadia').
NOT_NAME_LABELS = frozenset({"ROLE", "LOCATION"})
PLACE_PREPOSITIONS = word_class("place_prepositions")
PLACE_NOUNS = word_class("place_nouns")
PLACE_QUALIFIERS = word_class("place_qualifiers")
NAME_PARTICLES = word_class("name_particles")


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
    words = tuple(_lowers(doc)[start:end])
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
    person_start = _person_span_starts(doc).get(end - 1, end)
    for offset in range(1, min(longest_cut, person_start - start) + 1):
        if words[offset] in lone and words[offset - 1] not in NAME_PARTICLES:
            if not any(k in ranks or is_title(doc[k].text) for k in range(max(start - 1, 0), start + offset)):
                cut = max(cut, offset)
    role_end = _role_span_ends(doc).get(start, 0)
    if role_end - start <= longest_cut:
        cut = max(cut, role_end - start)
    # 'Wali Kota Bogor Bima Arya', 'Kepala Desa Sukamaju Ahmad Fauzi': after a place noun comes its name.
    if follows_place_noun(doc, start):
        cut = max(cut, min(longest_cut, place_name_end(doc, start, end) - start))
    elif words[0] in PLACE_NOUNS:
        cut = max(cut, min(longest_cut, place_name_end(doc, start + 1, end) - start))
    # 'Direktur Utama PT Asabri Adam Damiri', 'Direktur Utama Perum Bulog Budi Waseso'
    if words[0] in COMPANY_FORMS:
        cut = max(cut, min(2, longest_cut))
    elif start > 0 and doc[start - 1].lower_ in COMPANY_FORMS:
        cut = max(cut, 1)
    # A name's first initial stays with it: 'Wakil Ketua Komisi II DPRD Lampung I Made Bagiasa'.
    while cut and len(words[cut - 1]) == 1:
        cut -= 1
    return start + cut


def follows_place_noun(doc: Doc, i: int) -> bool:
    """Whether a capitalised place noun comes just before ``i``: 'Kota Bogor', 'Desa Sukamaju'.
    A lowercase one describes a person ('warga desa Ahmad Fauzi')."""
    return i > 0 and doc[i - 1].lower_ in PLACE_NOUNS and is_capitalised(doc[i - 1])


def place_name_end(doc: Doc, i: int, end: int) -> int:
    """Where a place's name that starts at ``i``, after a place noun, ends (at most ``end``).

    One word and its qualifiers ('Bogor', 'Tangerang Selatan'), or more where
    the document writes the place after 'di'/'ke' ('di Boven Digoel') or the
    model marks it.
    """
    words = _lowers(doc)
    place_end = i + 1
    while place_end < end and words[place_end] in PLACE_QUALIFIERS and is_capitalised(doc[place_end]):
        place_end += 1
    place_end = max(place_end, min(end, _role_span_ends(doc).get(i, 0)))
    for place in places(doc):
        if i + len(place) <= end and tuple(words[i : i + len(place)]) == place:
            place_end = max(place_end, i + len(place))
    return place_end


def _role_span_ends(doc: Doc) -> dict[int, int]:
    """For each token inside one of the model's ROLE or LOCATION spans, where that span ends. Read once per Doc."""
    found = doc.user_data.get(ROLE_SPAN_ENDS_KEY)
    if found is None:
        found = {i: ent.end for ent in doc.ents if ent.label_ in NOT_NAME_LABELS for i in range(ent.start, ent.end)}
        doc.user_data[ROLE_SPAN_ENDS_KEY] = found
    return found


def _person_span_starts(doc: Doc) -> dict[int, int]:
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
        if texts[i].lower() in PLACE_PREPOSITIONS:
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


def _lowers(doc: Doc) -> list[str]:
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
        return bool(words) and words[0] in STATEMENT_OWNERS | vocabulary().statement_nouns and words[-1] in DEMONSTRATIVES and not any(
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
            and (self.labels[0] == ROLE or self.span[0].lower_ in PERSON_NOUNS)
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
        while tokens and (labels[0] in (DET, PUNCT) and tokens[0].lower_ != "para" or labels[0] == STMT):
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


def is_name_cased_acronym(text: str) -> bool:
    """A short organisation written as a name is a name: 'AS' is the United States, 'Rudi As
    Aturridha' and 'Jack Ma' are people."""
    return text.lower() in vocabulary().acronym_organisations and not text.isupper()


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
        member_place = lower in MEMBER_NOUNS
        role_length = match_phrase(words, i - start, v.roles, v.max_role_length)
        org_length = match_phrase(words, i - start, v.organisations, v.max_organisation_length)
        if org_length == 1 and is_name_cased_acronym(token.text):
            org_length = 0
        if lower in PRONOUNS:
            labels.append(PRON)
        elif token.is_punct and token.text in "(),":
            labels.append(PUNCT)
        elif is_bracketed_number(token):
            labels.append(PUNCT)
        elif lower in DETERMINERS:
            labels.append(DET)
        elif lower in PERSON_NOUNS:
            labels.append(MOD)
        elif lower in KIN_NOUNS:
            # 'kata suami Neni' is Neni's husband speaking; 'Ayah korban, Suparman' is a role.
            labels.append(MOD if i + 1 < end and is_name_token(doc[i + 1]) else ROLE)
        elif is_title(lower) and (is_capitalised(token) or lower.rstrip(".") in LOWERCASE_TITLES):
            labels.append(ROLE)
        elif lower in STATEMENT_OWNERS or lower in v.statement_nouns:
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
    position_words = (v.role_words | v.role_modifiers) - ORGANISATION_HEADS
    lowers = _lowers(doc)
    while start < end and lowers[start] not in position_words | ORGANISATION_HEADS:
        start += 1
    if start == end:
        return []
    if lowers[start] in ORGANISATION_HEADS:
        return [(start, end, "AFFILIATION")]
    territorial = lowers[start] in TERRITORIAL_ROLES
    depth = 0
    head = other = None
    for i in range(start + 1, end):
        token = doc[i]
        if token.text in ("(", ")"):
            depth = depth + 1 if token.text == "(" else max(depth - 1, 0)
            continue
        if depth or not token.is_alpha or territorial:
            territorial = territorial or lowers[i] in TERRITORIAL_ROLES
            continue
        # 'Komnas HAM', 'Hukum dan HAM': an acronym that continues a name does not open one.
        opens_acronym = is_acronym(token) and lowers[i - 1] not in ORGANISATION_HEADS and lowers[i - 1] != "dan"
        if lowers[i] in ORGANISATION_HEADS or opens_acronym:
            head = i
            break
        if other is None and is_capitalised(token) and lowers[i] not in position_words and not is_title(token.text):
            other = i
        territorial = lowers[i] in TERRITORIAL_ROLES
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
    if token.is_space or lower in PHRASE_STOPS or cue_form(token) is not None and not is_capitalised(token):
        return False
    if token.is_punct:
        return token.text in "()"
    if token.like_num and lower not in DETERMINERS:
        return False
    if is_capitalised(token) or lower in DETERMINERS or lower in PRONOUNS:
        return True
    v = vocabulary()
    if lower in v.role_words or lower in v.role_modifiers or lower in STATEMENT_OWNERS or lower in v.statement_nouns:
        return True
    if lower in DEMONSTRATIVES:
        return True
    return allow_lowercase and not is_verb_like(token) and lower not in v.function_words


def points_back(span: Span) -> bool:
    """'Lelaki itu', 'Menteri Keuangan ini': a phrase closed by a demonstrative, with no clause in it."""
    return len(span) > 1 and span[-1].lower_ in DEMONSTRATIVES and not any(t.lower_ == "yang" for t in span)


def has_referent(labels: list[str]) -> bool:
    return any(label in (NAME, ORG, ROLE, PRON, STMT) for label in labels) or (
        bool(labels) and labels[0] == DET and MOD in labels
    )


MAX_PHRASE_TOKENS = 16
NAME_JOINERS = word_class("name_joiners")


def _joins_names(doc: Doc, i: int, limit: int) -> bool:
    """'Energi dan Sumber Daya Mineral', 'SMA Negeri 1 Giri', 'Kementerian Dalam Negeri':
    a joiner inside a capitalised name, or a preposition capitalised as part of one."""
    token = doc[i]
    if not (token.lower_ in NAME_JOINERS or token.like_num or token.lower_ in PHRASE_STOPS and is_capitalised(token)):
        return False
    return 0 < i and i + 1 < limit and is_capitalised(doc[i - 1]) and is_capitalised(doc[i + 1])


def read_right(doc: Doc, start: int, limit: int, descriptive_tail: bool = False) -> Optional[Phrase]:
    """Read a speaker phrase that starts at ``start`` (after a cue)."""
    end = start
    while end < limit and end - start < MAX_PHRASE_TOKENS and (phrase_token_ok(doc[end], allow_lowercase=True) or _joins_names(doc, end, limit)):
        if doc[end].lower_ in DEMONSTRATIVES and end > start and doc[end - 1].lower_ not in STATEMENT_OWNERS | vocabulary().statement_nouns:
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
    if descriptive_tail and end < limit and doc[end].lower_ == "yang" and NAME not in labels:
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
        elif depth == 0 and not phrase_token_ok(token, allow_lowercase=True) and not _joins_names(doc, start - 1, end):
            break
        start -= 1
    # Leading lowercase words that are not part of a noun phrase (adverbs, verbs) are cut off.
    while start < end and not is_capitalised(doc[start]) and doc[start].lower_ not in DETERMINERS | PRONOUNS and doc[start].lower_ not in vocabulary().role_words and doc[start].lower_ not in STATEMENT_OWNERS:
        start += 1
    if start == end:
        return None
    labels = label_tokens(doc, start, end)
    if not has_referent(labels) and not (doc[start].lower_ in PERSON_NOUNS and points_back(doc[start:end])):
        return None
    return Phrase(doc[start:end], labels)
