"""The cache of remote indexes: where it lives and the files it is made of.

A build keeps it in its doctree directory (:data:`CACHE_DIRNAME`), which ``sphinx-build -E``
leaves in place. Each URL has three files named by a hash of the URL: ``KEY.json`` (the URL
and, for the current and the previous copy, its format, SHA-256, the times it was fetched and
last confirmed current, and the server's ``ETag`` / ``Last-Modified``), ``KEY.current`` and
``KEY.previous`` (the bytes as received). The previous copy is the one the last change
replaced, kept so that ``sphinxext-rai diff --cached`` can show what changed. Files are
replaced atomically; a cache file that is unreadable, or whose body does not match its
recorded hash, counts as absent.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

#: The cache's folder inside a build's doctree directory.
CACHE_DIRNAME = "rai-remote"
_VERSION = 1


@dataclass(frozen=True)
class CachedCopy:
    """One copy of a remote index as received, with what is known about it."""

    url: str
    body: bytes
    fmt: str
    fetched: datetime
    checked: datetime
    etag: str | None = None
    last_modified: str | None = None

    @property
    def sha256(self) -> str:
        """The SHA-256 of the bytes, in hex."""
        return hashlib.sha256(self.body).hexdigest()


def cache_dir(doctreedir: str | os.PathLike[str]) -> Path:
    """The cache folder of a build whose doctrees are in *doctreedir*."""
    return Path(doctreedir) / CACHE_DIRNAME


def find_cache_dir(path: str | os.PathLike[str]) -> Path | None:
    """The cache folder given a cache folder, a doctree directory, or an output directory
    holding ``.doctrees`` (where ``sphinx-build`` puts them without ``-d``)."""
    start = Path(path)
    for candidate in (start, start / CACHE_DIRNAME, start / ".doctrees" / CACHE_DIRNAME):
        if candidate.name == CACHE_DIRNAME and candidate.is_dir():
            return candidate
    return None


def timestamp(moment: datetime) -> str:
    """A moment as the cache records it: UTC, to the second (``2025-10-02T08:30:00Z``)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _moment(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


class RemoteCache:
    """The cached copies of remote indexes in one folder."""

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.directory = Path(directory)

    def current(self, url: str) -> CachedCopy | None:
        """The copy in use for *url*, if one is cached and intact."""
        return self._copy(url, "current")

    def previous(self, url: str) -> CachedCopy | None:
        """The copy that the last change of *url* replaced, if any."""
        return self._copy(url, "previous")

    def urls(self) -> list[str]:
        """Every URL with a cached copy, sorted."""
        found = []
        for meta in self._all_meta():
            url = meta.get("url")
            if isinstance(url, str) and self.current(url) is not None:
                found.append(url)
        return sorted(found)

    def store(self, copy: CachedCopy) -> CachedCopy | None:
        """Make *copy* the current one; when its content differs from the copy cached
        before, that one becomes the previous copy and is returned."""
        self.directory.mkdir(parents=True, exist_ok=True)
        key = _key(copy.url)
        meta = self._meta(copy.url) or {"version": _VERSION, "url": copy.url}
        earlier = self.current(copy.url)
        replaced = earlier if earlier is not None and earlier.sha256 != copy.sha256 else None
        if replaced is not None:
            self._body_path(key, "current").replace(self._body_path(key, "previous"))
            meta["previous"] = meta["current"]
        if earlier is None or replaced is not None:
            _write(self._body_path(key, "current"), copy.body)
        meta["current"] = _describe(copy)
        _write(self._meta_path(key), json.dumps(meta, indent=2).encode("utf-8"))
        return replaced

    def confirm(self, url: str, checked: datetime) -> CachedCopy | None:
        """Record that the current copy of *url* was confirmed current at *checked* (the
        server answered 304); returns the updated copy."""
        copy = self.current(url)
        if copy is None:
            return None
        updated = replace(copy, checked=checked)
        self.store(updated)
        return updated

    # Files -----------------------------------------------------------------------------

    def _meta_path(self, key: str) -> Path:
        return self.directory / f"{key}.json"

    def _body_path(self, key: str, slot: str) -> Path:
        return self.directory / f"{key}.{slot}"

    def _meta(self, url: str) -> dict[str, Any] | None:
        try:
            meta = json.loads(self._meta_path(_key(url)).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(meta, dict) or meta.get("version") != _VERSION:
            return None
        return meta if meta.get("url") == url else None

    def _all_meta(self) -> Iterator[dict[str, Any]]:
        with contextlib.suppress(OSError):
            for path in sorted(self.directory.glob("*.json")):
                try:
                    meta = json.loads(path.read_text(encoding="utf-8"))
                except (OSError, ValueError):
                    continue
                if isinstance(meta, dict) and meta.get("version") == _VERSION:
                    yield meta

    def _copy(self, url: str, slot: str) -> CachedCopy | None:
        meta = self._meta(url)
        entry = meta.get(slot) if meta else None
        if not isinstance(entry, dict):
            return None
        try:
            body = self._body_path(_key(url), slot).read_bytes()
            copy = CachedCopy(
                url=url,
                body=body,
                fmt=str(entry["fmt"]),
                fetched=_moment(entry["fetched"]),
                checked=_moment(entry["checked"]),
                etag=entry.get("etag"),
                last_modified=entry.get("last_modified"),
            )
        except (OSError, KeyError, TypeError, ValueError):
            return None
        return copy if copy.sha256 == entry.get("sha256") else None


def _key(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:24]


def _describe(copy: CachedCopy) -> dict[str, Any]:
    return {
        "fmt": copy.fmt,
        "sha256": copy.sha256,
        "fetched": timestamp(copy.fetched),
        "checked": timestamp(copy.checked),
        "etag": copy.etag,
        "last_modified": copy.last_modified,
    }


def _write(path: Path, data: bytes) -> None:
    """Write *data* to *path* atomically (a reader sees the old file or the new one)."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    temporary.replace(path)
