"""The real copies of the upstream page (``tests/data/upstream``), read as a careful reader
reads them: the counts are those of ``SOURCES.md``, counted by hand, and every URL below is
the page's target resolved against the URL Microsoft Learn published the page at."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import (
    LEARN_2021,
    LEARN_DE,
    LEARN_NOW,
    PAGE_2021_06_02,
    PAGE_2021_06_04,
    PAGE_2024,
    PAGE_2025,
    PAGE_DE,
    SEED_PAGE,
)

from sphinxext_rai.cli.main import main
from sphinxext_rai.core.kinds import Kind
from sphinxext_rai.formats import read_path

LEARN = "https://learn.microsoft.com"
CS = "/legal/cognitive-services"

#: page, where Learn published it, services, links (SOURCES.md)
PAGES = [
    (PAGE_2021_06_04, LEARN_2021, 6, 27),
    (PAGE_2021_06_02, LEARN_2021, 7, 31),
    (SEED_PAGE, LEARN_NOW, 27, 100),
    (PAGE_2024, LEARN_NOW, 30, 30),
    (PAGE_2025, LEARN_NOW, 29, 29),
    (PAGE_DE, LEARN_DE, 8, 35),
]

#: page -> (service slug, kind, URL) samples, copied from the page's lines by hand.
SAMPLES: dict[Path, list[tuple[str, Kind, str]]] = {
    PAGE_2021_06_04: [
        (
            "speech-custom-neural-voice",
            Kind.DEPLOYMENT,
            f"{LEARN}/azure/cognitive-services/speech-service/"
            "concepts-guidelines-responsible-deployment-synthetic",
        ),
        (
            "speech-custom-neural-voice",
            Kind.CODE_OF_CONDUCT,  # "Cdode of conduct": the URL tells
            f"{LEARN}{CS}/speech-service/tts-code-of-conduct"
            "?context=/azure/cognitive-services/speech-service/context/context",
        ),
        (
            "computer-vision-ocr",
            Kind.INTEGRATION,  # "Integration and responsible use)"
            f"{LEARN}{CS}/computer-vision/ocr-guidance-integration-responsible-use"
            "?context=/azure/cognitive-services/computer-vision/context/context",
        ),
    ],
    PAGE_2021_06_02: [
        (
            "anomaly-detector",
            Kind.PRIVACY,
            f"{LEARN}{CS}/anomaly-detector/data-privacy-security"
            "?context=/azure/cognitive-services/anomaly-detector/context/context",
        ),
        (
            "speech-custom-neural-voice",
            Kind.DISCLOSURE,
            f"{LEARN}/azure/cognitive-services/speech-service/concepts-disclosure-patterns",
        ),
    ],
    SEED_PAGE: [
        (
            "personalizer",
            Kind.PRIVACY,
            f"{LEARN}/azure/ai-services/personalizer/responsible-data-and-privacy",
        ),
        (
            "azure-openai-service",
            Kind.CODE_OF_CONDUCT,
            f"{LEARN}{CS}/openai/code-of-conduct?context=/azure/ai-services/openai/context/context",
        ),
    ],
    PAGE_2024: [
        (
            "azure-ai-search",
            Kind.TRANSPARENCY,
            f"{LEARN}/legal/search/transparency-note"
            "?context=%2Fazure%2Fsearch%2Fcontext%2Fcontext&tabs=enrichment",
        ),
        (
            "personalizer",
            Kind.TRANSPARENCY,
            f"{LEARN}/azure/ai-services/personalizer/responsible-use-cases",
        ),
        (
            "azure-ai-speech-text-to-speech",
            Kind.TRANSPARENCY,  # links to the Custom Neural Voice note
            f"{LEARN}{CS}/speech-service/custom-neural-voice/"
            "transparency-note-custom-neural-voice"
            "?context=/azure/ai-services/speech-service/context/context",
        ),
        (
            "azure-ai-language-entity-linking",
            Kind.INTEGRATION,
            f"{LEARN}{CS}/language-service/guidance-integration-responsible-use"
            "?context=/azure/ai-services/language-service/context/context",
        ),
    ],
    PAGE_2025: [
        (
            "azure-openai",
            Kind.TRANSPARENCY,
            f"{LEARN}/azure/ai-foundry/responsible-ai/openai/transparency-note",
        ),
        (
            "personalizer",
            Kind.TRANSPARENCY,
            f"{LEARN}/azure/ai-services/personalizer/responsible-use-cases",
        ),
        (
            "azure-video-indexer",
            Kind.TRANSPARENCY,
            f"{LEARN}/legal/azure-video-indexer/transparency-note"
            "?context=%2Fazure%2Fazure-video-indexer%2Fcontext%2Fcontext",
        ),
    ],
    PAGE_DE: [
        (
            "speech-custom-neural-voice",
            Kind.DISCLOSURE,
            f"{LEARN}/de-de/azure/cognitive-services/speech-service/concepts-disclosure-guidelines",
        ),
        (
            "speech-pronunciation-assessment",
            Kind.LIMITATIONS,
            f"{LEARN}{CS}/speech-service/pronunciation-assessment/"
            "characteristics-and-limitations-pronunciation-assessment"
            "?context=/azure/cognitive-services/speech-service/context/context",
        ),
        (
            "language-understanding",
            Kind.PRIVACY,
            f"{LEARN}{CS}/luis/data-privacy-security"
            "?context=/azure/cognitive-services/LUIS/context/context",
        ),
    ],
}


@pytest.mark.parametrize(("page", "learn_url", "services", "links"), PAGES)
def test_each_page_reads_as_counted_by_hand(
    page: Path, learn_url: str, services: int, links: int
) -> None:
    result = read_path(page, fmt="markdown")
    assert result.problems == ()
    assert (len(result.index), result.index.link_count) == (services, links)
    # Recognised without being told where it is published.
    assert result.index.provenance[0].source == learn_url


@pytest.mark.parametrize("page", list(SAMPLES))
def test_sample_urls_are_the_targets_resolved_against_the_real_page_url(page: Path) -> None:
    index = read_path(page, fmt="markdown").index
    for slug, kind, url in SAMPLES[page]:
        service = index.get(slug)
        assert service is not None, slug
        assert url in [g.url for g in service.documents([kind])], (slug, kind)


@pytest.mark.parametrize(("page", "learn_url", "services", "links"), PAGES)
def test_no_link_points_at_the_site_root(
    page: Path, learn_url: str, services: int, links: int
) -> None:
    index = read_path(page, fmt="markdown").index
    folder = learn_url.rsplit("/", 1)[0] + "/"
    for doc in (g for s in index for g in s.guidance):
        assert doc.url.startswith((f"{LEARN}/legal/", f"{LEARN}/azure/ai-foundry/", folder))


@pytest.mark.parametrize(("page", "learn_url", "services", "links"), PAGES)
def test_import_then_validate_gives_the_same_counts(
    page: Path,
    learn_url: str,
    services: int,
    links: int,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "page.yaml"
    assert main(["import", str(page), "-o", str(out)]) == 0
    capsys.readouterr()
    assert main(["validate", str(out)]) == 0
    assert capsys.readouterr().out == f"{out}: ok, {services} services, {links} links\n"


def test_the_german_copy_has_the_english_slugs_and_german_names() -> None:
    index = read_path(PAGE_DE, fmt="markdown").index
    ocr = index.get("computer-vision-ocr")
    assert ocr is not None
    assert ocr.name == "Maschinelles Sehen: OCR"
    assert ocr.guidance[0].label == "Transparenzhinweis und Anwendungsfälle"
    # The anchor's English name puts it in the rename group of the OCR service.
    assert index.find("Azure AI Vision - OCR") is ocr


def test_diff_between_the_seed_and_the_2024_page_pairs_the_renames(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["diff", str(SEED_PAGE), str(PAGE_2024)]) == 1
    out = capsys.readouterr().out
    assert "  ~ Language service -> Azure AI Language [matched by rename group]" in out
    assert "  ~ Custom Vision -> Azure Custom Vision [matched by rename group]" in out
    # Only what is really gone is removed: Custom Neural Voice's own section.
    removed = out.split("Services removed (1):\n")[1].splitlines()[0]
    assert removed == "  - Speech - Custom Neural Voice (9 documents)"
    assert "label was:" not in out  # the category layout publishes no labels to compare


def test_diff_between_2024_and_2025_adds_or_removes_no_service(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # 2024 lists Spatial Analysis, 2025 does not: the only service that goes.
    assert main(["diff", "--format", "json", str(PAGE_2024), str(PAGE_2025)]) == 1
    out = capsys.readouterr().out
    assert '"services_added": 0' in out
    assert '"services_removed": 1' in out
    assert "Azure AI Vision - Spatial Analysis" in out
