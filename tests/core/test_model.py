"""The index model: lookup by name, slug, alias and leaf name; families; merging."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from sphinxext_rai.core.kinds import Kind
from sphinxext_rai.core.merge import merge
from sphinxext_rai.core.model import (
    AmbiguousServiceError,
    Guidance,
    Index,
    Provenance,
    Service,
    UnknownServiceError,
)
from sphinxext_rai.core.names import normalise_name, slugify, split_family
from sphinxext_rai.core.problems import Location
from sphinxext_rai.formats import read_path, read_text
from sphinxext_rai.formats.bundled import load_bundled

LEARN = "https://learn.microsoft.com/legal/cognitive-services"
VISION_CONTEXT = "?context=/azure/ai-services/computer-vision/context/context"

LANGUAGE_FAMILY = [
    "Language - Custom text classification",
    "Language - Named entity recognition",
    "Language - Custom named entity recognition",
    "Language - Entity linking",
    "Language - Language detection",
    "Language - Key phrase extraction",
    "Language - Personally identifiable information detection",
    "Language - Question Answering",
    "Language - Sentiment Analysis and opinion mining",
    "Language - Text Analytics for health",
    "Language - Summarization",
]


def doc(kind: Kind, path: str, label: str = "") -> Guidance:
    return Guidance(label=label or kind.heading, kind=kind, url=f"https://example.com/{path}")


def service(name: str, *docs: Guidance, aliases: tuple[str, ...] = ()) -> Service:
    return Service(
        name=name,
        slug=slugify(name),
        family=split_family(name)[0],
        aliases=aliases,
        guidance=docs,
    )


@pytest.fixture
def twin_leaves() -> Index:
    """Two families that both have a "Summarization" service."""
    return Index(
        (
            service("Language - Summarization", doc(Kind.TRANSPARENCY, "lang-sum")),
            service("Speech - Summarization", doc(Kind.TRANSPARENCY, "speech-sum")),
            service("Speech - Speaker Recognition", doc(Kind.TRANSPARENCY, "speaker")),
            service("Face", doc(Kind.TRANSPARENCY, "face"), aliases=("Face API",)),
        ),
        (Provenance("test"),),
    )


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --- names -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Speech - Speaker Recognition", "speech speaker recognition"),
        ("speech \u2013 speaker   recognition", "speech speaker recognition"),
        ("SPEECH\u2014SPEAKER RECOGNITION", "speech speaker recognition"),
        ("speech-speaker-recognition", "speech speaker recognition"),
        ("  QnA   Maker ", "qna maker"),
    ],
)
def test_normalise_name(text: str, key: str) -> None:
    assert normalise_name(text) == key


def test_slugify() -> None:
    assert slugify("Speech - Speaker Recognition") == "speech-speaker-recognition"
    assert slugify("Azure AI Vision - OCR") == "azure-ai-vision-ocr"


def test_split_family() -> None:
    assert split_family("Language - Summarization") == ("Language", "Summarization")
    assert split_family("Azure AI Vision - Face") == ("Azure AI Vision", "Face")
    assert split_family("Personalizer") == (None, "Personalizer")
    assert split_family("Speech-to-text") == (None, "Speech-to-text")
    assert split_family(" - Face") == (None, "- Face")


@pytest.mark.parametrize("dash", ["-", "\u2010", "\u2012", "\u2013", "\u2014", "\u2212", "\uff0d"])
def test_a_family_is_split_off_at_any_style_of_dash(dash: str) -> None:
    assert split_family(f"Contoso {dash} Vision") == ("Contoso", "Vision")
    result = read_text(f"services:\n  - name: Contoso {dash} Vision\n", "yaml")
    assert [(s.family, s.leaf) for s in result.index] == [("Contoso", "Vision")]
    assert result.index.find("Vision").name == f"Contoso {dash} Vision"


def test_service_helpers() -> None:
    face = service(
        "Azure AI Vision - Face",
        doc(Kind.TRANSPARENCY, "tn"),
        doc(Kind.PRIVACY, "p1"),
        doc(Kind.LIMITED_ACCESS, "la"),
        doc(Kind.PRIVACY, "p2"),
    )
    assert face.leaf == "Face"
    assert [g.url for g in face.documents([Kind.PRIVACY])] == [
        "https://example.com/p1",
        "https://example.com/p2",
    ]
    assert face.documents() == face.guidance
    assert face.documents([]) == ()
    first = face.first(Kind.PRIVACY)
    assert first is not None
    assert first.url == "https://example.com/p1"
    assert face.first(Kind.RESEARCH) is None


def test_index_summary(twin_leaves: Index) -> None:
    assert len(twin_leaves) == 4
    assert twin_leaves.link_count == 4
    assert twin_leaves.families == ("Language", "Speech")
    assert [s.slug for s in twin_leaves] == [
        "language-summarization",
        "speech-summarization",
        "speech-speaker-recognition",
        "face",
    ]
    found = twin_leaves.get("face")
    assert found is not None
    assert found.name == "Face"
    assert twin_leaves.get("Face") is None


# --- lookup in the bundled index ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("Azure AI Vision - Face", "Azure AI Vision - Face"),
        ("azure-ai-vision-face", "Azure AI Vision - Face"),
        ("Face", "Azure AI Vision - Face"),
        ("face", "Azure AI Vision - Face"),
        ("  FACE  ", "Azure AI Vision - Face"),
        ("Computer Vision - Face", "Azure AI Vision - Face"),
        ("computer vision \u2013 face", "Azure AI Vision - Face"),
        ("Azure AI Vision \u2014 Face", "Azure AI Vision - Face"),
        ("azure   ai  vision-face", "Azure AI Vision - Face"),
        ("LUIS", "Language Understanding"),
        ("luis", "Language Understanding"),
        ("Summarization", "Language - Summarization"),
        ("Text Analytics - Summarization", "Language - Summarization"),
        ("Speaker Recognition", "Speech - Speaker Recognition"),
        ("Speech service - Speaker Recognition", "Speech - Speaker Recognition"),
        ("Azure OpenAI", "Azure OpenAI Service"),
        ("qna maker", "QnA Maker"),
        ("Language service", "Language service"),
        ("Personalizer", "Personalizer"),
    ],
)
def test_find_in_bundled(query: str, name: str) -> None:
    assert load_bundled().find(query).name == name


def test_find_unknown_suggests_close_names() -> None:
    index = load_bundled()
    with pytest.raises(UnknownServiceError) as info:
        index.find("fase")
    assert "Azure AI Vision - Face" in info.value.candidates
    assert "Azure AI Vision - Face" in str(info.value)
    assert info.value.name == "fase"
    with pytest.raises(UnknownServiceError) as info:
        index.find("Persnalizer")
    assert info.value.candidates[0] == "Personalizer"


def test_find_unknown_without_anything_close() -> None:
    with pytest.raises(UnknownServiceError) as info:
        load_bundled().find("xyzzy plugh")
    assert info.value.candidates == ()
    assert "did you mean" not in str(info.value)


def test_select_family() -> None:
    index = load_bundled()
    assert [s.name for s in index.select("family:Language")] == LANGUAGE_FAMILY
    assert [s.name for s in index.select("FAMILY: language ")] == LANGUAGE_FAMILY
    assert [s.slug for s in index.select("family:Speech")] == [
        "speech-pronunciation-assessment",
        "speech-speaker-recognition",
        "speech-custom-neural-voice",
        "speech-text-to-speech",
        "speech-speech-to-text",
    ]
    assert [s.leaf for s in index.select("family:Azure AI Vision")] == [
        "OCR",
        "Image Analysis",
        "Face",
        "Spatial Analysis",
    ]


def test_select_one_service() -> None:
    selected = load_bundled().select("Face")
    assert [s.slug for s in selected] == ["azure-ai-vision-face"]


def test_select_unknown_family_suggests() -> None:
    with pytest.raises(UnknownServiceError) as info:
        load_bundled().select("family:Langage")
    assert info.value.candidates == ("Language",)


def test_families_of_bundled() -> None:
    assert load_bundled().families == ("Azure AI Vision", "Language", "Speech")


# --- ambiguity -----------------------------------------------------------------------------


def test_shared_leaf_is_ambiguous(twin_leaves: Index) -> None:
    with pytest.raises(AmbiguousServiceError) as info:
        twin_leaves.find("summarization")
    assert info.value.candidates == ("Language - Summarization", "Speech - Summarization")
    assert "Language - Summarization" in str(info.value)
    assert "Speech - Summarization" in str(info.value)


def test_full_names_still_work_when_the_leaf_is_shared(twin_leaves: Index) -> None:
    assert twin_leaves.find("Speech - Summarization").slug == "speech-summarization"
    assert twin_leaves.find("language summarization").slug == "language-summarization"
    assert twin_leaves.find("Speaker Recognition").slug == "speech-speaker-recognition"
    assert twin_leaves.find("face api").slug == "face"


def test_ambiguous_leaf_is_not_suggested(twin_leaves: Index) -> None:
    with pytest.raises(UnknownServiceError) as info:
        twin_leaves.find("Sumarization")
    assert set(info.value.candidates) <= {"Language - Summarization", "Speech - Summarization"}


# --- merging -------------------------------------------------------------------------------

USER_INDEX = """\
title: Contoso additions
services:
  - name: Contoso Vision
    family: Contoso
    aliases: [CV]
    guidance:
      - label: Transparency note
        url: https://contoso.example/rai/vision/transparency-note
  - name: Personalizer
    guidance:
      - label: Internal transparency note
        url: https://contoso.example/rai/personalizer
"""


def test_merge_bundled_then_user(tmp_path: Path) -> None:
    user = read_path(write(tmp_path / "user.yaml", USER_INDEX))
    assert user.ok
    merged = merge([load_bundled(), user.index])
    assert merged.problems == ()
    index = merged.index
    assert len(index) == 28
    assert index.services[-1].name == "Contoso Vision"
    assert index.find("CV").name == "Contoso Vision"
    # Personalizer is replaced where it was (21st in the upstream page).
    assert index.services[20].slug == "personalizer"
    assert index.services[20].guidance == (
        Guidance(
            "Internal transparency note",
            Kind.TRANSPARENCY,
            "https://contoso.example/rai/personalizer",
        ),
    )
    assert index.services[19].name == "Azure OpenAI Service"
    assert index.services[21].name == "QnA Maker"
    assert index.link_count == 100 - 4 + 1 + 1


def test_merge_keeps_provenance_of_both(tmp_path: Path) -> None:
    user = read_path(write(tmp_path / "user.yaml", USER_INDEX))
    merged = merge([load_bundled(), user.index]).index
    assert [p.title for p in merged.provenance] == [
        "Overview of Responsible use of AI",
        "Contoso additions",
    ]
    assert merged.provenance[0].source == (
        "https://learn.microsoft.com/azure/ai-services/responsible-use-of-ai-overview"
    )
    assert merged.provenance[1].source == str(tmp_path / "user.yaml")


def test_merge_order_matters() -> None:
    first = Index((service("Face", doc(Kind.TRANSPARENCY, "a")),), (Provenance("one"),))
    second = Index((service("Face", doc(Kind.PRIVACY, "b")),), (Provenance("two"),))
    assert merge([first, second]).index.services[0].guidance == (doc(Kind.PRIVACY, "b"),)
    assert merge([second, first]).index.services[0].guidance == (doc(Kind.TRANSPARENCY, "a"),)


def test_merge_extend_adds_without_duplicates(tmp_path: Path) -> None:
    text = f"""\
services:
  - name: Azure AI Vision - Face
    mode: extend
    aliases: [Face API, Computer Vision - Face]
    guidance:
      - label: Transparency note and use cases
        url: {LEARN}/face/transparency-note{VISION_CONTEXT}
      - label: Internal review checklist
        kind: integration
        url: https://contoso.example/rai/face-checklist
"""
    user = read_path(write(tmp_path / "extend.yaml", text))
    assert user.ok
    merged = merge([load_bundled(), user.index])
    assert merged.problems == ()
    face = merged.index.services[3]
    assert face.slug == "azure-ai-vision-face"
    assert face.aliases == ("Face API", "Computer Vision - Face")
    assert len(face.guidance) == 6
    assert face.guidance[0].label == "Transparency note and use cases"
    assert face.guidance[-1] == Guidance(
        "Internal review checklist",
        Kind.INTEGRATION,
        "https://contoso.example/rai/face-checklist",
    )
    assert [g.kind for g in face.guidance].count(Kind.TRANSPARENCY) == 1
    assert merged.index.find("face api") is face


def test_merge_extend_of_an_unknown_service_adds_it() -> None:
    extra = Service(
        "Contoso OCR", "contoso-ocr", guidance=(doc(Kind.TRANSPARENCY, "x"),), mode="extend"
    )
    merged = merge([Index((service("Face"),)), Index((extra,))]).index
    assert [s.slug for s in merged] == ["face", "contoso-ocr"]


def test_merge_alias_conflict_is_reported_and_dropped(tmp_path: Path) -> None:
    text = """\
services:
  - name: Contoso Language
    aliases: [LUIS, Contoso NLU]
    guidance:
      - label: Transparency note
        url: https://contoso.example/rai/language
"""
    path = write(tmp_path / "conflict.yaml", text)
    merged = merge([load_bundled(), read_path(path).index])
    assert [p.code for p in merged.problems] == ["conflict"]
    problem = merged.problems[0]
    assert "LUIS" in problem.message
    assert "language-understanding" in problem.message
    assert problem.location == Location(str(path), 2, 5)
    contoso = merged.index.services[-1]
    assert contoso.aliases == ("Contoso NLU",)
    assert merged.index.find("LUIS").name == "Language Understanding"
    lu = merged.index.get("language-understanding")
    assert lu is not None
    assert lu.aliases == ()  # LUIS is its name through the rename group, not an alias


def test_merge_conflict_blames_the_later_file_even_when_replacing_in_place(
    tmp_path: Path,
) -> None:
    # Anomaly Detector comes before Language Understanding in the bundled index; a
    # replacement of it that claims "LUIS" must not take the alias away from its owner.
    text = """\
services:
  - name: Anomaly Detector
    aliases: [LUIS]
    guidance:
      - label: Transparency note
        url: https://contoso.example/rai/anomaly
"""
    path = write(tmp_path / "replace.yaml", text)
    merged = merge([load_bundled(), read_path(path).index])
    assert [p.code for p in merged.problems] == ["conflict"]
    problem = merged.problems[0]
    assert problem.location is not None
    assert problem.location.path == str(path)
    assert merged.index.find("LUIS").slug == "language-understanding"
    lu = merged.index.get("language-understanding")
    assert lu is not None
    assert lu.aliases == ()  # LUIS is its name through the rename group, not an alias
    anomaly = merged.index.services[0]
    assert anomaly.slug == "anomaly-detector"
    assert "LUIS" not in anomaly.aliases


def test_merge_name_clash_is_a_conflict() -> None:
    first = Index((service("Face", aliases=("Visage",)),))
    second = Index((service("Visage", doc(Kind.TRANSPARENCY, "v")),))
    merged = merge([first, second])
    assert [p.code for p in merged.problems] == ["conflict"]
    assert "Visage" in merged.problems[0].message
    assert merged.index.find("Visage").slug == "face"
    assert [s.slug for s in merged.index] == ["face", "visage"]


def test_merge_of_nothing() -> None:
    merged = merge([])
    assert merged.index == Index()
    assert merged.problems == ()


def test_extend_without_a_matching_slug_extends_the_service_its_name_finds() -> None:
    extra = doc(Kind.OTHER, "contoso-face-review", "Contoso review")
    extending = replace(service("Face", extra), mode="extend")
    result = merge([load_bundled(), Index((extending,))])
    assert result.problems == ()
    face = result.index.find("Face")
    assert face.name == "Azure AI Vision - Face"  # extending does not rename
    assert face.guidance[-1] == extra
    assert len(result.index) == 27


def test_merge_records_which_indexes_each_service_comes_from() -> None:
    first = Provenance("first.yaml", "First", "2024-01-01")
    second = Provenance("second.yaml", "Second", "2025-01-01")
    third = Provenance("third.yaml", "Third")
    base = Index((service("Alpha", doc(Kind.TRANSPARENCY, "a")), service("Beta")), (first,))
    # Extends Alpha by name (its own slug is "a"), and replaces Beta.
    extending = replace(service("Alpha", doc(Kind.PRIVACY, "p")), slug="a", mode="extend")
    later = Index((extending, service("Beta", doc(Kind.TRANSPARENCY, "b"))), (second,))
    again = Index((replace(service("Alpha"), mode="extend"),), (third,))
    result = merge([base, later, again])
    assert result.sources == {"alpha": (first, second, third), "beta": (second,)}


def test_extend_that_finds_nothing_is_reported_and_added() -> None:
    extending = replace(service("Nosuch Model", doc(Kind.TRANSPARENCY, "n")), mode="extend")
    result = merge([load_bundled(), Index((extending,))])
    assert [p.code for p in result.problems] == ["conflict"]
    assert "extends no earlier service" in result.problems[0].message
    assert result.index.find("Nosuch Model").guidance[0].url == "https://example.com/n"


def test_an_alias_that_takes_over_a_short_name_is_reported_and_wins() -> None:
    ours = service("Contoso - Vision", doc(Kind.TRANSPARENCY, "cv"), aliases=("Face",))
    result = merge([load_bundled(), Index((ours,))])
    assert [p.code for p in result.problems] == ["conflict"]
    assert "short name of service 'Azure AI Vision - Face'" in result.problems[0].message
    assert result.index.find("Face").name == "Contoso - Vision"
    assert result.index.find("Azure AI Vision - Face").slug == "azure-ai-vision-face"


def test_a_former_family_name_selects_the_family() -> None:
    index = load_bundled()
    assert index.select("family:Computer Vision") == index.select("family:Azure AI Vision")
    assert len(index.select("family:computer vision")) == 4
