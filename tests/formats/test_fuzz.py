"""Property-based tests: no input makes the readers, URL handling, lookup, option parsing or the
directive raise; unsafe URLs never come out. ``make fuzz`` runs them with many more examples."""

from __future__ import annotations

import io
import json
import re
import tempfile
import time
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any, get_args

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinxext_rai.cli.main import main
from sphinxext_rai.core import options
from sphinxext_rai.core.model import Service, ServiceLookupError
from sphinxext_rai.core.problems import ProblemCode
from sphinxext_rai.core.urls import SAFE_SCHEMES, UnsafeURLError, check_safe, present, resolve
from sphinxext_rai.formats import ReadResult, read_text
from sphinxext_rai.formats.bundled import load_bundled

CODES = set(get_args(ProblemCode))
text = st.text(st.characters(codec="utf-8"), max_size=60)  # any text a file can hold
line = st.text(st.characters(exclude_categories=("Cs", "Zl", "Zp", "Cc")), max_size=40)
url_like = st.one_of(
    text,
    st.sampled_from(
        [
            "javascript:",
            "JAVASCRIPT:",
            " data:",
            "vbscript:",
            "file:",
            "https:",
            "http:",
            "mailto:",
            "//",
            "/",
            "./",
            "../",
            "?",
            "#",
        ]
    ).flatmap(lambda prefix: text.map(lambda rest: prefix + rest)),
)


def assert_well_formed(result: ReadResult) -> None:
    """Whatever the input: problems are typed, and every URL that loaded is safe."""
    assert all(p.code in CODES and p.message for p in result.problems)
    for service in result.index:
        assert service.name.strip()
        for doc in service.guidance:
            assert check_safe(doc.url) == doc.url


@given(text=text, fmt=st.sampled_from(["markdown", "yaml", "json", "toml"]))
def test_readers_never_raise_on_any_text(text: str, fmt: str) -> None:
    assert_well_formed(read_text(text, fmt, source=f"fuzz.{fmt}"))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | text,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "name",
                    "slug",
                    "family",
                    "aliases",
                    "guidance",
                    "label",
                    "kind",
                    "url",
                    "mode",
                    "x",
                ]
            ),
            children,
            max_size=5,
        )
    ),
    max_leaves=25,
)
guidance_entries = st.fixed_dictionaries(
    {"label": text, "url": url_like},
    optional={"kind": st.sampled_from(["transparency", "privacy", "bogus", "Limited Access"])},
)
services = st.lists(
    st.fixed_dictionaries(
        {"name": text},
        optional={
            "guidance": st.lists(guidance_entries | json_values, max_size=4),
            "aliases": st.lists(text, max_size=3) | json_values,
            "slug": text,
            "mode": st.sampled_from(["replace", "extend", "merge"]),
        },
    )
    | json_values,
    max_size=6,
)


@given(services=services, fmt=st.sampled_from(["json", "yaml"]))
def test_structured_reader_on_any_document(services: list[Any], fmt: str) -> None:
    document = {"services": services}
    dumped = json.dumps(document) if fmt == "json" else yaml.safe_dump(document)
    assert_well_formed(read_text(dumped, fmt, source=f"fuzz.{fmt}"))


markdown_bullet = st.tuples(st.sampled_from(["*", "-", "+", "1."]), line, url_like).map(
    lambda b: f"{b[0]} [{b[1]}]({b[2]})"
)
markdown_page = st.lists(
    st.tuples(line, st.lists(markdown_bullet | line, max_size=5), st.booleans()),
    max_size=5,
).map(
    lambda sections: (
        "---\ntitle: Fuzz\nms.date: 1/2/2023\n---\n# Fuzz\n"
        + "".join(
            f"\n## {title}\n" + ("\n" if blank else "") + "\n".join(bullets) + "\n"
            for title, bullets, blank in sections
        )
    )
)


@given(page=markdown_page)
def test_markdown_reader_on_generated_pages(page: str) -> None:
    assert_well_formed(read_text(page, "markdown", source="fuzz.md"))


@given(target=url_like, base=st.sampled_from(["https://learn.microsoft.com", "http://a.example/b"]))
def test_resolve_returns_a_safe_url_or_refuses(target: str, base: str) -> None:
    try:
        url = resolve(target, base_url=base, page_url=base + "/docs/page")
    except UnsafeURLError:
        return
    assert url.split(":", 1)[0].lower() in SAFE_SCHEMES
    assert check_safe(url) == url
    assert check_safe(present(url, keep_context=False, locale="en-us"))


@given(name=text)
def test_lookup_finds_one_service_or_explains(name: str) -> None:
    index = load_bundled()
    for query in (name, "family:" + name):
        try:
            selected = index.select(query)
        except ServiceLookupError as err:
            assert str(err) and isinstance(err.candidates, tuple)
            continue
        assert selected and all(isinstance(s, Service) for s in selected)


@given(value=text)
def test_option_parsers_return_a_value_or_a_value_error(value: str) -> None:
    for parse in (
        options.layout,
        options.card_mode,
        options.link_text,
        options.kinds,
        options.columns,
        options.classes,
        options.flag,
        options.split_names,
    ):
        try:
            parse(value)
        except ValueError as err:
            assert str(err)


# --- the directive and role, through a real Sphinx project -----------------------------------


# --- import always reads back --------------------------------------------------------------

name_text = st.text(
    st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp", "Co", "Cn")), min_size=1, max_size=30
)
bullet_target = st.sampled_from(
    [
        "/legal/x/transparency-note",
        "/legal/x/data-privacy-security?context=/azure/y",
        "./personalizer/responsible-use-cases.md",
        "https://contoso.example/a(b)?q=1&context=/z",
        "javascript:alert(1)",
    ]
)
section = st.tuples(
    st.one_of(st.none(), st.from_regex(r"[a-z]{1,8}(-{1,3}[a-z]{1,8}){0,2}", fullmatch=True)),
    name_text,
    st.lists(st.tuples(name_text, bullet_target), min_size=1, max_size=4),
)


def page_text(sections: list[tuple[str | None, str, list[tuple[str, str]]]]) -> str:
    """An upstream-shaped page: front matter, H1, and ``##`` sections of link bullets."""
    lines = ["---", "title: Overview of Responsible use of AI", "ms.service: azure-ai-services"]
    lines += ["ms.date: 10/02/2025", "---", "", "# Responsible use of AI with Foundry Tools", ""]
    for anchor, heading, bullets in sections:
        mark = f'<a name="{anchor}"></a>' if anchor else ""
        lines += [f"## {mark}{heading}", ""]
        lines += [f"- [{label}]({target})" for label, target in bullets]
        lines.append("")
    return "\n".join(lines)


@given(sections=st.lists(section, min_size=1, max_size=4), fmt=st.sampled_from(["yaml", "json"]))
def test_import_output_always_validates(
    sections: list[tuple[str | None, str, list[tuple[str, str]]]], fmt: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "page.md"
        page.write_text(page_text(sections), encoding="utf-8")
        out = Path(folder) / f"page.{fmt}"
        with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
            status = main(["import", str(page), "-o", str(out)])
            if status == 2:  # nothing readable in the page: nothing may be written
                assert not out.exists()
                return
            assert main(["validate", str(out)]) == 0
        read = read_text(page.read_text(encoding="utf-8"), "markdown", source=str(page)).index
        again = read_text(out.read_text(encoding="utf-8"), fmt, source=str(out)).index
        assert (len(again), again.link_count) == (len(read), read.link_count)
        assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", s.slug) for s in again)


# --- hostile strings: lone surrogates, control characters, huge tokens ----------------------

#: Every code point, lone surrogates and control characters included.
any_text = st.text(st.characters(exclude_categories=()), max_size=60)
#: One character many times over: the runs that make parsers slow ("[[[[...").
huge_token = st.tuples(
    st.sampled_from(
        ["[", "]", "(", "![", "](", "*", "_", "`", "<", "&", "\\", " ", "-", "a", "\x1b", "\u00ad"]
    ),
    st.integers(min_value=1, max_value=60_000),
).map(lambda run: run[0] * run[1])
hostile = st.one_of(
    any_text, huge_token, st.tuples(any_text, huge_token, any_text).map(lambda t: "".join(t))
)
#: A problem's message is cut to this many characters.
MAX_MESSAGE_CHARS = 400
FIELDS = ("name", "family", "alias", "description", "label", "url", "title", "key")
SUPPRESS_FIXTURE = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])


def assert_fit_for_output(result: ReadResult, unfit: Callable[[str], bool]) -> None:
    """What loaded can go to any output, and every problem can be printed anywhere."""
    assert_well_formed(result)
    for problem in result.problems:
        assert len(problem.message) <= MAX_MESSAGE_CHARS
        assert problem.message.isprintable()
        str(problem).encode("utf-8")
    for service in result.index:
        texts = [service.name, service.slug, service.family or "", service.description]
        texts += [*service.aliases, *(t for g in service.guidance for t in (g.label, g.url))]
        assert not any(unfit(t) for t in texts)
    for origin in result.index.provenance:
        assert not unfit(origin.title) and not unfit(origin.source)


def timed(run: Callable[[], object]) -> float:
    start = time.process_time()
    run()
    return time.process_time() - start


@SUPPRESS_FIXTURE
@given(text=hostile, fmt=st.sampled_from(["markdown", "yaml", "json", "toml"]))
def test_readers_take_any_string(text: str, fmt: str, unfit: Callable[[str], bool]) -> None:
    results: list[ReadResult] = []
    seconds = timed(lambda: results.append(read_text(text, fmt, source=f"fuzz.{fmt}")))
    assert_fit_for_output(results[0], unfit)
    assert seconds < 5, f"{len(text)} characters took {seconds:.1f} s"


def hostile_document(field: str, value: str) -> dict[str, Any]:
    service: dict[str, Any] = {
        "name": "Fuzz - Model",
        "guidance": [{"label": "Transparency note", "url": "https://fuzz.example/tn"}],
    }
    document: dict[str, Any] = {"title": "Fuzz", "services": [service]}
    if field in ("label", "url"):
        service["guidance"][0][field] = value
    elif field == "alias":
        service["aliases"] = [value]
    elif field == "title":
        document["title"] = value
    elif field == "key":
        service[value] = "x"
    else:
        service[field] = value
    return document


@SUPPRESS_FIXTURE
@given(value=hostile, field=st.sampled_from(FIELDS), fmt=st.sampled_from(["json", "yaml"]))
def test_any_string_in_any_field(
    value: str, field: str, fmt: str, unfit: Callable[[str], bool]
) -> None:
    document = hostile_document(field, value)
    # Both writers escape what a file cannot hold as it is: "\ud800", "\x1b".
    dumped = (
        json.dumps(document)
        if fmt == "json"
        else yaml.dump(document, default_style='"', allow_unicode=False, width=1 << 30)
    )
    results: list[ReadResult] = []
    seconds = timed(lambda: results.append(read_text(dumped, fmt, source=f"fuzz.{fmt}")))
    assert_fit_for_output(results[0], unfit)
    assert seconds < 5, f"{len(dumped)} characters took {seconds:.1f} s"


hostile_page = st.lists(
    st.tuples(hostile, st.lists(hostile | markdown_bullet, max_size=3), st.booleans()),
    min_size=1,
    max_size=3,
).map(
    lambda sections: "".join(
        f"\n## {title}\n\n" + "".join(f"* [{b}](/x)\n" if link else f"* {b}\n" for b in bullets)
        for title, bullets, link in sections
    )
)


@SUPPRESS_FIXTURE
@given(page=hostile_page)
def test_markdown_reader_on_hostile_pages(page: str, unfit: Callable[[str], bool]) -> None:
    results: list[ReadResult] = []
    seconds = timed(lambda: results.append(read_text(page, "markdown", source="fuzz.md")))
    assert_fit_for_output(results[0], unfit)
    assert seconds < 5, f"{len(page)} characters took {seconds:.1f} s"


@SUPPRESS_FIXTURE
@given(value=hostile, field=st.sampled_from(FIELDS))
def test_the_command_line_prints_only_what_a_terminal_shows(
    value: str, field: str, unfit: Callable[[str], bool]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.json"
        path.write_text(json.dumps(hostile_document(field, value)), encoding="utf-8")
        for command in (["validate", str(path)], ["--no-bundled", "--index", str(path), "list"]):
            out, err = io.StringIO(), io.StringIO()
            with redirect_stdout(out), redirect_stderr(err):
                status = main(command)
            assert status in (0, 1)
            assert not unfit(out.getvalue() + err.getvalue())
