"""Loading of the data files that drive the rules: cues, roles, media, outlets, word classes.

Everything language-specific lives in ``quotes/data``; this module only reads
those files, once, and exposes them in the shapes the pipeline stages need.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

DATA_PACKAGE = "quotes.data"


def data_text(name: str) -> str:
    return resources.files(DATA_PACKAGE).joinpath(name).read_text(encoding="utf-8")


def data_lines(name: str) -> list[str]:
    """Non-empty, non-comment lines of a data file."""
    lines = (line.strip() for line in data_text(name).splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def data_json(name: str) -> Any:
    return json.loads(data_text(name))


@lru_cache(maxsize=1)
def _word_classes() -> dict[str, tuple[str, ...]]:
    classes = data_json("word_classes.json")["word_classes"]
    return {name: tuple(entry["words"]) for name, entry in classes.items()}


def word_list(name: str) -> tuple[str, ...]:
    """The words of a class in ``word_classes.json``, in the order written there."""
    return _word_classes()[name]


def word_class(name: str) -> frozenset[str]:
    """The words of a class in ``word_classes.json``, for membership tests."""
    return frozenset(word_list(name))


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
