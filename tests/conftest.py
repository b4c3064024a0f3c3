"""Shared fixtures: Sphinx's test fixtures and test roots, and the upstream seed page."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

pytest_plugins = ("sphinx.testing.fixtures",)

# Property-based tests: a quick default run; `make fuzz` selects the long "fuzz" profile.
settings.register_profile("default", max_examples=40, deadline=None)
settings.register_profile("fuzz", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

#: The upstream page the bundled index was built from, kept next to the repository.
SEED_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "seed"
SEED_NAME = "000_a8d27b0c1537b5b4.txt"


@pytest.fixture
def seed_file() -> Path:
    """The upstream seed page; tests that need it are skipped when it is not checked out."""
    path = SEED_DIR / SEED_NAME
    if not path.is_file():
        reason = f"upstream seed page not available at {path}; skipping the seed comparison"
        print(reason)
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where the small Sphinx projects used by ``@pytest.mark.sphinx(testroot=...)`` live."""
    return Path(__file__).resolve().parent / "sphinx_ext" / "roots"
