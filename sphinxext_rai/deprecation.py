"""The warning about former product names in pages, when ``rai_warn_former_names`` asks for it."""

from __future__ import annotations

from .diagnostics import Subtype, Where, warn
from .domain import BuildState


def warn_former_name(state: BuildState, query: str, location: Where) -> None:
    """Warn (``rai.deprecated_name``) when *query*, which found its services, names them by
    a former product name from the rename table."""
    if not state.config.warn_former_names:
        return
    former = state.index.former_name(query)
    if former is not None:
        warn(str(former), Subtype.DEPRECATED_NAME, location)
