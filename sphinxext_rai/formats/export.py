"""Writing an index back out: the structured schema (JSON, YAML) or upstream-style Markdown."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

import yaml

from ..core.model import Guidance, Index, Service
from ..core.names import split_family
from .structured import SCHEMA_VERSION

EXPORT_FORMATS = ("json", "yaml", "markdown")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|])")


def service_dict(service: Service, *, full: bool = False) -> dict[str, Any]:
    """A service in the structured schema, leaving out what is derived or empty; with
    *full*, family, aliases and description are always there (for reports, not files)."""
    data: dict[str, Any] = {"name": service.name, "slug": service.slug}
    if full or (service.family and service.family != split_family(service.name)[0]):
        data["family"] = service.family
    if full or service.category:
        data["category"] = service.category
    if full or service.aliases:
        data["aliases"] = list(service.aliases)
    if full or service.description:
        data["description"] = service.description
    if service.mode != "replace":
        data["mode"] = service.mode
    data["guidance"] = [guidance_dict(g) for g in service.guidance]
    return data


def guidance_dict(doc: Guidance) -> dict[str, str]:
    """A guidance document in the structured schema (no label where none was published)."""
    label = {"label": doc.label} if doc.label else {}
    return label | {"kind": doc.kind.value, "url": doc.url}


def to_dict(index: Index) -> dict[str, Any]:
    """The whole index in the structured schema."""
    origin = index.origin
    data: dict[str, Any] = {"schema": SCHEMA_VERSION}
    # Empty strings are left out: the reader refuses them.
    if origin.title:
        data["title"] = origin.title
    if origin.source:
        data["source"] = origin.source
    if origin.date:
        data["date"] = origin.date
    if origin.sha256:
        data["sha256"] = origin.sha256
    if origin.heading:
        data["heading"] = origin.heading
    data["services"] = [service_dict(s) for s in index.services]
    return data


def to_json(index: Index) -> str:
    """JSON in the structured schema, stable in order, ending with a newline."""
    return json.dumps(to_dict(index), indent=2, ensure_ascii=False) + "\n"


def to_yaml(index: Index) -> str:
    """YAML in the structured schema, stable in order."""
    return yaml.safe_dump(to_dict(index), sort_keys=False, allow_unicode=True, width=1000)


def to_markdown(index: Index) -> str:
    """Markdown in the upstream *service layout*: front matter, H1, an H2 per service (with
    its slug as anchor). Family, aliases and description have no place in it: a family
    that does not come first in the name, "Family - Leaf", is not written."""
    origin = index.origin
    title = origin.title or "Responsible AI guidance"
    lines = ["---", f"title: {json.dumps(title, ensure_ascii=False)}"]
    if origin.date:
        day = date.fromisoformat(origin.date)
        lines.append(f"ms.date: {day.month}/{day.day}/{day.year}")
    lines += ["---", "", f"# {_escape(origin.heading or title)}", ""]
    for service in index.services:
        # The anchor keeps the slug, and marks the section as a service whatever its labels.
        anchor = f'<a name="{service.slug}"></a>'
        lines += [f"## {anchor}{_escape(service.name)}", ""]
        lines += [f"* [{_escape(g.title)}]({_target(g.url)})" for g in service.guidance]
        lines.append("")
    return "\n".join(lines)


def render(index: Index, fmt: str) -> str:
    """The index in *fmt*, one of :data:`EXPORT_FORMATS`."""
    writers = {"json": to_json, "yaml": to_yaml, "markdown": to_markdown}
    return writers[fmt](index)


def _escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def _target(url: str) -> str:
    return f"<{url}>" if re.search(r"[()\s<>]", url) else url
