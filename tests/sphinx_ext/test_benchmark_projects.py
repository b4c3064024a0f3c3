"""The benchmark compares like with like: in its generated projects the cards written by hand
(variant B) link exactly what the directive (A) links, both exactly what the index holds for
the services each section names, and the floor directive (E) and the plain pages (C) build
cleanly and show no guidance."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from benchmarks.project import Spec, Variant, page_name, slot_services, write_project
from sphinxext_rai.core.urls import present

MakeApp = type[SphinxTestApp]
Link = tuple[str, str]


class CardLinks(HTMLParser):
    """The (visible text, href) of every link inside a ``div.sd-card``; the directive's
    screen-reader-only text (absent from hand-written cards) is left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[Link] = []
        self.cards = 0
        self._open: list[tuple[str, bool, bool]] = []  # tag, is a card, is screen-reader text
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag in ("div", "span"):
            self._open.append((tag, "sd-card" in classes, "rai-sr-only" in classes))
            self.cards += "sd-card" in classes
        elif tag == "a" and any(card for _, card, _ in self._open):
            self._href, self._text = dict(attrs).get("href"), []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("div", "span") and self._open:
            self._open.pop()
        elif tag == "a" and self._href is not None:
            self.links.append((" ".join("".join(self._text).split()), self._href))
            self._href = None

    def handle_data(self, data: str) -> None:
        if self._href is not None and not any(hidden for _, _, hidden in self._open):
            self._text.append(data)


def card_links(html: Path) -> CardLinks:
    parser = CardLinks()
    parser.feed(html.read_text(encoding="utf-8"))
    return parser


def expected_links(spec: Spec, page: int) -> list[Link]:
    """What the index holds for the services the page names: one service shows a card per
    document titled with its kind; several show a card per service listing document labels."""
    return [
        (doc.kind.heading if spec.services == 1 else doc.label, present(doc.url))
        for slot in range(spec.directives)
        for service in slot_services(spec, page, slot)
        for doc in service.guidance
    ]


def build(make_app: MakeApp, srcdir: Path) -> Path:
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert app.warning.getvalue() == ""
    app.cleanup()  # unregister node classes before the next app in this process
    return Path(app.outdir)


@pytest.mark.parametrize("spec", [Spec(4, 2, 1), Spec(3, 2, 3)], ids=lambda s: s.label)
def test_hand_written_cards_link_what_the_directive_links(
    make_app: MakeApp, tmp_path: Path, spec: Spec
) -> None:
    variants: tuple[Variant, ...] = ("A", "B", "C", "E")
    outdirs = {v: build(make_app, write_project(tmp_path / v, spec, v)) for v in variants}
    for page in range(spec.pages):
        found = {v: card_links(out / f"{page_name(page)}.html") for v, out in outdirs.items()}
        expected = expected_links(spec, page)
        assert len(expected) >= spec.directives * spec.services  # every service has documents
        assert found["A"].links == expected
        assert found["B"].links == expected
        assert found["A"].cards == found["B"].cards > 0
        assert found["C"].cards == found["E"].cards == 0
