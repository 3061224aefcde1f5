"""Assembling the pipeline: the tokenizer's faster prefix matching, and its one-time build on loading, keep spaCy's tokens."""

from pathlib import Path

import pytest
import spacy

from quotes.pipeline import load, match_prefixes_at_start

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


@pytest.fixture(scope="module")
def loaded():
    """The shipped model and the rules pipeline, their tokenizers built once by quotes.Tokenizer.v1."""
    return {"cnn": load(), "rules": load("rules")}


def words(doc) -> list[tuple[str, str]]:
    return [(token.text, token.whitespace_) for token in doc]


@pytest.mark.parametrize("name", ["cnn", "rules"])
def test_a_loaded_pipeline_tokenizes_as_spacy_blank(loaded, tokenizers, name: str) -> None:
    default, _ = tokenizers
    tokenizer = loaded[name].tokenizer
    assert tokenizer.prefix_search.__name__ == "match"
    assert tokenizer.rules == default.rules
    for text in [AFFIXED, *(path.read_text(encoding="utf-8") for path in SEEDS)]:
        assert words(tokenizer(text)) == words(default(text))


def test_a_loaded_pipeline_saves_a_config_spacy_loads_alone(loaded, tmp_path: Path) -> None:
    nlp = loaded["cnn"]
    assert nlp.config["nlp"]["tokenizer"] == {"@tokenizers": "spacy.Tokenizer.v1"}
    nlp.to_disk(tmp_path)
    again = spacy.load(tmp_path)
    assert words(again.tokenizer(AFFIXED)) == words(nlp.tokenizer(AFFIXED))
