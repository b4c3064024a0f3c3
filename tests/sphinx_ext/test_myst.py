"""The same snippet written in RST and in each MyST form gives the same doctree."""

from __future__ import annotations

import pytest
from docutils import nodes
from sphinx.testing.util import SphinxTestApp

from sphinxext_rai.sphinx_ext.blocks import expanded_doctree


def rendered(app: SphinxTestApp, docname: str) -> list[str]:
    """The pseudo-XML of every block and role the extension produced in a page."""
    doctree = expanded_doctree(app.env, docname)
    produced = [
        n
        for n in doctree.findall(nodes.Element)
        if {"rai-guidance", "rai-role"} & set(n.get("classes", []))
    ]
    return [n.pformat() for n in produced]


@pytest.mark.sphinx("html", testroot="myst")
def test_myst_forms_match_rst(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    reference = rendered(app, "index")
    assert len(reference) == 5  # three directives and two roles, one with link text
    assert "rai-layout-cards" in reference[0]
    assert "rai-table" in reference[1]
    assert "rai-layout-list" in reference[2]
    for page in ("backtick", "colon", "yamlblock"):
        assert rendered(app, page) == reference, page


@pytest.mark.sphinx("html", testroot="myst")
def test_myst_warnings_point_at_the_markdown_line(app: SphinxTestApp) -> None:
    (app.srcdir / "broken.md").write_text(
        "# Broken\n\nText.\n\n```{rai-guidance} Nosuchservice\n```\n", encoding="utf-8"
    )
    app.build()
    warnings = app.warning.getvalue()
    assert "broken.md:5: WARNING: unknown AI service 'Nosuchservice'" in warnings
    assert "[rai.unknown_service]" in warnings
