"""Configuration that could break a build or its output: refused when the build starts, with a
ConfigError naming the value, or held to what can be done."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sphinx.errors import ConfigError
from sphinx.testing.util import SphinxTestApp

MakeApp = type[SphinxTestApp]


def project(rootdir: Path, tmp_path: Path) -> Path:
    source = tmp_path / "src"
    shutil.copytree(rootdir / "test-basic", source, ignore=shutil.ignore_patterns("_build"))
    return source


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("rai_coverage_file", "objects.inv"),  # the inventory of the HTML builder
        ("rai_coverage_file", "_static"),  # its folder of assets
        ("rai_coverage_file", "index.html"),  # the home page
        ("rai_coverage_file", "searchindex.json"),  # a file of the JSON builder
        ("rai_coverage_file", ".buildinfo"),
        ("rai_coverage_file", "rai:json"),
        ("rai_default_kinds", [1]),
        ("rai_default_kinds", ["privacy", None]),
        ("rai_index", ["a.yaml", 2]),
        ("rai_required_kinds", ("privacy", b"transparency")),
        ("rai_default_columns", 2.5),
        ("rai_max_age_days", -1),
        ("rai_locale", 5),
    ],
)
def test_a_bad_value_is_a_config_error_naming_it(
    make_app: MakeApp, rootdir: Path, tmp_path: Path, name: str, value: object
) -> None:
    with pytest.raises(ConfigError, match=name):
        make_app("html", srcdir=project(rootdir, tmp_path), confoverrides={name: value})


# The JSON builder (sphinxcontrib-serializinghtml) uses an API that Sphinx 9 deprecates.
@pytest.mark.filterwarnings("ignore:'sphinxcontrib.serializinghtml")
@pytest.mark.parametrize("builder", ["html", "dirhtml", "singlehtml", "json", "text"])
def test_the_default_report_is_a_file_no_builder_writes(
    make_app: MakeApp, rootdir: Path, tmp_path: Path, builder: str
) -> None:
    def written(name: str, report: str) -> set[str]:
        app = make_app(
            builder,
            srcdir=project(rootdir, tmp_path / name),
            builddir=tmp_path / name / "build",
            confoverrides={"rai_coverage_file": report},
        )
        app.build()
        app.cleanup()
        return {str(p.relative_to(app.outdir)) for p in Path(app.outdir).rglob("*")}

    without, default = written("without", ""), written("default", "rai.json")
    assert default - without == {"rai.json"}
    assert without <= default


@pytest.mark.parametrize("kind", ["directory", "link"])
def test_a_report_path_that_is_not_a_file_is_left_alone(
    make_app: MakeApp, rootdir: Path, tmp_path: Path, kind: str
) -> None:
    outside = tmp_path / "outside.json"
    outdir = tmp_path / "build" / "html"
    outdir.mkdir(parents=True)
    if kind == "directory":
        (outdir / "rai.json").mkdir()
    else:
        (outdir / "rai.json").symlink_to(outside)
    app = make_app("html", srcdir=project(rootdir, tmp_path), builddir=tmp_path / "build")
    app.build()
    assert "'rai.json' in the output directory is not a regular file" in app.warning.getvalue()
    assert "[rai.config]" in app.warning.getvalue()
    assert not outside.exists()


def test_a_build_date_past_year_9999_is_the_last_day(
    make_app: MakeApp, rootdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "99999999999999")
    app = make_app(
        "html", srcdir=project(rootdir, tmp_path), confoverrides={"rai_max_age_days": 30}
    )
    app.build()
    assert "days before 9999-12-31; rai_max_age_days allows 30 [rai.stale]" in (
        app.warning.getvalue()
    )
