"""Downloading an index over HTTP(S), safely, with an HTTP client handed in.

The client is any callable ``get(url, headers, timeout)`` returning a response with
``status_code``, ``headers``, ``iter_content(size)`` and ``close()`` (a ``requests``
response has them): the Sphinx integration passes one built on ``sphinx.util.requests``,
the command line one built on ``requests``. What is decided here is the same for both:

- only ``https`` URLs, and plain ``http`` only for the hosts the user allows;
- no user name or password in a URL (it would be logged and recorded);
- redirects are followed by hand, at most :data:`MAX_REDIRECTS`, each target checked by the
  same rules and never from ``https`` down to ``http``;
- the body is cut off past a size limit, and declared too large before it is read;
- the whole exchange, connecting included, ends after the timeout, however the server
  trickles its bytes.
"""

from __future__ import annotations

import re
import ssl
import threading
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urljoin, urlsplit

#: Redirects followed before giving up.
MAX_REDIRECTS = 5
_CHUNK = 64 * 1024
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_OBJECT_REPR = re.compile(r"<[^<>]* at 0x[0-9a-fA-F]+>:?\s*")


class Response(Protocol):
    """The part of an HTTP response that fetching uses (``requests.Response`` has it)."""

    @property
    def status_code(self) -> int: ...

    @property
    def headers(self) -> Mapping[str, str]: ...

    def iter_content(self, chunk_size: int) -> Iterator[bytes]: ...

    def close(self) -> None: ...


#: ``get(url, headers, timeout)``: one GET request, not following redirects, body streamed.
Get = Callable[[str, Mapping[str, str], float], Response]


class FetchError(Exception):
    """A fetch that did not give a usable body; the message says why, for the user."""


class UnsafeSourceError(ValueError):
    """A remote index URL that the policy does not allow."""


@dataclass(frozen=True)
class Downloaded:
    """A body received with status 200, and the validators for the next conditional GET."""

    url: str
    body: bytes
    content_type: str
    etag: str | None
    last_modified: str | None


@dataclass(frozen=True)
class NotModified:
    """The server's 304: the cached copy is still current."""

    url: str


def host_of(url: str) -> str:
    """The host of *url*, lower case, with the port when the URL gives one."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    return f"{host}:{parts.port}" if parts.port is not None else host


def check_source(url: str, allow_http: Collection[str]) -> None:
    """Raise :class:`UnsafeSourceError` unless *url* may be fetched: ``https``, or ``http``
    on a host (``name`` or ``name:port``) listed in *allow_http*; no credentials."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as err:
        raise UnsafeSourceError(f"{url!r} is not a valid URL: {err}") from None
    scheme = parts.scheme.lower()
    if not parts.hostname:
        raise UnsafeSourceError(f"{url!r} names no host")
    if parts.username is not None or parts.password is not None:
        raise UnsafeSourceError(
            f"{_without_credentials(url)!r} carries a user name or password; remote indexes "
            "are fetched without credentials"
        )
    if scheme == "https":
        return
    allowed = {h.lower() for h in allow_http}
    if scheme == "http":
        host = parts.hostname.lower()
        if host in allowed or (port is not None and f"{host}:{port}" in allowed):
            return
        raise UnsafeSourceError(
            f"{url!r} uses plain http; use https, or allow plain http for the host "
            f"{host!r} (rai_allow_http)"
        )
    raise UnsafeSourceError(f"{url!r}: only https (and allowed http) URLs can be fetched")


def download(
    url: str,
    get: Get,
    *,
    timeout: float,
    max_bytes: int,
    allow_http: Collection[str] = (),
    etag: str | None = None,
    last_modified: str | None = None,
) -> Downloaded | NotModified:
    """GET *url* (conditionally, given the validators of a cached copy); raises
    :class:`FetchError` with the cause when no usable answer comes within *timeout*
    seconds, all included."""
    headers = {"Accept-Encoding": "gzip, deflate"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    cancelled = threading.Event()
    outcome: list[Downloaded | NotModified | BaseException] = []

    def exchange() -> None:
        try:
            outcome.append(_follow(url, get, headers, timeout, max_bytes, allow_http, cancelled))
        except BaseException as err:  # reported by the waiting thread
            outcome.append(err)

    worker = threading.Thread(target=exchange, name="rai-fetch", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive() or not outcome:
        cancelled.set()
        raise FetchError(f"no complete answer within {timeout:g} s (rai_timeout)")
    result = outcome[0]
    if isinstance(result, FetchError):
        raise result
    if isinstance(result, BaseException):
        raise FetchError(describe_error(result)) from result
    return result


def _follow(
    url: str,
    get: Get,
    headers: Mapping[str, str],
    timeout: float,
    max_bytes: int,
    allow_http: Collection[str],
    cancelled: threading.Event,
) -> Downloaded | NotModified:
    """The requests of one fetch: the URL, then each redirect target allowed."""
    current = url
    for _hop in range(MAX_REDIRECTS + 1):
        response = get(current, headers, timeout)
        try:
            status = response.status_code
            if status in _REDIRECTS:
                current = _redirect_target(current, response.headers, allow_http)
                continue
            if status == 304:
                return NotModified(current)
            if status != 200:
                raise FetchError(f"the server answered HTTP {status}")
            body = read_limited(response, max_bytes, cancelled)
            return Downloaded(
                url=current,
                body=body,
                content_type=response.headers.get("Content-Type", ""),
                etag=response.headers.get("ETag"),
                last_modified=response.headers.get("Last-Modified"),
            )
        finally:
            response.close()
    raise FetchError(f"more than {MAX_REDIRECTS} redirects")


def _redirect_target(current: str, headers: Mapping[str, str], allow_http: Collection[str]) -> str:
    location = headers.get("Location")
    if not location:
        raise FetchError("a redirect without a Location")
    target = urljoin(current, location)
    if urlsplit(current).scheme.lower() == "https" and urlsplit(target).scheme.lower() != "https":
        shown = _without_credentials(target)
        raise FetchError(f"a redirect from https to another scheme ({shown})")
    try:
        check_source(target, allow_http)
    except UnsafeSourceError as err:
        raise FetchError(f"a redirect that is not allowed: {err}") from None
    return target


def read_limited(response: Response, max_bytes: int, cancelled: threading.Event) -> bytes:
    """The body, refused when it declares or reaches more than *max_bytes* bytes."""
    declared = response.headers.get("Content-Length", "").strip()
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"the response is {int(declared)} bytes; the limit is {max_bytes}")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_content(_CHUNK):
        if cancelled.is_set():
            raise FetchError("cancelled")
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"the response is larger than the limit of {max_bytes} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def describe_error(err: BaseException) -> str:
    """A short cause for a failed request: the innermost reason of an exception chain
    (connection refused, certificate verify failed: ..., timed out), without object reprs."""
    inner = err
    seen = {id(inner)}
    while True:
        nested = getattr(inner, "reason", None)
        if not isinstance(nested, BaseException):
            nested = inner.__cause__ or inner.__context__
        if not isinstance(nested, BaseException) or id(nested) in seen:
            break
        seen.add(id(nested))
        inner = nested
    if isinstance(inner, ssl.SSLCertVerificationError):
        return f"certificate verify failed: {inner.verify_message}"
    if isinstance(inner, TimeoutError):
        return "timed out"
    if isinstance(inner, OSError) and inner.strerror:
        return inner.strerror[0].lower() + inner.strerror[1:]
    text = _OBJECT_REPR.sub("", str(inner)).strip()
    return text or type(inner).__name__


def _without_credentials(url: str) -> str:
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return parts._replace(netloc=parts.netloc.rpartition("@")[2]).geturl()
