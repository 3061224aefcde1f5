"""The optional extras in pyproject.toml, and the README's word on how to use them."""

from __future__ import annotations

from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib", reason="tomllib needs Python 3.11")

ROOT = Path(__file__).resolve().parent.parent


def test_the_notebook_extra_installs_jupyterlab_and_the_readme_says_how_to_open_the_notebook() -> None:
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    assert "jupyterlab>=4" in extras["notebook"]
    # What the notebook imports besides quotes and pandas.
    assert any(requirement.startswith("matplotlib") for requirement in extras["notebook"])
    assert (ROOT / "notebooks" / "explore.ipynb").is_file()
    assert 'pip install -e ".[notebook]" && jupyter lab notebooks/explore.ipynb' in (ROOT / "README.md").read_text(encoding="utf-8")
