"""Bad input in pages, options and index files: typed, located warnings; the build goes on."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sphinx.errors import ConfigError
from sphinx.testing.util import SphinxTestApp

from sphinxext_rai.sphinx_ext.diagnostics import Subtype


def warning_lines(app: SphinxTestApp) -> list[str]:
    """The build's warnings, one per line, without terminal colours."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    return [line for line in text.splitlines() if "WARNING" in line]


def find(lines: list[str], location: str, subtype: str, fragment: str) -> str:
    """The one warning at *location* of *subtype* containing *fragment*."""
    found = [
        line
        for line in lines
        if location in line and f"[rai.{subtype}]" in line and fragment in line
    ]
    assert len(found) == 1, (location, subtype, fragment, lines)
    return found[0]


@pytest.mark.sphinx("html", testroot="warnings")
def test_each_subtype_is_reported_with_its_location(app: SphinxTestApp) -> None:
    app.build()
    lines = warning_lines(app)
    find(lines, "bad.yaml:5:14", "url", "javascript:")
    find(lines, "bad.yaml:6:9", "label", "Something odd")
    missing = find(lines, "missing.yaml", "index", "cannot read index file")
    assert "missing.yaml.rst" not in missing  # a file without a line is not taken for a page
    suggestion = find(lines, "index.rst:4", "unknown_service", "'Fase'")
    assert "did you mean: Azure AI Vision - Face?" in suggestion
    ambiguous = find(lines, "index.rst:6", "ambiguous_service", "'Detector'")
    assert "Alpha - Detector" in ambiguous and "Beta - Detector" in ambiguous
    find(lines, "index.rst:8", "option", ":layout:")
    find(lines, "index.rst:11", "empty", "code-of-conduct")
    find(lines, "index.rst:14", "empty", "no AI service named")
    find(lines, "index.rst:16", "unknown_service", "'Nobody'")
    find(lines, "index.rst:16", "option", "'nonsense'")
    find(lines, "index.rst:18", "option", ":kinds:")
    find(lines, "index.rst:18", "option", ":columns:")
    assert len(lines) == 12, lines
    assert {s.value for s in Subtype} >= {
        "url",
        "label",
        "index",
        "unknown_service",
        "ambiguous_service",
        "option",
        "empty",
    }


@pytest.mark.sphinx("html", testroot="warnings")
def test_the_rest_of_a_directive_still_renders(app: SphinxTestApp) -> None:
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    # The bad :layout: falls back to cards; the bad kind is ignored, privacy still shown.
    assert html.count("rai-layout-cards") >= 2
    assert "data-privacy-security" in html
    # The unsafe link never reaches the page; the good entry of the same file does load.
    assert "javascript:" not in html
    assert "Nobody" in html  # the unknown role target stays as text


@pytest.mark.sphinx(
    "html",
    testroot="warnings",
    confoverrides={
        "suppress_warnings": [
            "rai.url",
            "rai.label",
            "rai.index",
            "rai.unknown_service",
            "rai.ambiguous_service",
            "rai.option",
            "rai.empty",
        ]
    },
)
def test_suppress_warnings_silences_each_subtype(app: SphinxTestApp) -> None:
    app.build()
    assert warning_lines(app) == []


@pytest.mark.sphinx(
    "html", testroot="warnings", confoverrides={"suppress_warnings": ["rai.unknown_service"]}
)
def test_suppressing_one_subtype_keeps_the_others(app: SphinxTestApp) -> None:
    app.build()
    lines = warning_lines(app)
    assert not any("unknown_service" in line for line in lines)
    assert any("ambiguous_service" in line for line in lines)


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("rai_default_layout", "grid", "rai_default_layout"),
        ("rai_default_kinds", ["privacy", "bogus"], "unknown kind 'bogus'"),
        ("rai_default_columns", "0", "columns must be"),
        ("rai_base_url", "javascript:alert(1)", "rai_base_url"),
        ("rai_locale", "english please", "rai_locale"),
        ("rai_index", [3], "rai_index"),
        ("rai_link_text", "url", "rai_link_text"),
        ("rai_keep_context", ["no"], "rai_keep_context must be bool"),
    ],
)
def test_bad_config_values_end_in_a_config_error(
    make_app: type[SphinxTestApp], rootdir: Path, name: str, value: object, message: str
) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)):
        make_app("html", srcdir=rootdir / "test-basic", confoverrides={name: value})


@pytest.mark.sphinx("html", testroot="basic", confoverrides={"rai_bundled_index": False})
def test_a_build_without_any_index_is_warned_about(app: SphinxTestApp) -> None:
    app.build()
    lines = warning_lines(app)
    assert any("[rai.config]" in line and "no service can be found" in line for line in lines)
    assert any("[rai.unknown_service]" in line for line in lines)


@pytest.mark.sphinx("html", testroot="basic")
def test_the_role_refuses_a_family(app: SphinxTestApp) -> None:
    (app.srcdir / "other.rst").write_text(
        "Other\n=====\n\nSee :rai:`family:Speech`.\n", encoding="utf-8"
    )
    app.build()
    line = find(warning_lines(app), "other.rst:4", "option", "not a family")
    assert "rai-guidance" in line
