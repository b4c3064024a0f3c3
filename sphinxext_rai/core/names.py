"""Names as authors write them: the lookup key, the slug, and the "Family - Leaf" split."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Selects a whole family in a directive or lookup: ``family:Language``.
FAMILY_PREFIX = "family:"


@lru_cache(maxsize=1 << 16)
def normalise_name(text: str) -> str:
    """The lookup key of a name: case, spacing, dash style and punctuation forgiven."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.findall(r"[^\W_]+", text))


def slugify(text: str) -> str:
    """A stable, URL-safe identifier for a name: "Speech - Speaker Recognition" ->
    "speech-speaker-recognition"."""
    return normalise_name(text).replace(" ", "-")


#: The separator of family and leaf: a dash of any style (hyphen, en dash, em dash, minus
#: sign, ...) with space on both sides.
_FAMILY_SEPARATOR = re.compile(r"\s[-\u2010-\u2015\u2212\ufe58\ufe63\uff0d]\s")


def split_family(name: str) -> tuple[str | None, str]:
    """Split "Language - Summarization" (or "Contoso \u2013 Vision", with an en dash) into
    ("Language", "Summarization"), at the first spaced dash."""
    found = _FAMILY_SEPARATOR.search(name)
    if found is None:
        return None, name.strip()
    family, leaf = name[: found.start()].strip(), name[found.end() :].strip()
    if not family or not leaf:
        return None, name.strip()
    return family, leaf
