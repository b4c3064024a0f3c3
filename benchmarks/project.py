"""Synthetic Sphinx projects: the same pages in four variants, in reStructuredText or MyST.

Every page has a title, an introduction and one section per directive slot. Each slot names
two bundled services (plus, on every fourth page, one model of a small user index), so each
``rai-guidance`` directive renders a grid of service cards. The variants differ only in what
each slot holds:

* A: ``rai-guidance`` with the default layout (cards);
* T: ``rai-guidance`` with ``:layout: table``;
* B: the same cards written by hand with sphinx-design's ``grid`` and ``grid-item-card``;
* C: nothing (the cost floor).

All variants share one ``conf.py``; it loads the extension and the user index, and records the
pages Sphinx reads in a log file outside the source directory.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from sphinxext_rai.core.merge import merge
from sphinxext_rai.core.model import Index, Service
from sphinxext_rai.core.urls import present
from sphinxext_rai.formats import read_text
from sphinxext_rai.formats.bundled import load_bundled

Variant = Literal["A", "T", "B", "C"]
Fmt = Literal["rst", "md"]

VARIANT_NAMES: dict[Variant, str] = {
    "A": "rai-guidance, cards",
    "T": "rai-guidance, table",
    "B": "the same cards by hand (grid, grid-item-card)",
    "C": "no directive (floor)",
}

USER_INDEX = "_data/bench-models.yaml"
USER_FAMILY = "Bench Labs"
USER_MODELS = 4
#: The first slot of every USER_EVERY-th page also names a model of the user index.
USER_EVERY = 4
#: Distance between the two bundled services of a slot; coprime with the 27 bundled services.
SECOND_OFFSET = 11
#: The default ``rai_default_columns``, and the gutter the directive uses.
COLUMNS = "1 2 2 3"
GUTTER = "3"

_INTRO_RST = (
    "This page documents one feature of a product built on AI services: what it does, "
    "*how it is configured*, which ``settings`` matter and what **operators** should check "
    "before they enable it. The sections below name the services the feature calls and the "
    "guidance their publishers ask integrators to read."
)
_INTRO_MD = (
    "This page documents one feature of a product built on AI services: what it does, "
    "*how it is configured*, which `settings` matter and what **operators** should check "
    "before they enable it. The sections below name the services the feature calls and the "
    "guidance their publishers ask integrators to read."
)
_SECTION_TEXT = (
    "The feature sends requests to the services listed here. Review their transparency notes "
    "and limitations with the team that owns the feature, record the decision, and repeat the "
    "review when a service changes."
)
_RST_SPECIAL = re.compile(r"([\\`*_|<>])")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>&])")


@dataclass(frozen=True)
class ProjectSpec:
    """The shape of a synthetic project: page count, directive slots per page, format."""

    pages: int
    directives: int
    fmt: Fmt

    @property
    def label(self) -> str:
        """A short name such as ``100x3 rst``."""
        return f"{self.pages}x{self.directives} {self.fmt}"

    @property
    def suffix(self) -> str:
        """The source suffix of the pages."""
        return ".rst" if self.fmt == "rst" else ".md"

    @property
    def directive_count(self) -> int:
        """The number of directive slots over all pages."""
        return self.pages * self.directives


@dataclass(frozen=True)
class Project:
    """A generated project on disk."""

    spec: ProjectSpec
    variant: Variant
    srcdir: Path
    read_log: Path

    @property
    def user_index(self) -> Path:
        """The user index file the project's ``rai_index`` names."""
        return self.srcdir / USER_INDEX

    def page(self, number: int) -> Path:
        """The source file of page *number*."""
        return self.srcdir / f"{page_name(number)}{self.spec.suffix}"

    def set_user_revisions(self, revisions: Mapping[int, int]) -> None:
        """Rewrite the user index with the given revision of each model (1 when absent)."""
        self.user_index.write_text(user_index_text(revisions), encoding="utf-8")


def page_name(number: int) -> str:
    """The docname of page *number*."""
    return f"page{number:04d}"


def user_model_name(model: int) -> str:
    """The name of model *model* (1-based) of the user index."""
    return f"{USER_FAMILY} - Model {model}"


def user_index_text(revisions: Mapping[int, int] | None = None) -> str:
    """The user index as YAML; a model's revision number shows in its first label."""
    lines = ["title: Bench Labs models", "date: 2024-05-01", "services:"]
    for model in range(1, USER_MODELS + 1):
        revision = (revisions or {}).get(model, 1)
        base = f"https://models.bench-labs.example/model-{model}"
        lines += [
            f"  - name: {user_model_name(model)}",
            "    guidance:",
            f"      - label: Model card, revision {revision}",
            "        kind: transparency",
            f"        url: {base}/model-card",
            "      - label: Known limitations",
            "        kind: limitations",
            f"        url: {base}/limitations",
            "      - label: Data handling",
            "        kind: privacy",
            f"        url: {base}/data",
        ]
    return "\n".join(lines) + "\n"


@cache
def catalogue() -> Index:
    """The bundled index merged with the first revision of the user index."""
    user = read_text(user_index_text(), "yaml", source=USER_INDEX)
    return merge([load_bundled(), user.index]).index


def slot_services(page: int, slot: int, directives: int) -> tuple[str, ...]:
    """The service names directive *slot* of page *page* shows."""
    bundled = [service.name for service in load_bundled()]
    base = page * directives + slot
    names = [bundled[base % len(bundled)], bundled[(base + SECOND_OFFSET) % len(bundled)]]
    if slot == 0 and page % USER_EVERY == 0:
        names.append(user_model_name(page // USER_EVERY % USER_MODELS + 1))
    return tuple(names)


def pages_showing(spec: ProjectSpec, service: str) -> set[str]:
    """The docnames of the pages that show *service*."""
    return {
        page_name(page)
        for page in range(spec.pages)
        for slot in range(spec.directives)
        if service in slot_services(page, slot, spec.directives)
    }


def expected_links(spec: ProjectSpec, page: int) -> set[tuple[str, str]]:
    """The (text, href) of every guidance link page *page* shows in variants A and B."""
    index = catalogue()
    return {
        (doc.label, present(doc.url))
        for slot in range(spec.directives)
        for name in slot_services(page, slot, spec.directives)
        for doc in index.find(name).guidance
    }


def write_project(root: Path, spec: ProjectSpec, variant: Variant) -> Project:
    """Write the project for *spec* and *variant* under *root*; return where it is."""
    srcdir = root / "src"
    project = Project(spec, variant, srcdir, root / "read.log")
    (srcdir / "_data").mkdir(parents=True, exist_ok=True)
    (srcdir / "conf.py").write_text(conf_text(spec.fmt, project.read_log), encoding="utf-8")
    project.set_user_revisions({})
    (srcdir / f"index{spec.suffix}").write_text(index_text(spec), encoding="utf-8")
    for number in range(spec.pages):
        project.page(number).write_text(page_text(spec, variant, number), encoding="utf-8")
    return project


def conf_text(fmt: Fmt, read_log: Path) -> str:
    """The ``conf.py`` every variant shares, with a hook that logs the pages read."""
    extensions = ["myst_parser", "sphinxext_rai"] if fmt == "md" else ["sphinxext_rai"]
    myst = 'myst_enable_extensions = ["colon_fence"]\n' if fmt == "md" else ""
    return (
        'project = "rai-guidance benchmark"\n'
        f"extensions = {extensions!r}\n"
        f"{myst}"
        f"rai_index = [{USER_INDEX!r}]\n"
        'exclude_patterns = ["_data"]\n'
        # No global-navigation sidebar: it renders the whole toctree into every page, which
        # makes writing grow with the square of the page count in every variant alike.
        'html_sidebars = {"**": ["localtoc.html", "relations.html", "searchbox.html"]}\n'
        f"_READ_LOG = {str(read_log)!r}\n"
        "\n\n"
        "def _note_read(app, env, docnames):\n"
        '    with open(_READ_LOG, "a", encoding="utf-8") as log:\n'
        '        log.writelines(name + "\\n" for name in docnames)\n'
        "\n\n"
        "def setup(app):\n"
        '    app.connect("env-before-read-docs", _note_read)\n'
    )


def index_text(spec: ProjectSpec) -> str:
    """The root page: a title and a toctree of every page."""
    entries = "".join(f"{page_name(n)}\n" for n in range(spec.pages))
    if spec.fmt == "md":
        return f"# Benchmark\n\n```{{toctree}}\n:maxdepth: 1\n\n{entries}```\n"
    indented = "".join(f"   {page_name(n)}\n" for n in range(spec.pages))
    return f"Benchmark\n=========\n\n.. toctree::\n   :maxdepth: 1\n\n{indented}"


def page_text(spec: ProjectSpec, variant: Variant, number: int) -> str:
    """The source of page *number* in *variant*."""
    slots = [slot_services(number, slot, spec.directives) for slot in range(spec.directives)]
    if spec.fmt == "md":
        return md_page(number, [md_block(variant, names) for names in slots])
    return rst_page(number, [rst_block(variant, names) for names in slots])


def rst_page(number: int, blocks: Sequence[str]) -> str:
    """A page in reStructuredText: title, introduction, a section per block."""
    title = f"Page {number:04d}"
    parts = [f"{title}\n{'=' * len(title)}\n\n{_INTRO_RST}\n"]
    for slot, block in enumerate(blocks, start=1):
        heading = f"Topic {slot}"
        section = f"{heading}\n{'-' * len(heading)}\n\n{_SECTION_TEXT}\n"
        parts.append(section + (f"\n{block}" if block else ""))
    return "\n".join(parts)


def md_page(number: int, blocks: Sequence[str]) -> str:
    """A page in MyST Markdown: title, introduction, a section per block."""
    parts = [f"# Page {number:04d}\n\n{_INTRO_MD}\n"]
    for slot, block in enumerate(blocks, start=1):
        section = f"## Topic {slot}\n\n{_SECTION_TEXT}\n"
        parts.append(section + (f"\n{block}" if block else ""))
    return "\n".join(parts)


def rst_block(variant: Variant, names: Sequence[str]) -> str:
    """One directive slot in reStructuredText."""
    if variant == "C":
        return ""
    if variant == "B":
        return rst_cards([catalogue().find(name) for name in names])
    layout = "   :layout: table\n" if variant == "T" else ""
    return f".. rai-guidance:: {', '.join(names)}\n{layout}"


def md_block(variant: Variant, names: Sequence[str]) -> str:
    """One directive slot in MyST Markdown."""
    if variant == "C":
        return ""
    if variant == "B":
        return md_cards([catalogue().find(name) for name in names])
    layout = ":layout: table\n" if variant == "T" else ""
    return f"```{{rai-guidance}} {', '.join(names)}\n{layout}```\n"


def rst_cards(services: Sequence[Service]) -> str:
    """Service cards written by hand in sphinx-design's reStructuredText markup."""
    lines = [f".. grid:: {COLUMNS}", f"   :gutter: {GUTTER}", ""]
    for service in services:
        lines += [f"   .. grid-item-card:: {_rst_escape(service.name)}", ""]
        if service.family:
            lines += [f"      {_rst_escape(service.family)}", ""]
        lines += [
            f"      * `{_rst_escape(doc.label)} <{present(doc.url)}>`__" for doc in service.guidance
        ]
        lines.append("")
    return "\n".join(lines)


def md_cards(services: Sequence[Service]) -> str:
    """Service cards written by hand in sphinx-design's MyST markup (colon fences)."""
    lines = [f"::::{{grid}} {COLUMNS}", f":gutter: {GUTTER}", ""]
    for service in services:
        lines += [f":::{{grid-item-card}} {_md_escape(service.name)}", ""]
        if service.family:
            lines += [_md_escape(service.family), ""]
        lines += [f"- [{_md_escape(doc.label)}](<{present(doc.url)}>)" for doc in service.guidance]
        lines += [":::", ""]
    lines.append("::::")
    return "\n".join(lines) + "\n"


def touch(path: Path) -> None:
    """Move a file's modification time forward, so Sphinx sees it as changed."""
    mtime = max(path.stat().st_mtime, time.time()) + 1
    os.utime(path, (mtime, mtime))


def _rst_escape(text: str) -> str:
    return _RST_SPECIAL.sub(r"\\\1", text)


def _md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)
