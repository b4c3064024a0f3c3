"""The reference's settings entries and warning-subtype table are generated from the code:
every setting Sphinx knows and every subtype appears, with its type, default and help."""

from __future__ import annotations

import ast
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from docutils import nodes
from sphinx import addnodes
from sphinx.testing.util import SphinxTestApp

from sphinxext_rai.sphinx_ext.config import SETTINGS, Setting
from sphinxext_rai.sphinx_ext.diagnostics import Subtype

EXAMPLE = Path(__file__).resolve().parents[2] / "example_project"
#: The ``:type:`` words of the reference and the Python types they stand for.
TYPE_WORDS: dict[str, tuple[type, ...]] = {
    "bool": (bool,),
    "int": (int,),
    "float": (float,),
    "str": (str,),
    "list[str]": (list, tuple),
    "None": (type(None),),
}
#: Inline markup of a help text: a literal, or a role with or without explicit link text.
CURLY = str.maketrans("\u2018\u2019\u201c\u201d", "''\"\"")
MARKUP = re.compile(r"``(?P<literal>.+?)``|:(?P<role>[\w:]+):`(?P<target>[^`]+)`")


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Iterator[nodes.document]:
    """The doctree of the reference page, from a nitpicky build of the example (so every
    cross-reference in it resolves)."""
    srcdir = tmp_path_factory.mktemp("reference") / "example"
    shutil.copytree(EXAMPLE, srcdir, ignore=shutil.ignore_patterns("_build"))
    app = SphinxTestApp("html", srcdir=srcdir, confoverrides={"nitpicky": True})
    try:
        app.build()
        assert app.warning.getvalue() == ""
        declared = {v.name for v in app.config if v.name.startswith("rai_")}
        assert declared == {s.name for s in SETTINGS}
        yield app.env.get_doctree("reference")
    finally:
        app.cleanup()


def squash(text: str) -> str:
    """*text* on one line, with straight quotes (the HTML writer curls them)."""
    return " ".join(text.translate(CURLY).split())


def rendered_pattern(help: str) -> re.Pattern[str]:
    """What *help* reads as once rendered: its words, literals and the names its
    ``:confval:`` and ``:rst:role:`` references show; ``:doc:`` and ``:ref:`` show the title
    of what they point at, which stands for any text here."""
    parts = []
    end = 0
    for markup in MARKUP.finditer(help):
        parts.append(re.escape(help[end : markup.start()]))
        if markup["literal"] is not None:
            parts.append(re.escape(markup["literal"]))
        elif markup["role"] in ("doc", "ref"):
            parts.append(".+?")
        else:
            parts.append(re.escape(markup["target"]))
        end = markup.end()
    parts.append(re.escape(help[end:]))
    return re.compile(squash("".join(parts)).replace(r"\ ", " "))


def confvals(doctree: nodes.document) -> dict[str, addnodes.desc]:
    """The ``confval`` entries of a page, by their anchor."""
    found = {}
    for desc in doctree.findall(addnodes.desc):
        if desc["objtype"] == "confval":
            for signature in desc.findall(addnodes.desc_signature):
                found.update(dict.fromkeys(signature["ids"], desc))
    return found


def field(desc: addnodes.desc, name: str) -> str:
    """The text of one field (``Type``, ``Default``) of an entry."""
    for item in desc.findall(nodes.field):
        if item[0].astext() == name:
            return squash(item[1].astext())
    raise AssertionError(f"no {name} field in {desc.astext()}")


def test_every_setting_has_an_entry_and_nothing_else_does(reference: nodes.document) -> None:
    anchors = set(confvals(reference))
    assert anchors == {f"confval-{s.name}" for s in SETTINGS}


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_entry_shows_type_default_and_help(reference: nodes.document, setting: Setting) -> None:
    desc = confvals(reference)[f"confval-{setting.name}"]
    words = field(desc, "Type").split(" or ")
    assert {t for word in words for t in TYPE_WORDS[word]} == set(setting.types)
    assert ast.literal_eval(field(desc, "Default")) == setting.default
    content = next(desc.findall(addnodes.desc_content))
    text = squash(" ".join(n.astext() for n in content if not isinstance(n, nodes.field_list)))
    assert rendered_pattern(setting.help).fullmatch(text), (text, setting.help)


def subtype_rows(doctree: nodes.document) -> dict[str, str]:
    """The rows of the table headed *Subtype*, *Raised when*: first cell to second."""
    for table in doctree.findall(nodes.table):
        head = [entry.astext() for entry in next(table.findall(nodes.thead)).findall(nodes.entry)]
        if head == ["Subtype", "Raised when"]:
            rows = [row.findall(nodes.entry) for row in table.findall(nodes.row)][1:]
            return {next(cells).astext(): squash(next(cells).astext()) for cells in rows}
    raise AssertionError("no subtype table")


def test_subtype_table_rows_are_exactly_the_subtypes(reference: nodes.document) -> None:
    rows = subtype_rows(reference)
    assert list(rows) == [f"rai.{s.value}" for s in Subtype]
    for subtype in Subtype:
        assert rendered_pattern(subtype.help).fullmatch(rows[f"rai.{subtype.value}"]), subtype


def test_help_references_are_cross_references(reference: nodes.document) -> None:
    """The roles in the help texts became cross-references (the nitpicky build of the fixture
    warns about any that does not resolve)."""
    targets = {(x["reftype"], x["reftarget"]) for x in reference.findall(addnodes.pending_xref)}
    for help in [s.help for s in SETTINGS] + [s.help for s in Subtype]:
        for markup in MARKUP.finditer(help):
            if markup["role"]:
                role = markup["role"].rpartition(":")[2]
                target = re.sub(r"^.*<(.+)>$", r"\1", markup["target"])
                assert (role, target) in targets, markup[0]
