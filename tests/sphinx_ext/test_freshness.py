"""Freshness: the source footer under guidance, and warnings for indexes older than allowed."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from io import StringIO
from pathlib import Path

import pytest
from sphinx.errors import ConfigError
from sphinx.testing.util import SphinxTestApp

SEED_SOURCE = "https://learn.microsoft.com/azure/ai-services/responsible-use-of-ai-overview"
# 2022-02-10 00:00 UTC: 31 days after the bundled index's review date, 2022-01-10.
FEB_10_2022 = "1644451200"


@pytest.fixture
def built_on_feb_10_2022(monkeypatch: pytest.MonkeyPatch) -> None:
    """Builds happen on 2022-02-10 (set before the app, which checks ages when it starts)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FEB_10_2022)


@pytest.mark.usefixtures("built_on_feb_10_2022")
@pytest.mark.sphinx("html", testroot="basic", freshenv=True, confoverrides={"rai_max_age_days": 30})
def test_an_old_index_is_a_stale_warning(app: SphinxTestApp, warning: StringIO) -> None:
    app.build()
    assert re.search(
        rf"WARNING: the index 'Overview of Responsible use of AI' \({re.escape(SEED_SOURCE)}\) "
        r"was reviewed on 2022-01-10, 31 days before 2022-02-10; rai_max_age_days allows 30 "
        r"\[rai\.stale\]",
        warning.getvalue(),
    )


@pytest.mark.usefixtures("built_on_feb_10_2022")
@pytest.mark.sphinx("html", testroot="basic", freshenv=True, confoverrides={"rai_max_age_days": 31})
def test_an_index_within_the_limit_is_quiet(app: SphinxTestApp, warning: StringIO) -> None:
    app.build()
    assert "rai.stale" not in warning.getvalue()


# A string of digits is what `-D rai_max_age_days=30` gives; it is accepted (see test_config).
@pytest.mark.parametrize("value", [-1, True, "thirty", "-3", 2.5])
def test_max_age_must_be_days(
    make_app: Callable[..., SphinxTestApp], rootdir: Path, tmp_path: Path, value: object
) -> None:
    with pytest.raises(ConfigError, match="rai_max_age_days"):
        make_app(
            "html",
            srcdir=_copy_root(rootdir, tmp_path),
            confoverrides={"rai_max_age_days": value},
        )


def _copy_root(rootdir: Path, tmp_path: Path) -> Path:
    target = tmp_path / "basic"
    shutil.copytree(rootdir / "test-basic", target, ignore=shutil.ignore_patterns("_build"))
    return target


def footers(page: str) -> list[str]:
    """The text of every source footer in an HTML page."""
    return [
        re.sub(r"<[^>]+>", "", m).strip()
        for m in re.findall(r'<p class="[^"]*rai-footer[^"]*">(.*?)</p>', page, re.S)
    ]


@pytest.mark.sphinx("html", testroot="userindex", freshenv=True)
def test_footer_names_each_source_and_its_review_date(app: SphinxTestApp) -> None:
    app.build()
    page = (Path(app.outdir) / "index.html").read_text("utf-8")
    # CVM comes from the user's index; Face from the bundled one, extended by the user's.
    assert footers(page)[0] == (
        "Source: Contoso internal models (reviewed 2024-05-01); "
        "Overview of Responsible use of AI (reviewed 2022-01-10)"
    )
    assert f'<a class="reference external rai-source" href="{SEED_SOURCE}">' in page or (
        re.search(rf'<a class="[^"]*rai-source[^"]*" href="{re.escape(SEED_SOURCE)}"', page)
    )
    # The user's file is not a web address: its title is shown, not linked.
    assert not re.search(r"<a [^>]*rai-source[^>]*>Contoso internal models", page)


@pytest.mark.sphinx("html", testroot="basic", freshenv=True, confoverrides={"rai_footer": False})
def test_footer_can_be_switched_off_for_the_project(app: SphinxTestApp) -> None:
    app.build()
    for page in Path(app.outdir).glob("*.html"):
        assert footers(page.read_text("utf-8")) == []


@pytest.mark.sphinx("text", testroot="basic", freshenv=True)
def test_footer_in_plain_text(app: SphinxTestApp) -> None:
    app.build()
    text = " ".join((Path(app.outdir) / "index.txt").read_text("utf-8").split())
    # The source's address is written out, as guidance links are in plain text.
    assert (
        f"Source: Overview of Responsible use of AI <{SEED_SOURCE}> (reviewed 2022-01-10)"
    ) in text.replace("- overview", "-overview")


@pytest.mark.sphinx("html", testroot="domain", freshenv=True)
def test_footer_can_be_switched_off_per_directive(app: SphinxTestApp) -> None:
    app.build()
    assert footers((Path(app.outdir) / "aaa-hidden.html").read_text("utf-8")) == []
    assert len(footers((Path(app.outdir) / "shows.html").read_text("utf-8"))) == 2
