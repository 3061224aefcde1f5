"""The calibrated confidence of an attribution, by quote type and the evidence for the speaker."""

from __future__ import annotations

from quotes.lang.lexicon import lexicon


def _calibration() -> dict[str, float]:
    return lexicon().memo("confidence", lambda source: source.json("confidence.json")["confidence"])


def confidence(quote_type: str, evidence: str) -> float:
    """How often a quote of this type, attributed this way, had the right speaker on the dev data."""
    table = _calibration()
    return table.get(f"{quote_type}/{evidence}", table.get(f"*/{evidence}", table["*/*"]))
