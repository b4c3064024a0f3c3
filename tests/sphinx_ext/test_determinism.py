"""Output that does not depend on the run or the place: two clean builds of the example
project, in two folders, are byte for byte the same, and name no folder they were built in."""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.testing.util import SphinxTestApp

EXAMPLE = Path(__file__).resolve().parents[2] / "example_project"
#: An index without a title or source: the footer and the report name the file itself.
UNTITLED = """\
services:
  - name: Contoso - Untitled Model
    guidance:
      - label: Transparency note
        url: https://contoso.example/untitled/transparency-note
"""
PAGE = """\
:orphan:

Untitled
========

.. rai-guidance:: Contoso - Untitled Model
"""


def build_copy(make_app: type[SphinxTestApp], target: Path) -> dict[str, bytes]:
    """Build a fresh copy of the example project, with an untitled index of its own; return
    every file written (but the doctrees), by path."""
    shutil.copytree(EXAMPLE, target, ignore=shutil.ignore_patterns("_build"))
    (target / "_data" / "untitled.yaml").write_text(UNTITLED, encoding="utf-8")
    (target / "untitled.rst").write_text(PAGE, encoding="utf-8")
    app = make_app(
        "html",
        srcdir=target,
        confoverrides={"rai_index": ["_data/contoso.yaml", "_data/untitled.yaml"]},
    )
    app.build()
    assert app.warning.getvalue() == ""
    files = {
        str(p.relative_to(app.outdir)): p.read_bytes()
        for p in sorted(app.outdir.rglob("*"))
        if p.is_file() and ".doctrees" not in p.parts
    }
    app.cleanup()
    return files


def test_two_clean_builds_in_two_folders_are_byte_identical(
    make_app: type[SphinxTestApp], tmp_path: Path
) -> None:
    first = build_copy(make_app, tmp_path / "one" / "example")
    second = build_copy(make_app, tmp_path / "two" / "example")
    assert "catalogue.html" in first and "rai.json" in first and len(first) >= 10
    assert first.keys() == second.keys()
    different = [name for name in first if first[name] != second[name]]
    assert different == []
    # The untitled index is named as the project names it, relative to conf.py.
    assert b'<span class="rai-source">_data/untitled.yaml</span>' in first["untitled.html"]
    assert b'"source": "_data/untitled.yaml"' in first["rai.json"]
    folder = str(tmp_path).encode("utf-8")
    assert [name for name, data in first.items() if folder in data] == []
