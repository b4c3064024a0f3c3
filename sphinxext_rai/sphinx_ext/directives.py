"""The directives: ``rai-guidance`` (cards, a table or a list) and ``rai-coverage``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.parsers.rst.states import SubstitutionDef
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.domains.std import StandardDomain
from sphinx.util.docutils import SphinxDirective

from ..core import options as opt
from ..core.coverage import Shown
from ..core.model import Service
from ..core.names import family_query
from .accessibility import TABLE_CAPTION
from .diagnostics import Subtype, warn
from .domain import RaiDomain, get_domain
from .i18n import _
from .nodes import coverage_placeholder
from .render import DOCUMENT_MARK, SERVICE_MARK, RenderOptions, guidance_block
from .state import BuildState

T = TypeVar("T")
#: The title a block without one gives its ``:name:`` label; an attribute of the block
#: from the directive until the page is read.
LABEL_TITLE = "rai_label_title"
#: Where the ids the directives gave on the page being read are kept.
_IDS_GIVEN = "rai_ids_given"


class RaiGuidance(SphinxDirective):
    """Render the guidance documents of the named services as cards, a table or a list.

    Names come from the argument and the content, separated by commas or new lines; each is
    a service name, slug, alias, unique leaf name, or ``family:NAME``.
    """

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    # Every value is checked in run(), so a bad one is a typed warning, not an error.
    option_spec = {  # noqa: RUF012 - docutils' own API
        "layout": directives.unchanged,
        "kinds": directives.unchanged,
        "family": directives.unchanged,
        "columns": directives.unchanged,
        "cards": directives.unchanged,
        "title": directives.unchanged,
        "no-title": directives.unchanged,
        "link-text": directives.unchanged,
        "class": directives.unchanged,
        "name": directives.unchanged,
        "no-footer": directives.unchanged,
        "no-index": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        if misplaced(self, "rai-guidance"):
            return []
        domain = get_domain(self.env)
        state = domain.state
        queries = self._queries()
        render_options = self._render_options(state)
        if not queries:
            warn("rai-guidance: no AI service named", Subtype.EMPTY, self.get_location())
            return []
        services = self._services(queries, domain)
        if not services:
            return []  # each name that selected nothing has been warned about
        if render_options.kinds and not any(s.documents(render_options.kinds) for s in services):
            shown = ", ".join(k.value for k in render_options.kinds)
            warn(
                f"rai-guidance: no guidance document of kind {shown} for "
                f"{', '.join(s.name for s in services)}",
                Subtype.EMPTY,
                self.get_location(),
            )
        if state.config.footer and not self._option("no-footer", opt.flag, False):
            sources = (p for s in services for p in state.sources_of(s))
            render_options = replace(render_options, sources=tuple(dict.fromkeys(sources)))
        block = guidance_block(services, render_options)
        name = " ".join((self.options.pop("name", None) or "").split())
        if name:
            self.options["name"] = name
            self.add_name(_label_target(block, services))
        for node in block.findall(nodes.Element):
            self.set_source_info(node)
        indexed = not self._option("no-index", opt.flag, False)
        records = self._targets(block, services, indexed)
        domain.note_shown(block, records)
        if not indexed:
            return [block]
        entries = [entry for service in services for entry in _index_entries(service, records)]
        index_node = addnodes.index(entries=entries)
        self.set_source_info(index_node)
        return [index_node, block]

    def _targets(self, block: nodes.Element, services: list[Service], indexed: bool) -> list[Shown]:
        """Give the elements marked by the renderer unique ids (when *indexed*), and record
        what the block shows, per service."""
        service_ids: dict[str, str] = {}
        # Service slug -> {document key: id of the first element showing that document}.
        document_ids: dict[str, dict[str, str]] = {}
        for element in block.findall(nodes.Element):
            slug = element.attributes.pop(SERVICE_MARK, None)
            key = element.attributes.pop(DOCUMENT_MARK, None)
            if slug is not None and slug not in service_ids:
                service_ids[slug] = self._new_id(element, f"rai-{slug}") if indexed else ""
            if key is not None:
                node_id = self._new_id(element, "rai-" + key.replace("/", "-")) if indexed else ""
                document_ids.setdefault(key.partition("/")[0], {}).setdefault(key, node_id)
        return [
            Shown(
                slug=service.slug,
                name=service.name,
                line=self.lineno,
                target=service_ids.get(service.slug, ""),
                documents=tuple(document_ids.get(service.slug, {}).items()),
            )
            for service in services
        ]

    def _new_id(self, element: nodes.Element, wanted: str) -> str:
        """*wanted*, or *wanted* with a number, whichever is not yet used in the page. The
        ids given on the page are kept for the page being read, not only in the document
        object: MyST parses an ``eval-rst`` block into a document of its own."""
        document = self.state.document
        given: set[str] = self.env.temp_data.get(_IDS_GIVEN) or set()
        self.env.temp_data[_IDS_GIVEN] = given
        node_id, number = wanted, 1
        while node_id in document.ids or node_id in given:
            number += 1
            node_id = f"{wanted}-{number}"
        element["ids"].append(node_id)
        document.ids[node_id] = element
        given.add(node_id)
        return node_id

    def _queries(self) -> list[str]:
        """The names given in the argument, the content and the ``:family:`` option."""
        queries = opt.split_names(self.arguments[0]) if self.arguments else []
        queries += [n for line in self.content for n in opt.split_names(line)]
        if "family" in self.options:
            queries += [family_query(f) for f in opt.split_names(self.options["family"])]
        return queries

    def _services(self, queries: list[str], domain: RaiDomain) -> list[Service]:
        """The services named, in order, each once; unknown names are warned about."""
        chosen: dict[str, Service] = {}
        for query in queries:
            for service in domain.select(self.env.docname, query, self.get_location()):
                chosen.setdefault(service.slug, service)
        return list(chosen.values())

    def _render_options(self, state: BuildState) -> RenderOptions:
        config = state.config
        given = self.options
        title = given.get("title")
        if self._option("no-title", opt.flag, False):
            title = ""
        elif title is not None:
            title = " ".join(title.split()) or None
        return RenderOptions(
            layout=self._option("layout", opt.layout, config.default_layout),
            kinds=self._option("kinds", opt.kinds, config.default_kinds),
            columns=self._option("columns", opt.columns, config.default_columns),
            title=title,
            classes=self._option("class", opt.classes, ()),
            card_mode=self._option("cards", opt.card_mode, "auto"),
            link_text=self._option("link-text", opt.link_text, config.link_text),
            keep_context=config.keep_context,
            locale=config.locale,
            new_tab=config.new_tab,
        )

    def _option(self, name: str, parse: Callable[[str], T], default: T) -> T:
        """The parsed value of an option, or *default* with a warning when it is bad."""
        if name not in self.options:
            return default
        try:
            return parse(self.options[name] or "")
        except ValueError as err:
            warn(
                f"rai-guidance: option :{name}: {err}; using the default",
                Subtype.OPTION,
                self.get_location(),
            )
            return default


class RaiCoverage(SphinxDirective):
    """A table of every service the project cites: pages showing its guidance, documents
    shown, pages naming it with the ``rai`` role, and (with ``rai_required_kinds``) the
    required kinds shown nowhere."""

    has_content = False
    option_spec = {  # noqa: RUF012 - docutils' own API
        "title": directives.unchanged,
        "class": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        if misplaced(self, "rai-coverage"):
            return []
        get_domain(self.env).note_coverage_table(self.env.docname)
        title = " ".join((self.options.get("title") or "").split())
        classes = ["rai-coverage"]
        try:
            classes += opt.classes(self.options.get("class") or "")
        except ValueError as err:
            warn(f"rai-coverage: option :class: {err}", Subtype.OPTION, self.get_location())
        placeholder = coverage_placeholder(title=title, classes=classes)
        self.set_source_info(placeholder)
        return [placeholder]


def misplaced(directive: SphinxDirective, name: str) -> bool:
    """True, with a warning, where a block directive cannot put its output: in a
    substitution definition, which holds inline text only (docutils would move the block
    to where the definition is, and the substitution would show nothing)."""
    if not isinstance(directive.state, SubstitutionDef):
        return False
    warn(
        f"{name} cannot be used in a substitution definition, which holds only inline text; "
        "write the directive where its output should appear",
        Subtype.PLACEMENT,
        directive.get_location(),
    )
    return True


def _index_entries(
    service: Service, shown: list[Shown]
) -> list[tuple[str, str, str, str, str | None]]:
    """General-index entries for a service shown with an id: by name, and under its family."""
    target = next((r.target for r in shown if r.slug == service.slug and r.target), "")
    if not target:
        return []
    name = _in_index(service.name)
    entries: list[tuple[str, str, str, str, str | None]] = [
        ("single", _("%(name)s (AI service)") % {"name": name}, target, "", None)
    ]
    if service.family:
        entries.append(
            ("single", f"{_in_index(service.family)}; {_in_index(service.leaf)}", target, "", None)
        )
    return entries


def _label_target(block: nodes.container, services: list[Service]) -> nodes.Element:
    """The element a ``:name:`` labels: the block's title (a rubric, or a table with its
    caption), whose text a ``:ref:`` without link text shows; or, in a block without a
    title, the block, given a title for the label (see :func:`title_untitled_labels`)."""
    for titled in block.findall(_titled):
        assert isinstance(titled, nodes.Element)
        return titled
    names = ", ".join(service.name for service in services)
    block[LABEL_TITLE] = _(TABLE_CAPTION) % {"services": names}
    return block


def title_untitled_labels(app: Sphinx, doctree: nodes.document) -> None:
    """Give the label of each untitled block the title its directive chose, as Sphinx
    gives a section's label the section title (Sphinx records labels without a title
    for ``:ref:`` with link text only)."""
    std = app.env.get_domain("std")
    assert isinstance(std, StandardDomain)
    docname = app.env.docname
    for block in doctree.findall(nodes.container):
        title = block.attributes.pop(LABEL_TITLE, None)
        for name in block["names"] if title else ():
            node_id = doctree.nameids.get(name)
            if node_id and std.labels.get(name, ("", "", ""))[:2] != (docname, node_id):
                std.labels[name] = (docname, node_id, str(title))


def _in_index(text: str) -> str:
    """*text* for a general-index entry, where ``;`` separates levels and cannot be escaped:
    each is written as U+037E (GREEK QUESTION MARK), which looks the same."""
    return text.replace(";", "\u037e")


def _titled(node: nodes.Node) -> bool:
    """A block title (rubric) or a table with a caption: what a :ref: can take its text from."""
    if isinstance(node, nodes.table):
        return node.next_node(nodes.title) is not None
    return isinstance(node, nodes.rubric)
