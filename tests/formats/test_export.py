"""Writing an index out as JSON, YAML or upstream-style Markdown, and reading it back."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from sphinxext_rai.core.kinds import Kind
from sphinxext_rai.core.merge import merge
from sphinxext_rai.core.model import Guidance, Index, Provenance, Service
from sphinxext_rai.formats import bundled, export, read_path, read_text

CONTOSO = """\
title: Contoso internal models
services:
  - name: "Contoso [Vision] (beta) *x* #1 <b>"
    slug: contoso-vision
    family: Contoso
    aliases: [CV]
    description: Image tagging.
    mode: extend
    guidance:
      - label: "Transparency [note] (v2) _draft_"
        url: "https://contoso.example/a(b)?x=1&context=/y"
      - label: "Donn\u00e9es et confidentialit\u00e9"
        kind: privacy
        url: mailto:rai@contoso.example
  - name: Speech - Speaker Recognition
    guidance:
      - label: Transparency note
        url: https://contoso.example/speaker
"""


def contoso() -> Index:
    result = read_text(CONTOSO, "yaml", source="contoso.yaml")
    assert result.problems == ()
    return result.index


# --- round trips of the seed ---------------------------------------------------------------


def test_seed_markdown_round_trip(seed_file: Path) -> None:
    seed = read_path(seed_file, fmt="markdown", page_url=bundled.SEED_PAGE_URL).index
    text = export.to_markdown(seed)
    again = read_text(text, "markdown", source="exported.md")
    assert again.problems == ()
    assert again.index.services == seed.services
    assert len(again.index) == 27
    assert again.index.link_count == 100
    assert again.index.provenance[0].title == "Overview of Responsible use of AI"
    assert again.index.provenance[0].date == "2022-01-10"


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_seed_structured_round_trip(seed_file: Path, fmt: str) -> None:
    seed = read_path(seed_file, fmt="markdown", page_url=bundled.SEED_PAGE_URL).index
    again = read_text(export.render(seed, fmt), fmt, source=f"exported.{fmt}")
    assert again.problems == ()
    assert again.index.services == seed.services
    # Source, title, date and content hash of the upstream page are carried along.
    assert again.index.provenance == seed.provenance


@pytest.mark.parametrize("fmt", ["json", "yaml", "markdown"])
def test_bundled_round_trip(fmt: str) -> None:
    index = bundled.load_bundled()
    again = read_text(export.render(index, fmt), fmt, source=f"exported.{fmt}")
    assert again.problems == ()
    # An upstream-style Markdown page updates what it is merged over: merging applies that.
    assert merge([again.index]).index.services == index.services


@pytest.mark.parametrize("fmt", export.EXPORT_FORMATS)
def test_export_is_stable(fmt: str) -> None:
    index = bundled.load_bundled()
    first = export.render(index, fmt)
    second = export.render(read_text(first, fmt, source=f"x.{fmt}").index, fmt)
    assert export.render(index, fmt) == first
    if fmt != "markdown":
        # Markdown drops the source; the structured formats reproduce themselves exactly.
        assert second == first


def test_export_formats() -> None:
    assert export.EXPORT_FORMATS == ("json", "yaml", "markdown")


def test_bundled_file_is_the_json_export() -> None:
    shipped = bundled.bundled_path().read_text(encoding="utf-8")
    assert export.to_json(bundled.load_bundled()) == shipped


# --- structured output ---------------------------------------------------------------------


def test_json_layout() -> None:
    text = export.to_json(bundled.load_bundled())
    assert text.endswith("}\n")
    data = json.loads(text)
    assert list(data) == ["schema", "title", "source", "date", "sha256", "heading", "services"]
    assert data["schema"] == "1"
    assert data["date"] == "2022-01-10"
    assert data["services"][0] == {
        "name": "Anomaly Detector",
        "slug": "anomaly-detector",
        "guidance": [
            {
                "label": "Transparency note and use cases",
                "kind": "transparency",
                "url": "https://learn.microsoft.com/legal/cognitive-services/anomaly-detector/"
                "ad-transparency-note?context=/azure/ai-services/anomaly-detector/context/context",
            },
            {
                "label": "Data, privacy, and security",
                "kind": "privacy",
                "url": "https://learn.microsoft.com/legal/cognitive-services/anomaly-detector/"
                "data-privacy-security?context=/azure/ai-services/anomaly-detector/context/context",
            },
        ],
    }


def test_service_dict_leaves_out_derived_values() -> None:
    first, second = contoso().services
    assert export.service_dict(first) == {
        "name": "Contoso [Vision] (beta) *x* #1 <b>",
        "slug": "contoso-vision",
        "family": "Contoso",
        "aliases": ["CV"],
        "description": "Image tagging.",
        "mode": "extend",
        "guidance": [
            {
                "label": "Transparency [note] (v2) _draft_",
                "kind": "transparency",
                "url": "https://contoso.example/a(b)?x=1&context=/y",
            },
            {
                "label": "Donn\u00e9es et confidentialit\u00e9",
                "kind": "privacy",
                "url": "mailto:rai@contoso.example",
            },
        ],
    }
    # The family and the former names follow from the name, so they are not written.
    assert "family" not in export.service_dict(second)
    assert "aliases" not in export.service_dict(second)


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_user_index_round_trip(fmt: str) -> None:
    index = contoso()
    text = export.render(index, fmt)
    assert "Donn\u00e9es" in text
    again = read_text(text, fmt, source=f"again.{fmt}")
    assert again.problems == ()
    assert again.index.services == index.services


def test_yaml_output_is_plain_safe_yaml() -> None:
    text = export.to_yaml(contoso())
    data = yaml.safe_load(text)
    assert data["title"] == "Contoso internal models"
    assert data["services"][0]["mode"] == "extend"
    assert "!!" not in text
    assert "&" not in text.replace("&context", "")


def test_index_without_title_exports_to_a_valid_file() -> None:
    index = read_text("services:\n  - name: Face\n", "yaml", source="min.yaml").index
    for fmt in ("json", "yaml"):
        again = read_text(export.render(index, fmt), fmt, source=f"again.{fmt}")
        assert again.problems == (), fmt
        assert again.index.services == index.services


def test_empty_index_exports_without_empty_strings() -> None:
    data = export.to_dict(Index((), (Provenance(""),)))
    assert data == {"schema": "1", "services": []}


def test_merged_provenance() -> None:
    merged = merge([bundled.load_bundled(), contoso()]).index
    origin = merged.origin
    assert origin.title == "Merged index"
    assert origin.source == f"{bundled.SEED_PAGE_URL}, contoso.yaml"
    assert origin.date == "2022-01-10"
    data = json.loads(export.to_json(merged))
    # Contoso Vision is new; Speaker Recognition replaces the bundled one.
    assert len(data["services"]) == 28
    assert "sha256" not in data


def test_merged_provenance_takes_the_oldest_date() -> None:
    index = Index(
        provenance=(
            Provenance("a", date="2024-05-01"),
            Provenance("b"),
            Provenance("c", date="2023-02-03"),
        )
    )
    origin = index.origin
    assert origin.source == "a, b, c"
    assert origin.date == "2023-02-03"


# --- Markdown output -----------------------------------------------------------------------


def test_markdown_layout() -> None:
    text = export.to_markdown(bundled.load_bundled())
    assert text.startswith(
        '---\ntitle: "Overview of Responsible use of AI"\nms.date: 1/10/2022\n---\n\n'
        '# Responsible use of AI with Azure AI services\n\n## <a name="anomaly-detector"></a>'
        "Anomaly Detector\n\n"
        "* [Transparency note and use cases](https://learn.microsoft.com/legal/"
        "cognitive-services/anomaly-detector/ad-transparency-note"
        "?context=/azure/ai-services/anomaly-detector/context/context)\n"
    )
    assert text.count("\n## ") == 27
    assert text.count("\n* [") == 100


def test_markdown_of_services_whose_labels_name_no_kind_reads_back() -> None:
    # Without the anchor a section of one "Model card" link reads as a category.
    text = """\
services:
  - name: Contoso Vision
    guidance:
      - {label: Model card, url: "https://contoso.example/vision/transparency-note"}
"""
    index = read_text(text, "yaml", source="t.yaml").index
    again = read_text(export.to_markdown(index), "markdown", source="again.md")
    assert again.problems == ()
    assert merge([again.index]).index.services == index.services


def test_markdown_escapes_names_labels_and_urls() -> None:
    index = contoso()
    text = export.to_markdown(index)
    assert "<https://contoso.example/a(b)?x=1&context=/y>" in text
    again = read_text(text, "markdown", source="again.md")
    got = again.index.services[0]
    assert got.name == "Contoso [Vision] (beta) *x* #1 <b>"
    assert got.slug == "contoso-vision"
    assert [g.label for g in got.guidance] == [
        "Transparency [note] (v2) _draft_",
        "Donn\u00e9es et confidentialit\u00e9",
    ]
    assert [g.url for g in got.guidance] == [
        "https://contoso.example/a(b)?x=1&context=/y",
        "mailto:rai@contoso.example",
    ]
    assert again.index.provenance[0].title == "Contoso internal models"


def test_markdown_anchor_keeps_a_slug_that_differs_from_the_name() -> None:
    visage = Service(
        name="Visage",
        slug="face",
        guidance=(Guidance("Note de transparence", Kind.TRANSPARENCY, "https://x.example/tn"),),
    )
    text = export.to_markdown(Index((visage,), (Provenance("fr.md", title="IA responsable"),)))
    assert '## <a name="face"></a>Visage\n' in text
    again = read_text(text, "markdown", source="again.md")
    assert again.problems == ()
    assert again.index.services == (replace(visage, mode="update"),)


def test_markdown_without_title_or_date() -> None:
    text = export.to_markdown(Index((Service("Face", "face"),), (Provenance("x.yaml"),)))
    assert text.startswith(
        '---\ntitle: "Responsible AI guidance"\n---\n\n# Responsible AI guidance\n'
    )
    assert "ms.date" not in text
