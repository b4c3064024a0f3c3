"""The ``rai-coverage`` table: for each cited service, where it is shown and named."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from docutils import nodes

from ..core.coverage import Coverage, ServiceCoverage
from ..core.kinds import Kind, parse_kind
from ..core.messages import N_
from .i18n import _, kind_heading
from .render import GAP

NOTHING_CITED = N_("No page shows or names an AI service.")
HEADINGS = (N_("Service"), N_("Guidance shown on"), N_("Documents shown"), N_("Named on"))
MISSING_HEADING = N_("Required, not shown")
#: Relative column widths (characters in plain text output).
WIDTHS = (22, 24, 30, 18, 20)

#: Makes the link to a page from its name (a cross-reference, resolved per builder).
PageLink = Callable[[str], nodes.Node]


def coverage_block(
    coverage: Coverage, required: Sequence[Kind], page_link: PageLink, title: str | None
) -> nodes.Element:
    """The coverage table, or a sentence saying that nothing is cited yet."""
    if not coverage.services:
        return nodes.paragraph("", _(NOTHING_CITED), classes=["rai-coverage", "rai-missing"])
    headings = [*HEADINGS, MISSING_HEADING] if required else list(HEADINGS)
    table = nodes.table(classes=["rai-coverage", "colwidths-auto"])
    if title:
        table += nodes.title(title, title)
    group = nodes.tgroup(cols=len(headings))
    table += group
    group.extend(nodes.colspec(colwidth=width) for width in WIDTHS[: len(headings)])
    head = nodes.row()
    head.extend(_entry([nodes.Text(_(h))]) for h in headings)
    group += nodes.thead("", head)
    body = nodes.tbody()
    for service in coverage.services:
        body += _row(service, required, page_link)
    group += body
    return table


def _row(service: ServiceCoverage, required: Sequence[Kind], page_link: PageLink) -> nodes.row:
    row = nodes.row(classes=["rai-coverage-row"])
    row += _entry([nodes.strong(service.name, service.name)])
    row += _entry(_joined([page_link(d) for d in service.shown_on]))
    headings = [_heading(kind) for kind in service.kinds_shown]
    row += _entry(_joined([nodes.Text(h) for h in headings]))
    row += _entry(_joined([page_link(d) for d in service.mentioned_on]))
    if required:
        missing = [nodes.Text(kind_heading(k)) for k in service.missing(required)]
        row += _entry(_joined(missing), ["rai-missing"] if missing else [])
    return row


def _heading(kind_value: str) -> str:
    kind = parse_kind(kind_value)
    return kind_heading(kind) if kind else kind_value


def _joined(items: Sequence[nodes.Node]) -> list[nodes.Node]:
    if not items:
        return [nodes.Text(GAP)]
    joined: list[nodes.Node] = [items[0]]
    for item in items[1:]:
        joined += [nodes.Text(", "), item]
    return joined


def _entry(children: list[nodes.Node], classes: list[str] | None = None) -> nodes.entry:
    paragraph = nodes.paragraph()
    paragraph.extend(children)
    return nodes.entry("", paragraph, classes=classes or [])
