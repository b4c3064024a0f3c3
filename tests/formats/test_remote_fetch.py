"""Remote indexes without Sphinx: the entry syntax, the URL policy, the cache, and fetching
the real 2025 upstream page from a real HTTPS server on 127.0.0.1 (``tests/https_server.py``),
through the command line's ``requests`` client."""

from __future__ import annotations

import hashlib
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import PAGE_2025, HttpsServer

from sphinxext_rai.cli.http import requests_get
from sphinxext_rai.formats.cache import RemoteCache, find_cache_dir
from sphinxext_rai.formats.fetch import UnsafeSourceError, check_source
from sphinxext_rai.formats.remote import (
    Policy,
    RemoteResult,
    RemoteSource,
    describe_age,
    format_of,
    load_remote,
    parse_entry,
)

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
#: The 2025 page: 29 services, 29 links (counted by hand, tests/data/upstream/SOURCES.md).
SERVICES_2025 = 29
FACE_2025 = "https://learn.microsoft.com/azure/ai-foundry/responsible-ai/face/transparency-note"
PAGE_SHA256 = hashlib.sha256(PAGE_2025.read_bytes()).hexdigest()


def load(
    server: HttpsServer,
    cache: RemoteCache,
    *,
    now: datetime = T0,
    path: str = "responsible-use-of-ai-overview.md",
    pin: str | None = None,
    trusted: bool = True,
    **policy: object,
) -> RemoteResult:
    get = requests_get(str(server.certificate) if trusted else None)
    source = RemoteSource(server.url(path), pin)
    return load_remote(source, cache, get, Policy(**policy), now=now)  # type: ignore[arg-type]


def face_urls(result: RemoteResult) -> list[str]:
    return [g.url for s in result.index if s.leaf == "Face" for g in s.guidance]


# The entry syntax and the policy ------------------------------------------------------------


def test_a_path_is_not_a_remote_entry() -> None:
    assert parse_entry("_data/contoso.yaml") is None
    assert parse_entry("C:\\docs\\index.yaml") is None


def test_a_url_entry_and_its_pin() -> None:
    digest = "AB" * 32
    assert parse_entry("https://example.org/i.md") == RemoteSource("https://example.org/i.md")
    pinned = parse_entry(f"https://example.org/i.md#sha256={digest}")
    assert pinned == RemoteSource("https://example.org/i.md", digest.lower())


@pytest.mark.parametrize(
    ("entry", "fragment"),
    [
        ("https://example.org/i.md#sha256=abc", "the only fragment"),
        ("https://example.org/i.md#section", "the only fragment"),
        ("ftp://example.org/i.md", "only https"),
        ("file:///etc/passwd.md", "only https"),
        ("https://[example.org/i.md", "not a valid URL"),
    ],
)
def test_entries_that_are_refused(entry: str, fragment: str) -> None:
    with pytest.raises(UnsafeSourceError, match=fragment):
        parse_entry(entry)


def test_plain_http_only_for_the_hosts_allowed() -> None:
    check_source("https://example.org/i.md", ())
    with pytest.raises(UnsafeSourceError, match=r"plain http.*'example\.org'"):
        check_source("http://example.org/i.md", ())
    check_source("http://example.org/i.md", ("example.org",))
    check_source("http://intranet:8080/i.md", ("intranet:8080",))
    with pytest.raises(UnsafeSourceError, match="plain http"):
        check_source("http://intranet:8081/i.md", ("intranet:8080",))


def test_credentials_in_a_url_are_refused_and_not_repeated() -> None:
    with pytest.raises(UnsafeSourceError, match="user name or password") as caught:
        check_source("https://user:secret@example.org/i.md", ())
    assert "secret" not in str(caught.value)


def test_the_format_comes_from_the_suffix_then_the_content_type() -> None:
    assert format_of("https://x.example/a/index.md?raw=1") == "markdown"
    assert format_of("https://x.example/a/index.yml") == "yaml"
    assert format_of("https://x.example/api/index", "application/json; charset=utf-8") == "json"
    assert format_of("https://x.example/api/index", "text/plain") is None


def test_ages_read_as_words() -> None:
    assert describe_age(timedelta(seconds=20)) == "less than a minute"
    assert describe_age(timedelta(minutes=1)) == "1 minute"
    assert describe_age(timedelta(hours=5, minutes=3)) == "5 hours"
    assert describe_age(timedelta(days=3, hours=2)) == "3 days"


# Fetching and the cache ---------------------------------------------------------------------


def test_first_fetch_then_cache_then_304(https_server: HttpsServer, tmp_path: Path) -> None:
    cache = RemoteCache(tmp_path / "cache")
    first = load(https_server, cache)
    assert first.status == "fetched"
    assert len(first.index) == SERVICES_2025
    assert face_urls(first) == [FACE_2025]
    assert first.copy is not None and first.copy.sha256 == PAGE_SHA256
    assert first.index.provenance[0].sha256 == PAGE_SHA256
    assert len(https_server.requests()) == 1

    within = load(https_server, cache, now=T0 + timedelta(days=4, hours=23))
    assert within.status == "cached"
    assert len(within.index) == SERVICES_2025
    assert len(https_server.requests()) == 1  # no request while the copy is fresh

    expired = load(https_server, cache, now=T0 + timedelta(days=5, minutes=1))
    assert expired.status == "not-modified"
    request = https_server.requests()[-1]
    assert request["status"] == 304 and request["if_none_match"]
    assert request["if_modified_since"]
    assert expired.copy is not None
    assert expired.copy.fetched == T0 and expired.copy.checked > T0 + timedelta(days=5)
    # The 304 renewed the copy: fresh again for another five days.
    again = load(https_server, cache, now=T0 + timedelta(days=9))
    assert again.status == "cached" and len(https_server.requests()) == 2


def test_cache_days_zero_and_negative(https_server: HttpsServer, tmp_path: Path) -> None:
    cache = RemoteCache(tmp_path / "cache")
    load(https_server, cache, cache_days=0)
    assert load(https_server, cache, cache_days=0).status == "not-modified"
    assert load(https_server, cache, now=T0 + timedelta(days=900), cache_days=-1).status == (
        "cached"
    )
    assert len(https_server.requests()) == 2


def test_a_changed_page_keeps_the_previous_copy(https_server: HttpsServer, tmp_path: Path) -> None:
    cache = RemoteCache(tmp_path / "cache")
    load(https_server, cache)
    page = PAGE_2025.read_text(encoding="utf-8")
    new_face = "/azure/ai-foundry/responsible-ai/face/transparency-note-2026"
    edited = page.replace("/azure/ai-foundry/responsible-ai/face/transparency-note", new_face)
    edited = edited.replace(
        "- [QnA Maker](/azure/ai-foundry/responsible-ai/qnamaker/transparency-note-qnamaker)\n",
        "",
    )
    assert edited.count(new_face) == 1 and "QnA Maker" not in edited
    https_server.publish(edited)
    changed = load(https_server, cache, cache_days=0)
    assert changed.status == "changed"
    assert changed.change is not None
    # One service dropped, one document's URL changed: what the edit did.
    assert changed.change.summary() == (
        "Services: 0 added, 1 removed, 0 renamed, 0 changed. "
        "Documents: 0 added, 0 removed, 1 changed."
    )
    assert face_urls(changed) == ["https://learn.microsoft.com" + new_face]
    previous = cache.previous(https_server.url())
    assert previous is not None and previous.body == PAGE_2025.read_bytes()
    assert cache.current(https_server.url()) == changed.copy


def test_a_200_with_the_same_content_is_no_change(
    https_server: HttpsServer, tmp_path: Path
) -> None:
    cache = RemoteCache(tmp_path / "cache")
    load(https_server, cache, path="nocache/responsible-use-of-ai-overview.md")
    path = "nocache/responsible-use-of-ai-overview.md"
    again = load(https_server, cache, path=path, cache_days=0)
    assert [r["status"] for r in https_server.requests()] == [200, 200]
    assert again.status == "fetched" and again.change is None
    assert cache.previous(https_server.url("nocache/responsible-use-of-ai-overview.md")) is None


def test_server_stopped_gives_the_cached_copy(https_server: HttpsServer, tmp_path: Path) -> None:
    cache = RemoteCache(tmp_path / "cache")
    load(https_server, cache)
    https_server.stop()
    offline = load(https_server, cache, now=T0 + timedelta(days=6))
    assert offline.status == "stale"
    assert len(offline.index) == SERVICES_2025
    message = offline.failure_message()
    assert message == (
        f"cannot fetch the remote index {https_server.url()}: connection refused; using the "
        "cached copy from 6 days ago (2026-03-02T09:00:00Z)"
    )


def test_no_cached_copy_leaves_the_entry_out(https_server: HttpsServer, tmp_path: Path) -> None:
    https_server.stop()
    result = load(https_server, RemoteCache(tmp_path / "cache"))
    assert result.status == "missing" and not len(result.index)
    assert result.failure_message() == (
        f"cannot fetch the remote index {https_server.url()}: connection refused; there is no "
        "cached copy, so the entry is left out"
    )


@pytest.mark.parametrize("mode", ["slow", "hang"])
def test_a_slow_server_is_cut_off_in_time(
    https_server: HttpsServer, tmp_path: Path, mode: str
) -> None:
    start = time.monotonic()
    result = load(
        https_server,
        RemoteCache(tmp_path / "cache"),
        path=f"{mode}/responsible-use-of-ai-overview.md",
        timeout=1,
    )
    elapsed = time.monotonic() - start
    assert result.status == "missing"
    assert result.failure == "no complete answer within 1 s (rai_timeout)"
    assert elapsed < 3, elapsed  # the server would go on for a minute


def test_an_oversized_response_is_cut_off(https_server: HttpsServer, tmp_path: Path) -> None:
    cache = RemoteCache(tmp_path / "cache")
    streamed = load(https_server, cache, path="huge/index.md")
    assert streamed.failure == "the response is larger than the limit of 16777216 bytes"
    declared = load(https_server, cache, path="declared-huge/index.md")
    assert declared.failure == "the response is 17825792 bytes; the limit is 16777216"
    small = load(https_server, cache, path="huge/index.md", max_bytes=1000)
    assert small.failure == "the response is larger than the limit of 1000 bytes"


def test_redirects(https_server: HttpsServer, tmp_path: Path) -> None:
    cache = RemoteCache(tmp_path / "cache")
    followed = load(https_server, cache, path="redirect/responsible-use-of-ai-overview.md")
    assert followed.status == "fetched" and len(followed.index) == SERVICES_2025
    down = load(
        https_server,
        cache,
        path="redirect-http/responsible-use-of-ai-overview.md",
        allow_http=("127.0.0.1",),
    )
    assert down.status == "missing"
    assert down.failure == (
        "a redirect from https to another scheme "
        f"(http://127.0.0.1:{https_server.port}/responsible-use-of-ai-overview.md)"
    )
    broken = load(https_server, cache, path="redirect-broken/responsible-use-of-ai-overview.md")
    assert broken.status == "missing"
    assert broken.failure == "Invalid IPv6 URL"  # requests refuses to follow it


def test_http_errors_and_untrusted_certificates(https_server: HttpsServer, tmp_path: Path) -> None:
    cache = RemoteCache(tmp_path / "cache")
    assert load(https_server, cache, path="status/500/x.md").failure == (
        "the server answered HTTP 500"
    )
    assert load(https_server, cache, path="missing.md").failure == "the server answered HTTP 404"
    untrusted = load(https_server, cache, trusted=False)
    assert untrusted.failure is not None
    assert untrusted.failure.startswith("certificate verify failed: self-signed certificate")


def test_a_pin_is_checked_and_a_pinned_copy_never_fetched_again(
    https_server: HttpsServer, tmp_path: Path
) -> None:
    cache = RemoteCache(tmp_path / "cache")
    wrong = load(https_server, cache, pin="0" * 64)
    assert wrong.status == "missing"
    assert wrong.failure == f"its SHA-256 is {PAGE_SHA256}, not the pinned {'0' * 64}"
    assert cache.current(https_server.url()) is None  # a copy failing its pin is not kept
    pinned = load(https_server, cache, pin=PAGE_SHA256)
    assert pinned.status == "fetched"
    later = load(https_server, cache, pin=PAGE_SHA256, now=T0 + timedelta(days=400))
    assert later.status == "cached"
    assert len(https_server.requests()) == 2


def test_an_unreadable_body_keeps_the_cached_copy(
    https_server: HttpsServer, tmp_path: Path
) -> None:
    cache = RemoteCache(tmp_path / "cache")
    load(https_server, cache)
    https_server.publish(b"\xff\xfe not UTF-8")
    broken = load(https_server, cache, cache_days=0)
    assert broken.status == "stale"
    assert broken.failure == (
        "nothing could be read from it: index file is not valid UTF-8 (byte 0xff)"
    )
    assert len(broken.index) == SERVICES_2025


def test_a_damaged_cache_counts_as_absent(https_server: HttpsServer, tmp_path: Path) -> None:
    cache = RemoteCache(tmp_path / "cache")
    load(https_server, cache)
    (body,) = (tmp_path / "cache").glob("*.current")
    body.write_bytes(b"# tampered\n")
    assert cache.current(https_server.url()) is None
    assert load(https_server, cache).status == "fetched"
    assert len(https_server.requests()) == 2


def test_the_cache_is_found_from_a_doctree_or_output_directory(tmp_path: Path) -> None:
    (tmp_path / "html" / ".doctrees" / "rai-remote").mkdir(parents=True)
    (tmp_path / "doctrees" / "rai-remote").mkdir(parents=True)
    found = tmp_path / "html" / ".doctrees" / "rai-remote"
    assert find_cache_dir(tmp_path / "html") == found
    assert find_cache_dir(tmp_path / "doctrees") == tmp_path / "doctrees" / "rai-remote"
    assert find_cache_dir(found) == found
    assert find_cache_dir(tmp_path / "nowhere") is None
