"""The labels the extension writes follow ``language``; ``rai_locale`` puts a locale in links."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from docutils import nodes
from sphinx.testing.util import SphinxTestApp

from sphinxext_rai.core.urls import locale_for_language
from sphinxext_rai.sphinx_ext.blocks import expanded_doctree

NBSP = "\u00a0"


@dataclass
class Element:
    """An HTML element: its tag, attributes, text, and the classes of the elements around it."""

    tag: str
    attrs: dict[str, str]
    around: frozenset[str]
    text: str = ""
    #: The text without what is there for screen readers only (class rai-sr-only).
    visible: str = ""

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()


class Page(HTMLParser):
    """Every element of an HTML page, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[Element] = []
        self._open: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "hr", "img", "input", "link", "meta"):
            return
        around = frozenset(c for e in self._open for c in e.classes)
        element = Element(tag, {k: v or "" for k, v in attrs}, around)
        self.elements.append(element)
        self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        while self._open and self._open.pop().tag != tag:
            pass

    def handle_data(self, data: str) -> None:
        hidden = any("rai-sr-only" in element.classes for element in self._open)
        for element in self._open:
            element.text += data
            if not hidden:
                element.visible += data

    def texts(self, tag: str, css_class: str, within: str | None = None) -> list[str]:
        """The text of each *tag* element with class *css_class* (inside one with class
        *within*)."""
        return [
            e.visible.strip()
            for e in self.elements
            if e.tag == tag and css_class in e.classes and (within is None or within in e.around)
        ]


def read_page(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@dataclass(frozen=True)
class Labels:
    """What tests/roots/test-i18n/index.rst must show, written out by hand per language."""

    service_card_links: list[str]
    no_documents: str
    document_card_titles: list[str]
    table_headers: list[str]
    list_links: list[str]
    role_title: str
    #: The default texts of :rai:`Face/privacy` and :rai:guidance:`Face/limited-access`.
    reference_texts: list[str]
    text_table_entry: str


ENGLISH = Labels(
    service_card_links=["Limited access"],
    no_documents="No guidance documents of the selected kinds.",
    document_card_titles=[
        "Transparency note",
        "Characteristics and limitations",
        "Integration and responsible use",
    ],
    table_headers=[
        "Service",
        "Transparency note",
        "Data, privacy, and security",
        "Limited access",
        "Code of conduct",
        "Disclosure",
        "Responsible deployment",
        "Research insights",
    ],
    list_links=["Limited access", "Responsible deployment", "Code of conduct"],
    role_title=(
        "Azure AI Vision - Face: Data privacy and security "
        "(Data, privacy, and security, external link)"
    ),
    reference_texts=[
        "Azure AI Vision - Face: Data, privacy, and security",
        "Azure AI Vision - Face: Limited access",
    ],
    text_table_entry="Code of conduct: Code of conduct <",
)
GERMAN = Labels(
    service_card_links=["Eingeschränkter Zugriff"],
    no_documents="Keine Dokumente der ausgewählten Arten.",
    document_card_titles=[
        "Transparenzhinweis",
        "Merkmale und Einschränkungen",
        "Integration und verantwortungsvolle Nutzung",
    ],
    table_headers=[
        "Dienst",
        "Transparenzhinweis",
        "Datenschutz und Sicherheit",
        "Eingeschränkter Zugriff",
        "Verhaltenskodex",
        "Offenlegung",
        "Verantwortungsvolle Bereitstellung",
        "Forschungserkenntnisse",
    ],
    list_links=["Eingeschränkter Zugriff", "Verantwortungsvolle Bereitstellung", "Verhaltenskodex"],
    role_title=(
        "Azure AI Vision - Face: Data privacy and security "
        "(Datenschutz und Sicherheit, externer Link)"
    ),
    reference_texts=[
        "Azure AI Vision - Face: Datenschutz und Sicherheit",
        "Azure AI Vision - Face: Eingeschränkter Zugriff",
    ],
    text_table_entry="Verhaltenskodex: Code of conduct <",
)
FRENCH = Labels(
    service_card_links=["Accès limité"],
    no_documents="Aucun document des types sélectionnés.",
    document_card_titles=[
        "Note de transparence",
        "Caractéristiques et limitations",
        "Intégration et utilisation responsable",
    ],
    table_headers=[
        "Service",
        "Note de transparence",
        "Confidentialité et sécurité des données",
        "Accès limité",
        "Code de conduite",
        "Divulgation",
        "Déploiement responsable",
        "Enseignements de la recherche",
    ],
    list_links=["Accès limité", "Déploiement responsable", "Code de conduite"],
    role_title=(
        f"Azure AI Vision - Face{NBSP}: Data privacy and security "
        "(Confidentialité et sécurité des données, lien externe)"
    ),
    reference_texts=[
        f"Azure AI Vision - Face{NBSP}: Confidentialité et sécurité des données",
        f"Azure AI Vision - Face{NBSP}: Accès limité",
    ],
    text_table_entry=f"Code de conduite{NBSP}: Code of conduct <",
)

#: confoverrides -> the labels expected; no override leaves Sphinx's default language.
CASES = [
    pytest.param({"language": "de"}, GERMAN, id="de"),
    pytest.param({"language": "fr"}, FRENCH, id="fr"),
    pytest.param({"language": "en"}, ENGLISH, id="en"),
    pytest.param({}, ENGLISH, id="unset"),
    # Sphinx picks a catalog for de_DE from de: so do the extension's labels.
    pytest.param({"language": "de_DE"}, GERMAN, id="de_DE"),
    # A language without a catalog of the extension keeps the English labels.
    pytest.param({"language": "ja"}, ENGLISH, id="ja"),
]


@pytest.mark.parametrize(("overrides", "expected"), CASES)
def test_html_labels_follow_language(
    make_app: type[SphinxTestApp], i18n_root: Path, overrides: dict[str, str], expected: Labels
) -> None:
    app = make_app("html", srcdir=i18n_root, confoverrides=overrides)
    app.build()
    assert app.warning.getvalue() == ""
    page = read_page(app.outdir / "index.html")
    assert page.texts("a", "rai-link", within="rai-card-service") == (expected.service_card_links)
    assert page.texts("p", "rai-missing", within="rai-card-service") == [expected.no_documents]
    assert page.texts("a", "rai-link", within="rai-card-document") == (
        expected.document_card_titles
    )
    assert page.texts("th", "head", within="rai-layout-table") == expected.table_headers
    assert page.texts("a", "rai-link", within="rai-list-documents") == expected.list_links
    assert [e.attrs["title"] for e in page.elements if "rai-role" in e.classes] == [
        expected.role_title
    ]
    references = [e for e in page.elements if e.tag == "a" and e.attrs.get("href")]
    shown = [e.visible.strip() for e in references if "rai-role" in e.classes]
    shown += page.texts("span", "rai-guidance")
    assert shown == expected.reference_texts


@pytest.mark.parametrize(("overrides", "expected"), CASES[:3])
def test_text_labels_follow_language(
    make_app: type[SphinxTestApp], i18n_root: Path, overrides: dict[str, str], expected: Labels
) -> None:
    app = make_app("text", srcdir=i18n_root, confoverrides=overrides)
    app.build()
    assert app.warning.getvalue() == ""
    # Join the lines the text writer wrapped (no-break spaces are kept).
    text = re.sub(r"[ \n]+", " ", (app.outdir / "index.txt").read_text(encoding="utf-8"))
    assert expected.text_table_entry in text
    assert expected.no_documents in text
    assert f"{expected.document_card_titles[0]} <https://" in text
    assert f"{expected.list_links[2]} <https://" in text


@pytest.mark.parametrize("builder", ["latex", "man", "texinfo"])
@pytest.mark.parametrize("language", ["de", "fr"])
def test_other_builders_build_translated_pages_without_warnings(
    make_app: type[SphinxTestApp], i18n_root: Path, builder: str, language: str
) -> None:
    app = make_app(builder, srcdir=i18n_root, confoverrides={"language": language})
    app.build()
    assert app.warning.getvalue() == ""
    written = "\n".join(
        p.read_text(encoding="utf-8")
        for p in app.outdir.iterdir()
        if p.suffix in {".tex", ".1", ".texi"}
    )
    expected = {"de": "Verhaltenskodex", "fr": "Code de conduite"}[language]
    assert expected in written


@pytest.fixture
def i18n_root(rootdir: Path, tmp_path: Path) -> Path:
    """A copy of the i18n test root: tests building with other settings share no output."""
    target = tmp_path / "test-i18n"
    shutil.copytree(rootdir / "test-i18n", target, ignore=shutil.ignore_patterns("_build"))
    return target


def first_segments(app: SphinxTestApp) -> set[str]:
    """The first path segment of every guidance link on the page."""
    doctree = expanded_doctree(app.env, "index")
    urls = [r["refuri"] for r in doctree.findall(nodes.reference) if "rai-link" in r["classes"]]
    assert len(urls) == 17
    assert all(u.startswith("https://learn.microsoft.com/") for u in urls)
    return {urlsplit(u).path.split("/")[1] for u in urls}


#: Without a locale, links start with the document's own path: /legal/... or /azure/...
NO_LOCALE = {"legal", "azure"}


@pytest.mark.parametrize(
    ("overrides", "segments"),
    [
        pytest.param({"language": "de", "rai_locale": "auto"}, {"de-de"}, id="de-auto"),
        pytest.param({"language": "fr", "rai_locale": "auto"}, {"fr-fr"}, id="fr-auto"),
        pytest.param({"language": "pt_BR", "rai_locale": "Auto"}, {"pt-br"}, id="pt_BR-auto"),
        pytest.param({"language": "en", "rai_locale": "auto"}, {"en-us"}, id="en-auto"),
        pytest.param({"rai_locale": "auto"}, {"en-us"}, id="unset-auto"),
        # An explicit locale wins over the language.
        pytest.param({"language": "de", "rai_locale": "fr-fr"}, {"fr-fr"}, id="de-explicit"),
        # Without rai_locale, the language changes the labels only.
        pytest.param({"language": "de"}, NO_LOCALE, id="de-none"),
    ],
)
def test_links_carry_the_locale_rai_locale_asks_for(
    make_app: type[SphinxTestApp], i18n_root: Path, overrides: dict[str, str], segments: set[str]
) -> None:
    app = make_app("html", srcdir=i18n_root, confoverrides=overrides)
    app.build()
    assert app.warning.getvalue() == ""
    assert first_segments(app) == segments


def test_auto_locale_without_a_region_warns_and_leaves_links_alone(
    make_app: type[SphinxTestApp], i18n_root: Path
) -> None:
    app = make_app(
        "html",
        srcdir=i18n_root,
        confoverrides={"language": "eo", "rai_locale": "auto"},
    )
    app.build()
    warnings = app.warning.getvalue()
    assert "rai_locale = 'auto': no Microsoft Learn locale is known for language 'eo'" in warnings
    assert "[rai.config]" in warnings
    assert warnings.count("WARNING") == 1
    assert first_segments(app) == NO_LOCALE


@pytest.mark.parametrize(
    ("language", "locale"),
    [
        ("de", "de-de"),
        ("fr", "fr-fr"),
        ("en", "en-us"),
        ("ja", "ja-jp"),
        ("zh_CN", "zh-cn"),
        ("zh_TW", "zh-tw"),
        ("pt_BR", "pt-br"),
        ("pt-BR", "pt-br"),
        ("de_AT", "de-at"),
        ("en_GB", "en-gb"),
        ("eo", None),
        ("xx", None),
        ("../x", None),
        ("", None),
        (None, None),
    ],
)
def test_locale_for_language(language: str | None, locale: str | None) -> None:
    assert locale_for_language(language) == locale


EXAMPLE_DATA = Path(__file__).resolve().parents[2] / "example_project" / "_data"


@pytest.mark.parametrize("language", ["de", "fr"])
def test_translated_example_in_the_documentation_is_what_a_build_writes(
    make_app: type[SphinxTestApp], tmp_path: Path, language: str
) -> None:
    """The documentation shows the text output of a German and a French build of one
    directive; it must be what such a build writes. (If a change to the output is intended,
    put the new output, shown in the failure, into the file.)"""
    srcdir = tmp_path / language
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(
        'extensions = ["sphinxext_rai"]\n'
        f"language = {language!r}\n"
        'rai_locale = "auto"\n'
        "rai_keep_context = False\n",
        encoding="utf-8",
    )
    snippet = (EXAMPLE_DATA / "translated-table.txt").read_text(encoding="utf-8")
    (srcdir / "index.rst").write_text(snippet, encoding="utf-8")
    app = make_app("text", srcdir=srcdir)
    app.build()
    assert app.warning.getvalue() == ""
    written = (app.outdir / "index.txt").read_text(encoding="utf-8")
    shown = (EXAMPLE_DATA / f"translated-table.{language}.txt").read_text(encoding="utf-8")
    assert written == shown
    heading = {"de": "Verhaltenskodex: ", "fr": f"Code de conduite{NBSP}: "}[language]
    # The address, in the reader's locale, whole on the line after its link text.
    url = f"https://learn.microsoft.com/{language}-{language}/legal/cognitive-services/openai"
    assert f"{heading}Code of conduct\n    <{url}/code-of-conduct>\n" in written


@pytest.mark.parametrize(
    ("language", "footer", "headers", "index_entry"),
    [
        (
            "de",
            "Quelle: Overview of Responsible use of AI (geprüft am 2022-01-10)",
            ["Dienst", "Leitlinien gezeigt auf", "Gezeigte Dokumente", "Genannt auf"],
            "Azure AI Vision - Face (KI-Dienst)",
        ),
        (
            "fr",
            f"Source{NBSP}: Overview of Responsible use of AI (revu le 2022-01-10)",
            ["Service", "Recommandations affichées sur", "Documents affichés", "Mentionné sur"],
            "Azure AI Vision - Face (service d\u2019IA)",
        ),
    ],
)
def test_footer_coverage_table_and_index_entries_are_translated(
    make_app: type[SphinxTestApp],
    rootdir: Path,
    tmp_path: Path,
    language: str,
    footer: str,
    headers: list[str],
    index_entry: str,
) -> None:
    srcdir = tmp_path / language
    shutil.copytree(rootdir / "test-domain", srcdir, ignore=shutil.ignore_patterns("_build"))
    app = make_app("html", srcdir=srcdir, confoverrides={"language": language})
    app.build()
    shows = read_page(app.outdir / "shows.html")
    assert shows.texts("p", "rai-footer")[0] == footer
    report = read_page(app.outdir / "report.html")
    assert [e.text.strip() for e in report.elements if e.tag == "th"] == headers
    genindex = (app.outdir / "genindex.html").read_text(encoding="utf-8")
    assert index_entry in genindex


@pytest.mark.parametrize(
    ("language", "external"),
    [("de", "externer Link"), ("fr", "lien externe"), ("en", "external link")],
)
def test_screen_reader_text_follows_language(
    make_app: type[SphinxTestApp], rootdir: Path, tmp_path: Path, language: str, external: str
) -> None:
    srcdir = tmp_path / language
    shutil.copytree(rootdir / "test-i18n", srcdir, ignore=shutil.ignore_patterns("_build"))
    app = make_app("html", srcdir=srcdir, confoverrides={"language": language})
    app.build()
    page = read_page(app.outdir / "index.html")
    hidden = [e.text for e in page.elements if "rai-sr-only" in e.classes and e.tag == "span"]
    assert hidden
    assert all(text.strip().endswith(f"{external})") for text in hidden)
