"""Resolving link targets, the scheme allowlist, and the presentation options."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from sphinxext_rai.core.urls import (
    PLAIN_URL,
    PageRelativeError,
    UnsafeURLError,
    check_safe,
    checked,
    present,
    resolve,
    valid_locale,
)

PAGE = "https://learn.microsoft.com/azure/ai-services/responsible-use-of-ai-overview"
FACE_NOTE = (
    "https://learn.microsoft.com/legal/cognitive-services/face/transparency-note"
    "?context=/azure/ai-services/computer-vision/context/context"
)


def test_site_absolute_target_resolves_against_learn() -> None:
    target = (
        "/legal/cognitive-services/face/transparency-note"
        "?context=/azure/ai-services/computer-vision/context/context"
    )
    assert resolve(target) == FACE_NOTE
    # The page URL does not change where a site-absolute target goes.
    assert resolve(target, page_url="https://example.com/docs/page") == FACE_NOTE


def test_site_absolute_target_with_base_url_option() -> None:
    assert resolve("/legal/x?a=1", base_url="https://docs.contoso.com") == (
        "https://docs.contoso.com/legal/x?a=1"
    )
    assert resolve("/legal/x", base_url="https://docs.contoso.com/") == (
        "https://docs.contoso.com/legal/x"
    )


def test_page_relative_target_resolves_against_the_page_and_drops_md() -> None:
    assert resolve("./personalizer/responsible-use-cases.md", page_url=PAGE) == (
        "https://learn.microsoft.com/azure/ai-services/personalizer/responsible-use-cases"
    )
    assert resolve("personalizer/responsible-data-and-privacy.md", page_url=PAGE) == (
        "https://learn.microsoft.com/azure/ai-services/personalizer/responsible-data-and-privacy"
    )
    assert resolve("../overview.md", page_url=PAGE) == "https://learn.microsoft.com/azure/overview"


def test_page_relative_target_without_page_uses_a_base_url_with_a_path() -> None:
    # Against the site root it would be a dead link: refused, so readers can say why.
    with pytest.raises(PageRelativeError, match="without the URL of the page"):
        resolve("./x.md")
    assert resolve("./x.md", base_url="https://docs.contoso.com/rai/") == (
        "https://docs.contoso.com/rai/x"
    )


def test_md_is_only_dropped_from_relative_targets() -> None:
    assert resolve("https://example.com/README.md") == "https://example.com/README.md"
    # The query string of a relative target stays; only the path loses ".md".
    assert resolve("./a.md?tabs=b", page_url=PAGE) == (
        "https://learn.microsoft.com/azure/ai-services/a?tabs=b"
    )


@pytest.mark.parametrize(
    "target",
    [
        "/legal/x?context=/azure/ai-services/openai/context/context",
        "/legal/x?context=%2Fazure%2Fai-services%2Fopenai%2Fcontext%2Fcontext",
        "/legal/x?context=/a&tabs=b&view=c",
    ],
)
def test_query_strings_are_kept_as_written(target: str) -> None:
    assert resolve(target) == "https://learn.microsoft.com" + target


@pytest.mark.parametrize(
    "url",
    [
        "https://learn.microsoft.com/x",
        "http://example.com/x",
        "HTTPS://example.com/x",
        "mailto:responsible-ai@contoso.example",
    ],
)
def test_allowed_schemes(url: str) -> None:
    assert resolve(url) == url
    assert check_safe(url) == url


@pytest.mark.parametrize(
    "target",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "   javascript:alert(1)",
        "\tjavascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "file:///etc/passwd",
        "vbscript:msgbox(1)",
        "ftp://example.com/x",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "java\x00script:alert(1)",
        "https://example.com/a\x07b",
        "https://example.com/a\u202eb",
        "https://example.com/a b",
        "//evil.example/x",
        "https:///no-host",
        "",
        "   ",
    ],
)
def test_unsafe_targets_are_refused(target: str) -> None:
    with pytest.raises(UnsafeURLError):
        resolve(target, page_url=PAGE)


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "/relative/only", "https://x.example/\n", "data:,x"]
)
def test_check_safe_refuses(url: str) -> None:
    with pytest.raises(UnsafeURLError):
        check_safe(url)


def test_unsafe_url_error_is_a_value_error_naming_the_scheme() -> None:
    with pytest.raises(ValueError, match="javascript"):
        resolve("javascript:alert(1)")


def test_present_keeps_the_url_by_default() -> None:
    assert present(FACE_NOTE) == FACE_NOTE


def test_present_strips_the_context_parameter() -> None:
    assert present(FACE_NOTE, keep_context=False) == (
        "https://learn.microsoft.com/legal/cognitive-services/face/transparency-note"
    )
    assert present(
        "https://learn.microsoft.com/x?tabs=a&context=/b&view=c", keep_context=False
    ) == ("https://learn.microsoft.com/x?tabs=a&view=c")
    assert present("https://learn.microsoft.com/x?Context=/b#part", keep_context=False) == (
        "https://learn.microsoft.com/x#part"
    )
    # A parameter that merely starts with "context" is another parameter.
    assert present("https://learn.microsoft.com/x?contexts=1", keep_context=False) == (
        "https://learn.microsoft.com/x?contexts=1"
    )


def test_present_inserts_a_locale_on_learn_only() -> None:
    assert present(FACE_NOTE, locale="en-us") == (
        "https://learn.microsoft.com/en-us/legal/cognitive-services/face/transparency-note"
        "?context=/azure/ai-services/computer-vision/context/context"
    )
    assert present("https://learn.microsoft.com/azure/x", locale="DE-DE") == (
        "https://learn.microsoft.com/de-de/azure/x"
    )
    assert present("https://example.com/azure/x", locale="en-us") == "https://example.com/azure/x"
    assert present("mailto:a@contoso.example", locale="en-us") == "mailto:a@contoso.example"


def test_present_does_not_insert_a_locale_twice() -> None:
    once = present(FACE_NOTE, locale="en-us")
    assert present(once, locale="en-us") == once
    assert present(once, locale="fr-fr") == once
    assert present("https://learn.microsoft.com/zh-cn/azure/x", locale="en-us") == (
        "https://learn.microsoft.com/zh-cn/azure/x"
    )


def test_present_combines_both_options() -> None:
    assert present(FACE_NOTE, keep_context=False, locale="en-us") == (
        "https://learn.microsoft.com/en-us/legal/cognitive-services/face/transparency-note"
    )


@pytest.mark.parametrize("text", ["en-us", "de-DE", "fr", "sr-latn-rs", "zh-hans"])
def test_valid_locale(text: str) -> None:
    assert valid_locale(text)


@pytest.mark.parametrize("text", ["", "english", "en_us", "en-us/", "../x", "e"])
def test_invalid_locale(text: str) -> None:
    assert not valid_locale(text)


def test_locale_goes_before_path_segments_that_only_look_like_locales() -> None:
    url = "https://learn.microsoft.com/ai-services/x"
    assert present(url, locale="de-de") == "https://learn.microsoft.com/de-de/ai-services/x"
    already = "https://learn.microsoft.com/zh-hans/ai-services/x"
    assert present(already, locale="en-us") == already
    assert not valid_locale("ai-services") and valid_locale("zh-hans-cn")


def test_mailto_needs_an_address() -> None:
    assert check_safe("mailto:rai@contoso.example") == "mailto:rai@contoso.example"
    with pytest.raises(UnsafeURLError, match="no address"):
        check_safe("mailto:")


@pytest.mark.parametrize(
    "target",
    ["//[", "https://[x/", "http://[::1", "https://a.example:99x/", "https://a.example:99999/"],
)
def test_a_target_urllib_cannot_split_is_refused(target: str) -> None:
    # urllib raises a plain ValueError for these (an IPv6 host never closed, a bad port).
    with pytest.raises(UnsafeURLError, match="not a URL"):
        resolve(target, base_url="https://learn.microsoft.com")


@given(url=st.from_regex(PLAIN_URL, fullmatch=True))
@example(url="https://a.example/x#y#z")
@example(url="https://a.example?q=(1)&r='2'")
@example(url="https://a--b.example/~user/@x:y")
def test_a_plain_url_is_what_the_full_checks_make_of_it(url: str) -> None:
    # The plain form skips parsing; the full path (checks, ASCII form, checks) must agree.
    assert resolve(url) == url
    assert checked(url) == url


@pytest.mark.parametrize(
    "url",
    [
        "https://A.example/x",  # an upper-case host
        "https://a.example:8080/x",  # a port
        "https://user@a.example/x",  # credentials
        "https://a.example/%41",  # an escape
        "https://a.example/[x]",  # a character outside the URL syntax
    ],
)
def test_what_is_not_plain_takes_the_full_checks(url: str) -> None:
    assert PLAIN_URL.fullmatch(url) is None
    assert resolve(url) == checked(url)
