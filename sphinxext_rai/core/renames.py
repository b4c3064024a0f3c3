"""Rename groups: every name a product went by, so any version's names find its service.

Over the years the products of the upstream page were renamed (Cognitive Services -> Azure AI
services -> Foundry Tools, Computer Vision -> Azure AI Vision -> Azure Vision, Text Analytics
-> Language, LUIS -> Language Understanding, Form Recognizer -> Document Intelligence, Azure
Cognitive Search -> Azure AI Search, Azure OpenAI Service -> Azure OpenAI). A group lists the
names of one product in the order they came into use, so the groups do not depend on which
index is loaded: in an index of any version alone, any other version's names resolve. A name
that came before the one an index uses is a *former* name (``rai_warn_former_names``); a
later one is not. This module owns the rules; :mod:`sphinxext_rai.core.model` applies them,
at lookup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .names import normalise_name, split_family

#: Families, each name oldest first; they also form service names ("Computer Vision - Face").
FAMILY_GROUPS: tuple[tuple[str, ...], ...] = (
    ("Computer Vision", "Azure AI Vision", "Azure Vision", "Azure Vision in Foundry Tools"),
    (
        "Text Analytics",
        "Language",
        "Azure AI Language",
        "Azure Language",
        "Azure Language in Foundry Tools",
    ),
    (
        "Speech",
        "Speech service",
        "Azure AI Speech",
        "Azure Speech",
        "Azure Speech in Foundry Tools",
    ),
)

#: Services named without a family, each name oldest first.
SERVICE_GROUPS: tuple[tuple[str, ...], ...] = (
    (
        "Text Analytics",
        "Azure Cognitive Service for Language",
        "Language service",
        "Azure AI Language",
        "Azure Language",
        "Azure Language in Foundry Tools",
    ),
    ("LUIS", "Language Understanding"),
    (
        "Azure OpenAI Service",
        "Azure OpenAI",
        "OpenAI",
        "Azure OpenAI in Azure AI Foundry Models",
        "Azure OpenAI in Foundry Models",
    ),
    (
        "Form Recognizer",
        "Azure Form Recognizer",
        "Azure AI Document Intelligence",
        "Azure Document Intelligence",
        "Azure Document Intelligence in Foundry Tools",
    ),
    ("Azure Search", "Azure Cognitive Search", "Azure AI Search"),
    ("Anomaly Detector", "Azure AI Anomaly Detector", "Azure Anomaly Detector"),
    ("Custom Vision", "Azure AI Custom Vision", "Azure Custom Vision"),
    ("Personalizer", "Azure AI Personalizer"),
    ("Video Indexer", "Azure Video Indexer", "Azure AI Video Indexer"),
    ("Content Safety", "Azure AI Content Safety", "Azure Content Safety"),
)

#: The former name of the whole product line: "Cognitive Services Face" or "Azure Cognitive
#: Services - Custom Vision" name the service that the rest of the name finds.
_UMBRELLA = re.compile(r"^\s*(?:azure\s+)?cognitive\s+services\b[\s\-\u2013\u2014:]*", re.I)
#: A mark of a product kept under its old name for a while: "Azure Vision - OCR (legacy)".
_LEGACY = re.compile(r"\s*\(\s*legacy\s*\)\s*$", re.I)


@dataclass(frozen=True, slots=True)
class _Era:
    """Where a name stands: its group's identity (never the lookup key of a name, which has
    no "#"), its place in the group, and the group."""

    key: str
    place: int
    group: tuple[str, ...]


def plain_name(name: str) -> str:
    """The lookup key of a name with a trailing "(legacy)" mark dropped."""
    return normalise_name(_LEGACY.sub("", name))


def service_key(name: str) -> str:
    """The identity of a service name: the same for every name of its rename group, and for
    "Family - Leaf" names whose families are one group; the plain key for other names."""
    era = _service_era(name)
    return era.key if era else plain_name(name)


def family_key(name: str) -> str:
    """The identity of a family name: the same for every name of its rename group."""
    era = _family_eras().get(plain_name(name))
    return era.key if era else plain_name(name)


def is_former(used: str, current: str) -> bool:
    """True when *used* is a name of *current*'s product that came before *current*."""
    return _before(_service_era(used), _service_era(current))


def is_former_family(used: str, current: str) -> bool:
    """True when *used* is a name of the family *current* that came before it."""
    eras = _family_eras()
    return _before(eras.get(plain_name(used)), eras.get(plain_name(current)))


def other_names(name: str) -> tuple[str, ...]:
    """Every other name of the service called *name*, oldest first."""
    whole = _service_eras().get(plain_name(name))
    if whole is not None:
        return tuple(n for n in whole.group if plain_name(n) != plain_name(name))
    family, leaf = split_family(_LEGACY.sub("", name))
    era = _family_eras().get(plain_name(family)) if family else None
    if era is None or family is None:
        return ()
    return tuple(f"{f} - {leaf}" for f in era.group if plain_name(f) != plain_name(family))


def without_umbrella(name: str) -> str | None:
    """The rest of a name that starts with the former product-line name ("Cognitive
    Services - Face" -> "Face"); None for other names, or when nothing is left."""
    match = _UMBRELLA.match(name)
    if match is None:
        return None
    return name[match.end() :].strip() or None


def _before(a: _Era | None, b: _Era | None) -> bool:
    return a is not None and b is not None and a.key == b.key and a.place < b.place


def _service_era(name: str) -> _Era | None:
    """The group a service name belongs to, by its whole name or by its family."""
    whole = _service_eras().get(plain_name(name))
    if whole is not None:
        return whole
    family, leaf = split_family(name)
    era = _family_eras().get(plain_name(family)) if family else None
    return _Era(f"{era.key}|{plain_name(leaf)}", era.place, era.group) if era else None


@cache
def _service_eras() -> dict[str, _Era]:
    return _eras(SERVICE_GROUPS, "#s")


@cache
def _family_eras() -> dict[str, _Era]:
    return _eras(FAMILY_GROUPS, "#f")


def _eras(groups: tuple[tuple[str, ...], ...], prefix: str) -> dict[str, _Era]:
    return {
        plain_name(name): _Era(f"{prefix}{number}", place, group)
        for number, group in enumerate(groups)
        for place, name in enumerate(group)
    }
