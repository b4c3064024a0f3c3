"""The text the extension generates stays out of the project's message catalogs: only what
the author wrote is extracted, and a translated page keeps every guidance link."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from sphinx.testing.util import SphinxTestApp

from sphinxext_rai.formats.bundled import load_bundled

MakeApp = type[SphinxTestApp]


def authored(page: Path) -> set[str]:
    """What the author wrote in a page of titles, paragraphs and directives: each title and
    each paragraph (lines joined), not the directives."""
    found: set[str] = set()
    for block in page.read_text(encoding="utf-8").split("\n\n"):
        lines = block.strip("\n").splitlines()
        if not lines or lines[0].startswith((" ", "..")):
            continue
        if len(lines) == 2 and set(lines[1]) <= set("=-~"):
            found.add(lines[0])
        else:
            found.add(" ".join(lines))
    return found


#: The services the page shows.
SHOWN = (
    "Face",
    "Anomaly Detector",
    "Personalizer",
    "Azure OpenAI Service",
    "Spatial Analysis",
    "Custom Neural Voice",
)
LINK = re.compile(r'<a class="[^"]*\brai-link\b[^"]*" href="([^"]+)"')


def project(rootdir: Path, target: Path) -> Path:
    shutil.copytree(rootdir / "test-i18n", target)
    return target


def test_only_what_the_author_wrote_is_extracted(
    make_app: MakeApp, rootdir: Path, tmp_path: Path
) -> None:
    app = make_app("gettext", srcdir=project(rootdir, tmp_path / "src"))
    app.build()
    with (Path(app.outdir) / "index.pot").open("rb") as handle:
        catalog = read_po(handle)
    expected = authored(rootdir / "test-i18n" / "index.rst")
    assert len(expected) >= 7  # the title, five section titles, the paragraph
    assert {m.id for m in catalog if m.id} == expected


def test_a_translated_page_keeps_its_guidance_links(
    make_app: MakeApp, rootdir: Path, tmp_path: Path
) -> None:
    source = project(rootdir, tmp_path / "src")
    original = make_app("html", srcdir=source, builddir=tmp_path / "original")
    original.build()
    links = LINK.findall((Path(original.outdir) / "index.html").read_text("utf-8"))
    original.cleanup()
    assert len(links) >= 15

    # A translator's catalog: the author's text, and every name and label the page shows.
    index = load_bundled()
    shown = [index.find(name) for name in SHOWN]
    written = authored(rootdir / "test-i18n" / "index.rst")
    messages = {*written, *(s.name for s in shown), *(g.label for s in shown for g in s.guidance)}
    catalog = Catalog(locale="de")
    for message in sorted(messages):
        catalog.add(message, f"Ü {message}")
    path = source / "locales" / "de" / "LC_MESSAGES" / "index.po"
    path.parent.mkdir(parents=True)
    with path.open("wb") as handle:
        write_po(handle, catalog)
    app = make_app(
        "html",
        srcdir=source,
        builddir=tmp_path / "translated",
        confoverrides={"language": "de", "locale_dirs": ["locales"]},
    )
    app.build()
    page = (Path(app.outdir) / "index.html").read_text("utf-8")
    assert "Ü Translated labels" in page  # the author's text is translated
    assert LINK.findall(page) == links  # and not one guidance link is lost
