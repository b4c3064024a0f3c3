"""Combining indexes in order: later services replace or extend earlier ones."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from .model import Index, Provenance, Service, ServiceLookupError, lookup_keys
from .names import normalise_name
from .problems import Location, Problem


@dataclass(frozen=True)
class MergeResult:
    """The combined index and any conflicts found while combining."""

    index: Index
    problems: tuple[Problem, ...] = ()
    #: Service slug -> the provenance of every index that defined or extended the service,
    #: oldest first (a replacing entry starts afresh).
    sources: dict[str, tuple[Provenance, ...]] = field(default_factory=dict)


def merge(indexes: Iterable[Index]) -> MergeResult:
    """Combine indexes in order; later services win.

    A later service with the slug of an earlier one *replaces* it in place, unless it is
    marked ``mode: extend``: then its aliases and documents are added to the earlier one
    (documents already present, by kind and URL, are not repeated), its family and
    description override, and the earlier name stays. An extending entry whose slug matches
    nothing extends the service its name finds. A name or alias that already belongs to
    another service is a conflict: it is reported and dropped from the later service; an
    alias that equals another service's short name is reported and kept.
    """
    services: dict[str, Service] = {}
    provenance: list[Provenance] = []
    problems: list[Problem] = []
    # When (and from where) each service first claimed each of its names: the first claim
    # wins, even when a later replacement keeps an earlier position in the index.
    claims: dict[tuple[str, str], tuple[int, Location | None]] = {}
    sources: dict[str, tuple[Provenance, ...]] = {}
    for index in indexes:
        provenance.extend(index.provenance)
        for incoming in index.services:
            earlier = services.get(incoming.slug)
            if earlier is None and incoming.mode == "extend":
                earlier = _extended(incoming, services, problems)
            service = incoming if earlier is None else _combine(earlier, incoming)
            services[service.slug] = service
            before = sources.get(service.slug, ()) if incoming.mode == "extend" else ()
            sources[service.slug] = tuple(dict.fromkeys((*before, *index.provenance)))
            for key in lookup_keys(service):
                claims.setdefault((service.slug, key), (len(claims), incoming.location))
    owners: dict[str, str] = {}
    for slug, key in sorted(
        ((s.slug, k) for s in services.values() for k in lookup_keys(s)),
        key=lambda claim: claims[claim][0],
    ):
        owners.setdefault(key, slug)
    result: list[Service] = []
    for service in services.values():
        kept: list[str] = []
        for alias in service.aliases:
            key = normalise_name(alias)
            owner = owners.get(key, service.slug)
            if owner != service.slug:
                problems.append(
                    Problem(
                        f"alias {alias!r} of service {service.name!r} already names "
                        f"service {owner!r}; the alias is ignored",
                        code="conflict",
                        location=claims[(service.slug, key)][1],
                    )
                )
                continue
            kept.append(alias)
        for key in dict.fromkeys((normalise_name(service.name), normalise_name(service.slug))):
            owner = owners.get(key, service.slug)
            if owner != service.slug:
                problems.append(
                    Problem(
                        f"service {service.name!r} has the same name as service {owner!r}",
                        code="conflict",
                        location=claims[(service.slug, key)][1],
                    )
                )
        result.append(replace(service, aliases=tuple(kept)))
    merged = Index(tuple(result), tuple(provenance))
    problems.extend(_shadowed_leaves(merged, claims))
    return MergeResult(merged, tuple(problems), sources)


def _extended(
    incoming: Service, services: dict[str, Service], problems: list[Problem]
) -> Service | None:
    """The earlier service a ``mode: extend`` entry means when its slug matches none: the one
    its name finds (full name, alias or unique leaf name). Reported when there is none."""
    try:
        return Index(tuple(services.values())).find(incoming.name)
    except ServiceLookupError:
        problems.append(
            Problem(
                f"service {incoming.name!r} is marked 'mode: extend' but extends no earlier "
                "service; it is added as a new one",
                code="conflict",
                location=incoming.location,
            )
        )
        return None


def _shadowed_leaves(
    index: Index, claims: dict[tuple[str, str], tuple[int, Location | None]]
) -> list[Problem]:
    """An alias equal to another service's short name takes that name over: report it."""
    problems: list[Problem] = []
    for service in index.services:
        for alias in service.aliases:
            key = normalise_name(alias)
            for other in index._leaves.get(key, ()):
                if other.slug != service.slug and key not in lookup_keys(other):
                    problems.append(
                        Problem(
                            f"alias {alias!r} of service {service.name!r} is also the short "
                            f"name of service {other.name!r}; {alias!r} now means "
                            f"{service.name!r}",
                            code="conflict",
                            location=claims.get((service.slug, key), (0, service.location))[1],
                        )
                    )
    return problems


def _combine(earlier: Service, later: Service) -> Service:
    if later.mode == "replace":
        return replace(later, mode="replace")
    seen = {(g.kind, g.url) for g in earlier.guidance}
    extra = tuple(g for g in later.guidance if (g.kind, g.url) not in seen)
    return replace(
        earlier,
        family=later.family or earlier.family,
        description=later.description or earlier.description,
        aliases=tuple(dict.fromkeys((*earlier.aliases, *later.aliases))),
        guidance=earlier.guidance + extra,
    )
