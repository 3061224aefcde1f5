"""The ``Quote`` view of a quotation, shared by the finder, the attributor and the table."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from spacy.tokens import Doc, Span

from quotes.lang.phrases import Phrase
from quotes.lang.words import is_clitic, strip_clitic, vocabulary

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
    evidence: str = ""  # how the speaker was found: named, role, clitic, pronoun, continuation, …
    phrase: Optional[Phrase] = field(default=None, repr=False)

    @property
    def text(self) -> str:
        return self.span.text

    @property
    def cue_text(self) -> str:
        if self.cue is None:
            return ""
        # 'katanya' is 'kata' with -nya; 'bertanya' is a word of its own.
        stripped = strip_clitic(self.cue.text)
        return stripped if stripped.lower() in vocabulary().cues else self.cue.text

    @property
    def mention_text(self) -> str:
        if self.mention is None:
            return ""
        if self.cue is not None and self.mention == self.cue and is_clitic(self.mention.text):
            return "nya"
        return self.mention.text


SOURCES = ("hybrid", "rules", "model")
