"""Remote entries of ``rai_index`` in a build: fetched with Sphinx's own HTTP client (so
``tls_verify``, ``tls_cacerts`` and ``user_agent`` apply), once per build, in the main
process, before any page is read; what happened is logged and warned about here."""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

from sphinx.config import Config
from sphinx.util import logging, requests

from ..formats.cache import RemoteCache, cache_dir
from ..formats.fetch import Get, Response
from ..formats.remote import Policy, RemoteResult, RemoteSource, load_remote
from .config import RaiConfig
from .diagnostics import Subtype, warn

logger = logging.getLogger("sphinxext_rai")


def sphinx_get(config: Config) -> Get:
    """A GET through ``sphinx.util.requests``, with the project's TLS and user-agent
    settings; the body is streamed and redirects are left to the caller."""

    def get(url: str, headers: Mapping[str, str], timeout: float) -> Response:
        return requests.get(
            url,
            headers=dict(headers),
            timeout=timeout,
            stream=True,
            allow_redirects=False,
            _user_agent=config.user_agent,
            _tls_info=(config.tls_verify, config.tls_cacerts),
        )

    return get


def load_remote_entry(
    source: RemoteSource,
    config: RaiConfig,
    sphinx_config: Config,
    confdir: Path,
    doctreedir: Path,
) -> RemoteResult:
    """The copy of one remote entry for this build; failures are ``rai.fetch`` warnings at
    the entry's line in ``conf.py`` (or at the URL), a change is one line of the log."""
    cache = RemoteCache(cache_dir(doctreedir))
    policy = Policy(
        cache_days=config.cache_days, timeout=config.timeout, allow_http=config.allow_http
    )
    result = load_remote(
        source,
        cache,
        sphinx_get(sphinx_config),
        policy,
        now=datetime.now(UTC),
        base_url=config.base_url,
        page_url=config.page_url,
    )
    where = entry_location(confdir, source.url)
    message = result.failure_message()
    if message is not None:
        warn(message, Subtype.FETCH, where)
    if result.cache_error is not None:
        warn(
            f"cannot write the cache of remote indexes ({result.cache_error}); "
            f"{source.url} will be fetched again by the next build",
            Subtype.FETCH,
            where,
        )
    if result.status in ("fetched", "changed"):
        logger.info(
            f"rai: fetched the remote index {source.url} "
            f"({len(result.index)} services, {result.index.link_count} links)"
        )
    elif result.status == "not-modified":
        logger.info(f"rai: the remote index {source.url} is not modified")
    if result.change is not None:
        logger.info(
            f"rai: the remote index {source.url} changed. {result.change.summary()} "
            f"Details: sphinxext-rai diff --cached {_shown_dir(doctreedir)} {source.url}"
        )
    return result


def entry_location(confdir: Path, url: str) -> str:
    """``conf.py:LINE`` where the entry for *url* is written, else the URL itself."""
    conf = confdir / "conf.py"
    try:
        lines = conf.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeError):
        return url
    for number, line in enumerate(lines, start=1):
        if url in line:
            return f"{conf}:{number}"
    return url


def _shown_dir(doctreedir: Path) -> str:
    """The doctree directory as the user can type it: relative to the working directory
    when inside it."""
    try:
        relative = os.path.relpath(doctreedir)
    except ValueError:
        return "DOCTREE_DIR"
    return "DOCTREE_DIR" if relative.startswith("..") else relative
