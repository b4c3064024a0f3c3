"""Layout under each theme: cards shown inside the content column, no horizontal overflow,
cards per row as configured at each breakpoint."""

from __future__ import annotations

from typing import Any

import pytest

from .chromium import PHONE
from .conftest import WIDTHS, Layouts
from .expected import card_columns
from .showcase import COVERAGE_PAGE, PAGES, THEMES

#: Pages whose own hand-written content (long code lines, a wide reference table) is wider
#: than a phone in some themes; there the extension must only add no overflow of its own.
WIDE_CONTENT = ("reference", "user-index")
#: RST pages with grids of cards (the MyST pages repeat the RST examples).
CARD_PAGES = ("index", "tour", "layouts/cards", "user-index", "catalogue")
#: Measurements are rounded to device pixels: allow one.
SLACK = 1.0


def inside(inner: dict[str, float], outer: dict[str, float]) -> bool:
    """Whether box *inner* lies within the left and right edges of box *outer*."""
    return inner["left"] >= outer["left"] - SLACK and inner["right"] <= outer["right"] + SLACK


@pytest.mark.parametrize("theme", THEMES)
def test_every_card_is_shown_inside_the_content_column(theme: str, layouts: Layouts) -> None:
    problems = []
    for page in PAGES:
        for width, measured in layouts.measure(theme, page).items():
            column = measured["column"]
            assert column is not None, (page, width)
            assert column["left"] >= -SLACK and column["right"] <= measured["viewport"] + SLACK
            for card in measured["cards"]:
                if not card["shown"] or not inside(card["box"], column):
                    problems.append((page, width, card["title"], card["box"], column))
    assert problems == []


@pytest.mark.parametrize("theme", THEMES)
def test_blocks_and_tables_stay_in_the_column_or_scroll_inside_it(
    theme: str, layouts: Layouts
) -> None:
    problems = []
    for page in PAGES:
        for width, measured in layouts.measure(theme, page).items():
            column = measured["column"]
            for part in (*measured["blocks"], *measured["tables"]):
                fits = inside(part["box"], column)
                if not (fits or any(inside(s, column) for s in part["scrollers"])):
                    problems.append((page, width, part))
    assert problems == []


@pytest.mark.parametrize("theme", THEMES)
def test_a_table_that_fits_does_not_scroll(theme: str, layouts: Layouts) -> None:
    """The block around a table scrolls only when the table itself is too wide (a theme's
    own wrapper around the table must not make it scroll)."""
    scrolling = []
    for page in PAGES:
        for width, measured in layouts.measure(theme, page).items():
            for block in measured["blocks"]:
                table = block["tableWidth"]
                if table is not None and table <= block["clientWidth"] and block["overflow"] > 0:
                    scrolling.append((page, width, block))
    assert scrolling == []


@pytest.mark.parametrize("theme", THEMES)
def test_the_coverage_table_scrolls_inside_its_block_on_a_phone(
    theme: str, layouts: Layouts
) -> None:
    """The coverage table (five columns of page names and kinds) is wider than a phone: it
    scrolls inside its own block, as guidance tables do, instead of widening the page."""
    measured = layouts.measure(theme, COVERAGE_PAGE)
    phone = measured[PHONE]
    (table,) = phone["coverage"]
    assert table["block"] is not None
    assert table["box"]["width"] > phone["column"]["width"] + SLACK
    # What scrolls is the block, or a theme's own wrapper inside it; it fits the column.
    scroller = table["scroller"]
    assert scroller["scrolls"] and scroller["overflow"] > 0
    assert inside(scroller["box"], table["block"]["box"])
    assert phone["scrollWidth"] <= phone["viewport"]
    # At every width the block stays in the column, and scrolls only when the table is wider.
    for width, at in measured.items():
        (table,) = at["coverage"]
        assert inside(table["block"]["box"], at["column"]), width
        if table["box"]["width"] <= table["block"]["clientWidth"]:
            assert table["scroller"]["overflow"] <= 0, width


@pytest.mark.parametrize("theme", THEMES)
def test_table_cells_wrap(theme: str, layouts: Layouts) -> None:
    """Some themes keep table cells on one line, which makes a table of document titles far
    wider than the column."""
    tables = layouts.measure(theme, "layouts/table")[WIDTHS[-1]]["tables"]
    assert len(tables) >= 4
    assert [table["nowrap"] for table in tables] == [0] * len(tables)


@pytest.mark.parametrize("theme", THEMES)
def test_no_horizontal_overflow(theme: str, layouts: Layouts) -> None:
    overflowing = []
    for page in PAGES:
        real = layouts.measure(theme, page)
        baseline = layouts.measure(theme, page, "baseline") if page in WIDE_CONTENT else None
        for width, measured in real.items():
            allowed = measured["viewport"]
            if baseline is not None:
                allowed = max(allowed, baseline[width]["scrollWidth"])
            if measured["scrollWidth"] > allowed:
                overflowing.append((page, width, measured["scrollWidth"], allowed))
    assert overflowing == []


def columns_shown(items: list[dict[str, Any]]) -> list[int]:
    """How many grid items share each row, top to bottom."""
    rows: dict[int, int] = {}
    for item in items:
        top = round(item["top"])
        row = next((r for r in rows if abs(r - top) <= 2), top)
        rows[row] = rows.get(row, 0) + 1
    return [rows[r] for r in sorted(rows)]


@pytest.mark.parametrize("theme", THEMES)
def test_cards_per_row_as_configured_at_each_breakpoint(theme: str, layouts: Layouts) -> None:
    wrong = []
    for page in CARD_PAGES:
        expected = card_columns(page)
        for width, measured in layouts.measure(theme, page).items():
            grids = measured["grids"]
            assert len(grids) == len(expected), (page, width)
            for number, (items, columns) in enumerate(zip(grids, expected, strict=True)):
                per_row = columns[WIDTHS.index(width)]
                shown = columns_shown(items)
                full, last = shown[:-1], shown[-1]
                if any(n != per_row for n in full) or not 0 < last <= per_row:
                    wrong.append((page, width, number, per_row, shown))
                if len(items) >= per_row and shown[0] != per_row:
                    wrong.append((page, width, number, per_row, shown))
    assert wrong == []
