"""The roles: ``rai`` (an inline link to a guidance document), and the ``rai`` domain's
``service`` and ``guidance`` cross-references and ``source`` and ``reviewed`` roles.

``:rai:service:`Face``` links to the place in the project where Face's guidance is shown,
``:rai:guidance:`Face/privacy``` to its privacy document there; the objects are also in
``objects.inv`` (names are slugs: ``azure-ai-vision-face``, ``azure-ai-vision-face/privacy``),
so other projects reach them through intersphinx. ``:rai:source:`Face``` and
``:rai:reviewed:`Face``` show where Face's guidance comes from and when it was reviewed.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.roles import XRefRole
from sphinx.util.docutils import SphinxRole

from ..core.coverage import Mention
from ..core.kinds import Kind, parse_kind
from ..core.model import ServiceLookupError
from ..core.names import FAMILY_PREFIX
from .diagnostics import Subtype, warn, warn_lookup
from .domain import get_domain
from .render import RenderOptions, link_to, source_list


class RaiRole(SphinxRole):
    """``:rai:`Face``` links to a service's transparency note; ``:rai:`Face <privacy>```
    to its document of another kind."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        domain = get_domain(self.env)
        state = domain.state
        name, kind = _split_role_text(self.text)
        location = self.get_location()
        wanted = parse_kind(kind) if kind else Kind.TRANSPARENCY
        fallback = nodes.inline(self.rawtext, name, classes=["rai-role", "rai-missing"])
        self.set_source_info(fallback)
        if wanted is None:
            known = ", ".join(k.value for k in Kind)
            warn(
                f"rai role: unknown kind {kind!r}; expected one of {known}",
                Subtype.OPTION,
                location,
            )
            return [fallback], []
        if name.casefold().startswith(FAMILY_PREFIX):
            warn(
                "rai role: links to one service, not a family; use the rai-guidance directive "
                f"for {name!r}",
                Subtype.OPTION,
                location,
            )
            return [fallback], []
        services = domain.select(self.env.docname, name, location)
        if not services:
            return [fallback], []
        service = services[0]
        doc = service.first(wanted) or (
            service.guidance[0] if not kind and service.guidance else None
        )
        if doc is None:
            warn(
                f"rai role: {service.name} has no {wanted.value} document", Subtype.EMPTY, location
            )
            return [fallback], []
        reference = link_to(
            doc,
            service,
            name,
            RenderOptions(
                keep_context=state.config.keep_context,
                locale=state.config.locale,
                new_tab=state.config.new_tab,
            ),
        )
        reference["classes"] += ["rai-role"]
        self.set_source_info(reference)
        domain.note_mention(reference, Mention(service.slug, doc.kind.value, self.lineno))
        return [reference], []


class GuidanceXRefRole(XRefRole):
    """``:rai:service:`` and ``:rai:guidance:``: the text is shown as written, not as code."""

    def __init__(self) -> None:
        super().__init__(innernodeclass=nodes.inline, warn_dangling=True)


class SourceRole(SphinxRole):
    """``:rai:source:`Face```: the title of the index Face comes from, linked, with its
    review date; ``:rai:reviewed:`Face```: the review date alone."""

    def __init__(self, *, date_only: bool = False) -> None:
        super().__init__()
        self.date_only = date_only

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        domain = get_domain(self.env)
        name = " ".join(self.text.split())
        location = self.get_location()
        fallback = nodes.inline(self.rawtext, name, classes=["rai-source", "rai-missing"])
        self.set_source_info(fallback)
        selected = domain.lookup(self.env.docname, name)
        if isinstance(selected, ServiceLookupError):
            warn_lookup(selected, location)
            return [fallback], []
        sources = domain.state.sources_of(selected[0])
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


def _split_role_text(text: str) -> tuple[str, str]:
    """``"Face <privacy>"`` -> ("Face", "privacy"); ``"Face"`` -> ("Face", "")."""
    stripped = text.strip()
    if stripped.endswith(">") and "<" in stripped:
        name, _sep, kind = stripped[:-1].rpartition("<")
        if name.strip():
            return " ".join(name.split()), kind.strip()
    return " ".join(stripped.split()), ""
