"""Property-based tests: no input makes the readers, URL handling, lookup, option parsing or the
directive raise; unsafe URLs never come out. ``make fuzz`` runs them with many more examples."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable, Iterator
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


# --- control characters and huge tokens in pages; anything at all in a user index -----------

#: Text a page can hold (no lone surrogates: a page is a UTF-8 file), control characters and
#: invisible formatting characters included; one line.
page_line = st.text(
    st.characters(
        exclude_categories=("Cs", "Zl", "Zp"), exclude_characters="\n\r\x0b\x0c\x1c\x1d\x1e\x85"
    ),
    max_size=40,
)
huge_token = st.tuples(
    st.sampled_from(["[", "`", "*", "<", "|", "\\", ":", "a", "\x1b"]),
    st.integers(min_value=1, max_value=20_000),
).map(lambda run: run[0] * run[1])
hostile_line = page_line | huge_token
#: Anything a JSON string can hold, lone surrogates included (json.dumps escapes them).
any_text = st.text(st.characters(exclude_categories=()), max_size=40)


@SUPPRESS
@given(argument=hostile_line, title=hostile_line, role=hostile_line)
def test_control_characters_and_huge_tokens_in_a_page(
    project: SphinxTestApp, argument: str, title: str, role: str
) -> None:
    source = (
        f"Fuzz\n====\n\n.. rai-guidance:: {argument}\n   :title: {title}\n\n"
        f"See :rai:`{role}` and :rai:service:`{role}`.\n"
    )
    warnings = rebuild(project, "fuzz.rst", source)
    assert "Traceback" not in warnings and "Exception occurred" not in warnings


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SphinxTestApp]:
    """A project showing the family of a user index that each example rewrites."""
    srcdir = tmp_path_factory.mktemp("fuzz-index") / "project"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(
        'extensions = ["sphinxext_rai"]\nrai_index = ["fuzz.json"]\n', encoding="utf-8"
    )
    (srcdir / "index.rst").write_text(
        "Fuzz\n====\n\n.. rai-guidance:: family:Fuzz\n\n"
        ".. rai-guidance:: family:Fuzz\n   :layout: table\n\n"
        "See :rai:`Fuzz - Base` and :rai:service:`Fuzz - Base`.\n",
        encoding="utf-8",
    )
    write_index(srcdir, "Base", "Transparency note", "https://fuzz.example/tn")
    app = SphinxTestApp("html", srcdir=srcdir)
    app.build()
    yield app
    app.cleanup()


def write_index(srcdir: Path, leaf: str, label: str, url: str) -> None:
    services = [
        {"name": "Fuzz - Base", "guidance": [{"label": "Transparency note", "url": url}]},
        {"name": f"Fuzz - {leaf}", "guidance": [{"label": label, "url": url}]},
    ]
    document = {"title": label, "services": services}
    (srcdir / "fuzz.json").write_text(json.dumps(document), encoding="utf-8")


@SUPPRESS
@given(leaf=any_text, label=any_text, url=any_text)
def test_anything_in_a_user_index(
    indexed: SphinxTestApp, leaf: str, label: str, url: str, unfit: Callable[[str], bool]
) -> None:
    write_index(indexed.srcdir, leaf, label, "https://fuzz.example/" + url)
    indexed.warning.seek(0)
    indexed.warning.truncate()
    indexed.build()
    warnings = indexed.warning.getvalue()
    assert "Traceback" not in warnings and "Exception occurred" not in warnings
    assert not unfit(warnings)
    page = (Path(indexed.outdir) / "index.html").read_text(encoding="utf-8")
    assert not unfit(page)
