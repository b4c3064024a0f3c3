"""The package as users get it: the sdist and the wheel built from it hold every data file,
and the wheel, installed into a fresh environment beside the oldest supported Sphinx and
without myst-parser, builds a project under ``-W`` and leaves that Sphinx alone.

Slow (a build and a fresh environment filled from the package index, minutes): marker
``packaging``, run by ``make packaging`` (part of ``make test``)."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from dataclasses import dataclass
from email.parser import Parser
from html.parser import HTMLParser
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement

pytestmark = pytest.mark.packaging

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "sphinxext_rai"
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT = PYPROJECT["project"]
BUNDLED = json.loads((PACKAGE / "formats" / "data" / "azure-ai-services.json").read_text("utf-8"))
#: The data files the package must carry, as found in the source tree.
DATA_FILES = sorted(
    path.relative_to(REPO).as_posix()
    for pattern in (
        "py.typed",
        "formats/data/*.json",
        "sphinx_ext/static/*.css",
        "sphinx_ext/locale/*.pot",
        "sphinx_ext/locale/*/LC_MESSAGES/*.po",
        "sphinx_ext/locale/*/LC_MESSAGES/*.mo",
    )
    for path in PACKAGE.glob(pattern)
)
PROJECT_RST = """\
Guidance
========

.. rai-guidance:: Face, Speech - Speaker Recognition
   :layout: cards

.. rai-guidance:: Face, Personalizer
   :layout: table
   :title: Guidance by service

Before using face detection, read :rai:`Face`.
"""


def floor(name: str) -> str:
    """The version after ``>=`` of dependency *name* in ``pyproject.toml``."""
    for line in PROJECT["dependencies"]:
        match = re.fullmatch(rf"{re.escape(name)}>=([\w.]+)", line)
        if match:
            return match.group(1)
    raise LookupError(name)


def guidance_urls(service: str) -> list[str]:
    """The URLs of *service*'s documents in the bundled index."""
    for entry in BUNDLED["services"]:
        if entry["name"] == service:
            return [document["url"] for document in entry["guidance"]]
    raise LookupError(service)


@dataclass(frozen=True)
class Dists:
    """The built distributions."""

    sdist: Path
    wheel: Path


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> Dists:
    """``python -m build``: the sdist, then the wheel built from the sdist, with the
    setuptools of this environment (the test extra holds the version ``pyproject.toml``
    asks for), which saves fetching it twice."""
    for line in PYPROJECT["build-system"]["requires"]:
        requirement = Requirement(line)
        installed = metadata.version(requirement.name)
        assert requirement.specifier.contains(installed), f"{line} needed, {installed} here"
    out = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(REPO))
    (sdist,) = out.glob("*.tar.gz")
    (wheel,) = out.glob("*.whl")
    return Dists(sdist, wheel)


def run(*command: str, cwd: Path | None = None) -> str:
    """Run *command*; its output, or a failure that shows it."""
    done = subprocess.run(command, capture_output=True, text=True, cwd=cwd, check=False)
    if done.returncode != 0:
        pytest.fail(f"{' '.join(command)} exited {done.returncode}:\n{done.stdout}{done.stderr}")
    return done.stdout


def test_the_wheel_holds_the_data_files_and_the_licence(dists: Dists) -> None:
    with zipfile.ZipFile(dists.wheel) as wheel:
        names = set(wheel.namelist())
    assert len(DATA_FILES) >= 8  # py.typed, index, schema, css, pot, 2 x (po, mo)
    assert set(DATA_FILES) <= names, sorted(set(DATA_FILES) - names)
    assert any(re.fullmatch(r"sphinxext_rai-[^/]+\.dist-info/licenses/LICENSE", n) for n in names)


def test_the_sdist_holds_the_data_files_the_licence_and_the_description(dists: Dists) -> None:
    with tarfile.open(dists.sdist) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    assert set(DATA_FILES) <= names, sorted(set(DATA_FILES) - names)
    assert {"LICENSE", "PACKAGE.md", "pyproject.toml"} <= names


def test_the_metadata_reads_right_on_a_package_index(dists: Dists) -> None:
    with zipfile.ZipFile(dists.wheel) as wheel:
        (name,) = (n for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))
        metadata = Parser().parsestr(wheel.read(name).decode("utf-8"))
    requires = metadata.get_all("Requires-Dist") or []
    assert [r for r in requires if r.startswith("myst-parser")] == [
        'myst-parser>=3.0.0; extra == "myst"'
    ]
    assert "myst" in (metadata.get_all("Provides-Extra") or [])
    assert metadata["License-Expression"] == "MIT"
    assert metadata["License-File"] == "LICENSE"
    urls = dict(u.split(", ", 1) for u in metadata.get_all("Project-URL") or [])
    assert set(urls) >= {"Documentation", "Source", "Issues"}
    assert all(url.startswith("https://") for url in urls.values())
    assert metadata["Description-Content-Type"] == "text/markdown"
    description = str(metadata.get_payload())
    assert description.strip() == (REPO / "PACKAGE.md").read_text(encoding="utf-8").strip()


def test_the_description_has_no_relative_links_and_no_make_commands() -> None:
    text = (REPO / "PACKAGE.md").read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)]*)\)", text)
    assert all(target.startswith("https://") for target in targets), targets
    assert "pip install sphinxext-rai" in text
    assert 'extensions = ["sphinxext_rai"]' in text
    assert not re.search(r"^\s*make\b|`make ", text, flags=re.MULTILINE)


class _Links(HTMLParser):
    """The ``href`` of every link of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.tables = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tables += tag == "table"
        self.hrefs.extend(value for key, value in attrs if key == "href" and value)


def test_the_wheel_builds_with_the_oldest_sphinx_and_without_myst(
    dists: Dists, tmp_path: Path
) -> None:
    python = str(make_venv(tmp_path / "venv"))
    sphinx = floor("sphinx")
    run(python, "-m", "pip", "install", "-q", f"sphinx=={sphinx}")
    run(python, "-m", "pip", "install", "-q", str(dists.wheel))

    assert f"Version: {sphinx}\n" in run(python, "-m", "pip", "show", "sphinx")
    missing = subprocess.run(
        [python, "-m", "pip", "show", "myst-parser"], capture_output=True, check=False
    )
    assert missing.returncode == 1, "myst-parser was installed with the wheel"

    source = tmp_path / "project"
    source.mkdir()
    (source / "conf.py").write_text('extensions = ["sphinxext_rai"]\n', encoding="utf-8")
    (source / "index.rst").write_text(PROJECT_RST, encoding="utf-8")
    out = tmp_path / "html"
    run(python, "-m", "sphinx", "-W", "--keep-going", "-b", "html", str(source), str(out))

    page = _Links()
    page.feed((out / "index.html").read_text(encoding="utf-8"))
    hrefs = {html.unescape(href) for href in page.hrefs}
    for service in ("Azure AI Vision - Face", "Speech - Speaker Recognition", "Personalizer"):
        assert set(guidance_urls(service)) <= hrefs, service
    assert page.tables == 1
    assert (out / "_static" / "rai.css").is_file()


def make_venv(where: Path) -> Path:
    """A fresh virtual environment (no system packages); its Python."""
    run(sys.executable, "-m", "venv", str(where))
    return where / "bin" / "python"
