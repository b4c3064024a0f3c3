"""Cross-references into the ``rai`` domain, and the roles that show an index's source.

``:rai:service:`Face``` links to the place in the project where Face's guidance is shown,
``:rai:guidance:`Face/privacy``` to its privacy document there; the objects are also in
``objects.inv`` (names are slugs: ``azure-ai-vision-face``, ``azure-ai-vision-face/privacy``),
so other projects reach them through intersphinx. ``:rai:source:`Face``` and
``:rai:reviewed:`Face``` show where Face's guidance comes from and when it was reviewed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment
from sphinx.roles import XRefRole
from sphinx.util.docutils import SphinxRole
from sphinx.util.nodes import make_refnode

from .diagnostics import Subtype, warn, warn_lookup
from .index import Service, ServiceLookupError
from .kinds import Kind
from .render import source_list

if TYPE_CHECKING:
    from .domain import RaiDomain


@dataclass(frozen=True, slots=True)
class Target:
    """Where a service or document is shown: page, element id, and a title for the link."""

    docname: str
    anchor: str
    title: str


class GuidanceXRefRole(XRefRole):
    """``:rai:service:`` and ``:rai:guidance:``: the text is shown as written, not as code."""

    def __init__(self) -> None:
        super().__init__(innernodeclass=nodes.inline, warn_dangling=True)


def resolve_reference(
    domain: RaiDomain,
    builder: Builder,
    fromdocname: str,
    typ: str,
    target: str,
    node: pending_xref,
    contnode: nodes.Element,
) -> nodes.reference | None:
    """The link to where the project shows a service or document; None when it shows it
    nowhere (intersphinx may then find it in another project)."""
    found = domain.find_target(typ, target)
    if not isinstance(found, Target):
        return None
    if typ == "guidance" and not node.get("refexplicit"):
        contnode = nodes.inline(found.title, found.title, classes=contnode["classes"])
    return make_refnode(builder, fromdocname, found.docname, found.anchor, contnode, found.title)


def canonical_target(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: nodes.TextElement
) -> None:
    """Before intersphinx looks a ``rai`` reference up in other projects' inventories, put
    the service's slug in place of the name the author wrote ("Face" ->
    "azure-ai-vision-face"): inventories list services by slug."""
    if node.get("refdomain") != "rai" or node.get("reftype") not in ("service", "guidance"):
        return
    from .domain import get_domain

    found = get_domain(env).referenced(node["reftype"], node["reftarget"])
    if isinstance(found, tuple):
        node.setdefault("rai_written", node["reftarget"])
        node["reftarget"] = found[0]


def on_warn_missing_reference(app: Sphinx, domain: Domain, node: pending_xref) -> bool | None:
    """Say, as a typed ``rai`` warning, why a ``rai`` reference found no target."""
    if domain.name != "rai":
        return None
    from .domain import get_domain

    typ, target = node["reftype"], node["reftarget"]
    found = get_domain(app.env).find_target(typ, target)
    target = node.get("rai_written", target)
    if isinstance(found, ServiceLookupError):
        warn_lookup(found, node)
    elif found is None:
        known = ", ".join(k.value for k in Kind)
        warn(
            f"rai:guidance reference {target!r} must be SERVICE/KIND, such as "
            f"'Face/privacy'; kinds: {known}",
            Subtype.REFERENCE,
            node,
        )
    else:
        name = found.name if isinstance(found, Service) else target
        shown = name if typ == "service" else f"this document of {name}"
        warn(
            f"rai:{typ} reference {target!r}: no rai-guidance directive in the project (or "
            f"in an intersphinx inventory) shows {shown}; show it, or link to the published "
            "document with the rai role",
            Subtype.REFERENCE,
            node,
        )
    return True


class SourceRole(SphinxRole):
    """``:rai:source:`Face```: the title of the index Face comes from, linked, with its
    review date; ``:rai:reviewed:`Face```: the review date alone."""

    def __init__(self, *, date_only: bool = False) -> None:
        super().__init__()
        self.date_only = date_only

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        from .domain import get_domain

        domain = get_domain(self.env)
        name = " ".join(self.text.split())
        location = self.get_location()
        fallback = nodes.inline(self.rawtext, name, classes=["rai-source", "rai-missing"])
        self.set_source_info(fallback)
        selected = domain.lookup(self.env.docname, name)
        if isinstance(selected, ServiceLookupError):
            warn_lookup(selected, location)
            return [fallback], []
        sources = domain.build_state.sources_of(selected[0])
        if self.date_only:
            dates = [s.date for s in sources if s.date]
            if not dates:
                warn(
                    f"rai:reviewed: the index {selected[0].name} comes from has no review date",
                    Subtype.EMPTY,
                    location,
                )
                return [fallback], []
            date = nodes.inline(dates[-1], dates[-1], classes=["rai-reviewed"])
            self.set_source_info(date)
            return [date], []
        if not sources:
            warn(
                f"rai:source: no source is recorded for {selected[0].name}",
                Subtype.EMPTY,
                location,
            )
            return [fallback], []
        shown = nodes.inline("", "", *source_list(sources), classes=["rai-source"])
        self.set_source_info(shown)
        return [shown], []
