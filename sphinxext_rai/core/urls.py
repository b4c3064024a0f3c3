"""Resolving link targets from index files, the scheme allowlist, and presentation options."""

from __future__ import annotations

import codecs
import re
from urllib.parse import SplitResult, unquote, urljoin, urlsplit, urlunsplit

import mdurl
from babel.core import get_global, parse_locale

from .text import FORBIDDEN, MAX_TEXT_CHARS, forbidden_character

DEFAULT_BASE_URL = "https://learn.microsoft.com"
SAFE_SCHEMES = frozenset({"https", "http", "mailto"})
#: Hosts whose paths take a locale segment (``/en-us/...``) when one is configured.
LOCALE_HOSTS = frozenset({"learn.microsoft.com"})

#: A language and up to two subtags of 2-4 characters: en-us, zh-hans-cn; not ai-services.
_LOCALE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,4}){0,2}$")
#: White space, and what no string from an index may hold (see :mod:`.text`).
_UNSAFE_CHARS = re.compile(rf"\s|{FORBIDDEN.pattern}")
#: An http(s) URL that every check passes and that :func:`ascii_url` leaves as it is: a
#: lower-case ASCII host name without a port or credentials, then only characters of the URL
#: syntax, no escapes. Most URLs are such; they skip the parsing (the tests check that both
#: ways give the same URL).
PLAIN_URL = re.compile(
    r"https?://[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(?:[/?#][A-Za-z0-9\-._~!$&'()*+,;=:@/?#]*)?"
)
#: What separates the labels of a host name, in any script.
_HOST_DOTS = re.compile("[.\u3002\uff0e\uff61]")


class UnsafeURLError(ValueError):
    """A link target that must not reach a published page."""


class PageRelativeError(UnsafeURLError):
    """A page-relative target with no page URL to resolve it against: resolved against the
    site root it would be a dead link."""


def resolve(target: str, *, base_url: str = DEFAULT_BASE_URL, page_url: str | None = None) -> str:
    """Turn a link target from an index file into an absolute, allowlisted URL.

    Site-absolute targets (``/legal/...``) resolve against *base_url*, page-relative ones
    (``./x.md``) against *page_url* with ``.md`` dropped; without a page URL, against a
    *base_url* that has a path of its own, and not at all against a site root
    (:class:`PageRelativeError`). Raises :class:`UnsafeURLError` for anything not http(s)
    or mailto.
    """
    text = target.strip()
    if not text:
        raise UnsafeURLError("empty link target")
    if len(text) > MAX_TEXT_CHARS:
        raise UnsafeURLError(
            f"link target is {len(text)} characters long; the limit is {MAX_TEXT_CHARS}"
        )
    if PLAIN_URL.fullmatch(text):
        return text
    if _UNSAFE_CHARS.search(text):
        raise UnsafeURLError(f"link target contains {_unsafe(text)}: {text!r}")
    scheme = split_url(text).scheme.lower()
    if scheme:
        url = text
    elif text.startswith("//"):
        raise UnsafeURLError(f"scheme-relative link target is not allowed: {text!r}")
    elif text.startswith("/"):
        url = urljoin(_with_slash(base_url), text)
    elif page_url is None and urlsplit(base_url).path.strip("/") == "":
        raise PageRelativeError(
            f"page-relative link target {text!r} cannot be resolved without the URL of the "
            "page it is on"
        )
    else:
        url = _drop_md(urljoin(page_url or _with_slash(base_url), text))
    if PLAIN_URL.fullmatch(url):
        return url
    return checked(url)


def checked(url: str) -> str:
    """*url*, absolute, checked (:func:`check_safe`) and written in ASCII (:func:`ascii_url`)."""
    check_safe(url)
    return check_safe(ascii_url(url))


def ascii_url(url: str) -> str:
    """*url* written in ASCII, as links in Markdown are: the labels of a non-ASCII host name
    in punycode (``xn--``), every other character outside the URL syntax percent-encoded as
    UTF-8 (``%E4%B8%AD``). Escapes already there are kept, so this changes an ASCII URL
    only where it holds characters a URL may not (``%`` alone becomes ``%25``)."""
    parsed = mdurl.parse(url, slashes_denote_host=True)
    host = parsed.hostname
    if host and not host.isascii():
        labels = (
            label if label.isascii() else "xn--" + codecs.encode(label, "punycode").decode()
            for label in _HOST_DOTS.split(host)
        )
        parsed = parsed._replace(hostname=".".join(labels))
    return str(mdurl.encode(mdurl.format(parsed)))


def split_url(url: str) -> SplitResult:
    """*url* split into its parts; :class:`UnsafeURLError` where it cannot be (a ``[`` that
    opens an IPv6 host and never closes, a port that is not a number)."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError as error:
        raise UnsafeURLError(f"not a URL ({error}): {url!r}") from None
    return parts


def check_safe(url: str) -> str:
    """Return *url* if its scheme is allowlisted and it is absolute; raise otherwise."""
    if _UNSAFE_CHARS.search(url):
        raise UnsafeURLError(f"URL contains {_unsafe(url)}: {url!r}")
    hidden = forbidden_character(unquote(url, errors="replace"))
    if hidden is not None:
        raise UnsafeURLError(f"URL contains, percent-encoded, {hidden}: {url!r}")
    parts = split_url(url)
    scheme = parts.scheme.lower()
    if scheme not in SAFE_SCHEMES:
        shown = f"{scheme}:" if scheme else "no scheme"
        raise UnsafeURLError(
            f"URL scheme {shown} is not allowed (only https, http, mailto): {url!r}"
        )
    if scheme != "mailto" and not parts.netloc:
        raise UnsafeURLError(f"URL has no host: {url!r}")
    if scheme == "mailto" and not parts.path:
        raise UnsafeURLError(f"mailto URL has no address: {url!r}")
    return url


def present(url: str, *, keep_context: bool = True, locale: str | None = None) -> str:
    """Apply the display options: drop the ``context`` query parameter, insert a locale."""
    parts = urlsplit(url)
    query = parts.query
    path = parts.path
    if not keep_context and query:
        query = "&".join(
            p for p in query.split("&") if p.split("=", 1)[0].lower() not in ("context", "")
        )
    if locale and parts.hostname in LOCALE_HOSTS and not _has_locale(path):
        path = f"/{locale.lower()}{path if path.startswith('/') else '/' + path}"
    return urlunsplit((parts.scheme, parts.netloc, path, query, parts.fragment))


def valid_locale(text: str) -> bool:
    """Whether *text* looks like a locale path segment such as ``en-us`` or ``de-de``."""
    return bool(_LOCALE.match(text.lower()))


def locale_for_language(language: str | None) -> str | None:
    """The Microsoft Learn locale for a Sphinx ``language``: ``de`` -> ``de-de``,
    ``pt_BR`` -> ``pt-br``, ``en`` -> ``en-us``; a language without a region gets its most
    likely one (from the CLDR data Babel ships). None when no locale can be told."""
    if not language:
        return None
    try:
        parts = parse_locale(language.replace("-", "_"))
    except ValueError:
        return None
    lang, region = parts[0], parts[1]
    if region is None:
        likely = get_global("likely_subtags").get(lang)
        region = parse_locale(likely)[1] if likely else None
    if region is None or not region.isalpha():
        return None  # a language spoken across regions, such as Esperanto (001)
    locale = f"{lang}-{region}".lower()
    return locale if valid_locale(locale) else None


def _unsafe(text: str) -> str:
    """What makes *text* unusable in a URL: its first forbidden character, or white space."""
    return forbidden_character(text) or "white space"


def _has_locale(path: str) -> bool:
    first = path.lstrip("/").split("/", 1)[0]
    return "-" in first and bool(_LOCALE.match(first.lower()))


def _with_slash(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def _drop_md(url: str) -> str:
    parts = urlsplit(url)
    if parts.path.endswith(".md"):
        parts = parts._replace(path=parts.path[: -len(".md")])
    return urlunsplit(parts)
