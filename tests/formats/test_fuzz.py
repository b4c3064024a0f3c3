"""Property-based tests: no input makes the readers, URL handling, lookup, option parsing or the
directive raise; unsafe URLs never come out. ``make fuzz`` runs them with many more examples."""

from __future__ import annotations

import json
from typing import Any, get_args

import yaml
from hypothesis import given
from hypothesis import strategies as st

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
