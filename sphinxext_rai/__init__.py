"""sphinxext-rai: responsible-AI guidance for AI services, inline in Sphinx documentation.

Add ``"sphinxext_rai"`` to ``extensions`` in ``conf.py`` and write
``.. rai-guidance:: Face``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:  # the command line imports the package without Sphinx
    from sphinx.application import Sphinx

__all__ = ["__version__", "setup"]


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the extension (its Sphinx integration is imported only here)."""
    from .sphinx_ext import setup as setup_integration

    return setup_integration(app)
