"""What the doctree holds for a guidance block, what each builder and handler sees of it, what
the search index gets, and what is worked out once per build."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.testing.util import SphinxTestApp

from sphinxext_rai.core import coverage
from sphinxext_rai.formats.bundled import load_bundled
from sphinxext_rai.sphinx_ext import domain as domain_module
from sphinxext_rai.sphinx_ext.blocks import expanded_doctree
from sphinxext_rai.sphinx_ext.nodes import guidance_data

MakeApp = type[SphinxTestApp]
#: The guidance documents of Face in the bundled index.
FACE_DOCUMENTS = len(load_bundled().find("Face").guidance)


def write(srcdir: Path, pages: dict[str, str], conf: str = "") -> Path:
    """A project with *pages* (name -> body under a title) and the extension."""
    srcdir.mkdir(parents=True)
    (srcdir / "conf.py").write_text(
        f'extensions = ["sphinxext_rai"]\nproject = "data"\n{conf}', encoding="utf-8"
    )
    toctree = "".join(f"   {name}\n" for name in pages)
    (srcdir / "index.rst").write_text(f"Data\n====\n\n.. toctree::\n\n{toctree}", encoding="utf-8")
    for name, body in pages.items():
        title = name.capitalize()
        text = f"{title}\n{'=' * len(title)}\n\n{body}\n"
        (srcdir / f"{name}.rst").write_text(text, encoding="utf-8")
    return srcdir


def search_terms(outdir: Path) -> tuple[list[str], dict[str, Any]]:
    """The page names and the term -> page(s) map of the HTML search index."""
    text = (outdir / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    return index["docnames"], index["terms"]


def pages_of(term: str, docnames: list[str], terms: dict[str, Any]) -> set[str]:
    """The pages the search index gives for *term* (already stemmed)."""
    found = terms.get(term, [])
    return {docnames[i] for i in ([found] if isinstance(found, int) else found)}


PAGES = {
    "shows": ".. rai-guidance:: Face\n\n.. rai-guidance:: Language - Summarization\n"
    "   :layout: table",
    "prose": "A page of prose about nothing in particular.",
}


@pytest.mark.parametrize("everything", [False, True])
def test_search_finds_services_and_families_and_labels_only_when_asked(
    make_app: MakeApp, tmp_path: Path, everything: bool
) -> None:
    srcdir = write(tmp_path / "src", PAGES, f"rai_search_all_text = {everything}\n")
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert app.warning.getvalue() == ""
    docnames, terms = search_terms(Path(app.outdir))
    # Service names and families: "Azure AI Vision - Face", "Language - Summarization".
    for term in ("face", "vision", "summar", "languag"):
        assert "shows" in pages_of(term, docnames, terms), term
    # Words of the document labels, the kind headings and the footer ("Source: ...",
    # "reviewed"), which every block repeats.
    repeated = ("transpar", "characterist", "limit", "review", "sourc")
    for term in repeated:
        assert ("shows" in pages_of(term, docnames, terms)) is everything, term
    assert pages_of("face", docnames, terms) == {"shows"}


def test_doctree_holds_one_data_node_per_block(make_app: MakeApp, tmp_path: Path) -> None:
    body = (
        ".. rai-guidance:: Face, Personalizer\n   :layout: table\n"
        "   :kinds: transparency, privacy\n   :name: vision-table\n\n"
        ".. rai-guidance:: Face\n   :no-index:\n"
    )
    app = make_app("html", srcdir=write(tmp_path / "src", {"page": body}))
    app.build()
    doctree = app.env.get_doctree("page")
    table, unindexed = doctree.findall(guidance_data)
    # Before 0.22, docutils gives every element an empty "backrefs" list.
    attributes = {k: v for k, v in table.attributes.items() if (k, v) != ("backrefs", [])}
    assert attributes | {"source": None} == {
        "ids": ["vision-table"],
        "classes": [],
        "names": ["vision-table"],
        "dupnames": [],
        "services": ["azure-ai-vision-face", "personalizer"],
        "layout": "table",
        "kinds": ["transparency", "privacy"],
        "columns": [1, 2, 2, 3],
        "cards": "auto",
        "link_text": "label",
        "extra_classes": [],
        "keep_context": True,
        "new_tab": False,
        "footer": True,
        "targets": [
            "rai-azure-ai-vision-face",
            "rai-azure-ai-vision-face-transparency",
            "rai-azure-ai-vision-face-privacy",
            "rai-personalizer",
            "rai-personalizer-transparency",
            "rai-personalizer-privacy",
        ],
        "quotes": "en",
        "label": "vision-table",
        "source": None,
    }
    # The words the search index sees: the services, and the family of one of them.
    assert table.astext().splitlines() == [
        "Azure AI Vision - Face",
        "Personalizer",
        "Azure AI Vision",
    ]
    assert unindexed["targets"] == []
    # Nothing else of the blocks is in the doctree: no card, table or link node.
    assert not list(doctree.findall(nodes.table))
    assert not [r for r in doctree.findall(nodes.reference) if "rai-link" in r["classes"]]
    # The node tree it stands for carries the planned ids.
    expanded = expanded_doctree(app.env, "page")
    assert not list(expanded.findall(guidance_data))
    ids = {i for element in expanded.findall(nodes.Element) for i in element["ids"]}
    assert set(table["targets"]) | {"vision-table"} <= ids


@pytest.mark.parametrize(
    ("builder", "data"),
    [("html", True), ("singlehtml", True), ("text", False), ("epub", False), ("xml", False)],
)
def test_doctree_resolved_sees_the_data_node_in_html_else_the_tree(
    make_app: MakeApp, tmp_path: Path, builder: str, data: bool
) -> None:
    srcdir = write(
        tmp_path / "src",
        {"page": ".. rai-guidance:: Face"},
        'version = "1"\ncopyright = "the sphinxext-rai project"\n',
    )
    app = make_app(builder, srcdir=srcdir)
    seen: list[tuple[int, int]] = []

    def resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
        links = [r for r in doctree.findall(nodes.reference) if "rai-link" in r["classes"]]
        seen.append((len(list(doctree.findall(guidance_data))), len(links)))

    app.connect("doctree-resolved", resolved)
    app.build()
    assert app.warning.getvalue() == ""
    with_guidance = [counts for counts in seen if counts != (0, 0)]
    assert with_guidance == ([(1, 0)] if data else [(0, FACE_DOCUMENTS)])


def test_rai_html_nodes_gives_html_handlers_the_tree(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = write(tmp_path / "src", {"page": ".. rai-guidance:: Face"}, "rai_html_nodes = True\n")
    app = make_app("html", srcdir=srcdir)
    seen: list[int] = []
    app.connect(
        "doctree-resolved",
        lambda app, doctree, docname: seen.append(len(list(doctree.findall(nodes.reference)))),
    )
    app.build()
    assert max(seen) == FACE_DOCUMENTS + 1  # Face's documents, and the footer's source


def test_page_sphinx_translates_gets_the_tree_and_its_translation(
    make_app: MakeApp, tmp_path: Path
) -> None:
    block = ".. rai-guidance:: Face\n   :title: Face guidance"
    srcdir = write(
        tmp_path / "src",
        {"page": block, "other": block},
        'language = "de"\nlocale_dirs = ["locales"]\ngettext_compact = False\n',
    )
    catalog = srcdir / "locales" / "de" / "LC_MESSAGES" / "page.po"
    catalog.parent.mkdir(parents=True)
    catalog.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Face guidance"\nmsgstr "Hinweise des Projekts"\n\n'
        'msgid "Transparency note and use cases"\nmsgstr "Transparenzhinweis des Projekts"\n',
        encoding="utf-8",
    )
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert app.warning.getvalue() == ""
    assert not list(app.env.get_doctree("page").findall(guidance_data))
    assert len(list(app.env.get_doctree("other").findall(guidance_data))) == 1
    translated = (Path(app.outdir) / "page.html").read_text(encoding="utf-8")
    untranslated = (Path(app.outdir) / "other.html").read_text(encoding="utf-8")
    # The author's title is translated; the text the extension generates is kept out of
    # the project's catalogs, so the document's label is shown as published.
    assert "Hinweise des Projekts" in translated
    assert "Hinweise des Projekts" not in untranslated
    assert "Face guidance" in untranslated
    assert "Transparenzhinweis des Projekts" not in translated
    assert "Transparency note and use cases" in translated


def test_identical_blocks_are_planned_and_written_once(make_app: MakeApp, tmp_path: Path) -> None:
    same = ".. rai-guidance:: Face\n\n.. rai-guidance:: Face\n\n.. rai-guidance:: Personalizer"
    pages = {f"page{n}": same for n in range(4)}
    app = make_app("html", srcdir=write(tmp_path / "src", pages))
    app.build()
    cache = domain_module.get_domain(app.env).state.blocks
    assert len(cache.plans) == 2
    assert len(cache.html) == 2
    html = (Path(app.outdir) / "page3.html").read_text(encoding="utf-8")
    # Each instance has its own ids.
    assert re.findall(r'id="(rai-azure-ai-vision-face[^"]*)"', html)[:2] == [
        "rai-azure-ai-vision-face",
        "rai-azure-ai-vision-face-transparency",
    ]
    assert 'id="rai-azure-ai-vision-face-2"' in html


def test_coverage_report_is_made_once_per_build(
    make_app: MakeApp, rootdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[str] = []
    report = coverage.report

    def counted(*args: Any) -> Any:
        made.append("report")
        return report(*args)

    monkeypatch.setattr(domain_module, "report", counted)
    app = make_app("html", srcdir=rootdir / "test-domain", builddir=tmp_path / "build")
    app.build()
    assert (Path(app.outdir) / "rai.json").is_file()
    assert made == ["report"]
