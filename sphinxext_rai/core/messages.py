"""Marking the English words the extension writes itself for translation.

The core only marks them; the Sphinx integration translates them into the build's language
(``sphinxext_rai.sphinx_ext.i18n``), and ``make catalogs`` extracts every marked text.
"""

from __future__ import annotations


def N_(message: str) -> str:  # noqa: N802 - the conventional gettext name
    """Mark *message* for extraction without translating it (it is translated where it is
    shown)."""
    return message
