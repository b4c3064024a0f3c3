"""The kinds of guidance documents: the vocabulary, parsing, and inference from label and URL."""

from __future__ import annotations

import pytest

from sphinxext_rai.core.kinds import Kind, infer_kind, parse_kind, split_reference

LEGAL = "https://learn.microsoft.com/legal/cognitive-services"


def test_kind_values_are_the_documented_names() -> None:
    assert [k.value for k in Kind] == [
        "transparency",
        "limitations",
        "integration",
        "privacy",
        "limited-access",
        "code-of-conduct",
        "disclosure",
        "deployment",
        "research",
        "other",
    ]


def test_every_kind_has_a_heading() -> None:
    assert Kind.TRANSPARENCY.heading == "Transparency note"
    assert Kind.PRIVACY.heading == "Data, privacy, and security"
    assert Kind.LIMITED_ACCESS.heading == "Limited access"
    assert all(k.heading.strip() for k in Kind)
    assert len({k.heading for k in Kind}) == len(Kind)


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        # Every distinct label of the upstream seed page.
        ("Transparency note and use cases", Kind.TRANSPARENCY),
        ("Transparency note", Kind.TRANSPARENCY),
        ("Characteristics and limitations", Kind.LIMITATIONS),
        ("Integration and responsible use", Kind.INTEGRATION),
        ("General guidelines", Kind.INTEGRATION),
        ("Data, privacy, and security", Kind.PRIVACY),
        ("Data privacy and security", Kind.PRIVACY),
        ("Data and privacy", Kind.PRIVACY),
        ("Limited access", Kind.LIMITED_ACCESS),
        ("Limited Access features", Kind.LIMITED_ACCESS),
        ("Code of conduct", Kind.CODE_OF_CONDUCT),
        ("Responsible use in AI deployment", Kind.DEPLOYMENT),
        ("Responsible deployment of synthetic speech", Kind.DEPLOYMENT),
        ("Disclosure design guidelines", Kind.DISCLOSURE),
        ("Disclosure of voice talent", Kind.DISCLOSURE),
        ("Disclosure of design guidelines", Kind.DISCLOSURE),
        ("Disclosure of design patterns", Kind.DISCLOSURE),
        ("Research insights", Kind.RESEARCH),
        # Case and spacing do not matter.
        ("TRANSPARENCY NOTE", Kind.TRANSPARENCY),
        ("limited  access", Kind.LIMITED_ACCESS),
    ],
)
def test_infer_kind_from_label(label: str, kind: Kind) -> None:
    assert infer_kind(label) is kind


@pytest.mark.parametrize(
    ("label", "url", "kind"),
    [
        # A misspelled label: the URL slug tells.
        ("Trasparency note", f"{LEGAL}/face/transparency-note?context=/azure/x", Kind.TRANSPARENCY),
        ("Caracteristics", f"{LEGAL}/luis/characteristics-and-limitations", Kind.LIMITATIONS),
        ("Donnees", f"{LEGAL}/openai/data-privacy?context=/azure/ai-services/openai", Kind.PRIVACY),
        ("Acces", f"{LEGAL}/computer-vision/limited-access-identity", Kind.LIMITED_ACCESS),
        ("Code", f"{LEGAL}/speech-service/tts-code-of-conduct", Kind.CODE_OF_CONDUCT),
        (
            "Notes",
            "https://learn.microsoft.com/azure/personalizer/responsible-use-cases",
            Kind.TRANSPARENCY,
        ),
        # The label wins over the URL when it names a kind.
        ("Data and privacy", f"{LEGAL}/x/transparency-note", Kind.PRIVACY),
        # Only the last path segment counts, not the query string or earlier segments.
        ("Overview", f"{LEGAL}/transparency-note/overview?context=/privacy", Kind.OTHER),
        ("Overview", "https://example.com/a/b/", Kind.OTHER),
    ],
)
def test_infer_kind_falls_back_to_the_url_slug(label: str, url: str, kind: Kind) -> None:
    assert infer_kind(label, url) is kind


def test_infer_kind_unknown_is_other() -> None:
    assert infer_kind("Frequently asked questions") is Kind.OTHER
    assert infer_kind("") is Kind.OTHER


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("transparency", Kind.TRANSPARENCY),
        ("  Transparency ", Kind.TRANSPARENCY),
        ("limited-access", Kind.LIMITED_ACCESS),
        ("Limited Access", Kind.LIMITED_ACCESS),
        ("limited_access", Kind.LIMITED_ACCESS),
        ("CODE OF CONDUCT", Kind.CODE_OF_CONDUCT),
        ("transparency-note", Kind.TRANSPARENCY),
        ("Transparency note", Kind.TRANSPARENCY),
        ("characteristics", Kind.LIMITATIONS),
        ("guidance", Kind.INTEGRATION),
        ("data privacy", Kind.PRIVACY),
        ("coc", Kind.CODE_OF_CONDUCT),
        ("other", Kind.OTHER),
    ],
)
def test_parse_kind(text: str, kind: Kind) -> None:
    assert parse_kind(text) is kind


@pytest.mark.parametrize("text", ["", "colour", "transparence", "privacy policy"])
def test_parse_kind_unknown(text: str) -> None:
    assert parse_kind(text) is None


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Face/privacy", ("Face", "privacy")),
        (" Face / limited access ", ("Face", "limited access")),
        ("Face", ("Face", "")),
        # Split at the last slash: the kind comes last, a name may hold a slash.
        ("Speech / Voice/privacy", ("Speech / Voice", "privacy")),
        ("/privacy", ("", "privacy")),
    ],
)
def test_split_reference(text: str, parts: tuple[str, str]) -> None:
    assert split_reference(text) == parts
