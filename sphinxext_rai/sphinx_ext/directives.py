"""The directives: ``rai-guidance`` (cards, a table or a list) and ``rai-coverage``."""

from __future__ import annotations

from collections.abc import Callable
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
from . import blocks
from .accessibility import TABLE_CAPTION
from .cache import Block, Plan, Slot
from .diagnostics import Subtype, warn
from .domain import RaiDomain, get_domain
from .i18n import _
from .nodes import coverage_placeholder, guidance_data
from .render import RenderOptions
from .state import BuildState

T = TypeVar("T")
#: The title a block without one gives its ``:name:`` label (and the labels of targets
#: before it); an attribute of the data node (or of the block, on a page Sphinx translates)
#: from the directive until the page is read.
LABEL_TITLE = "rai_label_title"
#: The title a titled block's ``:name:`` label shows (its rubric's text); an attribute of
#: the data node from the directive until the page is read.
NAME_TITLE = "rai_name_title"
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
        footer = state.config.footer and not self._option("no-footer", opt.flag, False)
        block = Block(tuple(s.slug for s in services), render_options, footer)
        plan = blocks.plan(block, state)
        node = blocks.data_node(block, plan.text if state.config.search_all_text else plan.names)
        self.set_source_info(node)
        name = " ".join((self.options.pop("name", None) or "").split())
        if name:
            self.options["name"] = name
            node["label"] = nodes.fully_normalize_name(name)
            self.add_name(node)
        indexed = not self._option("no-index", opt.flag, False)
        ids = [self._new_id(node, slot.wanted) if indexed else "" for slot in plan.slots]
        node["targets"] = ids if indexed else []
        records = _shown(services, plan.slots, ids, self.lineno)
        result: nodes.Element = node
        if blocks.sphinx_translates(self.env, self.env.docname):
            result = blocks.expand(node, self.env, document=self.state.document)
        else:
            self._titles(node, plan)
        if name and not plan.title:
            result[LABEL_TITLE] = _untitled_label(services)
        domain.note_shown(result, records)
        if not indexed:
            return [result]
        entries = [entry for service in services for entry in _index_entries(service, records)]
        index_node = addnodes.index(entries=entries)
        self.set_source_info(index_node)
        return [index_node, result]

    def _titles(self, node: guidance_data, plan: Plan) -> None:
        """Note the quotes the page's text gets, and the block's title as a ``:ref:`` to its
        ``:name:`` (or, for a table, a ``:numref:``) shows it."""
        cache = get_domain(self.env).state.blocks
        quotes = blocks.quotes_language(self.state.document, cache)
        node["quotes"] = quotes
        if not plan.title:
            return
        title = blocks.educate_text(plan.title, quotes, self.config.smartquotes_action, cache)
        if plan.table:
            node["caption"] = title
        elif "label" in node:
            node[NAME_TITLE] = title

    def _new_id(self, node: guidance_data, wanted: str) -> str:
        """*wanted*, or *wanted* with a number, whichever is not yet used in the page; the
        page's id map points it at *node* until the node tree takes its place. The ids given
        on the page are kept for the page being read, not only in the document object: MyST
        parses an ``eval-rst`` block into a document of its own."""
        document = self.state.document
        given: set[str] = self.env.temp_data.get(_IDS_GIVEN) or set()
        self.env.temp_data[_IDS_GIVEN] = given
        node_id, number = wanted, 1
        while node_id in document.ids or node_id in given:
            number += 1
            node_id = f"{wanted}-{number}"
        document.ids[node_id] = node
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


def _shown(
    services: list[Service], slots: tuple[Slot, ...], ids: list[str], line: int
) -> list[Shown]:
    """What the block shows, per service: the id of the element showing the service, and
    of the first element showing each of its documents ("" when not indexed)."""
    service_ids: dict[str, str] = {}
    # Service slug -> {document key: id of the first element showing that document}.
    document_ids: dict[str, dict[str, str]] = {}
    for slot, node_id in zip(slots, ids, strict=True):
        if slot.key:
            document_ids.setdefault(slot.slug, {}).setdefault(slot.key, node_id)
        else:
            service_ids.setdefault(slot.slug, node_id)
    return [
        Shown(
            slug=service.slug,
            name=service.name,
            line=line,
            target=service_ids.get(service.slug, ""),
            documents=tuple(document_ids.get(service.slug, {}).items()),
        )
        for service in services
    ]


def _untitled_label(services: list[Service]) -> str:
    """The title the ``:name:`` label of a block without a title shows."""
    names = ", ".join(service.name for service in services)
    return _(TABLE_CAPTION) % {"services": names}


def _labelled(node: nodes.Node) -> bool:
    """A data node, or a block given a label title (on a page Sphinx translates)."""
    return isinstance(node, guidance_data) or (
        isinstance(node, nodes.container) and LABEL_TITLE in node.attributes
    )


def title_labels(app: Sphinx, doctree: nodes.document) -> None:
    """Give each block's ``:name:`` label the block's title (Sphinx itself reads a table's
    caption), as Sphinx gives a rubric's label its text; a block without a title gives its
    labels the title its directive chose (Sphinx records labels without a title for
    ``:ref:`` with link text only). A label that a target before a titled block gave it
    stays without a title, as it was when it labelled the block's container."""
    std = app.env.get_domain("std")
    assert isinstance(std, StandardDomain)
    docname = app.env.docname
    for node in doctree.findall(_labelled):
        assert isinstance(node, nodes.Element)
        untitled = node.attributes.pop(LABEL_TITLE, None)
        title = node.attributes.pop(NAME_TITLE, None)
        for label in node["names"]:
            node_id = doctree.nameids.get(label)
            if not node_id:
                continue
            if untitled:
                if std.labels.get(label, ("", "", ""))[:2] != (docname, node_id):
                    std.labels[label] = (docname, node_id, str(untitled))
            elif label == node.get("label"):
                if title:
                    std.labels[label] = (docname, node_id, str(title))
            elif std.labels.get(label, ("", "", ""))[:2] == (docname, node_id):
                del std.labels[label]


def _in_index(text: str) -> str:
    """*text* for a general-index entry, where ``;`` separates levels and cannot be escaped:
    each is written as U+037E (GREEK QUESTION MARK), which looks the same."""
    return text.replace(";", "\u037e")
