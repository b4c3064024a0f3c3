"""Shared fixtures: Sphinx's test fixtures and test roots, and the upstream seed page."""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

pytest_plugins = ("sphinx.testing.fixtures",)

# Property-based tests: a quick default run; `make fuzz` selects the long "fuzz" profile.
settings.register_profile("default", max_examples=40, deadline=None)
settings.register_profile("fuzz", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

#: Real copies of the upstream page, with their sources and licence (``SOURCES.md``).
UPSTREAM_DIR = Path(__file__).resolve().parent / "data" / "upstream"
#: The copy the bundled index was built from.
SEED_PAGE = UPSTREAM_DIR / "azure-docs-2022-01-10-60b05c7d-seed.md"


@pytest.fixture
def seed_file() -> Path:
    """The upstream page the bundled index was built from."""
    return SEED_PAGE


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where the small Sphinx projects used by ``@pytest.mark.sphinx(testroot=...)`` live."""
    return Path(__file__).resolve().parent / "sphinx_ext" / "roots"


def unfit_for_output(text: str) -> bool:
    """Whether *text* holds a character no output can take, by the Unicode database: a
    control character other than white space, an invisible formatting character, a lone
    surrogate or a noncharacter."""
    for char in text:
        category = unicodedata.category(char)
        if category in ("Cf", "Cs") or (category == "Cc" and not char.isspace()):
            return True
        if 0xFDD0 <= ord(char) <= 0xFDEF or ord(char) & 0xFFFE == 0xFFFE:
            return True
    return False


@pytest.fixture
def unfit() -> Callable[[str], bool]:
    """:func:`unfit_for_output`, for the tests of hostile input."""
    return unfit_for_output
