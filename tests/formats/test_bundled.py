"""The bundled index: built from the upstream page, carried over exactly, schema-valid."""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sphinxext_rai.core.kinds import Kind
from sphinxext_rai.core.merge import merge
from sphinxext_rai.formats import bundled, read_path

DATA = Path(bundled.__file__).with_name("data")
SCHEMA_PATH = DATA / "index.schema.json"

TRA, LIM, INT, PRI = "transparency", "limitations", "integration", "privacy"
LA, COC, DIS, DEP, RES = "limited-access", "code-of-conduct", "disclosure", "deployment", "research"
TN_UC = "Transparency note and use cases"
TN = "Transparency note"
CL = "Characteristics and limitations"
IRU = "Integration and responsible use"
DPS = "Data, privacy, and security"

#: The upstream seed page, service by service: (label, kind) of each link, in order.
SEED_SERVICES: dict[str, list[tuple[str, str]]] = {
    "Anomaly Detector": [(TN_UC, TRA), (DPS, PRI)],
    "Azure AI Vision - OCR": [(TN_UC, TRA), (CL, LIM), (IRU, INT), (DPS, PRI)],
    "Azure AI Vision - Image Analysis": [
        (TN, TRA),
        (CL, LIM),
        (IRU, INT),
        (DPS, PRI),
        ("Limited Access features", LA),
    ],
    "Azure AI Vision - Face": [
        (TN_UC, TRA),
        (CL, LIM),
        (IRU, INT),
        ("Data privacy and security", PRI),
        ("Limited Access features", LA),
    ],
    "Azure AI Vision - Spatial Analysis": [
        (TN_UC, TRA),
        ("Responsible use in AI deployment", DEP),
        ("Disclosure design guidelines", DIS),
        ("Research insights", RES),
        (DPS, PRI),
    ],
    "Custom Vision": [(TN_UC, TRA), (CL, LIM), (IRU, INT), (DPS, PRI)],
    "Language service": [(TN, TRA), (IRU, INT), (DPS, PRI)],
    "Language - Custom text classification": [(TN, TRA), (IRU, INT), (CL, LIM), (DPS, PRI)],
    "Language - Named entity recognition": [(TN, TRA), (IRU, INT), (DPS, PRI)],
    "Language - Custom named entity recognition": [(TN, TRA), (IRU, INT), (CL, LIM), (DPS, PRI)],
    "Language - Entity linking": [(IRU, INT), (DPS, PRI)],
    "Language - Language detection": [(TN, TRA), (IRU, INT), (DPS, PRI)],
    "Language - Key phrase extraction": [(TN, TRA), (IRU, INT), (DPS, PRI)],
    "Language - Personally identifiable information detection": [(TN, TRA), (IRU, INT), (DPS, PRI)],
    "Language - Question Answering": [(TN, TRA), (IRU, INT), (DPS, PRI)],
    "Language - Sentiment Analysis and opinion mining": [(TN, TRA), (IRU, INT), (DPS, PRI)],
    "Language - Text Analytics for health": [(TN, TRA), (IRU, INT), (DPS, PRI)],
    "Language - Summarization": [(TN, TRA), (IRU, INT), (CL, LIM), (DPS, PRI)],
    "Language Understanding": [(TN_UC, TRA), (CL, LIM), (IRU, INT), (DPS, PRI)],
    "Azure OpenAI Service": [
        (TN, TRA),
        ("Limited access", LA),
        ("Code of conduct", COC),
        (DPS, PRI),
    ],
    "Personalizer": [(TN_UC, TRA), (CL, LIM), (IRU, INT), ("Data and privacy", PRI)],
    "QnA Maker": [(TN_UC, TRA), (CL, LIM), (IRU, INT), (DPS, PRI)],
    "Speech - Pronunciation Assessment": [(TN_UC, TRA), (CL, LIM)],
    "Speech - Speaker Recognition": [
        (TN_UC, TRA),
        (CL, LIM),
        ("Limited access", LA),
        ("General guidelines", INT),
        (DPS, PRI),
    ],
    "Speech - Custom Neural Voice": [
        (TN_UC, TRA),
        (CL, LIM),
        ("Limited access", LA),
        ("Responsible deployment of synthetic speech", DEP),
        ("Disclosure of voice talent", DIS),
        ("Disclosure of design guidelines", DIS),
        ("Disclosure of design patterns", DIS),
        ("Code of conduct", COC),
        (DPS, PRI),
    ],
    "Speech - Text to speech": [(TN_UC, TRA)],
    "Speech - Speech to text": [(TN_UC, TRA), (CL, LIM), (IRU, INT), (DPS, PRI)],
}


def test_counts() -> None:
    index = bundled.load_bundled()
    assert len(index) == 27
    assert index.link_count == 100
    assert sum(len(docs) for docs in SEED_SERVICES.values()) == 100


def test_services_in_upstream_order() -> None:
    assert [s.name for s in bundled.load_bundled()] == list(SEED_SERVICES)


def test_labels_and_kinds_carried_over_exactly() -> None:
    for service in bundled.load_bundled():
        found = [(g.label, g.kind.value) for g in service.guidance]
        assert found == SEED_SERVICES[service.name], service.name


def test_exact_resolved_urls() -> None:
    index = bundled.load_bundled()
    face = index.find("Face")
    assert face.guidance[0].url == (
        "https://learn.microsoft.com/legal/cognitive-services/face/transparency-note"
        "?context=/azure/ai-services/computer-vision/context/context"
    )
    assert face.guidance[4].url == (
        "https://learn.microsoft.com/legal/cognitive-services/computer-vision/"
        "limited-access-identity?context=/azure/ai-services/computer-vision/context/context"
    )
    personalizer = index.find("Personalizer")
    assert [g.url for g in personalizer.guidance] == [
        "https://learn.microsoft.com/azure/ai-services/personalizer/responsible-use-cases",
        "https://learn.microsoft.com/azure/ai-services/personalizer/"
        "responsible-characteristics-and-limitations",
        "https://learn.microsoft.com/azure/ai-services/personalizer/"
        "responsible-guidance-integration",
        "https://learn.microsoft.com/azure/ai-services/personalizer/responsible-data-and-privacy",
    ]
    luis = index.find("LUIS")
    assert luis.guidance[0].url == (
        "https://learn.microsoft.com/legal/cognitive-services/luis/luis-transparency-note"
        "?context=/azure/ai-services/LUIS/context/context"
    )


def test_every_url_is_learn_https() -> None:
    for service in bundled.load_bundled():
        for doc in service.guidance:
            assert doc.url.startswith("https://learn.microsoft.com/"), doc.url
            assert ".md" not in doc.url


def test_sample_labels() -> None:
    index = bundled.load_bundled()
    speaker = index.find("Speech - Speaker Recognition")
    general = [g for g in speaker.guidance if g.label == "General guidelines"]
    assert len(general) == 1
    assert general[0].kind is Kind.INTEGRATION
    personalizer = index.find("Personalizer")
    privacy = personalizer.first(Kind.PRIVACY)
    assert privacy is not None
    assert privacy.label == "Data and privacy"


def test_slugs_families_and_aliases() -> None:
    index = bundled.load_bundled()
    assert [s.slug for s in index][:4] == [
        "anomaly-detector",
        "azure-ai-vision-ocr",
        "azure-ai-vision-image-analysis",
        "azure-ai-vision-face",
    ]
    assert index.families == ("Azure AI Vision", "Language", "Speech")
    face = index.find("Face")
    assert face.family == "Azure AI Vision"
    assert face.aliases == ()  # rename groups apply at lookup, not baked into the data
    assert index.find("Computer Vision - Face") is face
    luis = index.find("Language Understanding")
    assert luis.family is None
    assert luis.aliases == ()
    assert index.find("LUIS") is luis
    assert index.find("QnA Maker").aliases == ()


def test_provenance() -> None:
    (provenance,) = bundled.load_bundled().provenance
    assert provenance.source == (
        "https://learn.microsoft.com/azure/ai-services/responsible-use-of-ai-overview"
    )
    assert provenance.source == bundled.SEED_PAGE_URL
    assert provenance.title == "Overview of Responsible use of AI"
    assert provenance.date == "2022-01-10"
    assert re.fullmatch(r"[0-9a-f]{64}", provenance.sha256)


def test_bundled_file_reads_without_problems() -> None:
    assert bundled.bundled_path().is_file()
    result = read_path(bundled.bundled_path())
    assert result.problems == ()
    assert result.index == bundled.load_bundled()


def test_load_bundled_is_cached() -> None:
    assert bundled.load_bundled() is bundled.load_bundled()


def test_seed_reread_equals_the_bundled_index(seed_file: Path) -> None:
    result = read_path(seed_file, fmt="markdown", page_url=bundled.SEED_PAGE_URL)
    assert result.problems == ()
    assert merge([result.index]).index == bundled.load_bundled()


def test_seed_hash_matches_the_recorded_one(seed_file: Path) -> None:
    (provenance,) = bundled.load_bundled().provenance
    assert hashlib.sha256(seed_file.read_bytes()).hexdigest() == provenance.sha256


# --- the JSON Schema -----------------------------------------------------------------------


def load_schema() -> dict[str, Any]:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert isinstance(schema, dict)
    return schema


def test_schema_is_json_with_the_kind_enum() -> None:
    schema = load_schema()
    enum = schema["$defs"]["guidance"]["properties"]["kind"]["enum"]
    assert enum == [k.value for k in Kind]  # the names themselves are pinned in test_kinds


def schema_errors(
    value: Any, schema: dict[str, Any], root: dict[str, Any], at: str = "$"
) -> list[str]:
    """Check *value* against the subset of JSON Schema the index schema uses."""
    if "$ref" in schema:
        target: Any = root
        for part in schema["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        return schema_errors(value, target, root, at)
    errors: list[str] = []
    types = {"object": dict, "array": list, "string": str}
    expected = schema.get("type")
    if expected is not None and not isinstance(value, types[expected]):
        return [f"{at}: expected {expected}"]
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{at}: {value!r} not in enum")
    if "const" in schema and value != schema["const"]:
        errors.append(f"{at}: {value!r} is not {schema['const']!r}")
    if isinstance(value, str):
        if len(value) < schema.get("minLength", 0):
            errors.append(f"{at}: too short")
        if len(value) > schema.get("maxLength", len(value)):
            errors.append(f"{at}: too long")
        if "pattern" in schema and not re.search(schema["pattern"], value):
            errors.append(f"{at}: does not match {schema['pattern']}")
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        errors += [f"{at}: missing {k}" for k in schema.get("required", []) if k not in value]
        for key, item in value.items():
            if key in properties:
                errors += schema_errors(item, properties[key], root, f"{at}.{key}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{at}: unexpected {key}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            errors += schema_errors(item, schema["items"], root, f"{at}[{i}]")
    return errors


def test_bundled_json_conforms_to_the_schema() -> None:
    schema = load_schema()
    data = json.loads(bundled.bundled_path().read_text(encoding="utf-8"))
    assert schema_errors(data, schema, schema) == []
    if importlib.util.find_spec("jsonschema") is not None:
        jsonschema = importlib.import_module("jsonschema")
        jsonschema.validate(data, schema)


@pytest.mark.parametrize(
    ("change", "error"),
    [
        (lambda d: d["services"][0]["guidance"][0].update(kind="colour"), "not in enum"),
        (lambda d: d["services"][0].update(slug="Not A Slug"), "does not match"),
        (lambda d: d["services"][0].update(colour="blue"), "unexpected colour"),
        (lambda d: d["services"][1]["guidance"][0].pop("url"), "missing url"),
        (lambda d: d.update(schema="2"), "is not '1'"),
        (lambda d: d["services"][2].update(name=""), "too short"),
        (lambda d: d.update(services={}), "expected array"),
    ],
)
def test_schema_check_catches_bad_data(
    change: Callable[[dict[str, Any]], object], error: str
) -> None:
    schema = load_schema()
    data = json.loads(bundled.bundled_path().read_text(encoding="utf-8"))
    change(data)
    errors = schema_errors(data, schema, schema)
    assert any(error in e for e in errors), errors
