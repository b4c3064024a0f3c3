"""The supported range, tested: one session per corner of it (``make matrix`` runs them all).

- ``floor``: Python 3.11 with every dependency at the floor ``pyproject.toml`` declares (the
  pins are read from it, so the floors and what is tested cannot drift apart);
- ``sphinx8``: Python 3.12 with Sphinx 8.2 and docutils 0.21;
- ``newest``: Python 3.13 with the newest release of each dependency;
- ``jupyter_book``: Jupyter Book 1 (which pins Sphinx 7.x) builds a small book using the
  extension.

Each of the first three installs the package with its test and docs extras, runs the test
suite but the browser checks, and builds the example project for html, latex and text with
``-nW``.
"""

from __future__ import annotations

import shutil
import subprocess
import tomllib
from pathlib import Path

import nox
from packaging.requirements import Requirement

HERE = Path(__file__).resolve().parent
PYPROJECT = tomllib.loads((HERE / "pyproject.toml").read_text(encoding="utf-8"))["project"]
EXAMPLE_BUILDERS = ("html", "latex", "text")
#: The distributions whose versions each session prints, for its record.
SHOWN = ("sphinx", "docutils", "sphinx-design", "myst-parser")
#: Prints Python's version and that of each distribution named on its command line.
SHOW_VERSIONS = (
    "import sys; from importlib.metadata import version; "
    "print('python', sys.version.split()[0], *(f'{n} {version(n)}' for n in sys.argv[1:]))"
)
#: The tests each range session runs: not the browser checks (run once, in the main
#: environment), nor the packaging and Jupyter Book tests (which make environments of their own).
MATRIX_TESTS = "not browser and not packaging and not jupyter_book"

# uv fills the environments (fetching in parallel, which matters for Jupyter Book's many
# dependencies); without it, venv and pip.
nox.options.default_venv_backend = "uv|venv"
nox.options.error_on_missing_interpreters = True
nox.options.reuse_existing_virtualenvs = False


def interpreter(version: str) -> str:
    """``python{version}`` if it runs; else pyenv's newest install of that version, found
    when a pyenv shim for it is on the PATH but another version is selected."""
    command = f"python{version}"
    if shutil.which(command) and _runs(command):
        return version
    pyenv = shutil.which("pyenv")
    if pyenv:
        latest = _output(pyenv, "latest", version)
        root = _output(pyenv, "root")
        candidate = Path(root) / "versions" / latest / "bin" / command
        if latest and candidate.exists():
            return str(candidate)
    return version


def _runs(command: str) -> bool:
    done = subprocess.run([command, "-c", ""], capture_output=True, check=False)
    return done.returncode == 0


def _output(*command: str) -> str:
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    return done.stdout.strip() if done.returncode == 0 else ""


def floor_pins() -> list[str]:
    """``name==floor`` for every dependency and the ``myst`` extra, from ``pyproject.toml``."""
    pins = []
    for line in [*PYPROJECT["dependencies"], *PYPROJECT["optional-dependencies"]["myst"]]:
        requirement = Requirement(line)
        floors = [spec.version for spec in requirement.specifier if spec.operator == ">="]
        if len(floors) != 1:
            raise ValueError(f"{line!r}: every dependency needs one '>=' floor")
        pins.append(f"{requirement.name}=={floors[0]}")
    return pins


def check_range(session: nox.Session, *pins: str) -> None:
    """Install the package with *pins*, run the tests but the browser ones, build the example."""
    session.install("-e", ".[test,docs]", *pins)
    session.run("python", "-c", SHOW_VERSIONS, *SHOWN, silent=False)
    session.run("python", "-m", "pytest", "-q", "-n", "2", "-m", MATRIX_TESTS)
    out = Path(session.create_tmp()) / "example"
    for builder in EXAMPLE_BUILDERS:
        session.run(
            "sphinx-build", "-q", "-nW", "--keep-going", "-b", builder,
            "example_project", str(out / builder),
        )  # fmt: skip


@nox.session(python=interpreter("3.11"))
def floor(session: nox.Session) -> None:
    """Python 3.11, Sphinx 7.2 and every other dependency at its declared floor."""
    check_range(session, *floor_pins())


@nox.session(python=interpreter("3.12"))
def sphinx8(session: nox.Session) -> None:
    """Python 3.12, Sphinx 8.2, docutils 0.21."""
    check_range(session, "sphinx==8.2.*", "docutils==0.21.*")


@nox.session(python=interpreter("3.13"))
def newest(session: nox.Session) -> None:
    """Python 3.13 and the newest release of every dependency."""
    check_range(session)  # a new environment: the newest release that fits of each


@nox.session(python=interpreter("3.11"))
def jupyter_book(session: nox.Session) -> None:
    """``jupyter-book build`` (version 1) of a small book that uses the extension."""
    session.install(".", "jupyter-book<2", "pytest", "hypothesis")
    session.run("python", "-c", SHOW_VERSIONS, *SHOWN, "myst-nb", "jupyter-book", silent=False)
    session.run(
        "python", "-m", "pytest", "-q", "-m", "jupyter_book", "tests/clients",
        env={"RAI_REQUIRE_JUPYTER_BOOK": "1"},
    )  # fmt: skip
