"""The command line: list, show, validate and export."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sphinxext_rai.cli.main import main
from sphinxext_rai.formats import read_text

FACE_NOTE = (
    "https://learn.microsoft.com/legal/cognitive-services/face/transparency-note"
    "?context=/azure/ai-services/computer-vision/context/context"
)

CONTOSO = """\
title: Contoso internal models
services:
  - name: Contoso Vision
    family: Contoso
    aliases: [CV]
    guidance:
      - label: Transparency note
        url: https://contoso.example/rai/vision/transparency-note
      - label: Data, privacy, and security
        url: https://contoso.example/rai/vision/privacy
"""


@pytest.fixture
def contoso(tmp_path: Path) -> Path:
    path = tmp_path / "contoso.yaml"
    path.write_text(CONTOSO, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


# --- list ----------------------------------------------------------------------------------


def test_list_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "list", "--format", "json")
    assert status == 0
    assert err == ""
    data = json.loads(out)
    assert data["service_count"] == 27
    assert data["link_count"] == 100
    assert len(data["services"]) == 27
    assert data["services"][3]["name"] == "Azure AI Vision - Face"
    assert data["provenance"][0]["date"] == "2022-01-10"
    assert data["provenance"][0]["title"] == "Overview of Responsible use of AI"


def test_list_text(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "list")
    assert status == 0
    lines = out.splitlines()
    assert len(lines) == 28
    assert lines[0].split("  ")[0] == "Anomaly Detector"
    assert lines[0].endswith("transparency, privacy")
    face = next(line for line in lines if line.startswith("Azure AI Vision - Face "))
    assert face.endswith("transparency, limitations, integration, privacy, limited-access")
    assert lines[-1] == "27 services, 100 links"


def test_list_family(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "list", "--family", "speech", "--format", "json")
    assert status == 0
    data = json.loads(out)
    assert data["service_count"] == 5
    assert data["link_count"] == 2 + 5 + 9 + 1 + 4


def test_list_unknown_family(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "list", "--family", "Speach")
    assert status == 1
    assert out == ""
    assert "Speech" in err
    assert "Traceback" not in err


# --- show ----------------------------------------------------------------------------------


def test_show_text(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "show", "Face")
    assert status == 0
    assert err == ""
    lines = out.splitlines()
    assert lines[:4] == [
        "Azure AI Vision - Face",
        "  family:  Azure AI Vision",
        "  slug:    azure-ai-vision-face",
        "  also:    Computer Vision - Face, Azure Vision - Face, Azure Vision in Foundry Tools "
        "- Face",
    ]
    assert lines[4] == "  - Transparency note and use cases [transparency]"
    assert lines[5] == f"    {FACE_NOTE}"
    assert "  - Data privacy and security [privacy]" in lines
    assert "  - Limited Access features [limited-access]" in lines


def test_show_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "show", "LUIS", "--format", "json")
    assert status == 0
    data = json.loads(out)
    assert data["name"] == "Language Understanding"
    assert data["slug"] == "language-understanding"
    assert data["family"] is None
    assert data["aliases"] == []
    assert data["other_names"] == ["LUIS"]
    assert [d["kind"] for d in data["guidance"]] == [
        "transparency",
        "limitations",
        "integration",
        "privacy",
    ]


def test_show_unknown_suggests(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "show", "fase")
    assert status == 1
    assert out == ""
    assert "unknown AI service 'fase'" in err
    assert "did you mean: Azure AI Vision - Face" in err
    assert "Traceback" not in err


def test_show_kinds_filter(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "show", "Face", "--kinds", "privacy", "--format", "json")
    assert status == 0
    docs = json.loads(out)["guidance"]
    assert docs == [
        {
            "label": "Data privacy and security",
            "kind": "privacy",
            "url": "https://learn.microsoft.com/legal/cognitive-services/face/"
            "data-privacy-security?context=/azure/ai-services/computer-vision/context/context",
        }
    ]


def test_show_several_kinds(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        capsys, "show", "Face", "--kinds", "Limited Access, transparency", "--format", "json"
    )
    assert status == 0
    assert [d["kind"] for d in json.loads(out)["guidance"]] == ["transparency", "limited-access"]


def test_show_unknown_kind_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "show", "Face", "--kinds", "colour")
    assert status == 2
    assert out == ""
    assert "unknown kind 'colour'" in err


def test_show_strip_context(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "show", "Face", "--strip-context")
    assert status == 0
    assert "context=" not in out
    assert (
        "    https://learn.microsoft.com/legal/cognitive-services/face/transparency-note\n" in out
    )


def test_show_locale(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "show", "Personalizer", "--locale", "en-us", "--format", "json")
    assert status == 0
    assert [d["url"] for d in json.loads(out)["guidance"]] == [
        "https://learn.microsoft.com/en-us/azure/ai-services/personalizer/responsible-use-cases",
        "https://learn.microsoft.com/en-us/azure/ai-services/personalizer/"
        "responsible-characteristics-and-limitations",
        "https://learn.microsoft.com/en-us/azure/ai-services/personalizer/"
        "responsible-guidance-integration",
        "https://learn.microsoft.com/en-us/azure/ai-services/personalizer/"
        "responsible-data-and-privacy",
    ]


def test_show_locale_and_strip_context(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        capsys, "show", "Face", "--strip-context", "--locale", "en-us", "--kinds", "transparency"
    )
    assert status == 0
    assert out.splitlines()[-1] == (
        "    https://learn.microsoft.com/en-us/legal/cognitive-services/face/transparency-note"
    )


def test_show_bad_locale(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "show", "Face", "--locale", "../evil")
    assert status == 2
    assert "not a locale" in err


def test_show_family(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "show", "family:Speech", "--format", "json")
    assert status == 0
    data = json.loads(out)
    assert [s["slug"] for s in data] == [
        "speech-pronunciation-assessment",
        "speech-speaker-recognition",
        "speech-custom-neural-voice",
        "speech-text-to-speech",
        "speech-speech-to-text",
    ]


def test_show_service_without_documents_of_a_kind(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "show", "Speech - Text to speech", "--kinds", "privacy")
    assert status == 0
    assert out.splitlines()[-1] == "  (no guidance documents)"


# --- user indexes --------------------------------------------------------------------------


def test_index_option_merges_a_user_file(capsys: pytest.CaptureFixture[str], contoso: Path) -> None:
    status, out, err = run(capsys, "--index", str(contoso), "list", "--format", "json")
    assert status == 0
    assert err == ""
    data = json.loads(out)
    assert data["service_count"] == 28
    assert data["link_count"] == 102
    assert data["services"][-1]["name"] == "Contoso Vision"
    assert [p["title"] for p in data["provenance"]] == [
        "Overview of Responsible use of AI",
        "Contoso internal models",
    ]

    status, out, _ = run(capsys, "--index", str(contoso), "show", "CV", "--kinds", "privacy")
    assert status == 0
    assert out.splitlines() == [
        "Contoso Vision",
        "  family:  Contoso",
        "  slug:    contoso-vision",
        "  aliases: CV",
        "  - Data, privacy, and security [privacy]",
        "    https://contoso.example/rai/vision/privacy",
    ]


def test_no_bundled(capsys: pytest.CaptureFixture[str], contoso: Path) -> None:
    status, out, _ = run(
        capsys, "--no-bundled", "--index", str(contoso), "list", "--format", "json"
    )
    assert status == 0
    data = json.loads(out)
    assert data["service_count"] == 1
    assert data["services"][0]["slug"] == "contoso-vision"
    status, _, err = run(capsys, "--no-bundled", "--index", str(contoso), "show", "Face")
    assert status == 1
    assert "unknown AI service 'Face'" in err


def test_index_problems_are_warnings(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("services:\n  - name: [1]\n  - name: Contoso OCR\n", encoding="utf-8")
    status, out, err = run(capsys, "--index", str(path), "list", "--format", "json")
    assert status == 1  # the README: 1 when a problem is found; what loaded is listed
    assert json.loads(out)["service_count"] == 28
    assert f"warning: {path}:2:11: " in err


def test_index_format_option(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "index.txt"
    path.write_text("## Contoso OCR\n* [Transparency note](/contoso/ocr)\n", encoding="utf-8")
    status, out, err = run(
        capsys,
        "--no-bundled",
        "--index",
        str(path),
        "--index-format",
        "markdown",
        "--base-url",
        "https://docs.contoso.com",
        "show",
        "Contoso OCR",
        "--format",
        "json",
    )
    assert status == 0, err
    assert json.loads(out)["guidance"][0]["url"] == "https://docs.contoso.com/contoso/ocr"


# --- validate ------------------------------------------------------------------------------


def test_validate_good_file(capsys: pytest.CaptureFixture[str], contoso: Path) -> None:
    status, out, err = run(capsys, "validate", str(contoso))
    assert status == 0
    assert err == ""
    assert out == f"{contoso}: ok, 1 service, 2 links\n"


def test_validate_reports_every_problem(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, contoso: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "services:\n"
        "  - name: [1]\n"
        "  - name: Face\n"
        "    colour: blue\n"
        "    guidance:\n"
        "      - label: Transparency note\n"
        "        url: javascript:alert(1)\n",
        encoding="utf-8",
    )
    other = tmp_path / "other_bad.json"
    other.write_text('{"services": [\n  {"name": "Face",}\n]}\n', encoding="utf-8")
    status, out, err = run(capsys, "validate", str(bad), str(contoso), str(other))
    assert status == 1
    assert err == ""
    lines = out.splitlines()
    assert lines == [
        f"{bad}:2:11: services[0].name: expected a string, got a list [schema]",
        f"{bad}:4:13: services[1].colour: unknown key 'colour'; expected one of aliases, category, "
        "description, family, guidance, mode, name, slug [schema]",
        f"{bad}:7:14: services[1].guidance[0] ('Transparency note') dropped: URL scheme "
        "javascript: is not allowed (only https, http, mailto): 'javascript:alert(1)' [url]",
        f"{bad}: 3 problems; 1 service would load",
        f"{contoso}: ok, 1 service, 2 links",
        f"{other}:2:18: JSON syntax error: Illegal trailing comma before end of object [syntax]",
        f"{other}: 1 problem; 0 services would load",
    ]


def test_validate_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    status, out, err = run(capsys, "validate", str(missing))
    assert status == 1
    assert "Traceback" not in out + err
    assert out.splitlines()[0] == (
        f"{missing}: cannot read index file: No such file or directory [missing]"
    )


def test_validate_markdown_and_toml(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("## Face\n* [Transparency note](/a/transparency-note)\n", encoding="utf-8")
    toml = tmp_path / "index.toml"
    toml.write_text('[[services]]\nname = "Face"\n', encoding="utf-8")
    status, out, _ = run(capsys, "validate", str(page), str(toml))
    assert status == 0
    assert out.splitlines() == [
        f"{page}: ok, 1 service, 1 link",
        f"{toml}: ok, 1 service, 0 links",
    ]


def test_validate_needs_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["validate"])
    assert info.value.code == 2
    assert "usage:" in capsys.readouterr().err


# --- export --------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "yaml", "markdown"])
def test_export(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    status, out, err = run(capsys, "export", "--format", fmt)
    assert status == 0
    assert err == ""
    result = read_text(out, fmt, source=f"exported.{fmt}")
    assert result.problems == ()
    assert len(result.index) == 27
    assert result.index.link_count == 100
    face = result.index.find("Face")
    assert face.guidance[0].url == FACE_NOTE


def test_export_default_is_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "export")
    assert status == 0
    assert json.loads(out)["schema"] == "1"


def test_export_to_file_with_user_index(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, contoso: Path
) -> None:
    target = tmp_path / "merged.yaml"
    status, out, _ = run(
        capsys, "--index", str(contoso), "export", "--format", "yaml", "-o", str(target)
    )
    assert status == 0
    assert out == ""
    status, out, _ = run(capsys, "validate", str(target))
    assert status == 0
    assert out == f"{target}: ok, 28 services, 102 links\n"


# --- help and version ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["list", "--help"],
        ["show", "--help"],
        ["validate", "--help"],
        ["export", "--help"],
    ],
)
def test_help(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: sphinxext-rai")


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.startswith("sphinxext-rai ")


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main([])
    assert info.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_module_runs_as_a_program() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "sphinxext_rai", "list", "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    data = json.loads(completed.stdout)
    assert data["service_count"] == 27
    assert data["link_count"] == 100


def test_validate_prints_a_note_for_a_page_that_mixes_layouts(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    page = tmp_path / "mixed.md"
    page.write_text(
        "## Azure OpenAI Service\n* [Transparency note](/legal/openai/transparency-note)\n"
        "## Language\n* [Language - Summarization](/legal/language/transparency-note-x)\n",
        encoding="utf-8",
    )
    status, out, _ = run(capsys, "validate", str(page))
    assert status == 0
    assert out.splitlines() == [
        f"note: {page}:3: the page mixes layouts: the section at line 1 is read as a service, "
        "the one at line 3 as a category of services; each section is read by its own shape "
        "[schema]",
        f"{page}: ok, 2 services, 2 links",
    ]
