"""Counted nouns in the command line's messages: "1 service", "2 services"."""

from __future__ import annotations


def count(number: int, noun: str) -> str:
    """*number* and *noun*, the noun in the plural unless the number is one."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
