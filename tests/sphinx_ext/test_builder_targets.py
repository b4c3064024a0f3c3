"""Cross-references into guidance blocks lead somewhere in LaTeX and Texinfo too: every
``:rai:service:``, ``:rai:guidance:`` and ``:ref:`` to a ``:name:`` has a target there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

#: The references written in the root's refs.rst: six services, four documents, three labels.
REFERENCES = 6 + 4 + 3
DETOKENIZED = r"\\detokenize\{[^}]*\}"


@pytest.mark.sphinx("latex", testroot="targets", freshenv=True)
def test_every_latex_reference_has_a_label(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    tex = (Path(app.outdir) / "rai-targets.tex").read_text(encoding="utf-8")
    references = re.findall(rf"\\hyperref\[({DETOKENIZED})\]", tex)
    labels = set(re.findall(rf"\\label\{{({DETOKENIZED})\}}", tex))
    into_blocks = [r for r in references if "shows:" in r]
    assert len(into_blocks) == REFERENCES
    assert sorted(set(references) - labels) == []
    # The label of a card, row or list item is a place of its own (\phantomsection), not
    # the start of the section it is in.
    for reference in into_blocks:
        if "shows:rai-" in reference:
            assert f"\\phantomsection\\label{{{reference}}}" in tex, reference


@pytest.mark.sphinx("texinfo", testroot="targets", freshenv=True)
def test_every_texinfo_reference_has_an_anchor_in_place(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    texi = (Path(app.outdir) / "rai-targets.texi").read_text(encoding="utf-8")
    references = re.findall(r"@ref\{([^,}]+),", texi)
    anchors = set(re.findall(r"@anchor\{([^}]+)\}", texi))
    assert len(references) >= REFERENCES
    assert sorted(set(references) - anchors) == []
    # The writer adds anchors it never met at the end of the manual; there must be none.
    assert re.findall(r"@anchor\{[^}]+\}@w\{ +\}", texi) == []
