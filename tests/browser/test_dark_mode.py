"""Dark mode: where a theme follows the reader's colour-scheme preference, the text and links
of cards, tables and lists keep WCAG AA contrast (4.5:1), as painted by the browser."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from . import chromium
from .showcase import DARK_THEMES, Builds

CONTRAST = (Path(__file__).with_name("js") / "contrast.js").read_text(encoding="utf-8")
#: Text of the extension's markup (the theme's permalink icons excepted).
TEXT = ".rai-guidance *:not(.headerlink), a.rai-link, a.rai-link *"
PAGES = ("layouts/cards", "layouts/table", "layouts/list", "tour", "user-index")
AA = 4.5


@pytest.fixture
def dark(browser: Any) -> Iterator[Any]:
    """The browser with the reader's preference set to dark, back to light afterwards."""
    chromium.set_color_scheme(browser, "dark")
    yield browser
    chromium.set_color_scheme(browser, "light")


@pytest.mark.parametrize("theme", DARK_THEMES)
def test_text_and_links_meet_aa_contrast_in_dark_mode(
    theme: str, builds: Builds, dark: Any
) -> None:
    low = []
    for page in PAGES:
        chromium.open_page(dark, builds.real(theme).page(page))
        page_background = dark.execute_script(
            "return getComputedStyle(document.body).backgroundColor"
        )
        assert is_dark(page_background), (page, page_background)
        measured = dark.execute_script(CONTRAST, TEXT)
        assert len(measured) >= 20, page
        low += [(page, m) for m in measured if m["ratio"] < AA]
    assert low == []


def is_dark(css_colour: str) -> bool:
    """Whether an opaque ``rgb(...)`` colour is dark (relative luminance below 0.1)."""
    values = [float(v) for v in re.findall(r"[\d.]+", css_colour)]
    if len(values) == 4 and values[3] < 1:
        return False

    def linear(value: float) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    red, green, blue = values[:3]
    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue) < 0.1
