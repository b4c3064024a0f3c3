"""``sphinxext-rai fetch`` and ``diff --cached`` against a real HTTPS server on 127.0.0.1
(``tests/https_server.py``) publishing the real 2025 upstream page."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import PAGE_2025, HttpsServer

from sphinxext_rai.cli.http import requests_get
from sphinxext_rai.cli.main import main
from sphinxext_rai.formats.cache import CACHE_DIRNAME, RemoteCache
from sphinxext_rai.formats.remote import Policy, RemoteSource, load_remote

PAGE_SHA256 = hashlib.sha256(PAGE_2025.read_bytes()).hexdigest()
FACE_2025 = "https://learn.microsoft.com/azure/ai-foundry/responsible-ai/face/transparency-note"


def test_fetch_writes_the_page_byte_for_byte(
    https_server: HttpsServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "upstream.md"
    url = f"{https_server.url()}#sha256={PAGE_SHA256}"
    status = main(["fetch", url, "-o", str(output), "--cacert", str(https_server.certificate)])
    err = capsys.readouterr().err
    assert status == 0, err
    assert output.read_bytes() == PAGE_2025.read_bytes()
    assert err == (
        f"{https_server.url()}: 29 services, 29 links, sha256 {PAGE_SHA256}; written to {output}\n"
    )
    assert main(["validate", str(output)]) == 0
    assert "ok, 29 services, 29 links" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["{url}#sha256=" + "0" * 64], f"its SHA-256 is {PAGE_SHA256}, not the pinned"),
        (["{url}", "-o", "{tmp}/upstream.yaml"], "would not be read as markdown"),
        (["{http}"], "uses plain http"),
        (["{base}redirect-http/responsible-use-of-ai-overview.md"], "a redirect from https"),
        (["{base}hang/x.md", "--timeout", "0.5"], "no complete answer within 0.5 s"),
    ],
)
def test_fetch_refuses(
    https_server: HttpsServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    arguments: list[str],
    message: str,
) -> None:
    url = https_server.url()
    values = {
        "url": url,
        "http": url.replace("https:", "http:"),
        "base": https_server.url(""),
        "tmp": str(tmp_path),
    }
    filled = [a.format(**values) for a in arguments]
    status = main(["fetch", *filled, "--cacert", str(https_server.certificate)])
    captured = capsys.readouterr()
    assert status == 2
    assert message in captured.err
    assert captured.out == ""
    assert not list(tmp_path.glob("upstream.*"))


def test_fetch_trusts_only_what_it_is_told(
    https_server: HttpsServer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["fetch", https_server.url()]) == 2
    assert "certificate verify failed: self-signed certificate" in capsys.readouterr().err


def _cache_with_a_change(server: HttpsServer, doctrees: Path) -> str:
    """A build's cache of the 2025 page, fetched, then fetched again after an edit."""
    cache = RemoteCache(doctrees / CACHE_DIRNAME)
    source = RemoteSource(server.url())
    get = requests_get(str(server.certificate))
    start = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    load_remote(source, cache, get, Policy(), now=start)
    page = PAGE_2025.read_text(encoding="utf-8")
    server.publish(page.replace("face/transparency-note", "face/transparency-note-2026"))
    later = load_remote(source, cache, get, Policy(), now=start + timedelta(days=6))
    assert later.status == "changed"
    return source.url


LEARN_PAGE = "https://learn.microsoft.com/azure/ai-services/responsible-use-of-ai-overview"


def test_diff_cached_shows_what_the_last_change_did(
    https_server: HttpsServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = _cache_with_a_change(https_server, tmp_path / "doctrees")
    assert main(["diff", "--cached", str(tmp_path / "doctrees")]) == 1
    out = capsys.readouterr().out
    first, second = out.splitlines()[:2]
    assert first.startswith("--- previous copy (fetched 2026-03-02T09:00:00Z) (")
    # A recognised copy of the upstream page names where Microsoft Learn publishes it.
    assert first.endswith(f"29 services, 29 documents; source {LEARN_PAGE})")
    assert second.startswith("+++ current copy (fetched 2026-03-08T09:00:00Z) (")
    assert f"    URL was: <{FACE_2025}>" in out
    assert f"    URL now: <{FACE_2025}-2026>" in out
    assert out.rstrip().endswith(
        "Services: 0 added, 0 removed, 0 renamed, 0 changed. "
        "Documents: 0 added, 0 removed, 1 changed."
    )

    assert main(["diff", "--cached", str(tmp_path / "doctrees"), url, "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["documents_changed"] == 1
    assert data["documents"][0]["new"]["url"] == FACE_2025 + "-2026"


def test_diff_cached_without_a_change_or_a_cache(
    https_server: HttpsServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cache = RemoteCache(tmp_path / "doctrees" / CACHE_DIRNAME)
    now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    get = requests_get(str(https_server.certificate))
    load_remote(RemoteSource(https_server.url()), cache, get, Policy(), now=now)
    assert main(["diff", "--cached", str(tmp_path / "doctrees"), https_server.url()]) == 0
    assert capsys.readouterr().err == (
        f"{https_server.url()}: unchanged since it was first fetched (2026-03-02T09:00:00Z)\n"
    )
    assert main(["diff", "--cached", str(tmp_path / "nothing")]) == 2
    assert "no cache of remote indexes in" in capsys.readouterr().err
    assert main(["diff", "--cached", str(tmp_path / "doctrees"), "https://x.example/i.md"]) == 2
    assert "https://x.example/i.md is not in the cache" in capsys.readouterr().err
    assert main(["diff", "--cached", str(tmp_path / "doctrees"), "a", "b"]) == 2
    assert main(["diff", "only-one.md"]) == 2
