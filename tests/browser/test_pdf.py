"""Print: the LaTeX build of the example project compiles to PDF, every guidance link in it
is a live link, and its address is printed (``latex_show_urls = "footnote"``)."""

from __future__ import annotations

import html
import posixpath
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import unavailable
from .showcase import EXAMPLE, PAGES, Builds, sphinx_build
from .test_links import target

HREF = re.compile(r'<a class="[^"]*\brai-link\b[^"]*" href="([^"]+)"')


def squashed(text: str) -> str:
    """*text* without white space (PDF text breaks long addresses over lines)."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example project as a PDF, through Sphinx's LaTeX builder and latexmk."""
    for tool in ("latexmk", "pdflatex"):
        if shutil.which(tool) is None:
            unavailable(f"no `{tool}` on PATH (Debian packages latexmk, texlive-latex-extra)")
    outdir = tmp_path_factory.mktemp("latex")
    build = sphinx_build(EXAMPLE, outdir, "latex", {}, "-nW", "--keep-going")
    assert (build.returncode, build.stderr) == (0, "")
    run = subprocess.run(
        ["latexmk", "-pdf", "-dvi-", "-ps-", "-interaction=nonstopmode", "-halt-on-error"],
        cwd=outdir,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-3000:]
    # Every internal link (a :ref:, a rai:service or rai:guidance reference) has its target.
    log = (outdir / "sphinxext-rai.log").read_text(encoding="utf-8", errors="replace")
    assert re.findall(r"Hyper reference `[^']*' on page \d+ undefined", log) == []
    return outdir / "sphinxext-rai.pdf"


def test_every_guidance_link_is_live_and_printed(pdf: Path, builds: Builds) -> None:
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    assert len(reader.pages) > 10
    annotated = set()
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                annotated.add(str(action["/URI"]))
    printed = squashed("\n".join(page.extract_text() for page in reader.pages))
    site = builds.real("alabaster")
    links = {
        target(html.unescape(href))
        for page in PAGES
        for href in HREF.findall(site.page(page).read_text(encoding="utf-8"))
    }
    assert len(links) >= 90
    assert sorted(links - annotated) == []
    assert sorted(u for u in links if squashed(u.removeprefix("mailto:")) not in printed) == []
    for title in ("Transparency note and use cases", "Contoso policy on storing face data"):
        assert squashed(title) in printed


#: A link into a guidance block, as the HTML pages have it: its page and the id there.
INTERNAL = re.compile(r'<a class="[^"]*\breference internal\b[^"]*" href="([^"#]*)#(rai-[^"]+)"')


def brace_groups(text: str) -> list[str]:
    """The top-level ``{...}`` groups of *text*, in order."""
    groups, depth, start = [], 0, 0
    for position, char in enumerate(text):
        if char == "{":
            depth += 1
            if depth == 1:
                start = position + 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                groups.append(text[start:position])
    return groups


def test_every_rai_cross_reference_is_a_live_link_in_the_pdf(pdf: Path, builds: Builds) -> None:
    """Each link of a page into a guidance block (rai:service, rai:guidance, :ref: to a
    :name:) is a link annotation in the PDF, to a destination the PDF defines at the label
    of that block's element (LaTeX's .aux file says which destination each label has)."""
    from pypdf import PdfReader

    site = builds.real("alabaster")
    expected = set()
    for path in sorted(site.outdir.rglob("*.html")):
        page = path.relative_to(site.outdir).with_suffix("").as_posix()
        if page in ("genindex", "search"):  # LaTeX makes an index of its own
            continue
        for href, node_id in INTERNAL.findall(path.read_text(encoding="utf-8")):
            where = posixpath.join(posixpath.dirname(page), href) if href else page
            expected.add(f"{posixpath.normpath(where).removesuffix('.html')}:{node_id}")
    assert len(expected) >= 5
    # \newlabel{LABEL}{{number}{page}{title}{destination}{}}
    destination_of = {}
    for line in (pdf.parent / "sphinxext-rai.aux").read_text(errors="replace").splitlines():
        if line.startswith("\\newlabel{"):
            label, value = brace_groups(line.removeprefix("\\newlabel"))[:2]
            fields = brace_groups(value)
            if len(fields) >= 4:
                destination_of[label] = fields[3]
    assert sorted(expected - set(destination_of)) == []
    reader = PdfReader(pdf)
    named = set(reader.named_destinations)
    linked = set()
    for pdf_page in reader.pages:
        for annotation in pdf_page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and action.get("/S") == "/GoTo":
                linked.add(str(action["/D"]))
    wanted = {destination_of[label] for label in expected}
    assert sorted(wanted - named) == []
    assert sorted(wanted - linked) == []
