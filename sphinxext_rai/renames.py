"""Historical product names, so pages written against older names still find their service."""

from __future__ import annotations

from .index import split_family

#: Current family name -> the names it was published under before.
FAMILY_RENAMES: dict[str, tuple[str, ...]] = {
    "Azure AI Vision": ("Computer Vision",),
    "Language": ("Azure AI Language", "Text Analytics"),
    "Speech": ("Azure AI Speech", "Speech service"),
}

#: Current service name -> the names it was published under before.
SERVICE_RENAMES: dict[str, tuple[str, ...]] = {
    "Language Understanding": ("LUIS",),
    "Azure OpenAI Service": ("Azure OpenAI", "OpenAI"),
    "Language service": ("Azure AI Language",),
    "Anomaly Detector": ("Azure AI Anomaly Detector",),
    "Custom Vision": ("Azure AI Custom Vision",),
    "Personalizer": ("Azure AI Personalizer",),
}


def known_aliases(name: str) -> tuple[str, ...]:
    """Older names of the service called *name*, from the rename tables."""
    aliases = list(SERVICE_RENAMES.get(name, ()))
    family, leaf = split_family(name)
    if family is not None:
        aliases.extend(f"{old} - {leaf}" for old in FAMILY_RENAMES.get(family, ()))
    return tuple(aliases)


def current_family(name: str) -> str:
    """The current name of a family published under *name* before (or *name* itself)."""
    key = name.strip().casefold()
    for current, former in FAMILY_RENAMES.items():
        if key in (f.casefold() for f in former):
            return current
    return name
