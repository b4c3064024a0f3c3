"""Combining indexes in order: later services replace or extend earlier ones."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from .model import (
    Guidance,
    Index,
    Provenance,
    Service,
    ServiceLookupError,
    identity_keys,
    lookup_keys,
)
from .names import normalise_name
from .problems import Location, Problem
from .renames import other_names, service_key


@dataclass(frozen=True)
class MergeResult:
    """The combined index and any conflicts found while combining."""

    index: Index
    problems: tuple[Problem, ...] = ()
    #: What ``mode: update`` services changed in earlier ones: each document replaced or
    #: dropped (notes, not problems).
    notes: tuple[Problem, ...] = ()
    #: Service slug -> the provenance of every index that defined or extended the service,
    #: oldest first (a replacing entry starts afresh).
    sources: dict[str, tuple[Provenance, ...]] = field(default_factory=dict)


def merge(indexes: Iterable[Index]) -> MergeResult:
    """Combine indexes in order; later services win.

    A later service with the slug of an earlier one *replaces* it in place, unless it is
    marked ``mode: extend``: then its aliases and documents are added to the earlier one
    (documents already present, by kind and URL, are not repeated), its family and
    description override, and the earlier name stays. An extending entry whose slug matches
    nothing extends the service its name finds. A service marked ``mode: update`` (every
    service of an upstream Markdown page) *updates* the earlier service it is the same
    product as (same slug, or a name of the same rename group): its documents replace the
    earlier ones of the same kinds, documents of other kinds stay, it gives the name, and
    each document replaced or dropped is noted; matching none, it is added. A name or alias
    that already belongs to another service is a conflict: it is reported and dropped from
    the later service; an alias that equals another service's short name is reported and
    kept.
    """
    services: dict[str, Service] = {}
    provenance: list[Provenance] = []
    problems: list[Problem] = []
    notes: list[Problem] = []
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
            if earlier is None and incoming.mode == "update":
                earlier = _same_product(incoming, services.values())
            if incoming.mode == "update":
                service = replace(incoming, mode="replace")
                if earlier is not None:
                    service = _update(earlier, incoming, notes)
            else:
                service = incoming if earlier is None else _combine(earlier, incoming)
            services[service.slug] = service
            keeps = incoming.mode != "replace" and earlier is not None
            before = sources.get(service.slug, ()) if keeps else ()
            sources[service.slug] = tuple(dict.fromkeys((*before, *index.provenance)))
            for key in lookup_keys(service):
                claims.setdefault((service.slug, key), (len(claims), incoming.location))
    owners: dict[str, str] = {}
    for slug, key in sorted(
        ((s.slug, k) for s in services.values() for k in lookup_keys(s)),
        key=lambda claim: claims[claim][0],
    ):
        owners.setdefault(key, slug)
    # A rename-group name of a service's own name is that service's, even if not an alias.
    named: dict[str, str] = {}
    for service in services.values():
        named.setdefault(service_key(service.name), service.slug)
    result: list[Service] = []
    for service in services.values():
        kept: list[str] = []
        for alias in service.aliases:
            key = normalise_name(alias)
            owner = owners.get(key, service.slug)
            if owner == service.slug and other_names(alias):
                owner = named.get(service_key(alias), service.slug)
            if owner != service.slug:
                problems.append(
                    Problem(
                        f"alias {alias!r} of service {service.name!r} already names "
                        f"service {owner!r}; the alias is ignored",
                        code="conflict",
                        location=claims.get((service.slug, key), (0, service.location))[1],
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
    return MergeResult(merged, tuple(problems), tuple(notes), sources)


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


def _same_product(incoming: Service, earlier: Iterable[Service]) -> Service | None:
    """The one earlier service that is the same product as *incoming*: one of its names or
    aliases is in the same rename group (or is the same name). None when none or several."""
    keys = identity_keys(incoming)
    found = [s for s in earlier if keys & identity_keys(s)]
    return found[0] if len(found) == 1 else None


def _update(earlier: Service, later: Service, notes: list[Problem]) -> Service:
    """*earlier* updated by *later*: for each kind *later* lists, its documents replace the
    earlier ones (paired by URL, then in order; a document at the same URL keeps its earlier
    label when the later one has none); documents of other kinds stay. The slug stays, so
    references to it keep working; the name, family and category are the later ones."""
    kinds = {g.kind for g in later.guidance}
    incoming = list(later.guidance)
    kept: list[Guidance] = []
    for old in earlier.guidance:
        if old.kind not in kinds:
            kept.append(old)
            continue
        same = next((g for g in incoming if g.kind is old.kind and g.url == old.url), None)
        new = same or next((g for g in incoming if g.kind is old.kind), None)
        if new is None:
            notes.append(_note(later, f"drops {_doc(old)}"))
            continue
        incoming.remove(new)
        if same is not None:
            kept.append(new if new.label else old)
        else:
            notes.append(_note(later, f"replaces {_doc(old)} by <{new.url}>"))
            kept.append(new)
    for new in incoming:
        kept.append(new)
    return replace(
        earlier,
        name=later.name,
        family=later.family,
        category=later.category or earlier.category,
        description=later.description or earlier.description,
        aliases=tuple(dict.fromkeys((*earlier.aliases, *later.aliases))),
        guidance=tuple(kept),
        mode="replace",
        location=later.location or earlier.location,
    )


def _note(later: Service, what: str) -> Problem:
    return Problem(f"service {later.name!r} {what}", "update", later.location)


def _doc(doc: Guidance) -> str:
    return f"the {doc.kind.value} document {doc.title!r} <{doc.url}>"


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
