"""Rename groups: every name a product went by resolves to its service in an index of any
version, and former names are told apart from later ones."""

from __future__ import annotations

import pytest
from conftest import PAGE_2025

from sphinxext_rai.core.kinds import Kind
from sphinxext_rai.core.model import FormerName, Guidance, Index, Service, UnknownServiceError
from sphinxext_rai.core.renames import (
    family_key,
    is_former,
    is_former_family,
    other_names,
    service_key,
    without_umbrella,
)
from sphinxext_rai.formats import read_path, read_text
from sphinxext_rai.formats.bundled import load_bundled
from sphinxext_rai.formats.common import build_service

VISION = [
    "Azure AI Vision - OCR",
    "Azure AI Vision - Image Analysis",
    "Azure AI Vision - Face",
    "Azure AI Vision - Spatial Analysis",
]


# --- every mapping, looked up in the bundled index -----------------------------------------


@pytest.mark.parametrize(
    ("query", "name"),
    [
        # Computer Vision -> Azure AI Vision (family prefix forms)
        ("Computer Vision - Face", "Azure AI Vision - Face"),
        ("Computer Vision - OCR", "Azure AI Vision - OCR"),
        ("Computer Vision - Image Analysis", "Azure AI Vision - Image Analysis"),
        ("Computer Vision - Spatial Analysis", "Azure AI Vision - Spatial Analysis"),
        # Text Analytics -> Language (the service and the family prefix forms)
        ("Text Analytics", "Language service"),
        (
            "Text Analytics - Sentiment Analysis and opinion mining",
            "Language - Sentiment Analysis and opinion mining",
        ),
        ("Text Analytics - Key phrase extraction", "Language - Key phrase extraction"),
        ("Azure Cognitive Service for Language", "Language service"),
        # LUIS -> Language Understanding
        ("LUIS", "Language Understanding"),
        # Cognitive Services -> Azure AI services: the rest of the name decides
        ("Cognitive Services Face", "Azure AI Vision - Face"),
        ("Azure Cognitive Services - Custom Vision", "Custom Vision"),
        ("Cognitive Services Anomaly Detector", "Anomaly Detector"),
        ("Azure Cognitive Services Personalizer", "Personalizer"),
        ("Cognitive Services Computer Vision - OCR", "Azure AI Vision - OCR"),
        ("cognitive services luis", "Language Understanding"),
    ],
)
def test_former_names_resolve_and_are_former(query: str, name: str) -> None:
    index = load_bundled()
    assert index.find(query).name == name
    assert index.former_name(query) == FormerName(query, name)


@pytest.mark.parametrize(
    ("query", "name"),
    [
        # Azure OpenAI / Azure OpenAI Service and its Foundry names
        ("Azure OpenAI", "Azure OpenAI Service"),
        ("OpenAI", "Azure OpenAI Service"),
        ("Azure OpenAI in Azure AI Foundry Models", "Azure OpenAI Service"),
        ("Azure OpenAI in Foundry Models", "Azure OpenAI Service"),
        # "Azure AI ..." brandings
        ("Azure AI Language", "Language service"),
        ("Azure AI Language - Summarization", "Language - Summarization"),
        ("Azure AI Speech - Speech to text", "Speech - Speech to text"),
        ("Speech service - Text to speech", "Speech - Text to speech"),
        ("Azure AI Anomaly Detector", "Anomaly Detector"),
        ("Azure AI Custom Vision", "Custom Vision"),
        ("Azure AI Personalizer", "Personalizer"),
        # Foundry Tools
        ("Azure Language in Foundry Tools", "Language service"),
        # Current names are no former names
        ("Azure AI Vision - Face", "Azure AI Vision - Face"),
        ("Face", "Azure AI Vision - Face"),
        ("language-understanding", "Language Understanding"),
    ],
)
def test_other_names_resolve_without_being_former(query: str, name: str) -> None:
    index = load_bundled()
    assert index.find(query).name == name
    assert index.former_name(query) is None


@pytest.mark.parametrize(
    ("query", "members", "former"),
    [
        ("family:Computer Vision", VISION, True),
        ("family:Azure Vision in Foundry Tools", VISION, False),
        ("family:Text Analytics", None, True),
        ("family:Azure AI Language", None, False),
        ("family:Azure Language in Foundry Tools", None, False),
        ("family:Azure AI Speech", 5, False),
        ("family:Speech service", 5, False),
        ("family:Azure Speech in Foundry Tools", 5, False),
    ],
)
def test_family_names(query: str, members: list[str] | int | None, former: bool) -> None:
    index = load_bundled()
    selected = index.select(query)
    if isinstance(members, list):
        assert [s.name for s in selected] == members
    elif isinstance(members, int):
        assert len(selected) == members
        assert {s.family for s in selected} == {"Speech"}
    else:
        assert {s.family for s in selected} == {"Language"}
        assert len(selected) == 11
    found = index.former_name(query)
    if former:
        assert found is not None
        assert found.family
        assert found.used == query.removeprefix("family:")
        assert str(found) == (
            f"{found.used!r} is a former name of the family {found.current!r}; use the current name"
        )
    else:
        assert found is None


def test_former_name_message() -> None:
    found = load_bundled().former_name(" LUIS ")
    assert str(found) == (
        "'LUIS' is a former name of 'Language Understanding'; use the current name"
    )


# --- what does not resolve -----------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "Cognitive Services",  # the product line itself is no service
        "Azure Cognitive Services",
        "Cognitive Services Nothing Like It",
        "Computer Vision",  # a family, not a service
    ],
)
def test_names_that_find_nothing(query: str) -> None:
    index = load_bundled()
    with pytest.raises(UnknownServiceError):
        index.find(query)
    assert index.former_name(query) is None


def test_a_former_family_name_needs_the_family_in_the_index() -> None:
    index = Index((build_service("Language Understanding", []),))
    assert index.former_name("family:Computer Vision") is None
    assert index.former_name("LUIS") == FormerName("LUIS", "Language Understanding")


def test_an_alias_of_the_index_own_is_no_former_name() -> None:
    # A user's service that calls itself LUIS: its own alias wins over the rename group.
    ours = Service(
        name="Contoso NLU",
        slug="contoso-nlu",
        aliases=("LUIS",),
        guidance=(Guidance("Model card", Kind.TRANSPARENCY, "https://contoso.example/nlu"),),
    )
    index = Index((ours,))
    assert index.find("LUIS").name == "Contoso NLU"
    assert index.former_name("LUIS") is None


def test_the_umbrella_prefix_comes_after_exact_names() -> None:
    # A service whose own name starts like the product line is found by that name.
    own = build_service("Cognitive Services Gateway", [])
    leaf = build_service("Azure AI Vision - Gateway", [])
    index = Index((own, leaf))
    assert index.find("Gateway").name == "Azure AI Vision - Gateway"
    assert index.find("Cognitive Services Gateway").name == "Cognitive Services Gateway"
    assert index.former_name("Cognitive Services Gateway") is None


# --- the group helpers ---------------------------------------------------------------------


def test_other_names_come_from_the_groups_not_from_the_index() -> None:
    assert other_names("Language Understanding") == ("LUIS",)
    assert other_names("Language - Entity linking") == (
        "Text Analytics - Entity linking",
        "Azure AI Language - Entity linking",
        "Azure Language - Entity linking",
        "Azure Language in Foundry Tools - Entity linking",
    )
    assert other_names("Azure OpenAI") == (
        "Azure OpenAI Service",
        "OpenAI",
        "Azure OpenAI in Azure AI Foundry Models",
        "Azure OpenAI in Foundry Models",
    )
    assert other_names("Azure Vision - OCR (legacy)")[:2] == (
        "Computer Vision - OCR",
        "Azure AI Vision - OCR",
    )
    assert other_names("Contoso - Model") == ()
    # Readers no longer copy them into the services: lookup applies them.
    luis = build_service("Language Understanding", [])
    assert luis.aliases == ()
    assert Index((luis,)).find("LUIS") is luis


def test_former_names_came_before() -> None:
    assert is_former("LUIS", "Language Understanding")
    assert not is_former("Language Understanding", "LUIS")
    assert is_former("Text Analytics", "Language service")
    assert is_former("Azure OpenAI Service", "Azure OpenAI")
    assert not is_former("Azure OpenAI", "Azure OpenAI Service")
    assert is_former("Computer Vision - Face", "Azure Vision - Face")
    assert not is_former("Computer Vision - Face", "Computer Vision - OCR")
    assert not is_former("Contoso", "Contoso")
    assert is_former("Form Recognizer", "Azure Document Intelligence in Foundry Tools")
    assert is_former("Azure Cognitive Search", "Azure AI Search")


@pytest.mark.parametrize(
    ("name", "same"),
    [
        ("Computer Vision", "Azure AI Vision"),
        ("computer  vision", "Azure AI Vision"),
        ("Azure Vision in Foundry Tools", "Azure AI Vision"),
        ("Azure Vision", "Azure AI Vision"),
        ("Text Analytics", "Language"),
        ("Azure AI Language", "Language"),
        ("Azure Language in Foundry Tools", "Language"),
        ("Azure AI Speech", "Speech"),
        ("Speech service", "Speech"),
        ("Azure Speech in Foundry Tools", "Speech"),
    ],
)
def test_family_groups(name: str, same: str) -> None:
    assert family_key(name) == family_key(same)
    assert family_key(name) != family_key("Contoso")


@pytest.mark.parametrize(
    ("name", "same"),
    [
        ("Azure Vision - OCR (legacy)", "Azure AI Vision - OCR"),
        ("Azure Vision in Foundry Tools - Image Analysis", "Computer Vision - Image Analysis"),
        ("Azure AI Document Intelligence", "Azure Document Intelligence in Foundry Tools"),
        ("Form Recognizer", "Azure AI Document Intelligence"),
        ("Azure Cognitive Search", "Azure AI Search"),
        ("Custom Vision", "Azure Custom Vision"),
        ("Azure AI Language", "Language service"),
        (
            "Azure Speech in Foundry Tools - Pronunciation Assessment",
            "Speech - Pronunciation Assessment",
        ),
    ],
)
def test_service_groups(name: str, same: str) -> None:
    assert service_key(name) == service_key(same)


def test_is_former_family() -> None:
    assert is_former_family("Computer Vision", "Azure AI Vision")
    assert is_former_family("text analytics", "Language")
    assert not is_former_family("Azure AI Speech", "Speech")
    assert not is_former_family("Azure Vision in Foundry Tools", "Azure AI Vision")
    assert not is_former_family("Azure AI Vision", "Azure AI Vision")


def test_without_umbrella() -> None:
    assert without_umbrella("Cognitive Services - Face") == "Face"
    assert without_umbrella("Azure Cognitive Services Speech") == "Speech"
    assert without_umbrella("Cognitive Services") is None
    assert without_umbrella("Cognitive Servicesx Face") is None
    assert without_umbrella("Face") is None


# --- family names across indexes of different ages -----------------------------------------

OLD_PAGE = """\
## Computer Vision - Face
- [Transparency note](/legal/cognitive-services/face/transparency-note)
"""


@pytest.fixture(scope="module")
def page_2025() -> Index:
    """The real 2025 page alone, no bundled index."""
    result = read_path(PAGE_2025, fmt="markdown")
    assert result.problems == ()
    return result.index


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("Azure OpenAI Service", "Azure OpenAI"),
        ("Computer Vision - Face", "Azure Vision - Face"),
        ("Azure AI Vision - Face", "Azure Vision - Face"),
        ("Text Analytics", "Azure Language in Foundry Tools"),
        ("Language service", "Azure Language in Foundry Tools"),
        ("Azure AI Language", "Azure Language in Foundry Tools"),
        ("Form Recognizer", "Azure Document Intelligence in Foundry Tools"),
        ("Azure AI Document Intelligence", "Azure Document Intelligence in Foundry Tools"),
        ("Azure Cognitive Search", "Azure AI Search"),
        ("Computer Vision - OCR", "Azure Vision - OCR (legacy)"),
        ("OCR", "Azure Vision - OCR (legacy)"),
        ("Custom Vision", "Azure Custom Vision"),
        ("LUIS", "Language Understanding"),
        (
            "Speech - Pronunciation Assessment",
            "Azure Speech in Foundry Tools - Pronunciation Assessment",
        ),
        ("Language - Summarization", "Language - Summarization"),
        (
            "Text Analytics - Key phrase extraction",
            "Azure Language in Foundry Tools - Key phrase extraction",
        ),
        ("Cognitive Services Personalizer", "Personalizer"),
    ],
)
def test_names_of_every_version_resolve_in_an_index_of_the_2025_page_alone(
    page_2025: Index, query: str, name: str
) -> None:
    assert page_2025.find(query).name == name
    # Names the 2025 page itself came after are former names there.
    if query in ("Azure OpenAI Service", "Form Recognizer", "Computer Vision - Face", "LUIS"):
        assert page_2025.former_name(query) == FormerName(query, name)


def test_families_of_the_2025_page_are_one_each_whatever_name_it_uses(page_2025: Index) -> None:
    vision = [s.name for s in page_2025.select("family:Computer Vision")]
    assert vision == [
        "Azure Vision in Foundry Tools - Image Analysis",
        "Azure Vision - OCR (legacy)",
        "Azure Vision - Face",
    ]
    for query in (
        "family:Azure AI Vision",
        "family:Azure Vision",
        "family:Azure Vision in Foundry Tools",
    ):
        assert [s.name for s in page_2025.select(query)] == vision
    assert len(page_2025.select("family:Language")) == 11
    assert len(page_2025.select("family:Azure Speech")) == 4
    assert page_2025.former_name("family:Computer Vision") is not None
    assert page_2025.former_name("family:Azure Vision") is None  # its own name
    with pytest.raises(UnknownServiceError):
        page_2025.select("family:Other")  # a category heading, not a family


def test_the_family_name_an_old_index_uses_itself_is_not_warned_about() -> None:
    index = read_text(OLD_PAGE, "markdown", source="old.md").index
    assert index.families == ("Computer Vision",)
    assert [s.name for s in index.select("family:Computer Vision")] == ["Computer Vision - Face"]
    assert [s.name for s in index.select("family:Azure AI Vision")] == ["Computer Vision - Face"]
    assert index.former_name("family:Computer Vision") is None
    # Its service is named by the former name itself: that is its own name, not a former one.
    assert index.former_name("Computer Vision - Face") is None
