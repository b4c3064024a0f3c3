"""Strings from an index that no output format can take (control and invisible characters,
lone surrogates) are refused where they are read, with a located warning; what every builder
writes is then well-formed, and non-ASCII URLs arrive percent-encoded."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from defusedxml import ElementTree
from sphinx.testing.util import SphinxTestApp

MakeApp = type[SphinxTestApp]
BUILDERS = ["html", "singlehtml", "epub", "xml", "latex", "text", "man", "texinfo"]
CJK_URL = "https://contoso.example/文書/透明性"
CJK_ENCODED = "https://contoso.example/%E6%96%87%E6%9B%B8/%E9%80%8F%E6%98%8E%E6%80%A7"
INDEX = {
    "title": "Contoso",
    "services": [
        {"name": "Contoso - Bell\u0007 Model", "guidance": []},
        {
            "name": "Contoso - Clean Model",
            "guidance": [
                {"label": "Transparency\u001b note", "url": "https://contoso.example/esc"},
                {"label": "Privacy", "url": "https://contoso.example/\ufeffprivacy"},
                {"label": "Soft\u00adhyphen", "url": "https://contoso.example/soft"},
                {"label": "Transparency note", "url": CJK_URL},
                {"label": "Lone \ud800 surrogate", "url": "https://contoso.example/s"},
            ],
        },
    ],
}
PAGE = """\
Hostile text
============

.. rai-guidance:: family:Contoso

.. rai-guidance:: family:Contoso
   :layout: table

.. rai-guidance:: family:Contoso
   :layout: list

See :rai:`Contoso - Clean Model`.
"""


def build(make_app: MakeApp, tmp_path: Path, builder: str) -> SphinxTestApp:
    root = tmp_path / "project"
    root.mkdir()
    # Escaped as JSON writes them: the file holds only ASCII, the strings do not.
    (root / "index.json").write_text(json.dumps(INDEX, indent=1), encoding="utf-8")
    (root / "conf.py").write_text(
        'extensions = ["sphinxext_rai"]\nrai_index = ["index.json"]\nproject = "hostile"\n'
        'rai_bundled_index = False\nepub_copyright = "2026"\n',
        encoding="utf-8",
    )
    (root / "index.rst").write_text(PAGE, encoding="utf-8")
    app = make_app(builder, srcdir=root)
    app.build()
    return app


def written(app: SphinxTestApp) -> dict[Path, str]:
    return {
        p: p.read_text(encoding="utf-8")
        for p in sorted(Path(app.outdir).rglob("*"))
        if p.is_file() and p.suffix in {".html", ".xhtml", ".xml", ".tex", ".txt", ".1", ".texi"}
    }


@pytest.mark.parametrize("builder", BUILDERS)
def test_no_builder_writes_a_character_its_format_cannot_take(
    make_app: MakeApp, tmp_path: Path, builder: str, unfit: Callable[[str], bool]
) -> None:
    app = build(make_app, tmp_path, builder)
    files = written(app)
    assert files
    for path, text in files.items():
        assert not unfit(text), path.name
        if path.suffix in {".xhtml", ".xml"}:
            ElementTree.fromstring(text.encode("utf-8"))  # well-formed
    everything = "\n".join(files.values())
    assert "Clean Model" in everything and "Bell" not in everything
    if builder in ("html", "latex"):
        assert CJK_ENCODED in re.sub(r"\\(?=%)", "", everything)  # LaTeX escapes each %


def test_each_refused_string_is_a_located_warning(make_app: MakeApp, tmp_path: Path) -> None:
    app = build(make_app, tmp_path, "html")
    lines = app.warning.getvalue().splitlines()
    expected = {
        ("services[0].name", "U+0007", "rai.index"),
        ("services[1].guidance[0].label", "U+001B", "rai.index"),
        ("services[1].guidance[1]", "U+FEFF", "rai.url"),
        ("services[1].guidance[2].label", "U+00AD", "rai.index"),
        ("services[1].guidance[4].label", "U+D800", "rai.index"),
    }
    for where, character, subtype in expected:
        matching = [line for line in lines if where in line and f"[{subtype}]" in line]
        assert len(matching) == 1, (where, lines)
        assert re.match(r".*index\.json:\d+:\d+: WARNING: ", matching[0]), matching[0]
        assert character in matching[0], matching[0]
