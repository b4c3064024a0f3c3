"""The extension's own nodes, with their HTML visitors. Everything else it renders is made of
standard docutils and sphinx-design nodes, which every builder already knows."""

from __future__ import annotations

from docutils import nodes
from sphinx.writers.html5 import HTML5Translator


class coverage_placeholder(nodes.General, nodes.Element):  # noqa: N801 - docutils style
    """Where a ``rai-coverage`` table goes; filled in once every page has been read."""


class hidden_caption(nodes.Part, nodes.TextElement):  # noqa: N801 - docutils' node naming
    """The caption of an untitled table, for screen readers only. (A ``title`` added this
    late would get neither a number nor an id, and Sphinx warns about both.)"""


def visit_hidden_caption(translator: HTML5Translator, node: hidden_caption) -> None:
    """Open the caption element."""
    translator.body.append(translator.starttag(node, "caption", ""))


def depart_hidden_caption(translator: HTML5Translator, node: hidden_caption) -> None:
    """Close the caption element."""
    translator.body.append("</caption>")


class guidance_data(nodes.General, nodes.Element):  # noqa: N801 - docutils' node naming
    """A ``rai-guidance`` block as data: the slugs of its services, its resolved options, the
    ids planned for its elements, and (as its only child) the words the search index sees.

    Its own ``ids`` and ``names`` are those of the element a ``:name:`` labels. HTML builders
    write it as one string (:mod:`~sphinxext_rai.sphinx_ext.html_writer`); for every other
    builder a post-transform puts the node tree in its place
    (:mod:`~sphinxext_rai.sphinx_ext.blocks`)."""
