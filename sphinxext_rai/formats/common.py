"""Pieces every reader shares: the result type, decoding, limits and service assembly."""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..core.model import Guidance, Index, Provenance, Service
from ..core.names import slugify, split_family
from ..core.problems import Location, Problem
from ..core.renames import plain_name
from ..core.text import MAX_TEXT_CHARS, forbidden_character

#: Documented limits on untrusted index files (and MAX_TEXT_CHARS, for every string).
MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 32


@dataclass(frozen=True)
class ReadResult:
    """What a reader produced: the index (possibly partial) and the problems found."""

    index: Index
    problems: tuple[Problem, ...] = field(default=())
    #: Things worth knowing that are not wrong (a page that mixes layouts).
    notes: tuple[Problem, ...] = field(default=())

    @classmethod
    def failed(cls, problem: Problem) -> ReadResult:
        """A result with no services and one problem."""
        return cls(Index(), (problem,))

    @property
    def ok(self) -> bool:
        """True when nothing at all was wrong."""
        return not self.problems


def decode(data: bytes, source: str) -> str | Problem:
    """Decode UTF-8 (a BOM is allowed and dropped); locate the first bad byte otherwise."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        return Problem(
            f"index file is not valid UTF-8 (byte 0x{data[err.start]:02x})",
            "syntax",
            Location(source, line, column),
        )
    return text


def sha256(data: bytes) -> str:
    """The content hash recorded in provenance."""
    return hashlib.sha256(data).hexdigest()


def clean_text(text: str) -> str:
    """Text from data as shown to readers: NFC, white space collapsed to single spaces."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def text_problem(text: str, what: str, location: Location | None) -> Problem | None:
    """A problem when a data string is empty, longer than the documented limit, or holds a
    character no string from an index may hold (see :mod:`sphinxext_rai.core.text`): the
    one check every string read from an index goes through."""
    if not text.strip():
        return Problem(f"{what} is empty", "schema", location)
    if len(text) > MAX_TEXT_CHARS:
        return Problem(
            f"{what} is {len(text)} characters long; the limit is {MAX_TEXT_CHARS}",
            "limit",
            location,
        )
    found = forbidden_character(text)
    if found is not None:
        return Problem(f"{what} contains {found}", "schema", location)
    return None


def build_service(
    name: str,
    guidance: Iterable[Guidance],
    *,
    slug: str | None = None,
    family: str | None = None,
    category: str | None = None,
    aliases: Iterable[str] = (),
    description: str = "",
    mode: str = "replace",
    location: Location | None = None,
) -> Service:
    """Assemble a service, deriving slug and family from the name."""
    derived_family, _ = split_family(name)
    own_slug = slug or slugify(name)
    all_aliases = list(aliases)
    return Service(
        name=name,
        slug=own_slug,
        family=family if family is not None else derived_family,
        category=category,
        aliases=tuple(a for a in dict.fromkeys(all_aliases) if plain_name(a) != plain_name(name)),
        guidance=tuple(guidance),
        description=description,
        mode="extend" if mode == "extend" else "update" if mode == "update" else "replace",
        location=location,
    )


def unique_services(services: Iterable[Service], problems: list[Problem]) -> tuple[Service, ...]:
    """Drop services with no usable name, or whose slug was already seen in the same file,
    reporting each."""
    seen: dict[str, Service] = {}
    for service in services:
        invalid = text_problem(service.name, "service name", service.location)
        if invalid is not None and service.name.strip():
            problems.append(invalid)
            continue
        if not service.slug:
            problems.append(
                Problem(
                    f"service name {service.name!r} has no letters or digits; it is ignored",
                    "schema",
                    service.location,
                )
            )
            continue
        first = seen.get(service.slug)
        if first is not None:
            where = f" (first at {first.location})" if first.location else ""
            problems.append(
                Problem(
                    f"service {service.name!r} appears twice{where}; the later one is ignored",
                    "duplicate",
                    service.location,
                )
            )
            continue
        seen[service.slug] = service
    return tuple(seen.values())


def finish(
    services: Iterable[Service],
    provenance: Provenance,
    problems: list[Problem],
    source: str,
) -> ReadResult:
    """De-duplicate, check for an empty file and wrap everything as a :class:`ReadResult`."""
    unique = unique_services(services, problems)
    if not unique:
        problems.append(Problem("index file defines no services", "empty", Location(source)))
    return ReadResult(Index(unique, (provenance,)), tuple(problems))
