"""The rai-guidance directive and the rai role, through real Sphinx builds."""

from __future__ import annotations

from typing import TypeVar

import pytest
from docutils import nodes
from sphinx.testing.util import SphinxTestApp

import sphinxext_rai
from sphinxext_rai.sphinx_ext.blocks import expanded_doctree

FACE_TRANSPARENCY = (
    "https://learn.microsoft.com/legal/cognitive-services/face/transparency-note"
    "?context=/azure/ai-services/computer-vision/context/context"
)
FACE_PRIVACY = (
    "https://learn.microsoft.com/legal/cognitive-services/face/data-privacy-security"
    "?context=/azure/ai-services/computer-vision/context/context"
)
N = TypeVar("N", bound=nodes.Node)
PERSONALIZER_TRANSPARENCY = (
    "https://learn.microsoft.com/azure/ai-services/personalizer/responsible-use-cases"
)


def by_class(tree: nodes.Node, name: str) -> list[nodes.Element]:
    """Every element carrying the CSS class *name*, in document order."""
    return [n for n in tree.findall(nodes.Element) if name in n.get("classes", [])]


def child(tree: nodes.Node, kind: type[N]) -> N:
    """The first descendant of type *kind*, which must exist."""
    found = tree.next_node(kind)
    assert found is not None, kind
    return found


def links(tree: nodes.Node) -> list[tuple[str, str]]:
    """(text, URL) of every guidance link below *tree* (not the source in the footer)."""
    return [
        (r.astext(), r["refuri"])
        for r in tree.findall(nodes.reference)
        if "refuri" in r and "rai-link" in r["classes"]
    ]


@pytest.mark.sphinx("html", testroot="basic")
def test_setup_metadata_is_honest(app: SphinxTestApp) -> None:
    extension = app.extensions["sphinxext_rai"]
    assert extension.version == sphinxext_rai.__version__
    assert extension.parallel_read_safe is True
    assert extension.parallel_write_safe is True
    assert "sphinx_design" in app.extensions


@pytest.mark.sphinx("html", testroot="basic")
def test_builds_without_warnings(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""


@pytest.mark.sphinx("html", testroot="basic")
def test_cards_one_per_service(app: SphinxTestApp) -> None:
    app.build()
    doctree = expanded_doctree(app.env, "index")
    block = by_class(doctree, "rai-layout-cards")[0]
    cards = by_class(block, "rai-card-service")
    assert [by_class(c, "rai-card-title")[0].astext() for c in cards] == [
        "Azure AI Vision - Face",
        "Speech - Speaker Recognition",
    ]
    assert by_class(cards[0], "rai-card-family")[0].astext() == "Azure AI Vision"
    face_links = links(cards[0])
    assert face_links[0] == ("Transparency note and use cases", FACE_TRANSPARENCY)
    assert ("Data privacy and security", FACE_PRIVACY) in face_links
    assert len(face_links) == 5
    assert len(links(cards[1])) == 5
    assert "two-services" in block["ids"]
    # sphinx-design's grid and card shape, so its stylesheet applies.
    assert by_class(block, "sd-container-fluid")
    assert by_class(block, "sd-row-cols-lg-3")
    assert all("sd-card" in c["classes"] for c in cards)


@pytest.mark.sphinx("html", testroot="basic")
def test_single_service_gets_a_clickable_card_per_document(app: SphinxTestApp) -> None:
    app.build()
    doctree = expanded_doctree(app.env, "index")
    block = by_class(doctree, "rai-layout-cards")[1]
    assert by_class(block, "rai-title")[0].astext() == "Personalizer"
    cards = by_class(block, "rai-card-document")
    assert len(cards) == 4
    first = links(cards[0])
    assert first == [("Transparency note", PERSONALIZER_TRANSPARENCY)]
    stretched = by_class(cards[0], "sd-stretched-link")
    assert stretched and stretched[0]["refuri"] == PERSONALIZER_TRANSPARENCY
    assert by_class(cards[3], "rai-card-label")[0].astext() == "Data and privacy"


@pytest.mark.sphinx("html", testroot="basic")
def test_table_has_a_column_per_kind_and_marks_gaps(app: SphinxTestApp) -> None:
    app.build()
    doctree = expanded_doctree(app.env, "index")
    table = next(iter(doctree.findall(nodes.table)))
    assert "rai-table" in table["classes"]
    assert child(table, nodes.title).astext() == "Guidance for two services"
    head = [e.astext() for e in child(table, nodes.thead).findall(nodes.entry)]
    assert head == [
        "Service",
        "Transparency note",
        "Data, privacy, and security",
        "Limited access",
        "Code of conduct",
    ]
    rows = list(child(table, nodes.tbody).findall(nodes.row))
    cells = [[e.astext() for e in row.findall(nodes.entry)] for row in rows]
    assert cells[0][0] == "Anomaly Detector"
    assert cells[0][3] == "\u2014"  # Anomaly Detector publishes no limited-access document
    assert cells[0][4] == "\u2014"
    assert cells[1] == [
        "Azure OpenAI Service",
        "Transparency note",
        "Data, privacy, and security",
        "Limited access",
        "Code of conduct",
    ]


@pytest.mark.sphinx("html", testroot="basic")
def test_list_layout_with_kind_filter(app: SphinxTestApp) -> None:
    app.build()
    doctree = expanded_doctree(app.env, "index")
    block = by_class(doctree, "rai-layout-list")[0]
    assert by_class(block, "rai-list-service")[0].astext() == "Language Understanding"
    assert [text for text, _ in links(block)] == [
        "Transparency note and use cases",
        "Data, privacy, and security",
    ]


@pytest.mark.sphinx("html", testroot="basic")
def test_family_selection_in_another_page(app: SphinxTestApp) -> None:
    app.build()
    doctree = expanded_doctree(app.env, "other")
    rows = list(doctree.findall(nodes.row))[1:]
    names = [next(iter(r.findall(nodes.entry))).astext() for r in rows]
    assert names == [
        "Speech - Pronunciation Assessment",
        "Speech - Speaker Recognition",
        "Speech - Custom Neural Voice",
        "Speech - Text to speech",
        "Speech - Speech to text",
    ]


@pytest.mark.sphinx("html", testroot="basic")
def test_role_links_to_transparency_note_or_named_kind(app: SphinxTestApp) -> None:
    app.build()
    doctree = expanded_doctree(app.env, "index")
    roles = by_class(doctree, "rai-role")
    # Without link text the role says what it links to: the service and the kind's heading.
    assert [(r.astext(), r["refuri"]) for r in roles] == [
        ("Azure AI Vision - Face: Transparency note", FACE_TRANSPARENCY),
        ("Azure AI Vision - Face: Data, privacy, and security", FACE_PRIVACY),
        ("its data policy", FACE_PRIVACY),
    ]
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert 'href="#two-services"' in html
    assert 'href="#guidance-table"' in html
    assert ">Guidance for two services</span></a>" in html


@pytest.mark.sphinx("html", testroot="basic")
def test_every_created_element_has_a_rai_class_and_a_source_line(app: SphinxTestApp) -> None:
    app.build()
    doctree = expanded_doctree(app.env, "index")
    for block in by_class(doctree, "rai-guidance"):
        assert block.line is not None and block.source is not None
        for node in block.findall(nodes.Element):
            assert node.line is not None, node
        for node in block.findall(nodes.container):
            assert any(c.startswith("rai-") for c in node["classes"]), node


@pytest.mark.sphinx("html", testroot="basic")
def test_html_links_are_external_and_described(app: SphinxTestApp) -> None:
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert f'href="{FACE_TRANSPARENCY}"' in html.replace("&amp;", "&")
    assert 'title="Azure AI Vision - Face: Transparency note and use cases' in html
    assert "rai.css" in html
    assert (app.outdir / "_static" / "rai.css").is_file()


@pytest.mark.sphinx(
    "html",
    testroot="basic",
    confoverrides={"rai_keep_context": False, "rai_locale": "en-us", "rai_new_tab": True},
)
def test_url_presentation_options(app: SphinxTestApp) -> None:
    app.build()
    doctree = expanded_doctree(app.env, "index")
    urls = [url for _, url in links(by_class(doctree, "rai-layout-cards")[0])]
    assert urls[0] == (
        "https://learn.microsoft.com/en-us/legal/cognitive-services/face/transparency-note"
    )
    assert not any("context=" in u for u in urls)
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert 'target="_blank"' in html


@pytest.mark.sphinx(
    "html",
    testroot="basic",
    confoverrides={"rai_default_layout": "list", "rai_default_kinds": ["privacy"]},
)
def test_config_defaults_apply_when_the_directive_is_silent(app: SphinxTestApp) -> None:
    app.build()
    doctree = expanded_doctree(app.env, "index")
    first = by_class(doctree, "rai-guidance")[0]
    assert "rai-layout-list" in first["classes"]
    assert [t for t, _ in links(first)] == [
        "Data privacy and security",
        "Data, privacy, and security",
    ]


@pytest.mark.sphinx("html", testroot="basic", confoverrides={"rai_link_text": "kind"})
def test_link_text_kind(app: SphinxTestApp) -> None:
    app.build()
    doctree = expanded_doctree(app.env, "index")
    first = by_class(doctree, "rai-guidance")[0]
    assert links(first)[0] == ("Transparency note", FACE_TRANSPARENCY)


@pytest.mark.sphinx("html", testroot="userindex")
def test_user_index_adds_and_extends_services(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    doctree = expanded_doctree(app.env, "index")
    cards = by_class(doctree, "rai-card-service")
    assert by_class(cards[0], "rai-card-title")[0].astext() == "Contoso - Vision Model"
    assert links(cards[0]) == [
        ("Model card", "https://contoso.example/cvm/model-card"),
        ("Data handling", "https://contoso.example/cvm/data-privacy"),
    ]
    face = links(cards[1])
    assert face[0] == ("Transparency note and use cases", FACE_TRANSPARENCY)
    assert face[-1] == ("Contoso review of Face", "https://contoso.example/reviews/face")
    speech = links(expanded_doctree(app.env, "speech"))
    assert speech == [
        ("Transparency note", "https://learn.microsoft.com/internal/speech/transparency-note")
    ]


OPTIONS_PAGE = """\
Options
=======

.. rai-guidance:: Personalizer
   :family: Speech
   :cards: service
   :columns: 1 1 2 4
   :class: house-style wide
   :title: Speech and Personalizer
   :link-text: kind

.. rai-guidance:: Face
   :cards: service
   :no-title:

.. rai-guidance::
   :layout: table
   :no-title:

   Face
   LUIS
"""


@pytest.mark.sphinx("html", testroot="basic")
def test_every_remaining_option(app: SphinxTestApp) -> None:
    (app.srcdir / "other.rst").write_text(OPTIONS_PAGE, encoding="utf-8")
    app.build()
    assert app.warning.getvalue() == ""
    doctree = expanded_doctree(app.env, "other")
    first, second, third = by_class(doctree, "rai-guidance")
    # :family: adds the whole family after the named service; :cards: service gives a card
    # per service even where one service would get a card per document.
    titles = [by_class(c, "rai-card-title")[0].astext() for c in by_class(first, "rai-card")]
    assert titles[0] == "Personalizer" and len(titles) == 6
    assert titles[1:] == [
        "Speech - Pronunciation Assessment",
        "Speech - Speaker Recognition",
        "Speech - Custom Neural Voice",
        "Speech - Text to speech",
        "Speech - Speech to text",
    ]
    row = by_class(first, "sd-row")[0]
    assert {"sd-row-cols-xs-1", "sd-row-cols-sm-1", "sd-row-cols-md-2", "sd-row-cols-lg-4"} <= set(
        row["classes"]
    )
    assert {"house-style", "wide"} <= set(first["classes"])
    assert by_class(first, "rai-title")[0].astext() == "Speech and Personalizer"
    # :link-text: kind uses the kind's heading, except where a service has several documents
    # of one kind (Custom Neural Voice's three disclosure documents keep their labels).
    assert links(by_class(first, "rai-card")[0])[0][0] == "Transparency note"
    voice = [t for t, _ in links(by_class(first, "rai-card")[3])]
    assert "Disclosure of voice talent" in voice and "Disclosure" not in voice
    assert by_class(second, "rai-card-service") and not by_class(second, "rai-title")
    # Names in the content, one per line; :no-title: leaves the table without a caption.
    table = next(iter(third.findall(nodes.table)))
    assert table.next_node(nodes.title) is None
    body = child(table, nodes.tbody)
    names = [child(row, nodes.strong).astext() for row in body.findall(nodes.row)]
    assert names == ["Azure AI Vision - Face", "Language Understanding"]
