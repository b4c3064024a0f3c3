"""Builds of the example project under each HTML theme, with and without the extension's
markup, run in parallel in the background."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "example_project"
TESTS = REPO / "tests"

#: The themes the showcase must render under, by their Sphinx name.
THEMES = ("alabaster", "furo", "pydata_sphinx_theme", "sphinx_rtd_theme", "sphinx_book_theme")
#: Themes with a dark mode that follows the reader's colour-scheme preference.
DARK_THEMES = ("furo", "pydata_sphinx_theme", "sphinx_book_theme")
#: The pages of the example project that show the directive or the role.
PAGES = (
    "index",
    "tour",
    "layouts/cards",
    "layouts/cards-myst",
    "layouts/table",
    "layouts/table-myst",
    "layouts/list",
    "layouts/list-myst",
    "user-index",
    "catalogue",
    "reference",
)
#: The page with the ``rai-coverage`` table.
COVERAGE_PAGE = "cross-references"
#: Pages with grids of cards, and their RST or MyST sources.
CARD_PAGES = ("index", "tour", "layouts/cards", "layouts/cards-myst", "user-index", "catalogue")


@dataclass(frozen=True)
class Build:
    """The outcome of one ``sphinx-build`` run."""

    theme: str
    outdir: Path
    returncode: int
    stderr: str

    def page(self, name: str) -> Path:
        """The HTML file of page *name* (``layouts/cards``)."""
        return self.outdir / f"{name}.html"


def sphinx_build(
    srcdir: Path, outdir: Path, builder: str, env: dict[str, str], *flags: str
) -> Build:
    """Run ``sphinx-build`` quietly; the warnings end up in ``stderr``."""
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", *flags, "-b", builder, str(srcdir), str(outdir)],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        check=False,
    )
    return Build(env.get("SPHINX_THEME", ""), outdir, result.returncode, result.stderr)


def baseline_project(target: Path) -> Path:
    """A copy of the example project whose directive renders nothing and whose role renders
    its text (see ``without_rai``)."""
    shutil.copytree(EXAMPLE, target, ignore=shutil.ignore_patterns("_build"))
    with (target / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('\nextensions.append("browser.without_rai")\n')
    return target


class Builds:
    """HTML builds of the example project, started at once two at a time and waited for when
    a test needs one. ``real`` builds use ``-nW``; ``baseline`` builds may warn (a ``:ref:`` to
    a removed directive's name has no target)."""

    def __init__(self, root: Path, themes: Iterable[str] = THEMES) -> None:
        self._root = root
        self._pool = ThreadPoolExecutor(max_workers=2)
        baseline_src = baseline_project(root / "baseline-src")
        self._futures: dict[tuple[str, str], Future[Build]] = {}
        for theme in themes:
            env = {"SPHINX_THEME": theme}
            self._futures[theme, "real"] = self._pool.submit(
                sphinx_build, EXAMPLE, root / "real" / theme, "html", env, "-nW", "--keep-going"
            )
            self._futures[theme, "baseline"] = self._pool.submit(
                sphinx_build,
                baseline_src,
                root / "baseline" / theme,
                "html",
                {
                    **env,
                    "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")]),
                },
            )

    def real(self, theme: str) -> Build:
        """The example project as published, built with ``-nW``."""
        return self._futures[theme, "real"].result()

    def baseline(self, theme: str) -> Build:
        """The same pages without the extension's markup."""
        return self._futures[theme, "baseline"].result()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
