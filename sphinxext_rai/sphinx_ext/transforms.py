"""Post-transforms that adapt the rendered guidance to a builder."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .coverage_table import coverage_block
from .domain import get_domain
from .i18n import _
from .nodes import coverage_placeholder
from .render import outside_catalogs


class TablesAsLists(SphinxPostTransform):
    """In text and man output, turn guidance tables into lists: a plain-text table with a
    column per kind is too narrow to hold URLs."""

    default_priority = 790
    formats = ("text", "man")

    def run(self, **kwargs: Any) -> None:
        for table in list(self.document.findall(nodes.table)):
            if "rai-table" in table["classes"]:
                table.replace_self(_table_to_list(table))


def _table_to_list(table: nodes.table) -> list[nodes.Element]:
    result: list[nodes.Element] = []
    for title in table.findall(nodes.title):
        result.append(
            nodes.paragraph(
                "", "", nodes.strong(title.astext(), title.astext()), classes=["rai-table-caption"]
            )
        )
    head = next(iter(table.findall(nodes.thead)), None)
    headings = [e.astext() for e in head.findall(nodes.entry)] if head else []
    services = nodes.bullet_list(bullet="*", classes=["rai-list"])
    for body in table.findall(nodes.tbody):
        for row in body.findall(nodes.row):
            entries = list(row.findall(nodes.entry))
            item = nodes.list_item(classes=["rai-service"])
            item.extend(entries[0].children)
            documents = nodes.bullet_list(bullet="-", classes=["rai-list-documents"])
            for heading, entry in zip(headings[1:], entries[1:], strict=False):
                for reference in entry.findall(nodes.reference):
                    # Translators: in plain-text output, a kind heading before a link.
                    paragraph = nodes.paragraph("", _("%(kind)s:") % {"kind": heading} + " ")
                    paragraph += reference.deepcopy()
                    documents += nodes.list_item("", paragraph)
            if len(documents):
                item += documents
            services += item
    result.append(services)
    return result


class CardsAsLists(SphinxPostTransform):
    """In man pages, turn each grid of cards into a list with an item per card: the man
    writer gives the paragraphs of a bare container no spacing, so cards would run together."""

    default_priority = 790
    formats = ("man",)

    def run(self, **kwargs: Any) -> None:
        for grid in list(self.document.findall(nodes.container)):
            if "rai-grid" in grid["classes"]:
                grid.replace_self(_cards_to_list(grid))


def _cards_to_list(grid: nodes.container) -> nodes.bullet_list:
    cards = nodes.bullet_list(bullet="*", classes=["rai-list"])
    for card in grid.findall(nodes.container):
        if "rai-card" not in card["classes"]:
            continue
        item = nodes.list_item(classes=["rai-service"])
        for body in card.children:
            if isinstance(body, nodes.Element):
                item.extend(child.deepcopy() for child in body.children)
        cards += item
    return cards


class ShowUrls(SphinxPostTransform):
    """In text output, write each guidance URL after its link text, so readers of plain
    output can follow it (the man page writer already does this itself)."""

    default_priority = 800
    formats = ("text",)

    def run(self, **kwargs: Any) -> None:
        for reference in list(self.document.findall(nodes.reference)):
            url = reference.get("refuri")
            classes = reference["classes"]
            if not url or ("rai-link" not in classes and "rai-source" not in classes):
                continue
            if reference.astext() != url:
                shown = url.removeprefix("mailto:")
                reference.parent.insert(
                    reference.parent.index(reference) + 1, nodes.Text(f" <{shown}>")
                )


class LinkTargets(SphinxPostTransform):
    """In LaTeX, make every id in a guidance block a link target. The writer labels
    sections, tables and figures, but not the cards, list items and table rows that show
    services and documents, nor a rubric labelled with ``:name:``: a reference to one would
    be a link to nowhere. A target node with the ids goes where the writer labels it: before
    a rubric, else at the start of the element's first paragraph."""

    default_priority = 20
    formats: tuple[str, ...] = ("latex",)
    #: What the writer already labels with its ids.
    labelled: tuple[type[nodes.Element], ...] = (
        nodes.section,
        nodes.table,
        nodes.figure,
        nodes.literal_block,
        nodes.target,
    )

    def run(self, **kwargs: Any) -> None:
        for block in list(self.document.findall(nodes.container)):
            if "rai-guidance" not in block["classes"]:
                continue
            for element in list(block.findall(nodes.Element)):
                if element["ids"] and not isinstance(element, self.labelled):
                    _add_target(element)


class TexinfoLinkTargets(LinkTargets):
    """The same in Texinfo, whose writer anchors only sections and targets (a reference to
    anything else leads to an anchor it adds at the end of the manual)."""

    formats = ("texinfo",)
    labelled = (nodes.section, nodes.target)


def _add_target(element: nodes.Element) -> None:
    target = nodes.target("", "", ids=list(element["ids"]))
    if isinstance(element, nodes.rubric | nodes.title):
        element.parent.insert(element.parent.index(element), target)
        return
    paragraph = next(iter(element.findall(nodes.paragraph)), None)
    if paragraph is not None:
        paragraph.insert(0, target)


class FillCoverageTables(SphinxPostTransform):
    """Put the coverage table into each ``rai-coverage`` placeholder, for every builder; it
    runs before references are resolved, so the page links it makes resolve as usual."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        placeholders = list(self.document.findall(coverage_placeholder))
        if not placeholders:
            return
        domain = get_domain(self.env)
        coverage = domain.coverage()
        required = domain.state.config.required_kinds
        for placeholder in placeholders:
            block = coverage_block(coverage, required, self._page_link, placeholder["title"])
            outside_catalogs(block, placeholder["title"] or None)
            block["classes"] = list(dict.fromkeys([*block["classes"], *placeholder["classes"]]))
            for node in block.findall(nodes.Element):
                node.source, node.line = placeholder.source, placeholder.line
            # Read-time transforms give titled tables an id; this one comes later.
            self.document.set_id(block)
            placeholder.replace_self(block)

    def _page_link(self, docname: str) -> nodes.Node:
        """A reference to a page, titled as the page is (resolved like the ``doc`` role)."""
        return addnodes.pending_xref(
            "",
            nodes.inline(docname, docname),
            refdomain="std",
            reftype="doc",
            reftarget="/" + docname,
            refexplicit=False,
            refwarn=True,
            refdoc=self.env.docname,
        )
