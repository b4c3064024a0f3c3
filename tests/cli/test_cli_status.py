"""The command line's exit status is the one the README documents, also when standard output
is closed early, and what it prints is as checked as what a build warns about."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

COMMAND = [sys.executable, "-m", "sphinxext_rai"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*COMMAND, *args], capture_output=True, text=True, timeout=300, check=False
    )


def first_line_then_close(*args: str) -> tuple[int, str, str]:
    """Run the command into a pipe that is closed after one line (``| head -1``)."""
    process = subprocess.Popen(
        [*COMMAND, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert process.stdout is not None and process.stderr is not None
    line = process.stdout.readline()
    process.stdout.close()
    error = process.stderr.read()
    return process.wait(timeout=300), line, error


@pytest.fixture
def bad(tmp_path: Path) -> Path:
    """An index with a problem in each of many services: more output than a pipe holds."""
    path = tmp_path / "bad.yaml"
    path.write_text("services:\n" + "  - name: [1]\n" * 5000, encoding="utf-8")
    return path


def test_validate_into_a_closed_pipe_still_fails(bad: Path) -> None:
    status, line, error = first_line_then_close("validate", str(bad))
    assert line.startswith(f"{bad}:2:11: ")
    assert status == 1
    assert "Traceback" not in error and "BrokenPipe" not in error


@pytest.mark.parametrize("command", [["list"], ["export"], ["show", "family:Language"]])
def test_commands_into_a_closed_pipe_succeed(command: list[str]) -> None:
    status, line, error = first_line_then_close(*command)
    assert line
    assert (status, error) == (0, "")


@pytest.mark.parametrize(
    "command", [["list"], ["list", "--format", "json"], ["show", "Face"], ["export"]]
)
def test_a_missing_index_is_a_failure(tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "missing.yaml"
    result = run("--index", str(missing), *command)
    assert result.returncode == 1
    assert f"warning: {missing}: cannot read index file" in result.stderr
    assert result.stdout  # what loaded is still shown


def test_a_lone_surrogate_is_a_problem_not_a_crash(
    tmp_path: Path, unfit: Callable[[str], bool]
) -> None:
    path = tmp_path / "surrogate.json"
    path.write_text(
        '{"services": [\n {"name": "Face\\ud800"},\n {"name": "Bell\\u0007"},\n'
        ' {"name": "Contoso OCR"}]}',
        encoding="utf-8",
    )
    validated = run("validate", str(path))
    assert validated.returncode == 1
    assert f"{path}:2:11: services[0].name contains a lone surrogate" in validated.stdout
    assert f"{path}:3:11: services[1].name contains a control character (U+0007)" in (
        validated.stdout
    )
    listed = run("--no-bundled", "--index", str(path), "list")
    assert listed.returncode == 1
    assert "Traceback" not in listed.stderr
    assert listed.stdout.splitlines()[0].startswith("Contoso OCR")
    # Nothing printed holds a character a terminal would act on.
    assert not unfit(listed.stdout + listed.stderr)
