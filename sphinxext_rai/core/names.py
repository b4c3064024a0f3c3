"""Names as authors write them: the lookup key, the slug, and the "Family - Leaf" split."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

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
    """A stable, URL-safe ASCII identifier for a name, whatever its script: "Speech - Speaker
    Recognition" -> "speech-speaker-recognition", "Übersicht" -> "ubersicht"; a name whose
    letters have no ASCII form gets a short hash ("s-1a2b3c4d"); one with no letters or
    digits at all, "" (it names nothing)."""
    key = normalise_name(text)
    if not key:
        return ""
    ascii_key = normalise_name(anyascii(key)).encode("ascii", "ignore").decode()
    slug = "-".join(re.findall(r"[a-z0-9]+", ascii_key))
    return slug or "s-" + hashlib.sha256(key.encode()).hexdigest()[:8]


def split_family(name: str) -> tuple[str | None, str]:
    """Split "Language - Summarization" into ("Language", "Summarization"); an en or em
    dash separates as well."""
    parts = _FAMILY_DASH.split(name, maxsplit=1)
    if len(parts) < 2 or not parts[0].strip() or not parts[1].strip():
        return None, name.strip()
    return parts[0].strip(), parts[1].strip()


#: A dash of any style (hyphen, en and em dash, minus sign, ...) with space on both sides.
_FAMILY_DASH = re.compile(r"\s[-\u2010-\u2015\u2212\ufe58\ufe63\uff0d]\s")
