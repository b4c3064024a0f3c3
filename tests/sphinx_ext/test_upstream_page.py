"""A build with the current upstream page (the real 2025 copy) listed after the bundled index:
its services update the bundled ones, each document replaced is a located note, not a
warning, and old names still find the updated services."""

from __future__ import annotations

import re

import pytest
from conftest import PAGE_2025
from sphinx.testing.util import SphinxTestApp

FACE_2025 = "https://learn.microsoft.com/azure/ai-foundry/responsible-ai/face/transparency-note"
FACE_LIMITS = "https://learn.microsoft.com/legal/cognitive-services/face/characteristics-and-"


@pytest.mark.sphinx("html", testroot="basic", confoverrides={"rai_index": [str(PAGE_2025)]})
def test_the_current_page_updates_the_bundled_services(app: SphinxTestApp) -> None:
    app.build()
    assert "WARNING" not in app.warning.getvalue()
    status = re.sub(r"\x1b\[[0-9;]*m", "", app.status.getvalue())
    notes = [line for line in status.splitlines() if "replaces the " in line]
    assert len(notes) == 24
    assert f"{PAGE_2025}:24: service 'Azure Vision - Face' replaces" in "\n".join(notes)
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert FACE_2025 in html  # the document the page lists now
    assert FACE_LIMITS in html  # the bundled document of a kind the page no longer lists
    assert "Azure Vision - Face" in html  # the current name
    assert "Language Understanding" in html  # found by the former name LUIS
