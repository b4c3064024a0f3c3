"""Coverage: which page shows or names which service (rai.json, the rai-coverage table) and
the optional policy checks (rai_required_kinds, rai_check_mentions)."""

from __future__ import annotations

import json

from sphinxext_rai.core.coverage import (
    Mention,
    Shown,
    build_coverage,
    missing_kinds,
    report,
    unshown_mentions,
)
from sphinxext_rai.core.kinds import Kind
from sphinxext_rai.core.model import Guidance, Index, Provenance, Service

FACE = "azure-ai-vision-face"
SPEAKER = "speech-speaker-recognition"


def _service(slug: str, *kinds: Kind) -> Service:
    return Service(
        name=slug.title(),
        slug=slug,
        guidance=tuple(
            Guidance(k.value, k, f"https://example.org/{slug}/{k.value}") for k in kinds
        ),
    )


INDEX = Index(
    (
        _service("alpha", Kind.TRANSPARENCY, Kind.PRIVACY),
        _service("beta", Kind.TRANSPARENCY),
    )
)


def _shown(slug: str, *kinds: str, line: int = 1) -> Shown:
    return Shown(slug, slug.title(), line, f"rai-{slug}", tuple((f"{slug}/{k}", "") for k in kinds))


def test_coverage_per_page_and_per_service() -> None:
    shown = {
        "b-page": [_shown("alpha", "privacy", "transparency")],
        "a-page": [_shown("alpha", "transparency"), _shown("beta", "transparency")],
    }
    mentions = {"c-page": [Mention("beta", "transparency", 3)]}
    coverage = build_coverage(shown, mentions, INDEX)
    assert list(coverage.pages) == ["a-page", "b-page", "c-page"]
    assert coverage.pages["a-page"].shows == ("alpha", "beta")
    assert coverage.pages["b-page"].documents == ("alpha/privacy", "alpha/transparency")
    assert coverage.pages["c-page"].mentions == ("beta",)
    alpha, beta = coverage.services
    assert alpha.shown_on == ("a-page", "b-page")
    # Kinds in the vocabulary's order, not the order pages happened to show them.
    assert list(alpha.kinds_shown) == ["transparency", "privacy"]
    assert alpha.kinds_shown["transparency"] == ("a-page", "b-page")
    assert beta.mentioned_on == ("c-page",)
    assert beta.kinds_published == ("transparency",)


def test_required_kinds_tell_unshown_from_unpublished() -> None:
    coverage = build_coverage({"p": [_shown("alpha", "transparency"), _shown("beta")]}, {}, INDEX)
    found = [(m.service.slug, m.kind, m.published) for m in missing_kinds(coverage, [Kind.PRIVACY])]
    assert found == [("alpha", Kind.PRIVACY, True), ("beta", Kind.PRIVACY, False)]
    assert "shown on no page" in missing_kinds(coverage, [Kind.PRIVACY])[0].message
    assert "the index has no privacy document" in missing_kinds(coverage, [Kind.PRIVACY])[1].message
    assert missing_kinds(coverage, [Kind.TRANSPARENCY]) == [
        m for m in missing_kinds(coverage, [Kind.TRANSPARENCY]) if m.service.slug == "beta"
    ]
    assert [m.service.slug for m in missing_kinds(coverage, [Kind.TRANSPARENCY])] == ["beta"]


def test_mentions_without_guidance_on_the_same_page() -> None:
    shown = {"p": [_shown("alpha", "transparency")]}
    mentions = {
        "p": [Mention("alpha", "privacy", 4), Mention("beta", "transparency", 5)],
        "q": [Mention("alpha", "transparency", 2)],
    }
    assert unshown_mentions(shown, mentions) == [
        ("p", Mention("beta", "transparency", 5)),
        ("q", Mention("alpha", "transparency", 2)),
    ]


def test_report_is_plain_json_data() -> None:
    coverage = build_coverage({"p": [_shown("alpha", "transparency")]}, {}, INDEX)
    data = report(coverage, [Provenance("https://example.org/x", "X", "2024-05-01", "ab")], "proj")
    assert json.loads(json.dumps(data)) == data
    assert data["project"] == "proj"
    assert data["sources"] == [
        {"source": "https://example.org/x", "title": "X", "date": "2024-05-01", "sha256": "ab"}
    ]
    assert data["pages"] == {
        "p": {"shows": ["alpha"], "documents": ["alpha/transparency"], "mentions": []}
    }
    assert data["services"]["alpha"]["documents_published"] == ["transparency", "privacy"]


# Through Sphinx ------------------------------------------------------------------------------
