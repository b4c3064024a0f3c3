"""The index that ships with the package, built from the upstream Microsoft Learn page."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ..core.model import Index
from . import read_path

#: Where the upstream page the bundled index was built from lives.
SEED_PAGE_URL = "https://learn.microsoft.com/azure/ai-services/responsible-use-of-ai-overview"


def bundled_path() -> Path:
    """The bundled index file inside the installed package."""
    return Path(__file__).with_name("data") / "azure-ai-services.json"


@cache
def load_bundled() -> Index:
    """The bundled index, read once per process."""
    result = read_path(bundled_path())
    if result.problems:
        details = "; ".join(str(p) for p in result.problems)
        raise RuntimeError(f"the bundled index is damaged: {details}")
    return result.index
