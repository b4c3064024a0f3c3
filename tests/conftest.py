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

#: Real copies of the upstream page, with their sources and licence (``SOURCES.md``).
UPSTREAM_DIR = Path(__file__).resolve().parent / "data" / "upstream"
#: The copy the bundled index was built from.
SEED_PAGE = UPSTREAM_DIR / "azure-docs-2022-01-10-60b05c7d-seed.md"
PAGE_2021_06_04 = UPSTREAM_DIR / "azure-docs-2021-06-04-18d2d260.md"
PAGE_2021_06_02 = UPSTREAM_DIR / "azure-docs-2021-06-02-f23d327e.md"
PAGE_2024 = UPSTREAM_DIR / "azure-docs-2024-01-20-284ea891.md"
PAGE_2025 = UPSTREAM_DIR / "azure-ai-docs-2025-10-02-8f2b68ee.md"
PAGE_DE = UPSTREAM_DIR / "christophbittig-azure-docs.de-de-2021-10-11-07fedc86.md"
#: Where Microsoft Learn published each of them (``SOURCES.md``).
LEARN_2021 = "https://learn.microsoft.com/azure/cognitive-services/responsible-use-of-ai-overview"
LEARN_DE = (
    "https://learn.microsoft.com/de-de/azure/cognitive-services/responsible-use-of-ai-overview"
)
LEARN_NOW = "https://learn.microsoft.com/azure/ai-services/responsible-use-of-ai-overview"


@pytest.fixture
def seed_file() -> Path:
    """The upstream page the bundled index was built from."""
    return SEED_PAGE


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where the small Sphinx projects used by ``@pytest.mark.sphinx(testroot=...)`` live."""
    return Path(__file__).resolve().parent / "sphinx_ext" / "roots"
