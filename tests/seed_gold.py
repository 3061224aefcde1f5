"""A stand-in pipeline that puts the seeds' gold quotes on a Doc.

Tests of the store, lookup and rendering need real-looking quotes (real
seed text, speakers, cues) that do not change when the extraction rules do.
This component finds each gold quote of tests/data/seeds.jsonl in the text
and builds the Quote the real pipeline would, with its nearest cue and mention.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from quotes.components.quote import Quote, write_quotes

GOLD = Path(__file__).parent / "data" / "seeds.jsonl"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
COMPONENT = "test_seed_gold_quotes"


@lru_cache(maxsize=1)
def gold_rows() -> tuple[dict, ...]:
    return tuple(json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip())


def _nearest(doc: Doc, words: str | None, start: int, end: int) -> Span | None:
    """The occurrence of ``words`` closest to the quote [start, end), outside it."""
    if not words or words == "nya":
        return None
    best: tuple[int, Span] | None = None
    for found in re.finditer(rf"\b{re.escape(words)}", doc.text):
        if start <= found.start() < end:
            continue
        distance = start - found.end() if found.end() <= start else found.start() - end
        span = doc.char_span(found.start(), found.end(), alignment_mode="expand")
        if span is not None and (best is None or distance < best[0]):
            best = (distance, span)
    return best[1] if best else None


@Language.component(COMPONENT)
def seed_gold_quotes(doc: Doc) -> Doc:
    quotes = []
    for gold in gold_rows():
        start = doc.text.find(gold["quote"])
        if start < 0:
            continue
        end = start + len(gold["quote"])
        span = doc.char_span(start, end, alignment_mode="expand")
        cue = _nearest(doc, gold["cue"], start, end)
        mention = _nearest(doc, gold["speaker_mention"], start, end) or cue
        quotes.append(Quote(span, gold["type"], cue, mention, gold["speaker"], "", gold["cited_from"] or "", 1.0))
    write_quotes(doc, sorted(quotes, key=lambda quote: quote.span.start))
    return doc


def gold_nlp() -> Language:
    nlp = spacy.blank("id")
    nlp.add_pipe(COMPONENT)
    return nlp
