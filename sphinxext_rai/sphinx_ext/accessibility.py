"""HTML for screen readers: guidance links that say what they lead to, and a caption on every
guidance table. The additions are visually hidden (class ``rai-sr-only``) and made only for
HTML builders, so other output formats stay as they are."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..core.messages import N_
from .i18n import _
from .nodes import hidden_caption
from .render import LINK_KIND, LINK_SERVICE

#: The class that hides text from sight but not from assistive technology (see rai.css).
SR_ONLY = "rai-sr-only"
EXTERNAL = N_("external link")
NEW_TAB = N_("external link, opens in a new tab")
TABLE_CAPTION = N_("Responsible-AI guidance documents of %(services)s")


class ScreenReaderText(SphinxPostTransform):
    """Describe each guidance link and caption each untitled guidance table, out of sight."""

    default_priority = 780
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        describe(self.document)


def describe(tree: nodes.Element) -> None:
    """Add the screen-reader text to the guidance links and tables in *tree*."""
    for reference in list(tree.findall(nodes.reference)):
        if LINK_SERVICE in reference and "rai-link" in reference["classes"]:
            reference += hidden(link_description(reference))
    for table in list(tree.findall(nodes.table)):
        if "rai-table" in table["classes"] and table.next_node(nodes.title) is None:
            table.insert(0, table_caption(table))


def link_description(reference: nodes.reference) -> str:
    """What the visible text leaves out: the kind and the service (where the text does not
    already name them), and that the link leaves the site."""
    visible = reference.astext().casefold()
    parts = [
        str(reference[key])
        for key in (LINK_KIND, LINK_SERVICE)
        if reference.get(key) and str(reference[key]).casefold() not in visible
    ]
    leaves = NEW_TAB if reference.get("target") == "_blank" else EXTERNAL
    parts.append(_(leaves))
    return f" ({', '.join(parts)})"


def table_caption(table: nodes.table) -> hidden_caption:
    """A hidden caption naming the services in the table's rows."""
    names = []
    for body in table.findall(nodes.tbody):
        for row in body.children:
            entry = row.next_node(nodes.entry)
            if entry is not None:
                names.append(entry.astext())
    text = _(TABLE_CAPTION) % {"services": ", ".join(names)}
    return hidden_caption(text, text, classes=["rai-table-caption", SR_ONLY])


def hidden(text: str) -> nodes.inline:
    """Text for assistive technology only."""
    return nodes.inline(text, text, classes=[SR_ONLY])
