"""Every ``rai_*`` setting given on the command line, as ``sphinx-build -D name=value`` gives it:
a string, which Sphinx converts by the setting's default (a list default is split at commas,
a bool default takes ``0`` or ``1``) and the extension parses into its ready value."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sphinx
from sphinx.testing.util import SphinxTestApp

from sphinxext_rai.sphinx_ext.config import SETTINGS, read_config

#: setting -> (the text after ``-D name=``, the value the build then uses).
#: Expected values follow the Sphinx rules for ``-D`` and the settings' documentation.
COMMAND_LINE: dict[str, tuple[str, Any]] = {
    "rai_index": ("data/contoso.yaml, data/contoso.yaml", ("data/contoso.yaml",) * 2),
    "rai_bundled_index": ("0", False),
    "rai_base_url": ("https://docs.contoso.example", "https://docs.contoso.example"),
    "rai_page_url": ("https://docs.contoso.example/ai/", "https://docs.contoso.example/ai/"),
    "rai_locale": ("de-DE", "de-de"),
    "rai_keep_context": ("0", False),
    "rai_default_layout": ("table", "table"),
    "rai_default_kinds": ("privacy,transparency", ("privacy", "transparency")),
    "rai_default_columns": ("1 1 2 4", (1, 1, 2, 4)),
    "rai_link_text": ("kind", "kind"),
    "rai_new_tab": ("1", True),
    "rai_footer": ("0", False),
    "rai_max_age_days": ("365", 365),
    "rai_coverage_file": ("coverage.json", "coverage.json"),
    "rai_required_kinds": ("transparency,privacy", ("transparency", "privacy")),
    "rai_check_mentions": ("1", True),
    "rai_warn_former_names": ("1", True),
    "rai_search_all_text": ("1", True),
    "rai_html_nodes": ("1", True),
    "rai_cache_days": ("2", 2),
    "rai_timeout": ("3", 3),
    "rai_allow_http": (
        "localhost, docs.contoso.example:8080",
        ("localhost", "docs.contoso.example:8080"),
    ),
}
#: A second value where the first leaves a rule untried: clearing a list, the other bool.
MORE_COMMAND_LINE: list[tuple[str, str, Any]] = [
    ("rai_index", "", ()),
    ("rai_index", "data/contoso.yaml", ("data/contoso.yaml",)),
    ("rai_default_kinds", "", ()),
    ("rai_required_kinds", "", ()),
    ("rai_bundled_index", "1", True),
    ("rai_footer", "1", True),
    ("rai_max_age_days", "", None),
    ("rai_default_columns", "2", (2, 2, 2, 2)),
    ("rai_locale", "auto", "en-us"),  # from Sphinx's default language, "en"
    ("rai_page_url", "", None),
    ("rai_coverage_file", "", ""),
]
#: The bundled index's review date is in 2022: a day's allowance makes it stale.
STALE = r"was reviewed on 2022-01-10"


def test_every_setting_is_tried_from_the_command_line() -> None:
    assert set(COMMAND_LINE) == {setting.name for setting in SETTINGS}


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [(name, text, expected) for name, (text, expected) in COMMAND_LINE.items()] + MORE_COMMAND_LINE,
)
def test_a_command_line_string_gives_the_ready_value(
    make_app: Callable[..., SphinxTestApp],
    rootdir: Path,
    tmp_path: Path,
    name: str,
    text: str,
    expected: Any,
) -> None:
    app = make_app("html", srcdir=copy_root(rootdir / "test-userindex", tmp_path),
                   confoverrides={name: text})  # fmt: skip
    attribute = name.removeprefix("rai_")
    assert getattr(read_config(app.config), attribute) == expected


def sphinx_build(source: Path, out: Path, *overrides: str) -> subprocess.CompletedProcess[str]:
    """``sphinx-build -b html`` with ``-D`` for each of *overrides* (options such as ``-W``
    as they are), in a fresh process."""
    # -N: no colours, whatever the terminal or the environment asks for.
    command = [sys.executable, "-m", "sphinx", "-N", "-b", "html", "-E", str(source), str(out)]
    for override in overrides:
        command += [override] if override.startswith("-") else ["-D", override]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_sphinx_build_d_max_age_days_warns_stale(rootdir: Path, tmp_path: Path) -> None:
    source = copy_root(rootdir / "test-basic", tmp_path)
    done = sphinx_build(source, tmp_path / "out", "rai_max_age_days=1")
    assert done.returncode == 0, done.stderr
    (warning,) = [line for line in done.stderr.splitlines() if "rai_max_age_days allows 1" in line]
    assert STALE in warning
    # Its type and subtype: Sphinx 8 and later write them; suppressing rai.stale silences it.
    if sphinx.version_info >= (8,):
        assert warning.endswith("[rai.stale]")
    quiet = sphinx_build(
        source, tmp_path / "quiet", "rai_max_age_days=1", "suppress_warnings=rai.stale"
    )
    assert quiet.returncode == 0, quiet.stderr
    assert "rai_max_age_days allows" not in quiet.stderr
    # Under -W, as in CI, the stale index fails the build.
    strict = sphinx_build(source, tmp_path / "strict", "rai_max_age_days=1", "-W")
    assert strict.returncode != 0


def test_sphinx_build_d_sets_lists_bools_and_strings(rootdir: Path, tmp_path: Path) -> None:
    source = copy_root(rootdir / "test-userindex", tmp_path)
    plain = sphinx_build(source, tmp_path / "plain")
    assert plain.returncode == 0, plain.stderr
    given = sphinx_build(
        source,
        tmp_path / "given",
        "rai_index=",
        "rai_new_tab=1",
        "rai_footer=0",
        "rai_default_layout=list",
        "rai_coverage_file=coverage.json",
    )
    assert given.returncode == 0, given.stderr
    before = (tmp_path / "plain" / "index.html").read_text(encoding="utf-8")
    after = (tmp_path / "given" / "index.html").read_text(encoding="utf-8")
    # rai_index= drops the user index that conf.py names, so its services are unknown.
    assert "https://contoso.example/cvm/model-card" in before
    assert "contoso.example" not in after
    assert "unknown AI service 'Contoso - Vision Model'" in given.stderr
    assert 'target="_blank"' not in before
    assert 'target="_blank"' in after
    assert "rai-footer" in before
    assert "rai-footer" not in after
    assert "rai-layout-cards" in before
    assert "rai-layout-list" in after
    assert (tmp_path / "given" / "coverage.json").is_file()
    assert not (tmp_path / "given" / "rai.json").exists()


def copy_root(root: Path, tmp_path: Path) -> Path:
    """A copy of a test root, so a build writes nowhere in the repository."""
    target = tmp_path / root.name
    shutil.copytree(root, target, ignore=shutil.ignore_patterns("_build"))
    return target
