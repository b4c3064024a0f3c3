"""The linking roles as Sphinx users write them: link text first and the target in angle
brackets, default texts that name the service and the kind, the old ``:rai:`Face <privacy>```
form with its deprecation warning, and the same texts through intersphinx."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from docutils import nodes
from sphinx.testing.util import SphinxTestApp

import sphinxext_rai

BUNDLED = Path(sphinxext_rai.__file__).parent / "formats" / "data" / "azure-ai-services.json"
FACE = "Azure AI Vision - Face"
#: Kind headings, as the reference lists them ("Kinds of document").
TRANSPARENCY = "Transparency note"
PRIVACY = "Data, privacy, and security"
LIMITED_ACCESS = "Limited access"
#: The one document of the test root's own index (research.yaml).
RESEARCH_CARD = "https://contoso.example/research/model-card"


def published(service: str, kind: str) -> str:
    """The address of *service*'s first document of *kind* in the bundled index."""
    data = json.loads(BUNDLED.read_text(encoding="utf-8"))
    entry = next(s for s in data["services"] if s["name"] == service)
    return str(next(g["url"] for g in entry["guidance"] if g["kind"] == kind))


def roles(app: SphinxTestApp) -> list[tuple[str, str]]:
    """(text, address) of every rai role of the index page; no address when unlinked."""
    doctree = app.env.get_doctree("index")
    return [
        (node.astext(), node.get("refuri", ""))
        for node in doctree.findall(nodes.Element)
        if "rai-role" in node["classes"]
    ]


def warning_lines(app: SphinxTestApp) -> list[str]:
    text = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    return [line for line in text.splitlines() if "WARNING" in line]


def line_of(app: SphinxTestApp, start: str) -> int:
    """The line of the test page that starts with *start*."""
    lines = (Path(app.srcdir) / "index.rst").read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.startswith(start))


def warnings_at(app: SphinxTestApp, start: str) -> list[str]:
    """The warnings located at the line of the test page that starts with *start*."""
    where = f"index.rst:{line_of(app, start)}: WARNING: "
    return [line.split(where, 1)[1] for line in warning_lines(app) if where in line]


@pytest.mark.sphinx("html", testroot="roles", freshenv=True)
def test_link_text_and_default_texts(app: SphinxTestApp) -> None:
    app.build()
    privacy = published(FACE, "privacy")
    transparency = published(FACE, "transparency")
    assert roles(app) == [
        # Without link text: the service, and the heading of the kind linked to.
        (f"{FACE}: {TRANSPARENCY}", transparency),
        (f"{FACE}: {PRIVACY}", privacy),
        (f"{FACE}: {LIMITED_ACCESS}", published(FACE, "limited-access")),
        # Link text first, the target in angle brackets, as in any Sphinx role.
        ("privacy notes", privacy),
        ("privacy notes", transparency),
        # The old form keeps its link and its text; so does what the warning suggests.
        ("Face", privacy),
        ("Face", privacy),
        # "research" is a kind and a service: read as the service.
        ("Face", RESEARCH_CARD),
        ("Face", ""),
        ("privacy notes", ""),
    ]


@pytest.mark.sphinx("html", testroot="roles", freshenv=True)
def test_the_old_form_warns_and_says_what_to_write(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_at(app, "Old form:") == [
        "rai role: 'Face <privacy>' is the old form SERVICE <KIND>; write "
        ":rai:`Face <Face/privacy>` to keep the link text 'Face', or :rai:`Face/privacy` for "
        f"the default text '{FACE}: {PRIVACY}' [rai.deprecated_syntax]"
    ]
    assert warnings_at(app, "Both a kind and a service:") == [
        "rai role: 'research' in 'Face <research>' is both a kind and the name of Contoso - "
        "Research, read as the service; write :rai:`Face <Face/research>` for the research "
        "document of Face, or :rai:`Face <Contoso - Research>` to link to the service without "
        "this warning [rai.deprecated_syntax]"
    ]
    # Every new form is quiet, the suggested rewrite of the old form included.
    for quiet in ("Default:", "Kind:", "Spaced kind:", "Text:", "Text for a service:"):
        assert warnings_at(app, quiet) == [], quiet
    assert warnings_at(app, "The old form's rewrite:") == []


@pytest.mark.sphinx("html", testroot="roles", freshenv=True)
def test_a_target_naming_nothing_says_how_it_was_read(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_at(app, "Unknown target:") == [
        "unknown AI service 'nonsense' (in :rai:`Face <nonsense>` the name in angle brackets "
        "is the service, or SERVICE/KIND) [rai.unknown_service]"
    ]
    assert warnings_at(app, "Old form of an unknown service:") == [
        "unknown AI service 'privacy notes' (read as the old form SERVICE <KIND>; for link "
        "text of your own write :rai:`privacy notes <SERVICE/privacy>`) [rai.unknown_service]"
    ]


@pytest.mark.sphinx(
    "html",
    testroot="roles",
    freshenv=True,
    confoverrides={"suppress_warnings": ["rai.deprecated_syntax", "rai.unknown_service"]},
)
def test_the_deprecation_can_be_silenced(app: SphinxTestApp) -> None:
    app.build()
    assert warning_lines(app) == []
    assert ("Face", published(FACE, "privacy")) in roles(app)


@pytest.mark.sphinx("html", testroot="roles", freshenv=True)
def test_cross_references_take_link_text(app: SphinxTestApp) -> None:
    app.build()
    page = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert cross_references(page) == [
        (FACE, "#rai-azure-ai-vision-face"),
        ("our face matcher", "#rai-azure-ai-vision-face"),
        (f"{FACE}: {PRIVACY}", "#rai-azure-ai-vision-face-privacy"),
        ("privacy notes", "#rai-azure-ai-vision-face-privacy"),
    ]


def cross_references(page: str) -> list[tuple[str, str]]:
    """(text, href) of every link to a rai object in an HTML page, in page order."""
    found = re.findall(r'<a [^>]*href="([^"]*#rai-[^"]*)"[^>]*>(.*?)</a>', page, re.S)
    return [(re.sub(r"<[^>]+>", "", inner).strip(), href) for href, inner in found]


#: The same references, written in the project that shows the guidance and in another one.
REFERENCES = """\
:rai:service:`Face`

:rai:service:`our face matcher <Face>`

:rai:guidance:`Face/privacy`

:rai:guidance:`privacy notes <Face/privacy>`
"""


def test_through_intersphinx_the_texts_are_the_same(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    """Project B shows Face's guidance; project A shows none and links to B through B's
    inventory, read from disk."""
    b_src = tmp_path / "b"
    b_src.mkdir()
    (b_src / "conf.py").write_text(
        "extensions = ['sphinxext_rai']\nproject = 'guide'\n", encoding="utf-8"
    )
    (b_src / "index.rst").write_text(
        "Guide\n=====\n\n.. rai-guidance:: Face\n\n.. toctree::\n\n   refs\n", encoding="utf-8"
    )
    (b_src / "refs.rst").write_text("References\n==========\n\n" + REFERENCES, encoding="utf-8")
    b = make_app("html", srcdir=b_src, freshenv=True)
    b.build()
    assert b.warning.getvalue() == ""
    b.cleanup()  # unregister node classes before the next app in this process
    inventory = Path(b.outdir) / "objects.inv"

    a_src = tmp_path / "a"
    a_src.mkdir()
    (a_src / "conf.py").write_text(
        "extensions = ['sphinxext_rai', 'sphinx.ext.intersphinx']\nproject = 'app'\n"
        f"intersphinx_mapping = {{'guide': ('https://guide.example/', {str(inventory)!r})}}\n",
        encoding="utf-8",
    )
    (a_src / "index.rst").write_text(
        "App\n===\n\n" + REFERENCES + "\n:external+guide:rai:service:`azure-ai-vision-face`\n\n"
        ":external+guide:rai:guidance:`azure-ai-vision-face/privacy`\n",
        encoding="utf-8",
    )
    a = make_app("html", srcdir=a_src, freshenv=True)
    a.build()
    assert a.warning.getvalue() == ""

    in_b = cross_references((Path(b.outdir) / "refs.html").read_text(encoding="utf-8"))
    in_a = cross_references((Path(a.outdir) / "index.html").read_text(encoding="utf-8"))
    texts = [FACE, "our face matcher", f"{FACE}: {PRIVACY}", "privacy notes"]
    assert [text for text, _href in in_b] == texts
    assert [text for text, _href in in_a] == [*texts, FACE, f"{FACE}: {PRIVACY}"]
    # A's links lead to the pages of B that B's own links lead to.
    assert [href for _text, href in in_a[:4]] == [
        "https://guide.example/" + href for _text, href in in_b
    ]
