"""Guidance under ``only`` or ``ifconfig`` counts only in the builds that output it: for
link targets, the coverage report and the coverage policy alike."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

MakeApp = type[SphinxTestApp]
FACE, PERSONALIZER, ANOMALY, QNA = (
    "azure-ai-vision-face",
    "personalizer",
    "anomaly-detector",
    "qna-maker",
)


def build(
    make_app: MakeApp, rootdir: Path, tmp_path: Path, builder: str, **conf: object
) -> SphinxTestApp:
    source = tmp_path / builder / "src"
    shutil.copytree(rootdir / "test-conditions", source)
    app = make_app(builder, srcdir=source, confoverrides=conf)
    app.build()
    return app


def report(app: SphinxTestApp) -> dict[str, object]:
    data: dict[str, object] = json.loads((Path(app.outdir) / "rai.json").read_text("utf-8"))
    return data


def unshown(app: SphinxTestApp) -> list[str]:
    """The services a rai:service reference found shown nowhere."""
    return sorted(
        line.split("shows ")[1].split(";")[0]
        for line in app.warning.getvalue().splitlines()
        if "[rai.reference]" in line
    )


def test_html_counts_what_html_outputs(make_app: MakeApp, rootdir: Path, tmp_path: Path) -> None:
    app = build(make_app, rootdir, tmp_path, "html")
    data = report(app)
    assert data["pages"] == {
        "index": {
            "shows": [FACE, QNA],
            "documents": [f"{FACE}/transparency", f"{QNA}/transparency"],
            "mentions": [],
        }
    }
    # The references to what HTML does not output are warned about, as for a service shown
    # nowhere, and do not link to an id the page does not have.
    assert unshown(app) == ["Anomaly Detector", "Personalizer"]
    refs = (Path(app.outdir) / "refs.html").read_text("utf-8")
    assert 'href="index.html#rai-azure-ai-vision-face"' in refs
    assert 'href="index.html#rai-qna-maker"' in refs
    assert "#rai-personalizer" not in refs and "#rai-anomaly-detector" not in refs
    # The role inside "only:: latex" is no citation in HTML, so the policy says nothing.
    assert "Custom Vision" not in app.warning.getvalue()


def test_latex_counts_what_latex_outputs(make_app: MakeApp, rootdir: Path, tmp_path: Path) -> None:
    app = build(make_app, rootdir, tmp_path, "latex")
    data = report(app)
    assert data["pages"] == {
        "index": {
            "shows": [FACE, PERSONALIZER],
            "documents": [f"{FACE}/transparency", f"{PERSONALIZER}/transparency"],
            "mentions": ["custom-vision"],
        }
    }
    assert unshown(app) == ["Anomaly Detector", "QnA Maker"]
    # Named there with the role, and required, but shown nowhere: the policy warns.
    assert "Custom Vision is cited but its transparency document is shown on no page" in (
        app.warning.getvalue()
    )


def test_a_true_ifconfig_counts(make_app: MakeApp, rootdir: Path, tmp_path: Path) -> None:
    app = build(make_app, rootdir, tmp_path, "html", show_internal=True)
    assert report(app)["pages"]["index"]["shows"] == [FACE, ANOMALY, QNA]  # type: ignore[index]
    assert unshown(app) == ["Personalizer"]


@pytest.mark.parametrize("builder", ["html", "latex"])
def test_the_counts_follow_the_builder_on_a_shared_environment(
    make_app: MakeApp, rootdir: Path, tmp_path: Path, builder: str
) -> None:
    """Builds of two builders over one doctree directory (as ``make html latex`` do) each
    count what they output."""
    source = tmp_path / "src"
    shutil.copytree(rootdir / "test-conditions", source)
    other = "latex" if builder == "html" else "html"
    first = make_app(other, srcdir=source, builddir=tmp_path / "build")
    first.build()
    first.cleanup()
    app = make_app(builder, srcdir=source, builddir=tmp_path / "build")
    assert app.doctreedir == first.doctreedir
    app.build()
    expected = [FACE, QNA] if builder == "html" else [FACE, PERSONALIZER]
    assert report(app)["pages"]["index"]["shows"] == expected  # type: ignore[index]
