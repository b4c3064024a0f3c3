"""Accessibility of the extension's markup under each theme: axe-core finds no serious or
critical problem that the same page without the directive does not have; links say what
they lead to; tables have a caption and header cells."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from . import chromium
from .expected import documents
from .showcase import PAGES, THEMES, Builds
from .test_links import target

AXE_RUN = (Path(__file__).with_name("js") / "axe.js").read_text(encoding="utf-8")
#: Contrast rules: a violation whose colours the theme's own content fails with too is the
#: theme's colour scheme, not the extension's doing.
COLOUR_RULES = {"color-contrast", "color-contrast-enhanced", "link-in-text-block"}


def axe(driver: Any, source: str, page: Path) -> list[dict[str, Any]]:
    """The serious and critical axe-core violations of *page*."""
    chromium.open_page(driver, page)
    driver.execute_script(source)
    result = driver.execute_async_script(AXE_RUN)
    assert not isinstance(result, dict), result
    return list(result)


def added_violations(
    real: list[dict[str, Any]], baseline: list[dict[str, Any]]
) -> list[tuple[str, str, str]]:
    """The violations the extension's markup adds: any rule the page without it does not
    break, and any violation inside its markup, except contrast failures in colours the page
    without it fails with too."""
    rules = {v["rule"] for v in baseline}
    causes = {(v["rule"], n["cause"]) for v in baseline for n in v["nodes"]}
    added = []
    for violation in real:
        for node in violation["nodes"]:
            theirs = (
                violation["rule"] in COLOUR_RULES and (violation["rule"], node["cause"]) in causes
            )
            if violation["rule"] not in rules or (node["ours"] and not theirs):
                added.append((violation["rule"], node["target"], node["message"]))
    return added


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("theme", THEMES)
def test_axe_finds_nothing_serious_the_page_without_the_directive_lacks(
    theme: str, page: str, builds: Builds, browser: Any, axe_source: str
) -> None:
    real = axe(browser, axe_source, builds.real(theme).page(page))
    baseline = axe(browser, axe_source, builds.baseline(theme).page(page)) if real else []
    assert added_violations(real, baseline) == []


def test_the_comparison_counts_violations_in_the_extension_markup() -> None:
    """The rule above, on made-up results: a theme's failing link colour is not counted, a
    new failure inside the markup is."""
    theme_colour = {
        "rule": "color-contrast",
        "nodes": [{"ours": False, "cause": "#2980b9", "target": "a", "message": ""}],
    }
    ours = [
        {
            "rule": "color-contrast",
            "nodes": [
                {"ours": True, "cause": "#2980b9", "target": "a.rai-link", "message": ""},
                {"ours": True, "cause": "#787b80", "target": "p.rai-missing", "message": ""},
                {"ours": False, "cause": "#2980b9", "target": "a.other", "message": ""},
            ],
        },
        {
            "rule": "duplicate-id",
            "nodes": [{"ours": False, "cause": "", "target": "#x", "message": ""}],
        },
    ]
    assert added_violations(ours, [theme_colour]) == [
        ("color-contrast", "p.rai-missing", ""),
        ("duplicate-id", "#x", ""),
    ]


#: The pages whose links are checked one by one: every layout, and the role in running text.
NAMED_LINK_PAGES = ("index", "layouts/cards", "layouts/table", "layouts/list", "user-index")
VISIBLE_TEXT = """return [...document.querySelectorAll("a.rai-link")].map((link) => {
  const copy = link.cloneNode(true);
  copy.querySelectorAll(".rai-sr-only").forEach((n) => n.remove());
  return copy.textContent.replace(/\\s+/g, " ").trim();
});"""


HIDDEN_SIZES = """return [...document.querySelectorAll(".rai-sr-only")].map((el) => {
  const r = el.getBoundingClientRect();
  return [r.width, r.height];
});"""


@pytest.mark.parametrize("theme", THEMES)
def test_links_name_the_kind_and_the_service_and_say_they_leave_the_site(
    theme: str, builds: Builds, browser: Any
) -> None:
    from selenium.webdriver.common.by import By

    by_url = documents()
    vague = []
    checked = 0
    for page in NAMED_LINK_PAGES:
        chromium.open_page(browser, builds.real(theme).page(page))
        texts = browser.execute_script(VISIBLE_TEXT)
        # The added words take no room on screen.
        sizes = browser.execute_script(HIDDEN_SIZES)
        assert sizes and max(max(size) for size in sizes) <= 1, page
        links = browser.find_elements(By.CSS_SELECTOR, "a.rai-link")
        for link, text in zip(links, texts, strict=True):
            checked += 1
            name = " ".join(link.accessible_name.split())
            folded = name.casefold()
            candidates = by_url[target(link.get_attribute("href"))]
            described = any(
                d.service.casefold() in folded and d.heading.casefold() in folded
                for d in candidates
            )
            if not (
                link.aria_role == "link"
                and name.startswith(text)
                and described
                and "external link" in folded
            ):
                vague.append((page, text, name))
    assert vague == []
    assert checked >= 100


@pytest.mark.parametrize("theme", THEMES)
def test_tables_have_a_caption_and_header_cells(theme: str, builds: Builds, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    chromium.open_page(browser, builds.real(theme).page("layouts/table"))
    tables = browser.find_elements(By.CSS_SELECTOR, "table.rai-table")
    assert len(tables) >= 4
    for table in tables:
        caption = table.find_element(By.TAG_NAME, "caption")
        # A visible caption holds its text, then the theme's permalink.
        texts = caption.find_elements(By.CSS_SELECTOR, ".caption-text") or [caption]
        text = " ".join(texts[0].get_attribute("textContent").split())
        assert text and table.accessible_name.startswith(text)
        head, *rows = table.find_elements(By.TAG_NAME, "tr")
        heads = head.find_elements(By.CSS_SELECTOR, "th, td")
        assert [c.aria_role for c in heads] == ["columnheader"] * len(heads)
        assert len(rows) >= 2
        for row in rows:
            first, *cells = row.find_elements(By.CSS_SELECTOR, "th, td")
            assert first.aria_role == "rowheader"
            assert first.accessible_name.strip()
            assert {c.aria_role for c in cells} == {"cell"}
