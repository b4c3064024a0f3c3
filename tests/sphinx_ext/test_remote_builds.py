"""Remote index entries in real Sphinx builds, against a real HTTPS server on 127.0.0.1
(``tests/https_server.py``) publishing the real 2025 upstream page, trusted through Sphinx's
``tls_cacerts``: fetched once per build in the main process, cached in the doctree
directory, revalidated with conditional requests, and never a failed or hung build."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import PAGE_2025, HttpsServer
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import ConfigError
from sphinx.testing.util import SphinxTestApp

from sphinxext_rai.cli.main import main as cli

MakeApp = type[SphinxTestApp]
FACE_2025 = "https://learn.microsoft.com/azure/ai-foundry/responsible-ai/face/transparency-note"
#: In the bundled index only: it renders whatever happens to the remote entry.
SPATIAL = "https://learn.microsoft.com/legal/cognitive-services/computer-vision/"
PAGE_SHA256 = hashlib.sha256(PAGE_2025.read_bytes()).hexdigest()
PAGES = ["generative", "index", "language", "other", "search", "speech", "vision"]


def project(rootdir: Path, tmp_path: Path, server: HttpsServer, settings: str = "") -> Path:
    """The test-remote root, its conf.py naming the server's page and trusting its cert."""
    srcdir = tmp_path / "project"
    shutil.copytree(rootdir / "test-remote", srcdir)
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(f'rai_index = ["{server.url()}"]\n')
        conf.write(f'tls_cacerts = "{server.certificate}"\n')
        conf.write(settings)
    return srcdir


def build(make_app: MakeApp, srcdir: Path, **kwargs: Any) -> tuple[SphinxTestApp, list[str]]:
    """Build *srcdir*; the app and the pages Sphinx read."""
    app = make_app("html", srcdir=srcdir, **kwargs)
    read: list[str] = []

    def note(_app: Sphinx, _env: BuildEnvironment, docnames: list[str]) -> None:
        read.extend(docnames)

    app.connect("env-before-read-docs", note)
    app.build()
    app.cleanup()
    return app, sorted(read)


def fetch_warnings(app: SphinxTestApp) -> list[str]:
    """The build's ``rai.fetch`` warnings (merging the 2025 page over the bundled index
    has warnings of its own, which are not what these tests are about)."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    return [line for line in text.splitlines() if "[rai.fetch]" in line]


def html(app: SphinxTestApp, page: str = "index") -> str:
    return (app.outdir / f"{page}.html").read_text(encoding="utf-8")


def conf_line(srcdir: Path, fragment: str) -> int:
    lines = (srcdir / "conf.py").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if fragment in line)


def test_the_2025_targets_for_face_and_offline_rebuild(
    make_app: MakeApp, rootdir: Path, tmp_path: Path, https_server: HttpsServer
) -> None:
    srcdir = project(rootdir, tmp_path, https_server, "rai_cache_days = 0\n")
    app, _ = build(make_app, srcdir)
    assert fetch_warnings(app) == []
    assert FACE_2025 in html(app)
    assert SPATIAL in html(app)
    (request,) = https_server.requests()
    assert "Sphinx/" in request["user_agent"]  # Sphinx's own client, with its user agent
    report = json.loads((app.outdir / "rai.json").read_text(encoding="utf-8"))
    (record,) = report["remote"]
    assert record["url"] == https_server.url()
    assert record["status"] == "fetched"
    assert record["sha256"] == PAGE_SHA256
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", record["fetched"])
    assert PAGE_SHA256 in {s["sha256"] for s in report["sources"]}

    https_server.stop()
    offline, _ = build(make_app, srcdir, freshenv=True)
    assert FACE_2025 in html(offline)
    line = conf_line(srcdir, https_server.url())
    (warning,) = fetch_warnings(offline)
    assert warning == (
        f"{srcdir / 'conf.py'}:{line}: WARNING: cannot fetch the remote index "
        f"{https_server.url()}: connection refused; using the cached copy from less than a "
        f"minute ago ({record['checked']}) [rai.fetch]"
    )
    report = json.loads((offline.outdir / "rai.json").read_text(encoding="utf-8"))
    assert report["remote"][0]["status"] == "stale"
    assert report["remote"][0]["failure"] == "connection refused"


def test_face_by_its_short_name_from_the_remote_page_alone(
    make_app: MakeApp, rootdir: Path, tmp_path: Path, https_server: HttpsServer
) -> None:
    srcdir = project(rootdir, tmp_path, https_server, "rai_bundled_index = False\n")
    index = srcdir / "index.rst"
    index.write_text(
        index.read_text()
        .replace("Azure Vision - Face", "Face")
        .replace("Azure AI Vision - Spatial Analysis", "QnA Maker")
    )
    app, _ = build(make_app, srcdir)
    text = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    assert "[rai." not in text  # every name resolves in the 2025 page alone
    assert FACE_2025 in html(app)


def test_the_second_build_makes_no_request(
    make_app: MakeApp, rootdir: Path, tmp_path: Path, https_server: HttpsServer
) -> None:
    srcdir = project(rootdir, tmp_path, https_server)
    _, first = build(make_app, srcdir)
    assert first == PAGES
    second, reread = build(make_app, srcdir)
    assert reread == []
    fresh, _ = build(make_app, srcdir, freshenv=True)  # -E keeps the doctree directory
    assert len(https_server.requests()) == 1
    assert FACE_2025 in html(fresh)
    assert json.loads((fresh.outdir / "rai.json").read_text())["remote"][0]["status"] == "cached"
    assert fetch_warnings(second) == fetch_warnings(fresh) == []


def test_an_expired_cache_is_revalidated_with_a_304(
    make_app: MakeApp, rootdir: Path, tmp_path: Path, https_server: HttpsServer
) -> None:
    srcdir = project(rootdir, tmp_path, https_server, "rai_cache_days = 0\n")
    build(make_app, srcdir)
    app, reread = build(make_app, srcdir)
    first, second = https_server.requests()
    assert first["status"] == 200 and first["if_none_match"] is None
    assert second["status"] == 304 and second["if_none_match"]
    assert reread == []  # nothing changed: no page is read again
    assert "rai: the remote index" in app.status.getvalue()
    assert "is not modified" in app.status.getvalue()


def test_a_changed_page_logs_its_summary_and_diff_cached_shows_it(
    make_app: MakeApp,
    rootdir: Path,
    tmp_path: Path,
    https_server: HttpsServer,
    capsys: pytest.CaptureFixture[str],
) -> None:
    srcdir = project(rootdir, tmp_path, https_server, "rai_cache_days = 0\n")
    build(make_app, srcdir)
    page = PAGE_2025.read_text(encoding="utf-8")
    new_face = FACE_2025.removeprefix("https://learn.microsoft.com") + "-2026"
    edited = page.replace("/azure/ai-foundry/responsible-ai/face/transparency-note", new_face)
    qna = "- [QnA Maker](/azure/ai-foundry/responsible-ai/qnamaker/transparency-note-qnamaker)\n"
    https_server.publish(edited.replace(qna, ""))
    app, reread = build(make_app, srcdir)
    assert reread == ["index"]  # only the page showing Face
    assert FACE_2025 + "-2026" in html(app)
    summaries = [line for line in app.status.getvalue().splitlines() if "changed." in line]
    assert summaries == [
        f"rai: the remote index {https_server.url()} changed. Services: 0 added, 1 removed, "
        "0 renamed, 0 changed. Documents: 0 added, 0 removed, 1 changed. Details: "
        "sphinxext-rai diff "
        f"--cached DOCTREE_DIR {https_server.url()}"
    ]

    status = cli(["diff", "--cached", str(app.doctreedir), https_server.url()])
    out = capsys.readouterr().out
    assert status == 1
    assert "  - QnA Maker (1 document)" in out
    assert f"    URL was: <{FACE_2025}>" in out
    assert f"    URL now: <{FACE_2025}-2026>" in out


def test_without_network_or_cache_the_rest_still_renders(
    make_app: MakeApp, rootdir: Path, tmp_path: Path, https_server: HttpsServer
) -> None:
    srcdir = project(rootdir, tmp_path, https_server)
    https_server.stop()
    app, _ = build(make_app, srcdir)
    fetch = fetch_warnings(app)
    assert fetch == [
        f"{srcdir / 'conf.py'}:{conf_line(srcdir, https_server.url())}: WARNING: cannot fetch the "
        f"remote index {https_server.url()}: connection refused; there is no cached copy, so "
        "the entry is left out [rai.fetch]"
    ]
    assert SPATIAL in html(app)
    assert FACE_2025 not in html(app)


def test_a_slow_server_does_not_hold_the_build(
    make_app: MakeApp, rootdir: Path, tmp_path: Path, https_server: HttpsServer
) -> None:
    srcdir = project(rootdir, tmp_path, https_server)
    slow = https_server.url("slow/responsible-use-of-ai-overview.md")
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text().replace(https_server.url(), slow) + "rai_timeout = 1\n")
    start = time.monotonic()
    app, _ = build(make_app, srcdir)
    elapsed = time.monotonic() - start
    (warning,) = fetch_warnings(app)
    assert f"{slow}: no complete answer within 1 s (rai_timeout)" in warning
    assert elapsed < 30, elapsed  # the server would trickle the page for a minute
    assert SPATIAL in html(app)


def test_an_oversized_response_is_refused(
    make_app: MakeApp, rootdir: Path, tmp_path: Path, https_server: HttpsServer
) -> None:
    srcdir = project(rootdir, tmp_path, https_server)
    conf = srcdir / "conf.py"
    huge = https_server.url("huge/responsible-use-of-ai-overview.md")
    conf.write_text(conf.read_text().replace(https_server.url(), huge))
    app, _ = build(make_app, srcdir)
    (warning,) = fetch_warnings(app)
    assert f"{huge}: the response is larger than the limit of 16777216 bytes" in warning


def test_sphinx_tls_settings_decide_what_is_trusted(
    make_app: MakeApp, rootdir: Path, tmp_path: Path, https_server: HttpsServer
) -> None:
    srcdir = project(rootdir, tmp_path, https_server)
    app, _ = build(make_app, srcdir, confoverrides={"tls_cacerts": ""})
    (warning,) = fetch_warnings(app)
    assert "certificate verify failed: self-signed certificate" in warning
    unverified, _ = build(make_app, srcdir, confoverrides={"tls_cacerts": "", "tls_verify": False})
    assert fetch_warnings(unverified) == []
    assert FACE_2025 in html(unverified)


def test_a_parallel_build_fetches_once(
    make_app: MakeApp, rootdir: Path, tmp_path: Path, https_server: HttpsServer
) -> None:
    srcdir = project(rootdir, tmp_path, https_server)
    readers = tmp_path / "readers.txt"
    app = make_app("html", srcdir=srcdir, parallel=2)

    def note_reader(_app: Sphinx, docname: str, _source: list[str]) -> None:
        with readers.open("a") as out:
            out.write(f"{os.getpid()}\n")

    app.connect("source-read", note_reader)
    app.build()
    app.cleanup()
    pids = set(readers.read_text().split())
    assert len(pids) > 1 and str(os.getpid()) not in pids  # pages were read in workers
    assert len(https_server.requests()) == 1  # and fetched once, by the main process
    assert FACE_2025 in html(app)
    assert "/azure/ai-foundry/responsible-ai/custom-vision/" in html(app, "vision")
    assert fetch_warnings(app) == []


def test_a_pinned_entry(
    make_app: MakeApp, rootdir: Path, tmp_path: Path, https_server: HttpsServer
) -> None:
    srcdir = project(rootdir, tmp_path, https_server)
    conf = srcdir / "conf.py"
    text = conf.read_text()
    conf.write_text(text.replace(https_server.url(), f"{https_server.url()}#sha256={'0' * 64}"))
    app, _ = build(make_app, srcdir)
    (warning,) = fetch_warnings(app)
    assert f"its SHA-256 is {PAGE_SHA256}, not the pinned {'0' * 64}" in warning
    conf.write_text(text.replace(https_server.url(), f"{https_server.url()}#sha256={PAGE_SHA256}"))
    pinned, _ = build(make_app, srcdir, confoverrides={"rai_cache_days": 0})
    assert FACE_2025 in html(pinned) and fetch_warnings(pinned) == []
    build(make_app, srcdir, confoverrides={"rai_cache_days": 0})
    assert len(https_server.requests()) == 2  # a copy matching its pin is not fetched again


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"rai_index": ["http://127.0.0.1:9/x.md"]}, "uses plain http"),
        ({"rai_index": ["ftp://127.0.0.1/x.md"]}, "only https"),
        ({"rai_index": ["https://127.0.0.1/x.md#sha256=12"]}, "the only fragment"),
        ({"rai_timeout": 0}, "rai_timeout: must be a number of seconds greater than 0"),
        ({"rai_cache_days": 1.5}, "rai_cache_days must be int or str"),
    ],
)
def test_bad_remote_settings_stop_the_build(
    make_app: MakeApp, rootdir: Path, overrides: dict[str, object], message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        make_app("html", srcdir=rootdir / "test-basic", confoverrides=overrides)


def test_plain_http_for_an_allowed_host(make_app: MakeApp, rootdir: Path, tmp_path: Path) -> None:
    srcdir = tmp_path / "basic"
    shutil.copytree(rootdir / "test-basic", srcdir)
    overrides = {"rai_index": ["http://127.0.0.1:9/x.md"], "rai_allow_http": ["127.0.0.1"]}
    app, _ = build(make_app, srcdir, confoverrides=overrides)
    (warning,) = fetch_warnings(app)
    assert "cannot fetch the remote index http://127.0.0.1:9/x.md: connection refused" in warning
