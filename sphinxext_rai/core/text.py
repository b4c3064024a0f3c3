"""What a string from an index may hold, and how data is quoted in messages about it.

Every string read from an index (names, labels, URLs, titles, ...) is checked against
:data:`FORBIDDEN` where the reader takes it from the file: text that passes can be written
to any output (HTML, XML, LaTeX, a terminal) and encoded as UTF-8.
"""

from __future__ import annotations

import re
import unicodedata

#: The longest string an index may hold (a documented limit on untrusted files).
MAX_TEXT_CHARS = 2000

#: Characters no string from an index may hold: control characters other than white space
#: (general category Cc), invisible formatting characters (Cf: the soft hyphen, zero-width
#: spaces and joiners, bidirectional controls, the word joiner, the byte-order mark, tag
#: characters, ...), lone surrogates (Cs: not Unicode text at all) and noncharacters.
#: White space (tabs, line breaks) is allowed in text, where it collapses to one space.
FORBIDDEN = re.compile(
    "["
    "\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f"  # Cc, less white space
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"  # Cf
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"
    "\ud800-\udfff"  # Cs
    "\ufdd0-\ufdef\ufffe\uffff"  # noncharacters (and one in each plane below)
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17))
    + "]"
)

_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

#: How much of a string from data a message quotes.
EXCERPT_CHARS = 80


def forbidden_character(text: str) -> str | None:
    """A description of the first forbidden character in *text* and where it is, or None."""
    found = FORBIDDEN.search(text)
    if found is None:
        return None
    char = found.group()
    if "\ud800" <= char <= "\udfff":
        what = "a lone surrogate, which is not text"
    elif _BIDI.match(char):
        what = "a bidirectional control character"
    elif unicodedata.category(char) == "Cc":
        what = "a control character"
    elif unicodedata.category(char) == "Cf":
        what = "an invisible formatting character"
    else:
        what = "a noncharacter"
    return f"{what} (U+{ord(char):04X}) at position {found.start() + 1}"


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """*text* quoted for a message: escaped where not printable, and cut after *limit*
    characters with its length said."""
    if len(text) <= limit:
        return repr(text)
    return f"{text[:limit]!r}... ({len(text)} characters)"


def printable(text: str) -> str:
    """*text* on one line, with every character that is not printable (line breaks, tabs,
    control and formatting characters, lone surrogates) written as its escape, so a message
    can go to any output and data cannot start a line of its own in a log."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)
