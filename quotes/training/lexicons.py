"""Copy the vocabulary in ``quotes/lang/data`` into the shipped pipelines' quote components.

A pipeline folder carries its components' vocabulary (``quote_finder/lexicon``,
``quote_attributor/lexicon``), so that it is self-contained. ``quotes/lang/data``
stays the one source: after editing it, run

    python -m quotes.training.lexicons            # every pipeline in models/
    python -m quotes.training.lexicons PATH ...   # the pipeline folders given

A test fails while a shipped pipeline's copy differs from it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from quotes.lang.lexicon import Lexicon

QUOTE_COMPONENTS = ("quote_finder", "quote_attributor")
MODELS = Path(__file__).resolve().parents[2] / "models"


def refresh(pipeline: Path) -> None:
    """Write the shipped vocabulary into the quote components of the pipeline folder ``pipeline``."""
    for name in QUOTE_COMPONENTS:
        Lexicon.shipped().to_folder(pipeline / name / "lexicon")


def main(argv: list[str]) -> None:
    pipelines = [Path(arg) for arg in argv] or sorted(path.parent for path in MODELS.glob("*/config.cfg"))
    for pipeline in pipelines:
        refresh(pipeline)
        print(f"{pipeline}: vocabulary refreshed")


if __name__ == "__main__":
    main(sys.argv[1:])
