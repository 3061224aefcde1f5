"""quotes: who said what in Indonesian news.

The pipeline reads articles, cleans page noise, finds direct, indirect and mixed
quotations with spaCy components, attributes each to its speaker, and writes a
speaker–quote–source table.
"""

from __future__ import annotations

__version__ = "0.1.0"

from quotes.explore.highlighting import render  # noqa: E402
from quotes.pipeline import extract_table, load  # noqa: E402

__all__ = ["__version__", "load", "extract_table", "render"]
