"""Pure node builders for the three layouts: cards, table and list.

Nodes are built directly (never generated markup), in the shapes sphinx-design's own grids
and cards have, so the HTML looks like theirs and other builders degrade to plain
paragraphs, lists and tables. Every element carries a ``rai-`` class.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from docutils import nodes

from .index import Guidance, Service
from .kinds import Kind
from .options import BREAKPOINTS, CardMode, Layout, LinkText
from .urls import present

#: Shown in a table cell, or a card, where no document of a kind exists.
GAP = "\u2014"
NO_DOCUMENTS = "No guidance documents of the selected kinds."


@dataclass(frozen=True)
class RenderOptions:
    """Everything that shapes the output, resolved from directive options and config."""

    layout: Layout = "cards"
    kinds: tuple[Kind, ...] = ()
    columns: tuple[int, int, int, int] = (1, 2, 2, 3)
    title: str | None = None
    classes: tuple[str, ...] = ()
    card_mode: CardMode = "auto"
    link_text: LinkText = "label"
    keep_context: bool = True
    locale: str | None = None
    new_tab: bool = False


def guidance_block(services: Sequence[Service], options: RenderOptions) -> nodes.container:
    """The whole rendering of a directive: a wrapper holding the title and the layout."""
    wrapper = _component(
        "rai-guidance", ["rai-guidance", f"rai-layout-{options.layout}", *options.classes]
    )
    per_document = options.layout == "cards" and (
        options.card_mode == "document" or (options.card_mode == "auto" and len(services) == 1)
    )
    title = options.title
    if title is None and per_document and len(services) == 1:
        title = services[0].name
    if title and options.layout != "table":
        wrapper += nodes.rubric(title, title, classes=["rai-title"])
    if options.layout == "table":
        wrapper += table(services, options, title)
    elif options.layout == "list":
        wrapper += bullet_list(services, options)
    elif per_document:
        wrapper += document_cards(services, options)
    else:
        wrapper += service_cards(services, options)
    return wrapper


def service_cards(services: Sequence[Service], options: RenderOptions) -> nodes.container:
    """A grid with one card per service: name, family, and its documents as links."""
    grid, row = _grid(options)
    for service in services:
        body = _component("card-body", ["sd-card-body", "rai-card-body"])
        body += _title_paragraph(service.name)
        if service.family:
            body += nodes.paragraph("", service.family, classes=["sd-card-text", "rai-card-family"])
        docs = service.documents(options.kinds or None)
        if docs:
            links = nodes.bullet_list(bullet="*", classes=["rai-card-links"])
            for doc in docs:
                links += _list_item(_link(doc, service, docs, options), ["rai-document"])
            body += links
        else:
            body += _missing(NO_DOCUMENTS)
        card = _component("card", [*_CARD_CLASSES, "rai-card", "rai-card-service"])
        card += body
        row += _grid_item(card)
    return grid


def document_cards(services: Sequence[Service], options: RenderOptions) -> nodes.container:
    """A grid with one clickable card per document (the layout for a single service)."""
    grid, row = _grid(options)
    for service in services:
        docs = service.documents(options.kinds or None)
        for doc in docs:
            link = _link(doc, service, docs, options, text=doc.kind.heading)
            link["classes"] += ["sd-stretched-link"]
            title = nodes.paragraph(
                "", "", classes=["sd-card-title", "sd-font-weight-bold", "rai-card-title"]
            )
            title += link
            body = _component("card-body", ["sd-card-body", "rai-card-body"])
            body += title
            if doc.label != doc.kind.heading:
                body += nodes.paragraph("", doc.label, classes=["sd-card-text", "rai-card-label"])
            if len(services) > 1:
                body += nodes.paragraph(
                    "", service.name, classes=["sd-card-text", "rai-card-family"]
                )
            card = _component(
                "card",
                [
                    *_CARD_CLASSES,
                    "sd-card-hover",
                    "rai-card",
                    "rai-card-document",
                    f"rai-kind-{doc.kind.value}",
                ],
            )
            card += body
            row += _grid_item(card)
        if not docs:
            card = _component("card", [*_CARD_CLASSES, "rai-card", "rai-card-service"])
            body = _component("card-body", ["sd-card-body", "rai-card-body"])
            body += [_title_paragraph(service.name), _missing(NO_DOCUMENTS)]
            card += body
            row += _grid_item(card)
    return grid


def table(services: Sequence[Service], options: RenderOptions, title: str | None) -> nodes.table:
    """A table with a row per service and a column per kind present; gaps are marked."""
    columns = _kinds_present(services, options.kinds)
    table_node = nodes.table(classes=["rai-table", "colwidths-auto"])
    if title:
        table_node += nodes.title(title, title, classes=["rai-table-caption"])
    group = nodes.tgroup(cols=len(columns) + 1)
    table_node += group
    for width in (2, *[3] * len(columns)):
        group += nodes.colspec(colwidth=width)
    next(group.findall(nodes.colspec))["stub"] = 1  # service names head their rows
    head_row = nodes.row()
    head_row += _entry([nodes.paragraph("", "Service")], ["rai-table-service"])
    for kind in columns:
        head_row += _entry([nodes.paragraph("", kind.heading)], [f"rai-kind-{kind.value}"])
    group += nodes.thead("", head_row)
    body = nodes.tbody()
    for service in services:
        row = nodes.row(classes=["rai-table-row"])
        name = nodes.paragraph(classes=["rai-table-service"])
        name += nodes.strong(service.name, service.name)
        row += _entry([name], ["rai-table-service"])
        docs = service.documents(options.kinds or None)
        for kind in columns:
            of_kind = [d for d in docs if d.kind is kind]
            cell = [nodes.paragraph("", "", _link(d, service, docs, options)) for d in of_kind]
            row += _entry(cell or [_missing(GAP)], [f"rai-kind-{kind.value}"])
        body += row
    group += body
    return table_node


def bullet_list(services: Sequence[Service], options: RenderOptions) -> nodes.bullet_list:
    """Nested bullet lists: each service, then its documents."""
    outer = nodes.bullet_list(bullet="*", classes=["rai-list"])
    for service in services:
        head = nodes.paragraph(classes=["rai-list-service"])
        head += nodes.strong(service.name, service.name)
        if service.family:
            head += nodes.Text(f" ({service.family})")
        item = nodes.list_item(classes=["rai-service"])
        item += head
        docs = service.documents(options.kinds or None)
        inner = nodes.bullet_list(bullet="-", classes=["rai-list-documents"])
        for doc in docs:
            inner += _list_item(_link(doc, service, docs, options), ["rai-document"])
        item += inner if docs else _missing(NO_DOCUMENTS)
        outer += item
    return outer


def link_to(doc: Guidance, service: Service, text: str, options: RenderOptions) -> nodes.reference:
    """An external link to a guidance document, described for screen readers."""
    url = present(doc.url, keep_context=options.keep_context, locale=options.locale)
    reference = nodes.reference(
        text,
        text,
        refuri=url,
        reftitle=f"{service.name}: {doc.label} ({doc.kind.heading}, external link)",
        classes=["rai-link", f"rai-kind-{doc.kind.value}"],
    )
    # For the screen-reader description added to HTML (see accessibility.py).
    reference["rai_service"] = service.name
    reference["rai_kind"] = doc.kind.heading
    if options.new_tab:
        reference["target"] = "_blank"
        reference["rel"] = "noopener noreferrer"
    return reference


_CARD_CLASSES = ("sd-card", "sd-sphinx-override", "sd-w-100", "sd-shadow-sm", "sd-mb-3")


def _link(
    doc: Guidance,
    service: Service,
    siblings: Sequence[Guidance],
    options: RenderOptions,
    text: str | None = None,
) -> nodes.reference:
    if text is None:
        unique_kind = sum(1 for d in siblings if d.kind is doc.kind) == 1
        text = doc.kind.heading if options.link_text == "kind" and unique_kind else doc.label
    return link_to(doc, service, text, options)


def _kinds_present(services: Sequence[Service], wanted: tuple[Kind, ...]) -> list[Kind]:
    present_kinds = {g.kind for s in services for g in s.guidance}
    order = wanted or tuple(Kind)
    return [k for k in order if k in present_kinds]


def _grid(options: RenderOptions) -> tuple[nodes.container, nodes.container]:
    grid = _component(
        "grid-container", ["sd-container-fluid", "sd-sphinx-override", "sd-mb-4", "rai-grid"]
    )
    first = options.columns[0]
    column_classes = [f"sd-row-cols-{first}"] + [
        f"sd-row-cols-{size}-{n}" for size, n in zip(BREAKPOINTS, options.columns, strict=True)
    ]
    gutter = ["sd-g-3"] + [f"sd-g-{size}-3" for size in BREAKPOINTS]
    row = _component("grid-row", ["sd-row", *column_classes, *gutter, "rai-grid-row"])
    grid += row
    return grid, row


def _grid_item(card: nodes.container) -> nodes.container:
    item = _component("grid-item", ["sd-col", "sd-d-flex-row", "rai-grid-item"])
    item += card
    return item


def _component(name: str, classes: list[str]) -> nodes.container:
    """A container in sphinx-design's shape (a plain ``div`` in HTML)."""
    return nodes.container("", is_div=True, design_component=name, classes=classes)


def _title_paragraph(text: str) -> nodes.paragraph:
    title = nodes.paragraph(
        "", "", classes=["sd-card-title", "sd-font-weight-bold", "rai-card-title"]
    )
    title += nodes.strong(text, text)
    return title


def _list_item(reference: nodes.reference, classes: list[str]) -> nodes.list_item:
    item = nodes.list_item(classes=classes)
    item += nodes.paragraph("", "", reference)
    return item


def _entry(children: Sequence[nodes.Element], classes: list[str]) -> nodes.entry:
    entry = nodes.entry(classes=classes)
    entry.extend(children)
    return entry


def _missing(text: str) -> nodes.paragraph:
    return nodes.paragraph("", text, classes=["rai-missing"])
