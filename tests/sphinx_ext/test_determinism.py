"""Output that does not depend on the run: two clean builds of the example project are equal."""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.testing.util import SphinxTestApp

EXAMPLE = Path(__file__).resolve().parents[2] / "example_project"


def build_copy(make_app: type[SphinxTestApp], target: Path) -> dict[str, bytes]:
    """Build a fresh copy of the example project; return its HTML pages by path."""
    shutil.copytree(EXAMPLE, target, ignore=shutil.ignore_patterns("_build"))
    app = make_app("html", srcdir=target)
    app.build()
    assert app.warning.getvalue() == ""
    pages = {
        str(p.relative_to(app.outdir)): p.read_bytes() for p in sorted(app.outdir.rglob("*.html"))
    }
    app.cleanup()
    return pages


def test_two_clean_builds_of_the_example_are_byte_identical(
    make_app: type[SphinxTestApp], tmp_path: Path
) -> None:
    first = build_copy(make_app, tmp_path / "one" / "example")
    second = build_copy(make_app, tmp_path / "two" / "example")
    assert "catalogue.html" in first and len(first) >= 10
    assert first.keys() == second.keys()
    different = [name for name in first if first[name] != second[name]]
    assert different == []
