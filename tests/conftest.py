"""Shared by the pattern tests: the rules pipeline, loaded once a session.

Test files that need another pipeline (tests/test_model.py) define their own ``nlp``.
"""

import pytest

import quotes


@pytest.fixture(scope="session")
def nlp():
    return quotes.load("rules")
