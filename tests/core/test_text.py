"""What a string from an index may hold, and how messages quote data."""

from __future__ import annotations

import sys
import unicodedata

from sphinxext_rai.core.text import FORBIDDEN, excerpt, forbidden_character, printable


def test_forbidden_characters_are_the_unicode_control_format_and_surrogate_ones() -> None:
    """The character class, against the Unicode database of the running Python."""
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        category = unicodedata.category(char)
        should = category in ("Cf", "Cs") or (category == "Cc" and not char.isspace())
        matched = FORBIDDEN.fullmatch(char) is not None
        if should:
            assert matched, f"U+{code:04X} ({category})"
        elif matched:  # only noncharacters, or code points a later Unicode makes Cf
            assert category == "Cn", f"U+{code:04X} ({category})"


def test_the_forbidden_character_is_described_and_placed() -> None:
    assert forbidden_character("Face") is None
    assert forbidden_character("tab\tand\nnew line") is None
    assert forbidden_character("Fa\u00adce") == (
        "an invisible formatting character (U+00AD) at position 3"
    )
    assert (
        forbidden_character("x\ud800")
        == "a lone surrogate, which is not text (U+D800) at position 2"
    )
    assert (
        forbidden_character("a\u202eb")
        == "a bidirectional control character (U+202E) at position 2"
    )
    assert forbidden_character("\x07") == "a control character (U+0007) at position 1"
    assert forbidden_character("\U0010ffff") == "a noncharacter (U+10FFFF) at position 1"


def test_messages_quote_data_escaped_and_short() -> None:
    assert printable("a\x07b\ud800") == "a\\x07b\\ud800"
    # A line break from data cannot start a line of its own in a log.
    assert printable("key\nWARNING: forged") == "key\\nWARNING: forged"
    assert excerpt("short") == "'short'"
    assert excerpt("x" * 100) == repr("x" * 80) + "... (100 characters)"
