"""What screen readers get in HTML: links that name the kind and the service and say they leave
the site, row and column header cells, and a caption on every table; nothing of it elsewhere."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

UNTITLED_TABLE = """\
Untitled
========

.. rai-guidance:: Anomaly Detector, Azure OpenAI Service
   :layout: table
"""
HIDDEN_CAPTION = (
    '<caption class="rai-table-caption rai-sr-only">Responsible-AI guidance documents of'
    " Anomaly Detector, Azure OpenAI Service</caption>"
)


def build(
    make_app: type[SphinxTestApp],
    tmp_path: Path,
    rootdir: Path,
    builder: str = "html",
    **overrides: object,
) -> SphinxTestApp:
    """The basic test root plus a page with an untitled table, built with *builder*."""
    srcdir = tmp_path / "basic"
    shutil.copytree(rootdir / "test-basic", srcdir, ignore=shutil.ignore_patterns("_build"))
    (srcdir / "untitled.rst").write_text(UNTITLED_TABLE, encoding="utf-8")
    with (srcdir / "index.rst").open("a", encoding="utf-8") as index:
        index.write("\n.. toctree::\n\n   untitled\n")
    app = make_app(builder, srcdir=srcdir, confoverrides=overrides)
    app.build()
    assert app.warning.getvalue() == ""
    return app


def html(app: SphinxTestApp, page: str) -> str:
    return (app.outdir / f"{page}.html").read_text(encoding="utf-8")


def test_links_name_what_their_text_leaves_out(
    make_app: type[SphinxTestApp], tmp_path: Path, rootdir: Path
) -> None:
    page = html(build(make_app, tmp_path, rootdir), "index")
    hidden = '<span class="rai-sr-only">'
    # A document title that already names its kind: the service is added.
    assert (
        f">Transparency note and use cases{hidden} (Azure AI Vision - Face, external link)</span>"
        in page
    )
    # A document card shows the kind's heading: the service is added.
    assert f">Data, privacy, and security{hidden} (Personalizer, external link)</span>" in page
    # The role's default text names the service and the kind: nothing is added but that
    # the link leaves the site.
    assert f">Azure AI Vision - Face: Transparency note{hidden} (external link)</span>" in page
    # Link text of the author's: kind and full service name are added.
    assert (
        f">its data policy{hidden} (Data, privacy, and security, Azure AI Vision - Face, "
        "external link)" in page
    )


def test_a_title_not_naming_its_kind_gets_the_kind(
    make_app: type[SphinxTestApp], tmp_path: Path, rootdir: Path
) -> None:
    page = html(build(make_app, tmp_path, rootdir), "index")
    # Speaker Recognition's integration document is titled "General guidelines".
    assert (
        '>General guidelines<span class="rai-sr-only"> (Integration and responsible use,'
        " Speech - Speaker Recognition, external link)</span>" in page
    )


def test_new_tab_links_say_so(make_app: type[SphinxTestApp], tmp_path: Path, rootdir: Path) -> None:
    page = html(build(make_app, tmp_path, rootdir, rai_new_tab=True), "index")
    assert "(Azure AI Vision - Face, external link, opens in a new tab)</span>" in page
    assert "external link)</span>" not in page


def test_tables_have_header_cells_and_a_caption(
    make_app: type[SphinxTestApp], tmp_path: Path, rootdir: Path
) -> None:
    app = build(make_app, tmp_path, rootdir)
    titled = html(app, "index")
    assert titled.count("<caption") == 1
    assert '<span class="caption-text">Guidance for two services</span>' in titled
    assert (
        '<th class="stub rai-table-service"><p class="rai-table-service"><strong>Anomaly' in titled
    )
    assert '<th class="head stub rai-table-service"><p>Service</p></th>' in titled
    untitled = html(app, "untitled")
    assert untitled.count("<caption") == 1
    assert HIDDEN_CAPTION in untitled


@pytest.mark.parametrize("builder", ["latex", "text", "man", "epub"])
def test_other_builders_get_none_of_it_and_epub_gets_all(
    builder: str, make_app: type[SphinxTestApp], tmp_path: Path, rootdir: Path
) -> None:
    app = build(make_app, tmp_path, rootdir, builder)
    written = "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted(app.outdir.rglob("*"))
        if p.is_file() and p.suffix in {".tex", ".txt", ".7", ".1", ".xhtml"}
    )
    assert written
    shown = ("Azure AI Vision - Face, external link", "Responsible-AI guidance documents of")
    for text in shown:
        assert (text in written) is (builder == "epub"), text
