"""Assembling the pipeline: the tokenizer's faster prefix matching keeps spaCy's tokens."""

from pathlib import Path

import pytest
import spacy

from quotes.pipeline import match_prefixes_at_start

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))

# Prefixes of several kinds: brackets, curly quotes, currency, ellipses, dashes.
AFFIXED = (
    "(Antara) “Kami tidak akan mundur,” kata Ketua DPR Puan Maharani di Jakarta, Senin (3/10).\n"
    "Harga naik US$5 atau Rp10.000 per liter…sementara ‘stok’ aman—kata Menteri, \"ujarnya\".\n"
    "[Baca juga: ...Banjir] «Kutipan» ¿Benar? ¡Tidak! 50% warga; #Pemilu2024 @kompascom"
)


@pytest.fixture(scope="module")
def tokenizers():
    return spacy.blank("id").tokenizer, match_prefixes_at_start(spacy.blank("id")).tokenizer


@pytest.mark.parametrize("text", [AFFIXED, *(path.read_text(encoding="utf-8") for path in SEEDS)])
def test_prefix_matching_gives_spacy_s_tokens(tokenizers, text: str) -> None:
    default, faster = tokenizers
    assert [token.text for token in faster(text)] == [token.text for token in default(text)]


def test_prefixes_are_matched_at_the_start_only(tokenizers) -> None:
    _, faster = tokenizers
    assert faster.prefix_search.__name__ == "match"
    assert [token.text for token in faster("(Antara)")] == ["(", "Antara", ")"]
