"""Untrusted index data: unsafe URLs never reach the output, markup in data stays text."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

ROOT = Path(__file__).resolve().parent / "roots" / "test-hostile"
PAYLOADS: list[str] = json.loads((ROOT / "payloads.json").read_text(encoding="utf-8"))
#: Targets without a scheme are page-relative paths: they resolve onto the https base URL.
RELATIVE = {"javascript&colon;alert(13)", "jav&#x09;ascript:alert(15)"}
BUILDERS = ["html", "dirhtml", "singlehtml", "epub", "latex", "text", "man", "texinfo"]
SUFFIXES = {".html", ".xhtml", ".tex", ".txt", ".1", ".texi"}


class LinkCollector(HTMLParser):
    """Every URL-valued attribute in a page."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls += [v or "" for k, v in attrs if k in {"href", "src", "action", "formaction"}]


def build(make_app: type[SphinxTestApp], builder: str, tmp_path: Path) -> SphinxTestApp:
    srcdir = tmp_path / "hostile"
    shutil.copytree(ROOT, srcdir)
    app = make_app(builder, srcdir=srcdir)
    app.build()
    return app


def written(app: SphinxTestApp) -> str:
    return "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted(app.outdir.rglob("*"))
        if p.is_file() and p.suffix in SUFFIXES
    )


@pytest.mark.parametrize("builder", BUILDERS)
def test_unsafe_urls_never_reach_any_output(
    builder: str, make_app: type[SphinxTestApp], tmp_path: Path
) -> None:
    app = build(make_app, builder, tmp_path)
    output = written(app)
    dropped = [i for i, p in enumerate(PAYLOADS) if p not in RELATIVE]
    for i in dropped:
        assert not re.search(rf"Bad {i}\b", output), (builder, PAYLOADS[i])
    # No URL context (an href, a LaTeX \\href, a <url> in plain text) holds a refused scheme.
    flat = re.sub(r"\s+|\\[:%&]", "", output).lower()
    url_context = r"(?:href=\"|href\{|<|uref\{)"
    assert not re.search(url_context + r"(?:javascript|vbscript|data|file|ftp):", flat), builder
    # The safe document of the same service is still there.
    assert "safe.example/privacy" in re.sub(r"\s+|\\[:%&]", "", output)


@pytest.mark.parametrize("page", ["index.html", "markdown.html"])
def test_every_href_is_allowlisted_and_markup_in_data_is_text(
    page: str, make_app: type[SphinxTestApp], tmp_path: Path
) -> None:
    app = build(make_app, "html", tmp_path)
    html = (app.outdir / page).read_text(encoding="utf-8")
    collector = LinkCollector()
    collector.feed(html)
    for url in collector.urls:
        scheme = url.split(":", 1)[0].lower() if ":" in url.split("/", 1)[0] else ""
        assert scheme in {"", "http", "https", "mailto"}, url
    # Markup in names and labels is escaped text, never live markup.
    assert "<script>alert" not in html
    assert "Hostile &lt;script&gt;alert(" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<b>bold</b>" not in html
    assert all("alert" not in s for s in re.findall(r"<script[^>]*>(.*?)</script>", html, re.S))
    # RST and Markdown syntax in data is not parsed: it is shown as written.
    assert ":rai:`Face`" in html and "{rai}`Face`" in html and "**strong**" in html
    assert 'href="https://x.example"' not in html
