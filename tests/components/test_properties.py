"""Property tests: the full pipeline on hostile text never raises and never points outside the text.

Examples per property come from ``QUOTES_FUZZ_EXAMPLES`` (default 100, so the
suite stays fast), a tenth of that for the long-line property unless
``QUOTES_FUZZ_LONG_EXAMPLES`` says otherwise; the README gives the
10,000-example command and its result.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import quotes
from quotes.io.reading import Document, decode
from quotes.pipeline import iter_rows

EXAMPLES = int(os.environ.get("QUOTES_FUZZ_EXAMPLES", "100"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

MARKS = list("“”\"‘’«»„‟‹›'`")
CUES = ["kata", "ujarnya", "katanya", "mengatakan", "menurut", "ujar", "tuturnya", "Ia", "menegaskan", "bahwa"]
WORDS = ["Jake", "Sullivan", "Presiden", "Biden", "juru", "bicara", "Kremlin", "perang", "nuklir", "Rusia", "dikutip", "NBC"]
CONTROLS = [chr(code) for code in (*range(0, 32), 127, 0x85, 0x2028, 0x2029, 0x200B, 0xFEFF)]
piece = st.one_of(
    st.sampled_from(MARKS),
    st.sampled_from(CUES),
    st.sampled_from(WORDS),
    st.sampled_from([" ", " ", "\n", "\n\n", ",", ".", ":", "-", "—"]),
    st.sampled_from(CONTROLS),
    st.text(max_size=12),
)
hostile_text = st.lists(piece, max_size=300).map("".join)
# A very long line: a run of one piece, repeated without a break. Capped at 5,000 repeats
# because spaCy's tokenizer is quadratic in a run of punctuation (20,000 marks take a minute).
long_line = st.tuples(piece, st.integers(min_value=1_000, max_value=5_000), hostile_text).map(
    lambda parts: parts[2] + parts[0] * parts[1] + parts[2]
)

_nlp = None


def rules() -> object:
    """One pipeline for every example (loading it per example would dominate the run)."""
    global _nlp
    if _nlp is None:
        _nlp = quotes.load("rules")
    return _nlp


def check_doc(text: str) -> None:
    doc = rules()(text)  # type: ignore[operator]
    for quote in doc._.quotes:
        assert 0 <= quote.span.start_char <= quote.span.end_char <= len(text)
        assert text[quote.span.start_char : quote.span.end_char] == quote.text
        assert quote.quote_type in {"direct", "indirect", "mixed"}


def check_rows(text: str) -> None:
    errors: list = []
    for row in iter_rows([Document("d", text)], rules(), on_error=errors.append):  # type: ignore[arg-type]
        assert row["doc_id"] == "d"
        assert 0 <= row["start_char"] <= row["end_char"] <= len(text)
        assert text[row["start_char"] : row["end_char"]] == row["quote"]
        assert 0.0 <= row["confidence"] <= 1.0
    assert errors == []


@FUZZ
@given(hostile_text)
def test_quote_finder_and_attribution_on_hostile_text(text: str) -> None:
    check_doc(text)


@FUZZ
@given(hostile_text)
def test_table_rows_point_into_the_original_text(text: str) -> None:
    check_rows(text)


# A tenth of the examples by default: each is up to 60,000 characters, a hundred times a short one.
LONG_EXAMPLES = int(os.environ.get("QUOTES_FUZZ_LONG_EXAMPLES", str(max(EXAMPLES // 10, 10))))


@settings(FUZZ, max_examples=LONG_EXAMPLES)
@given(long_line)
def test_very_long_lines(text: str) -> None:
    check_rows(text)


@FUZZ
@given(st.binary(max_size=2000))
def test_decoding_any_bytes_gives_text_or_a_clear_refusal(data: bytes) -> None:
    try:
        text, _ = decode(data, "x")
    except ValueError as error:
        assert str(error)
    else:
        assert isinstance(text, str)
