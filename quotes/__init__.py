"""quotes: who said what in Indonesian news.

The pipeline reads articles, cleans page noise, finds direct, indirect and mixed
quotations with spaCy components, attributes each to its speaker, and writes a
speaker–quote–source table.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from quotes.explore.highlighting import render
    from quotes.pipeline import extract_table, load

__all__ = ["__version__", "load", "extract_table", "render"]

# These bring spaCy, and with it thinc, which imports torch wherever it is installed: seconds
# before the first line of any command. So they are imported on first use, and `quotes who`,
# `search`, `stats` or `--help` (which never run a pipeline) start without them.
_LAZY = {"load": "quotes.pipeline", "extract_table": "quotes.pipeline", "render": "quotes.explore.highlighting"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
