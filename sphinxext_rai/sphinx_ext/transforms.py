"""Post-transforms that adapt the rendered guidance to a builder."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.builders.latex.nodes import HYPERLINK_SUPPORT_NODES
from sphinx.transforms.post_transforms import SphinxPostTransform

from .compat import MAN_WRITER_SHOWS_URLS
from .coverage_table import coverage_block
from .domain import get_domain
from .i18n import _
from .nodes import coverage_placeholder, url_line
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
    """In text output, write each guidance URL after its link text, whole on a line of its
    own, so readers of plain output can copy and follow it."""

    default_priority = 800
    formats = ("text",)

    def run(self, **kwargs: Any) -> None:
        for reference in list(self.document.findall(nodes.reference)):
            url = reference.get("refuri")
            classes = reference["classes"]
            if not url or ("rai-link" not in classes and "rai-source" not in classes):
                continue
            shown = url.removeprefix("mailto:")
            if reference.astext() == url:  # the link text is the address: put it on its line
                line = url_line(shown, shown)
                reference[:] = [line]
                after: nodes.Element = reference
            else:
                line = url_line(f"<{shown}>", f"<{shown}>")
                reference.parent.insert(reference.parent.index(reference) + 1, line)
                after = line
            _attach_following_word(after, line)


def _attach_following_word(after: nodes.Element, line: url_line) -> None:
    """Move what follows the link without a space (a full stop, a comma) onto the address's
    line, and drop the space after it, which would start the next line."""
    parent = after.parent
    index = parent.index(after) + 1
    if index >= len(parent) or not isinstance(parent[index], nodes.Text):
        return
    following = str(parent[index])
    end = next((i for i, c in enumerate(following) if c.isspace()), len(following))
    if end:
        line += nodes.Text(following[:end])
    parent[index] = nodes.Text(following[end:].lstrip())


#: What the directive makes link targets of: cards and blocks, table rows and cells, list
#: items, the title. (Other elements with ids, such as the footnotes ``latex_show_urls``
#: adds, are not the extension's.)
_TARGET_NODES = (nodes.container, nodes.row, nodes.entry, nodes.list_item, nodes.rubric)


class LatexLabels(SphinxPostTransform):
    """In LaTeX, put a label at each element of a guidance block that is a link target (a
    service, a document, the block a ``:name:`` names): the LaTeX writer labels sections,
    tables and figures, but not the containers, rows and list items these are, so links to
    them would lead nowhere in the PDF."""

    default_priority = 790
    formats: tuple[str, ...] = ("latex",)
    #: The link targets this writer does not label itself.
    targets: tuple[type[nodes.Element], ...] = _TARGET_NODES

    def run(self, **kwargs: Any) -> None:
        for block in list(self.document.findall(nodes.container)):
            if "rai-guidance" in block["classes"]:
                for element in list(block.findall(nodes.Element)):
                    if element["ids"] and isinstance(element, self.targets):
                        self.label(element)

    def label(self, element: nodes.Element) -> None:
        """Put the targets of *element*'s ids where the writer makes them labels."""
        _label(element)


class TexinfoAnchors(LatexLabels):
    """The same in Texinfo, whose writer anchors only sections and targets (a reference it
    cannot place leads to an anchor it adds at the end of the manual): tables too get a
    target, before them, as titles do."""

    formats = ("texinfo",)
    targets = (*_TARGET_NODES, nodes.table)

    def label(self, element: nodes.Element) -> None:
        targets = [nodes.target("", "", refid=node_id) for node_id in element["ids"]]
        if isinstance(element, nodes.row):
            cell = element.next_node(nodes.entry)
            if cell is not None:
                cell[0:0] = targets
        elif isinstance(element, nodes.rubric | nodes.table):
            index = element.parent.index(element)
            element.parent[index:index] = targets
        else:
            element[0:0] = targets


def _label(element: nodes.Element) -> None:
    """Targets for the ids of *element* where the LaTeX writer turns them into labels: in
    its first cell (a row), before it (a title), or as its first child; an element that
    starts with a table gives it its ids, since a target before a table is left to the
    table's own labels."""
    targets = [nodes.target("", "", refid=node_id) for node_id in element["ids"]]
    if isinstance(element, nodes.row):
        cell = element.next_node(nodes.entry)
        if cell is not None:
            cell[0:0] = targets
    elif isinstance(element, nodes.rubric):
        index = element.parent.index(element)
        element.parent[index:index] = targets
    elif len(element) and isinstance(element[0], HYPERLINK_SUPPORT_NODES):
        element[0]["ids"].extend(element["ids"])
    else:
        element[0:0] = targets


class ShowUrlsInManPages(SphinxPostTransform):
    """In man pages, write each guidance URL after its link text where the man page writer
    does not do it itself (it keeps its own lines, so the URL stays whole)."""

    default_priority = 800
    formats = ("man",)

    def run(self, **kwargs: Any) -> None:
        if MAN_WRITER_SHOWS_URLS or self.config.man_show_urls:
            return
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
            # Read-time transforms give titled tables an id; this one comes later.
            self.document.set_id(block)
            if isinstance(block, nodes.table):
                # A block that scrolls when the table is wider than the screen, as the
                # guidance tables have (see rai.css).
                block = nodes.container("", block, classes=["rai-coverage-block"])
            for node in block.findall(nodes.Element):
                node.source, node.line = placeholder.source, placeholder.line
            # Not replace_self, which would copy the placeholder's classes onto the wrapper.
            placeholder.parent.replace(placeholder, block)

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
