"""The committed message catalogs: the template lists every marked label, every language
translates all of them, and each compiled ``.mo`` says what its ``.po`` says.

When one of these fails, run ``make catalogs`` (and translate what it adds)."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from babel.messages import frontend
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

import sphinxext_rai
from sphinxext_rai.core.kinds import KIND_HEADINGS

#: Babel's reader of a mapping file: ``parse_mapping_cfg`` from Babel 2.15, before it
#: ``parse_mapping`` (the floor, 2.13, has only that).
parse_mapping = getattr(frontend, "parse_mapping_cfg", None) or frontend.parse_mapping
PACKAGE_DIR = Path(sphinxext_rai.__file__).parent
LOCALE_DIR = PACKAGE_DIR / "sphinx_ext" / "locale"
TEMPLATE = LOCALE_DIR / "sphinxext_rai.pot"
BABEL_CONFIG = PACKAGE_DIR.parent / "babel.cfg"
LANGUAGES = sorted(p.name for p in LOCALE_DIR.iterdir() if p.is_dir())


def read_catalog(path: Path) -> Catalog:
    with path.open("rb") as stream:
        return read_po(stream)


def messages(catalog: Catalog) -> dict[str, str]:
    """msgid -> msgstr of every message but the header."""
    result: dict[str, str] = {}
    for message in catalog:
        if message.id:
            assert isinstance(message.id, str) and isinstance(message.string, str)
            result[message.id] = message.string
    return result


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "sphinxext_rai.po"


def test_german_and_french_are_shipped() -> None:
    assert {"de", "fr"} <= set(LANGUAGES)
    for language in ("de", "fr"):
        assert po_path(language).is_file()
        assert po_path(language).with_suffix(".mo").is_file()


def test_template_lists_exactly_the_messages_marked_in_the_source() -> None:
    with BABEL_CONFIG.open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping(config)
    found = {
        message
        for _file, _line, message, _comments, _context in extract_from_dir(
            PACKAGE_DIR, method_map, options_map
        )
    }
    template = set(messages(read_catalog(TEMPLATE)))
    assert found == template, "the template is out of date: run `make catalogs`"
    # What the tests below hold the translations to is not empty.
    assert {"Service", "Transparency note", "Code of conduct"} <= template


def test_kind_headings_are_marked_for_translation_where_they_are_declared() -> None:
    template = set(messages(read_catalog(TEMPLATE)))
    assert set(KIND_HEADINGS.values()) <= template


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated(language: str) -> None:
    catalog = read_catalog(po_path(language))
    template = messages(read_catalog(TEMPLATE))
    translated = messages(catalog)
    assert set(translated) == set(template), "the catalog is out of date: run `make catalogs`"
    assert [m for m, text in translated.items() if not text.strip()] == []
    assert [m.id for m in catalog if m.id and m.fuzzy] == []
    assert str(catalog.locale) == language
    # Placeholders such as %(kind)s are kept in every translation.
    assert [(m.id, [str(e) for e in errors]) for m, errors in catalog.check()] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalog_matches_its_source(language: str) -> None:
    source = read_catalog(po_path(language))
    compiled_now = BytesIO()
    write_mo(compiled_now, source)
    compiled_now.seek(0)
    with po_path(language).with_suffix(".mo").open("rb") as stream:
        committed = read_mo(stream)
    assert messages(committed) == messages(read_mo(compiled_now)), (
        f"{language}: the .mo is older than the .po: run `make catalogs`"
    )
    assert str(committed.locale) == language


def test_translations_use_the_usual_terms() -> None:
    german = messages(read_catalog(po_path("de")))
    french = messages(read_catalog(po_path("fr")))
    assert german["Transparency note"] == "Transparenzhinweis"
    assert german["Characteristics and limitations"] == "Merkmale und Einschränkungen"
    assert german["Code of conduct"] == "Verhaltenskodex"
    assert french["Transparency note"] == "Note de transparence"
    assert french["Limited access"] == "Accès limité"
    # French puts a (no-break) space before a colon.
    assert french["%(kind)s:"] == "%(kind)s\u00a0:"


def test_documented_kind_headings_are_the_shipped_translations() -> None:
    """The table of kind headings in the documentation says what the catalogs say."""
    page = (PACKAGE_DIR.parent / "example_project" / "translations.rst").read_text("utf-8")
    section = page.split("The kind headings\n", 1)[1].split("\nAdding a language\n", 1)[0]
    rows = [
        [cell.strip() for cell in row.split("\n     - ")]
        for row in section.split("\n   * - ")[2:]  # [0]: the table's options; [1]: its header
    ]
    german = messages(read_catalog(po_path("de")))
    french = messages(read_catalog(po_path("fr")))
    expected = [
        [f"``{kind.value}``", heading, german[heading], french[heading]]
        for kind, heading in KIND_HEADINGS.items()
    ]
    assert rows == expected
