"""Shared fixtures: Sphinx's test fixtures and test roots, and the upstream seed page."""

from __future__ import annotations

import json
import os
import posixpath
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from io import BytesIO
from operator import attrgetter
from pathlib import Path
from typing import Any

import pytest
import sphinx
from hypothesis import settings
from sphinx.testing.util import SphinxTestApp
from sphinx.util import logging as sphinx_logging
from sphinx.util.inventory import InventoryFile

pytest_plugins = ("sphinx.testing.fixtures",)

# Sphinx 7.2 test apps keep their output streams in private attributes; later versions show
# them as ``app.status`` and ``app.warning``, which the tests use.
for _stream in ("status", "warning"):
    if not hasattr(SphinxTestApp, _stream):
        setattr(SphinxTestApp, _stream, property(attrgetter("_" + _stream)))

# Property-based tests: a quick default run; `make fuzz` selects the long "fuzz" profile.
settings.register_profile("default", max_examples=40, deadline=None)
settings.register_profile("fuzz", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

#: Real copies of the upstream page, with their sources and licence (``SOURCES.md``).
UPSTREAM_DIR = Path(__file__).resolve().parent / "data" / "upstream"
#: The copy the bundled index was built from.
SEED_PAGE = UPSTREAM_DIR / "azure-docs-2022-01-10-60b05c7d-seed.md"
PAGE_2021_06_04 = UPSTREAM_DIR / "azure-docs-2021-06-04-18d2d260.md"
PAGE_2021_06_02 = UPSTREAM_DIR / "azure-docs-2021-06-02-f23d327e.md"
PAGE_2024 = UPSTREAM_DIR / "azure-docs-2024-01-20-284ea891.md"
PAGE_2025 = UPSTREAM_DIR / "azure-ai-docs-2025-10-02-8f2b68ee.md"
PAGE_DE = UPSTREAM_DIR / "christophbittig-azure-docs.de-de-2021-10-11-07fedc86.md"
#: Where Microsoft Learn published each of them (``SOURCES.md``).
LEARN_2021 = "https://learn.microsoft.com/azure/cognitive-services/responsible-use-of-ai-overview"
LEARN_DE = (
    "https://learn.microsoft.com/de-de/azure/cognitive-services/responsible-use-of-ai-overview"
)
LEARN_NOW = "https://learn.microsoft.com/azure/ai-services/responsible-use-of-ai-overview"


class _TypedWarnings(sphinx_logging.WarningLogRecordTranslator):
    """Ends each typed warning with ``[type.subtype]``, as Sphinx does from version 8."""

    def filter(self, record: sphinx_logging.SphinxWarningLogRecord) -> bool:  # type: ignore[override]
        shown = super().filter(record)
        kind, subtype = getattr(record, "type", ""), getattr(record, "subtype", "")
        suffix = f" [{kind}.{subtype}]" if subtype else f" [{kind}]"
        if kind and not str(record.msg).endswith(suffix):
            record.msg = f"{record.msg}{suffix}"
        return shown


def _cleanup_once(cleanup: Callable[[SphinxTestApp, bool], None]) -> Callable[..., None]:
    """*cleanup*, made to run once per app."""

    def once(app: SphinxTestApp, doctrees: bool = False) -> None:
        if not getattr(app, "_rai_cleaned_up", False):
            app._rai_cleaned_up = True  # type: ignore[attr-defined]
            cleanup(app, doctrees)

    return once


@pytest.fixture(autouse=True, scope="session")
def _sphinx_7_test_apps() -> Iterator[None]:
    """Sphinx 7's test apps as later ones behave, where the tests rely on it:

    - the tests read each warning's subtype where Sphinx 8 writes it; before version 8
      Sphinx writes it only with ``show_warning_types`` (7.3 and 7.4) or not at all (7.2);
    - tests that clean an app up before the next one (the fixture cleans it up again at the
      end) must not bring back that next app's directives: Sphinx 7.2 restores the registry
      it saved, which a later app has written into, where later versions reset it."""
    with pytest.MonkeyPatch.context() as patch:
        if sphinx.version_info < (8,):
            patch.setattr(sphinx_logging, "WarningLogRecordTranslator", _TypedWarnings)
            patch.setattr(SphinxTestApp, "cleanup", _cleanup_once(SphinxTestApp.cleanup))
        yield


@pytest.fixture
def seed_file() -> Path:
    """The upstream page the bundled index was built from."""
    return SEED_PAGE


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where the small Sphinx projects used by ``@pytest.mark.sphinx(testroot=...)`` live."""
    return Path(__file__).resolve().parent / "sphinx_ext" / "roots"


def unfit_for_output(text: str) -> bool:
    """Whether *text* holds a character no output can take, by the Unicode database: a
    control character other than white space, an invisible formatting character, a lone
    surrogate or a noncharacter."""
    for char in text:
        category = unicodedata.category(char)
        if category in ("Cf", "Cs") or (category == "Cc" and not char.isspace()):
            return True
        if 0xFDD0 <= ord(char) <= 0xFDEF or ord(char) & 0xFFFE == 0xFFFE:
            return True
    return False


@pytest.fixture
def unfit() -> Callable[[str], bool]:
    """:func:`unfit_for_output`, for the tests of hostile input."""
    return unfit_for_output


# A real HTTPS server on 127.0.0.1 for the remote-index tests -------------------------------

#: The real 2025 upstream page, as the server publishes it.
PAGE_2025 = UPSTREAM_DIR / "azure-ai-docs-2025-10-02-8f2b68ee.md"
#: Its name on the server, as on Microsoft Learn.
PAGE_NAME = "responsible-use-of-ai-overview.md"
_SERVER_SCRIPT = Path(__file__).resolve().parent / "https_server.py"


@dataclass
class HttpsServer:
    """The test server (``tests/https_server.py``): where it serves from, its certificate,
    and the requests it has answered."""

    root: Path
    certificate: Path
    port: int
    log: Path
    process: subprocess.Popen[str]

    def url(self, path: str = PAGE_NAME) -> str:
        """The https URL of *path* on this server."""
        return f"https://127.0.0.1:{self.port}/{path.lstrip('/')}"

    def requests(self) -> list[dict[str, Any]]:
        """Every request answered so far, oldest first."""
        if not self.log.is_file():
            return []
        lines = self.log.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines]

    def publish(self, text: str | bytes, name: str = PAGE_NAME) -> None:
        """Serve *text* at *name* from now on."""
        data = text.encode("utf-8") if isinstance(text, str) else text
        (self.root / name).write_bytes(data)

    def stop(self) -> None:
        """Stop the server; connections to its port are refused from then on."""
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


@pytest.fixture(scope="session")
def tls_certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and its key, made with ``openssl``."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed: the HTTPS test server needs a certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return cert, key


@pytest.fixture
def https_server(tmp_path: Path, tls_certificate: tuple[Path, Path]) -> Iterator[HttpsServer]:
    """A running HTTPS server publishing the real 2025 page as
    ``/responsible-use-of-ai-overview.md``."""
    cert, key = tls_certificate
    root = tmp_path / "served"
    root.mkdir()
    shutil.copyfile(PAGE_2025, root / PAGE_NAME)
    log = tmp_path / "requests.jsonl"
    process = subprocess.Popen(
        [sys.executable, str(_SERVER_SCRIPT), str(root), str(cert), str(key), str(log)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    port = int(process.stdout.readline())
    server = HttpsServer(root, cert, port, log, process)
    yield server
    server.stop()


def read_inventory(path: Path) -> dict[str, dict[str, str]]:
    """An ``objects.inv``: {object type: {name: URI}}, with the API of the Sphinx installed
    (``InventoryFile.loads`` from Sphinx 8.2, ``InventoryFile.load`` of a stream before)."""
    raw = path.read_bytes()
    if hasattr(InventoryFile, "loads"):
        data = InventoryFile.loads(raw, uri="").data
        return {kind: {name: i.uri for name, i in items.items()} for kind, items in data.items()}
    old = InventoryFile.load(BytesIO(raw), "", posixpath.join)
    return {kind: {name: str(i[2]) for name, i in items.items()} for kind, items in old.items()}


@pytest.fixture
def objects_inv() -> Callable[[Path], dict[str, dict[str, str]]]:
    """:func:`read_inventory`, for tests that read an ``objects.inv``."""
    return read_inventory
