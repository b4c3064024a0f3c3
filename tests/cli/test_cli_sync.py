"""The command line for keeping up with the upstream page: ``import`` and ``diff``."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import LEARN_2021, LEARN_NOW, PAGE_2021_06_02, PAGE_2024, PAGE_2025, SEED_PAGE

from sphinxext_rai.cli.main import main
from sphinxext_rai.core.kinds import Kind
from sphinxext_rai.core.merge import merge
from sphinxext_rai.core.model import Guidance
from sphinxext_rai.core.renames import FAMILY_GROUPS, SERVICE_GROUPS
from sphinxext_rai.formats import read_path, read_text
from sphinxext_rai.formats.bundled import SEED_PAGE_URL, load_bundled

LEARN = "https://learn.microsoft.com"
Run = tuple[int, str, str]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> Run:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


FACE_NOTE = (
    "/legal/cognitive-services/face/transparency-note"
    "?context=/azure/ai-services/computer-vision/context/context"
)

#: A small index in the upstream *service layout*, and the same services as YAML and TOML.
SERVICE_PAGE = """\
---
title: Contoso guidance
ms.date: 5/1/2024
---
# Contoso guidance

## Contoso - Vision

* [Transparency note](https://contoso.example/vision/note)
* [Data, privacy, and security](https://contoso.example/vision/privacy)

## Contoso - Speech

* [Transparency note](https://contoso.example/speech/note)
"""

SAME_AS_YAML = """\
title: Contoso guidance, structured
services:
  - name: Contoso - Vision
    guidance:
      - {label: Transparency note, url: "https://contoso.example/vision/note"}
      - {label: "Data, privacy, and security", url: "https://contoso.example/vision/privacy"}
  - name: Contoso - Speech
    guidance:
      - {label: Transparency note, url: "https://contoso.example/speech/note"}
"""

CHANGED_TOML = """\
title = "Contoso guidance, later"

[[services]]
name = "Contoso - Vision"

[[services.guidance]]
label = "Transparency note"
url = "https://contoso.example/vision/transparency-note"

[[services]]
name = "Contoso - Translator"

[[services.guidance]]
label = "Transparency note"
url = "https://contoso.example/translator/note"
"""


@pytest.fixture
def pages(tmp_path: Path) -> dict[str, Path]:
    return {
        "md": write(tmp_path / "contoso.md", SERVICE_PAGE),
        "yaml": write(tmp_path / "contoso.yaml", SAME_AS_YAML),
        "toml": write(tmp_path / "later.toml", CHANGED_TOML),
    }


# --- diff: exit status ---------------------------------------------------------------------


def test_diff_of_the_same_services_in_two_formats_is_status_0(
    capsys: pytest.CaptureFixture[str], pages: dict[str, Path]
) -> None:
    status, out, err = run(capsys, "diff", str(pages["md"]), str(pages["yaml"]))
    assert (status, err) == (0, "")
    assert out.splitlines()[-1] == "No differences."


def test_diff_with_differences_is_status_1(
    capsys: pytest.CaptureFixture[str], pages: dict[str, Path]
) -> None:
    status, out, err = run(capsys, "diff", str(pages["yaml"]), str(pages["toml"]))
    assert (status, err) == (1, "")
    lines = out.splitlines()
    assert (
        lines[0] == f"--- {pages['yaml']} ('Contoso guidance, structured', 2 services, 3 documents)"
    )
    assert lines[1] == f"+++ {pages['toml']} ('Contoso guidance, later', 2 services, 2 documents)"
    assert lines[2:] == [
        "",
        "Services added (1):",
        "  + Contoso - Translator",
        "      transparency: Transparency note <https://contoso.example/translator/note>",
        "",
        "Services removed (1):",
        "  - Contoso - Speech (1 document)",
        "",
        "Documents changed in 1 service:",
        "  Contoso - Vision",
        "    ~ transparency: Transparency note",
        "        URL was: <https://contoso.example/vision/note>",
        "        URL now: <https://contoso.example/vision/transparency-note>",
        "    - privacy: Data, privacy, and security <https://contoso.example/vision/privacy>",
        "",
        "Services: 1 added, 1 removed, 0 renamed, 0 changed. Documents: 0 added, 1 removed, "
        "1 changed.",
    ]


def test_diff_json(capsys: pytest.CaptureFixture[str], pages: dict[str, Path]) -> None:
    status, out, _ = run(capsys, "diff", "--format", "json", str(pages["md"]), str(pages["toml"]))
    assert status == 1
    data = json.loads(out)
    assert data["old"]["file"] == str(pages["md"])
    assert data["old"]["date"] == "2024-05-01"
    assert data["new"]["title"] == "Contoso guidance, later"
    assert [s["name"] for s in data["services"]["added"]] == ["Contoso - Translator"]
    assert [s["name"] for s in data["services"]["removed"]] == ["Contoso - Speech"]
    assert [(d["kind"], d["change"], d["fields"]) for d in data["documents"]] == [
        ("transparency", "changed", ["url"]),
        ("privacy", "removed", []),
    ]


def test_diff_ignore_urls(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    moved = write(tmp_path / "moved.yaml", SAME_AS_YAML.replace("/speech/note", "/speech/n2"))
    base = write(tmp_path / "base.yaml", SAME_AS_YAML)
    assert run(capsys, "diff", str(base), str(moved))[0] == 1
    status, out, _ = run(capsys, "diff", "--ignore", "urls", str(base), str(moved))
    assert status == 0
    assert "No differences." in out
    assert run(capsys, "diff", "--ignore", "label", str(base), str(moved))[0] == 1


def test_diff_unknown_ignore_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], pages: dict[str, Path]
) -> None:
    with pytest.raises(SystemExit) as info:
        main(["diff", "--ignore", "kinds", str(pages["md"]), str(pages["md"])])
    assert info.value.code == 2
    assert "'kinds' cannot be ignored; expected url or label" in capsys.readouterr().err


def test_diff_missing_file_is_status_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "gone.yaml"
    status, out, err = run(capsys, "diff", str(missing), ":bundled:")
    assert (status, out) == (2, "")
    assert err.splitlines() == [
        f"{missing}: cannot read index file: No such file or directory [missing]",
        f"error: {missing}: no service could be read",
    ]


def test_diff_unparsable_file_is_status_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    broken = write(tmp_path / "broken.json", '{"services": [')
    status, out, err = run(capsys, "diff", ":bundled:", str(broken))
    assert (status, out) == (2, "")
    assert err.startswith(f"{broken}:1:")
    assert "[syntax]" in err
    assert "Traceback" not in err


def test_diff_problems_in_an_input_are_status_2_unless_allowed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    base = write(tmp_path / "base.yaml", SAME_AS_YAML)
    bad = write(
        tmp_path / "bad.yaml",
        SAME_AS_YAML.replace('"https://contoso.example/speech/note"', '"javascript:alert(1)"'),
    )
    status, out, err = run(capsys, "diff", str(base), str(bad))
    assert (status, out) == (2, "")
    first, last = err.splitlines()
    assert first.startswith(f"{bad}:9:")
    assert first.endswith("[url]")
    assert "--allow-problems" in last
    status, out, err = run(capsys, "diff", "--allow-problems", str(base), str(bad))
    assert status == 1  # the Speech document was dropped
    assert err.splitlines()[0].startswith(f"{bad}:9:")
    assert "  Contoso - Speech" in out.splitlines()
    assert "    - transparency: Transparency note <https://contoso.example/speech/note>" in out


def test_diff_format_overrides(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # Copies of the upstream page are often saved without a .md suffix.
    page = write(tmp_path / "page.txt", SERVICE_PAGE)
    data = write(tmp_path / "data.txt", SAME_AS_YAML)
    status, _, err = run(capsys, "diff", str(page), str(data))
    assert status == 2
    assert "unknown index file type '.txt'" in err
    status, out, err = run(
        capsys, "diff", "--old-format", "markdown", "--new-format", "yaml", str(page), str(data)
    )
    assert (status, err) == (0, "")
    assert out.endswith("No differences.\n")
    # The general --index-format applies to both sides unless a side has its own.
    status, _, _ = run(
        capsys, "--index-format", "yaml", "diff", "--old-format", "markdown", str(page), str(data)
    )
    assert status == 0


def test_diff_of_the_real_2024_page_against_the_bundled_index(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run(capsys, "diff", "--format", "json", ":bundled:", str(PAGE_2024))
    assert status == 1
    data = json.loads(out)
    assert data["old"]["source"] == SEED_PAGE_URL
    assert data["new"]["source"] == SEED_PAGE_URL  # recognised: where Learn publishes it
    assert data["new"]["date"] == "2024-01-20"
    assert data["new"]["title"] == "Responsible use of AI with Azure AI services"
    renamed = {
        r["old"]["name"]: (r["new"]["name"], r["matched_by"]) for r in data["services"]["renamed"]
    }
    assert renamed["Custom Vision"] == ("Azure Custom Vision", "rename group")
    assert renamed["Language service"] == ("Azure AI Language", "rename group")
    assert renamed["Azure OpenAI Service"] == ("Azure OpenAI", "rename group")
    assert renamed["Speech - Text to speech"] == (
        "Azure AI Speech - Text to speech",
        "rename group",
    )
    assert len(renamed) == 18
    assert [s["name"] for s in data["services"]["added"]] == [
        "Azure Video Indexer",
        "Azure AI Search",
        "Azure AI Content Safety",
        "Azure AI Document Intelligence",
    ]
    assert [s["name"] for s in data["services"]["removed"]] == ["Speech - Custom Neural Voice"]
    # Personalizer: the same page-relative link to its transparency note (the category
    # layout gives it no label, so no label change is invented); its other documents are gone.
    personalizer = [d for d in data["documents"] if d["service"]["name"] == "Personalizer"]
    assert [(d["kind"], d["change"]) for d in personalizer] == [
        ("limitations", "removed"),
        ("integration", "removed"),
        ("privacy", "removed"),
    ]
    assert not [d for d in data["documents"] if "label" in d["fields"]]


def test_diff_ignore_context(capsys: pytest.CaptureFixture[str]) -> None:
    # 2021 and 2022 differ in the context parameter of most links (cognitive-services ->
    # ai-services); ignoring it leaves the real changes.
    argv = ["diff", "--format", "json", str(PAGE_2021_06_02), str(SEED_PAGE)]
    _, out, _ = run(capsys, *argv)
    every = json.loads(out)["summary"]["documents_changed"]
    _, out, _ = run(capsys, *argv, "--ignore", "context")
    data = json.loads(out)
    assert data["summary"]["documents_changed"] < every
    assert all(
        d["old"]["url"].split("?")[0] != d["new"]["url"].split("?")[0]
        for d in data["documents"]
        if d["change"] == "changed"
    )


def test_diff_takes_a_page_url_for_each_side(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    page = "## Personalizer\n* [Transparency note](./personalizer/responsible-use-cases.md)\n"
    old, new = write(tmp_path / "old.md", page), write(tmp_path / "new.md", page)
    status, out, _ = run(
        capsys,
        "diff",
        "--format",
        "json",
        "--old-page-url",
        LEARN_2021,
        "--new-page-url",
        LEARN_NOW,
        str(old),
        str(new),
    )
    assert status == 1
    (change,) = json.loads(out)["documents"]
    assert change["old"]["url"] == (
        f"{LEARN}/azure/cognitive-services/personalizer/responsible-use-cases"
    )
    assert change["new"]["url"] == f"{LEARN}/azure/ai-services/personalizer/responsible-use-cases"


def test_diff_of_the_seed_against_the_bundled_index(
    capsys: pytest.CaptureFixture[str], seed_file: Path
) -> None:
    status, out, err = run(
        capsys,
        "--page-url",
        SEED_PAGE_URL,
        "diff",
        "--new-format",
        "markdown",
        ":bundled:",
        str(seed_file),
    )
    assert (status, err) == (0, "")
    assert out.splitlines()[1] == (
        f"+++ {seed_file} ('Responsible use of AI with Azure AI services', 2022-01-10, "
        f"27 services, 100 documents; source {SEED_PAGE_URL})"
    )


def test_diff_as_a_program() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "sphinxext_rai", "diff", ":bundled:", ":bundled:"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.endswith("No differences.\n")


# --- import --------------------------------------------------------------------------------


def test_import_the_seed_page_reads_back_as_the_bundled_index(
    capsys: pytest.CaptureFixture[str], seed_file: Path, tmp_path: Path
) -> None:
    out_file = tmp_path / "azure.yaml"
    status, out, err = run(
        capsys, "--page-url", SEED_PAGE_URL, "import", str(seed_file), "-o", str(out_file)
    )
    assert (status, out) == (0, "")
    assert err == f"{seed_file}: 27 services, 100 links imported as yaml\n"
    again = read_path(out_file)
    assert again.problems == ()
    # Marked to update what they are merged over, as the page's services are.
    assert {s.mode for s in again.index} == {"update"}
    assert merge([again.index]).index.services == load_bundled().services
    (provenance,) = again.index.provenance
    assert provenance.source == SEED_PAGE_URL
    assert provenance.title == "Overview of Responsible use of AI"
    assert provenance.date == "2022-01-10"
    assert provenance.sha256 == hashlib.sha256(seed_file.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    ("suffix", "to", "fmt"),
    [
        (".yaml", None, "yaml"),
        (".json", None, "json"),
        (".data", "json", "json"),
        (".data", None, "yaml"),
    ],
)
def test_import_category_layout_round_trip(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, suffix: str, to: str | None, fmt: str
) -> None:
    out_file = tmp_path / f"foundry{suffix}"
    argv = ["import", str(PAGE_2025), "-o", str(out_file)]
    status, _, err = run(capsys, *argv, *(["--to", to] if to else []))
    assert status == 0
    assert err.endswith(f"29 services, 29 links imported as {fmt}\n")
    text = out_file.read_text(encoding="utf-8")
    if fmt == "json":
        assert json.loads(text)["date"] == "2025-10-02"
    else:
        assert "date: '2025-10-02'" in text.splitlines()
    again = read_text(text, fmt, source=str(out_file))
    assert again.problems == ()
    page = read_path(PAGE_2025).index
    assert again.index.services == page.services
    assert again.index.provenance == page.provenance
    assert [(s.name, s.family, s.category) for s in again.index][:3] == [
        ("Azure OpenAI", None, "Generative AI"),
        ("Azure AI Content Safety", None, "Generative AI"),
        (
            "Azure Vision in Foundry Tools - Image Analysis",
            "Azure Vision in Foundry Tools",
            "Vision",
        ),
    ]
    assert again.index.get("personalizer").guidance == (  # type: ignore[union-attr]
        Guidance(
            "", Kind.TRANSPARENCY, f"{LEARN}/azure/ai-services/personalizer/responsible-use-cases"
        ),
    )
    # Old names still find the imported services.
    assert len(again.index.select("family:Computer Vision")) == 3
    assert again.index.find("Azure AI Personalizer").name == "Personalizer"


def test_import_service_layout_to_stdout(
    capsys: pytest.CaptureFixture[str], pages: dict[str, Path]
) -> None:
    status, out, err = run(capsys, "import", str(pages["md"]), "--to", "json")
    assert status == 0
    assert err == f"{pages['md']}: 2 services, 3 links imported as json\n"
    data = json.loads(out)
    assert data["title"] == "Contoso guidance"
    assert data["source"] == str(pages["md"])
    assert data["date"] == "2024-05-01"
    assert data["sha256"] == hashlib.sha256(SERVICE_PAGE.encode()).hexdigest()
    assert [s["name"] for s in data["services"]] == ["Contoso - Vision", "Contoso - Speech"]
    again = read_text(out, "json")
    assert again.index.services == read_path(pages["md"]).index.services


def test_import_reads_a_page_whatever_its_suffix(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    page = write(tmp_path / "copy.txt", SERVICE_PAGE)
    status, out, _ = run(capsys, "import", str(page))
    assert status == 0
    assert out.startswith("schema: '1'\ntitle: Contoso guidance\n")


def test_import_with_problems_writes_what_loaded_and_is_status_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    page = write(
        tmp_path / "page.md",
        SERVICE_PAGE.replace("(https://contoso.example/speech/note)", "(javascript:alert(1))"),
    )
    out_file = tmp_path / "out.yaml"
    status, out, err = run(capsys, "import", str(page), "-o", str(out_file))
    assert (status, out) == (1, "")
    lines = err.splitlines()
    assert lines[0].startswith(f"{page}:14: link 'Transparency note' dropped")
    assert lines[0].endswith("[url]")
    assert lines[-1] == f"{page}: 2 services, 2 links imported as yaml; 1 problem"
    assert len(read_path(out_file).index) == 2


def test_import_of_nothing_is_status_2_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    page = write(tmp_path / "empty.md", "# Nothing here\n\nJust text.\n")
    out_file = tmp_path / "out.yaml"
    status, out, err = run(capsys, "import", str(page), "-o", str(out_file))
    assert (status, out) == (2, "")
    assert err.splitlines() == [
        f"{page}: index file defines no services [empty]",
        f"error: {page}: no service could be read; nothing written",
    ]
    assert not out_file.exists()


def test_import_missing_page_and_unwritable_output(
    capsys: pytest.CaptureFixture[str], pages: dict[str, Path], tmp_path: Path
) -> None:
    status, _, err = run(capsys, "import", str(tmp_path / "gone.md"))
    assert status == 2
    assert "cannot read index file" in err
    target = tmp_path / "no-such-dir" / "out.yaml"
    status, out, err = run(capsys, "import", str(pages["md"]), "-o", str(target))
    assert (status, out) == (2, "")
    assert err == f"error: cannot write {target}: No such file or directory\n"


# --- the examples in the documentation -----------------------------------------------------

EXAMPLE = Path(__file__).resolve().parents[2] / "example_project"


def test_documented_diff_output_is_what_diff_prints(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(EXAMPLE)
    status, out, err = run(capsys, "diff", "_data/upstream-old.md", "_data/upstream-new.md")
    assert (status, err) == (1, "")
    assert out == (EXAMPLE / "_data" / "upstream-diff.txt").read_text(encoding="utf-8")


def test_documented_import_output_is_what_import_writes(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(EXAMPLE)
    status, out, err = run(capsys, "import", "_data/upstream-new.md")
    assert status == 0
    assert err == "_data/upstream-new.md: 5 services, 5 links imported as yaml\n"
    assert out == (EXAMPLE / "_data" / "upstream-new.yaml").read_text(encoding="utf-8")
    page = (EXAMPLE / "upstream.rst").read_text(encoding="utf-8")
    assert "   " + err.strip() in page.splitlines()


def test_documented_merge_of_the_current_page_is_what_the_command_line_prints(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(EXAMPLE)
    # The copy in the example is the real 2025 page, unchanged.
    assert (EXAMPLE / "_data" / "responsible-use-of-ai-overview.md").read_bytes() == (
        PAGE_2025.read_bytes()
    )
    page = (EXAMPLE / "upstream.rst").read_text(encoding="utf-8").splitlines()
    status, out, err = run(capsys, "--index", "_data/responsible-use-of-ai-overview.md", "list")
    assert status == 0
    assert out.splitlines()[-1] == "31 services, 104 links"
    assert "   31 services, 104 links" in page
    notes = err.splitlines()
    assert len(notes) == 24  # 29 links: 4 new, Personalizer's unchanged
    assert all(n.startswith("note: _data/responsible-use-of-ai-overview.md:") for n in notes)
    face_note = next(n for n in notes if "'Azure Vision - Face'" in n)
    assert "   " + face_note in page
    status, out, _ = run(
        capsys, "--index", "_data/responsible-use-of-ai-overview.md", "show", "Face"
    )
    assert status == 0
    assert out == (EXAMPLE / "_data" / "upstream-merged-face.txt").read_text(encoding="utf-8")


def test_documented_rename_groups_are_the_groups() -> None:
    text = " ".join((EXAMPLE / "upstream.rst").read_text(encoding="utf-8").split())
    for group in (*FAMILY_GROUPS, *SERVICE_GROUPS):
        assert ", ".join(group) in text


def test_documented_warning_lines_point_at_the_live_examples() -> None:
    lines = (EXAMPLE / "upstream.rst").read_text(encoding="utf-8").splitlines()
    directive = lines.index(".. rai-guidance:: Text Analytics - Summarization") + 1
    role = next(i for i, line in enumerate(lines) if line.startswith("Read :rai:")) + 1
    documented = [line.strip() for line in lines if line.startswith("   upstream.rst:")]
    assert [line.split(": WARNING: ")[0] for line in documented] == [
        f"upstream.rst:{directive}",
        f"upstream.rst:{role}",
        f"upstream.rst:{role}",
    ]
    assert all(line.endswith("[rai.deprecated_name]") for line in documented)


def test_export_to_an_unwritable_file_is_status_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "no-such-dir" / "out.json"
    status, out, err = run(capsys, "export", "-o", str(target))
    assert (status, out) == (2, "")
    assert err == f"error: cannot write {target}: No such file or directory\n"
