"""The ``rai`` domain: it owns what pages record (lookups, services shown, services named,
coverage tables), resolves cross-references to the services and documents shown, and checks
the project against its coverage policy, as Sphinx's citation domain does for citations.

The index of the build is loaded once (``builder-inited``, :meth:`RaiDomain.begin_build`) and
kept on the domain object, which is not pickled. The records are domain data, which is: for
each page, every query it made and a fingerprint of what the query selected. On the next
build a page is re-read only when one of its fingerprints changes, so editing one service in
a user index re-reads only the pages that show that service.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence, Set
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from docutils.nodes import Element, Node, document, inline, reference
from sphinx.addnodes import only, pending_xref
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.domains import Domain, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.ext.ifconfig import ifconfig
from sphinx.util.nodes import make_refnode

from ..core.coverage import (
    Conditions,
    Coverage,
    Mention,
    Shown,
    build_coverage,
    document_key,
    missing_kinds,
    report,
    unshown_mentions,
)
from ..core.dates import age_problems, build_date
from ..core.kinds import parse_kind, split_reference
from ..core.model import Service, ServiceLookupError
from .diagnostics import Subtype, Where, warn, warn_lookup
from .i18n import document_title
from .state import BuildState, load_state

#: Bump when the shape of the domain data changes; Sphinx then re-reads every page.
DATA_VERSION = 3
#: The per-page records, each a dict keyed by page name.
_PAGE_RECORDS = ("queries", "shown", "mentions", "coverage_pages", "references")
#: Attributes on the nodes that show services or name one (the records they stand for),
#: noted for the page once it is read: see :meth:`RaiDomain.collect`.
_SHOWN_MARK = "rai_records"
_MENTION_MARK = "rai_mention"
#: The cross-reference types whose resolution the domain answers for.
_REFERENCE_TYPES = frozenset({"service", "guidance", "any"})

R = TypeVar("R", Shown, Mention)


@dataclass(frozen=True, slots=True)
class Target:
    """Where a service or document is shown: page, element id, and a title for the link."""

    docname: str
    anchor: str
    title: str


class RaiDomain(Domain):
    """The ``rai`` domain: services and guidance documents as cross-reference targets, the
    per-page record of lookups, and what each page shows or mentions (for coverage). Its
    roles are registered by :func:`sphinxext_rai.sphinx_ext.setup`."""

    name = "rai"
    label = "Responsible AI guidance"
    object_types: ClassVar[dict[str, ObjType]] = {
        "service": ObjType("AI service", "service"),
        "guidance": ObjType("guidance document", "guidance"),
    }
    initial_data: ClassVar[dict[str, Any]] = {
        "queries": {},
        "shown": {},
        "mentions": {},
        "coverage_pages": {},
        "references": {},
        "coverage_digest": "",
    }
    data_version = DATA_VERSION

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        self._state: BuildState | None = None
        self._targets: dict[tuple[str, str], Target] | None = None
        self._coverage: Coverage | None = None
        self._visible: tuple[dict[str, list[Shown]], dict[str, list[Mention]]] | None = None
        self._output: OutputConditions | None = None
        self._report: tuple[str, dict[str, Any]] | None = None  # (project, report data)

    # The build -------------------------------------------------------------------------

    def begin_build(self, app: Sphinx) -> None:
        """Load the index for this build, and say if it is older than allowed."""
        self._state = load_state(app.config, Path(app.confdir), Path(app.doctreedir))
        self._output = OutputConditions(app)
        self._forget_derived()  # the index, or the builder, may have changed since
        if self._state.config.max_age_days is not None:
            for message in age_problems(
                self._state.index.provenance, self._state.config.max_age_days, build_date()
            ):
                warn(message, Subtype.STALE, None)

    @property
    def state(self) -> BuildState:
        """The state of this build, loaded by :meth:`begin_build`."""
        if self._state is None:
            raise RuntimeError("the rai index is used before the builder was initialised")
        return self._state

    @property
    def started(self) -> bool:
        """True once :meth:`begin_build` has loaded this build's index."""
        return self._state is not None

    # Records ---------------------------------------------------------------------------

    @property
    def queries(self) -> dict[str, dict[str, str]]:
        """Page name -> {query: fingerprint} for every page that looked up a service."""
        result: dict[str, dict[str, str]] = self.data["queries"]
        return result

    @property
    def shown(self) -> dict[str, list[Shown]]:
        """Page name -> the services its ``rai-guidance`` directives show, in page order."""
        result: dict[str, list[Shown]] = self.data["shown"]
        return result

    @property
    def mentions(self) -> dict[str, list[Mention]]:
        """Page name -> the services its ``rai`` roles name, in page order."""
        result: dict[str, list[Mention]] = self.data["mentions"]
        return result

    @property
    def coverage_pages(self) -> dict[str, bool]:
        """Pages holding a ``rai-coverage`` table (a dict, used as an ordered set)."""
        result: dict[str, bool] = self.data["coverage_pages"]
        return result

    @property
    def references(self) -> dict[str, dict[str, str]]:
        """Page name -> {``type:target`` of each rai cross-reference on it: where it led
        when the page was last written}."""
        result: dict[str, dict[str, str]] = self.data["references"]
        return result

    @staticmethod
    def note_shown(node: Element, records: Sequence[Shown]) -> None:
        """Mark *node* as the rendering that shows *records*: they are noted for its page
        when the page has been read (:meth:`collect`), if it is still part of it."""
        node[_SHOWN_MARK] = tuple(records)

    @staticmethod
    def note_mention(node: Element, mention: Mention) -> None:
        """Mark *node* as the role that names *mention*'s service (see :meth:`note_shown`)."""
        node[_MENTION_MARK] = mention

    def collect(self, docname: str, doctree: document) -> None:
        """Note what a page that has just been read shows and names, each under the ``only``
        and ``ifconfig`` conditions it stands in, and its rai cross-references."""
        for node in doctree.findall(Element):
            records: tuple[Shown, ...] | None = node.attributes.pop(_SHOWN_MARK, None)
            mention: Mention | None = node.attributes.pop(_MENTION_MARK, None)
            if records is not None:
                where = _conditions(node)
                self.shown.setdefault(docname, []).extend(
                    replace(r, conditions=where) for r in records
                )
            if mention is not None:
                mention = replace(mention, conditions=_conditions(node))
                self.mentions.setdefault(docname, []).append(mention)
            if isinstance(node, pending_xref) and _is_rai_reference(node):
                key = f"{node['reftype']}:{node['reftarget']}"
                self.references.setdefault(docname, {})[key] = ""
        self._forget_derived()

    def note_coverage_table(self, docname: str) -> None:
        """Record that *docname* holds a ``rai-coverage`` table."""
        self.coverage_pages[docname] = True

    def clear_doc(self, docname: str) -> None:
        for key in _PAGE_RECORDS:
            self.data[key].pop(docname, None)
        self._forget_derived()

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key in _PAGE_RECORDS:
            ours, theirs = self.data[key], otherdata[key]
            for docname in docnames:
                if docname in theirs:
                    ours[docname] = theirs[docname]
        self._forget_derived()

    def _forget_derived(self) -> None:
        """Drop what is computed from the records (targets, coverage) after they change."""
        self._targets = None
        self._coverage = None
        self._visible = None
        self._report = None

    def visible(self) -> tuple[dict[str, list[Shown]], dict[str, list[Mention]]]:
        """The records of what this build outputs: those whose ``only`` and ``ifconfig``
        conditions hold for its builder and configuration."""
        if self._visible is None:
            output = self._output
            if output is None:
                raise RuntimeError("the rai records are used before the builder was initialised")
            self._visible = (_holding(self.shown, output), _holding(self.mentions, output))
        return self._visible

    # Lookups ---------------------------------------------------------------------------

    def lookup(self, docname: str, query: str) -> tuple[Service, ...] | ServiceLookupError:
        """Look *query* up for page *docname*, and record what it selected."""
        selected = self.state.lookup(query)
        self.queries.setdefault(docname, {})[query] = self.state.query_fingerprint(query)
        return selected

    def select(
        self, docname: str, query: str, location: Where, hint: str = ""
    ) -> tuple[Service, ...]:
        """The services *query* selects for page *docname*, recorded; a typed warning (with
        *hint* at its end) and nothing when it selects none, and (with
        ``rai_warn_former_names``) a warning when it uses a former product name."""
        selected = self.lookup(docname, query)
        if isinstance(selected, ServiceLookupError):
            warn_lookup(selected, location, hint)
            return ()
        if self.state.config.warn_former_names:
            former = self.state.index.former_name(query)
            if former is not None:
                warn(str(former), Subtype.DEPRECATED_NAME, location)
        return selected

    def outdated(self, already: Iterable[str]) -> list[str]:
        """Pages whose lookups would now select something different."""
        state = self.state
        skip = set(already)
        return sorted(
            docname
            for docname, queries in self.queries.items()
            if docname not in skip
            and any(state.query_fingerprint(q) != digest for q, digest in queries.items())
        )

    # Coverage --------------------------------------------------------------------------

    def coverage(self) -> Coverage:
        """Which page cites which service, over the whole project (computed once per change
        of the records, not per page or event that asks)."""
        if self._coverage is None:
            shown, mentions = self.visible()
            self._coverage = build_coverage(shown, mentions, self.state.index)
        return self._coverage

    def coverage_report(self, project: str) -> str:
        """The coverage report, ``rai.json``, as text, with what each remote index entry
        gave this build (URL, status, times fetched and confirmed, SHA-256)."""
        data = {**self._report_data(project)}
        data["remote"] = [result.record() for result in self.state.remote]
        return _dumps(data)

    def _report_data(self, project: str) -> dict[str, Any]:
        """The coverage report without the remote entries (made once per change of the
        records: the coverage tables and the report file of a build share it)."""
        if self._report is None or self._report[0] != project:
            self._report = (project, report(self.coverage(), self.state.index.provenance, project))
        return self._report[1]

    def stale_references(self) -> list[str]:
        """Pages whose rai cross-references now lead elsewhere (or nowhere) than when the
        pages were last written, for instance after a service was renamed or deleted in an
        index; each such page is written again. Pages read in this build are among them."""
        stale: list[str] = []
        for docname, references in sorted(self.references.items()):
            now = {key: self._resolution(key) for key in references}
            if now != references:
                self.references[docname] = now
                stale.append(docname)
        return stale

    def _resolution(self, key: str) -> str:
        """Where a cross-reference ``type:target`` leads, as a string that changes with it."""
        typ, _sep, target = key.partition(":")
        types = ("service", "guidance") if typ == "any" else (typ,)
        return " | ".join(_leads_to(self.find_target(t, target)) for t in types)

    def stale_coverage_tables(self, project: str) -> list[str]:
        """Pages holding a coverage table, when coverage changed since they were written
        (a remote index fetched again with the same content changes nothing)."""
        data = self._report_data(project)
        digest = hashlib.sha256(_dumps(data).encode("utf-8")).hexdigest()
        if digest == self.data["coverage_digest"]:
            return []
        self.data["coverage_digest"] = digest
        return sorted(self.coverage_pages)

    def check_consistency(self) -> None:
        """Report where the project falls short of its coverage policy."""
        if not self.started:
            return
        config = self.state.config
        if config.required_kinds:
            for missing in missing_kinds(self.coverage(), config.required_kinds):
                where = self._first_citation(missing.service.slug)
                warn(missing.message, Subtype.COVERAGE, where)
        if config.check_mentions:
            for docname, mention in unshown_mentions(*self.visible()):
                service = self.state.index.get(mention.slug)
                warn(
                    f"{service.name if service else mention.slug} is named with the rai role "
                    "but this page shows none of its guidance (rai_check_mentions); add a "
                    "rai-guidance directive",
                    Subtype.COVERAGE,
                    (docname, mention.line),
                )

    def _first_citation(self, slug: str) -> tuple[str, int | None] | None:
        """The first page (in name order) that shows or mentions *slug*, and the line."""
        shown, mentions = self.visible()
        for docname in sorted({*shown, *mentions}):
            for record in shown.get(docname, ()):
                if record.slug == slug:
                    return docname, record.line
            for mention in mentions.get(docname, ()):
                if mention.slug == slug:
                    return docname, mention.line
        return None

    # Cross-reference targets -----------------------------------------------------------

    def targets(self) -> dict[tuple[str, str], Target]:
        """(object type, name) -> where it is shown: the first page, in name order, that
        shows it with an id (pages are sorted so that ``-j N`` builds agree)."""
        if self._targets is None:
            found: dict[tuple[str, str], Target] = {}
            shown = self.visible()[0]
            for docname in sorted(shown):
                for record in shown[docname]:
                    if not record.target:
                        continue
                    found.setdefault(
                        ("service", record.slug), Target(docname, record.target, record.name)
                    )
                    for key, node_id in record.documents:
                        found.setdefault(
                            ("guidance", key),
                            Target(docname, node_id, _document_title(record, key)),
                        )
            self._targets = found
        return self._targets

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for (objtype, name), target in sorted(self.targets().items()):
            yield name, target.title, objtype, target.docname, target.anchor, 1

    def referenced(self, typ: str, text: str) -> tuple[str, Service] | ServiceLookupError | None:
        """What a ``rai:service`` / ``rai:guidance`` reference names: the object name (a
        slug, or ``slug/kind``) and the service; or the lookup error; or None when a guidance
        reference is not ``SERVICE/KIND``."""
        name, kind = text, None
        if typ == "guidance":
            name, kind_text = split_reference(text)
            kind = parse_kind(kind_text)
            if not name or kind is None:
                return None
        try:
            service = self.state.index.find(name)
        except ServiceLookupError as err:
            return err
        return (service.slug if kind is None else document_key(service.slug, kind)), service

    def find_target(self, typ: str, text: str) -> Target | Service | ServiceLookupError | None:
        """Where a reference points: the target; or the service when it is shown nowhere;
        or what :meth:`referenced` says when the reference names nothing."""
        found = self.referenced(typ, text)
        if not isinstance(found, tuple):
            return found
        key, service = found
        return self.targets().get((typ, key), service)

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> reference | None:
        """The link to where the project shows a service or document; None when it shows it
        nowhere (intersphinx may then find it in another project). Without link text it
        shows the target's title, as a link through intersphinx does."""
        found = self.find_target(typ, target)
        if not isinstance(found, Target):
            return None
        return _link(builder, fromdocname, found, node, contnode)

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> list[tuple[str, reference]]:
        results: list[tuple[str, reference]] = []
        for typ in ("service", "guidance"):
            found = self.find_target(typ, target)
            if isinstance(found, Target):
                results.append((f"rai:{typ}", _link(builder, fromdocname, found, node, contnode)))
        return results


class OutputConditions:
    """Whether the ``only`` and ``ifconfig`` conditions of a part of a page hold in this
    build, evaluated as Sphinx (``only``, against the tags) and ``sphinx.ext.ifconfig``
    (against the configuration and the builder's name) do when they write the page."""

    def __init__(self, app: Sphinx) -> None:
        self._tags = app.tags
        self._namespace: dict[str, Any] = {value.name: value.value for value in app.config}
        self._namespace.update(app.config.__dict__)
        self._namespace["builder"] = app.builder.name
        self._known: dict[Conditions, bool] = {}

    def hold(self, conditions: Conditions) -> bool:
        """True when every condition holds (or there is none)."""
        if conditions not in self._known:
            self._known[conditions] = all(self._holds(*c) for c in conditions)
        return self._known[conditions]

    def _holds(self, kind: str, expression: str) -> bool:
        try:
            if kind == "only":
                return bool(self._tags.eval_condition(expression))
            return bool(eval(expression, dict(self._namespace)))  # as sphinx.ext.ifconfig does
        except Exception:
            # Sphinx keeps an ``only`` it cannot evaluate; ifconfig drops its content.
            return kind == "only"


def _leads_to(found: Target | Service | ServiceLookupError | None) -> str:
    """What :meth:`RaiDomain.find_target` found, as it shows in a written page: the target
    and the link's title, or what the warning for a reference without a target names."""
    if isinstance(found, Target):
        return f"{found.docname}#{found.anchor} {found.title}"
    if isinstance(found, Service):
        return f"shown nowhere: {found.name}"
    if isinstance(found, ServiceLookupError):
        return f"no service: {found}"
    return "not SERVICE/KIND"


def _is_rai_reference(node: pending_xref) -> bool:
    """A ``rai:service`` or ``rai:guidance`` reference, or an ``any`` one (which may find a
    rai object)."""
    return node.get("refdomain") in ("rai", "") and node.get("reftype") in _REFERENCE_TYPES


def _conditions(node: Node) -> Conditions:
    """The ``only`` and ``ifconfig`` expressions *node* stands under, outermost first."""
    found: list[tuple[str, str]] = []
    parent = node.parent
    while parent is not None:
        if isinstance(parent, only):
            found.append(("only", parent["expr"]))
        elif isinstance(parent, ifconfig):
            found.append(("ifconfig", parent["expr"]))
        parent = parent.parent
    return tuple(reversed(found))


def _holding(records: Mapping[str, list[R]], output: OutputConditions) -> dict[str, list[R]]:
    """The records whose conditions hold, by page; pages left with none are left out."""
    kept = {d: [r for r in rs if output.hold(r.conditions)] for d, rs in records.items()}
    return {d: rs for d, rs in kept.items() if rs}


def _dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _link(
    builder: Builder, fromdocname: str, found: Target, node: pending_xref, contnode: Element
) -> reference:
    """A link to *found*; its text is the target's title unless the author gave one."""
    if not node.get("refexplicit"):
        contnode = inline(found.title, found.title, classes=contnode["classes"])
    return make_refnode(builder, fromdocname, found.docname, found.anchor, contnode, found.title)


def _document_title(record: Shown, key: str) -> str:
    """The title of a shown document: its service and the heading of its kind."""
    kind = parse_kind(split_reference(key)[1])
    return document_title(record.name, kind) if kind else f"{record.name}: {key}"


def get_domain(env: BuildEnvironment) -> RaiDomain:
    """The ``rai`` domain of *env*."""
    domain = env.get_domain("rai")
    assert isinstance(domain, RaiDomain)
    return domain
