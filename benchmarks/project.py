"""Synthetic Sphinx projects: the same pages in four variants, in reStructuredText.

Every page has a title, an introduction and one section per directive slot; each slot names
``services`` bundled services, in turn through the bundled index. The variants differ only in
what each slot holds; all share one ``conf.py``, which loads the extension and a tiny local
extension (``_ext/rai_floor.py``) that registers the floor directive of variant E.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sphinxext_rai.core.model import Service
from sphinxext_rai.core.urls import present
from sphinxext_rai.formats.bundled import load_bundled
from sphinxext_rai.sphinx_ext.directives import RaiGuidance

Variant = Literal["A", "B", "C", "E"]
VARIANTS: dict[Variant, str] = {
    "A": "`rai-guidance` directives (cards, the default layout)",
    "B": "the same cards written by hand in sphinx-design markup (`grid`, `grid-item-card`)",
    "C": "the same pages without any directive",
    "E": "a directive that parses its arguments and options and returns nothing (the floor)",
}
#: The default ``rai_default_columns``, and the gutter the directive uses.
COLUMNS = "1 2 2 3"
GUTTER = "3"
INTRO = (
    "This page documents one feature of a product built on AI services: what it does, "
    "*how it is configured*, which ``settings`` matter and what **operators** should check "
    "before they enable it. The sections below name the services the feature calls."
)
SECTION = (
    "The feature sends requests to the services listed here. Review their transparency notes "
    "and limitations with the team that owns the feature, and repeat the review when a "
    "service changes."
)
FLOOR = f'''"""The floor: a directive that parses what rai-guidance parses and returns nothing."""

from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective


class Floor(SphinxDirective):
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = dict.fromkeys({sorted(RaiGuidance.option_spec)!r}, directives.unchanged)

    def run(self):
        text = "\\n".join([*self.arguments, *self.content])
        self.names = [n.strip() for n in text.replace(",", "\\n").splitlines() if n.strip()]
        self.settings = dict(self.options)
        return []


def setup(app):
    app.add_directive("rai-floor", Floor)
    return {{"parallel_read_safe": True, "parallel_write_safe": True}}
'''
CONF = """import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))
project = "rai-guidance benchmark"
extensions = ["sphinxext_rai", "rai_floor"]
exclude_patterns = ["_ext"]
# No global-navigation sidebar: it renders the whole toctree into every page, which makes
# writing grow with the square of the page count in every variant alike.
html_sidebars = {"**": ["localtoc.html", "relations.html", "searchbox.html"]}
"""
_SPECIAL = re.compile(r"([\\`*_|<>])")


@dataclass(frozen=True)
class Spec:
    """The shape of a project: pages, directive slots per page, services per directive."""

    pages: int
    directives: int
    services: int = 1

    @property
    def label(self) -> str:
        """A short name such as ``1000 pages x 3 directives x 1 service``."""
        plural = "s" if self.services > 1 else ""
        return f"{self.pages} pages x {self.directives} x {self.services} service{plural}"

    @property
    def directive_count(self) -> int:
        """Directive slots over all pages."""
        return self.pages * self.directives


def page_name(number: int) -> str:
    """The docname of page *number*."""
    return f"page{number:04d}"


def slot_services(spec: Spec, page: int, slot: int) -> tuple[Service, ...]:
    """The services directive *slot* of page *page* names."""
    bundled = list(load_bundled())
    first = (page * spec.directives + slot) * spec.services
    return tuple(bundled[(first + n) % len(bundled)] for n in range(spec.services))


def write_project(srcdir: Path, spec: Spec, variant: Variant) -> Path:
    """Write the *variant* project of *spec* into *srcdir*; return *srcdir*."""
    (srcdir / "_ext").mkdir(parents=True, exist_ok=True)
    (srcdir / "_ext" / "rai_floor.py").write_text(FLOOR, encoding="utf-8")
    (srcdir / "conf.py").write_text(CONF, encoding="utf-8")
    toctree = "".join(f"   {page_name(n)}\n" for n in range(spec.pages))
    (srcdir / "index.rst").write_text(
        f"Benchmark\n=========\n\n.. toctree::\n   :maxdepth: 1\n\n{toctree}", encoding="utf-8"
    )
    for number in range(spec.pages):
        blocks = [block(variant, slot_services(spec, number, s)) for s in range(spec.directives)]
        (srcdir / f"{page_name(number)}.rst").write_text(page(number, blocks), encoding="utf-8")
    return srcdir


def page(number: int, blocks: Sequence[str]) -> str:
    """A page: title, introduction, then a section per block."""
    title = f"Page {number:04d}"
    parts = [f"{title}\n{'=' * len(title)}\n\n{INTRO}\n"]
    for slot, text in enumerate(blocks, start=1):
        heading = f"Topic {slot}"
        parts.append(f"{heading}\n{'-' * len(heading)}\n\n{SECTION}\n" + (text and f"\n{text}"))
    return "\n".join(parts)


def block(variant: Variant, services: Sequence[Service]) -> str:
    """What one directive slot holds in *variant*."""
    names = ", ".join(service.name for service in services)
    if variant == "A":
        return f".. rai-guidance:: {names}\n"
    if variant == "E":
        return f".. rai-floor:: {names}\n"
    if variant == "B":
        return by_hand(services)
    return ""


def by_hand(services: Sequence[Service]) -> str:
    """The cards and footer of ``rai-guidance`` written in sphinx-design markup: one card per
    document for a single service (under its name), else one card per service."""
    lines = [f".. rubric:: {_escape(services[0].name)}", ""] if len(services) == 1 else []
    lines += [f".. grid:: {COLUMNS}", f"   :gutter: {GUTTER}", ""]
    for service in services:
        if len(services) == 1:
            for doc in service.guidance:
                link = f"`{_escape(doc.kind.heading)} <{present(doc.url)}>`__"
                lines += [f"   .. grid-item-card:: {link}", "      :class-card: sd-card-hover", ""]
                if doc.label != doc.kind.heading:
                    lines += [f"      {_escape(doc.label)}", ""]
            continue
        lines += [f"   .. grid-item-card:: {_escape(service.name)}", ""]
        if service.family:
            lines += [f"      {_escape(service.family)}", ""]
        lines += [f"      * `{_escape(d.label)} <{present(d.url)}>`__" for d in service.guidance]
        lines.append("")
    provenance = load_bundled().origin
    footer = f"Source: `{_escape(provenance.title)} <{provenance.source}>`__"
    return "\n".join([*lines, f"{footer} (reviewed {provenance.date})", ""])


def _escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text)
