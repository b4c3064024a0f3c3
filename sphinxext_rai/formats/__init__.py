"""Readers turn index files into :class:`~sphinxext_rai.core.model.Index` objects.

Every reader returns a :class:`ReadResult`: the entries that loaded, and a located
:class:`~sphinxext_rai.core.problems.Problem` for everything that did not. Readers never raise on
bad data.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..core.problems import Location, Problem
from ..core.urls import DEFAULT_BASE_URL
from .common import MAX_FILE_BYTES, ReadResult, decode
from .markdown import read_markdown
from .structured import FORMATS as STRUCTURED_FORMATS
from .structured import read_structured

__all__ = [
    "FORMATS",
    "MARKDOWN_SUFFIXES",
    "STRUCTURED_SUFFIXES",
    "ReadResult",
    "format_of_suffix",
    "read_bytes",
    "read_path",
    "read_text",
]

FORMATS = frozenset({"markdown", *STRUCTURED_FORMATS})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
STRUCTURED_SUFFIXES: dict[str, str] = {
    ".yaml": "yaml",
    ".yml": "yaml",
    ".json": "json",
    ".toml": "toml",
}


def read_path(
    path: str | Path,
    *,
    base_url: str = DEFAULT_BASE_URL,
    page_url: str | None = None,
    display_path: str | None = None,
    fmt: str | None = None,
) -> ReadResult:
    """Read an index file in *fmt*, or in the format its suffix names."""
    file = Path(path)
    shown = display_path or str(path)
    suffix = file.suffix.lower()
    if fmt is None and suffix not in MARKDOWN_SUFFIXES and suffix not in STRUCTURED_SUFFIXES:
        known = ", ".join(sorted(MARKDOWN_SUFFIXES | set(STRUCTURED_SUFFIXES)))
        return ReadResult.failed(
            Problem(
                f"unknown index file type {suffix or '(none)'!r}; expected one of {known}",
                "missing",
                Location(shown),
            )
        )
    try:
        data = _read_bytes(file)
    except OSError as err:
        reason = err.strerror or type(err).__name__
        return ReadResult.failed(
            Problem(f"cannot read index file: {reason}", "missing", Location(shown))
        )
    except _NotAFileError as err:
        return ReadResult.failed(
            Problem(f"cannot read index file: it is {err}", "missing", Location(shown))
        )
    if isinstance(data, int) or len(data) > MAX_FILE_BYTES:
        size = f"{data} bytes" if isinstance(data, int) else f"over {MAX_FILE_BYTES} bytes"
        return ReadResult.failed(
            Problem(
                f"index file is {size}; the limit is {MAX_FILE_BYTES}", "limit", Location(shown)
            )
        )
    if fmt is None:
        fmt = format_of_suffix(suffix)
        assert fmt is not None
    return read_bytes(data, fmt, source=shown, base_url=base_url, page_url=page_url)


def format_of_suffix(suffix: str) -> str | None:
    """The format a file suffix (``.md``, ``.yaml``, ...) names, if any."""
    suffix = suffix.lower()
    return "markdown" if suffix in MARKDOWN_SUFFIXES else STRUCTURED_SUFFIXES.get(suffix)


def read_bytes(
    data: bytes,
    fmt: str,
    *,
    source: str,
    base_url: str = DEFAULT_BASE_URL,
    page_url: str | None = None,
) -> ReadResult:
    """Read index bytes (from a file or a download) in *fmt*, after the size limit and
    UTF-8 checks that every index goes through."""
    if len(data) > MAX_FILE_BYTES:
        return ReadResult.failed(
            Problem(
                f"index file is {len(data)} bytes; the limit is {MAX_FILE_BYTES}",
                "limit",
                Location(source),
            )
        )
    text = decode(data, source)
    if isinstance(text, Problem):
        return ReadResult.failed(text)
    return read_text(text, fmt, source=source, raw=data, base_url=base_url, page_url=page_url)


class _NotAFileError(Exception):
    """The path names something other than a regular file (a directory, a device, ...)."""


#: Never wait for a writer (a FIFO) when opening; the flag does not exist on Windows.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def _read_bytes(file: Path) -> bytes | int:
    """The bytes of a regular file, or its size when that is over the limit. What the path
    names is checked once it is open (a symbolic link is followed), and what is read is
    bounded (one byte over the limit, to tell) whatever size the file system states."""
    handle = os.open(file, _OPEN_FLAGS)
    with os.fdopen(handle, "rb") as opened:
        status = os.fstat(opened.fileno())
        if not stat.S_ISREG(status.st_mode):
            raise _NotAFileError(_file_type(status.st_mode))
        if status.st_size > MAX_FILE_BYTES:
            return status.st_size
        return opened.read(MAX_FILE_BYTES + 1)


def _file_type(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_text(
    text: str,
    fmt: str,
    *,
    source: str = "<string>",
    raw: bytes | None = None,
    base_url: str = DEFAULT_BASE_URL,
    page_url: str | None = None,
) -> ReadResult:
    """Read index text in *fmt* ("markdown", "yaml", "json" or "toml")."""
    # Text given as a string may hold lone surrogates, which a file cannot: the readers
    # report them, and the content hash is taken over them as they are.
    data = raw if raw is not None else text.encode("utf-8", "surrogatepass")
    if fmt == "markdown":
        return read_markdown(text, source=source, raw=data, base_url=base_url, page_url=page_url)
    if fmt in STRUCTURED_FORMATS:
        return read_structured(text, fmt, source=source, raw=data, base_url=base_url)
    raise ValueError(f"unknown index format {fmt!r}")
