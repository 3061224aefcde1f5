"""What the two quote components share: a vocabulary of their own, saved with the pipeline.

Written as spaCy writes its rule components (``SpanRuler``, ``EntityRuler``): the
data is read in ``initialize`` (or comes from the saved pipeline in
``from_disk``/``from_bytes``), so a pipeline folder is self-contained and two
pipelines with different vocabularies work side by side.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, Optional

from spacy import util
from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc
from spacy.training import Example

from quotes.components.quote import SOURCES
from quotes.lang.doc_words import reading
from quotes.lang.lexicon import Lexicon, using

LEXICON_FOLDER = "lexicon"


class LexiconPipe(Pipe):
    """A rule component that runs its rules with its own :class:`Lexicon` active."""

    def __init__(self, nlp: Language, name: str, source: str, scorer: Optional[Callable] = None) -> None:
        if source not in SOURCES:
            raise ValueError(f"{name} source must be one of {SOURCES}, not {source!r}")
        self.name = name
        self.source = source
        self.scorer = scorer
        self.lexicon = Lexicon.shipped()

    def __call__(self, doc: Doc) -> Doc:
        with using(self.lexicon), reading(doc):
            return self.annotate(doc)

    def annotate(self, doc: Doc) -> Doc:
        raise NotImplementedError

    def initialize(
        self, get_examples: Callable[[], Iterable[Example]], *, nlp: Optional[Language] = None, lexicon: Optional[str] = None
    ) -> None:
        """Read the vocabulary: from the folder ``lexicon`` names, else the one shipped in ``quotes/lang/data``.

        In a config: ``[initialize.components.quote_finder] lexicon = "path/to/folder"``.
        """
        self.lexicon = Lexicon.from_folder(lexicon) if lexicon else Lexicon.shipped()

    def to_bytes(self, *, exclude: Iterable[str] = util.SimpleFrozenList()) -> bytes:
        return util.to_bytes({LEXICON_FOLDER: self.lexicon.to_bytes}, exclude)

    def from_bytes(self, bytes_data: bytes, *, exclude: Iterable[str] = util.SimpleFrozenList()) -> "LexiconPipe":
        def load(data: bytes) -> None:
            self.lexicon = Lexicon.from_bytes(data)

        util.from_bytes(bytes_data, {LEXICON_FOLDER: load}, exclude)
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = util.SimpleFrozenList()) -> None:
        util.to_disk(util.ensure_path(path), {LEXICON_FOLDER: self.lexicon.to_folder}, exclude)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = util.SimpleFrozenList()) -> "LexiconPipe":
        folder = util.ensure_path(path) / LEXICON_FOLDER
        # A pipeline saved before components kept their vocabulary runs on the shipped one.
        self.lexicon = Lexicon.from_folder(folder) if folder.exists() else Lexicon.shipped()
        return self
