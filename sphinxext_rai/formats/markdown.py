"""Reader for the upstream Microsoft Learn Markdown page, in either of its layouts.

*Service layout*: each ``##`` heading is a service, each bullet a guidance document whose
label names its kind. *Category layout*: each ``##`` heading is a category, each bullet a
service whose label is its name ("Azure AI Vision - Face": the family comes from the name)
and whose link is its transparency note. Each section is read by its own shape. An anchor in
a heading (``## <a name="face"></a>Visage``, as translated copies have) becomes the
service's slug. Page-relative links resolve against the page's URL: the one given, or where
Microsoft Learn publishes a recognised copy of the upstream page (:mod:`.learn`). A link the
reader does not read as a guidance document is reported, never dropped silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from ..core.dates import parse_date
from ..core.kinds import Kind, infer_kind
from ..core.model import Guidance, Provenance, Service
from ..core.names import slugify
from ..core.problems import Location, Problem
from ..core.text import MAX_TEXT_CHARS
from ..core.urls import DEFAULT_BASE_URL, PageRelativeError, UnsafeURLError, resolve
from . import learn
from .common import ReadResult, build_service, clean_text, finish, sha256, text_problem
from .yamlsafe import YamlError, load_yaml

Layout = Literal["service", "category"]

#: Sections that are never services.
_SKIPPED_SECTIONS = frozenset({"next steps", "see also", "related content", "additional resources"})
#: A bullet whose brackets are unbalanced: ``[Label]](target)``, ``[[Label](target)``. It
#: starts only at the first of several brackets and never backtracks (possessive
#: quantifiers), so a search takes time linear in the bullet's length.
_LOOSE_LINK = re.compile(
    r"(?<!\[)\[++\s*+((?:[^\[\]\s]|\s++(?=[^\[\]\s]))++)\s*+\]++\s*+\(\s*+([^()\s]++)\s*+\)"
)
#: Limits on the headings and bullets whose inline markup is parsed: markdown-it's time on
#: one grows with its length times its opening brackets, so a longer one, or one with more
#: brackets, is read as plain text (and reported as a bullet without a link, or too long).
MAX_INLINE_CHARS = 2 * MAX_TEXT_CHARS + 96
MAX_INLINE_BRACKETS = 4
_ANCHOR = re.compile(r"""<a\s+(?:name|id)\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)


class _Parser(MarkdownIt):
    """CommonMark that keeps every link target, so an unsafe one is reported as a 'url'
    problem by :func:`~sphinxext_rai.urls.resolve` rather than read as a malformed link."""

    def validateLink(self, url: str) -> bool:  # noqa: N802 (overrides markdown-it's name)
        return True


def _bounded_inline(state: StateCore) -> None:
    """markdown-it's inline rule, for what the reader looks at (headings, lists and tables;
    prose is never read) and within the limits above."""
    depth = 0
    tokens = state.tokens
    for i, token in enumerate(tokens):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif token.type == "inline" and (
            depth or tokens[i - 1].type in ("heading_open", "td_open", "th_open")
        ):
            content = token.content
            if len(content) <= MAX_INLINE_CHARS and content.count("[") <= MAX_INLINE_BRACKETS:
                token.children = []
                state.md.inline.parse(content, state.md, state.env, token.children)
            else:
                text = Token("text", "", 0)
                text.content = content
                token.children = [text]


_PARSER = _Parser("commonmark").enable("table").use(front_matter_plugin)
_PARSER.core.ruler.at("inline", _bounded_inline)


@dataclass
class _Bullet:
    label: str
    target: str
    line: int


@dataclass
class _Section:
    title: str
    anchor: str | None
    line: int
    bullets: list[_Bullet]


def read_markdown(
    text: str,
    *,
    source: str = "<string>",
    raw: bytes | None = None,
    base_url: str = DEFAULT_BASE_URL,
    page_url: str | None = None,
) -> ReadResult:
    """Read a Microsoft Learn style Markdown index page."""
    problems: list[Problem] = []
    tokens = _PARSER.parse(text)
    meta = _front_matter(tokens, source, problems)
    page = _sections(tokens, source, problems)
    where_page = page_url or learn.page_url(meta, page.h1, page.h1_anchor)
    context = _Context(source, base_url, where_page, problems)
    services: list[Service] = []
    layouts: dict[Layout, int] = {}
    for section in page.sections:
        where = Location(source, section.line)
        if section.title.casefold() in _SKIPPED_SECTIONS:
            continue
        invalid = text_problem(section.title, "section title", where)
        if invalid is not None:
            problems.append(invalid)
            continue
        if not section.bullets:
            problems.append(Problem(f"section {section.title!r} has no links", "schema", where))
            continue
        layout = _detect_layout(section)
        layouts.setdefault(layout, section.line)
        if layout == "service":
            services.append(_service_section(section, context))
        else:
            services.extend(_category_section(section, context))
    provenance = Provenance(
        source=where_page or source,
        title=_title(meta.get("title") or page.h1 or "", source, problems),
        date=_review_date(meta, source, problems),
        sha256=sha256(raw if raw is not None else text.encode("utf-8")),
        heading=page.h1 or "",
    )
    result = finish(services, provenance, problems, source)
    return replace(result, notes=_mixed_layouts(layouts, source))


def _mixed_layouts(first_lines: dict[Layout, int], source: str) -> tuple[Problem, ...]:
    """A note when the page has sections of both layouts (each is read by its own shape)."""
    if len(first_lines) < 2:
        return ()
    (one, line_one), (other, line_other) = sorted(first_lines.items(), key=lambda i: i[1])
    names = {"service": "a service", "category": "a category of services"}
    return (
        Problem(
            f"the page mixes layouts: the section at line {line_one} is read as {names[one]}, "
            f"the one at line {line_other} as {names[other]}; each section is read by its "
            "own shape",
            "schema",
            Location(source, line_other),
        ),
    )


def _title(text: str, source: str, problems: list[Problem]) -> str:
    """The page's title, or "" (reported) when it holds what no index string may hold."""
    invalid = text_problem(text, "page title", Location(source, 1)) if text else None
    if invalid is not None:
        problems.append(invalid)
        return ""
    return clean_text(text)


def _review_date(meta: dict[str, str], source: str, problems: list[Problem]) -> str | None:
    """The ``ms.date`` of the front matter in ISO form; a value that is no date is reported."""
    text = meta.get("ms.date")
    if not text:
        return None
    day = parse_date(text)
    if day is None:
        problems.append(
            Problem(
                f"ms.date {text!r} is not a date (M/D/YYYY or YYYY-MM-DD)",
                "schema",
                Location(source, 1),
            )
        )
        return None
    return day.isoformat()


def _front_matter(tokens: list[Token], source: str, problems: list[Problem]) -> dict[str, str]:
    token = next((t for t in tokens if t.type == "front_matter"), None)
    if token is None:
        return {}
    try:
        data = load_yaml(token.content, source, line_offset=1)
    except YamlError as err:
        problems.append(err.problem)
        return {}
    if not isinstance(data.value, dict):
        problems.append(Problem("front matter is not a mapping", "syntax", Location(source, 1)))
        return {}
    return {k: v for k, v in data.value.items() if isinstance(v, str)}


@dataclass
class _Page:
    h1: str | None
    h1_anchor: str | None
    sections: list[_Section]


def _sections(tokens: list[Token], source: str, problems: list[Problem]) -> _Page:
    """Group the top-level bullets under their ``##`` headings; report every other link in
    a list, a table or an HTML block."""
    page = _Page(None, None, [])
    depth = 0
    skipped = False
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            title, anchor = _inline_text(tokens[i + 1])
            line = _line(token)
            if token.tag == "h1" and page.h1 is None:
                page.h1, page.h1_anchor = clean_text(title), anchor
            elif token.tag == "h2":
                page.sections.append(_Section(clean_text(title), anchor, line, []))
                skipped = page.sections[-1].title.casefold() in _SKIPPED_SECTIONS
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif token.type == "inline" and depth == 1 and page.sections and _in_list_item(tokens, i):
            bullet = _bullet(token, source, problems)
            if bullet is not None:
                page.sections[-1].bullets.append(bullet)
            if not skipped:
                _unread(_links(token)[1:], "a second link in one bullet", token, source, problems)
        elif token.type == "inline" and not skipped and (depth or _in_table(tokens, i)):
            why = (
                "in a table"
                if not depth
                else "before the first ## heading"
                if not page.sections
                else "in a nested bullet"
                if depth > 1
                else "in a later paragraph of a bullet"
            )
            _unread(_links(token), why, token, source, problems)
        elif token.type == "html_block" and not skipped and _HTML_LINK.search(token.content):
            targets = [(m.group(1), "") for m in _HTML_LINK.finditer(token.content)]
            _unread(targets, "in HTML", token, source, problems)
    return page


_HTML_LINK = re.compile(r"""<a\s[^>]*href\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)


def _links(token: Token) -> list[tuple[str, str]]:
    """The targets and labels of the links in an inline token, in order."""
    found: list[tuple[str, str]] = []
    children = token.children or []
    for j, child in enumerate(children):
        if child.type == "link_open":
            label = next((c.content for c in children[j + 1 :] if c.type == "text"), "")
            found.append((str(child.attrs.get("href", "")), label))
    return found


def _unread(
    links: list[tuple[str, str]], why: str, token: Token, source: str, problems: list[Problem]
) -> None:
    for target, label in links:
        what = f"link {label!r} ({target})" if label else f"link {target}"
        problems.append(
            Problem(
                f"{what} {why} is not read; only the first link of a top-level bullet under "
                "a ## heading is a guidance document",
                "schema",
                Location(source, _line(token)),
            )
        )


def _in_table(tokens: list[Token], i: int) -> bool:
    return i >= 1 and tokens[i - 1].type in ("td_open", "th_open")


def _in_list_item(tokens: list[Token], i: int) -> bool:
    """True for the first paragraph of a list item (not a later paragraph in it)."""
    return (
        i >= 2 and tokens[i - 1].type == "paragraph_open" and tokens[i - 2].type == "list_item_open"
    )


def _bullet(token: Token, source: str, problems: list[Problem]) -> _Bullet | None:
    line = _line(token)
    children = token.children or []
    start = next((j for j, c in enumerate(children) if c.type == "link_open"), None)
    if start is not None:
        parts: list[str] = []
        for child in children[start + 1 :]:
            if child.type == "link_close":
                break
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
        target = str(children[start].attrs.get("href", ""))
        return _Bullet(clean_text("".join(parts)), target, line)
    loose = _LOOSE_LINK.search(token.content)
    if loose is not None:
        problems.append(
            Problem(
                f"malformed link {token.content.strip()!r}; read as label {loose.group(1)!r}",
                "syntax",
                Location(source, line),
            )
        )
        return _Bullet(clean_text(loose.group(1)), loose.group(2), line)
    problems.append(
        Problem(f"bullet has no link: {token.content.strip()!r}", "schema", Location(source, line))
    )
    return None


def _inline_text(token: Token) -> tuple[str, str | None]:
    """The plain text of a heading, and the name of an ``<a name=...>`` anchor inside it."""
    parts: list[str] = []
    anchor: str | None = None
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "html_inline" and anchor is None:
            match = _ANCHOR.search(child.content)
            anchor = match.group(1) if match else None
    return "".join(parts), anchor


def _detect_layout(section: _Section) -> Layout:
    """A section is a service when its labels name kinds of document, or its heading has an
    anchor (translated copies, whose labels are in another language; the category layout
    never has one); a category when most of its links are transparency notes, as every
    category-layout link is; otherwise a service when its links are of several kinds."""
    bullets = section.bullets
    named = sum(1 for b in bullets if infer_kind(b.label) is not Kind.OTHER)
    if section.anchor or named * 2 >= len(bullets):
        return "service"
    url_kinds = [infer_kind("", b.target) for b in bullets]
    if url_kinds.count(Kind.TRANSPARENCY) * 2 > len(bullets):
        return "category"
    return "service" if len(set(url_kinds) - {Kind.OTHER}) > 1 else "category"


@dataclass(frozen=True)
class _Context:
    """What resolving a section's links needs."""

    source: str
    base_url: str
    page_url: str | None
    problems: list[Problem]


def _service_section(section: _Section, context: _Context) -> Service:
    guidance: list[Guidance] = []
    for bullet in section.bullets:
        doc = _guidance(bullet, None, context)
        if doc is not None:
            guidance.append(doc)
    return build_service(
        section.title,
        guidance,
        slug=slugify(section.anchor) if section.anchor else None,
        aliases=_anchor_name(section.anchor),
        mode="update",
        location=Location(context.source, section.line),
    )


def _anchor_name(anchor: str | None) -> tuple[str, ...]:
    """The English heading a translated copy's anchor was made from, as an alias, so the
    service is the same product as in the English page: Learn makes ``computer-vision---ocr``
    from "Computer Vision - OCR" (spaces become hyphens)."""
    if not anchor or "---" not in anchor or not re.fullmatch(r"[a-z0-9]+(?:-+[a-z0-9]+)*", anchor):
        return ()  # without a family the slug made from the anchor says as much
    return (" - ".join(part.replace("-", " ") for part in anchor.split("---")),)


def _category_section(section: _Section, context: _Context) -> list[Service]:
    services: list[Service] = []
    for bullet in section.bullets:
        doc = _guidance(bullet, Kind.TRANSPARENCY, context)
        services.append(
            build_service(
                bullet.label,
                [doc] if doc is not None else [],
                category=section.title,
                mode="update",
                location=Location(context.source, bullet.line),
            )
        )
    return services


def _guidance(bullet: _Bullet, default_kind: Kind | None, context: _Context) -> Guidance | None:
    """The document a bullet links to. In the category layout (*default_kind* given) the
    label is the service's name, so the document has no label of its own and only the URL
    can tell another kind."""
    where = Location(context.source, bullet.line)
    invalid = text_problem(bullet.label, "link label", where)
    if invalid is not None:
        context.problems.append(invalid)
        return None
    try:
        url = resolve(bullet.target, base_url=context.base_url, page_url=context.page_url)
    except PageRelativeError as err:
        context.problems.append(
            Problem(
                f"link {bullet.label!r} dropped: {err}; set rai_page_url (or --page-url) to "
                "the URL the page is published at",
                "url",
                where,
            )
        )
        return None
    except UnsafeURLError as err:
        context.problems.append(Problem(f"link {bullet.label!r} dropped: {err}", "url", where))
        return None
    if default_kind is not None:
        found = infer_kind("", url)
        kind = default_kind if found is Kind.OTHER else found
        label = ""
    else:
        kind = infer_kind(bullet.label, url)
        label = bullet.label
    if kind is Kind.OTHER:
        context.problems.append(
            Problem(
                f"cannot tell the kind of document {bullet.label!r}; using 'other'", "label", where
            )
        )
    return Guidance(label=label, kind=kind, url=url)


def _line(token: Token) -> int:
    return token.map[0] + 1 if token.map else 1
