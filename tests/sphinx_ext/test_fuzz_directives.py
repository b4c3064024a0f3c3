"""Property-based tests: no input makes the readers, URL handling, lookup, option parsing or the
directive raise; unsafe URLs never come out. ``make fuzz`` runs them with many more examples."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp

line = st.text(st.characters(exclude_categories=("Cs", "Zl", "Zp", "Cc")), max_size=40)

ROOT = Path(__file__).resolve().parent / "roots" / "test-myst"
SUPPRESS = settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], deadline=None
)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SphinxTestApp]:
    """One project rebuilt for every example: only the changed page is read again."""
    srcdir = tmp_path_factory.mktemp("fuzz") / "project"
    shutil.copytree(ROOT, srcdir)
    app = SphinxTestApp("html", srcdir=srcdir)
    app.build()
    yield app
    app.cleanup()


def rebuild(app: SphinxTestApp, name: str, source: str) -> str:
    """Write one page, rebuild, and return the warnings of that build."""
    (app.srcdir / name).write_text(source, encoding="utf-8")
    app.warning.seek(0)
    app.warning.truncate()
    app.build()
    return app.warning.getvalue()


option_values = st.fixed_dictionaries(
    {},
    optional=dict.fromkeys(
        (
            "layout",
            "kinds",
            "family",
            "columns",
            "cards",
            "title",
            "no-title",
            "link-text",
            "class",
            "name",
        ),
        line,
    ),
)


@SUPPRESS
@given(argument=line, opts=option_values, role=line)
def test_rst_directive_and_role_never_raise(
    project: SphinxTestApp, argument: str, opts: dict[str, str], role: str
) -> None:
    body = "".join(f"   :{k}: {v}\n" for k, v in opts.items())
    source = f"Fuzz\n====\n\n.. rai-guidance:: {argument}\n{body}\nSee :rai:`{role}`.\n"
    warnings = rebuild(project, "fuzz.rst", source)
    assert "Traceback" not in warnings and "Exception occurred" not in warnings


@SUPPRESS
@given(argument=line, opts=option_values, yaml_block=st.booleans(), role=line)
def test_myst_directive_and_role_never_raise(
    project: SphinxTestApp, argument: str, opts: dict[str, str], yaml_block: bool, role: str
) -> None:
    if yaml_block:
        body = "---\n" + yaml.safe_dump(opts) + "---\n" if opts else ""
    else:
        body = "".join(f":{k}: {v}\n" for k, v in opts.items())
    role_text = re.sub("`", "", role)
    source = f"# Fuzz\n\n```{{rai-guidance}} {argument}\n{body}```\n\nSee {{rai}}`{role_text}`.\n"
    warnings = rebuild(project, "fuzzmd.md", source)
    assert "Traceback" not in warnings and "Exception occurred" not in warnings
