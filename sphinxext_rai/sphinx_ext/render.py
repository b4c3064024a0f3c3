"""Pure node builders for the three layouts: cards, table and list.

Nodes are built directly (never generated markup), in the shapes sphinx-design's own grids
and cards have, so the HTML looks like theirs and other builders degrade to plain
paragraphs, lists and tables. Every element carries a ``rai-`` class.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from docutils import nodes

from ..core.coverage import document_key
from ..core.kinds import Kind
from ..core.messages import N_
from ..core.model import Guidance, Provenance, Service
from ..core.options import BREAKPOINTS, CardMode, Layout, LinkText
from ..core.urls import UnsafeURLError, check_safe, present
from .i18n import _, kind_heading

#: Shown in a table cell, or a card, where no document of a kind exists.
GAP = "\u2014"
NO_DOCUMENTS = N_("No guidance documents of the selected kinds.")
SOURCE_PREFIX = N_("Source: ")
REVIEWED = N_("(reviewed %(date)s)")
#: Attributes marking the element that shows a service, or one of its documents (a key
#: from :func:`~sphinxext_rai.coverage.document_key`); the directive turns them into ids.
SERVICE_MARK = "rai_shows_service"
DOCUMENT_MARK = "rai_shows_document"
#: Attributes of a guidance link naming its service and kind, for the screen-reader text
#: added to HTML (see :mod:`sphinxext_rai.accessibility`).
LINK_SERVICE = "rai_service"
LINK_KIND = "rai_kind"


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
    sources: tuple[Provenance, ...] = ()


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
    if options.sources:
        wrapper += source_footer(options.sources)
    outside_catalogs(wrapper, options.title)
    return wrapper


def outside_catalogs(block: nodes.Element, title: str | None) -> None:
    """Keep the text of *block* out of the project's message catalogs (``-b gettext``): it
    is the extension's own (translated by its catalog) or data shown as published, and a
    translation would replace it by text without its links. The author's *title* stays
    translatable. (Inline elements are never extracted, and Sphinx removes those that carry
    the attribute, so only block elements get it.)"""
    for node in block.findall(nodes.TextElement):
        if isinstance(node, nodes.Inline):
            continue
        if title is None or not isinstance(node, nodes.rubric | nodes.title):
            node["translatable"] = False


def source_footer(sources: Sequence[Provenance]) -> nodes.paragraph:
    """Where the guidance shown comes from, and when that source was last reviewed."""
    footer = nodes.paragraph("", "", classes=["rai-footer"])
    footer += nodes.Text(_(SOURCE_PREFIX))
    footer += source_list(sources)
    return footer


def source_list(sources: Sequence[Provenance]) -> list[nodes.Node]:
    """Each source's title (linked when safe) and review date, separated by semicolons."""
    shown: list[nodes.Node] = []
    for position, source in enumerate(sources):
        if position:
            shown.append(nodes.Text("; "))
        shown.append(source_reference(source))
        if source.date:
            shown.append(nodes.Text(" " + _(REVIEWED) % {"date": source.date}))
    return shown


def source_reference(source: Provenance) -> nodes.Node:
    """The source's title, linked when the source is a web address that is safe to link."""
    title = source.title or source.source
    try:
        url = check_safe(source.source)
    except UnsafeURLError:
        url = None
    if url is None or not url.startswith(("https://", "http://")):
        return nodes.inline(title, title, classes=["rai-source"])
    return nodes.reference(title, title, refuri=url, classes=["rai-source"])


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
                links += _marked(
                    _list_item(_link(doc, service, docs, options), ["rai-document"]), service, doc
                )
            body += links
        else:
            body += _missing(_(NO_DOCUMENTS))
        card = _component("card", [*_CARD_CLASSES, "rai-card", "rai-card-service"])
        card[SERVICE_MARK] = service.slug
        card += body
        row += _grid_item(card)
    return grid


def document_cards(services: Sequence[Service], options: RenderOptions) -> nodes.container:
    """A grid with one clickable card per document (the layout for a single service)."""
    grid, row = _grid(options)
    for service in services:
        docs = service.documents(options.kinds or None)
        for position, doc in enumerate(docs):
            link = _link(doc, service, docs, options, text=kind_heading(doc.kind))
            link["classes"] += ["sd-stretched-link"]
            title = nodes.paragraph(
                "", "", classes=["sd-card-title", "sd-font-weight-bold", "rai-card-title"]
            )
            title += link
            body = _component("card-body", ["sd-card-body", "rai-card-body"])
            body += title
            if doc.label and doc.label != doc.kind.heading:
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
            if position == 0:
                card[SERVICE_MARK] = service.slug
            row += _grid_item(_marked(card, service, doc))
        if not docs:
            card = _component("card", [*_CARD_CLASSES, "rai-card", "rai-card-service"])
            card[SERVICE_MARK] = service.slug
            body = _component("card-body", ["sd-card-body", "rai-card-body"])
            body += [_title_paragraph(service.name), _missing(_(NO_DOCUMENTS))]
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
    # Translators: the heading of the table column that names the AI services.
    head_row += _entry([nodes.paragraph("", _("Service"))], ["rai-table-service"])
    for kind in columns:
        head_row += _entry([nodes.paragraph("", kind_heading(kind))], [f"rai-kind-{kind.value}"])
    group += nodes.thead("", head_row)
    body = nodes.tbody()
    for service in services:
        row = nodes.row(classes=["rai-table-row"])
        row[SERVICE_MARK] = service.slug
        name = nodes.paragraph(classes=["rai-table-service"])
        name += nodes.strong(service.name, service.name)
        row += _entry([name], ["rai-table-service"])
        docs = service.documents(options.kinds or None)
        for kind in columns:
            of_kind = [d for d in docs if d.kind is kind]
            cell = [nodes.paragraph("", "", _link(d, service, docs, options)) for d in of_kind]
            entry = _entry(cell or [_missing(GAP)], [f"rai-kind-{kind.value}"])
            row += _marked(entry, service, of_kind[0]) if of_kind else entry
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
        item[SERVICE_MARK] = service.slug
        item += head
        docs = service.documents(options.kinds or None)
        inner = nodes.bullet_list(bullet="-", classes=["rai-list-documents"])
        for doc in docs:
            inner += _marked(
                _list_item(_link(doc, service, docs, options), ["rai-document"]), service, doc
            )
        item += inner if docs else _missing(_(NO_DOCUMENTS))
        outer += item
    return outer


def link_to(doc: Guidance, service: Service, text: str, options: RenderOptions) -> nodes.reference:
    """An external link to a guidance document, described for screen readers."""
    url = present(doc.url, keep_context=options.keep_context, locale=options.locale)
    reference = nodes.reference(
        text,
        text,
        refuri=url,
        # Translators: the tooltip of a link to a guidance document on another site.
        reftitle=_("%(service)s: %(label)s (%(kind)s, external link)")
        % {
            "service": service.name,
            "label": doc.label or kind_heading(doc.kind),
            "kind": kind_heading(doc.kind),
        },
        classes=["rai-link", f"rai-kind-{doc.kind.value}"],
    )
    reference[LINK_SERVICE] = service.name
    reference[LINK_KIND] = kind_heading(doc.kind)
    if options.new_tab:
        reference["target"] = "_blank"
        reference["rel"] = "noopener noreferrer"
    return reference


E = TypeVar("E", bound=nodes.Element)


def _marked(element: E, service: Service, doc: Guidance) -> E:
    """Mark the element that shows *doc*, so the directive can make it a link target."""
    element.setdefault(DOCUMENT_MARK, document_key(service.slug, doc.kind))
    return element


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
        by_kind = options.link_text == "kind" and unique_kind
        text = kind_heading(doc.kind) if by_kind or not doc.label else doc.label
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
