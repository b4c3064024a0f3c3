"""The upstream Microsoft Learn Markdown page, in its service and category layouts."""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinxext_rai.core.kinds import Kind
from sphinxext_rai.core.model import Guidance, UnknownServiceError
from sphinxext_rai.core.problems import Location
from sphinxext_rai.formats import ReadResult, read_path, read_text
from sphinxext_rai.formats.bundled import SEED_PAGE_URL

LEARN = "https://learn.microsoft.com"
VISION_CONTEXT = "?context=/azure/ai-services/computer-vision/context/context"
FACE_NOTE = f"{LEARN}/legal/cognitive-services/face/transparency-note{VISION_CONTEXT}"


def read(text: str, *, base_url: str = LEARN, page_url: str | None = None) -> ReadResult:
    return read_text(text, "markdown", source="page.md", base_url=base_url, page_url=page_url)


def kinds(result: ReadResult, slug: str) -> list[str]:
    found = result.index.get(slug)
    assert found is not None, f"no service {slug!r} in {[s.slug for s in result.index]}"
    return [g.kind.value for g in found.guidance]


CV = "/legal/cognitive-services/computer-vision"
FACE = "/legal/cognitive-services/face"
SERVICE_LAYOUT = f"""\
---
title: Overview of Responsible use of AI
#services: cognitive-services
ms.date: 1/10/2022
---

# Responsible use of AI with Azure AI services

Some introductory prose with a [link](/azure/ai-services/) that is not a service.

## Azure AI Vision - Face

* [Transparency note and use cases]({FACE}/transparency-note{VISION_CONTEXT})
* [Characteristics and limitations]({FACE}/characteristics-and-limitations{VISION_CONTEXT})
* [Data privacy and security]({FACE}/data-privacy-security{VISION_CONTEXT})
* [Limited Access features]({CV}/limited-access-identity{VISION_CONTEXT})

## Personalizer

* [Transparency note and use cases](./personalizer/responsible-use-cases.md)
* [Data and privacy](./personalizer/responsible-data-and-privacy.md)
"""


# --- service layout ------------------------------------------------------------------------


def test_service_layout() -> None:
    result = read(SERVICE_LAYOUT, page_url=SEED_PAGE_URL)
    assert result.problems == ()
    assert [s.name for s in result.index] == ["Azure AI Vision - Face", "Personalizer"]
    face = result.index.services[0]
    assert face.slug == "azure-ai-vision-face"
    assert face.family == "Azure AI Vision"
    assert face.aliases == ()
    assert result.index.find("Computer Vision - Face") is face
    assert face.location == Location("page.md", 11)
    assert face.guidance[0] == Guidance(
        "Transparency note and use cases", Kind.TRANSPARENCY, FACE_NOTE
    )
    assert kinds(result, "azure-ai-vision-face") == [
        "transparency",
        "limitations",
        "privacy",
        "limited-access",
    ]
    personalizer = result.index.services[1]
    assert personalizer.family is None
    assert [g.url for g in personalizer.guidance] == [
        f"{LEARN}/azure/ai-services/personalizer/responsible-use-cases",
        f"{LEARN}/azure/ai-services/personalizer/responsible-data-and-privacy",
    ]
    assert [g.label for g in personalizer.guidance] == [
        "Transparency note and use cases",
        "Data and privacy",
    ]


def test_front_matter_title_and_date() -> None:
    provenance = read(SERVICE_LAYOUT, page_url=SEED_PAGE_URL).index.provenance
    assert len(provenance) == 1
    assert provenance[0].title == "Overview of Responsible use of AI"
    assert provenance[0].date == "2022-01-10"
    assert provenance[0].source == SEED_PAGE_URL
    assert len(provenance[0].sha256) == 64


def test_without_front_matter_the_h1_is_the_title() -> None:
    result = read("# Guidance\n\n## Face\n* [Transparency note](/a/transparency-note)\n")
    assert result.index.provenance[0].title == "Guidance"
    assert result.index.provenance[0].date is None
    assert result.index.provenance[0].source == "page.md"


def test_front_matter_iso_date() -> None:
    text = "---\nms.date: 2024-03-05\n---\n## Face\n* [Transparency note](/a)\n"
    assert read(text).index.provenance[0].date == "2024-03-05"


def test_broken_front_matter_is_located_and_the_rest_loads() -> None:
    text = "---\ntitle: [unclosed\n---\n## Face\n* [Transparency note](/a)\n"
    result = read(text)
    assert [p.code for p in result.problems] == ["syntax"]
    assert result.problems[0].location == Location("page.md", 2, 17)
    assert [s.name for s in result.index] == ["Face"]


def test_front_matter_refuses_yaml_tags() -> None:
    text = (
        "---\ntitle: !!python/object/apply:os.system [echo]\n---\n"
        "## Face\n* [Transparency note](/a)\n"
    )
    result = read(text)
    assert [p.code for p in result.problems] == ["syntax"]
    assert len(result.index) == 1


@pytest.mark.parametrize("bullet", ["*", "-", "+"])
@pytest.mark.parametrize("gap", ["", "\n", "\n\n\n"])
def test_bullets_and_blank_lines(bullet: str, gap: str) -> None:
    text = (
        f"## Face\n{gap}"
        f"{bullet} [Transparency note](/legal/face/transparency-note)\n"
        f"{bullet} [Data, privacy, and security](/legal/face/data-privacy-security)\n"
        f"## Personalizer\n{gap}"
        f"{bullet} [Characteristics and limitations](/legal/p/characteristics)\n"
    )
    result = read(text)
    assert result.problems == ()
    assert [s.slug for s in result.index] == ["face", "personalizer"]
    assert kinds(result, "face") == ["transparency", "privacy"]
    assert kinds(result, "personalizer") == ["limitations"]


def test_loose_list_with_blank_lines_between_bullets() -> None:
    text = (
        "## Face\n\n* [Transparency note](/a/transparency-note)\n\n"
        "* [Limited access](/a/limited-access)\n"
    )
    result = read(text)
    assert result.problems == ()
    assert kinds(result, "face") == ["transparency", "limited-access"]


def test_missing_final_newline() -> None:
    text = "## Face\n* [Transparency note](/a/transparency-note)\n* [Code of conduct](/a/coc)"
    result = read(text)
    assert result.problems == ()
    assert kinds(result, "face") == ["transparency", "code-of-conduct"]


def test_crlf_line_ends() -> None:
    text = "## Face\r\n\r\n* [Transparency note](/a/transparency-note)\r\n"
    result = read(text)
    assert result.problems == ()
    assert kinds(result, "face") == ["transparency"]


def test_anchor_in_heading_gives_the_slug() -> None:
    text = (
        '## <a name="face"></a>Visage\n\n'
        "* [Note de transparence](/legal/cognitive-services/face/transparency-note)\n"
        "* [Caract\u00e9ristiques et limitations](/legal/cognitive-services/face/characteristics)\n"
        "## <a id='personalizer'></a> Personnaliseur\n"
        "* [Note de transparence et cas d\u2019usage](./personalizer/responsible-use-cases.md)\n"
    )
    result = read(text, page_url="https://learn.microsoft.com/fr-fr/azure/ai-services/overview")
    assert result.problems == ()
    visage = result.index.get("face")
    assert visage is not None
    assert visage.name == "Visage"
    assert [g.kind for g in visage.guidance] == [Kind.TRANSPARENCY, Kind.LIMITATIONS]
    other = result.index.get("personalizer")
    assert other is not None
    assert other.name == "Personnaliseur"
    assert other.guidance[0].url == (
        "https://learn.microsoft.com/fr-fr/azure/ai-services/personalizer/responsible-use-cases"
    )


@pytest.mark.parametrize(
    ("label", "target", "kind"),
    [
        ("Trasparency note", "/legal/cognitive-services/face/transparency-note", "transparency"),
        ("Characteristcs", "/legal/x/characteristics-and-limitations?context=/a", "limitations"),
        ("Data privacy and security", "/legal/x/compliance-2", "privacy"),
        ("Data and privacy", "/legal/personalizer/responsible-data-and-privacy", "privacy"),
        ("Limited Access features", "/legal/x/limited-access-identity", "limited-access"),
        ("Limited access", "/legal/x/limited-access", "limited-access"),
        ("General guidelines", "/legal/x/guidance-speaker-recognition", "integration"),
        ("Disclosure design guidelines", "/legal/x/disclosure-design", "disclosure"),
    ],
)
def test_label_variants_and_typos(label: str, target: str, kind: str) -> None:
    text = f"## Face\n* [Transparency note](/legal/face/transparency-note)\n* [{label}]({target})\n"
    result = read(text)
    assert result.problems == ()
    face = result.index.services[0]
    assert face.guidance[1].label == label
    assert face.guidance[1].kind.value == kind


def test_unknown_kind_is_a_located_label_problem() -> None:
    text = (
        "## Face\n"
        "* [Transparency note](/a/transparency-note)\n"
        "* [Frequently asked questions](/a/faq)\n"
    )
    result = read(text)
    assert [(p.code, p.location) for p in result.problems] == [("label", Location("page.md", 3))]
    assert "Frequently asked questions" in result.problems[0].message
    assert kinds(result, "face") == ["transparency", "other"]


def test_unbalanced_brackets_are_recovered_with_a_syntax_problem() -> None:
    text = (
        "## Face\n"
        "* [Transparency note](/a/transparency-note)\n"
        "* [Data, privacy, and security]](/legal/face/data-privacy-security?context=/a)\n"
        "* [Limited access]] (/legal/face/limited-access)\n"
    )
    result = read(text)
    assert [(p.code, p.location) for p in result.problems] == [
        ("syntax", Location("page.md", 3)),
        ("syntax", Location("page.md", 4)),
    ]
    assert "Data, privacy, and security" in result.problems[0].message
    face = result.index.services[0]
    assert face.guidance[1] == Guidance(
        "Data, privacy, and security",
        Kind.PRIVACY,
        f"{LEARN}/legal/face/data-privacy-security?context=/a",
    )
    assert face.guidance[2].kind is Kind.LIMITED_ACCESS


def test_double_opening_bracket_still_reads_the_link() -> None:
    result = read("## Face\n* [[Transparency note](/a/transparency-note)\n")
    assert result.problems == ()
    assert result.index.services[0].guidance[0].label == "Transparency note"


def test_bullet_without_link_is_a_located_problem() -> None:
    text = "## Face\n* [Transparency note](/a/transparency-note)\n* Coming soon\n"
    result = read(text)
    assert [(p.code, p.location) for p in result.problems] == [("schema", Location("page.md", 3))]
    assert len(result.index.services[0].guidance) == 1


def test_inline_markup_in_labels_is_plain_text() -> None:
    text = "## Face\n* [`Transparency` *note*](/a/tn)\n* [**Data**, privacy](/a/b)\n"
    result = read(text)
    assert [g.label for g in result.index.services[0].guidance] == [
        "Transparency note",
        "Data, privacy",
    ]


def test_nested_lists_and_later_paragraphs_are_not_documents() -> None:
    text = (
        "## Face\n"
        "* [Transparency note](/a/transparency-note)\n"
        "  * [Nested note](/a/nested)\n\n"
        "  A second paragraph with [a link](/a/other).\n"
    )
    result = read(text)
    assert [g.url for g in result.index.services[0].guidance] == [f"{LEARN}/a/transparency-note"]


@pytest.mark.parametrize(
    "query",
    [
        "?context=/azure/ai-services/openai/context/context",
        "?context=%2Fazure%2Fai-services%2Fopenai%2Fcontext%2Fcontext",
        "?context=/azure/x&tabs=a&view=b",
    ],
)
def test_query_strings_raw_or_encoded(query: str) -> None:
    result = read(f"## Azure OpenAI Service\n* [Transparency note](/legal/openai/tn{query})\n")
    assert result.index.services[0].guidance[0].url == f"{LEARN}/legal/openai/tn{query}"


def test_base_url_option() -> None:
    result = read(
        "## Face\n* [Transparency note](/legal/face/tn)\n* [Limited access](./limited-access.md)\n",
        base_url="https://docs.contoso.com/rai/",
    )
    assert [g.url for g in result.index.services[0].guidance] == [
        "https://docs.contoso.com/legal/face/tn",
        "https://docs.contoso.com/rai/limited-access",
    ]


def test_skipped_sections_and_sections_without_links() -> None:
    text = (
        "## Face\n* [Transparency note](/a/transparency-note)\n"
        "## Coming soon\n\nNothing here yet.\n"
        "## Next steps\n* [Responsible AI principles](/azure/principles)\n"
    )
    result = read(text)
    assert [s.name for s in result.index] == ["Face"]
    assert [(p.code, p.location) for p in result.problems] == [("schema", Location("page.md", 3))]
    assert "Coming soon" in result.problems[0].message


def test_duplicate_service_keeps_the_first() -> None:
    text = (
        "# T\n\n## Face\n* [Transparency note](/a/transparency-note)\n\n"
        "## face\n* [Characteristics and limitations](/a/characteristics)\n"
    )
    result = read(text)
    assert [(p.code, p.location) for p in result.problems] == [
        ("duplicate", Location("page.md", 6))
    ]
    assert "page.md:3" in result.problems[0].message
    assert kinds(result, "face") == ["transparency"]


def test_over_long_label_is_a_limit_problem() -> None:
    text = f"## Face\n* [Transparency note](/a/tn)\n* [{'x' * 2001}](/a/transparency-note)\n"
    result = read(text)
    assert [(p.code, p.location) for p in result.problems] == [("limit", Location("page.md", 3))]
    assert len(result.index.services[0].guidance) == 1


@pytest.mark.parametrize(
    "text",
    ["", "# Only a title\n\nSome prose.\n", "---\ntitle: x\n---\n", "## Next steps\n* [a](/b)\n"],
)
def test_empty_page(text: str) -> None:
    result = read(text)
    assert "empty" in [p.code for p in result.problems]
    assert len(result.index) == 0


# --- unsafe targets ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(document.cookie)",
        " javascript:alert(1)",
        "&#106;avascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "//evil.example/x",
        "ftp://evil.example/x",
    ],
)
def test_unsafe_target_is_dropped_with_a_url_problem(target: str) -> None:
    text = (
        "## Face\n"
        "* [Transparency note](/legal/face/transparency-note)\n"
        f"* [Data, privacy, and security]({target})\n"
        "* [Limited access](/legal/face/limited-access)\n"
    )
    result = read(text)
    assert [(p.code, p.location) for p in result.problems] == [("url", Location("page.md", 3))]
    assert "Data, privacy, and security" in result.problems[0].message
    face = result.index.services[0]
    assert [g.kind for g in face.guidance] == [Kind.TRANSPARENCY, Kind.LIMITED_ACCESS]
    assert all(g.url.startswith("https://learn.microsoft.com/") for g in face.guidance)


# --- category layout -----------------------------------------------------------------------

CATEGORY_LAYOUT = f"""\
---
title: Overview of Responsible use of AI
ms.service: azure-ai-services
ms.date: 01/20/2024
---

# Responsible use of AI with Azure AI services

## Vision
- [Azure AI Vision - Face]({FACE}/transparency-note{VISION_CONTEXT})
- [Azure AI Vision - Image Analysis]({CV}/imageanalysis-transparency-note{VISION_CONTEXT})
- [Azure Custom Vision](/legal/cognitive-services/custom-vision/custom-vision-cvs-transparency-note)

## Other
- [Personalizer](./personalizer/responsible-use-cases.md)
"""


def test_category_layout() -> None:
    # The shape of the 2024 and 2025 pages: a service per bullet, named in full.
    result = read(CATEGORY_LAYOUT)
    assert result.problems == ()
    assert [(s.name, s.family, s.category) for s in result.index] == [
        ("Azure AI Vision - Face", "Azure AI Vision", "Vision"),
        ("Azure AI Vision - Image Analysis", "Azure AI Vision", "Vision"),
        ("Azure Custom Vision", None, "Vision"),
        ("Personalizer", None, "Other"),
    ]
    face = result.index.services[0]
    assert face.slug == "azure-ai-vision-face"
    # The link text is the service's name: the document has no label of its own.
    assert face.guidance == (Guidance("", Kind.TRANSPARENCY, FACE_NOTE),)
    assert face.guidance[0].title == "Transparency note"
    assert face.location == Location("page.md", 10)
    personalizer = result.index.services[3]
    # Recognised as the upstream page: its page-relative link resolves where Learn has it.
    assert personalizer.guidance[0].url == (
        f"{LEARN}/azure/ai-services/personalizer/responsible-use-cases"
    )
    assert result.index.provenance[0].date == "2024-01-20"
    assert result.index.provenance[0].heading == "Responsible use of AI with Azure AI services"
    # Rename groups apply to services read from any page.
    assert result.index.find("Azure AI Custom Vision").name == "Azure Custom Vision"
    assert result.index.find("Custom Vision").name == "Azure Custom Vision"
    # The family comes from the name; the category heading is no family.
    assert [s.name for s in result.index.select("family:Computer Vision")] == [
        "Azure AI Vision - Face",
        "Azure AI Vision - Image Analysis",
    ]
    with pytest.raises(UnknownServiceError):
        result.index.select("family:Other")


def test_category_layout_kind_from_the_url() -> None:
    text = (
        "## Speech\n"
        "* [Speech - Speaker Recognition](/legal/speech/transparency-note-speaker-recognition)\n"
        "* [Speech - Custom Neural Voice](/legal/speech/transparency-note-custom-neural-voice)\n"
        "* [Speech - Text to speech](/azure/ai-services/speech-service/overview)\n"
    )
    result = read(text)
    assert result.problems == ()
    docs = [s.guidance[0] for s in result.index]
    assert [(g.kind, g.label) for g in docs] == [(Kind.TRANSPARENCY, "")] * 3


def test_category_layout_unsafe_entry_is_reported_and_the_rest_loads() -> None:
    text = (
        "## Vision\n"
        f"* [Azure AI Vision - Face]({FACE}/transparency-note{VISION_CONTEXT})\n"
        "* [Azure AI Vision - Image Analysis](javascript:alert(1))\n"
        f"* [Azure AI Vision - OCR]({CV}/ocr-transparency-note)\n"
    )
    result = read(text)
    assert [(p.code, p.location) for p in result.problems] == [("url", Location("page.md", 3))]
    assert "Image Analysis" in result.problems[0].message
    assert [len(s.guidance) for s in result.index] == [1, 0, 1]


def test_both_layouts_in_one_page_are_read_section_by_section_with_a_note() -> None:
    text = (
        "## Azure OpenAI Service\n"
        "* [Transparency note](/legal/openai/transparency-note)\n"
        "* [Code of conduct](/legal/openai/code-of-conduct)\n"
        "## Language\n"
        "* [Language - Summarization](/legal/language/transparency-note-extractive-summarization)\n"
        "* [Language - Question Answering](/legal/language/transparency-note-question-answering)\n"
    )
    result = read(text)
    assert result.problems == ()
    assert [(s.name, s.family, s.category) for s in result.index] == [
        ("Azure OpenAI Service", None, None),
        ("Language - Summarization", "Language", "Language"),
        ("Language - Question Answering", "Language", "Language"),
    ]
    assert kinds(result, "azure-openai-service") == ["transparency", "code-of-conduct"]
    (note,) = result.notes
    assert note.location == Location("page.md", 4)
    assert "mixes layouts" in note.message


def test_a_translated_two_bullet_section_is_a_service() -> None:
    # Labels in a script the kind rules do not read: the anchor tells a service section.
    heading = "\u8a00\u8a9e: \u767a\u97f3\u8a55\u4fa1"
    note, limits = "\u900f\u660e\u6027\u306e\u30e1\u30e2", "\u7279\u6027\u3068\u5236\u9650"
    folder = "/legal/speech/pronunciation-assessment"
    text = (
        f'## <a name="speech---pronunciation-assessment"></a>{heading}\n'
        f"* [{note}]({folder}/transparency-note-pronunciation-assessment)\n"
        f"* [{limits}]({folder}/characteristics-and-limitations-pronunciation-assessment)\n"
    )
    result = read(text)
    assert result.problems == ()
    (service,) = result.index.services
    assert service.slug == "speech-pronunciation-assessment"
    assert [g.kind for g in service.guidance] == [Kind.TRANSPARENCY, Kind.LIMITATIONS]


# --- links that are not read ---------------------------------------------------------------


def test_every_unread_link_is_a_located_problem() -> None:
    text = (
        "* [Before any heading](/a/transparency-note)\n\n"
        "## Face\n\n"
        "* [Transparency note](/a/transparency-note) and [a second link](/a/second)\n"
        "  * [Nested note](/a/nested)\n\n"
        "  A second paragraph with [a link](/a/other).\n\n"
        "| document | link |\n| --- | --- |\n| privacy | [Data and privacy](/a/privacy) |\n\n"
        '<ul><li><a href="/a/limited-access">Limited access</a></li></ul>\n\n'
        "## Next steps\n\n* [Not a service](/a/next) and [neither](/a/b)\n"
    )
    result = read(text)
    assert [(p.code, p.location) for p in result.problems] == [
        ("schema", Location("page.md", 1)),
        ("schema", Location("page.md", 5)),
        ("schema", Location("page.md", 6)),
        ("schema", Location("page.md", 8)),
        ("schema", Location("page.md", 12)),
        ("schema", Location("page.md", 14)),
    ]
    reasons = [p.message for p in result.problems]
    assert "before the first ## heading" in reasons[0]
    assert "'a second link' (/a/second) a second link in one bullet" in reasons[1]
    assert "in a nested bullet" in reasons[2]
    assert "in a later paragraph of a bullet" in reasons[3]
    assert "in a table" in reasons[4]
    assert "/a/limited-access in HTML" in reasons[5]
    assert [g.url for g in result.index.services[0].guidance] == [f"{LEARN}/a/transparency-note"]


# --- page-relative links -------------------------------------------------------------------


def test_a_page_relative_link_of_an_unknown_page_is_a_url_problem_not_a_site_root_link() -> None:
    text = "## Personalizer\n* [Transparency note](./personalizer/responsible-use-cases.md)\n"
    result = read(text)
    assert [(p.code, p.location) for p in result.problems] == [("url", Location("page.md", 2))]
    assert "rai_page_url" in result.problems[0].message
    assert "--page-url" in result.problems[0].message
    assert result.index.services[0].guidance == ()


@pytest.mark.parametrize(
    ("front", "h1", "page"),
    [
        (
            "ms.service: cognitive-services\ntitle: Overview of Responsible use of AI",
            "Responsible use of AI with Cognitive Services",
            f"{LEARN}/azure/cognitive-services/responsible-use-of-ai-overview",
        ),
        (
            "ms.service: azure-ai-services\ntitle: Something else",
            "Responsible use of AI with Foundry Tools",
            f"{LEARN}/azure/ai-services/responsible-use-of-ai-overview",
        ),
        (
            "ms.service: cognitive-services\ntitle: \u00dcbersicht\nms.contentlocale: de-DE",
            '<a name="responsible-use-of-ai-with-cognitive-services"></a>Verantwortung',
            f"{LEARN}/de-de/azure/cognitive-services/responsible-use-of-ai-overview",
        ),
    ],
)
def test_a_recognised_upstream_page_resolves_where_learn_publishes_it(
    front: str, h1: str, page: str
) -> None:
    text = f"---\n{front}\n---\n# {h1}\n\n## Personalizer\n* [Transparency note](./p/tn.md)\n"
    result = read(text)
    assert result.problems == ()
    assert result.index.provenance[0].source == page
    assert result.index.services[0].guidance[0].url == page.rsplit("/", 1)[0] + "/p/tn"


@pytest.mark.parametrize(
    "front",
    [
        "ms.service: azure-ai-services\ntitle: Our page",
        "ms.service: other\ntitle: Overview of Responsible use of AI",
    ],
)
def test_other_pages_are_not_taken_for_the_upstream_page(front: str) -> None:
    text = (
        f"---\n{front}\n---\n# Our guidance\n\n## Personalizer\n* [Transparency note](./p/tn.md)\n"
    )
    assert [p.code for p in read(text).problems] == ["url"]


# --- files ---------------------------------------------------------------------------------


def test_read_path_markdown_suffixes(tmp_path: Path) -> None:
    for name in ("index.md", "index.markdown"):
        path = tmp_path / name
        path.write_text(SERVICE_LAYOUT, encoding="utf-8")
        result = read_path(path, page_url=SEED_PAGE_URL)
        assert result.ok
        assert len(result.index) == 2


def test_read_path_with_explicit_format(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text(SERVICE_LAYOUT, encoding="utf-8")
    assert [p.code for p in read_path(path).problems] == ["missing"]
    result = read_path(path, fmt="markdown", page_url=SEED_PAGE_URL)
    assert result.ok
    assert len(result.index) == 2


def test_markdown_with_bom_and_bad_bytes(tmp_path: Path) -> None:
    good = tmp_path / "bom.md"
    good.write_bytes(b"\xef\xbb\xbf## Face\n* [Transparency note](/a/transparency-note)\n")
    assert read_path(good).ok
    bad = tmp_path / "latin1.md"
    bad.write_bytes(b"## Face\n* [Donn\xe9es](/a/data-privacy)\n")
    result = read_path(bad)
    assert [(p.code, p.location) for p in result.problems] == [("syntax", Location(str(bad), 2, 8))]
    assert "0xe9" in result.problems[0].message


def test_the_seed_page(seed_file: Path) -> None:
    result = read_path(seed_file, fmt="markdown", page_url=SEED_PAGE_URL)
    assert result.problems == ()
    assert len(result.index) == 27
    assert result.index.link_count == 100
    assert result.index.services[0].name == "Anomaly Detector"
    assert result.index.services[-1].name == "Speech - Speech to text"
    assert result.index.provenance[0].title == "Overview of Responsible use of AI"
    assert result.index.provenance[0].date == "2022-01-10"
    personalizer = result.index.get("personalizer")
    assert personalizer is not None
    assert personalizer.guidance[3].url == (
        f"{LEARN}/azure/ai-services/personalizer/responsible-data-and-privacy"
    )


def test_translated_copy_with_anchors_is_read_in_the_service_layout() -> None:
    text = (
        "---\ntitle: Vue d'ensemble\nms.date: 3/4/2023\n---\n# Utilisation responsable\n\n"
        '## <a name="face"></a>Visage\n\n'
        "* [Note de transparence](/legal/cognitive-services/face/transparency-note)\n"
        "* [Caractéristiques et limites](/legal/cognitive-services/face/"
        "characteristics-and-limitations)\n"
        "* [Intégration](/legal/cognitive-services/face/guidance-integration-responsible-use)\n"
        "* [Données et confidentialité](/legal/cognitive-services/face/data-privacy-security)\n"
    )
    result = read(text)
    assert result.problems == ()
    (service,) = result.index.services
    assert (service.name, service.slug) == ("Visage", "face")
    assert [g.kind for g in service.guidance] == [
        Kind.TRANSPARENCY,
        Kind.LIMITATIONS,
        Kind.INTEGRATION,
        Kind.PRIVACY,
    ]
    assert [g.label for g in service.guidance][1] == "Caractéristiques et limites"


def test_review_date_that_is_not_a_date_is_reported() -> None:
    result = read("---\nms.date: someday\n---\n## Face\n\n* [Transparency note](/a/b)\n")
    assert result.index.provenance[0].date is None
    assert [(p.code, p.location) for p in result.problems] == [("schema", Location("page.md", 1))]
    assert "someday" in result.problems[0].message


@pytest.mark.parametrize(
    "text",
    [
        "## \n* [Transparency note](/a/transparency-note)\n",  # found by fuzzing
        "## Vision\n* [](/a/transparency-note)\n* [!!!](/b/transparency-note)\n",
    ],
)
def test_a_service_without_a_usable_name_is_reported_not_loaded(text: str) -> None:
    result = read(text)
    assert all(s.name.strip() and s.slug for s in result.index)
    assert any(p.code == "schema" for p in result.problems)


def test_an_overlong_service_heading_is_refused() -> None:
    result = read("## " + "x" * 2001 + "\n* [Transparency note](/a/transparency-note)\n")
    assert len(result.index) == 0
    assert next(p.code for p in result.problems) == "limit"


@pytest.mark.parametrize("target", ["0:", "[](0:)", "9x:"])
def test_a_target_that_looks_like_a_bad_scheme_is_a_located_problem(target: str) -> None:
    # mdurl 0.1.0 raised IndexError on "0:" while markdown-it parsed the link.
    page = f"# T\n\n## Face\n\n* [Transparency note]({target})\n"
    result = read_text(page, "markdown", source="p.md")
    assert [(p.code, p.location) for p in result.problems] == [("url", Location("p.md", 5))]
