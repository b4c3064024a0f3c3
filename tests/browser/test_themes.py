"""The example project builds without a warning under each supported HTML theme."""

from __future__ import annotations

import re

import pytest

from .showcase import PAGES, THEMES, Builds

#: An element carrying one of the extension's classes.
RAI_CLASS = re.compile(r'class="[^"]*\brai-')


@pytest.mark.parametrize("theme", THEMES)
def test_example_builds_without_warnings(theme: str, builds: Builds) -> None:
    build = builds.real(theme)
    assert (build.returncode, build.stderr) == (0, "")
    for page in PAGES:
        assert RAI_CLASS.search(build.page(page).read_text(encoding="utf-8")), page


@pytest.mark.parametrize("theme", THEMES)
def test_comparison_build_has_the_pages_without_the_extension_markup(
    theme: str, builds: Builds
) -> None:
    build = builds.baseline(theme)
    assert build.returncode == 0, build.stderr
    for page in PAGES:
        assert not RAI_CLASS.search(build.page(page).read_text(encoding="utf-8")), page
