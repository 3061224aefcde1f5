"""Linking a quote to its cue: in the sentence, before or after it, or in the next sentence."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc

from quotes.components.finder.clauses import subject_of
from quotes.components.quote import Quote
from quotes.components.structure import (
    Regions,
    after_connective,
    in_region,
    sentence_of,
)
from quotes.lang.doc_words import doc_text
from quotes.lang.lexicon import word_classes
from quotes.lang.phrases import read_right
from quotes.lang.words import cue_form, is_clitic, vocabulary


def link_cue(
    doc: Doc, quote: Quote, sentence: tuple[int, int], sentences: list[tuple[int, int]], regions: Regions, previous: Optional[Quote]
) -> str:
    """Find the cue and speaker phrase of a quote that the finder left unattributed."""
    if quote.cue is not None:
        if quote.phrase is None:
            return "subjectless"
        return "found"
    region = next((r for r in regions if r.content.start == quote.span.start), None)
    start, _ = sentence
    after = (region.close_mark + 1) if region is not None and region.close_mark is not None else quote.span.end
    # A quote over several paragraphs is attributed in the sentence where it closes.
    _, end = sentence_of(sentences, max(after - 1, 0))
    before = region.open_mark if region is not None else quote.span.start
    if _cue_after(doc, quote, after, end) or _cue_before(doc, quote, before, start) or _cue_in_sentence(doc, quote, before, start, regions):
        return "found" if quote.phrase is not None or quote.cue is not None else "unattributed"
    if _said_in_next_sentence(doc, quote, sentences, after):
        return "found"
    if previous is not None and continues(doc, previous, quote):
        quote.speaker, quote.role = previous.speaker, previous.role
        return "continuation"
    return "unattributed"


def _cue_after(doc: Doc, quote: Quote, k: int, end: int) -> bool:
    """'“…,” kata Sullivan', '“…,” ujarnya', '“…,” Budi menambahkan.'"""
    while k < end and doc[k].text == ",":
        k += 1
    if k >= end:
        return False
    if doc[k].lower_ in word_classes().citation_openers and k + 1 < end and cue_form(doc[k + 1]) is not None:
        k += 1  # '“…,” demikian disampaikan Budi Waseso', '“…,” seperti dikatakan Budi'
    form = cue_form(doc[k])
    if form is not None:
        quote.cue = doc[k : k + 1]
        if form.kind != "clitic":
            quote.phrase = read_right(doc, _agent_start(doc, k, end), end, descriptive_tail=True)
        return True
    phrase = read_right(doc, k, end)
    if phrase is not None and phrase.span.end < end:
        form = cue_form(doc[phrase.span.end])
        if form is not None and form.kind in ("verb", "bare"):
            quote.cue = doc[phrase.span.end : phrase.span.end + 1]
            quote.phrase = phrase
            return True
    return False


def _cue_before(doc: Doc, quote: Quote, k: int, start: int) -> bool:
    """'X mengatakan: “…”', 'Kata X, “…”', 'Menurut X, “…”'."""
    j = k
    while j > start and doc[j - 1].text in ",:":
        j -= 1
    if j == k:
        return False
    for i in range(j - 1, max(start, j - 8) - 1, -1):
        form = cue_form(doc[i])
        if form is None:
            continue
        if form.kind in ("bare", "according") and (i == start or doc[i - 1].text in ",("):
            if is_clitic(doc[i].text):  # 'Menurutnya, “…”'
                quote.cue, quote.phrase = doc[i : i + 1], None
                return True
            phrase = read_right(doc, i + 1, j)
            if phrase is not None:
                quote.cue, quote.phrase = doc[i : i + 1], phrase
                return True
        if form.kind == "verb":
            subject, _ = subject_of(doc, i, start, None)
            if subject is not None:
                quote.cue, quote.phrase = doc[i : i + 1], subject
                return True
        return False
    return False


def _cue_in_sentence(doc: Doc, quote: Quote, k: int, start: int, regions: Regions) -> bool:
    """A quoted fragment in the object of a cue verb ('memperingatkan Putin terhadap "eskalasi militer"')
    or of a statement noun ('peringatan dari pejabat tinggi … mengambil "langkah agresif"')."""
    statement_nouns = vocabulary().statement_nouns
    source_prepositions = word_classes().source_prepositions
    for i in range(k - 1, start - 1, -1):
        if in_region(i, regions):
            return False
        if doc[i].lower_ in statement_nouns and i + 1 < k and doc[i + 1].lower_ in source_prepositions:
            phrase = read_right(doc, i + 2, k)
            if phrase is not None:
                quote.cue, quote.phrase = doc[i : i + 1], phrase
                return True
        form = cue_form(doc[i])
        if form is None or form.kind != "verb" or (i > start and doc[i - 1].lower_ in word_classes().negators):
            continue
        subject, _ = subject_of(doc, i, start, None)
        if subject is not None:
            quote.cue, quote.phrase = doc[i : i + 1], subject
            return True
    return False


def _said_in_next_sentence(doc: Doc, quote: Quote, sentences: list[tuple[int, int]], after: int) -> bool:
    """'“…” / Hal itu disampaikan Menteri Perdagangan Zulkifli Hasan usai rapat.': who said it comes next."""
    k = after
    while k < len(doc) and (doc[k].is_space or doc[k].text == ","):
        k += 1
    if k >= len(doc):
        return False
    start, stop = sentence_of(sentences, k)
    k = after_connective(doc, max(start, k), stop)
    if not (k + 2 < stop and doc[k].lower_ in word_classes().said_things and doc[k + 1].lower_ in word_classes().demonstratives):
        return False
    form = cue_form(doc[k + 2])
    if form is None or form.kind != "passive":
        return False
    phrase = read_right(doc, _agent_start(doc, k + 2, stop), stop, descriptive_tail=True)
    if phrase is None:
        return False
    quote.cue, quote.phrase = doc[k + 2 : k + 3], phrase
    return True


def _agent_start(doc: Doc, cue: int, end: int) -> int:
    """Where the speaker after the cue at ``cue`` starts: past the 'oleh' of a passive ('disampaikan oleh Budi')."""
    after = cue + 1
    if after < end and doc[after].lower_ in word_classes().agent_markers and cue_form(doc[cue]).kind == "passive":
        return after + 1
    return after


def continues(doc: Doc, previous: Quote, quote: Quote) -> bool:
    """A cue-less quote paragraph straight after an attributed quote."""
    text = doc_text(doc)
    gap = text[previous.span.end_char : quote.span.start_char]
    if gap.count("\n") > 2:
        return False
    line_start = text.rfind("\n", 0, quote.span.start_char) + 1
    opens_paragraph = not any(ch.isalnum() for ch in text[line_start : quote.span.start_char])
    return opens_paragraph and "\n" in gap
