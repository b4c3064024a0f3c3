"""Located problems found in index data: what readers and merging report instead of raising."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .text import printable

#: The longest message a problem carries; the data it quotes can be much longer.
MAX_MESSAGE_CHARS = 400

#: What went wrong, coarsely; each code maps to a documented Sphinx warning subtype.
ProblemCode = Literal[
    "missing",  # the file does not exist or cannot be read
    "syntax",  # the file is not valid YAML / JSON / TOML / Markdown front matter
    "schema",  # a value has the wrong type, a field is missing or unknown
    "duplicate",  # a key or a service appears twice
    "url",  # a link target is unsafe or cannot be resolved
    "empty",  # the file holds no services
    "label",  # a document's kind could not be inferred from its label or URL
    "conflict",  # merging found two services claiming one name
    "limit",  # the file exceeds a documented size limit
    "update",  # a note: a later index replaced or dropped a document of an earlier one
]


@dataclass(frozen=True, slots=True)
class Location:
    """A place in an index file; line and column are 1-based."""

    path: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with index data; the rest of the data still loads.

    The message is made safe to print wherever it goes: characters that are not printable
    are escaped, and a message quoting much data is cut to :data:`MAX_MESSAGE_CHARS`.
    """

    message: str
    code: ProblemCode
    location: Location | None = None

    def __post_init__(self) -> None:
        message = printable(self.message)
        if len(message) > MAX_MESSAGE_CHARS:
            message = (
                f"{message[: MAX_MESSAGE_CHARS - 40].rstrip()}... ({len(message)} characters, cut)"
            )
        object.__setattr__(self, "message", message)

    def __str__(self) -> str:
        prefix = f"{self.location}: " if self.location else ""
        return f"{prefix}{self.message} [{self.code}]"
