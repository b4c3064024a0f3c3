"""``:name:`` labels every rendering, titled or not, for ``:ref:`` without link text; and in
LaTeX every link target of the extension gets a label, so links lead somewhere in the PDF."""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.testing.util import SphinxTestApp

#: Renderings without a title (several services as cards, a list, a table without
#: :title:), and one with a title.
BLOCKS = """\
Blocks
======

.. rai-guidance:: Face, Personalizer
   :name: several-cards

.. rai-guidance:: Anomaly Detector
   :layout: list
   :name: a-list

.. rai-guidance:: Custom Vision, QnA Maker
   :layout: table
   :name: a-table

.. rai-guidance:: Personalizer
   :layout: table
   :title: Personalizer guidance
   :name: titled

.. toctree::

   refs
"""
REFS = """\
References
==========

:ref:`several-cards`, :ref:`a-list`, :ref:`a-table`, :ref:`titled`,
:ref:`the list <a-list>`, :rai:service:`Face`, :rai:guidance:`Personalizer/privacy`.
"""
#: What the labels show: the titles of the untitled blocks are the words the reference
#: gives ("Responsible-AI guidance documents of" and the services' names in the index).
TITLES = [
    ("Responsible-AI guidance documents of Azure AI Vision - Face, Personalizer", "several-cards"),
    ("Responsible-AI guidance documents of Anomaly Detector", "a-list"),
    ("Responsible-AI guidance documents of Custom Vision, QnA Maker", "a-table"),
    ("Personalizer guidance", "titled"),
    ("the list", "a-list"),
]


def project(tmp_path: Path) -> Path:
    srcdir = tmp_path / "labels"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(
        "extensions = ['sphinxext_rai']\nproject = 'labels'\n", encoding="utf-8"
    )
    (srcdir / "index.rst").write_text(BLOCKS, encoding="utf-8")
    (srcdir / "refs.rst").write_text(REFS, encoding="utf-8")
    return srcdir


def test_ref_to_untitled_blocks_in_html(make_app: type[SphinxTestApp], tmp_path: Path) -> None:
    app = make_app("html", srcdir=project(tmp_path))
    app.build()
    assert app.warning.getvalue() == ""  # as -W would (SphinxTestApp has no such flag on 7.2)
    refs = (Path(app.outdir) / "refs.html").read_text(encoding="utf-8")
    found = re.findall(
        r'<a class="reference internal" href="index.html#([^"]+)"[^>]*>(.*?)</a>', refs
    )
    shown = [(re.sub(r"<[^>]+>", "", text), anchor) for anchor, text in found]
    assert shown[:5] == TITLES
    index = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    for _title, anchor in TITLES:
        assert f'id="{anchor}"' in index, anchor


def test_ref_to_untitled_blocks_in_latex(make_app: type[SphinxTestApp], tmp_path: Path) -> None:
    # With footnotes for addresses, as the example project has: the labels must leave them be.
    app = make_app(
        "latex",
        srcdir=project(tmp_path),
        confoverrides={"latex_show_urls": "footnote"},
    )
    app.build()
    assert app.warning.getvalue() == ""
    tex = "\n".join(p.read_text(encoding="utf-8") for p in Path(app.outdir).glob("*.tex"))
    numbers = re.findall(r"\\begin\{footnote\}\[([^]]*)\]", tex)
    assert len(numbers) > 10 and all(n.isdigit() for n in numbers)
    plain = tex.replace(r"\sphinxhyphen{}", "-")
    for title, anchor in TITLES:
        assert re.search(
            rf"\\hyperref\[\\detokenize\{{index:{anchor}\}}\]\{{[^\n]*{re.escape(title)}", plain
        ), anchor
    # Every link in the document has its label: the blocks, the services and documents.
    links = set(re.findall(r"\\hyperref\[\\detokenize\{([^}]+)\}\]", tex))
    labels = set(re.findall(r"\\label\{\\detokenize\{([^}]+)\}\}", tex))
    assert {"index:rai-azure-ai-vision-face", "index:rai-personalizer-privacy"} <= links
    assert sorted(links - labels) == []


def test_labels_survive_parallel_and_incremental_builds(
    make_app: type[SphinxTestApp], tmp_path: Path
) -> None:
    srcdir = project(tmp_path)
    extra = [f"page{n}" for n in range(6)]
    for name in extra:
        (srcdir / f"{name}.rst").write_text(
            f"{name}\n{'=' * len(name)}\n\n.. rai-guidance:: Speaker Recognition, Custom Vision\n"
            f"   :name: {name}-block\n",
            encoding="utf-8",
        )
    with (srcdir / "refs.rst").open("a", encoding="utf-8") as more:
        more.write("\n" + ", ".join(f":ref:`{name}-block`" for name in extra) + "\n")
        more.write("\n.. toctree::\n\n" + "".join(f"   {name}\n" for name in extra))
    app = make_app("html", srcdir=srcdir, parallel=2)
    app.build()
    (srcdir / "refs.rst").write_text(
        (srcdir / "refs.rst").read_text(encoding="utf-8") + "\nEdited.\n", encoding="utf-8"
    )
    app.build()
    assert app.warning.getvalue() == ""
    # Only refs is read again; the labels of the other pages come from the saved environment.
    assert "0 added, 1 changed, 0 removed" in app.status.getvalue()
    refs = (Path(app.outdir) / "refs.html").read_text(encoding="utf-8")
    title = "Responsible-AI guidance documents of Speech - Speaker Recognition, Custom Vision"
    for name in extra:
        assert f'href="{name}.html#{name}-block"><span class="std std-ref">{title}</span>' in refs
