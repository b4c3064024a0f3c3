"""Comparing two indexes: services added, removed and renamed; documents added, removed and
changed.

A service of the old index is the same as one of the new when, in this order, they have the
same slug, the same name, a name or alias in common, names of one rename group (so *LUIS* in
an old page is *Language Understanding* in a new one), a document at the same URL, or the
same short name ("Face" for "Azure AI Vision - Face"), in each case one no other unmatched
service shares. Documents of a service are compared kind by kind, since one URL can serve
several services; a label counts only where both sides published one (the category layout
has none). Nothing here imports Sphinx.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, replace
from typing import Literal

from .kinds import Kind
from .model import Guidance, Index, Service, identity_keys, lookup_keys
from .names import normalise_name, split_family
from .renames import family_key, plain_name, service_key, without_umbrella
from .urls import present

MatchedBy = Literal["slug", "name", "alias", "rename group", "url", "short name"]
Change = Literal["added", "removed", "changed"]
Field = Literal["url", "label"]
ServiceField = Literal["family", "aliases", "description"]
#: What ``IndexDiff.ignoring`` can leave out: ``context`` is a URL change only in the
#: ``context`` query parameter.
IGNORABLE: tuple[str, ...] = ("url", "label", "context")


@dataclass(frozen=True, slots=True)
class ServiceRef:
    """A service as named in one of the two indexes."""

    name: str
    slug: str

    @classmethod
    def of(cls, service: Service) -> ServiceRef:
        """The name and slug of *service*."""
        return cls(service.name, service.slug)


@dataclass(frozen=True, slots=True)
class Renamed:
    """A service that is in both indexes under another name or slug."""

    old: ServiceRef
    new: ServiceRef
    matched_by: MatchedBy


@dataclass(frozen=True, slots=True)
class DocumentChange:
    """A document of one kind added to, removed from or changed in a service of both indexes."""

    service: ServiceRef
    kind: Kind
    old: Guidance | None
    new: Guidance | None

    @property
    def change(self) -> Change:
        """Whether the document was added, removed or changed."""
        if self.old is None:
            return "added"
        return "removed" if self.new is None else "changed"

    @property
    def fields(self) -> tuple[Field, ...]:
        """What changed in a changed document: its URL, its label or both."""
        if self.old is None or self.new is None:
            return ()
        changed: list[Field] = []
        if self.old.url != self.new.url:
            changed.append("url")
        if self.old.label and self.new.label and self.old.label != self.new.label:
            changed.append("label")
        return tuple(changed)

    @property
    def context_only(self) -> bool:
        """True when the URL changed only in its ``context`` query parameter."""
        if self.old is None or self.new is None:
            return False
        return present(self.old.url, keep_context=False) == present(
            self.new.url, keep_context=False
        )


@dataclass(frozen=True, slots=True)
class ServiceChange:
    """A property of a service of both indexes that changed: its family, aliases or
    description."""

    service: ServiceRef
    field: ServiceField
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class IndexSummary:
    """Where one side of a comparison came from, and its size."""

    source: str
    title: str
    date: str | None
    sha256: str
    services: int
    documents: int

    @classmethod
    def of(cls, index: Index) -> IndexSummary:
        """The summary of *index*."""
        origin = index.origin if index.provenance else None
        return cls(
            source=origin.source if origin else "",
            title=(origin.heading or origin.title) if origin else "",
            date=origin.date if origin else None,
            sha256=origin.sha256 if origin else "",
            services=len(index),
            documents=index.link_count,
        )


@dataclass(frozen=True)
class IndexDiff:
    """Everything that differs between an old and a new index, in a stable order: added
    services in new order, removed ones in old order, renamed ones and document changes in
    new order, documents of a service by kind (in the order of the kind vocabulary)."""

    old: IndexSummary
    new: IndexSummary
    added: tuple[Service, ...] = ()
    removed: tuple[Service, ...] = ()
    renamed: tuple[Renamed, ...] = ()
    documents: tuple[DocumentChange, ...] = ()
    changed: tuple[ServiceChange, ...] = ()

    @property
    def differs(self) -> bool:
        """True when the indexes differ in anything compared."""
        return bool(self.added or self.removed or self.renamed or self.documents or self.changed)

    def count(self, change: Change) -> int:
        """The number of documents added, removed or changed."""
        return sum(1 for d in self.documents if d.change == change)

    def summary(self) -> str:
        """One line of counts: services added, removed, renamed and changed; documents
        added, removed and changed."""
        services = [
            f"{len(self.added)} added",
            f"{len(self.removed)} removed",
            f"{len(self.renamed)} renamed",
            f"{len(self.changed)} changed",
        ]
        documents = [f"{self.count(c)} {c}" for c in ("added", "removed", "changed")]
        return f"Services: {', '.join(services)}. Documents: {', '.join(documents)}."

    def ignoring(self, fields: Collection[str]) -> IndexDiff:
        """The same comparison, without changes only to the fields named (``url``,
        ``label``, ``context``)."""

        def left(d: DocumentChange) -> set[str]:
            rest = {str(f) for f in d.fields} - set(fields)
            if "context" in fields and d.context_only:
                rest.discard("url")
            return rest

        kept = tuple(d for d in self.documents if d.change != "changed" or left(d))
        return replace(self, documents=kept)


def compare(old: Index, new: Index) -> IndexDiff:
    """What changed from *old* to *new*."""
    pairs = _pair_services(old.services, new.services)
    matched_old = {id(o) for o, _, _ in pairs}
    matched_new = {id(n) for _, n, _ in pairs}
    position = {id(s): i for i, s in enumerate(new.services)}
    pairs.sort(key=lambda pair: position[id(pair[1])])
    renamed = tuple(
        Renamed(ServiceRef.of(o), ServiceRef.of(n), how)
        for o, n, how in pairs
        if (o.name, o.slug) != (n.name, n.slug)
    )
    documents = tuple(change for o, n, _ in pairs for change in _documents(o, n))
    changed = tuple(change for o, n, _ in pairs for change in _properties(o, n))
    return IndexDiff(
        old=IndexSummary.of(old),
        new=IndexSummary.of(new),
        added=tuple(s for s in new.services if id(s) not in matched_new),
        removed=tuple(s for s in old.services if id(s) not in matched_old),
        renamed=renamed,
        documents=documents,
        changed=changed,
    )


def _properties(old: Service, new: Service) -> list[ServiceChange]:
    ref = ServiceRef.of(new)
    sides: tuple[tuple[ServiceField, str, str], ...] = (
        ("family", old.family or "", new.family or ""),
        ("aliases", ", ".join(old.aliases), ", ".join(new.aliases)),
        ("description", old.description, new.description),
    )
    same_family = family_key(old.family or "") == family_key(new.family or "")
    return [
        ServiceChange(ref, field, a, b)
        for field, a, b in sides
        if a != b and not (field == "family" and same_family)
    ]


# --- matching services ---------------------------------------------------------------------

Pair = tuple[Service, Service, MatchedBy]


def _pair_services(old: Iterable[Service], new: Iterable[Service]) -> list[Pair]:
    """Pair the services of both indexes, by ever looser keys; a key shared by several
    unmatched services on either side pairs nothing."""
    stages: tuple[tuple[MatchedBy, Callable[[Service], set[str]]], ...] = (
        ("slug", lambda s: {s.slug}),
        ("name", lambda s: {normalise_name(s.name)}),
        ("alias", lambda s: set(lookup_keys(s))),
        ("rename group", _identity_keys),
        ("url", lambda s: {f"{g.kind.value} {g.url}" for g in s.guidance}),
        ("short name", lambda s: {plain_name(split_family(s.name)[1])}),
    )
    left, right = list(old), list(new)
    pairs: list[Pair] = []
    for how, keys in stages:
        owners: dict[str, list[int]] = {}
        for j, service in enumerate(right):
            for key in keys(service):
                owners.setdefault(key, []).append(j)
        wanted = [{j for key in keys(s) for j in owners.get(key, ())} for s in left]
        demand = Counter(j for found in wanted for j in found)
        stage = [
            (left[i], right[j], how)
            for i, found in enumerate(wanted)
            if len(found) == 1 and demand[(j := next(iter(found)))] == 1
        ]
        pairs += stage
        done = {id(s) for pair in stage for s in pair[:2]}
        left = [s for s in left if id(s) not in done]
        right = [s for s in right if id(s) not in done]
    return pairs


def _identity_keys(service: Service) -> set[str]:
    """The rename-group identities of a service's names and aliases, and of the rest of a
    name after the former product-line name."""
    rests = (without_umbrella(n) for n in (service.name, *service.aliases))
    return set(identity_keys(service)) | {service_key(r) for r in rests if r}


# --- comparing documents -------------------------------------------------------------------


def _documents(old: Service, new: Service) -> list[DocumentChange]:
    """The document changes of one service, kind by kind. Within a kind, documents pair up
    by equal URL, then equal label, then in published order."""
    ref = ServiceRef.of(new)
    changes: list[DocumentChange] = []
    for kind in Kind:
        before = [g for g in old.guidance if g.kind is kind]
        after = [(i, g) for i, g in enumerate(new.guidance) if g.kind is kind]
        pairs: list[tuple[int, Guidance, Guidance]] = []
        for same in (_same_url, _same_label, _any):
            for a in list(before):
                match = next(((i, b) for i, b in after if same(a, b)), None)
                if match is not None:
                    pairs.append((match[0], a, match[1]))
                    before.remove(a)
                    after.remove(match)
        changes += [DocumentChange(ref, kind, a, b) for _, a, b in sorted(pairs) if a != b]
        changes += [DocumentChange(ref, kind, a, None) for a in before]
        changes += [DocumentChange(ref, kind, None, b) for _, b in after]
    return changes


def _same_url(a: Guidance, b: Guidance) -> bool:
    return a.url == b.url


def _same_label(a: Guidance, b: Guidance) -> bool:
    return a.label == b.label


def _any(a: Guidance, b: Guidance) -> bool:
    return True
