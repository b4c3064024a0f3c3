"""A Sphinx extension for the comparison builds: the ``rai-guidance`` directive renders
nothing and the ``rai`` role renders its text, so a page can be checked with and without the
extension's own markup while the theme and everything else stay the same."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import ReferenceRole, SphinxDirective

import sphinxext_rai.sphinx_ext.directives


class NoGuidance(SphinxDirective):
    """Accepts what ``rai-guidance`` accepts and renders nothing."""

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec = sphinxext_rai.sphinx_ext.directives.RaiGuidance.option_spec

    def run(self) -> list[nodes.Node]:
        return []


class PlainRole(ReferenceRole):
    """Renders the role's link text (its target, when it has none) as plain text."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        return [nodes.Text(self.title)], []


def setup(app: Sphinx) -> dict[str, Any]:
    """Replace the directive and the role registered by sphinxext_rai."""
    app.setup_extension("sphinxext_rai")
    app.add_directive("rai-guidance", NoGuidance, override=True)
    app.add_role("rai", PlainRole(), override=True)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
