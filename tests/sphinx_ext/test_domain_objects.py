"""The ``rai`` domain: objects in objects.inv and the general index, cross-references within
the project and through intersphinx, and the roles that show an index's source."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from io import StringIO
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

FACE = "azure-ai-vision-face"


#: Reads an objects.inv: {object type: {name: URI}} (the ``objects_inv`` fixture).
Inventory = Callable[[Path], dict[str, dict[str, str]]]


def html(app: SphinxTestApp, page: str) -> str:
    return (Path(app.outdir) / f"{page}.html").read_text(encoding="utf-8")


def anchors(text: str) -> dict[str, str]:
    """Link text (tags stripped) -> href, for every link in an HTML page."""
    found = {}
    for href, inner in re.findall(r'<a [^>]*href="([^"]*)"[^>]*>(.*?)</a>', text, re.S):
        found[re.sub(r"<[^>]+>", "", inner).strip()] = href
    return found


@pytest.mark.sphinx("html", testroot="domain", freshenv=True)
def test_services_and_documents_are_in_objects_inv(
    app: SphinxTestApp, objects_inv: Inventory
) -> None:
    app.build()
    objects = objects_inv(Path(app.outdir) / "objects.inv")
    # The first page in name order that shows the service with an id: not aaa-hidden,
    # whose directive is :no-index:.
    assert objects["rai:service"][FACE] == f"shows.html#rai-{FACE}"
    assert objects["rai:service"]["speech-speaker-recognition"] == (
        "shows.html#rai-speech-speaker-recognition"
    )
    assert objects["rai:guidance"][f"{FACE}/privacy"] == f"shows.html#rai-{FACE}-privacy"
    assert objects["rai:guidance"]["speech-speaker-recognition/transparency"] == (
        "shows.html#rai-speech-speaker-recognition-transparency"
    )
    # Only what is shown: the table shows transparency notes alone for Speaker Recognition.
    assert "speech-speaker-recognition/privacy" not in objects["rai:guidance"]
    assert "anomaly-detector" not in objects["rai:service"]


@pytest.mark.sphinx("html", testroot="domain", freshenv=True)
def test_targets_exist_and_ids_stay_unique_in_a_page(app: SphinxTestApp) -> None:
    app.build()
    page = html(app, "shows")
    ids = re.findall(r'id="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    # The first card of Face is the target; Face's row in the table, second on the page, is
    # numbered.
    assert re.search(rf'<div class="[^"]*rai-card[^"]*" id="rai-{FACE}"', page)
    assert f'id="rai-{FACE}-2"' in page
    assert f'id="rai-{FACE}-transparency-2"' in page
    hidden = html(app, "aaa-hidden")
    assert f'id="rai-{FACE}' not in hidden


@pytest.mark.sphinx("html", testroot="domain", freshenv=True)
def test_shown_services_are_in_the_general_index(app: SphinxTestApp) -> None:
    app.build()
    genindex = html(app, "genindex")
    links = anchors(genindex)
    assert links["Azure AI Vision - Face (AI service)"] == f"shows.html#rai-{FACE}"
    assert "Speech - Speaker Recognition (AI service)" in links
    # Under its family too.
    assert re.search(r"Azure AI Vision.*?Face", genindex, re.S)
    assert "Anomaly Detector (AI service)" not in genindex


def references(text: str) -> list[tuple[str, str, str]]:
    """(role, text, href) of every cross-reference in an HTML page, in page order."""
    found = re.findall(
        r'<a class="reference [^"]*" href="([^"]*)"[^>]*><span class="xref ([^"]*)">(.*?)'
        r"</span></a>",
        text,
    )
    return [(classes.split()[-1], inner, href) for href, classes, inner in found]


@pytest.mark.sphinx("html", testroot="domain", freshenv=True)
def test_references_resolve_within_the_project(app: SphinxTestApp) -> None:
    app.build()
    # Without link text a reference shows its target's title: the service's name, and for
    # a document the service and the kind's heading (as objects.inv has them).
    service, privacy = f"shows.html#rai-{FACE}", f"shows.html#rai-{FACE}-privacy"
    assert references(html(app, "refs")) == [
        ("rai-service", "Azure AI Vision - Face", service),
        ("rai-guidance", "Azure AI Vision - Face: Data, privacy, and security", privacy),
        ("rai-guidance", "the Face privacy page", privacy),
        ("rai-service", "Azure AI Vision - Face", service),  # by slug
        # :any: (the link gets the classes of the role that resolved it)
        (
            "rai-guidance",
            "Azure AI Vision - Face: Characteristics and limitations",
            f"{service}-limitations",
        ),
        ("rai-service", "our face matcher", service),
    ]


@pytest.mark.sphinx("html", testroot="domain", freshenv=True)
def test_unresolvable_references_are_typed_warnings(app: SphinxTestApp, warning: StringIO) -> None:
    app.build()
    text = warning.getvalue()
    refs = str(Path(app.srcdir) / "refs.rst")
    assert re.search(
        rf"{re.escape(refs)}:\d+: WARNING: unknown AI service 'Nonexistent Service'.*"
        r"\[rai\.unknown_service\]",
        text,
    )
    assert re.search(
        r"WARNING: rai:guidance reference 'Face' must be SERVICE/KIND.*\[rai\.reference\]", text
    )
    assert re.search(
        r"WARNING: rai:service reference 'Anomaly Detector': no rai-guidance directive in the "
        r"project \(or in an intersphinx inventory\) shows Anomaly Detector; .*"
        r"\[rai\.reference\]",
        text,
    )
    # No second, untyped warning from Sphinx for the same references.
    assert "reference target not found" not in text
    links = anchors(html(app, "refs"))
    assert "Anomaly Detector" not in links
    assert "Nonexistent Service" not in links


@pytest.mark.sphinx("html", testroot="domain", freshenv=True, confoverrides={"nitpicky": True})
def test_nitpicky_builds_report_each_bad_reference_once(
    app: SphinxTestApp, warning: StringIO
) -> None:
    app.build()
    text = warning.getvalue()
    assert text.count("'Nonexistent Service'") == 1
    assert "reference target not found" not in text


@pytest.mark.sphinx("html", testroot="domain", freshenv=True)
def test_source_and_review_date_roles(app: SphinxTestApp) -> None:
    app.build()
    page = html(app, "refs")
    links = anchors(page)
    assert links["Overview of Responsible use of AI"] == (
        "https://learn.microsoft.com/azure/ai-services/responsible-use-of-ai-overview"
    )
    assert re.search(r"Reviewed: <span class=\"[^\"]*rai-reviewed[^\"]*\">2022-01-10</span>", page)


def test_other_projects_link_to_the_objects_through_intersphinx(
    make_app: Callable[..., SphinxTestApp], rootdir: Path, tmp_path: Path
) -> None:
    producer = SphinxTestApp(
        "html", srcdir=_copy(rootdir / "test-domain", tmp_path / "producer"), freshenv=True
    )
    try:
        producer.build()
    finally:
        producer.cleanup()
    consumer_src = tmp_path / "consumer"
    consumer_src.mkdir()
    (consumer_src / "conf.py").write_text(
        "extensions = ['sphinxext_rai', 'sphinx.ext.intersphinx']\n"
        "project = 'consumer'\n"
        "intersphinx_mapping = {'guide': ('https://guide.example/', "
        f"{str(Path(producer.outdir) / 'objects.inv')!r})}}\n",
        encoding="utf-8",
    )
    (consumer_src / "index.rst").write_text(
        "Consumer\n========\n\n"
        f":rai:service:`Face` and :external+guide:rai:guidance:`{FACE}/privacy`.\n",
        encoding="utf-8",
    )
    consumer = make_app("html", srcdir=consumer_src, freshenv=True)
    consumer.build()
    # The consumer shows no guidance itself: its references go to the producer's pages. The
    # rai role finds "Face" by any of its names; :external: takes the inventory's name, the slug.
    links = anchors(html(consumer, "index"))
    assert links["Azure AI Vision - Face"] == f"https://guide.example/shows.html#rai-{FACE}"
    assert links["Azure AI Vision - Face: Data, privacy, and security"] == (
        f"https://guide.example/shows.html#rai-{FACE}-privacy"
    )
    assert "rai." not in consumer.warning.getvalue()


def _copy(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("_build"))
    return target


@pytest.mark.sphinx("html", testroot="domain", freshenv=True)
def test_a_kind_shown_twice_targets_its_first_document(
    app: SphinxTestApp, objects_inv: Inventory
) -> None:
    app.build()
    voice = "speech-custom-neural-voice"
    assert objects_inv(Path(app.outdir) / "objects.inv")["rai:guidance"][f"{voice}/disclosure"] == (
        f"voice.html#rai-{voice}-disclosure"
    )
    page = html(app, "voice")
    first, second = (
        page.index(f'id="rai-{voice}-disclosure"'),
        page.index(f'id="rai-{voice}-disclosure-2"'),
    )
    assert first < second
