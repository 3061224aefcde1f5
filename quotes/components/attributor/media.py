"""The media a quote is cited from ('dikutip dari NBC News')."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Span

from quotes.components.quote import Quote
from quotes.components.structure import Regions, in_region
from quotes.lang.lexicon import word_classes
from quotes.lang.words import DOMAIN, is_capitalised, is_quote_mark, vocabulary


def cited_media(doc: Doc, quote: Quote, sentence: tuple[int, int], regions: Regions) -> str:
    """The outlet named as the channel of this quote in its sentence.

    'dikutip dari'/'dilansir' outlets win over an interview's 'kepada CNN' or 'dihubungi Tempo'.
    """
    v = vocabulary()
    start, end = sentence
    addressed = ""
    if quote.phrase is not None and is_media(quote.phrase.span):
        return quote.phrase.description()
    for k in range(start, end):
        if in_region(k, regions) or quote.span.start <= k < quote.span.end:
            continue
        words = [t.lower_ for t in doc[k : k + 4]]
        for cue in v.media_cues:
            if words[: len(cue)] == list(cue) and words[0] not in word_classes().interview_channels:
                outlet = _outlet_at(doc, k + len(cue), end)
                if outlet:
                    return outlet
        if doc[k].lower_ in word_classes().interview_channels and not addressed:
            outlet_span = _outlet_span(doc, k + 1, end)
            if outlet_span is not None and is_media(outlet_span):
                addressed = outlet_span.text
    return addressed


def _outlet_span(doc: Doc, k: int, end: int) -> Optional[Span]:
    while k < end and doc[k].lower_ in word_classes().outlet_prefixes:
        k += 1
    stop = k
    inside_names = word_classes().outlet_name_function_words
    while stop < end and (is_capitalised(doc[stop]) or DOMAIN.search(doc[stop].text) or doc[stop].lower_ in inside_names) and not is_quote_mark(doc[stop]):
        if stop > k and doc[stop].lower_ in vocabulary().function_words and doc[stop].text[0].isupper() and doc[stop].lower_ not in inside_names:
            break
        stop += 1
    return doc[k:stop] if stop > k else None


def _outlet_at(doc: Doc, k: int, end: int) -> str:
    span = _outlet_span(doc, k, end)
    return span.text if span is not None else ""


def is_media(span: Span) -> bool:
    words = tuple(t.lower_ for t in span)
    if any(DOMAIN.search(t.text) for t in span):
        return True
    media = vocabulary().media
    return any(words[:n] in media for n in range(1, min(4, len(words)) + 1))
