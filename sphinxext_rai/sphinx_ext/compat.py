"""The few Sphinx and docutils behaviours that changed within the supported range (Sphinx 7.2
and docutils 0.20 on)."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

from docutils.writers import manpage
from sphinx.application import Sphinx
from sphinx.util.fileutil import copy_asset_file

#: ``add_config_value(..., description=)`` exists from Sphinx 7.4.
_HAS_DESCRIPTION = "description" in inspect.signature(Sphinx.add_config_value).parameters
#: ``copy_asset_file(..., force=)`` exists from Sphinx 8.0; before, it never overwrote.
_HAS_FORCE = "force" in inspect.signature(copy_asset_file).parameters
#: From docutils 0.22 the man page translator chooses its own reference visitors when it
#: starts, over Sphinx's, and they write every link's URL after its text; before, Sphinx's
#: write it only with ``man_show_urls``.
MAN_WRITER_SHOWS_URLS = hasattr(manpage.Translator, "_visit_reference_no_macro")


def add_config_value(
    app: Sphinx, name: str, default: Any, types: tuple[type, ...], description: str
) -> None:
    """Declare a configuration value that changes the environment when it changes. The
    types go as a set: Sphinx 7.2 reads ``1`` and ``0`` from ``-D`` as a bool only for a
    value whose types equal the set ``{bool, str}``."""
    accepted = frozenset(types)
    if _HAS_DESCRIPTION:
        app.add_config_value(name, default, "env", types=accepted, description=description)
    else:
        app.add_config_value(name, default, "env", types=accepted)


def copy_file(source: Path, destination: Path) -> None:
    """Copy *source* to *destination*, replacing a file that is already there."""
    if _HAS_FORCE:
        copy_asset_file(source, destination, force=True)
        return
    destination.unlink(missing_ok=True)
    copy_asset_file(str(source), str(destination))
