"""``quotes.quote_scorer.v1``: the quote components' scorer, for ``nlp.evaluate``.

The gold ``Example.reference`` carries its quotes as the components write them
(``doc.spans["quotes"]`` with ``span._.speaker``); see :func:`gold_reference`.
The measures are those of :mod:`quotes.scoring`: quotes matched by word overlap
(Jaccard ≥ 0.5, one to one), then their speakers compared.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, Mapping

from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import registry

from quotes.components.quote import Quote, write_quotes
from quotes.scoring import score


def score_quotes(examples: Iterable[Example], **kwargs: Any) -> dict[str, float]:
    """Quote precision, recall and F1, attribution accuracy and who-said-what F1 over the examples."""
    gold: list[dict[str, Any]] = []
    predicted: list[dict[str, Any]] = []
    for number, example in enumerate(examples):
        document = str(number)
        gold.extend({"file": document, "quote": q.text, "type": q.quote_type, "speaker": q.speaker} for q in example.reference._.quotes)
        predicted.extend({"doc_id": document, "quote": q.text, "quote_type": q.quote_type, "speaker": q.speaker} for q in example.predicted._.quotes)
    scores = score(gold, predicted)
    return {
        "quotes_p": scores.precision,
        "quotes_r": scores.recall,
        "quotes_f": scores.f1,
        "quotes_attribution_acc": scores.attribution_accuracy,
        "quotes_who_f": scores.who_said_what_f1,
    }


@registry.scorers("quotes.quote_scorer.v1")
def make_quote_scorer() -> Callable[..., dict[str, float]]:
    return score_quotes


def gold_reference(nlp: Language, text: str, rows: Iterable[Mapping[str, Any]]) -> Doc:
    """A reference Doc for ``text`` holding the gold quotes of ``rows`` (the gold table's format:
    ``quote`` as written in the text, ``type``, ``speaker``). Quotes not found in the text are left out."""
    doc = nlp.make_doc(text)
    quotes = []
    for row in rows:
        start = text.find(row["quote"])
        span = doc.char_span(start, start + len(row["quote"]), alignment_mode="expand") if start >= 0 else None
        if span is not None:
            quotes.append(Quote(span, row["type"], speaker=row.get("speaker") or ""))
    write_quotes(doc, sorted(quotes, key=lambda quote: quote.span.start))
    return doc
