"""Small validators for directive options and config values; each returns a ready value or
raises :class:`ValueError` with a message fit for a warning."""

from __future__ import annotations

import re
from typing import Literal, cast, get_args

from .kinds import Kind, parse_kind

Layout = Literal["cards", "table", "list"]
CardMode = Literal["auto", "service", "document"]
LinkText = Literal["label", "kind"]

LAYOUTS: tuple[str, ...] = get_args(Layout)
CARD_MODES: tuple[str, ...] = get_args(CardMode)
LINK_TEXTS: tuple[str, ...] = get_args(LinkText)
BREAKPOINTS = ("xs", "sm", "md", "lg")

_CLASS = re.compile(r"^-?[_a-zA-Z][_a-zA-Z0-9-]*$")


def choice(value: str, allowed: tuple[str, ...], what: str) -> str:
    """One of *allowed*, case-insensitively."""
    text = value.strip().lower()
    if text not in allowed:
        raise ValueError(f"{what} must be one of {', '.join(allowed)}; got {value.strip()!r}")
    return text


def layout(value: str) -> Layout:
    """``cards``, ``table`` or ``list``."""
    return cast(Layout, choice(value, LAYOUTS, "layout"))


def card_mode(value: str) -> CardMode:
    """``auto``, ``service`` (a card per service) or ``document`` (a card per document)."""
    return cast(CardMode, choice(value, CARD_MODES, "cards"))


def link_text(value: str) -> LinkText:
    """``label`` (the published title) or ``kind`` (the kind's heading)."""
    return cast(LinkText, choice(value, LINK_TEXTS, "link-text"))


def split_names(text: str) -> list[str]:
    """Service names separated by commas or new lines, blanks dropped."""
    return [part.strip() for part in re.split(r"[,\n]", text) if part.strip()]


def kinds(text: str) -> tuple[Kind, ...]:
    """Kinds of document separated by commas (or, when there is no comma, by spaces), in
    the order given, without repeats: ``transparency, Limited Access`` or
    ``privacy code-of-conduct``."""
    result: list[Kind] = []
    for word in re.split(r"," if "," in text else r"\s+", text.strip()):
        if not word:
            continue
        kind = parse_kind(word)
        if kind is None:
            known = ", ".join(k.value for k in Kind)
            raise ValueError(f"unknown kind {word!r}; expected some of: {known}")
        result.append(kind)
    return tuple(dict.fromkeys(result))


def columns(text: str) -> tuple[int, int, int, int]:
    """One or four whole numbers from 1 to 12: columns at the xs, sm, md and lg breakpoints."""
    words = text.split()
    if len(words) == 1:
        words *= 4
    message = f"columns must be 1 or 4 whole numbers from 1 to 12 (xs sm md lg); got {text!r}"
    if len(words) != 4 or not all(w.isdigit() and 1 <= int(w) <= 12 for w in words):
        raise ValueError(message)
    first, second, third, fourth = (int(w) for w in words)
    return first, second, third, fourth


def classes(text: str) -> tuple[str, ...]:
    """CSS class names separated by spaces; each must be a valid identifier."""
    names = text.split()
    bad = [n for n in names if not _CLASS.match(n)]
    if bad:
        raise ValueError(f"not a valid CSS class name: {', '.join(map(repr, bad))}")
    return tuple(names)


def flag(value: str | None) -> bool:
    """A flag option: present (empty) means true; 'true'/'false' also accepted."""
    text = (value or "").strip().lower()
    if text in ("", "true", "yes", "on", "1"):
        return True
    if text in ("false", "no", "off", "0"):
        return False
    raise ValueError(f"expected no value, or true/false; got {value!r}")
