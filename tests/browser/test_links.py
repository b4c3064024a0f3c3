"""Guidance links under each theme: every one takes a click at every width, a document card
takes it anywhere on the card, and each leads to the document its text names."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

from .conftest import WIDTHS, Layouts
from .expected import documents
from .showcase import PAGES, THEMES


@pytest.mark.parametrize("theme", THEMES)
def test_every_guidance_link_is_shown_and_takes_a_click(theme: str, layouts: Layouts) -> None:
    missed = []
    count = 0
    for page in PAGES:
        for width, measured in layouts.measure(theme, page).items():
            for link in measured["links"]:
                count += 1
                if not (link["shown"] and link["hit"]):
                    missed.append((page, width, link["text"], link["href"]))
    assert missed == []
    assert count >= 300 * len(WIDTHS)


@pytest.mark.parametrize("theme", THEMES)
def test_a_document_card_takes_a_click_anywhere(theme: str, layouts: Layouts) -> None:
    cards = [
        (page, width, link)
        for page in PAGES
        for width, measured in layouts.measure(theme, page).items()
        for link in measured["links"]
        if link["card"] is not None
    ]
    assert len(cards) >= 20 * len(WIDTHS)
    assert [(p, w, link["text"]) for p, w, link in cards if not link["card"]] == []


def target(href: str) -> str:
    """The URL an ``href`` stands for: Sphinx writes the address of a mailto link
    percent-encoded, to keep it from address harvesters."""
    return unquote(href) if href.startswith("mailto:") else href


@pytest.mark.parametrize("theme", THEMES)
def test_each_link_leads_to_the_document_its_text_names(theme: str, layouts: Layouts) -> None:
    by_url = documents()
    wrong = []
    for page in PAGES:
        for link in layouts.measure(theme, page)[WIDTHS[-1]]["links"]:
            candidates = by_url.get(target(link["href"]), [])
            names = {link["text"], link.get("cardLabel")}
            # The text is the document's title, or its kind's heading (document cards and
            # ``:link-text: kind``); the role's text is the service and the kind's heading,
            # or link text written in the page.
            if not any({d.label, d.heading} & names or link["role"] for d in candidates):
                wrong.append((page, link["text"], link["href"]))
    assert wrong == []
