"""rai_warn_former_names: a located rai.deprecated_name warning for each former product name."""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.errors import ConfigError
from sphinx.testing.util import SphinxTestApp
from test_warnings import warning_lines

from sphinxext_rai.sphinx_ext.diagnostics import Subtype

EXPECTED = [
    ("index.rst:4", "'LUIS' is a former name of 'Language Understanding'"),
    ("index.rst:6", "'Computer Vision - OCR' is a former name of 'Azure AI Vision - OCR'"),
    ("index.rst:9", "'Computer Vision' is a former name of the family 'Azure AI Vision'"),
    (
        "index.rst:14",
        "'Text Analytics - Summarization' is a former name of 'Language - Summarization'",
    ),
    ("index.rst:14", "'Cognitive Services Face' is a former name of 'Azure AI Vision - Face'"),
    ("myst.md:3", "'Text Analytics' is a former name of 'Language service'"),
]


@pytest.mark.sphinx("html", testroot="former", confoverrides={"rai_warn_former_names": True})
def test_each_former_name_is_warned_about_where_it_is_used(app: SphinxTestApp) -> None:
    app.build()
    lines = warning_lines(app)
    assert len(lines) == len(EXPECTED), lines
    for (location, message), line in zip(EXPECTED, lines, strict=True):
        assert f"{location}: WARNING: {message}; use the current name" in line, line
        assert line.endswith(f"[rai.{Subtype.DEPRECATED_NAME.value}]"), line


@pytest.mark.sphinx("html", testroot="former")
def test_former_names_resolve_silently_by_default(app: SphinxTestApp) -> None:
    app.build()
    assert warning_lines(app) == []
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    # Every former name found its service: its documents are linked.
    for path in (
        "/luis/luis-transparency-note",
        "/computer-vision/ocr-transparency-note",
        "/computer-vision/transparency-note-spatial-analysis",  # family:Computer Vision
        "/language-service/transparency-note-extractive-summarization",
        "/face/data-privacy-security",
    ):
        assert f"https://learn.microsoft.com/legal/cognitive-services{path}" in html, path
    assert "rai-missing" not in html
    myst = (app.outdir / "myst.html").read_text(encoding="utf-8")
    assert "/language-service/transparency-note?" in myst


@pytest.mark.sphinx(
    "html",
    testroot="former",
    confoverrides={"rai_warn_former_names": True, "suppress_warnings": ["rai.deprecated_name"]},
)
def test_the_warning_can_be_suppressed(app: SphinxTestApp) -> None:
    app.build()
    assert warning_lines(app) == []


def test_the_setting_must_be_a_bool(make_app: type[SphinxTestApp], rootdir: Path) -> None:
    with pytest.raises(ConfigError, match="rai_warn_former_names must be bool"):
        make_app(
            "html", srcdir=rootdir / "test-former", confoverrides={"rai_warn_former_names": ["yes"]}
        )
