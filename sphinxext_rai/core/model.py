"""The index data model: services, their guidance documents, provenance, and lookup by name."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from .kinds import Kind
from .names import normalise_name, queried_family, split_family
from .problems import Location
from .renames import (
    family_key,
    is_former,
    is_former_family,
    plain_name,
    service_key,
    without_umbrella,
)

MergeMode = Literal["replace", "extend", "update"]


@dataclass(frozen=True, slots=True)
class Guidance:
    """One guidance document: its label as published ("" where the page gives none, as the
    upstream category layout, whose link text is the service name), its kind and its
    absolute URL."""

    label: str
    kind: Kind
    url: str

    @property
    def title(self) -> str:
        """The label, or the heading of the kind where none was published."""
        return self.label or self.kind.heading


@dataclass(frozen=True)
class Service:
    """An AI service and the guidance documents published for it."""

    name: str
    slug: str
    family: str | None = None
    #: The heading the service is listed under in the upstream category layout ("Vision").
    category: str | None = None
    aliases: tuple[str, ...] = ()
    guidance: tuple[Guidance, ...] = ()
    description: str = ""
    mode: MergeMode = "replace"
    location: Location | None = field(default=None, compare=False, repr=False)

    @property
    def leaf(self) -> str:
        """The name without its family: "Face" for "Azure AI Vision - Face"."""
        return split_family(self.name)[1]

    def documents(self, kinds: Iterable[Kind] | None = None) -> tuple[Guidance, ...]:
        """The guidance documents, in published order, optionally only of *kinds*."""
        if kinds is None:
            return self.guidance
        wanted = set(kinds)
        return tuple(g for g in self.guidance if g.kind in wanted)

    def first(self, kind: Kind) -> Guidance | None:
        """The first document of *kind*, if any."""
        return next((g for g in self.guidance if g.kind is kind), None)


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where an index came from: source (URL or file), title, review date, content hash,
    and the page's own heading (the H1 of an upstream page, which names the product line)."""

    source: str
    title: str = ""
    date: str | None = None
    sha256: str = ""
    heading: str = ""


@dataclass(frozen=True, slots=True)
class FormerName:
    """A former product name used in a page, and the name it stands for now."""

    used: str
    current: str
    family: bool = False

    def __str__(self) -> str:
        what = "the family " if self.family else ""
        return f"{self.used!r} is a former name of {what}{self.current!r}; use the current name"


class ServiceLookupError(LookupError):
    """A name in a page that does not select exactly the services the author meant."""

    def __init__(self, name: str, message: str, candidates: tuple[str, ...]) -> None:
        super().__init__(message)
        self.name = name
        self.candidates = candidates


class UnknownServiceError(ServiceLookupError):
    """No service or family answers to the name; ``candidates`` are the closest names."""


class AmbiguousServiceError(ServiceLookupError):
    """Several services answer to the name; ``candidates`` lists them."""


@dataclass(frozen=True)
class Index:
    """An ordered, immutable collection of services with its provenance."""

    services: tuple[Service, ...] = ()
    provenance: tuple[Provenance, ...] = ()

    def __iter__(self) -> Iterator[Service]:
        return iter(self.services)

    def __len__(self) -> int:
        return len(self.services)

    @property
    def link_count(self) -> int:
        """The number of guidance documents over all services."""
        return sum(len(s.guidance) for s in self.services)

    @property
    def origin(self) -> Provenance:
        """One provenance for the whole index; a merged index names all its sources."""
        if len(self.provenance) == 1:
            return self.provenance[0]
        dates = [p.date for p in self.provenance if p.date]
        return Provenance(
            source=", ".join(p.source for p in self.provenance),
            title="Merged index",
            date=min(dates) if dates else None,
        )

    @property
    def families(self) -> tuple[str, ...]:
        """The family names, in order of first appearance."""
        return tuple(dict.fromkeys(s.family for s in self.services if s.family))

    def get(self, slug: str) -> Service | None:
        """The service with this exact slug, if any."""
        return self._by_slug.get(slug)

    def find(self, name: str) -> Service:
        """The one service a name refers to: its name, slug or alias; any name of its rename
        group; a unique leaf name; or a name after the former product-line name
        ("Cognitive Services Face")."""
        found = self._match(name)
        if found is None:
            rest = without_umbrella(name)
            found = self._match(rest) if rest else None
        if isinstance(found, Service):
            return found
        if found:
            names = tuple(s.name for s in found)
            raise AmbiguousServiceError(
                name, f"{name!r} is ambiguous; it could be: {', '.join(names)}", names
            )
        suggestions = self.suggest(name)
        hint = f"; did you mean: {', '.join(suggestions)}?" if suggestions else ""
        raise UnknownServiceError(name, f"unknown AI service {name!r}{hint}", suggestions)

    def _match(self, name: str) -> Service | tuple[Service, ...] | None:
        """The service a name names exactly, through its rename group or as a unique leaf;
        the services it could equally be; or None."""
        exact = self._exact.get(normalise_name(name))
        if exact is not None:
            return exact
        for found in (
            self._identities.get(service_key(name), ()),
            self._leaves.get(plain_name(name), ()),
        ):
            if len(found) == 1:
                return found[0]
            if found:
                return found
        return None

    def former_name(self, query: str) -> FormerName | None:
        """What a :meth:`select` query says through a name that came before the one the
        index uses (``LUIS``, ``family:Computer Vision``, ``Cognitive Services Face``); None
        when it uses the index's own name or alias, a later name, or selects nothing."""
        family = queried_family(query)
        if family is not None:
            if normalise_name(family) in map(normalise_name, self.families):
                return None
            ours = [f for f in self.families if is_former_family(family, f)]
            return FormerName(family, ours[0], family=True) if ours else None
        text = query.strip()
        if normalise_name(text) in self._exact:
            return None
        found = self._match(text)
        if isinstance(found, Service):
            return FormerName(text, found.name) if is_former(text, found.name) else None
        rest = None if found else without_umbrella(text)
        found = self._match(rest) if rest else None
        return FormerName(text, found.name) if isinstance(found, Service) else None

    def family(self, name: str) -> tuple[Service, ...]:
        """Every service of a family, in index order; any name of the family's rename group
        finds it, whichever of them the index uses."""
        key = family_key(name)
        members = tuple(s for s in self.services if s.family and family_key(s.family) == key)
        if members:
            return members
        known = self.families
        close = tuple(difflib.get_close_matches(name, known, n=3, cutoff=0.5))
        hint = f"; did you mean: {', '.join(close)}?" if close else ""
        raise UnknownServiceError(name, f"unknown service family {name!r}{hint}", close)

    def select(self, query: str) -> tuple[Service, ...]:
        """Services for one query: a name (see :meth:`find`) or ``family:NAME``."""
        family = queried_family(query)
        if family is not None:
            return self.family(family)
        return (self.find(query.strip()),)

    def suggest(self, name: str, n: int = 3) -> tuple[str, ...]:
        """The display names closest to *name*, best first."""
        key = normalise_name(name)
        keys = {k: s.name for k, s in self._exact.items()}
        keys.update({k: v[0].name for k, v in self._leaves.items() if len(v) == 1})
        matches = difflib.get_close_matches(key, list(keys), n=n * 3, cutoff=0.6)
        return tuple(dict.fromkeys(keys[m] for m in matches))[:n]

    @cached_property
    def _by_slug(self) -> dict[str, Service]:
        return {s.slug: s for s in self.services}

    @cached_property
    def _exact(self) -> dict[str, Service]:
        table: dict[str, Service] = {}
        for service in self.services:
            for key in lookup_keys(service):
                table.setdefault(key, service)
        return table

    @cached_property
    def _identities(self) -> dict[str, tuple[Service, ...]]:
        table: dict[str, list[Service]] = {}
        for service in self.services:
            for key in identity_keys(service):
                table.setdefault(key, []).append(service)
        return {k: tuple(v) for k, v in table.items()}

    @cached_property
    def _leaves(self) -> dict[str, tuple[Service, ...]]:
        table: dict[str, list[Service]] = {}
        for service in self.services:
            if service.family:
                table.setdefault(plain_name(service.leaf), []).append(service)
        return {k: tuple(v) for k, v in table.items()}


def lookup_keys(service: Service) -> tuple[str, ...]:
    """The normalised names a service answers to exactly: name, slug and aliases."""
    keys = (normalise_name(k) for k in (service.name, service.slug, *service.aliases))
    return tuple(dict.fromkeys(key for key in keys if key))


def identity_keys(service: Service) -> frozenset[str]:
    """What makes two services, maybe of indexes of different years, the same product: the
    rename-group identity of its name, of each alias and of its slug's words."""
    names = (service.name, *service.aliases, service.slug.replace("-", " "))
    return frozenset(service_key(n) for n in names if plain_name(n))
