"""The vocabulary of guidance-document kinds, and inferring a kind from a label and URL."""

from __future__ import annotations

import re
from enum import StrEnum

from .messages import N_


class Kind(StrEnum):
    """What a guidance document is about. The values are the names authors write."""

    TRANSPARENCY = "transparency"
    LIMITATIONS = "limitations"
    INTEGRATION = "integration"
    PRIVACY = "privacy"
    LIMITED_ACCESS = "limited-access"
    CODE_OF_CONDUCT = "code-of-conduct"
    DISCLOSURE = "disclosure"
    DEPLOYMENT = "deployment"
    RESEARCH = "research"
    OTHER = "other"

    @property
    def heading(self) -> str:
        """The heading used for this kind in cards and tables."""
        return KIND_HEADINGS[self]


#: The heading of each kind in English, marked for translation.
KIND_HEADINGS: dict[Kind, str] = {
    Kind.TRANSPARENCY: N_("Transparency note"),
    Kind.LIMITATIONS: N_("Characteristics and limitations"),
    Kind.INTEGRATION: N_("Integration and responsible use"),
    Kind.PRIVACY: N_("Data, privacy, and security"),
    Kind.LIMITED_ACCESS: N_("Limited access"),
    Kind.CODE_OF_CONDUCT: N_("Code of conduct"),
    Kind.DISCLOSURE: N_("Disclosure"),
    Kind.DEPLOYMENT: N_("Responsible deployment"),
    Kind.RESEARCH: N_("Research insights"),
    Kind.OTHER: N_("Other guidance"),
}

#: Ordered rules: the first whose pattern matches the label (then the URL slug) wins.
#: Order matters: "Limited access" must not be read as "access ... privacy", and
#: "Disclosure design guidelines" must not be read as general guidelines.
_RULES: tuple[tuple[Kind, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        (Kind.LIMITED_ACCESS, r"limited[\s_-]*access"),
        (Kind.CODE_OF_CONDUCT, r"code[\s_-]*of[\s_-]*conduct"),
        (Kind.DISCLOSURE, r"disclos"),
        (Kind.TRANSPARENCY, r"transparen|use[\s_-]*cases"),
        (Kind.LIMITATIONS, r"characteristic|limitation"),
        (Kind.PRIVACY, r"privacy|security"),
        (Kind.DEPLOYMENT, r"deploy"),
        (Kind.RESEARCH, r"research"),
        (Kind.INTEGRATION, r"integration|guidance|guideline"),
    )
)

_ALIASES: dict[str, Kind] = {
    "transparency-note": Kind.TRANSPARENCY,
    "characteristics": Kind.LIMITATIONS,
    "characteristics-and-limitations": Kind.LIMITATIONS,
    "guidance": Kind.INTEGRATION,
    "data-privacy": Kind.PRIVACY,
    "data-privacy-security": Kind.PRIVACY,
    "limitedaccess": Kind.LIMITED_ACCESS,
    "coc": Kind.CODE_OF_CONDUCT,
}


def infer_kind(label: str, url: str = "") -> Kind:
    """Guess the kind of a document from its label, falling back to the URL's last segment."""
    for text in (label.casefold(), _last_segment(url)):
        for kind, pattern in _RULES:
            if pattern.search(text):
                return kind
    return Kind.OTHER


def parse_kind(text: str) -> Kind | None:
    """Read a kind name as an author writes it (case and separators are forgiven)."""
    key = re.sub(r"[\s_]+", "-", text.strip().casefold())
    try:
        return Kind(key)
    except ValueError:
        return _ALIASES.get(key)


def split_reference(text: str) -> tuple[str, str]:
    """A reference to a service's document, ``SERVICE/KIND``, split at its last slash:
    ``"Face/privacy"`` -> ``("Face", "privacy")``; without a slash the kind is empty."""
    name, slash, kind = text.rpartition("/")
    if not slash:
        return text.strip(), ""
    return name.strip(), kind.strip()


def _last_segment(url: str) -> str:
    path = url.split("?", 1)[0].split("#", 1)[0].rstrip("/")
    return path.rsplit("/", 1)[-1].casefold()
