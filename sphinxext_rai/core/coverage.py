"""Which page shows or mentions which service, and what the project's policy asks for.

Nothing here imports Sphinx: the records are collected by the domain while pages are read,
and turned here into the coverage report (``rai.json``, the ``rai-coverage`` table) and into
the policy findings that the extension reports as warnings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .kinds import Kind
from .model import Index, Provenance

#: Bump when the shape of ``rai.json`` changes incompatibly.
REPORT_VERSION = 1


#: The conditions a part of a page is output under: (``"only"`` or ``"ifconfig"``, the
#: expression), from the outermost; a record counts for a build only where all hold.
Conditions = tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Shown:
    """A service shown by a ``rai-guidance`` directive on a page.

    ``target`` is the element id a cross-reference can point at ("" when the directive is
    not indexed); ``documents`` pairs each shown document's key (``slug/kind``) with its id.
    """

    slug: str
    name: str
    line: int | None
    target: str
    documents: tuple[tuple[str, str], ...]
    conditions: Conditions = ()


@dataclass(frozen=True, slots=True)
class Mention:
    """A service named inline by the ``rai`` role on a page, linking to a document of *kind*."""

    slug: str
    kind: str
    line: int | None
    conditions: Conditions = ()


def document_key(slug: str, kind: Kind | str) -> str:
    """The name of a guidance document object: ``face/transparency``."""
    value = kind.value if isinstance(kind, Kind) else kind
    return f"{slug}/{value}"


@dataclass(frozen=True)
class ServiceCoverage:
    """Where one service is cited in the project, and which of its documents are shown."""

    slug: str
    name: str
    shown_on: tuple[str, ...]
    mentioned_on: tuple[str, ...]
    kinds_shown: Mapping[str, tuple[str, ...]]
    kinds_published: tuple[str, ...]

    def missing(self, required: Iterable[Kind]) -> tuple[Kind, ...]:
        """The required kinds shown on no page, in the order asked for."""
        return tuple(k for k in required if k.value not in self.kinds_shown)


@dataclass(frozen=True)
class PageCoverage:
    """What one page cites: services it shows, their documents, and services it mentions."""

    shows: tuple[str, ...]
    documents: tuple[str, ...]
    mentions: tuple[str, ...]


@dataclass(frozen=True)
class Coverage:
    """The whole project's coverage: per page and per service, in a stable order."""

    pages: Mapping[str, PageCoverage]
    services: tuple[ServiceCoverage, ...]


def build_coverage(
    shown: Mapping[str, Sequence[Shown]], mentions: Mapping[str, Sequence[Mention]], index: Index
) -> Coverage:
    """Combine the per-page records into per-service coverage, sorted by page and service."""
    shown_on: dict[str, set[str]] = {}
    mentioned_on: dict[str, set[str]] = {}
    kinds_shown: dict[str, dict[str, set[str]]] = {}
    names: dict[str, str] = {}
    pages: dict[str, PageCoverage] = {}
    for docname, records in shown.items():
        for record in records:
            names.setdefault(record.slug, record.name)
            shown_on.setdefault(record.slug, set()).add(docname)
            for key, _ in record.documents:
                kind = key.rpartition("/")[2]
                kinds_shown.setdefault(record.slug, {}).setdefault(kind, set()).add(docname)
    for docname, marks in mentions.items():
        for mention in marks:
            mentioned_on.setdefault(mention.slug, set()).add(docname)
    for docname in sorted({*shown, *mentions}):
        records = shown.get(docname, ())
        pages[docname] = PageCoverage(
            shows=tuple(dict.fromkeys(r.slug for r in records)),
            documents=tuple(dict.fromkeys(key for r in records for key, _ in r.documents)),
            mentions=tuple(dict.fromkeys(m.slug for m in mentions.get(docname, ()))),
        )
    services = []
    for slug in sorted({*shown_on, *mentioned_on}):
        service = index.get(slug)
        published = tuple(dict.fromkeys(g.kind.value for g in service.guidance)) if service else ()
        services.append(
            ServiceCoverage(
                slug=slug,
                name=service.name if service else names.get(slug, slug),
                shown_on=tuple(sorted(shown_on.get(slug, ()))),
                mentioned_on=tuple(sorted(mentioned_on.get(slug, ()))),
                kinds_shown={
                    kind: tuple(sorted(docs))
                    for kind, docs in sorted(kinds_shown.get(slug, {}).items(), key=_kind_order)
                },
                kinds_published=published,
            )
        )
    return Coverage(pages, tuple(services))


_KIND_POSITION = {kind.value: position for position, kind in enumerate(Kind)}


def _kind_order(item: tuple[str, object]) -> tuple[int, str]:
    """Kinds in the vocabulary's order (transparency first), unknown values last."""
    return _KIND_POSITION.get(item[0], len(_KIND_POSITION)), item[0]


@dataclass(frozen=True)
class MissingKind:
    """A required kind of document that no page shows for a cited service."""

    service: ServiceCoverage
    kind: Kind
    published: bool

    @property
    def message(self) -> str:
        """What is wrong, and what to do about it."""
        if not self.published:
            return (
                f"{self.service.name} is cited but the index has no {self.kind.value} document "
                "for it (rai_required_kinds)"
            )
        return (
            f"{self.service.name} is cited but its {self.kind.value} document is shown on no "
            "page (rai_required_kinds); add it to a rai-guidance directive"
        )


def missing_kinds(coverage: Coverage, required: Sequence[Kind]) -> list[MissingKind]:
    """Every (cited service, required kind) pair that no page shows."""
    return [
        MissingKind(service, kind, kind.value in service.kinds_published)
        for service in coverage.services
        for kind in service.missing(required)
    ]


def unshown_mentions(
    shown: Mapping[str, Sequence[Shown]], mentions: Mapping[str, Sequence[Mention]]
) -> list[tuple[str, Mention]]:
    """Role mentions of a service on a page that shows no guidance for that service."""
    found: list[tuple[str, Mention]] = []
    for docname in sorted(mentions):
        on_page = {r.slug for r in shown.get(docname, ())}
        found.extend((docname, m) for m in mentions[docname] if m.slug not in on_page)
    return found


def report(coverage: Coverage, provenance: Sequence[Provenance], project: str) -> dict[str, Any]:
    """The coverage report as JSON-ready data (the content of ``rai.json``)."""
    return {
        "version": REPORT_VERSION,
        "project": project,
        "sources": [
            {"source": p.source, "title": p.title, "date": p.date, "sha256": p.sha256}
            for p in provenance
        ],
        "pages": {
            docname: {
                "shows": list(page.shows),
                "documents": list(page.documents),
                "mentions": list(page.mentions),
            }
            for docname, page in coverage.pages.items()
        },
        "services": {
            s.slug: {
                "name": s.name,
                "shown_on": list(s.shown_on),
                "mentioned_on": list(s.mentioned_on),
                "documents_shown": {kind: list(docs) for kind, docs in s.kinds_shown.items()},
                "documents_published": list(s.kinds_published),
            }
            for s in coverage.services
        },
    }
