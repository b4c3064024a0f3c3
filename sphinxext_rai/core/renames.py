"""Other product names, so pages written against older or newer names still find their service.

The names in the index are those of the upstream page the bundled index was built from. Over
the years the products were published under other names: *former* names, which they were
called before (Computer Vision, Text Analytics, LUIS, Cognitive Services), and *other* names
they go by besides, such as the later "Azure AI ..." and "... in Foundry Tools" brandings.
Both kinds resolve to the service; only a former name is reported when
``rai_warn_former_names`` asks for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .names import normalise_name, split_family


@dataclass(frozen=True, slots=True)
class Names:
    """The names a service or family is known by besides its name in the index."""

    #: Names it goes by besides, such as later brandings; never warned about.
    other: tuple[str, ...] = ()
    #: Names it was published under before; a page using one can be warned about.
    former: tuple[str, ...] = ()

    @property
    def all(self) -> tuple[str, ...]:
        """Every name, other names first."""
        return self.other + self.former


#: Family name in the index -> its other names. Each also forms service names:
#: "Computer Vision - Face" for "Azure AI Vision - Face".
FAMILY_RENAMES: dict[str, Names] = {
    "Azure AI Vision": Names(former=("Computer Vision",)),
    "Language": Names(other=("Azure AI Language",), former=("Text Analytics",)),
    "Speech": Names(other=("Azure AI Speech", "Speech service")),
}

#: Family name in the index -> product names of the whole family since the Foundry Tools
#: renaming. They name families only (``family:Azure Speech in Foundry Tools``).
FAMILY_PRODUCT_NAMES: dict[str, tuple[str, ...]] = {
    "Azure AI Vision": ("Azure Vision in Foundry Tools",),
    "Language": ("Azure Language in Foundry Tools",),
    "Speech": ("Azure Speech in Foundry Tools",),
}

#: Service name in the index -> its other names.
SERVICE_RENAMES: dict[str, Names] = {
    "Language Understanding": Names(former=("LUIS",)),
    "Azure OpenAI Service": Names(
        other=(
            "Azure OpenAI",
            "OpenAI",
            "Azure OpenAI in Azure AI Foundry Models",
            "Azure OpenAI in Foundry Models",
        )
    ),
    "Language service": Names(
        other=("Azure AI Language", "Azure Language in Foundry Tools"),
        former=("Azure Cognitive Service for Language", "Text Analytics"),
    ),
    "Anomaly Detector": Names(other=("Azure AI Anomaly Detector",)),
    "Custom Vision": Names(other=("Azure AI Custom Vision",)),
    "Personalizer": Names(other=("Azure AI Personalizer",)),
}

#: The former name of the whole product line (now Azure AI services, then Foundry Tools):
#: "Cognitive Services Face" or "Azure Cognitive Services - Custom Vision" name the service
#: that the rest of the name finds.
UMBRELLA_FORMER: tuple[str, ...] = ("Azure Cognitive Services", "Cognitive Services")

_UMBRELLA_KEYS = tuple(normalise_name(n) + " " for n in UMBRELLA_FORMER)


def known_aliases(name: str) -> tuple[str, ...]:
    """The other names of the service called *name*, from the rename tables."""
    aliases = list(SERVICE_RENAMES.get(name, Names()).all)
    family, leaf = split_family(name)
    if family is not None:
        aliases.extend(f"{old} - {leaf}" for old in FAMILY_RENAMES.get(family, Names()).all)
    return tuple(aliases)


def former_names(name: str) -> tuple[str, ...]:
    """The former names of the service called *name*: a subset of :func:`known_aliases`."""
    former = list(SERVICE_RENAMES.get(name, Names()).former)
    family, leaf = split_family(name)
    if family is not None:
        former.extend(f"{old} - {leaf}" for old in FAMILY_RENAMES.get(family, Names()).former)
    return tuple(former)


def current_family(name: str) -> str:
    """The family name in the index for a family known by *name* (or *name* itself)."""
    return _family_names().get(normalise_name(name), name)


def is_former_family(name: str) -> bool:
    """True when *name* is a former name of a family (``Computer Vision``)."""
    key = normalise_name(name)
    return any(key == normalise_name(n) for names in FAMILY_RENAMES.values() for n in names.former)


def without_umbrella(name: str) -> str | None:
    """The rest of a name that starts with a former product-line name, as a lookup key
    ("Cognitive Services - Face" -> "face"); None for other names."""
    key = normalise_name(name)
    for prefix in _UMBRELLA_KEYS:
        if key.startswith(prefix):
            return key[len(prefix) :]
    return None


@cache
def _family_names() -> dict[str, str]:
    """Every other name of a family, as a lookup key -> the family name in the index."""
    table: dict[str, str] = {}
    for current, names in FAMILY_RENAMES.items():
        table.update((normalise_name(n), current) for n in names.all)
    for current, products in FAMILY_PRODUCT_NAMES.items():
        table.update((normalise_name(n), current) for n in products)
    return table
