"""The roles: ``rai`` (an inline link to a guidance document), and the ``rai`` domain's
``service`` and ``guidance`` cross-references and ``source`` and ``reviewed`` roles.

The linking roles take link text in Sphinx's way, ``:rai:`privacy notes <Face/privacy>```;
without it they say what they link to: the service, and for a document its kind.

``:rai:service:`Face``` links to the place in the project where Face's guidance is shown,
``:rai:guidance:`Face/privacy``` to its privacy document there; the objects are also in
``objects.inv`` (names are slugs: ``azure-ai-vision-face``, ``azure-ai-vision-face/privacy``),
so other projects reach them through intersphinx. ``:rai:source:`Face``` and
``:rai:reviewed:`Face``` show where Face's guidance comes from and when it was reviewed.
"""

from __future__ import annotations

from dataclasses import dataclass

from docutils import nodes
from sphinx.roles import XRefRole
from sphinx.util.docutils import ReferenceRole, SphinxRole

from ..core.coverage import Mention
from ..core.kinds import Kind, parse_kind, split_reference
from ..core.model import Guidance, Service, ServiceLookupError
from ..core.names import queried_family
from .diagnostics import Subtype, Where, warn, warn_lookup
from .domain import RaiDomain, get_domain
from .i18n import document_title
from .render import RenderOptions, link_to, source_list


@dataclass(frozen=True)
class _Reading:
    """What a ``rai`` role asks for: a service name, a kind (None: the transparency note,
    or the first document), the link text written (None: the default), and whether it is
    written in the old form ``SERVICE <KIND>``."""

    service: str
    kind: Kind | None
    text: str | None
    old_form: bool = False


class RaiRole(ReferenceRole):
    """``:rai:`Face``` links to a service's transparency note, ``:rai:`Face/privacy``` to
    its document of another kind, ``:rai:`privacy notes <Face/privacy>``` with link text of
    the author's. The old form ``:rai:`Face <privacy>``` still works, with a warning."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        domain = get_domain(self.env)
        location = self.get_location()
        written = self.title if self.has_explicit_title else self.target
        fallback = nodes.inline(
            self.rawtext, " ".join(written.split()), classes=["rai-role", "rai-missing"]
        )
        self.set_source_info(fallback)
        reading = self._read(domain, location)
        found = self._document(domain, reading, location) if reading else None
        if reading is None or found is None:
            return [fallback], []
        service, doc = found
        state = domain.state
        reference = link_to(
            doc,
            service,
            reading.text or document_title(service.name, doc.kind),
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

    def _read(self, domain: RaiDomain, location: Where) -> _Reading | None:
        """The service, kind and link text the role names; None (with a warning) when its
        kind is not one of the vocabulary."""
        target = " ".join(self.target.split())
        text = " ".join(self.title.split()) if self.has_explicit_title else None
        if text is not None:
            old = self._old_form(domain, text, target, location)
            if old is not None:
                return old
        name, kind_text = split_reference(target)
        if not kind_text:
            return _Reading(target, None, text)
        kind = parse_kind(kind_text)
        if kind is not None:
            return _Reading(name, kind, text)
        if not isinstance(domain.lookup(self.env.docname, target), ServiceLookupError):
            return _Reading(target, None, text)  # a service whose name holds a slash
        known = ", ".join(k.value for k in Kind)
        warn(
            f"rai role: unknown kind {kind_text!r} in {target!r}; write SERVICE/KIND with "
            f"KIND one of {known}",
            Subtype.OPTION,
            location,
        )
        return None

    def _old_form(
        self, domain: RaiDomain, text: str, target: str, location: Where
    ) -> _Reading | None:
        """``SERVICE <KIND>``, the role's old form, when the target is a kind and names no
        service; when it is both, the target is read as the service, with a warning."""
        kind = parse_kind(target) if "/" not in target else None
        if kind is None:
            return None
        selected = domain.lookup(self.env.docname, target)
        if isinstance(selected, ServiceLookupError):
            return _Reading(text, kind, text, old_form=True)
        warn(
            f"rai role: {target!r} in {self.text!r} is both a kind and the name of "
            f"{selected[0].name}, read as the service; write :rai:`{text} <{text}/{target}>` "
            f"for the {kind.value} document of {text}, or :rai:`{text} <{selected[0].name}>` "
            "to link to the service without this warning",
            Subtype.DEPRECATED_SYNTAX,
            location,
        )
        return None

    def _document(
        self, domain: RaiDomain, reading: _Reading, location: Where
    ) -> tuple[Service, Guidance] | None:
        """The service and document the role links to; None (with a warning) if none."""
        if queried_family(reading.service) is not None:
            warn(
                "rai role: links to one service, not a family; use the rai-guidance directive "
                f"for {reading.service!r}",
                Subtype.OPTION,
                location,
            )
            return None
        services = domain.select(self.env.docname, reading.service, location, _hint(reading))
        if not services:
            return None
        service = services[0]
        if reading.old_form and reading.kind is not None:
            _warn_old_form(self.text, reading.service, reading.kind, service, location)
        wanted = reading.kind or Kind.TRANSPARENCY
        doc = service.first(wanted) or (
            service.guidance[0] if reading.kind is None and service.guidance else None
        )
        if doc is None:
            warn(
                f"rai role: {service.name} has no {wanted.value} document", Subtype.EMPTY, location
            )
            return None
        return service, doc


def _hint(reading: _Reading) -> str:
    """How the role read link text and a target, for a warning that they name no service."""
    if reading.old_form and reading.kind is not None:
        return (
            f" (read as the old form SERVICE <KIND>; for link text of your own write "
            f":rai:`{reading.text} <SERVICE/{reading.kind.value}>`)"
        )
    if reading.text is None or reading.kind is not None:
        return ""
    return (
        f" (in :rai:`{reading.text} <{reading.service}>` the name in angle brackets is the "
        "service, or SERVICE/KIND)"
    )


def _warn_old_form(written: str, name: str, kind: Kind, service: Service, location: Where) -> None:
    """Say what to write instead of the old form ``:rai:`NAME <KIND>``` (*written*)."""
    warn(
        f"rai role: {written!r} is the old form SERVICE <KIND>; write "
        f":rai:`{name} <{name}/{kind.value}>` to keep the link text {name!r}, or "
        f":rai:`{name}/{kind.value}` for the default text "
        f"{document_title(service.name, kind)!r}",
        Subtype.DEPRECATED_SYNTAX,
        location,
    )


class GuidanceXRefRole(XRefRole):
    """``:rai:service:`` and ``:rai:guidance:``: link text as written
    (``:rai:service:`our face matcher <Face>```), else the target's title, in plain text
    rather than code."""

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
