"""The package's layers, checked from outside: the pure layers run without Sphinx, and no
module hides an import inside a function (the import-linter contracts in ``pyproject.toml``
check the direction of the imports and the absence of cycles)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import sphinxext_rai

PACKAGE = Path(sphinxext_rai.__file__).parent
PURE_LAYERS = ("core", "formats", "cli")
#: Run first in the child interpreter: importing any of these fails, as if not installed.
BLOCK_SPHINX = """
import sys
class Blocked:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {"sphinx", "docutils", "sphinx_design", "myst_parser"}:
            raise ImportError(f"{name} is blocked in this test")
        return None
sys.meta_path.insert(0, Blocked())
"""


def modules(*layers: str) -> list[str]:
    """The dotted names of every module in *layers*."""
    names = []
    for layer in layers:
        for path in sorted((PACKAGE / layer).rglob("*.py")):
            parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
            names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def run_blocked(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", BLOCK_SPHINX + code],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


@pytest.mark.parametrize("module", modules(*PURE_LAYERS))
def test_pure_module_imports_without_sphinx(module: str) -> None:
    result = run_blocked(f"import {module}")
    assert result.returncode == 0, result.stderr


def test_the_blocker_really_blocks() -> None:
    result = run_blocked("import sphinxext_rai.sphinx_ext")
    assert result.returncode != 0
    assert "is blocked in this test" in result.stderr


def test_command_line_runs_without_sphinx() -> None:
    result = run_blocked(
        "import sys\nsys.argv = ['sphinxext-rai', 'list']\nimport runpy\n"
        "runpy.run_module('sphinxext_rai', run_name='__main__')"
    )
    assert result.returncode == 0, result.stderr
    assert "Azure AI Vision - Face" in result.stdout
    assert result.stdout.rstrip().endswith("27 services, 100 links")


def _nested_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Import | ast.ImportFrom):
                found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno} in {function.name}")
    return found


def test_no_imports_inside_functions_but_setup() -> None:
    nested = [hit for path in sorted(PACKAGE.rglob("*.py")) for hit in _nested_imports(path)]
    assert nested == ["sphinxext_rai/__init__.py:21 in setup"]
