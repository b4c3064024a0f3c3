"""The screenshots in the example project (the README shows one): ``make screenshots``
produces them, and the committed ones are there and shown."""

from __future__ import annotations

import struct
from pathlib import Path
from typing import Any

import pytest

from .screenshots import SCHEMES, SHOTS, TARGET, THEME, capture
from .showcase import EXAMPLE, REPO, Builds

PNG = b"\x89PNG\r\n\x1a\n"
NAMES = [f"{name}-{scheme}.png" for scheme in SCHEMES for name, _page, _index in SHOTS]


def size(png: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header."""
    assert png.startswith(PNG)
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def test_screenshots_are_taken_light_and_dark(builds: Builds, browser: Any, tmp_path: Path) -> None:
    written = capture(browser, builds.real(THEME), tmp_path)
    assert sorted(p.name for p in written) == sorted(NAMES)
    for path in written:
        width, height = size(path.read_bytes())
        assert 600 <= width <= 1280 and 150 <= height <= 1200, path.name
    for name, _page, _index in SHOTS:
        light = (tmp_path / f"{name}-light.png").read_bytes()
        dark = (tmp_path / f"{name}-dark.png").read_bytes()
        assert size(light) == size(dark) and light != dark


@pytest.mark.parametrize("name", NAMES)
def test_committed_screenshot_is_shown_in_the_documentation(name: str) -> None:
    size((TARGET / name).read_bytes())
    assert f"/_static/screenshots/{name}" in (EXAMPLE / "looks.rst").read_text(encoding="utf-8")


def test_readme_shows_the_light_cards_screenshot() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    shown = [name for name in NAMES if (TARGET / name).relative_to(REPO).as_posix() in readme]
    assert shown == ["cards-light.png"]
