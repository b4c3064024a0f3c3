"""Check that the hand-written cards (variant B) link exactly what the directive (A) links.

For every page of a small project, the (text, href) pairs of the links inside sphinx-design
cards in the HTML of A and of B must be equal, and equal to what the index says the page
shows. The benchmark stops when they are not: comparing build times of pages that show
different things would mean nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from .build import build_dirs, clean, run_build
from .project import Project, ProjectSpec, expected_links, page_name, write_project

Link = tuple[str, str]


class EquivalenceError(AssertionError):
    """Variants A and B do not render the same guidance links."""


class CardLinks(HTMLParser):
    """Collects the (text, href) of every link inside a ``div.sd-card``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: set[Link] = set()
        self._divs: list[bool] = []
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Track card divs and open links inside them."""
        values = dict(attrs)
        if tag == "div":
            self._divs.append("sd-card" in (values.get("class") or "").split())
        elif tag == "a" and any(self._divs) and values.get("href"):
            self._href = values["href"]
            self._text = []

    def handle_endtag(self, tag: str) -> None:
        """Close card divs and record finished links."""
        if tag == "div" and self._divs:
            self._divs.pop()
        elif tag == "a" and self._href is not None:
            self.links.add((" ".join("".join(self._text).split()), self._href))
            self._href = None

    def handle_data(self, data: str) -> None:
        """Collect the text of an open link."""
        if self._href is not None:
            self._text.append(data)


def card_links(html_file: Path) -> set[Link]:
    """The (text, href) of every link inside a card of *html_file*."""
    parser = CardLinks()
    parser.feed(html_file.read_text(encoding="utf-8"))
    parser.close()
    return parser.links


@dataclass(frozen=True)
class EquivalenceResult:
    """What the check compared."""

    spec: ProjectSpec
    pages: int
    links: int


def check_equivalence(spec: ProjectSpec, workdir: Path) -> EquivalenceResult:
    """Build A and B of *spec* and compare their card links page by page."""
    root = workdir / f"equivalence-{spec.fmt}-{spec.pages}x{spec.directives}"
    built: dict[str, Project] = {}
    for variant in ("A", "B"):
        project = write_project(root / variant, spec, variant)
        clean(project)
        run_build(project, 1)
        built[variant] = project
    compared = 0
    for number in range(spec.pages):
        expected = expected_links(spec, number)
        found = {
            v: card_links(build_dirs(p)[0] / f"{page_name(number)}.html") for v, p in built.items()
        }
        for variant, links in found.items():
            if links != expected:
                raise EquivalenceError(
                    f"{spec.label} {page_name(number)}: variant {variant} links differ from the "
                    f"index; missing {sorted(expected - links)}, extra {sorted(links - expected)}"
                )
        compared += len(expected)
    return EquivalenceResult(spec, spec.pages, compared)
