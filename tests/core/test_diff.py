"""Comparing two indexes: services added, removed and renamed; documents added, removed and
changed; the order of the result; its text and JSON forms."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from sphinxext_rai.cli.diff_report import to_dict, to_json, to_text
from sphinxext_rai.core.diff import DocumentChange, IndexDiff, Renamed, ServiceRef, compare
from sphinxext_rai.core.kinds import Kind
from sphinxext_rai.core.model import Guidance, Index, Provenance, Service
from sphinxext_rai.core.names import slugify, split_family
from sphinxext_rai.formats.bundled import load_bundled

T, P, L = Kind.TRANSPARENCY, Kind.PRIVACY, Kind.LIMITATIONS


def doc(kind: Kind, path: str, label: str = "") -> Guidance:
    return Guidance(label=label or kind.heading, kind=kind, url=f"https://example.com/{path}")


def service(
    name: str,
    *docs: Guidance,
    aliases: tuple[str, ...] = (),
    slug: str = "",
    family: str | None = None,
) -> Service:
    return Service(
        name=name,
        slug=slug or slugify(name),
        family=family or split_family(name)[0],
        aliases=aliases,
        guidance=docs,
    )


def index(*services: Service, source: str = "test") -> Index:
    return Index(services, (Provenance(source, title="Test", date="2024-01-01"),))


def names(services: tuple[Service, ...]) -> list[str]:
    return [s.name for s in services]


# --- services ------------------------------------------------------------------------------


def test_identical_indexes_do_not_differ() -> None:
    one = index(service("Face", doc(T, "face")), service("Speech", doc(P, "speech")))
    diff = compare(one, one)
    assert not diff.differs
    assert diff == IndexDiff(old=diff.old, new=diff.new)
    assert (diff.old.services, diff.old.documents) == (2, 2)


def test_the_bundled_index_equals_itself() -> None:
    assert not compare(load_bundled(), load_bundled()).differs


def test_added_in_new_order_and_removed_in_old_order() -> None:
    old = index(service("A"), service("B"), service("C"), service("D"))
    new = index(service("Z"), service("C"), service("Y"), service("A"))
    diff = compare(old, new)
    assert names(diff.added) == ["Z", "Y"]
    assert names(diff.removed) == ["B", "D"]
    assert diff.renamed == ()
    assert diff.differs


def test_a_renamed_service_found_through_its_own_alias() -> None:
    old = index(service("Contoso Vision", doc(T, "cv")))
    new = index(service("Contoso Vision Model", doc(T, "cv"), aliases=("Contoso Vision",)))
    diff = compare(old, new)
    assert diff.renamed == (
        Renamed(
            ServiceRef("Contoso Vision", "contoso-vision"),
            ServiceRef("Contoso Vision Model", "contoso-vision-model"),
            "alias",
        ),
    )
    assert diff.added == diff.removed == ()
    assert diff.documents == ()


@pytest.mark.parametrize(
    ("old_name", "new_name", "family"),
    [
        ("LUIS", "Language Understanding", None),  # new name, no aliases of its own
        ("Language Understanding", "LUIS", None),  # and the other way round
        ("Computer Vision - Face", "Azure AI Vision - Face", None),
        ("Text Analytics - Summarization", "Language - Summarization", None),
        ("Text Analytics", "Language service", None),
        ("Azure OpenAI Service", "Azure OpenAI in Foundry Models", None),
        ("Cognitive Services Personalizer", "Personalizer", None),
        # Renames between the real pages of 2022, 2024 and 2025
        ("Azure AI Vision - OCR", "Azure Vision - OCR (legacy)", None),
        ("Custom Vision", "Azure Custom Vision", None),
        ("Azure AI Document Intelligence", "Azure Document Intelligence in Foundry Tools", None),
        ("Form Recognizer", "Azure AI Document Intelligence", None),
        ("Azure Cognitive Search", "Azure AI Search", None),
        ("Azure AI Language", "Azure Language in Foundry Tools", None),
        (
            "Speech - Pronunciation Assessment",
            "Azure Speech in Foundry Tools - Pronunciation Assessment",
            None,
        ),
    ],
)
def test_renames_from_the_rename_table(old_name: str, new_name: str, family: str | None) -> None:
    old = index(service(old_name, doc(T, "note")))
    new = index(service(new_name, doc(T, "note"), family=family))
    diff = compare(old, new)
    assert [(r.old.name, r.new.name, r.matched_by) for r in diff.renamed] == [
        (old_name, new_name, "rename group")
    ]
    assert diff.added == diff.removed == ()


def test_same_slug_new_name_is_a_rename() -> None:
    old = index(service("Face", slug="face"))
    new = index(service("Face (preview)", slug="face"))
    (renamed,) = compare(old, new).renamed
    assert (renamed.old.name, renamed.new.name, renamed.matched_by) == (
        "Face",
        "Face (preview)",
        "slug",
    )


def test_same_name_new_slug_is_reported_with_the_slug() -> None:
    old = index(service("Visage", slug="face"))
    new = index(service("visage", slug="visage"))
    (renamed,) = compare(old, new).renamed
    assert renamed == Renamed(ServiceRef("Visage", "face"), ServiceRef("visage", "visage"), "name")


def test_an_identical_url_pairs_services_no_name_pairs() -> None:
    old = index(service("Contoso Vision", doc(T, "face")), service("QnA Maker"))
    new = index(service("Fabrikam Faces", doc(T, "face")), service("QnA Maker"))
    diff = compare(old, new)
    assert [(r.old.name, r.new.name, r.matched_by) for r in diff.renamed] == [
        ("Contoso Vision", "Fabrikam Faces", "url")
    ]
    assert diff.documents == ()


def test_a_unique_short_name_pairs_what_nothing_else_does() -> None:
    old = index(service("Contoso - Face", doc(T, "face")), service("QnA Maker"))
    new = index(service("Fabrikam - Face", doc(T, "face2")), service("QnA Maker"))
    diff = compare(old, new)
    assert [(r.old.name, r.new.name, r.matched_by) for r in diff.renamed] == [
        ("Contoso - Face", "Fabrikam - Face", "short name")
    ]


def test_a_shared_short_name_pairs_nothing() -> None:
    old = index(service("Alpha - Detector"), service("Beta - Detector"))
    new = index(service("Detector"))
    diff = compare(old, new)
    assert diff.renamed == ()
    assert names(diff.removed) == ["Alpha - Detector", "Beta - Detector"]
    assert names(diff.added) == ["Detector"]


def test_exact_matches_are_paired_before_aliases() -> None:
    # "LUIS" in the old index is itself in the new one: it is not taken for a rename of
    # Language Understanding, which stays paired with itself.
    old = index(service("LUIS"), service("Language Understanding"))
    new = index(service("Language Understanding"), service("LUIS"))
    assert not compare(old, new).differs


def test_renamed_in_new_order() -> None:
    old = index(service("LUIS"), service("Computer Vision - Face"))
    new = index(service("Azure AI Vision - Face"), service("Language Understanding"))
    renamed = compare(old, new).renamed
    assert [r.new.name for r in renamed] == ["Azure AI Vision - Face", "Language Understanding"]


# --- documents -----------------------------------------------------------------------------


def test_documents_added_removed_and_changed() -> None:
    old = index(
        service(
            "Face",
            doc(T, "face/note", "Transparency note"),
            doc(L, "face/limits"),
            doc(P, "face/privacy", "Data privacy"),
        )
    )
    new = index(
        service(
            "Face",
            doc(T, "face/note", "Transparency note and use cases"),  # label changed
            doc(P, "face/data-privacy", "Data privacy"),  # URL changed
            doc(Kind.LIMITED_ACCESS, "face/limited"),  # added
        )
    )
    face = ServiceRef("Face", "face")
    assert compare(old, new).documents == (
        DocumentChange(
            face,
            T,
            doc(T, "face/note", "Transparency note"),
            doc(T, "face/note", "Transparency note and use cases"),
        ),
        DocumentChange(face, L, doc(L, "face/limits"), None),
        DocumentChange(
            face,
            P,
            doc(P, "face/privacy", "Data privacy"),
            doc(P, "face/data-privacy", "Data privacy"),
        ),
        DocumentChange(face, Kind.LIMITED_ACCESS, None, doc(Kind.LIMITED_ACCESS, "face/limited")),
    )
    changes = compare(old, new).documents
    assert [(c.change, c.fields) for c in changes] == [
        ("changed", ("label",)),
        ("removed", ()),
        ("changed", ("url",)),
        ("added", ()),
    ]


def test_documents_are_keyed_by_service_and_kind_not_url() -> None:
    # One URL serves two services; it moves for one of them only.
    shared = doc(P, "language/data-privacy")
    old = index(service("Language - NER", shared), service("Language - PII", shared))
    new = index(service("Language - NER", shared), service("Language - PII", doc(P, "pii/privacy")))
    (change,) = compare(old, new).documents
    assert change.service == ServiceRef("Language - PII", "language-pii")
    assert (change.change, change.fields) == ("changed", ("url",))


def test_several_documents_of_one_kind_pair_by_url_then_label_then_order() -> None:
    old = index(
        service(
            "Speech",
            doc(Kind.OTHER, "a", "Code of conduct FAQ"),
            doc(Kind.OTHER, "b", "Voice talent"),
            doc(Kind.OTHER, "c", "Old thing"),
        )
    )
    new = index(
        service(
            "Speech",
            doc(Kind.OTHER, "x", "Something new"),
            doc(Kind.OTHER, "b", "Voice talent disclosure"),  # same URL
            doc(Kind.OTHER, "a2", "Code of conduct FAQ"),  # same label
        )
    )
    changes = compare(old, new).documents
    assert [(c.old and c.old.url, c.new and c.new.url, c.fields) for c in changes] == [
        ("https://example.com/c", "https://example.com/x", ("url", "label")),
        ("https://example.com/b", "https://example.com/b", ("label",)),
        ("https://example.com/a", "https://example.com/a2", ("url",)),
    ]


def test_documents_of_a_renamed_service_are_compared() -> None:
    old = index(service("LUIS", doc(T, "luis/note"), doc(P, "luis/privacy")))
    new = index(service("Language Understanding", doc(T, "luis/note")))
    diff = compare(old, new)
    (change,) = diff.documents
    assert change.service.name == "Language Understanding"
    assert change.change == "removed"


def test_document_changes_follow_the_new_order_of_services_and_the_kind_order() -> None:
    old = index(service("A", doc(P, "a/p"), doc(T, "a/t")), service("B", doc(T, "b/t")))
    new = index(service("B", doc(T, "b/t2")), service("A", doc(T, "a/t2"), doc(P, "a/p2")))
    changes = compare(old, new).documents
    assert [(c.service.name, c.kind) for c in changes] == [("B", T), ("A", T), ("A", P)]


def test_ignoring_urls_and_labels() -> None:
    old = index(service("A", doc(T, "a/t", "Note"), doc(P, "a/p", "Privacy"), doc(L, "a/l")))
    new = index(service("A", doc(T, "a/t2", "Note"), doc(P, "a/p", "Privacy policy")))
    diff = compare(old, new)
    # Kind order: transparency, limitations, privacy.
    assert [c.fields for c in diff.documents] == [("url",), (), ("label",)]
    assert [c.fields for c in diff.ignoring({"url"}).documents] == [(), ("label",)]
    assert [c.fields for c in diff.ignoring({"label"}).documents] == [("url",), ()]
    only_removed = diff.ignoring({"url", "label"})
    assert [c.change for c in only_removed.documents] == ["removed"]
    assert only_removed.differs
    # A change of both URL and label stays when only one of them is ignored.
    both = compare(old, replace(old, services=(service("A", doc(T, "a/x", "New")),)))
    assert both.ignoring({"url"}).documents[0].fields == ("url", "label")


def test_only_url_changes_ignored_is_no_difference() -> None:
    old = index(service("A", doc(T, "a/t")))
    new = index(service("A", doc(T, "a/t2")))
    assert compare(old, new).differs
    assert not compare(old, new).ignoring({"url"}).differs


# --- text and JSON -------------------------------------------------------------------------


@pytest.fixture
def sample() -> IndexDiff:
    old = index(
        service("LUIS", doc(T, "luis/note"), doc(P, "luis/privacy")),
        service("QnA Maker", doc(T, "qna/note")),
        service("Face", doc(T, "face/note", "Transparency note"), doc(L, "face/limits")),
        source="https://learn.example/old",
    )
    new = index(
        service(
            "Face", doc(T, "face/note2", "Transparency note and use cases"), doc(L, "face/limits")
        ),
        service("Language Understanding", doc(T, "luis/note")),
        service("Content Safety", doc(T, "safety/note")),
        source="new.yaml",
    )
    return compare(old, new)


TEXT = """\
--- old.md ('Test', 2024-01-01, 3 services, 5 documents; source https://learn.example/old)
+++ new.yaml ('Test', 2024-01-01, 3 services, 4 documents)

Services renamed (1):
  ~ LUIS -> Language Understanding [matched by rename group]

Services added (1):
  + Content Safety
      transparency: Transparency note <https://example.com/safety/note>

Services removed (1):
  - QnA Maker (1 document)

Documents changed in 2 services:
  Face
    ~ transparency: Transparency note and use cases
        label was: Transparency note
        URL was: <https://example.com/face/note>
        URL now: <https://example.com/face/note2>
  Language Understanding
    - privacy: Data, privacy, and security <https://example.com/luis/privacy>

Services: 1 added, 1 removed, 1 renamed, 0 changed. Documents: 0 added, 1 removed, 1 changed.
"""


def test_text(sample: IndexDiff) -> None:
    assert to_text(sample, old_name="old.md", new_name="new.yaml") == TEXT


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        (
            ("LUIS", "luis"),
            ("Language Understanding", "language-understanding"),
            "LUIS -> Language Understanding",
        ),
        (("Visage", "face"), ("Visage", "visage"), "Visage (slug face -> visage)"),
        (("Face", "face"), ("Face (preview)", "face"), "Face -> Face (preview)"),
        (
            ("LUIS", "nlu"),
            ("Language Understanding", "language-understanding"),
            "LUIS -> Language Understanding (slug nlu -> language-understanding)",
        ),
    ],
)
def test_text_of_a_rename_shows_slugs_that_do_not_follow_the_names(
    old: tuple[str, str], new: tuple[str, str], line: str
) -> None:
    diff = compare(index(service(old[0], slug=old[1])), index(service(new[0], slug=new[1])))
    text = to_text(diff, old_name="a", new_name="b")
    assert f"\n  ~ {line} [matched by " in text


def test_text_without_differences() -> None:
    one = index(service("A"))
    assert to_text(compare(one, one), old_name="a.json", new_name="b.json") == (
        "--- a.json ('Test', 2024-01-01, 1 service, 0 documents; source test)\n"
        "+++ b.json ('Test', 2024-01-01, 1 service, 0 documents; source test)\n"
        "\n"
        "No differences.\n"
    )


def test_json(sample: IndexDiff) -> None:
    data = json.loads(to_json(sample, old_name="old.md", new_name="new.yaml"))
    assert data == to_dict(sample, old_name="old.md", new_name="new.yaml")
    assert list(data) == ["old", "new", "differs", "summary", "services", "documents"]
    assert data["old"] == {
        "file": "old.md",
        "source": "https://learn.example/old",
        "title": "Test",
        "date": "2024-01-01",
        "sha256": "",
        "services": 3,
        "documents": 5,
    }
    assert data["differs"] is True
    assert data["summary"] == {
        "services_added": 1,
        "services_removed": 1,
        "services_renamed": 1,
        "services_changed": 0,
        "documents_added": 0,
        "documents_removed": 1,
        "documents_changed": 1,
    }
    assert data["services"]["added"] == [
        {
            "name": "Content Safety",
            "slug": "content-safety",
            "family": None,
            "category": None,
            "aliases": [],
            "description": "",
            "guidance": [
                {
                    "label": "Transparency note",
                    "kind": "transparency",
                    "url": "https://example.com/safety/note",
                }
            ],
        }
    ]
    assert [s["name"] for s in data["services"]["removed"]] == ["QnA Maker"]
    assert data["services"]["renamed"] == [
        {
            "old": {"name": "LUIS", "slug": "luis"},
            "new": {"name": "Language Understanding", "slug": "language-understanding"},
            "matched_by": "rename group",
        }
    ]
    assert data["documents"][0] == {
        "service": {"name": "Face", "slug": "face"},
        "kind": "transparency",
        "change": "changed",
        "fields": ["url", "label"],
        "old": {
            "label": "Transparency note",
            "kind": "transparency",
            "url": "https://example.com/face/note",
        },
        "new": {
            "label": "Transparency note and use cases",
            "kind": "transparency",
            "url": "https://example.com/face/note2",
        },
    }
    assert data["documents"][1]["change"] == "removed"
    assert data["documents"][1]["new"] is None
    assert data["documents"][1]["fields"] == []


def test_json_without_differences() -> None:
    one = index(service("A"))
    data = to_dict(compare(one, one), old_name="a", new_name="b")
    assert data["differs"] is False
    assert data["services"] == {"added": [], "removed": [], "renamed": [], "changed": []}
    assert data["documents"] == []
