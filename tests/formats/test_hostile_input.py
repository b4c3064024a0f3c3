"""Hostile index files: every string is checked where it is read, reading is bounded in size
and time, and problems stay short and printable whatever the file holds."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from sphinxext_rai.core.problems import Location, Problem
from sphinxext_rai.formats import ReadResult, read_path, read_text
from sphinxext_rai.formats.markdown import _LOOSE_LINK

#: How long a problem's message may be (the limit is 400 characters).
MAX_MESSAGE_CHARS = 400
#: One character of each class no string from an index may hold.
BAD_CHARACTERS = {
    "lone surrogate": "\ud800",
    "BEL": "\x07",
    "ESC": "\x1b",
    "byte-order mark": "\ufeff",
    "word joiner": "\u2060",
    "soft hyphen": "\u00ad",
    "zero-width space": "\u200b",
    "noncharacter": "\ufffe",
}
#: Fields of the structured format holding text, and where each sits in a one-service file.
FIELDS = {
    "name": ("services", 0, "name"),
    "family": ("services", 0, "family"),
    "alias": ("services", 0, "aliases", 0),
    "description": ("services", 0, "description"),
    "label": ("services", 0, "guidance", 0, "label"),
    "url": ("services", 0, "guidance", 0, "url"),
    "title": ("title",),
    "source": ("source",),
}


def document() -> dict[str, object]:
    return {
        "title": "Contoso",
        "source": "https://contoso.example/rai",
        "services": [
            {
                "name": "Contoso - Vision",
                "family": "Contoso",
                "aliases": ["CV"],
                "description": "Image tagging.",
                "guidance": [{"label": "Transparency note", "url": "https://contoso.example/tn"}],
            }
        ],
    }


def put(data: object, path: tuple[str | int, ...], value: str) -> None:
    *parents, last = path
    for part in parents:
        data = data[part]  # type: ignore[index]
    data[last] = data[last][:3] + value + data[last][3:]  # type: ignore[index]


def strings(result: ReadResult) -> list[str]:
    """Every string that loaded: service fields, documents, provenance."""
    found: list[str] = []
    for service in result.index:
        found += [service.name, service.slug, service.family or "", service.description]
        found += service.aliases
        found += [text for g in service.guidance for text in (g.label, g.url)]
    for origin in result.index.provenance:
        found += [origin.source, origin.title, origin.date or "", origin.sha256]
    return found


def yaml_text(data: object) -> str:
    """YAML with every string double-quoted and escaped, so any character can be written."""
    return yaml.dump(data, default_style='"', allow_unicode=False, sort_keys=False)


@pytest.mark.parametrize("fmt", ["json", "yaml"])
@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("character", BAD_CHARACTERS.values(), ids=BAD_CHARACTERS)
def test_every_string_is_checked_where_it_is_read(
    fmt: str, field: str, character: str, unfit: Callable[[str], bool]
) -> None:
    data = document()
    put(data, FIELDS[field], character)
    text = json.dumps(data) if fmt == "json" else yaml_text(data)
    result = read_text(text, fmt, source=f"t.{fmt}")
    assert result.problems, (field, character)
    for problem in result.problems:
        if problem.code != "empty":  # "defines no services" is about the whole file
            assert problem.location is not None and problem.location.line is not None
        # A problem can be printed anywhere: no raw control character, no lone surrogate.
        assert problem.message.isprintable()
        str(problem).encode("utf-8")
    if fmt == "yaml" and character == "\ud800":
        expected = "syntax"  # libyaml refuses the escape itself
    else:
        expected = "url" if field == "url" else "schema"
    assert expected in [p.code for p in result.problems]
    assert not any(unfit(s) for s in strings(result)), field


def test_a_lone_surrogate_in_json_is_a_located_problem() -> None:
    text = '{"services": [\n {"name": "Face\\ud800", "guidance": []},\n {"name": "Speech"}]}'
    result = read_text(text, "json", source="t.json")
    problem = result.problems[0]
    assert problem.code == "schema"
    assert problem.location == Location("t.json", 2, 11)
    assert "U+D800" in problem.message
    assert [s.name for s in result.index] == ["Speech"]


@pytest.mark.parametrize("character", BAD_CHARACTERS.values(), ids=BAD_CHARACTERS)
def test_markdown_headings_labels_and_titles_are_checked(
    character: str, unfit: Callable[[str], bool]
) -> None:
    for page in (
        f"# Title\n\n## Fa{character}ce\n\n* [Transparency note](/a)\n",
        f"# Title\n\n## Face\n\n* [Transparency{character} note](/a)\n",
        # (In a link target, markdown-it replaces a lone surrogate by U+FFFD.)
        *(
            [f"# Title\n\n## Face\n\n* [Transparency note](/a{character}b)\n"]
            * (character != "\ud800")
        ),
        f"# Ti{character}tle\n\n## Face\n\n* [Transparency note](/a)\n",
        f"# Title\n\n## Vi{character}sion\n\n* [Face](/a)\n* [Speech](/b)\n",  # category layout
    ):
        result = read_text(page, "markdown", source="p.md")
        assert not any(unfit(s) for s in strings(result)), ascii(page)
        assert result.problems, ascii(page)
        assert all(p.location and p.location.line for p in result.problems if p.code != "empty")


def test_urls_are_percent_encoded_alike_in_every_format() -> None:
    target = "https://bücher.example/中文/ä?q=ü#ö"
    page = f"## Face\n\n* [Transparency note]({target})\n"
    data = {"services": [{"name": "Face", "guidance": [{"label": "Tn", "url": target}]}]}
    urls = {
        "markdown": read_text(page, "markdown").index.services[0].guidance[0].url,
        "json": read_text(json.dumps(data), "json").index.services[0].guidance[0].url,
        "yaml": read_text(yaml_text(data), "yaml").index.services[0].guidance[0].url,
    }
    assert set(urls.values()) == {
        "https://xn--bcher-kva.example/%E4%B8%AD%E6%96%87/%C3%A4?q=%C3%BC#%C3%B6"
    }, urls


@pytest.mark.parametrize("invisible", ["\ufeff", "\u2060", "\u00ad"])
def test_invisible_characters_never_reach_a_url(invisible: str) -> None:
    data = {"services": [{"name": "Face", "guidance": [{"label": "Tn", "url": "x"}]}]}
    data["services"][0]["guidance"][0]["url"] = f"https://a.example/{invisible}tn"  # type: ignore[index]
    result = read_text(json.dumps(data), "json", source="t.json")
    assert [p.code for p in result.problems] == ["url"]
    assert result.index.services[0].guidance == ()


# --- problems stay short ---------------------------------------------------------------------


def test_a_huge_bullet_or_key_is_not_repeated_in_the_problem() -> None:
    huge = "x" * 3_000_000
    results = [
        read_text(f"## Face\n\n* {huge}\n", "markdown", source="p.md"),
        read_text(f"## Face\n\n* [{huge}](/a\n", "markdown", source="p.md"),
        read_text(json.dumps({huge: 1, "services": [{"name": "Face"}]}), "json", source="t"),
        read_text(f"{huge}: 1\nservices:\n  - name: Face\n", "yaml", source="t"),
    ]
    for result in results:
        assert result.problems
        assert all(len(p.message) <= MAX_MESSAGE_CHARS for p in result.problems)


def test_problem_messages_are_printable_and_bounded() -> None:
    problem = Problem("bad key 'a\x07\ud800b' " + "y" * 10_000, "schema")
    assert len(problem.message) <= MAX_MESSAGE_CHARS
    assert problem.message.isprintable()
    assert problem.message.startswith("bad key 'a\\x07\\ud800b' yyy")
    assert "characters, cut" in problem.message


# --- reading is bounded ----------------------------------------------------------------------


def test_a_symbolic_link_to_a_device_is_refused(tmp_path: Path) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero on this system")
    link = tmp_path / "zero.json"
    link.symlink_to("/dev/zero")
    result = read_path(link)
    assert [(p.code, p.location) for p in result.problems] == [("missing", Location(str(link)))]
    assert "a device" in result.problems[0].message


def test_a_named_pipe_is_refused_without_waiting(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("named pipes need os.mkfifo (POSIX)")
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    # Run in another process, so a reader that waits for a writer fails the test, not hangs it.
    run = subprocess.run(
        [sys.executable, "-m", "sphinxext_rai", "validate", str(fifo)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 1
    assert "a named pipe" in run.stdout


def test_the_size_limit_holds_when_the_file_system_says_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Files in /proc say they hold 0 bytes; what is read is bounded all the same."""
    status = Path("/proc/self/status")
    if not status.is_file() or status.stat().st_size != 0:
        pytest.skip("needs Linux's /proc, whose files state a size of 0")
    assert stat.S_ISREG(status.stat().st_mode)
    monkeypatch.setattr("sphinxext_rai.formats.MAX_FILE_BYTES", 100)
    result = read_path(status, fmt="yaml")
    assert [p.code for p in result.problems] == ["limit"]
    assert "over 100 bytes" in result.problems[0].message


# --- reading hostile input finishes ---------------------------------------------------------
# These inputs once took minutes (quadratic time). How long they take now is measured by
# ``python -m benchmarks.hostile``; the checks here only guard against a return of the
# quadratic behaviour, with a bound far above today's time (a fraction of a second) and
# below the old one (two minutes and more), so that a loaded machine cannot fail them.
HANG_GUARD = 30  # CPU seconds


def timed(run: object) -> float:
    start = time.process_time()
    run()  # type: ignore[operator]
    return time.process_time() - start


def test_the_loose_link_expression_is_linear() -> None:
    for hostile in ("[" * 200_000, "[a" + " " * 200_000, "[a](" * 50_000, "[ " * 100_000):
        assert timed(lambda h=hostile: _LOOSE_LINK.search(h)) < HANG_GUARD, hostile[:10]
    found = _LOOSE_LINK.search("[[Label ]] ( /target )")
    assert found is not None
    assert found.groups() == ("Label", "/target")


@pytest.mark.parametrize(
    "page",
    [
        "[" * 200_000,
        "## Face\n\n* " + "[" * 200_000,
        "## " + "[" * 200_000,
        "## Face\n\n" + "* [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n" * 4000,
    ],
    ids=["paragraph", "bullet", "heading", "many-bullets"],
)
def test_hostile_markdown_is_read_without_hanging(page: str) -> None:
    seconds = timed(lambda: read_text(page, "markdown", source="p.md"))
    assert seconds < HANG_GUARD, f"{len(page)} bytes took {seconds:.1f} s of CPU"


def test_a_yaml_syntax_error_is_located_without_a_second_parse(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if not getattr(yaml, "__with_libyaml__", False):
        pytest.skip("PyYAML was built without libyaml: the pure-Python parser is the only one")

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the whole file was parsed again by the pure-Python parser")

    monkeypatch.setattr(yaml.BaseLoader, "__init__", refuse)
    text = "services:\n" + "  - name: Face\n" * 40_000 + "  - name: [broken\n"
    result = read_text(text, "yaml", source="big.yaml")
    # The unclosed "[" on the last line is found unclosed at the end of the text.
    end = Location("big.yaml", text.count("\n") + 1, 1)
    assert [(p.code, p.location) for p in result.problems] == [("syntax", end)]


def test_a_large_yaml_file_with_an_error_on_its_last_line_is_read_without_hanging() -> None:
    text = (
        "services:\n  - name: Face\n    description: '"
        + "lorem ipsum " * 400_000
        + "'\n  - name: [broken\n"
    )
    seconds = timed(lambda: read_text(text, "yaml", source="big.yaml"))
    assert seconds < HANG_GUARD, f"{len(text)} bytes took {seconds:.1f} s of CPU"
