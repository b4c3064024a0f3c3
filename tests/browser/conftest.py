"""Fixtures of the browser checks: the themed builds, one headless Chromium, axe-core and the
Nu HTML checker. Where a tool is missing the tests are skipped with the reason printed, or,
with ``RAI_REQUIRE_BROWSER=1`` (as in CI), fail."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

import pytest

from . import chromium
from .showcase import PAGES, THEMES, Builds

HERE = Path(__file__).resolve().parent
NODE_MODULES = HERE / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
MEASURE = (HERE / "js" / "measure.js").read_text(encoding="utf-8")
#: The theme's content column, the block the extension's markup must stay inside.
CONTENT_COLUMN = {
    "alabaster": "div.body",
    "furo": "article[role=main]",
    "pydata_sphinx_theme": "article.bd-article",
    "sphinx_rtd_theme": "div[itemprop=articleBody]",
    "sphinx_book_theme": "article.bd-article",
}
#: Screen widths: a phone (extra small), then sphinx-design's sm, md and lg breakpoints.
WIDTHS = (chromium.PHONE, 640, 880, chromium.DESKTOP)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this directory is a browser test."""
    for item in items:
        if HERE in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


def unavailable(reason: str) -> NoReturn:
    """Skip (printing why), or fail where the checks are required to run."""
    message = f"browser checks not run: {reason}"
    print(message)
    if os.environ.get("RAI_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{message} (RAI_REQUIRE_BROWSER=1)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Builds]:
    """The example project under every theme, with and without the extension's markup."""
    started = Builds(tmp_path_factory.mktemp("showcase"))
    yield started
    started.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the whole session."""
    reason = chromium.missing()
    if reason:
        unavailable(reason)
    with chromium.chromium() as driver:
        yield driver


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core, to inject into pages."""
    if not AXE.is_file():
        unavailable(f"{AXE.relative_to(HERE)} is missing; run `npm ci` in tests/browser")
    return AXE.read_text(encoding="utf-8")


class Layouts:
    """Measurements of laid-out pages (see js/measure.js), each page loaded once and
    measured at every width."""

    def __init__(self, driver: Any, builds: Builds) -> None:
        self._driver = driver
        self._builds = builds
        self._cache: dict[tuple[str, str, str], dict[int, dict[str, Any]]] = {}

    def measure(self, theme: str, page: str, variant: str = "real") -> dict[int, dict[str, Any]]:
        """The measurements of *page* at each width in ``WIDTHS``."""
        key = (theme, page, variant)
        if key not in self._cache:
            build = self._builds.real(theme) if variant == "real" else self._builds.baseline(theme)
            chromium.open_page(self._driver, build.page(page))
            measured = {}
            for width in WIDTHS:
                chromium.set_width(self._driver, width)
                chromium.settle(self._driver)
                measured[width] = self._driver.execute_script(MEASURE, CONTENT_COLUMN[theme])
            chromium.set_width(self._driver, chromium.DESKTOP)
            self._cache[key] = measured
        return self._cache[key]


@pytest.fixture(scope="session")
def layouts(browser: Any, builds: Builds) -> Layouts:
    """Page measurements shared by the layout and link tests."""
    return Layouts(browser, builds)


@pytest.fixture(scope="session")
def vnu_messages(builds: Builds) -> dict[Path, list[str]]:
    """The Nu HTML checker's error messages for every showcase page of every build, from one
    run of the checker."""
    java = shutil.which("java")
    if java is None:
        unavailable("no `java` on PATH for the Nu HTML checker")
    if not VNU.is_file():
        unavailable(f"{VNU.relative_to(HERE)} is missing; run `npm ci` in tests/browser")
    pages = [
        build.page(page)
        for theme in THEMES
        for build in (builds.real(theme), builds.baseline(theme))
        for page in PAGES
    ]
    run = subprocess.run(
        [
            java,
            "-jar",
            str(VNU),
            "--errors-only",
            "--exit-zero-always",
            "--stdout",
            "--format",
            "json",
            *map(str, pages),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(run.stdout)
    messages: dict[Path, list[str]] = {page: [] for page in pages}
    for message in report["messages"]:
        path = Path(message["url"].removeprefix("file:"))
        messages.setdefault(path, []).append(message["message"])
    return messages
