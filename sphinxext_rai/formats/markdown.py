"""Reader for the upstream Microsoft Learn Markdown page, in either of its layouts.

*Service layout*: each ``##`` heading is a service, each bullet a guidance document whose
label names its kind. *Category layout*: each ``##`` heading is a group, each bullet a
service whose label is its name and whose link is its transparency note. The layout is
detected per section from the bullet labels. An anchor in a heading
(``## <a name="face"></a>Visage``, as translated copies have) becomes the service's slug.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from ..core.kinds import Kind, infer_kind
from ..core.model import Guidance, Provenance, Service
from ..core.names import slugify
from ..core.problems import Location, Problem
from ..core.text import MAX_TEXT_CHARS
from ..core.urls import DEFAULT_BASE_URL, UnsafeURLError, resolve
from .common import ReadResult, build_service, clean_text, finish, iso_date, sha256, text_problem
from .yamlsafe import YamlError, load_yaml

Layout = Literal["auto", "service", "category"]

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
    """markdown-it's inline rule, for the headings and list items the reader looks at (the
    rest of a page is never read) and within the limits above."""
    tokens = state.tokens
    for i, token in enumerate(tokens):
        if token.type != "inline" or not (
            tokens[i - 1].type == "heading_open" or _in_list_item(tokens, i)
        ):
            continue
        content = token.content
        if len(content) <= MAX_INLINE_CHARS and content.count("[") <= MAX_INLINE_BRACKETS:
            token.children = []
            state.md.inline.parse(content, state.md, state.env, token.children)
        else:
            text = Token("text", "", 0)
            text.content = content
            token.children = [text]


_PARSER = _Parser("commonmark").use(front_matter_plugin)
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
    layout: Layout = "auto",
) -> ReadResult:
    """Read a Microsoft Learn style Markdown index page."""
    problems: list[Problem] = []
    tokens = _PARSER.parse(text)
    meta = _front_matter(tokens, source, problems)
    sections, h1 = _sections(tokens, source, problems)
    services: list[Service] = []
    for section in sections:
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
        chosen = layout if layout != "auto" else _detect_layout(section)
        if chosen == "service":
            services.append(_service_section(section, source, base_url, page_url, problems))
        else:
            services.extend(_category_section(section, source, base_url, page_url, problems))
    title = _title(meta.get("title") or h1 or "", source, problems)
    provenance = Provenance(
        source=page_url or source,
        title=title,
        date=_review_date(meta, source, problems),
        sha256=sha256(raw if raw is not None else text.encode("utf-8")),
    )
    return finish(services, provenance, problems, source)


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
    day = iso_date(text)
    if day is None:
        problems.append(
            Problem(
                f"ms.date {text!r} is not a date (M/D/YYYY or YYYY-MM-DD)",
                "schema",
                Location(source, 1),
            )
        )
    return day


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


def _sections(
    tokens: list[Token], source: str, problems: list[Problem]
) -> tuple[list[_Section], str | None]:
    """Group the top-level bullets under their ``##`` headings."""
    sections: list[_Section] = []
    h1: str | None = None
    depth = 0
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            title, anchor = _inline_text(tokens[i + 1])
            line = _line(token)
            if token.tag == "h1" and h1 is None:
                h1 = title
            elif token.tag == "h2":
                sections.append(_Section(clean_text(title), anchor, line, []))
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif token.type == "inline" and depth == 1 and sections and _in_list_item(tokens, i):
            bullet = _bullet(token, source, problems)
            if bullet is not None:
                sections[-1].bullets.append(bullet)
    return sections, h1


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
    """Service layout when most labels name a kind of document.

    A translated copy (its headings carry anchors) has labels in another language; there
    the links decide: documents of several kinds, few of them transparency notes, make a
    service. In the category layout nearly every link is a transparency note.
    """
    bullets = section.bullets
    named = sum(1 for b in bullets if infer_kind(b.label) is not Kind.OTHER)
    if named * 2 >= len(bullets):
        return "service"
    if section.anchor:
        url_kinds = [infer_kind("", b.target) for b in bullets]
        notes = url_kinds.count(Kind.TRANSPARENCY)
        if len(set(url_kinds) - {Kind.OTHER}) > 1 and notes * 2 < len(bullets):
            return "service"
    return "category"


def _service_section(
    section: _Section, source: str, base_url: str, page_url: str | None, problems: list[Problem]
) -> Service:
    guidance: list[Guidance] = []
    for bullet in section.bullets:
        doc = _guidance(bullet, bullet.label, None, source, base_url, page_url, problems)
        if doc is not None:
            guidance.append(doc)
    return build_service(
        section.title,
        guidance,
        slug=slugify(section.anchor) if section.anchor else None,
        location=Location(source, section.line),
    )


def _category_section(
    section: _Section, source: str, base_url: str, page_url: str | None, problems: list[Problem]
) -> list[Service]:
    services: list[Service] = []
    for bullet in section.bullets:
        doc = _guidance(
            bullet,
            Kind.TRANSPARENCY.heading,
            Kind.TRANSPARENCY,
            source,
            base_url,
            page_url,
            problems,
        )
        services.append(
            build_service(
                bullet.label,
                [doc] if doc is not None else [],
                family=section.title,
                location=Location(source, bullet.line),
            )
        )
    return services


def _guidance(
    bullet: _Bullet,
    label: str,
    default_kind: Kind | None,
    source: str,
    base_url: str,
    page_url: str | None,
    problems: list[Problem],
) -> Guidance | None:
    where = Location(source, bullet.line)
    invalid = text_problem(bullet.label, "link label", where)
    if invalid is not None:
        problems.append(invalid)
        return None
    try:
        url = resolve(bullet.target, base_url=base_url, page_url=page_url)
    except UnsafeURLError as err:
        problems.append(Problem(f"link {bullet.label!r} dropped: {err}", "url", where))
        return None
    if default_kind is not None:
        # Category layout: the label is a service name, so only the URL can say otherwise.
        # The document then gets the heading of that kind, not the service name, as label.
        found = infer_kind("", url)
        kind = default_kind if found is Kind.OTHER else found
        label = kind.heading
    else:
        kind = infer_kind(bullet.label, url)
    if kind is Kind.OTHER:
        problems.append(
            Problem(
                f"cannot tell the kind of document {bullet.label!r}; using 'other'", "label", where
            )
        )
    return Guidance(label=label, kind=kind, url=url)


def _line(token: Token) -> int:
    return token.map[0] + 1 if token.map else 1
