"""Every builder the extension supports builds the guidance without warnings, links included."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

import sphinxext_rai
from sphinxext_rai.sphinx_ext.events import STATIC_DIR

FACE_PATH = "legal/cognitive-services/face/transparency-note"
PERSONALIZER = "https://learn.microsoft.com/azure/ai-services/personalizer/responsible-use-cases"


def output_text(outdir: Path) -> str:
    """All text files a builder wrote, joined (binary files skipped)."""
    parts = []
    for path in sorted(outdir.rglob("*")):
        if path.is_file() and path.suffix in {".html", ".xhtml", ".tex", ".txt", ".1", ".texi"}:
            parts.append(path.read_text(encoding="utf-8", errors="replace"))
    return "\n".join(parts)


def as_read(text: str) -> str:
    """Man page *text* as a reader sees it: without font escapes (``\\fI`` ... ``\\fP``; docutils
    before 0.22 sets links in italics), ``\\%`` (no hyphenation) and terminal hyperlinks
    (``\\X'tty: link URL'``, from Sphinx 8.2), which only some terminals show."""
    return re.sub(r"\\X'[^']*'|\\f[BIPR]|\\%", "", text)


def squashed(text: str) -> str:
    """*text* as read, without white space (plain-text writers wrap long URLs) or man's other
    escapes (``\\-`` for a dash, ``\\:`` for a break point)."""
    return re.sub(r"\s+|\\[:&]", "", as_read(text)).replace("\\-", "-")


@pytest.mark.parametrize(
    "builder", ["html", "dirhtml", "singlehtml", "epub", "latex", "text", "man", "texinfo"]
)
def test_builder_shows_links_without_warnings(
    builder: str, make_app: type[SphinxTestApp], tmp_path: Path, rootdir: Path
) -> None:
    app = make_app(builder, srcdir=_copy_root(rootdir / "test-basic", tmp_path))
    app.build()
    assert app.warning.getvalue() == ""
    text = squashed(output_text(app.outdir))
    assert FACE_PATH in text
    assert PERSONALIZER in text
    assert "AzureOpenAIService" in text


@pytest.mark.parametrize("builder", ["text", "man"])
def test_plain_text_output_shows_urls_and_readable_cards(
    builder: str, make_app: type[SphinxTestApp], tmp_path: Path, rootdir: Path
) -> None:
    app = make_app(builder, srcdir=_copy_root(rootdir / "test-basic", tmp_path))
    app.build()
    text = squashed(output_text(app.outdir))
    # The link text is followed by its URL, so a reader of plain output can follow it.
    assert "Transparencynoteandusecases<https://learn.microsoft.com/" in text
    # Tables become lists: each document named by its kind, then its link.
    assert "Codeofconduct:Codeofconduct<https://" in text
    # Once: never a second copy of the URL after the first.
    assert "><https://" not in text


@pytest.mark.parametrize("show_urls", [False, True])
def test_man_pages_show_each_guidance_url_once(
    show_urls: bool, make_app: type[SphinxTestApp], tmp_path: Path, rootdir: Path
) -> None:
    app = make_app(
        "man",
        srcdir=_copy_root(rootdir / "test-basic", tmp_path),
        confoverrides={"man_show_urls": show_urls},
    )
    app.build()
    text = squashed(output_text(app.outdir))
    face = "Transparencynoteandusecases<https://learn.microsoft.com/" + FACE_PATH
    # The Face card of index.rst: its link followed by its URL, once.
    assert text.count(face) == 1
    assert "><https://" not in text


def test_latex_table_is_a_real_table(
    make_app: type[SphinxTestApp], tmp_path: Path, rootdir: Path
) -> None:
    app = make_app("latex", srcdir=_copy_root(rootdir / "test-basic", tmp_path))
    app.build()
    tex = output_text(app.outdir)
    assert "\\begin{tabulary}" in tex or "\\begin{longtable}" in tex
    assert "Guidance for two services" in tex
    assert "\\sphinxhref{" in tex or "\\href{" in tex


def _copy_root(source: Path, tmp_path: Path) -> Path:
    target = tmp_path / source.name
    shutil.copytree(source, target)
    return target


def test_man_page_cards_are_separate_list_items(
    make_app: type[SphinxTestApp], tmp_path: Path, rootdir: Path
) -> None:
    app = make_app("man", srcdir=_copy_root(rootdir / "test-basic", tmp_path))
    app.build()
    lines = output_text(app.outdir).splitlines()
    items = [as_read(lines[i + 1]) for i, line in enumerate(lines[:-1]) if line.startswith(".IP")]
    # Each of Personalizer's four document cards starts its own item, title first.
    for title in (
        "Transparency note",
        "Characteristics and limitations",
        "Integration and responsible use",
        "Data, privacy, and security",
    ):
        assert any(item.startswith(title) for item in items), title


def test_stylesheet_from_an_older_version_is_replaced_quietly(
    rootdir: Path, tmp_path: Path
) -> None:
    source = tmp_path / "src"
    shutil.copytree(rootdir / "test-basic", source, ignore=shutil.ignore_patterns("_build"))
    stale = tmp_path / "build" / "html" / "_static" / "rai.css"
    stale.parent.mkdir(parents=True)
    stale.write_text("/* an older stylesheet */\n", encoding="utf-8")
    app = SphinxTestApp("html", srcdir=source, builddir=tmp_path / "build")
    try:
        app.build()
    finally:
        app.cleanup()
    assert app.warning.getvalue() == ""
    assert stale.read_bytes() == (STATIC_DIR / "rai.css").read_bytes()


BUNDLED = Path(sphinxext_rai.__file__).parent / "formats" / "data" / "azure-ai-services.json"
EXAMPLE = Path(__file__).resolve().parents[2] / "example_project"


def published(service: str, kind: str) -> str:
    """The address of *service*'s first document of *kind* in the bundled index."""
    data = json.loads(BUNDLED.read_text(encoding="utf-8"))
    entry = next(s for s in data["services"] if s["name"] == service)
    return str(next(g["url"] for g in entry["guidance"] if g["kind"] == kind))


def text_lines(outdir: Path) -> list[str]:
    """Every line the text builder wrote, without its indentation."""
    return [line.strip() for line in output_text(outdir).splitlines()]


def test_text_output_writes_each_url_whole_on_a_line_of_its_own(
    make_app: type[SphinxTestApp], tmp_path: Path, rootdir: Path
) -> None:
    app = make_app("text", srcdir=_copy_root(rootdir / "test-basic", tmp_path))
    app.build()
    lines = text_lines(app.outdir)
    transparency = published("Azure AI Vision - Face", "transparency")
    privacy = published("Azure AI Vision - Face", "privacy")
    # The role in running text: "See :rai:`Face`, :rai:`Face/privacy` and :rai:`its data
    # policy <Face/privacy>`; back to ...". What follows a link without a space (a comma, a
    # semicolon) stays with its address; the sentence goes on on the next line.
    start = lines.index("See Azure AI Vision - Face: Transparency note")
    assert lines[start : start + 7] == [
        "See Azure AI Vision - Face: Transparency note",
        f"<{transparency}>,",
        "Azure AI Vision - Face: Data, privacy, and security",
        f"<{privacy}>",
        "and its data policy",
        f"<{privacy}>;",
        "back to the cards and to Guidance for two services.",
    ]
    # In lists each document is its label, then its address; items stay apart.
    luis = published("Language Understanding", "transparency")
    start = lines.index(f"<{luis}>") - 1
    assert lines[start : start + 4] == [
        "* Transparency note and use cases",
        f"<{luis}>",
        "",
        "* Data, privacy, and security",
    ]


def test_text_output_of_the_example_shows_every_url_whole(
    make_app: type[SphinxTestApp], tmp_path: Path
) -> None:
    srcdir = tmp_path / "example"
    shutil.copytree(EXAMPLE, srcdir, ignore=shutil.ignore_patterns("_build"))
    app = make_app("text", srcdir=srcdir)
    app.build()
    assert app.warning.getvalue() == ""
    lines = text_lines(app.outdir)
    face = published("Azure AI Vision - Face", "transparency")
    assert f"<{face}>" in lines
    # No address is cut: each one that opens on a line closes on it.
    cut = [line for line in lines if re.search(r"<(https?|mailto):[^>]*$", line)]
    assert cut == []


def test_text_output_keeps_an_address_shown_as_link_text_whole(
    make_app: type[SphinxTestApp], tmp_path: Path
) -> None:
    """An index without a title is named by its source: a long address, the link's text."""
    source = "https://docs.contoso.example/responsible-ai/indexes/vision-models-index-2026.yaml"
    srcdir = tmp_path / "untitled"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(
        "extensions = ['sphinxext_rai']\nrai_bundled_index = False\nrai_index = ['ours.yaml']\n",
        encoding="utf-8",
    )
    (srcdir / "ours.yaml").write_text(
        f'schema: "1"\nsource: {source}\ndate: "2026-01-15"\nservices:\n'
        "  - name: Contoso - Vision Model\n    guidance:\n      - label: Model card\n"
        "        kind: transparency\n        url: https://docs.contoso.example/model-card\n",
        encoding="utf-8",
    )
    (srcdir / "index.rst").write_text(
        "Ours\n====\n\n.. rai-guidance:: Contoso - Vision Model\n   :layout: list\n",
        encoding="utf-8",
    )
    app = make_app("text", srcdir=srcdir)
    app.build()
    assert app.warning.getvalue() == ""
    lines = text_lines(app.outdir)
    start = lines.index("Source:")
    assert lines[start : start + 3] == ["Source:", source, "(reviewed 2026-01-15)"]
