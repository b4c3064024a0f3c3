"""The structured index format (YAML, JSON, TOML): one schema, located problems, safe loading."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from sphinxext_rai.core.kinds import Kind
from sphinxext_rai.core.model import Guidance, Index, Provenance, Service
from sphinxext_rai.core.problems import Location, Problem
from sphinxext_rai.formats import ReadResult, read_path, read_text

YAML_INDEX = """\
title: Contoso internal models
source: https://contoso.example/rai
date: 2024-03-01
sha256: 0123456789abcdef
services:
  - name: Contoso Vision
    slug: contoso-vision
    family: Contoso
    aliases: [CV, Contoso Image Analysis]
    description: Image tagging for the photo library.
    guidance:
      - label: Transparency note
        url: https://contoso.example/rai/vision/transparency-note
      - label: Notes on data handling
        kind: privacy
        url: /legal/contoso/data
  - name: Language - Summarization
    mode: extend
    guidance:
      - label: Internal review checklist
        kind: Integration
        url: mailto:rai@contoso.example
"""

JSON_INDEX = """\
{
  "title": "Contoso internal models",
  "source": "https://contoso.example/rai",
  "date": "2024-03-01",
  "sha256": "0123456789abcdef",
  "services": [
    {
      "name": "Contoso Vision",
      "slug": "contoso-vision",
      "family": "Contoso",
      "aliases": ["CV", "Contoso Image Analysis"],
      "description": "Image tagging for the photo library.",
      "guidance": [
        {"label": "Transparency note",
         "url": "https://contoso.example/rai/vision/transparency-note"},
        {"label": "Notes on data handling", "kind": "privacy", "url": "/legal/contoso/data"}
      ]
    },
    {
      "name": "Language - Summarization",
      "mode": "extend",
      "guidance": [
        {"label": "Internal review checklist", "kind": "Integration",
         "url": "mailto:rai@contoso.example"}
      ]
    }
  ]
}
"""

TOML_INDEX = """\
title = "Contoso internal models"
source = "https://contoso.example/rai"
date = "2024-03-01"
sha256 = "0123456789abcdef"

[[services]]
name = "Contoso Vision"
slug = "contoso-vision"
family = "Contoso"
aliases = ["CV", "Contoso Image Analysis"]
description = "Image tagging for the photo library."

[[services.guidance]]
label = "Transparency note"
url = "https://contoso.example/rai/vision/transparency-note"

[[services.guidance]]
label = "Notes on data handling"
kind = "privacy"
url = "/legal/contoso/data"

[[services]]
name = "Language - Summarization"
mode = "extend"

[[services.guidance]]
label = "Internal review checklist"
kind = "Integration"
url = "mailto:rai@contoso.example"
"""

EXPECTED = Index(
    (
        Service(
            name="Contoso Vision",
            slug="contoso-vision",
            family="Contoso",
            aliases=("CV", "Contoso Image Analysis"),
            guidance=(
                Guidance(
                    "Transparency note",
                    Kind.TRANSPARENCY,
                    "https://contoso.example/rai/vision/transparency-note",
                ),
                Guidance(
                    "Notes on data handling",
                    Kind.PRIVACY,
                    "https://learn.microsoft.com/legal/contoso/data",
                ),
            ),
            description="Image tagging for the photo library.",
        ),
        Service(
            name="Language - Summarization",
            slug="language-summarization",
            family="Language",
            guidance=(
                Guidance(
                    "Internal review checklist", Kind.INTEGRATION, "mailto:rai@contoso.example"
                ),
            ),
            mode="extend",
        ),
    ),
    (
        Provenance(
            source="https://contoso.example/rai",
            title="Contoso internal models",
            date="2024-03-01",
            sha256="0123456789abcdef",
        ),
    ),
)


def codes(result: ReadResult) -> list[str]:
    return [p.code for p in result.problems]


def only_problem(result: ReadResult) -> Problem:
    assert len(result.problems) == 1, result.problems
    return result.problems[0]


# --- the schema in three formats -----------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "text"), [("yaml", YAML_INDEX), ("json", JSON_INDEX), ("toml", TOML_INDEX)]
)
def test_each_format_reads_the_same_index(fmt: str, text: str) -> None:
    result = read_text(text, fmt, source=f"contoso.{fmt}")
    assert result.problems == ()
    assert result.index == EXPECTED


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("contoso.yaml", YAML_INDEX),
        ("contoso.yml", YAML_INDEX),
        ("contoso.json", JSON_INDEX),
        ("contoso.toml", TOML_INDEX),
        ("CONTOSO.JSON", JSON_INDEX),
    ],
)
def test_read_path_picks_the_format_from_the_suffix(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = read_path(path)
    assert result.ok
    assert result.index == EXPECTED
    assert result.index.services[0].location is not None
    assert result.index.services[0].location.path == str(path)


def test_defaults_are_derived(tmp_path: Path) -> None:
    text = """\
services:
  - name: Speech - Speaker Recognition
    guidance:
      - label: Transparency note and use cases
        url: /legal/speaker-recognition/transparency-note
  - name: Language Understanding
"""
    path = tmp_path / "min.yaml"
    path.write_bytes(text.encode())
    result = read_path(path)
    assert result.ok
    speaker, luis = result.index.services
    assert speaker.slug == "speech-speaker-recognition"
    assert speaker.family == "Speech"
    assert speaker.mode == "replace"
    assert speaker.aliases == ()  # rename-group names apply at lookup, not as aliases
    assert result.index.find("Azure AI Speech - Speaker Recognition") is speaker
    assert speaker.guidance[0].kind is Kind.TRANSPARENCY
    assert speaker.guidance[0].url == (
        "https://learn.microsoft.com/legal/speaker-recognition/transparency-note"
    )
    assert luis.aliases == ()
    assert result.index.find("LUIS") is luis
    assert luis.guidance == ()
    provenance = result.index.provenance[0]
    assert provenance.source == str(path)
    assert provenance.title == ""
    assert provenance.date is None
    # The content hash of the file as written.
    assert provenance.sha256 == hashlib.sha256(text.encode()).hexdigest()


def test_kind_given_or_inferred() -> None:
    text = """\
services:
  - name: Face
    guidance:
      - {label: Overview, kind: transparency, url: https://x.example/a}
      - {label: Overview, kind: Limited Access, url: https://x.example/b}
      - {label: "Data, privacy, and security", url: https://x.example/c}
      - {label: Overview, url: https://x.example/d/characteristics-and-limitations}
      - {label: Overview, kind: other, url: https://x.example/e/transparency-note}
"""
    result = read_text(text, "yaml", source="k.yaml")
    assert result.problems == ()
    assert [g.kind for g in result.index.services[0].guidance] == [
        Kind.TRANSPARENCY,
        Kind.LIMITED_ACCESS,
        Kind.PRIVACY,
        Kind.LIMITATIONS,
        Kind.OTHER,
    ]


def test_unknown_kind_is_located() -> None:
    text = """\
services:
  - name: Face
    guidance:
      - label: Overview
        kind: colour
        url: https://x.example/a
      - label: Transparency note
        url: https://x.example/b
"""
    result = read_text(text, "yaml", source="k.yaml")
    problem = only_problem(result)
    assert problem.code == "schema"
    assert problem.location == Location("k.yaml", 5, 15)
    assert "colour" in problem.message
    assert "transparency" in problem.message
    assert [g.url for g in result.index.services[0].guidance] == ["https://x.example/b"]


def test_base_url_and_page_url_from_the_file() -> None:
    text = """\
base_url: https://docs.contoso.com
page_url: https://docs.contoso.com/rai/overview
services:
  - name: Contoso Vision
    guidance:
      - {label: Transparency note, url: /legal/vision}
      - {label: Characteristics and limitations, url: ./vision/limits.md}
"""
    result = read_text(text, "yaml")
    assert result.problems == ()
    assert [g.url for g in result.index.services[0].guidance] == [
        "https://docs.contoso.com/legal/vision",
        "https://docs.contoso.com/rai/vision/limits",
    ]


def test_base_url_argument() -> None:
    text = (
        '{"services": [{"name": "A", "guidance": [{"label": "Transparency note", "url": "/x"}]}]}'
    )
    result = read_text(text, "json", base_url="https://docs.contoso.com/")
    assert result.index.services[0].guidance[0].url == "https://docs.contoso.com/x"


def test_text_is_cleaned() -> None:
    text = '{"services": [{"name": "  Contoso \\n Vision  ", "description": "a\\u202eb"}]}'
    result = read_text(text, "json", source="t.json")
    assert codes(result) == ["schema"]
    assert "bidirectional" in result.problems[0].message
    assert result.index.services[0].name == "Contoso Vision"
    assert result.index.services[0].description == ""


# --- bad input: always a located problem, never an exception -------------------------------


def test_wrong_type_for_name() -> None:
    text = "services:\n  - name: [1]\n  - name: Face\n"
    result = read_text(text, "yaml", source="t.yaml")
    problem = only_problem(result)
    assert problem.code == "schema"
    assert problem.location == Location("t.yaml", 2, 11)
    assert "services[0].name" in problem.message
    assert "expected a string, got a list" in problem.message
    assert [s.name for s in result.index] == ["Face"]


def test_json_number_for_a_label() -> None:
    text = (
        '{"services": [\n  {"name": "Face", "guidance": [\n'
        '    {"label": 5, "url": "https://x.example/a"},\n'
        '    {"label": "Transparency note", "url": "https://x.example/b"}]}]}\n'
    )
    result = read_text(text, "json", source="t.json")
    problem = only_problem(result)
    assert problem.code == "schema"
    assert problem.location == Location("t.json", 3, 15)
    assert "services[0].guidance[0].label: expected a string, got a number" in problem.message
    assert [g.url for g in result.index.services[0].guidance] == ["https://x.example/b"]


@pytest.mark.parametrize(
    ("text", "path", "got"),
    [
        ('{"services": [{"name": true}]}', "services[0].name", "a boolean"),
        ('{"services": [{"name": null}]}', "services[0].name", "null"),
        ('{"services": [{"name": {"a": "b"}}]}', "services[0].name", "a mapping"),
        ('{"services": [{"name": "A", "slug": 1}]}', "services[0].slug", "a number"),
    ],
)
def test_wrong_types_in_json(text: str, path: str, got: str) -> None:
    result = read_text(text, "json", source="t.json")
    assert "schema" in codes(result)
    assert any(path in p.message and got in p.message for p in result.problems)


def test_wrong_container_types() -> None:
    text = """\
services:
  - name: A
    aliases: CV
  - name: B
    guidance: {label: x}
  - just a string
  - name: C
    aliases: [ok, [nested]]
    guidance:
      - a string
"""
    result = read_text(text, "yaml", source="t.yaml")
    messages = {p.location: p.message for p in result.problems}
    assert set(codes(result)) == {"schema"}
    assert "services[0].aliases: expected a list of strings" in messages[Location("t.yaml", 3, 14)]
    assert "services[1].guidance: expected a list" in messages[Location("t.yaml", 5, 15)]
    assert "services[2]: a service must be a mapping" in messages[Location("t.yaml", 6, 5)]
    assert "services[3].aliases[1]" in messages[Location("t.yaml", 8, 19)]
    assert (
        "guidance[0]: a guidance document must be a mapping" in messages[Location("t.yaml", 10, 9)]
    )
    assert [(s.name, s.aliases) for s in result.index] == [("A", ()), ("C", ("ok",))]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[]", "an index file must be a mapping with a 'services' list"),
        ("just text", "an index file must be a mapping with a 'services' list"),
        ("services: nope", "'services' must be a list"),
        ("title: x", "missing required key 'services'"),
    ],
)
def test_wrong_top_level(text: str, message: str) -> None:
    result = read_text(text, "yaml", source="t.yaml")
    assert message in result.problems[0].message
    assert result.problems[0].location is not None
    assert result.problems[0].location.path == "t.yaml"
    assert len(result.index) == 0


def test_missing_fields() -> None:
    text = """\
services:
  - slug: nameless
  - name: Face
    guidance:
      - url: https://x.example/a
      - label: No target
      - label: Transparency note
        url: https://x.example/b
"""
    result = read_text(text, "yaml", source="t.yaml")
    # A label is optional (the kind's heading is shown); without one, only the URL can
    # tell the kind.
    assert [(p.code, p.location) for p in result.problems] == [
        ("schema", Location("t.yaml", 2, 5)),
        ("label", Location("t.yaml", 5, 9)),
        ("schema", Location("t.yaml", 6, 9)),
    ]
    assert "missing required key 'name'" in result.problems[0].message
    assert "'https://x.example/a'" in result.problems[1].message
    assert "missing required key 'url'" in result.problems[2].message
    assert [len(s.guidance) for s in result.index] == [2]


def test_unknown_keys_are_reported_but_the_entry_loads() -> None:
    text = """\
colour: blue
services:
  - name: Face
    owner: vision team
    guidance:
      - label: Transparency note
        url: https://x.example/a
        lang: en
"""
    result = read_text(text, "yaml", source="t.yaml")
    assert [(p.code, p.location) for p in result.problems] == [
        ("schema", Location("t.yaml", 1, 9)),
        ("schema", Location("t.yaml", 4, 12)),
        ("schema", Location("t.yaml", 8, 15)),
    ]
    assert "unknown key 'colour'" in result.problems[0].message
    assert "unknown key 'owner'" in result.problems[1].message
    assert "unknown key 'lang'" in result.problems[2].message
    assert len(result.index.services[0].guidance) == 1


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("slug", "Not A Slug", "is not a slug"),
        ("slug", "double--hyphen", "is not a slug"),
        ("mode", "merge", "expected 'replace', 'extend' or 'update'"),
    ],
)
def test_invalid_slug_or_mode_rejects_the_service(key: str, value: str, message: str) -> None:
    text = f"services:\n  - name: Face\n    {key}: {value}\n  - name: Speech\n"
    result = read_text(text, "yaml", source="t.yaml")
    problem = only_problem(result)
    assert problem.code == "schema"
    assert problem.location == Location("t.yaml", 3, 5 + len(key) + 2)
    assert message in problem.message
    assert [s.name for s in result.index] == ["Speech"]


def test_invalid_date_and_schema_version() -> None:
    text = 'schema: "2"\ndate: 10 January 2022\nservices:\n  - name: Face\n'
    result = read_text(text, "yaml", source="t.yaml")
    assert [(p.code, p.location) for p in result.problems] == [
        ("schema", Location("t.yaml", 1, 9)),
        ("schema", Location("t.yaml", 2, 7)),
    ]
    assert result.index.provenance[0].date is None
    assert len(result.index) == 1


def test_ms_date_style_date_is_normalised() -> None:
    result = read_text("date: 1/10/2022\nservices:\n  - name: Face\n", "yaml")
    assert result.problems == ()
    assert result.index.provenance[0].date == "2022-01-10"


def test_duplicate_services_keep_the_first() -> None:
    text = """\
services:
  - name: Face
    guidance:
      - {label: Transparency note, url: https://x.example/first}
  - name: Speech
  - name: FACE
    guidance:
      - {label: Transparency note, url: https://x.example/second}
  - name: Visage
    slug: face
"""
    result = read_text(text, "yaml", source="t.yaml")
    assert [(p.code, p.location) for p in result.problems] == [
        ("duplicate", Location("t.yaml", 6, 5)),
        ("duplicate", Location("t.yaml", 9, 5)),
    ]
    assert "first at t.yaml:2:5" in result.problems[0].message
    assert [s.name for s in result.index] == ["Face", "Speech"]
    assert result.index.services[0].guidance[0].url == "https://x.example/first"


def test_duplicate_keys_in_yaml() -> None:
    text = "services:\n  - name: Face\n    name: Visage\n"
    problem = only_problem(read_text(text, "yaml", source="t.yaml"))
    assert problem.code == "duplicate"
    assert problem.location == Location("t.yaml", 3, 5)
    assert "'name'" in problem.message


def test_duplicate_keys_in_json() -> None:
    text = '{"services": [\n  {"name": "Face",\n   "name": "Visage"}]}'
    problem = only_problem(read_text(text, "json", source="t.json"))
    assert problem.code == "duplicate"
    assert problem.location == Location("t.json", 3, 4)
    assert "'name'" in problem.message


@pytest.mark.parametrize(
    ("fmt", "text", "line", "column"),
    [
        ("yaml", "services:\n  - name: Face\n   bad: [\n", 3, 4),
        ("yaml", "services:\n  - name: 'Face\n", 3, 1),
        # A trailing comma: at the comma, on every Python.
        ("json", '{"services": [\n  {"name": "Face",}\n]}', 2, 18),
        ("json", '{"services": [\n  {"name": "Face"},\n]}', 2, 19),
        ("json", '{"services": [\n  {"name": "Face" "x"}]}', 2, 19),
        ("toml", 'title = "x"\nservices = [\n{name = "A"\n', 3, 12),
        ("toml", "[[services]]\nname = Face\n", 2, 8),
    ],
)
def test_syntax_errors_are_located(fmt: str, text: str, line: int, column: int) -> None:
    result = read_text(text, fmt, source=f"t.{fmt}")
    problem = only_problem(result)
    assert problem.code == "syntax"
    assert problem.location == Location(f"t.{fmt}", line, column)
    assert fmt.upper() in problem.message
    assert len(result.index) == 0


def test_yaml_custom_tags_are_refused(tmp_path: Path) -> None:
    marker = tmp_path / "executed"
    text = f'services:\n  - name: !!python/object/apply:os.system ["touch {marker}"]\n'
    problem = only_problem(read_text(text, "yaml", source="t.yaml"))
    assert problem.code == "syntax"
    assert problem.location == Location("t.yaml", 2, 11)
    assert "python/object/apply:os.system" in problem.message
    assert not marker.exists()


@pytest.mark.parametrize(
    "value", ["!custom Face", "!!int 5", "!!binary aGVsbG8=", "!!set {a, b}", "!!omap [a: 1]"]
)
def test_other_yaml_tags_are_refused(value: str) -> None:
    problem = only_problem(read_text(f"services:\n  - name: {value}\n", "yaml", source="t.yaml"))
    assert problem.code == "syntax"
    assert problem.location == Location("t.yaml", 2, 11)


def test_yaml_anchors_and_aliases_are_refused() -> None:
    text = """\
services:
  - &face
    name: Face
  - *face
"""
    problem = only_problem(read_text(text, "yaml", source="t.yaml"))
    assert problem.code == "syntax"
    assert problem.location == Location("t.yaml", 4, 5)
    assert "aliases" in problem.message


def test_yaml_merge_keys_are_refused() -> None:
    text = "base: &b {name: Face}\nservices:\n  - <<: *b\n"
    assert codes(read_text(text, "yaml")) == ["syntax"]


@pytest.mark.parametrize("value", ["NO", "yes", "off", "1.10", "2022-01-10", "0x1F", "~", "null"])
def test_yaml_scalars_stay_strings(value: str) -> None:
    text = f"services:\n  - name: Face\n    description: {value}\n    guidance:\n"
    text += f"      - label: {value}\n        kind: other\n        url: https://x.example/a\n"
    result = read_text(text, "yaml", source="t.yaml")
    assert result.problems == ()
    assert result.index.services[0].description == value
    assert result.index.services[0].guidance[0].label == value


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_json_nan_is_refused(constant: str) -> None:
    text = f'{{"services": [{{"name": "Face", "description": {constant}}}]}}'
    problem = only_problem(read_text(text, "json", source="t.json"))
    assert problem.code == "syntax"
    assert problem.location is not None
    assert problem.location.path == "t.json"
    assert constant.lstrip("-") in problem.message


def test_non_utf8_bytes_are_located(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"services:\n  - name: Caf\xe9\n")
    problem = only_problem(read_path(path))
    assert problem.code == "syntax"
    assert problem.location == Location(str(path), 2, 14)
    assert "UTF-8" in problem.message


@pytest.mark.parametrize(
    ("name", "text"), [("bom.yaml", YAML_INDEX), ("bom.json", JSON_INDEX), ("bom.toml", TOML_INDEX)]
)
def test_utf8_bom_is_accepted(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    result = read_path(path)
    assert result.problems == ()
    assert result.index.services == EXPECTED.services


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "missing.yaml"
    problem = only_problem(read_path(path))
    assert problem.code == "missing"
    assert problem.location == Location(str(path))
    assert "cannot read" in problem.message


def test_directory_instead_of_file(tmp_path: Path) -> None:
    path = tmp_path / "folder.json"
    path.mkdir()
    assert only_problem(read_path(path)).code == "missing"


def test_unknown_suffix(tmp_path: Path) -> None:
    path = tmp_path / "index.xml"
    path.write_text("<services/>", encoding="utf-8")
    problem = only_problem(read_path(path))
    assert problem.code == "missing"
    assert ".xml" in problem.message


def test_display_path_names_the_file_in_problems(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("services:\n  - name: [1]\n", encoding="utf-8")
    result = read_path(path, display_path="docs/bad.yaml")
    assert str(result.problems[0]).startswith("docs/bad.yaml:2:11: ")


def test_file_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sphinxext_rai.formats.MAX_FILE_BYTES", 100)
    path = tmp_path / "big.yaml"
    path.write_text("services:\n" + "  - name: Face\n" * 10, encoding="utf-8")
    problem = only_problem(read_path(path))
    assert problem.code == "limit"
    assert "160 bytes" in problem.message


def test_over_long_strings() -> None:
    long_name = "x" * 2001
    text = f"services:\n  - name: {long_name}\n  - name: {'y' * 2000}\n"
    result = read_text(text, "yaml", source="t.yaml")
    assert [(p.code, p.location) for p in result.problems] == [("limit", Location("t.yaml", 2, 11))]
    assert "2001 characters" in result.problems[0].message
    assert [len(s.name) for s in result.index] == [2000]


def test_empty_strings_are_refused() -> None:
    text = 'services:\n  - name: "  "\n  - name: Face\n    description: ""\n'
    result = read_text(text, "yaml", source="t.yaml")
    assert [(p.code, p.location) for p in result.problems] == [
        ("schema", Location("t.yaml", 2, 11)),
        ("schema", Location("t.yaml", 4, 18)),
    ]
    assert [s.name for s in result.index] == ["Face"]


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        ("yaml", "services:\n" + "  " * 40 + "x: 1\n"),
        ("yaml", "services: " + "[" * 40 + "]" * 40),
        ("yaml", "services: " + "[" * 5000),
        ("yaml", "services: " + "[" * 5000 + "]" * 5000),
        ("json", '{"services": ' + "[" * 100_000 + "]" * 100_000 + "}"),
        ("toml", "services = " + "[" * 5000 + "]" * 5000),
        ("toml", "services = " + "{a = " * 5000),
    ],
)
def test_deep_nesting_is_a_problem_not_a_crash(fmt: str, text: str) -> None:
    result = read_text(text, fmt, source=f"t.{fmt}")
    assert result.problems
    assert len(result.index) == 0
    assert result.problems[0].code in ("limit", "schema", "syntax")


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        ("yaml", "services: " + "[" * 40 + "]" * 40),
        ("yaml", "services: " + "[" * 5000 + "]" * 5000),
        ("json", '{"services": ' + "[" * 100_000 + "]" * 100_000 + "}"),
        ("toml", "services = " + "[" * 5000 + "]" * 5000),
    ],
)
def test_deep_nesting_is_a_limit(fmt: str, text: str) -> None:
    problem = only_problem(read_text(text, fmt, source=f"t.{fmt}"))
    assert problem.code == "limit"
    assert problem.location is not None
    assert problem.location.path == f"t.{fmt}"


@pytest.mark.parametrize(
    ("fmt", "text"), [("yaml", "services: []\n"), ("json", '{"services": []}'), ("toml", "")]
)
def test_empty_index(fmt: str, text: str) -> None:
    result = read_text(text, fmt, source=f"t.{fmt}")
    assert "empty" in codes(result)
    assert len(result.index) == 0


@pytest.mark.parametrize(
    "target",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "   javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd",
        "vbscript:msgbox(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "https://x.example/\u0000",
        "//evil.example/x",
    ],
)
def test_unsafe_url_is_dropped_with_a_url_problem(target: str) -> None:
    data = {
        "services": [
            {
                "name": "Face",
                "guidance": [
                    {"label": "Transparency note", "url": "https://x.example/tn"},
                    {"label": "Sneaky", "url": target},
                ],
            },
            {"name": "Speech"},
        ]
    }
    result = read_text(json.dumps(data, indent=1), "json", source="t.json")
    problem = only_problem(result)
    assert problem.code == "url"
    assert "services[0].guidance[1]" in problem.message
    assert "'Sneaky'" in problem.message
    assert problem.location is not None
    assert problem.location.line is not None
    assert [s.name for s in result.index] == ["Face", "Speech"]
    assert [g.url for g in result.index.services[0].guidance] == ["https://x.example/tn"]


def test_problems_print_as_file_line_column() -> None:
    text = "services:\n  - name: [1]\n  - name: Face\n"
    problem = only_problem(read_text(text, "yaml", source="idx.yaml"))
    assert str(problem) == "idx.yaml:2:11: services[0].name: expected a string, got a list [schema]"


def test_kind_that_cannot_be_inferred_is_a_label_problem() -> None:
    text = """\
services:
  - name: Face
    guidance:
      - label: Overview
        url: https://x.example/face/overview
      - label: Overview
        kind: other
        url: https://x.example/face/other
"""
    result = read_text(text, "yaml", source="t.yaml")
    problem = only_problem(result)
    assert problem.code == "label"
    assert problem.location == Location("t.yaml", 4, 9)
    assert "'Overview'" in problem.message
    assert [g.kind for g in result.index.services[0].guidance] == [Kind.OTHER, Kind.OTHER]


@pytest.mark.parametrize(
    ("fmt", "text"), [("yaml", ""), ("yaml", "# only a comment\n"), ("json", "{}"), ("toml", "")]
)
def test_an_empty_file_is_reported_as_empty(fmt: str, text: str) -> None:
    result = read_text(text, fmt, source=f"empty.{fmt}")
    assert [p.code for p in result.problems] == ["empty"]
    assert len(result.index) == 0


@pytest.mark.parametrize("fmt", ["json", "toml"])
def test_deep_nesting_within_the_parser_limit_is_refused(fmt: str) -> None:
    depth = 40
    if fmt == "json":
        text = '{"services": ' + "[" * depth + "]" * depth + "}"
    else:
        text = "services = " + "[" * depth + "]" * depth + "\n"
    result = read_text(text, fmt, source=f"deep.{fmt}")
    assert [p.code for p in result.problems] == ["limit"]
    assert "deeper than 32" in result.problems[0].message
