"""Evidence from the statistical model: its PERSON, ROLE, AFFILIATION and CUE spans."""

from __future__ import annotations

from dataclasses import replace
from typing import Optional

from spacy.tokens import Doc, Span

from quotes.components.attributor.linking import continues
from quotes.components.attributor.people import PersonMention
from quotes.components.attributor.resolution import role_words_of
from quotes.components.quote import Quote
from quotes.components.structure import Regions, sentence_of
from quotes.lang.doc_words import lone_names, lowercase_words, rank_tokens
from quotes.lang.lexicon import word_classes
from quotes.lang.phrases import NAME, ORG, PUNCT, Phrase
from quotes.lang.words import is_title, pronouns, vocabulary

PERSON_LABELS = ("PERSON", "PERSONCOREF")


ROLE_LABELS = ("ROLE", "AFFILIATION")


CUE_LABELS = ("CUE", "CUECOREF")


ROLE_DISTANCE = 3


def strip_titles(span: Span) -> Span:
    """The name in a model's person span: without leading titles and ranks, a bracketed
    aside ('Intan Rizki (15)') or trailing punctuation."""
    ranks = rank_tokens(span.doc)
    start, end = span.start, span.end
    while start < end - 1 and (start in ranks or is_title(span.doc[start].text) or span.doc[start].text in "()"):
        start += 1
    end = next((k for k in range(start + 1, end) if span.doc[k].text == "("), end)
    while end > start + 1 and span.doc[end - 1].is_punct:
        end -= 1
    return span.doc[start:end]


def model_people(doc: Doc) -> list[PersonMention]:
    """Person mentions from the model's PERSON/PERSONCOREF spans, with their ROLE/AFFILIATION."""
    mentions = []
    for ent in doc.ents:
        if ent.label_ in PERSON_LABELS and not names_no_one(ent):
            name = strip_titles(ent)
            mentions.append(PersonMention(name.start, tuple(t.lower_ for t in name if not t.text.endswith(".")), name.text, model_role(doc, ent)))
    return mentions


def model_role(doc: Doc, person: Span) -> str:
    """The ROLE/AFFILIATION spans written next to a person: 'Kepala Penerangan Kogabwilhan III'."""
    near = [
        ent for ent in doc.ents
        if ent.label_ in ROLE_LABELS and (0 <= person.start - ent.end <= ROLE_DISTANCE or 0 <= ent.start - person.end <= ROLE_DISTANCE)
    ]
    before = [ent for ent in near if ent.end <= person.start]
    group = before or near
    if not group:
        return ""
    return doc[group[0].start : group[-1].end].text.rstrip(" ,;:")


def names_no_one(span: Span) -> bool:
    """A span the model marked as a person that names no one by itself: a role or a pronoun
    ('Presiden', 'Menteri', 'dia'), or common nouns the article also writes in lowercase
    and never uses alone as a name ('Keselamatan')."""
    v = vocabulary()
    doc = span.doc
    ranks = rank_tokens(doc)
    if all(t.lower_.rstrip(".") in v.role_words or is_title(t.text) or t.lower_ in pronouns() or t.i in ranks for t in span):
        return True
    lowercase, lone = lowercase_words(doc), lone_names(doc)
    return all(t.lower_ in lowercase and t.lower_ not in lone for t in span)


def merge_people(rules: list[PersonMention], model: list[PersonMention]) -> list[PersonMention]:
    """The model's person spans win over the rules' name runs they overlap.

    The role stays the rules' where they read the same name with a fuller role:
    the model's ROLE spans often miss the head word ('Kepolisian Daerah Metro
    Jaya' for 'Kepala Kepolisian Daerah Metro Jaya').
    """
    covered = {position for mention in model for position in range(mention.position, mention.position + len(mention.words))}
    kept = [mention for mention in rules if not any(p in covered for p in range(mention.position, mention.position + len(mention.words)))]
    rules_roles = {(mention.position, mention.words): mention.role for mention in rules if mention.role}
    rules_by_end = {mention.position + len(mention.words): mention for mention in rules if mention.role}
    merged = []
    for mention in model:
        rules_role = rules_roles.get((mention.position, mention.words), "") or _role_before_cut(rules_by_end, mention)
        if _reads_as_role(rules_role) and _position_words(mention.role) < _position_words(rules_role):
            mention = replace(mention, role=rules_role)
        merged.append(mention)
    return sorted(kept + merged, key=lambda mention: mention.position)


def _position_words(role: str) -> set[str]:
    """A role's words less its ranks and titles, which the rules read as part of the name ('Kompol')."""
    return {word for word in role_words_of(role) if not is_title(word)}


def _role_before_cut(rules_by_end: dict[int, PersonMention], mention: PersonMention) -> str:
    """The rules' role run on to the words the model cut from the front of their name.

    'Kasat Reskrim | Polresta Banjarmasin Kompol Thomas Affrian': the model's name is
    'Thomas Affrian' and its role 'Polresta Banjarmasin Kompol'; the role in full
    is 'Kasat Reskrim Polresta Banjarmasin Kompol', which 'kata Kasat Reskrim' then finds.
    """
    read = rules_by_end.get(mention.position + len(mention.words))
    if read is None or read.position >= mention.position or not read.text.endswith(mention.text):
        return ""
    cut = read.text[: len(read.text) - len(mention.text)].strip()
    return f"{read.role} {cut}"


def _reads_as_role(text: str) -> bool:
    """A role read by the rules that starts with a role word and joins no two roles or clauses:
    not 'Tak mudah Menurut Kepala BPS', 'Menteri Keuangan Sri Mulyani dan Gubernur BI'."""
    words = text.lower().replace(",", " ").split()
    v = vocabulary()
    return bool(words) and (words[0] in v.role_words or words[0] in word_classes().kin_nouns) and not any(
        word in word_classes().coordinators or word in v.cues for word in words
    )


def refine_with_model(doc: Doc, quote: Quote) -> None:
    """Use the model's name boundaries inside a rule-found speaker phrase ('Wali Kota Jambi Syarif Fasha')."""
    phrase = quote.phrase
    person = next(
        (
            ent for ent in doc.ents
            if ent.label_ in PERSON_LABELS and ent.start < phrase.span.end and phrase.span.start < ent.end and not names_no_one(ent)
        ),
        None,
    )
    if person is None or _set_off_before(phrase, person):
        return
    person = strip_titles(person)
    start, end = max(person.start, phrase.span.start), min(person.end, phrase.span.end)
    labels = list(phrase.labels)
    for offset in range(len(labels)):
        position = phrase.span.start + offset
        if start <= position < end:
            labels[offset] = NAME
        elif labels[offset] == NAME and position < start:
            labels[offset] = ORG
    quote.phrase = Phrase(phrase.span, labels)


def _set_off_before(phrase: Phrase, person: Span) -> bool:
    """'Sumardi, Kepala SMA Karya Sekadau': the phrase opens with a name set off from its
    description, and the model's person lies in the description, so it is not the speaker."""
    inside = [label for offset, label in enumerate(phrase.labels) if person.start <= phrase.span.start + offset < person.end]
    return phrase.labels[:1] == [NAME] and PUNCT in phrase.labels and NAME not in inside


def link_by_model(
    doc: Doc, quote: Quote, sentences: list[tuple[int, int]], regions: Regions, previous: Optional[Quote]
) -> str:
    """Attribute a quote from the model's CUE/CUECOREF and PERSON/PERSONCOREF spans in its sentence."""
    region = next((r for r in regions if r.content.start == quote.span.start), None)
    after = (region.close_mark + 1) if region is not None and region.close_mark is not None else quote.span.end
    start, _ = sentence_of(sentences, quote.span.start)
    _, end = sentence_of(sentences, max(after - 1, 0))
    cues = [ent for ent in doc.ents if ent.label_ in CUE_LABELS and start <= ent.start < end and not (quote.span.start <= ent.start < quote.span.end)]
    if not cues:
        if previous is not None and continues(doc, previous, quote):
            quote.speaker, quote.role = previous.speaker, previous.role
            return "continuation"
        return "unattributed"
    cue = min(cues, key=lambda ent: (ent.start < after, abs(ent.start - after)))
    quote.cue = cue
    if cue.label_ == "CUECOREF":
        quote.phrase = None
        return "found"
    people = [ent for ent in doc.ents if ent.label_ in PERSON_LABELS and start <= ent.start < end and not (quote.span.start <= ent.start < quote.span.end)]
    if not people:
        return "subjectless"
    person = min(people, key=lambda ent: abs(ent.start - cue.start))
    person = strip_titles(person)
    quote.phrase = Phrase(person, [NAME] * len(person))
    return "found"
