"""Print: the LaTeX build of the example project compiles to PDF, every guidance link in it
is a live link, and its address is printed (``latex_show_urls = "footnote"``)."""

from __future__ import annotations

import html
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
