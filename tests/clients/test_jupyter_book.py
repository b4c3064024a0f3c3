"""Jupyter Book 1 as a client: ``jupyter-book build`` of a small book (``book/``) that adds the
extension with ``sphinx: extra_extensions``, with the directive and the role in a Markdown page
and the directive in a notebook's Markdown cell.

Needs jupyter-book 1 installed: ``nox -s jupyter_book`` runs this in an environment of its
own (marker ``jupyter_book``); elsewhere the test is skipped, saying so, or fails with
``RAI_REQUIRE_JUPYTER_BOOK=1``."""

from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from importlib import metadata
from pathlib import Path

import pytest

pytestmark = pytest.mark.jupyter_book

BOOK = Path(__file__).resolve().parent / "book"
BUNDLED = Path(__file__).resolve().parents[2] / "sphinxext_rai/formats/data/azure-ai-services.json"


def _unavailable() -> str | None:
    """Why jupyter-book 1 cannot be run here, or None."""
    try:
        version = metadata.version("jupyter-book")
    except metadata.PackageNotFoundError:
        return "jupyter-book is not installed here; `nox -s jupyter_book` runs this test"
    if not version.startswith("1."):
        return f"jupyter-book {version} is installed; this test is for version 1"
    return None


def _require_jupyter_book() -> None:
    reason = _unavailable()
    if reason and os.environ.get("RAI_REQUIRE_JUPYTER_BOOK") == "1":
        pytest.fail(reason)
    if reason:
        pytest.skip(reason)


def guidance_urls(service: str, kinds: tuple[str, ...] = ()) -> set[str]:
    """The URLs of *service*'s documents (of *kinds*, or all) in the bundled index."""
    index = json.loads(BUNDLED.read_text(encoding="utf-8"))
    (entry,) = (s for s in index["services"] if s["name"] == service)
    return {d["url"] for d in entry["guidance"] if not kinds or d["kind"] in kinds}


class Links(HTMLParser):
    """The targets of a page's links, and of those the ``rai`` role made."""

    def __init__(self, page: Path) -> None:
        super().__init__()
        self.hrefs: set[str] = set()
        self.role_hrefs: set[str] = set()
        self.feed(page.read_text(encoding="utf-8"))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        href = attributes.get("href")
        if tag != "a" or not href:
            return
        self.hrefs.add(html.unescape(href))
        if "rai-role" in (attributes.get("class") or "").split():
            self.role_hrefs.add(html.unescape(href))


@pytest.fixture(scope="module")
def built_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The book's HTML output, built with ``jupyter-book build -W``."""
    _require_jupyter_book()
    book = tmp_path_factory.mktemp("book") / "book"
    shutil.copytree(BOOK, book)
    command = [str(Path(sys.executable).parent / "jupyter-book"), "build", "-W", str(book)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return book / "_build" / "html"


def test_the_markdown_page_shows_the_guidance_and_the_role(built_book: Path) -> None:
    face = guidance_urls("Azure AI Vision - Face")
    transparency = guidance_urls("Azure AI Vision - Face", ("transparency",))
    assert len(transparency) == 1
    page = Links(built_book / "intro.html")
    assert face <= page.hrefs
    assert page.role_hrefs == transparency


def test_the_notebook_cell_shows_the_guidance(built_book: Path) -> None:
    page = Links(built_book / "notebook.html")
    assert guidance_urls("Azure AI Vision - Face") <= page.hrefs
    assert guidance_urls("Speech - Speaker Recognition") <= page.hrefs


def test_the_book_uses_the_extension_stylesheet(built_book: Path) -> None:
    assert (built_book / "_static" / "rai.css").is_file()
    assert "rai.css" in (built_book / "intro.html").read_text(encoding="utf-8")
