"""The Indonesian vocabulary that drives the rules, as one object a pipeline component owns.

Every Indonesian word the rules test lives in a data file (``quotes/lang/data`` for the
shipped vocabulary). A :class:`Lexicon` holds the texts of those files and what is
derived from them. The quote components read one in ``initialize`` and save it
with the pipeline, so a pipeline folder carries its own vocabulary.

The rule functions are plain functions shared by both components. Rather than
thread a lexicon argument through every one of them, a component makes its
lexicon the active one for the length of its call (:func:`using`), the way
thinc's ``use_ops`` scopes the ops: a context variable, so two pipelines with
different vocabularies run side by side in one process, and in threads.
Outside any component (cleaning, the store, training) the shipped one is active.
"""

from __future__ import annotations

import json
import re
import warnings
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Callable, Iterator, Mapping, TypeVar

DATA_PACKAGE = "quotes.lang.data"
# The files a component's vocabulary is made of, saved with the pipeline.
COMPONENT_FILES = (
    "cues.json",
    "word_classes.json",
    "roles.txt",
    "role_modifiers.txt",
    "role_abbreviations.json",
    "organisations.txt",
    "ranks.txt",
    "titles.txt",
    "degrees.txt",
    "media.txt",
    "function_words.txt",
    "confidence.json",
    "public_figures.json",
)

T = TypeVar("T")


def data_text(name: str) -> str:
    """A shipped data file's text."""
    return resources.files(DATA_PACKAGE).joinpath(name).read_text(encoding="utf-8")


def _lines(text: str) -> list[str]:
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


class Lexicon:
    """The texts of a set of vocabulary files, and the word classes and structures read from them."""

    def __init__(self, texts: Mapping[str, str]) -> None:
        missing = [name for name in COMPONENT_FILES if name not in texts]
        if missing:
            raise ValueError(f"a lexicon needs the files {', '.join(missing)}")
        self.texts = dict(texts)
        self._memo: dict[str, Any] = {}

    @classmethod
    def completed(cls, texts: Mapping[str, str], where: str) -> "Lexicon":
        """A lexicon saved by an earlier version, with the files and word classes the rules
        have needed since taken from the shipped vocabulary (and a warning naming them)."""
        shipped = _shipped().texts
        filled = {name: texts.get(name, shipped[name]) for name in COMPONENT_FILES}
        added = [name for name in COMPONENT_FILES if name not in texts]
        own = json.loads(filled["word_classes.json"])
        shipped_classes = json.loads(shipped["word_classes.json"])["word_classes"]
        missing_classes = [name for name in shipped_classes if name not in own["word_classes"]]
        if missing_classes:
            own["word_classes"] = {**{name: shipped_classes[name] for name in missing_classes}, **own["word_classes"]}
            filled["word_classes.json"] = json.dumps(own, ensure_ascii=False, indent=2)
            added.append(f"word classes {', '.join(missing_classes)}")
        if added:
            warnings.warn(f"{where}: the saved vocabulary lacks {'; '.join(added)}; using the shipped ones", stacklevel=2)
        return cls(filled)

    @classmethod
    def shipped(cls) -> "Lexicon":
        """The vocabulary in ``quotes/lang/data``, read once a process."""
        return _shipped()

    @classmethod
    def from_folder(cls, path: str | Path) -> "Lexicon":
        folder = Path(path)
        texts = {name: (folder / name).read_text(encoding="utf-8") for name in COMPONENT_FILES if (folder / name).exists()}
        return cls.completed(texts, str(folder))

    def to_folder(self, path: str | Path) -> None:
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        for name in COMPONENT_FILES:
            (folder / name).write_text(self.texts[name], encoding="utf-8")

    def to_bytes(self) -> bytes:
        return json.dumps(self.texts, ensure_ascii=False, sort_keys=True).encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> "Lexicon":
        return cls.completed(json.loads(data.decode("utf-8")), "the pipeline's bytes")

    def lines(self, name: str) -> list[str]:
        """Non-empty, non-comment lines of a text file."""
        return _lines(self.texts[name])

    def json(self, name: str) -> Any:
        return json.loads(self.texts[name])

    @cached_property
    def word_lists(self) -> SimpleNamespace:
        """Each class of ``word_classes.json`` as a tuple, in the order written there."""
        classes = self.json("word_classes.json")["word_classes"]
        return SimpleNamespace(**{name: tuple(entry["words"]) for name, entry in classes.items()})

    @cached_property
    def words(self) -> SimpleNamespace:
        """Each class of ``word_classes.json`` as a frozenset, for membership tests."""
        return SimpleNamespace(**{name: frozenset(words) for name, words in vars(self.word_lists).items()})

    def memo(self, key: str, build: Callable[["Lexicon"], T]) -> T:
        """What ``build`` derives from this lexicon, built once (the rules' regexes and tables)."""
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = build(self)
            return value


@lru_cache(maxsize=1)
def _shipped() -> Lexicon:
    return Lexicon({name: data_text(name) for name in COMPONENT_FILES})


_ACTIVE: ContextVar[Lexicon | None] = ContextVar("quotes_lexicon", default=None)


def lexicon() -> Lexicon:
    """The lexicon of the component running now, else the shipped one."""
    return _ACTIVE.get() or _shipped()


def word_classes() -> SimpleNamespace:
    """The active lexicon's word classes: ``word_classes().subordinators``."""
    return lexicon().words


def word_lists() -> SimpleNamespace:
    """The active lexicon's word classes in their written order."""
    return lexicon().word_lists


@contextmanager
def using(active: Lexicon) -> Iterator[Lexicon]:
    """Make ``active`` the lexicon the rules read until the block ends."""
    token = _ACTIVE.set(active)
    try:
        yield active
    finally:
        _ACTIVE.reset(token)


def data_lines(name: str) -> list[str]:
    """Non-empty, non-comment lines of a shipped data file (cleaning and the store, outside any pipeline)."""
    return _lines(data_text(name))


def data_json(name: str) -> Any:
    return json.loads(data_text(name))


@dataclass(frozen=True)
class Outlets:
    datelines: tuple[tuple[str, re.Pattern[str]], ...]
    mastheads: tuple[tuple[str, re.Pattern[str]], ...]


@lru_cache(maxsize=1)
def outlets() -> Outlets:
    datelines = []
    mastheads = []
    for outlet in data_json("outlets.json")["outlets"]:
        alias = "|".join(outlet["aliases"])
        # "JAKARTA, KOMPAS —", "KONTAN.CO.ID - BRUSSELS.", "Liputan6.com, Washington D.C -", "Jakarta (ANTARA) -"
        dateline = re.compile(
            rf"^(?:[A-Za-z .'/]{{2,40}}(?:,\s*|\())?(?:{alias})\b\)?(?:\s*,\s*[^—–\-]{{1,40}}?)?\s*[—–-]",
            re.IGNORECASE,
        )
        datelines.append((outlet["name"], dateline))
        mastheads.append((outlet["name"], re.compile(rf"\(?(?:{alias})\)?", re.IGNORECASE)))  # '(detikNews)' too
    return Outlets(tuple(datelines), tuple(mastheads))
