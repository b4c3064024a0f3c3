"""Valid HTML: the Nu HTML checker finds no error in a showcase page that the same page
without the extension's markup does not have."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from .showcase import PAGES, THEMES, Builds

DUPLICATE_ID = re.compile(r"^Duplicate ID “(.+)”\.$")


def wrapped_table_ids(html: str) -> set[str]:
    """Ids furo copies from a table onto the ``div.table-wrapper`` it puts around every table
    (its post-transform copies all of the table's attributes), so any table with an id, such
    as one with a caption, has it twice."""
    return set(re.findall(r'<div class="table-wrapper[^"]*"[^>]*\bid="([^"]+)"', html))


@pytest.mark.parametrize("theme", THEMES)
def test_no_html_errors_beyond_those_of_the_page_without_the_directive(
    theme: str, builds: Builds, vnu_messages: dict[Path, list[str]]
) -> None:
    added = {}
    for page in PAGES:
        path = builds.real(theme).page(page)
        wrapped = wrapped_table_ids(path.read_text(encoding="utf-8"))
        real = Counter(
            m for m in vnu_messages[path] if not ((d := DUPLICATE_ID.match(m)) and d[1] in wrapped)
        )
        baseline = Counter(vnu_messages[builds.baseline(theme).page(page)])
        if real - baseline:
            added[page] = real - baseline
    assert added == {}


def test_the_checker_ran_over_every_page(vnu_messages: dict[Path, list[str]]) -> None:
    """One report per page, and errors do get reported (the themes have a few of their own)."""
    assert len(vnu_messages) == 2 * len(THEMES) * len(PAGES)
    assert sum(len(m) for m in vnu_messages.values()) > 0
