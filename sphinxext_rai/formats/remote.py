"""Remote indexes: an ``https://`` entry of ``rai_index``, fetched through the cache.

An entry is a URL, optionally pinned to the SHA-256 of its content with a fragment
(``https://host/index.md#sha256=HEX``; the fragment never reaches the server). Its format
comes from the URL's suffix, else from the ``Content-Type`` the server sends. The body goes
through the same size limit and readers as a local file.

:func:`load_remote` decides, for one build, whether the cached copy is fresh enough to use
without a request (``cache_days``; a pinned entry whose copy matches its pin always is),
else asks the server (conditionally, with the copy's ``ETag`` / ``Last-Modified``), keeps
what it answers, and falls back to the cached copy when the fetch fails for any reason.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import PurePosixPath
from typing import Any, Literal
from urllib.parse import urlsplit

from ..core.diff import IndexDiff, compare
from ..core.model import Index
from ..core.urls import DEFAULT_BASE_URL
from . import FORMATS, ReadResult, format_of_suffix, read_bytes
from .cache import CachedCopy, RemoteCache, timestamp
from .common import MAX_FILE_BYTES
from .fetch import Downloaded, FetchError, Get, NotModified, UnsafeSourceError, download

#: Default seconds a fetch may take, connecting and reading included.
#: Whole seconds, so that `-D rai_timeout=N` (which Sphinx reads as a whole number) works.
DEFAULT_TIMEOUT = 10
#: Default days a cached copy is used without asking the server (intersphinx's default).
DEFAULT_CACHE_DAYS = 5

_PIN = re.compile(r"sha256=([0-9a-fA-F]{64})")
_CONTENT_TYPES = {
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
    "application/json": "json",
    "text/json": "json",
    "application/yaml": "yaml",
    "application/x-yaml": "yaml",
    "text/yaml": "yaml",
    "text/x-yaml": "yaml",
    "application/toml": "toml",
}

#: What happened to a remote entry in one build.
Status = Literal["cached", "not-modified", "fetched", "changed", "stale", "missing"]


@dataclass(frozen=True)
class RemoteSource:
    """A remote index entry: the URL to fetch and, when pinned, the SHA-256 it must have."""

    url: str
    sha256: str | None = None


def parse_entry(text: str) -> RemoteSource | None:
    """The remote source an index entry names, or None when the entry is a path. Raises
    :class:`~sphinxext_rai.formats.fetch.UnsafeSourceError` for a URL of another scheme
    than ``https``/``http``, or a fragment other than ``#sha256=`` and 64 hex digits."""
    if "://" not in text:
        return None
    url, _, fragment = text.strip().partition("#")
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError as error:  # a "[" that opens an IPv6 host and never closes
        raise UnsafeSourceError(f"{url!r} is not a valid URL: {error}") from None
    if scheme not in ("https", "http"):
        raise UnsafeSourceError(f"{url!r}: only https (and allowed http) URLs can be fetched")
    pin = None
    if fragment:
        match = _PIN.fullmatch(fragment)
        if match is None:
            raise UnsafeSourceError(
                f"{text!r}: the only fragment a remote index may carry is '#sha256=' and the "
                "64 hex digits of its content's SHA-256"
            )
        pin = match.group(1).lower()
    return RemoteSource(url, pin)


def format_of(url: str, content_type: str = "") -> str | None:
    """The index format of a remote index: by its URL's suffix, else its content type."""
    fmt = format_of_suffix(PurePosixPath(urlsplit(url).path).suffix)
    if fmt is not None:
        return fmt
    return _CONTENT_TYPES.get(content_type.partition(";")[0].strip().lower())


@dataclass(frozen=True)
class Policy:
    """How remote indexes are fetched: freshness, time and size limits, plain-http hosts."""

    cache_days: int = DEFAULT_CACHE_DAYS
    timeout: float = DEFAULT_TIMEOUT
    allow_http: Collection[str] = ()
    max_bytes: int = MAX_FILE_BYTES


@dataclass(frozen=True)
class Fetched:
    """A download that passed every check, and what reading it gave."""

    download: Downloaded
    fmt: str
    read: ReadResult

    @property
    def sha256(self) -> str:
        """The SHA-256 of the bytes received, in hex."""
        return hashlib.sha256(self.download.body).hexdigest()


def fetch_index(
    source: RemoteSource,
    get: Get,
    policy: Policy,
    *,
    base_url: str = DEFAULT_BASE_URL,
    page_url: str | None = None,
    cached: CachedCopy | None = None,
) -> Fetched | NotModified:
    """Download *source* and read it; a conditional request when *cached* is given.
    Raises :class:`FetchError` when the download fails, its hash is not the pinned one,
    its format cannot be told, or nothing can be read from it."""
    answer = download(
        source.url,
        get,
        timeout=policy.timeout,
        max_bytes=policy.max_bytes,
        allow_http=policy.allow_http,
        etag=cached.etag if cached else None,
        last_modified=cached.last_modified if cached else None,
    )
    if isinstance(answer, NotModified):
        if cached is None:
            raise FetchError("the server answered 304 to a request that was not conditional")
        return answer
    digest = hashlib.sha256(answer.body).hexdigest()
    if source.sha256 and digest != source.sha256:
        raise FetchError(f"its SHA-256 is {digest}, not the pinned {source.sha256}")
    fmt = format_of(source.url, answer.content_type)
    if fmt is None:
        known = ", ".join(sorted(FORMATS))
        raise FetchError(
            f"its format ({known}) cannot be told from the URL's suffix or the content type "
            f"{answer.content_type or '(none)'!r}"
        )
    read = read_bytes(answer.body, fmt, source=source.url, base_url=base_url, page_url=page_url)
    if not len(read.index):
        cause = read.problems[0].message if read.problems else "no service"
        raise FetchError(f"nothing could be read from it: {cause}")
    return Fetched(answer, fmt, read)


@dataclass(frozen=True)
class RemoteResult:
    """What one build got for a remote entry: the status, the copy used and its reading,
    why the fetch failed (if it did), and what changed (if it did)."""

    source: RemoteSource
    status: Status
    now: datetime
    copy: CachedCopy | None = None
    read: ReadResult | None = None
    failure: str | None = None
    change: IndexDiff | None = None
    #: Why the copy received could not be written to the cache, if it could not.
    cache_error: str | None = None

    @property
    def index(self) -> Index:
        """The services of the copy used; none when there is no copy."""
        return self.read.index if self.read is not None else Index()

    def failure_message(self) -> str | None:
        """The warning for a failed fetch: the URL, the cause and what is used instead."""
        if self.failure is None:
            return None
        what = f"cannot fetch the remote index {self.source.url}: {self.failure}"
        if self.copy is None:
            return f"{what}; there is no cached copy, so the entry is left out"
        age = describe_age(self.now - self.copy.checked)
        return f"{what}; using the cached copy from {age} ago ({timestamp(self.copy.checked)})"

    def record(self) -> dict[str, Any]:
        """This entry as recorded in ``rai.json``."""
        copy = self.copy
        return {
            "url": self.source.url,
            "pinned_sha256": self.source.sha256,
            "status": self.status,
            "sha256": copy.sha256 if copy else None,
            "fetched": timestamp(copy.fetched) if copy else None,
            "checked": timestamp(copy.checked) if copy else None,
            "failure": self.failure,
        }


def load_remote(
    source: RemoteSource,
    cache: RemoteCache,
    get: Get,
    policy: Policy,
    *,
    now: datetime,
    base_url: str = DEFAULT_BASE_URL,
    page_url: str | None = None,
) -> RemoteResult:
    """The copy of *source* to use for a build at *now*, fetching when the cache says so.
    Never raises on network, server or data trouble: the result says what went wrong."""
    copy = cache.current(source.url)
    if copy is not None and source.sha256 and copy.sha256 != source.sha256:
        copy = None  # the pin changed: this copy cannot serve it
    if copy is not None and (source.sha256 or _fresh(copy, policy, now)):
        return _reading(source, "cached", now, copy, base_url, page_url)
    try:
        fetched = fetch_index(
            source, get, policy, base_url=base_url, page_url=page_url, cached=copy
        )
    except FetchError as err:
        if copy is None:
            return RemoteResult(source, "missing", now, failure=str(err))
        return _reading(source, "stale", now, copy, base_url, page_url, failure=str(err))
    if isinstance(fetched, NotModified):
        assert copy is not None
        try:
            copy = cache.confirm(source.url, now) or copy
        except OSError as err:
            result = _reading(source, "not-modified", now, copy, base_url, page_url)
            return replace(result, cache_error=_reason(err))
        return _reading(source, "not-modified", now, copy, base_url, page_url)
    answer = fetched.download
    new = CachedCopy(
        url=source.url,
        body=answer.body,
        fmt=fetched.fmt,
        fetched=now,
        checked=now,
        etag=answer.etag,
        last_modified=answer.last_modified,
    )
    cache_error = None
    previous = copy if copy is not None and copy.sha256 != new.sha256 else None
    try:
        cache.store(new)
    except OSError as err:
        cache_error = _reason(err)
    change = None
    if previous is not None:
        before = read_bytes(
            previous.body, previous.fmt, source=source.url, base_url=base_url, page_url=page_url
        )
        change = compare(before.index, fetched.read.index)
    status: Status = "changed" if previous is not None else "fetched"
    return RemoteResult(source, status, now, new, fetched.read, None, change, cache_error)


def _reading(
    source: RemoteSource,
    status: Status,
    now: datetime,
    copy: CachedCopy,
    base_url: str,
    page_url: str | None,
    failure: str | None = None,
) -> RemoteResult:
    read = read_bytes(copy.body, copy.fmt, source=source.url, base_url=base_url, page_url=page_url)
    return RemoteResult(source, status, now, copy, read, failure)


def _fresh(copy: CachedCopy, policy: Policy, now: datetime) -> bool:
    if policy.cache_days < 0:
        return True
    return now - copy.checked < timedelta(days=policy.cache_days)


def _reason(err: OSError) -> str:
    return err.strerror or type(err).__name__


def describe_age(age: timedelta) -> str:
    """``3 days``, ``5 hours``, ``12 minutes`` or ``less than a minute``."""
    seconds = max(int(age.total_seconds()), 0)
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            count = seconds // size
            return f"{count} {unit}" if count == 1 else f"{count} {unit}s"
    return "less than a minute"
