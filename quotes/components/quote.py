"""Where the quote components put their results, and the ``Quote`` view of them.

The results live on the Doc, in spaCy's own containers, so that they survive
``Doc.to_bytes`` and ``DocBin``:

- ``doc.spans["quotes"]``: one span a quotation, labelled ``direct``, ``indirect``
  or ``mixed``;
- on each of those spans, ``span._.speaker``, ``span._.speaker_role``,
  ``span._.cited_from``, ``span._.confidence``, ``span._.evidence``, the cue and
  mention as written (``span._.cue_word``, ``span._.speaker_mention``) and, as
  spans, ``span._.cue`` and ``span._.mention``;
- ``doc._.quote_sentences`` and ``doc._.quote_regions``: the sentences and the
  quoted regions the finder read, which the attributor requires.

``doc._.quotes`` reads them back as :class:`Quote` objects, the friendly view.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from spacy.tokens import Doc, Span, SpanGroup

from quotes.lang.phrases import Phrase
from quotes.lang.words import clitic_of, strip_clitic, vocabulary

SPANS_KEY = "quotes"
SOURCES = ("hybrid", "rules", "model")
# What a span of doc.spans["quotes"] carries, and its value before attribution.
SPAN_FIELDS = {
    "speaker": "",
    "speaker_role": "",
    "speaker_mention": "",
    "cue_word": "",
    "cited_from": "",
    "confidence": 0.0,
    "evidence": "",
    # token offsets: [start, end] of the cue and of the mention; [start, end, labels] of the speaker phrase
    "cue_tokens": None,
    "mention_tokens": None,
    "phrase_tokens": None,
}


def _registered() -> None:
    for name, default in SPAN_FIELDS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)
    if not Span.has_extension("cue"):
        Span.set_extension("cue", getter=lambda span: _tokens(span.doc, span._.cue_tokens))
    if not Span.has_extension("mention"):
        Span.set_extension("mention", getter=lambda span: _tokens(span.doc, span._.mention_tokens))
    for name in ("quote_sentences", "quote_regions"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if not Doc.has_extension("quotes"):
        Doc.set_extension("quotes", getter=read_quotes)


def _tokens(doc: Doc, offsets: Optional[list]) -> Optional[Span]:
    return None if offsets is None else doc[offsets[0] : offsets[1]]


@dataclass
class Quote:
    """One quotation in a document, with its attribution once known."""

    span: Span
    quote_type: str  # "direct", "indirect" or "mixed"
    cue: Optional[Span] = None
    mention: Optional[Span] = None
    speaker: str = ""
    role: str = ""
    cited_from: str = ""
    confidence: float = 0.0
    evidence: str = ""  # how the speaker was found: named, role, clitic, pronoun, continuation, …
    phrase: Optional[Phrase] = field(default=None, repr=False)
    # The cue and the mention as the table writes them ('ujar' for 'ujarnya', 'nya'), set when written to the Doc.
    cue_text: str = ""
    mention_text: str = ""

    @property
    def text(self) -> str:
        return self.span.text


def written_cue(cue: Optional[Span]) -> str:
    """The cue as the table writes it: 'katanya' is 'kata' with -nya; 'bertanya' is a word of its own."""
    if cue is None:
        return ""
    stripped = strip_clitic(cue.text)
    return stripped if stripped.lower() in vocabulary().cues else cue.text


def written_mention(quote: Quote) -> str:
    """The mention as the table writes it: 'nya' for a cue's clitic ('ujarnya')."""
    if quote.mention is None:
        return ""
    clitic = clitic_of(quote.mention.text) if quote.cue is not None and quote.mention == quote.cue else None
    return clitic or quote.mention.text


def write_quotes(doc: Doc, quotes: list[Quote]) -> None:
    """Put ``quotes`` on ``doc.spans["quotes"]``, each span carrying its attribution.

    Span extension values live in ``doc.user_data`` by character offsets: those of
    quotes written before and dropped since are removed, so that they neither
    travel with the Doc nor show on another span at the same offsets.
    """
    for old in doc.spans.get(SPANS_KEY, ()):
        for name in SPAN_FIELDS:
            doc.user_data.pop(("._.", name, old.start_char, old.end_char), None)
    spans = []
    for quote in quotes:
        span = Span(doc, quote.span.start, quote.span.end, label=quote.quote_type)
        values = span._
        values.speaker = quote.speaker
        values.speaker_role = quote.role
        values.cited_from = quote.cited_from
        values.confidence = float(quote.confidence)
        values.evidence = quote.evidence
        values.cue_word = written_cue(quote.cue)
        values.speaker_mention = written_mention(quote)
        values.cue_tokens = None if quote.cue is None else [quote.cue.start, quote.cue.end]
        values.mention_tokens = None if quote.mention is None else [quote.mention.start, quote.mention.end]
        phrase = quote.phrase
        values.phrase_tokens = None if phrase is None else [phrase.span.start, phrase.span.end, list(phrase.labels)]
        spans.append(span)
    doc.spans[SPANS_KEY] = SpanGroup(doc, name=SPANS_KEY, spans=spans)


def read_quotes(doc: Doc) -> list[Quote]:
    """The quotes on ``doc.spans["quotes"]`` as :class:`Quote` objects."""
    quotes = []
    for span in doc.spans.get(SPANS_KEY, ()):
        values = span._
        phrase = values.phrase_tokens
        quotes.append(
            Quote(
                span=span,
                quote_type=span.label_,
                cue=_tokens(doc, values.cue_tokens),
                mention=_tokens(doc, values.mention_tokens),
                speaker=values.speaker,
                role=values.speaker_role,
                cited_from=values.cited_from,
                confidence=values.confidence,
                evidence=values.evidence,
                phrase=None if phrase is None else Phrase(doc[phrase[0] : phrase[1]], list(phrase[2])),
                cue_text=values.cue_word,
                mention_text=values.speaker_mention,
            )
        )
    return quotes


_registered()
