"""Shared by the pattern tests: the rules pipeline, loaded once a session.

Test files that need another pipeline (tests/test_model.py) define their own ``nlp``.
"""

import pytest

import quotes


@pytest.fixture(scope="session")
def nlp():
    return quotes.load("rules")


@pytest.fixture(scope="session")
def last_quote(nlp):
    """The last quote the rules find in a text: the one a pattern test is about."""
    return lambda text: nlp(text)._.quotes[-1]
