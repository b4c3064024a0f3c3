"""The few Sphinx APIs whose signature changed within the supported range (Sphinx 7.2 on)."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util.fileutil import copy_asset_file

#: ``add_config_value(..., description=)`` exists from Sphinx 7.4.
_HAS_DESCRIPTION = "description" in inspect.signature(Sphinx.add_config_value).parameters
#: ``copy_asset_file(..., force=)`` exists from Sphinx 8.0; before, it never overwrote.
_HAS_FORCE = "force" in inspect.signature(copy_asset_file).parameters


def add_config_value(
    app: Sphinx, name: str, default: Any, types: tuple[type, ...], description: str
) -> None:
    """Declare a configuration value that changes the environment when it changes."""
    if _HAS_DESCRIPTION:
        app.add_config_value(name, default, "env", types=types, description=description)
    else:
        app.add_config_value(name, default, "env", types=types)


def copy_file(source: Path, destination: Path) -> None:
    """Copy *source* to *destination*, replacing a file that is already there."""
    if _HAS_FORCE:
        copy_asset_file(source, destination, force=True)
        return
    destination.unlink(missing_ok=True)
    copy_asset_file(str(source), str(destination))
