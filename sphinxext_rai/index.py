"""The index data model: services, their guidance documents, provenance, lookup and merging.

Nothing here imports Sphinx, so the data layer can be used and tested on its own.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from typing import Literal

from .kinds import Kind
from .problems import Location, Problem

MergeMode = Literal["replace", "extend"]
FAMILY_PREFIX = "family:"


@dataclass(frozen=True, slots=True)
class Guidance:
    """One guidance document: its label as published, its kind and its absolute URL."""

    label: str
    kind: Kind
    url: str


@dataclass(frozen=True)
class Service:
    """An AI service and the guidance documents published for it."""

    name: str
    slug: str
    family: str | None = None
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
    """Where an index came from: source (URL or file), title, review date and content hash."""

    source: str
    title: str = ""
    date: str | None = None
    sha256: str = ""


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


@lru_cache(maxsize=1 << 16)
def normalise_name(text: str) -> str:
    """The lookup key of a name: case, spacing, dash style and punctuation forgiven."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.findall(r"[^\W_]+", text))


def slugify(text: str) -> str:
    """A stable, URL-safe identifier for a name: "Speech - Speaker Recognition" ->
    "speech-speaker-recognition"."""
    return normalise_name(text).replace(" ", "-")


def split_family(name: str) -> tuple[str | None, str]:
    """Split "Language - Summarization" into ("Language", "Summarization")."""
    family, sep, leaf = name.partition(" - ")
    if not sep or not family.strip() or not leaf.strip():
        return None, name.strip()
    return family.strip(), leaf.strip()


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
    def families(self) -> tuple[str, ...]:
        """The family names, in order of first appearance."""
        return tuple(dict.fromkeys(s.family for s in self.services if s.family))

    def get(self, slug: str) -> Service | None:
        """The service with this exact slug, if any."""
        return self._by_slug.get(slug)

    def find(self, name: str) -> Service:
        """The one service a name, slug, alias or unique leaf name refers to. A name that
        starts with a former product-line name ("Cognitive Services Face") finds what the
        rest of it finds."""
        found = self._match(normalise_name(name))
        if found is None:
            from .renames import without_umbrella

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

    def _match(self, key: str) -> Service | tuple[Service, ...] | None:
        """The service a lookup key names exactly or as a unique leaf; the services sharing
        it as a leaf; or None."""
        exact = self._exact.get(key)
        if exact is not None:
            return exact
        by_leaf = self._leaves.get(key, ())
        if len(by_leaf) == 1:
            return by_leaf[0]
        return by_leaf or None

    def former_name(self, query: str) -> FormerName | None:
        """What a :meth:`select` query says through a former product name from the rename
        table (``LUIS``, ``family:Computer Vision``, ``Cognitive Services Face``); None when
        it uses a current name, an alias of the index's own, or selects nothing."""
        from .renames import current_family, former_names, is_former_family, without_umbrella

        text = query.strip()
        if text.casefold().startswith(FAMILY_PREFIX):
            name = text[len(FAMILY_PREFIX) :].strip()
            key = normalise_name(name)
            if not is_former_family(name) or key in map(normalise_name, self.families):
                return None
            current = normalise_name(current_family(name))
            ours = [f for f in self.families if normalise_name(current_family(f)) == current]
            return FormerName(name, ours[0], family=True) if ours else None
        key = normalise_name(text)
        found = self._match(key)
        if isinstance(found, Service):
            own = {normalise_name(found.name), normalise_name(found.slug)}
            former = {normalise_name(n) for n in former_names(found.name)} - own
            return FormerName(text, found.name) if key in former else None
        rest = None if found else without_umbrella(text)
        found = self._match(rest) if rest else None
        return FormerName(text, found.name) if isinstance(found, Service) else None

    def family(self, name: str) -> tuple[Service, ...]:
        """Every service of a family, in index order. Other names of the family from the
        rename table work too, whichever of them the index uses."""
        from .renames import current_family

        key = normalise_name(current_family(name))
        members = tuple(
            s for s in self.services if s.family and normalise_name(current_family(s.family)) == key
        )
        if members:
            return members
        known = self.families
        close = tuple(difflib.get_close_matches(name, known, n=3, cutoff=0.5))
        hint = f"; did you mean: {', '.join(close)}?" if close else ""
        raise UnknownServiceError(name, f"unknown service family {name!r}{hint}", close)

    def select(self, query: str) -> tuple[Service, ...]:
        """Services for one query: a name (see :meth:`find`) or ``family:NAME``."""
        text = query.strip()
        if text.casefold().startswith(FAMILY_PREFIX):
            return self.family(text[len(FAMILY_PREFIX) :].strip())
        return (self.find(text),)

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
    def _leaves(self) -> dict[str, tuple[Service, ...]]:
        table: dict[str, list[Service]] = {}
        for service in self.services:
            if service.family:
                table.setdefault(normalise_name(service.leaf), []).append(service)
        return {k: tuple(v) for k, v in table.items()}


def lookup_keys(service: Service) -> tuple[str, ...]:
    """The normalised names a service answers to exactly: name, slug and aliases."""
    keys = (service.name, service.slug, *service.aliases)
    return tuple(dict.fromkeys(normalise_name(k) for k in keys if normalise_name(k)))


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
