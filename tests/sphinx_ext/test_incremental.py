"""Builds that stay right: incremental rebuilds after index edits, -j 2 against -j 1, and an
environment pickle that does not grow."""

from __future__ import annotations

import os
import pickle
import re
import shutil
import time
from pathlib import Path

import pytest
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.testing.util import SphinxTestApp

MakeApp = type[SphinxTestApp]


def build_and_record(
    make_app: MakeApp, srcdir: Path, parallel: int = 1
) -> tuple[SphinxTestApp, list[str]]:
    """Build *srcdir* with *parallel* processes; return the app and the pages Sphinx read."""
    app = make_app("html", srcdir=srcdir, parallel=parallel)
    read: list[str] = []

    def note(_app: Sphinx, _env: BuildEnvironment, docnames: list[str]) -> None:
        read.extend(docnames)

    app.connect("env-before-read-docs", note)
    app.build()
    app.cleanup()  # unregister node classes before the next app in this process
    return app, sorted(read)


@pytest.fixture
def userindex(rootdir: Path, tmp_path: Path) -> Path:
    target = tmp_path / "userindex"
    shutil.copytree(rootdir / "test-userindex", target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_editing_one_service_rereads_only_the_pages_that_show_it(
    make_app: MakeApp, userindex: Path
) -> None:
    _, first = build_and_record(make_app, userindex)
    assert first == ["index", "plain", "speech", "vision"]

    _, unchanged = build_and_record(make_app, userindex)
    assert unchanged == []

    data = userindex / "data" / "contoso.yaml"
    edit(data, "/internal/speech/transparency-note", "/internal/speech/transparency-note-v2")
    app, after_speech_edit = build_and_record(make_app, userindex)
    assert after_speech_edit == ["speech"]
    html = (app.outdir / "speech.html").read_text(encoding="utf-8")
    assert "transparency-note-v2" in html

    edit(data, "label: Model card", "label: Model card, second edition")
    _, after_vision_edit = build_and_record(make_app, userindex)
    assert after_vision_edit == ["index", "vision"]


def test_a_name_that_starts_to_resolve_rereads_its_page(make_app: MakeApp, userindex: Path) -> None:
    (userindex / "future.rst").write_text(
        "Future\n======\n\n.. rai-guidance:: Contoso - Future Model\n", encoding="utf-8"
    )
    edit(userindex / "index.rst", "   plain\n", "   plain\n   future\n")
    app, _ = build_and_record(make_app, userindex)
    assert "unknown AI service 'Contoso - Future Model'" in app.warning.getvalue()

    with (userindex / "data" / "contoso.yaml").open("a", encoding="utf-8") as handle:
        handle.write(
            "  - name: Contoso - Future Model\n"
            "    guidance:\n"
            "      - label: Transparency note\n"
            "        url: https://contoso.example/future/transparency-note\n"
        )
    app, reread = build_and_record(make_app, userindex)
    assert reread == ["future"]
    assert "contoso.example/future" in (app.outdir / "future.html").read_text(encoding="utf-8")


def many_pages(root: Path, count: int = 12) -> Path:
    """A project big enough for Sphinx to read and write in parallel."""
    root.mkdir()
    (root / "conf.py").write_text('extensions = ["sphinxext_rai"]\n', encoding="utf-8")
    names = [f"page{i:02d}" for i in range(count)]
    toctree = "\n".join(f"   {n}" for n in names)
    (root / "index.rst").write_text(f"Many\n====\n\n.. toctree::\n\n{toctree}\n", "utf-8")
    layouts = ["cards", "table", "list"]
    services = ["Face", "family:Speech", "Personalizer, LUIS", "Language - Summarization"]
    for i, name in enumerate(names):
        (root / f"{name}.rst").write_text(
            f"Page {i}\n=======\n\n"
            f".. rai-guidance:: {services[i % len(services)]}\n"
            f"   :layout: {layouts[i % len(layouts)]}\n\n"
            f"See :rai:`Face/privacy`.\n",
            encoding="utf-8",
        )
    return root


def html_files(outdir: Path) -> dict[str, bytes]:
    return {str(p.relative_to(outdir)): p.read_bytes() for p in sorted(outdir.rglob("*.html"))}


def test_parallel_build_gives_the_same_output(make_app: MakeApp, tmp_path: Path) -> None:
    serial = make_app("html", srcdir=many_pages(tmp_path / "serial"), parallel=1)
    serial.build()
    serial_warnings, serial_data = serial.warning.getvalue(), serial.env.domaindata["rai"]
    serial.cleanup()  # unregister node classes before the next app in this process
    parallel = make_app("html", srcdir=many_pages(tmp_path / "parallel"), parallel=2)
    parallel.build()
    assert serial_warnings == parallel.warning.getvalue() == ""
    # With parallel=2 and both flags allowed, Sphinx takes its forking read and write paths.
    assert parallel.parallel == 2
    assert parallel.is_parallel_allowed("read") and parallel.is_parallel_allowed("write")
    first, second = html_files(serial.outdir), html_files(parallel.outdir)
    assert len(first) == 15  # index, genindex, search and twelve pages
    assert first == second
    # The domain data are the same too: every page's lookups were merged back.
    assert serial_data == parallel.env.domaindata["rai"]
    assert len(serial_data["queries"]) == 12


def test_environment_pickle_does_not_grow_over_incremental_parallel_builds(
    make_app: MakeApp, tmp_path: Path
) -> None:
    srcdir = many_pages(tmp_path / "project")
    sizes = []
    for round_number in range(5):
        for page in sorted(srcdir.glob("page*.rst"))[:6]:
            page.write_text(page.read_text("utf-8") + f"\n.. round {round_number}\n", "utf-8")
        app = make_app("html", srcdir=srcdir, parallel=2)
        app.build()
        app.cleanup()
        # The extension's data as pickled: the whole pickle's length also varies with how
        # the pickler shares Sphinx's own strings (27 bytes once, on Sphinx 7.2).
        saved = pickle.loads((app.doctreedir / "environment.pickle").read_bytes())
        sizes.append(len(pickle.dumps(saved.domaindata["rai"])))
    assert len(set(sizes[1:])) == 1, sizes


def touch(path: Path) -> None:
    """Move a file's modification time past the last build, as an editor saving it would."""
    mtime = max(path.stat().st_mtime, time.time()) + 2
    os.utime(path, (mtime, mtime))


def test_touching_one_page_rereads_only_that_page(make_app: MakeApp, userindex: Path) -> None:
    build_and_record(make_app, userindex)
    touch(userindex / "speech.rst")
    _, reread = build_and_record(make_app, userindex)
    assert reread == ["speech"]


MODELS = 3


def model_index(revisions: dict[int, int]) -> str:
    """A user index of MODELS models; a model's revision shows in its model-card URL."""
    lines = ["title: Contoso models", "date: 2024-05-01", "services:"]
    for model in range(MODELS):
        lines += [
            f"  - name: Contoso - Model {model}",
            "    guidance:",
            "      - label: Model card",
            f"        url: https://contoso.example/model-{model}/card-r{revisions.get(model, 0)}",
        ]
    return "\n".join(lines) + "\n"


def model_pages(root: Path, count: int = 12) -> Path:
    """Pages naming one model each (page i names model i % MODELS) and a bundled service."""
    root.mkdir()
    (root / "conf.py").write_text(
        'extensions = ["sphinxext_rai"]\nrai_index = ["models.yaml"]\n', encoding="utf-8"
    )
    (root / "models.yaml").write_text(model_index({}), encoding="utf-8")
    names = [f"page{i:02d}" for i in range(count)]
    toctree = "\n".join(f"   {n}" for n in names)
    (root / "index.rst").write_text(f"Models\n======\n\n.. toctree::\n\n{toctree}\n", "utf-8")
    for i, name in enumerate(names):
        (root / f"{name}.rst").write_text(
            f"Page {i}\n=======\n\n.. rai-guidance:: Contoso - Model {i % MODELS}, Face\n",
            encoding="utf-8",
        )
    return root


def test_index_edits_under_parallel_builds_reread_their_pages_and_keep_domain_data_exact(
    make_app: MakeApp, tmp_path: Path
) -> None:
    srcdir = model_pages(tmp_path / "project")
    cold = make_app("html", srcdir=srcdir, parallel=2)
    cold.build()
    cold.cleanup()
    # The size of the records' text form: the pickled size also varies with which process read
    # which page (strings shared between records are pickled once or twice).
    sizes = [len(repr(cold.env.domaindata["rai"]))]
    revisions: dict[int, int] = {}
    touched = {f"page{i:02d}" for i in range(6)}  # more than five: Sphinx reads in parallel
    for round_number in range(1, 5):
        model = round_number % MODELS
        revisions[model] = round_number
        (srcdir / "models.yaml").write_text(model_index(revisions), encoding="utf-8")
        for name in touched:
            touch(srcdir / f"{name}.rst")
        app, reread = build_and_record(make_app, srcdir, parallel=2)
        assert app.parallel == 2
        showing = {f"page{i:02d}" for i in range(model, 12, MODELS)}
        assert set(reread) == touched | showing
        page = (app.outdir / f"page{model:02d}.html").read_text(encoding="utf-8")
        assert f"model-{model}/card-r{round_number}" in page
        sizes.append(len(repr(app.env.domaindata["rai"])))
    assert len(set(sizes)) == 1, sizes
    # The records after the edits are those of a fresh serial build of the same sources.
    shutil.rmtree(app.doctreedir)
    fresh, everything = build_and_record(make_app, srcdir)
    assert len(everything) == 13
    assert app.env.domaindata["rai"] == fresh.env.domaindata["rai"]


def into_blocks(page: Path) -> list[str]:
    """The links of a page into guidance blocks, in page order."""
    return re.findall(r'href="([^"]*#rai-[^"]*)"', page.read_text(encoding="utf-8"))


def warning_lines(app: SphinxTestApp) -> set[str]:
    """The warnings of a build, with the project's folder left out of their locations."""
    return {
        line.replace(str(app.srcdir), "SRC")
        for line in app.warning.getvalue().splitlines()
        if "WARNING" in line
    }


def test_references_follow_services_renamed_edited_and_deleted(
    make_app: MakeApp, userindex: Path, tmp_path: Path
) -> None:
    """Pages that only refer to a service (:rai:service:, :rai:guidance:, :any:) are written
    again when the service is renamed, loses the document referred to, or is deleted; the
    incremental build then equals a fresh build of the edited project."""
    (userindex / "ocr.rst").write_text(
        "OCR\n===\n\n.. rai-guidance:: Contoso - OCR Model\n", encoding="utf-8"
    )
    (userindex / "refs.rst").write_text(
        "References\n==========\n\n"
        "Speech: :rai:service:`Contoso - Speech Model`.\n\n"
        "Vision privacy: :rai:guidance:`CVM/privacy`.\n\n"
        "OCR: :rai:service:`Contoso - OCR Model`.\n\n"
        "Any: :any:`contoso-vision-model/transparency`.\n",
        encoding="utf-8",
    )
    edit(userindex / "index.rst", "   plain\n", "   plain\n   ocr\n   refs\n")
    data = userindex / "data" / "contoso.yaml"
    with data.open("a", encoding="utf-8") as handle:
        handle.write(
            "  - name: Contoso - OCR Model\n"
            "    guidance:\n"
            "      - label: Transparency note\n"
            "        url: https://contoso.example/ocr/transparency-note\n"
        )
    app, _ = build_and_record(make_app, userindex)
    assert warning_lines(app) == set()
    assert into_blocks(app.outdir / "refs.html") == [
        "speech.html#rai-contoso-speech-model",
        "index.html#rai-contoso-vision-model-privacy",  # the first page, by name, showing it
        "ocr.html#rai-contoso-ocr-model",
        "index.html#rai-contoso-vision-model-transparency",
    ]

    # Rename the speech model (and the page showing it), drop the vision model's privacy
    # document, delete the OCR model from the index.
    edit(data, "name: Contoso - Speech Model", "name: Contoso - Voice Model")
    edit(userindex / "speech.rst", "Contoso - Speech Model", "Contoso - Voice Model")
    edit(
        data,
        "      - label: Data handling\n        url: https://contoso.example/cvm/data-privacy\n",
        "",
    )
    text = data.read_text(encoding="utf-8")
    data.write_text(text[: text.index("  - name: Contoso - OCR Model")], encoding="utf-8")
    incremental, reread = build_and_record(make_app, userindex)
    assert "refs" not in reread  # written again, not read again: its text did not change

    fresh_source = tmp_path / "fresh"
    shutil.copytree(userindex, fresh_source, ignore=shutil.ignore_patterns("_build"))
    fresh, _ = build_and_record(make_app, fresh_source)
    assert html_files(incremental.outdir) == html_files(fresh.outdir)
    assert into_blocks(incremental.outdir / "refs.html") == [
        "index.html#rai-contoso-vision-model-transparency"
    ]
    # Each dangling reference is warned about, as the fresh build does.
    expected = {line for line in warning_lines(fresh) if "refs.rst" in line}
    assert len(expected) == 3
    assert expected <= warning_lines(incremental)
