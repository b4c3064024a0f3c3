"""Names as authors write them: the lookup key, the slug, and the "Family - Leaf" split."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Selects a whole family in a directive or lookup: ``family:Language``.
FAMILY_PREFIX = "family:"


def family_query(family: str) -> str:
    """The query that selects a whole family: ``family:Language``."""
    return FAMILY_PREFIX + family


def queried_family(query: str) -> str | None:
    """The family a ``family:NAME`` query names (case of the prefix forgiven); None for
    any other query."""
    text = query.strip()
    if not text.casefold().startswith(FAMILY_PREFIX):
        return None
    return text[len(FAMILY_PREFIX) :].strip()


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
