"""Quote-finding stage: the ``quote_finder`` spaCy component.

Direct quotes come from paired quotation marks; indirect and mixed quotes from
reporting cues. Each becomes a :class:`Quote` on ``doc._.quotes``; the
``quote_attributor`` component fills in who said it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)


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

    @property
    def text(self) -> str:
        return self.span.text

    @property
    def cue_text(self) -> str:
        if self.cue is None:
            return ""
        return strip_clitic(self.cue.text)

    @property
    def mention_text(self) -> str:
        if self.mention is None:
            return ""
        if self.cue is not None and self.mention == self.cue and is_clitic(self.mention.text):
            return "nya"
        return self.mention.text


def is_clitic(word: str) -> bool:
    return word.lower().endswith("nya") and len(word) > 4


def strip_clitic(word: str) -> str:
    return word[:-3] if is_clitic(word) else word


class QuoteFinder:
    """Find direct, indirect and mixed quotes in a Doc."""

    def __init__(self, nlp: Language, name: str = "quote_finder") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = []
        return doc


@Language.factory("quote_finder")
def make_quote_finder(nlp: Language, name: str) -> QuoteFinder:
    return QuoteFinder(nlp, name)
