"""Guidance rendered late gives the output the node tree gives.

Three ways of building the same project are compared byte for byte:

* *strings*: the data node of each block, written in HTML from a template per distinct block
  (the default);
* *tree*: ``rai_html_nodes = True``, the node tree written by the HTML translator;
* *read*: the node tree put into the page when it is read, as the directive returned it
  before blocks were rendered late (what it still does for pages Sphinx translates).

The example project is built under every theme the browser checks use; a generated project
puts every option, layout and context a block can be in (after a target, under a class
directive, in a list item, in an admonition, twice on a page), data with quotes, dashes, markup
and addresses to escape, and configurations that change the markup (new tabs, locales, kind
link texts, numbered tables, another language, no smart quotes).
"""

from __future__ import annotations

import importlib.util
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp

from sphinxext_rai.sphinx_ext import blocks
from sphinxext_rai.sphinx_ext.domain import get_domain

MakeApp = type[SphinxTestApp]
ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "example_project"
HOSTILE = Path(__file__).resolve().parent / "roots" / "test-hostile" / "hostile.json"
THEMES = ("alabaster", "furo", "pydata_sphinx_theme", "sphinx_rtd_theme", "sphinx_book_theme")
#: Output files compared, per builder (search indexes differ on purpose: see
#: test_guidance_data; EPUB's content.opf holds the time of the build).
WRITTEN = {
    "html": (".html", ".inv"),
    "dirhtml": (".html", ".inv"),
    "singlehtml": (".html", ".inv"),
    "epub": (".xhtml", ".ncx"),
    "latex": (".tex",),
    "text": (".txt",),
    "man": (".7",),
    "texinfo": (".texi",),
    "xml": (".xml",),
    "pseudoxml": (".pseudoxml",),
    "gettext": (".pot",),
}

QUOTES_INDEX = """\
title: Quote Labs models
date: 2024-05-01
services:
  - name: Quote Labs - Model Q
    aliases: [QLQ]
    guidance:
      - label: The model's card -- "draft"...
        kind: transparency
        url: https://quote.example/card?a=1&b=2
      - label: Limits & caveats <b>not bold</b> for team@quote.example
        kind: limitations
        url: mailto:team@quote.example
      - label: 'Privacy: "what we keep"'
        kind: privacy
        url: https://quote.example/privacy
"""

#: Every shape of block; ``{p}`` makes names unique per page.
DIRECTIVES = (
    ".. rai-guidance:: Face",
    ".. rai-guidance:: Face, Personalizer",
    ".. rai-guidance:: Face\n   :cards: service\n   :columns: 2",
    ".. rai-guidance:: Face, Speech - Speaker Recognition\n   :cards: document\n"
    "   :link-text: kind\n   :columns: 1 1 2 4",
    ".. rai-guidance:: family:Language\n   :layout: table",
    ".. rai-guidance:: Face, QLQ\n   :layout: table\n"
    '   :title: Face\'s "guidance" -- notes...\n   :name: {p}-quoted-table',
    ".. rai-guidance:: Personalizer\n   :layout: list\n   :title: Personalizer's list\n"
    "   :name: {p}-personalizer-list",
    ".. rai-guidance:: Face\n   :layout: list\n   :kinds: privacy, transparency\n"
    "   :no-footer:\n   :class: extra-one extra-two",
    ".. rai-guidance:: Face\n   :no-index:\n   :no-title:",
    ".. rai-guidance:: Face\n   :no-index:\n   :name: {p}-unindexed",
    ".. rai-guidance:: Hostile\n   :layout: table",
    ".. rai-guidance:: Hostile\n   :cards: service",
    ".. rai-guidance:: Quote Labs - Model Q\n   :name: {p}-quotes",
    ".. rai-guidance:: Face, Personalizer\n   :name: {p}-untitled-cards",
    ".. rai-guidance:: Face\n   :layout: table\n   :name: {p}-untitled-table",
    ".. rai-guidance:: QLQ\n   :layout: list\n   :link-text: kind",
)


def _indented(text: str, prefix: str) -> str:
    return "\n".join(prefix + line if line else line for line in text.splitlines())


#: The contexts a block is put in: page name -> how a directive is written there.
CONTEXTS: dict[str, Callable[[str], str]] = {
    "plain": lambda d: d,
    "target": lambda d: f".. _before-{{p}}-{DIRECTIVES.index(d)}:\n\n{d}",
    "classed": lambda d: f".. class:: from-class-directive\n\n{d}",
    "listed": lambda d: f"* An item.\n\n{_indented(d, '  ')}\n\n* Another item.",
    "noted": lambda d: f".. note::\n\n{_indented(d, '   ')}",
    "twice": lambda d: f"{d}\n\n{d.replace(':name: {p}-', ':name: {p}-again-')}",
}


def write_project(srcdir: Path, numref: bool) -> Path:
    """A project with a page per context, each showing every shape of block."""
    srcdir.mkdir(parents=True)
    shutil.copy(HOSTILE, srcdir / "hostile.json")
    (srcdir / "quotes.yaml").write_text(QUOTES_INDEX, encoding="utf-8")
    (srcdir / "conf.py").write_text(
        'extensions = ["sphinxext_rai"]\nproject = "late"\nversion = "1"\n'
        'copyright = "the sphinxext-rai project"\n'
        'rai_index = ["hostile.json", "quotes.yaml"]\n'
        'suppress_warnings = ["rai.url", "rai.index"]\n'
        'exclude_patterns = ["_build"]\nlatex_show_urls = "footnote"\n'
        'man_pages = [("index", "late", "late", [], 7)]\n',
        encoding="utf-8",
    )
    pages = []
    for page, written in CONTEXTS.items():
        body = "\n\n".join(written(d) for d in DIRECTIVES).replace("{p}", page)
        refs = (
            f"See :ref:`{page}-quoted-table`, :ref:`{page}-personalizer-list`, "
            f":ref:`{page}-quotes`, :ref:`shown here <{page}-untitled-cards>` and "
            f":rai:service:`Personalizer`; the role :rai:`Face <Face/privacy>`; untitled "
            f"cards by their label's title: :ref:`{page}-untitled-cards`."
        )
        if numref:
            refs += f" Numbered: :numref:`{page}-quoted-table`."
        title = f"Context {page}"
        text = f"{title}\n{'=' * len(title)}\n\n{refs}\n\n{body}\n"
        (srcdir / f"{page}.rst").write_text(text, encoding="utf-8")
        pages.append(page)
    toctree = "\n".join(f"   {page}" for page in pages)
    (srcdir / "index.rst").write_text(
        f"Late\n====\n\n.. toctree::\n\n{toctree}\n\n.. rai-coverage::\n", encoding="utf-8"
    )
    return srcdir


#: Configurations that change the markup of a block.
CONFIGS: dict[str, dict[str, Any]] = {
    "default": {},
    "new-tab": {
        "rai_new_tab": True,
        "rai_locale": "en-us",
        "rai_link_text": "kind",
        "numfig": True,
        "html_permalinks": False,
    },
    "german": {"language": "de", "smartquotes": False, "html_compact_lists": False},
}


@dataclass(frozen=True)
class Built:
    """The files a build wrote that are compared, by path, and how many HTML templates it
    made (one per distinct block and writing context)."""

    files: dict[str, bytes]
    templates: int

    @property
    def blocks(self) -> int:
        """The guidance blocks in the files."""
        return sum(text.count(b"rai-guidance rai-layout-") for text in self.files.values())


def build(make_app: MakeApp, srcdir: Path, builddir: Path, builder: str, **overrides: Any) -> Built:
    """Build *srcdir* into *builddir* with *overrides*."""
    app = make_app(builder, srcdir=srcdir, builddir=builddir, confoverrides=overrides)
    try:
        app.build()
        assert app.warning.getvalue() == "", app.warning.getvalue()
        files = {
            str(path.relative_to(app.outdir)): path.read_bytes()
            for path in sorted(Path(app.outdir).rglob("*"))
            if path.suffix in WRITTEN[builder]
        }
        return Built(files, len(get_domain(app.env).state.blocks.html))
    finally:
        app.cleanup()


def written_from_templates(built: Built) -> bool:
    """Whether the blocks were written from templates, fewer than there are blocks."""
    return 0 < built.templates < built.blocks


def differences(first: Built, second: Built) -> list[str]:
    """The files that differ, or exist in one build only."""
    one, two = first.files, second.files
    return sorted(name for name in one.keys() | two.keys() if one.get(name) != two.get(name))


@pytest.mark.parametrize("theme", THEMES)
def test_example_project_html_is_the_node_trees(
    make_app: MakeApp, tmp_path: Path, theme: str
) -> None:
    if importlib.util.find_spec(theme) is None:
        pytest.skip(f"the {theme} theme is not installed here (the browser extra installs it)")
    srcdir = tmp_path / "example"
    shutil.copytree(EXAMPLE, srcdir, ignore=shutil.ignore_patterns("_build"))
    strings = build(make_app, srcdir, tmp_path / "strings", "html", html_theme=theme)
    tree = build(make_app, srcdir, tmp_path / "tree", "html", html_theme=theme, rai_html_nodes=True)
    assert len(strings.files) > 15
    assert written_from_templates(strings)
    assert tree.templates == 0
    assert differences(strings, tree) == []


@pytest.mark.parametrize("builder", ["dirhtml", "singlehtml"])
def test_example_project_other_html_builders(
    make_app: MakeApp, tmp_path: Path, builder: str
) -> None:
    srcdir = tmp_path / "example"
    shutil.copytree(EXAMPLE, srcdir, ignore=shutil.ignore_patterns("_build"))
    strings = build(make_app, srcdir, tmp_path / "strings", builder)
    tree = build(make_app, srcdir, tmp_path / "tree", builder, rai_html_nodes=True)
    assert written_from_templates(strings)
    assert differences(strings, tree) == []


@pytest.mark.parametrize("builder", ["html", "dirhtml", "singlehtml"])
@pytest.mark.parametrize("config", CONFIGS)
def test_generated_project_html_three_ways(
    make_app: MakeApp,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    builder: str,
    config: str,
) -> None:
    overrides = CONFIGS[config]
    srcdir = write_project(tmp_path / "src", numref=bool(overrides.get("numfig")))
    strings = build(make_app, srcdir, tmp_path / "strings", builder, **overrides)
    tree = build(make_app, srcdir, tmp_path / "tree", builder, rai_html_nodes=True, **overrides)
    monkeypatch.setattr(blocks, "sphinx_translates", lambda env, docname: True)
    read = build(make_app, srcdir, tmp_path / "read", builder, **overrides)
    assert strings.blocks >= len(CONTEXTS) * len(DIRECTIVES)
    assert written_from_templates(strings)
    assert tree.templates == read.templates == 0
    assert differences(strings, tree) == []
    assert differences(strings, read) == []


@pytest.mark.parametrize(
    ("builder", "config"),
    [
        *((b, "default") for b in WRITTEN if b not in blocks.STRING_BUILDERS),
        ("latex", "new-tab"),
        ("text", "new-tab"),
        ("man", "german"),
        ("epub", "german"),
    ],
)
def test_generated_project_other_builders_get_the_read_time_tree(
    make_app: MakeApp,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    builder: str,
    config: str,
) -> None:
    overrides = CONFIGS[config]
    srcdir = write_project(tmp_path / "src", numref=bool(overrides.get("numfig")))
    late = build(make_app, srcdir, tmp_path / "late", builder, **overrides)
    monkeypatch.setattr(blocks, "sphinx_translates", lambda env, docname: True)
    read = build(make_app, srcdir, tmp_path / "read", builder, **overrides)
    assert late.files
    assert differences(late, read) == []
