"""A comparison of two indexes written out: a readable changelog, or JSON."""

from __future__ import annotations

import json
from typing import Any

from ..core.diff import DocumentChange, IndexDiff, IndexSummary, Renamed, ServiceRef
from ..core.model import Guidance
from ..core.names import slugify
from ..formats.export import guidance_dict, service_dict
from .plural import count

REPORT_FORMATS = ("text", "json")
_MARKS = {"added": "+", "removed": "-", "changed": "~"}


def render(diff: IndexDiff, fmt: str, *, old_name: str, new_name: str) -> str:
    """The comparison in *fmt* (one of :data:`REPORT_FORMATS`); the sides are called
    *old_name* and *new_name*, as given on the command line."""
    if fmt == "json":
        return to_json(diff, old_name=old_name, new_name=new_name)
    return to_text(diff, old_name=old_name, new_name=new_name)


# --- text ----------------------------------------------------------------------------------


def to_text(diff: IndexDiff, *, old_name: str, new_name: str) -> str:
    """A changelog: the two sides, then services renamed, added (with their documents) and
    removed, then the document changes of each service, then a summary line."""
    lines = [
        f"--- {old_name} ({_describe(diff.old, old_name)})",
        f"+++ {new_name} ({_describe(diff.new, new_name)})",
    ]
    if not diff.differs:
        lines += ["", "No differences."]
        return "\n".join(lines) + "\n"
    if diff.renamed:
        lines += ["", f"Services renamed ({len(diff.renamed)}):"]
        lines += [f"  ~ {_renamed(r)}" for r in diff.renamed]
    if diff.added:
        lines += ["", f"Services added ({len(diff.added)}):"]
        for service in diff.added:
            lines += [f"  + {service.name}"]
            lines += [f"      {_document(g)}" for g in service.guidance]
    if diff.removed:
        lines += ["", f"Services removed ({len(diff.removed)}):"]
        lines += [f"  - {s.name} ({count(len(s.guidance), 'document')})" for s in diff.removed]
    if diff.changed:
        lines += ["", f"Services changed ({len(diff.changed)}):"]
        lines += [
            f"  ~ {c.service.name}: {c.field} {c.old or '(none)'!r} -> {c.new or '(none)'!r}"
            for c in diff.changed
        ]
    if diff.documents:
        groups: dict[ServiceRef, list[DocumentChange]] = {}
        for change in diff.documents:
            groups.setdefault(change.service, []).append(change)
        lines += ["", f"Documents changed in {count(len(groups), 'service')}:"]
        for ref, changes in groups.items():
            lines += [f"  {ref.name}"]
            for change in changes:
                lines += [f"    {line}" for line in _change(change)]
    lines += ["", diff.summary()]
    return "\n".join(lines) + "\n"


def _describe(side: IndexSummary, name: str) -> str:
    parts = [repr(side.title)] if side.title else []
    if side.date:
        parts.append(side.date)
    parts += [count(side.services, "service"), count(side.documents, "document")]
    text = ", ".join(parts)
    return f"{text}; source {side.source}" if side.source and side.source != name else text


def _renamed(renamed: Renamed) -> str:
    """``Old -> New [matched by alias]``; the slugs too, unless they follow the names."""
    old, new = renamed.old, renamed.new
    text = f"{old.name} -> {new.name}" if old.name != new.name else new.name
    derived = old.slug == slugify(old.name) and new.slug == slugify(new.name)
    if old.slug != new.slug and (old.name == new.name or not derived):
        text += f" (slug {old.slug} -> {new.slug})"
    return f"{text} [matched by {renamed.matched_by}]"


def _document(doc: Guidance) -> str:
    return f"{doc.kind.value}: {doc.title} <{doc.url}>"


def _change(change: DocumentChange) -> list[str]:
    mark = _MARKS[change.change]
    if change.old is None or change.new is None:
        doc = change.new or change.old
        assert doc is not None
        return [f"{mark} {_document(doc)}"]
    lines = [f"{mark} {change.kind.value}: {change.new.title}"]
    if "label" in change.fields:
        lines.append(f"    label was: {change.old.label}")
    if "url" in change.fields:
        lines += [f"    URL was: <{change.old.url}>", f"    URL now: <{change.new.url}>"]
    return lines


# --- JSON ----------------------------------------------------------------------------------


def to_dict(diff: IndexDiff, *, old_name: str, new_name: str) -> dict[str, Any]:
    """The comparison as plain data, every key always present."""
    return {
        "old": _side(diff.old, old_name),
        "new": _side(diff.new, new_name),
        "differs": diff.differs,
        "summary": {
            "services_added": len(diff.added),
            "services_removed": len(diff.removed),
            "services_renamed": len(diff.renamed),
            "services_changed": len(diff.changed),
            "documents_added": diff.count("added"),
            "documents_removed": diff.count("removed"),
            "documents_changed": diff.count("changed"),
        },
        "services": {
            "added": [service_dict(s, full=True) for s in diff.added],
            "removed": [service_dict(s, full=True) for s in diff.removed],
            "renamed": [
                {"old": _ref(r.old), "new": _ref(r.new), "matched_by": r.matched_by}
                for r in diff.renamed
            ],
            "changed": [
                {"service": _ref(c.service), "field": c.field, "old": c.old, "new": c.new}
                for c in diff.changed
            ],
        },
        "documents": [
            {
                "service": _ref(c.service),
                "kind": c.kind.value,
                "change": c.change,
                "fields": list(c.fields),
                "old": _guidance(c.old),
                "new": _guidance(c.new),
            }
            for c in diff.documents
        ],
    }


def to_json(diff: IndexDiff, *, old_name: str, new_name: str) -> str:
    """The comparison as indented JSON, ending with a newline."""
    data = to_dict(diff, old_name=old_name, new_name=new_name)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _side(side: IndexSummary, name: str) -> dict[str, Any]:
    return {
        "file": name,
        "source": side.source,
        "title": side.title,
        "date": side.date,
        "sha256": side.sha256,
        "services": side.services,
        "documents": side.documents,
    }


def _ref(ref: ServiceRef) -> dict[str, str]:
    return {"name": ref.name, "slug": ref.slug}


def _guidance(doc: Guidance | None) -> dict[str, str] | None:
    return None if doc is None else guidance_dict(doc)
