"""Coverage: which page shows or names which service (rai.json, the rai-coverage table) and
the optional policy checks (rai_required_kinds, rai_check_mentions)."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from io import StringIO
from pathlib import Path

import pytest
from sphinx.errors import ConfigError
from sphinx.testing.util import SphinxTestApp

FACE = "azure-ai-vision-face"
SPEAKER = "speech-speaker-recognition"


def rai_json(app: SphinxTestApp) -> dict[str, object]:
    data: dict[str, object] = json.loads((Path(app.outdir) / "rai.json").read_text("utf-8"))
    return data


@pytest.mark.sphinx("html", testroot="domain", freshenv=True)
def test_rai_json_lists_pages_and_services(app: SphinxTestApp) -> None:
    app.build()
    data = rai_json(app)
    assert data["project"] == "rai-domain"
    pages = data["pages"]
    assert isinstance(pages, dict)
    assert pages["shows"]["shows"] == [FACE, SPEAKER]
    assert f"{FACE}/privacy" in pages["shows"]["documents"]
    assert f"{SPEAKER}/limitations" not in pages["shows"]["documents"]
    assert pages["refs"] == {"shows": [], "documents": [], "mentions": ["personalizer"]}
    services = data["services"]
    assert isinstance(services, dict)
    assert services[FACE]["shown_on"] == ["aaa-hidden", "shows"]
    assert services[SPEAKER]["documents_shown"] == {"transparency": ["shows"]}
    assert services["personalizer"]["mentioned_on"] == ["refs"]
    assert services["personalizer"]["shown_on"] == []
    sources = data["sources"]
    assert isinstance(sources, list)
    assert sources[0]["source"] == (
        "https://learn.microsoft.com/azure/ai-services/responsible-use-of-ai-overview"
    )


@pytest.mark.sphinx("html", testroot="domain", freshenv=True)
def test_coverage_table_links_pages_by_title(app: SphinxTestApp) -> None:
    app.build()
    page = (Path(app.outdir) / "report.html").read_text("utf-8")
    table = page[page.index("<table") : page.index("</table>")]
    assert "Where services are cited" in table
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)
    cells = [
        [
            re.sub(r"<[^>]+>", "", c).strip()
            for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", r, re.S)
        ]
        for r in rows
    ]
    assert cells[0] == ["Service", "Guidance shown on", "Documents shown", "Named on"]
    face = next(c for c in cells if c[0] == "Azure AI Vision - Face")
    assert face[1] == "Not indexed, Shown guidance"
    assert face[2].startswith("Transparency note, Characteristics and limitations")
    personalizer = next(c for c in cells if c[0] == "Personalizer")
    assert personalizer[1:] == ["\u2014", "\u2014", "References"]
    assert re.search(r'<a class="reference internal" href="shows.html">', table)


@pytest.mark.sphinx("text", testroot="domain", freshenv=True)
def test_coverage_table_in_plain_text(app: SphinxTestApp) -> None:
    app.build()
    text = (Path(app.outdir) / "report.txt").read_text("utf-8")
    lines = text.splitlines()
    header = next(line for line in lines if line.startswith("| Service"))
    assert [cell.strip() for cell in header.strip("|").split("|")] == [
        "Service",
        "Guidance shown on",
        "Documents shown",
        "Named on",
    ]
    assert any(line.startswith("| **Personalizer**") and "References" in line for line in lines)
    assert (Path(app.outdir) / "rai.json").is_file()


@pytest.mark.sphinx(
    "html",
    testroot="domain",
    freshenv=True,
    confoverrides={"rai_required_kinds": ["transparency", "privacy"], "rai_check_mentions": True},
)
def test_policy_warnings_are_typed_and_located(app: SphinxTestApp, warning: StringIO) -> None:
    app.build()
    text = warning.getvalue()
    shows = re.escape(str(Path(app.srcdir) / "shows.rst"))
    refs = re.escape(str(Path(app.srcdir) / "refs.rst"))
    assert re.search(
        rf"{shows}:6: WARNING: Speech - Speaker Recognition is cited but its privacy document "
        r"is shown on no page \(rai_required_kinds\); add it to a rai-guidance directive "
        r"\[rai\.coverage\]",
        text,
    )
    assert re.search(
        rf"{refs}:18: WARNING: Personalizer is cited but its transparency document is shown on "
        r"no page .*\[rai\.coverage\]",
        text,
    )
    assert re.search(
        rf"{refs}:18: WARNING: Personalizer is named with the rai role but this page shows none "
        r"of its guidance \(rai_check_mentions\).*\[rai\.coverage\]",
        text,
    )
    # Face shows both kinds on some page: nothing said about it.
    assert "Azure AI Vision - Face is cited" not in text
    page = (Path(app.outdir) / "report.html").read_text("utf-8")
    assert "Required, not shown" in page


@pytest.mark.sphinx("html", testroot="domain", freshenv=True)
def test_policy_is_off_unless_asked_for(app: SphinxTestApp, warning: StringIO) -> None:
    app.build()
    assert "rai.coverage" not in warning.getvalue()


@pytest.mark.sphinx(
    "html",
    testroot="domain",
    srcdir="domain-report-name",
    freshenv=True,
    confoverrides={"rai_coverage_file": "coverage.json"},
)
def test_report_file_name_is_configurable(app: SphinxTestApp) -> None:
    app.build()
    assert (Path(app.outdir) / "coverage.json").is_file()
    assert not (Path(app.outdir) / "rai.json").exists()


@pytest.mark.sphinx(
    "html",
    testroot="domain",
    srcdir="domain-no-report",
    freshenv=True,
    confoverrides={"rai_coverage_file": ""},
)
def test_report_file_can_be_switched_off(app: SphinxTestApp) -> None:
    app.build()
    assert not (Path(app.outdir) / "rai.json").exists()


def _build(srcdir: Path, outdir: Path, parallel: int = 0) -> SphinxTestApp:
    app = SphinxTestApp("html", srcdir=srcdir, builddir=outdir, parallel=parallel)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def test_parallel_build_gives_the_same_report_and_inventory(rootdir: Path, tmp_path: Path) -> None:
    source = tmp_path / "src"
    shutil.copytree(rootdir / "test-domain", source, ignore=shutil.ignore_patterns("_build"))
    for page in range(6):  # enough pages for the parallel reader to split them
        (source / f"extra{page}.rst").write_text(
            f"Extra {page}\n========\n\n.. rai-guidance:: Personalizer\n   :layout: list\n",
            encoding="utf-8",
        )
    serial = _build(source, tmp_path / "serial")
    parallel = _build(source, tmp_path / "parallel", parallel=2)
    for name in ("rai.json", "objects.inv"):
        assert (Path(serial.outdir) / name).read_bytes() == (
            Path(parallel.outdir) / name
        ).read_bytes()
    data = json.loads((Path(parallel.outdir) / "rai.json").read_text("utf-8"))
    assert data["services"]["personalizer"]["shown_on"] == [f"extra{n}" for n in range(6)]


def test_incremental_build_updates_report_and_coverage_page(
    rootdir: Path, tmp_path: Path, objects_inv: Callable[[Path], dict[str, dict[str, str]]]
) -> None:
    source = tmp_path / "src"
    shutil.copytree(rootdir / "test-domain", source, ignore=shutil.ignore_patterns("_build"))
    out = tmp_path / "out"
    first = _build(source, out)
    report_page = Path(first.outdir) / "report.html"
    assert "Speech - Speaker Recognition" in report_page.read_text("utf-8")
    # Drop Speaker Recognition from the one page that shows it; report.rst is not edited.
    shows = source / "shows.rst"
    shows.write_text(
        shows.read_text("utf-8").replace("Speech - Speaker Recognition, Face", "Face"), "utf-8"
    )
    second = _build(source, out)
    data = json.loads((Path(second.outdir) / "rai.json").read_text("utf-8"))
    assert SPEAKER not in data["services"]
    assert "Speech - Speaker Recognition" not in report_page.read_text("utf-8")
    # The domain forgot the page's old objects: the inventory has no Speaker Recognition.
    inventory = objects_inv(Path(second.outdir) / "objects.inv")
    assert SPEAKER not in inventory["rai:service"]
    assert FACE in inventory["rai:service"]
    # Nothing changed: the coverage page is not rewritten again.
    before = report_page.stat().st_mtime_ns
    _build(source, out)
    assert report_page.stat().st_mtime_ns == before


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("rai_coverage_file", "../rai.json"),
        ("rai_coverage_file", "sub/rai.json"),
        ("rai_required_kinds", ["transparency", "model cards"]),
        ("rai_check_mentions", "yes"),
    ],
)
def test_bad_policy_settings_stop_the_build(
    make_app: Callable[..., SphinxTestApp], rootdir: Path, tmp_path: Path, name: str, value: object
) -> None:
    source = tmp_path / "src"
    shutil.copytree(rootdir / "test-basic", source, ignore=shutil.ignore_patterns("_build"))
    with pytest.raises(ConfigError, match=name):
        make_app("html", srcdir=source, confoverrides={name: value})


@pytest.mark.sphinx("html", testroot="domain", freshenv=True)
def test_coverage_table_scrolls_in_a_block_of_its_own(app: SphinxTestApp) -> None:
    """The table sits in a block that scrolls on narrow screens (rai.css); the :class:
    classes go to the table, as documented, and not to the block too."""
    app.build()
    page = (Path(app.outdir) / "report.html").read_text("utf-8")
    block = re.search(r'<div class="([^"]*)">\s*<table class="([^"]*)"', page)
    assert block is not None
    assert block[1].split()[0] == "rai-coverage-block"
    assert "audit" not in block[1].split() and "rai-coverage" not in block[1].split()
    assert {"rai-coverage", "audit"} <= set(block[2].split())
