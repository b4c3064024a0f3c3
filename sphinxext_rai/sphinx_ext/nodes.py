"""The extension's own nodes, with their HTML visitors. Everything else it renders is made of
standard docutils and sphinx-design nodes, which every builder already knows."""

from __future__ import annotations

from docutils import nodes
from sphinx.writers.html5 import HTML5Translator
from sphinx.writers.text import MAXWIDTH, TextTranslator, my_wrap


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


class url_line(nodes.Inline, nodes.TextElement):  # noqa: N801 - docutils' node naming
    """A web address in plain-text output, on a line of its own and never broken: the text
    writer would break it at hyphens and slashes to fit the line width. Only the text
    builder sees it (see :class:`~sphinxext_rai.sphinx_ext.transforms.ShowUrls`)."""


def visit_url_line(translator: TextTranslator, node: url_line) -> None:
    """End the line before the address (wrapping the text so far as the writer would), write
    the address alone on the next, and start the rest of the paragraph on a new line."""
    state = translator.states[-1]
    start = len(state)
    while start and state[start - 1][0] == -1:  # text not yet wrapped
        start -= 1
    before = "".join(str(text) for _indent, text in state[start:]).rstrip()
    del state[start:]
    if before:
        state.append((0, my_wrap(before, width=MAXWIDTH - sum(translator.stateindent))))
    state.append((0, [node.astext()]))
    # Text, even none, so that the paragraph ends as usual (with a blank line).
    state.append((-1, ""))
    raise nodes.SkipNode


class guidance_data(nodes.General, nodes.Element):  # noqa: N801 - docutils' node naming
    """A ``rai-guidance`` block as data: the slugs of its services, its resolved options, the
    ids planned for its elements, and (as its only child) the words the search index sees.

    Its own ``ids`` and ``names`` are those of the element a ``:name:`` labels. HTML builders
    write it as one string (:mod:`~sphinxext_rai.sphinx_ext.html_writer`); for every other
    builder a post-transform puts the node tree in its place
    (:mod:`~sphinxext_rai.sphinx_ext.blocks`)."""
