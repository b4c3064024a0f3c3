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
from collections.abc import Iterable, Iterator, Set
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from docutils.nodes import Element, inline, reference
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.domains import Domain, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.util.nodes import make_refnode

from ..core.coverage import (
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
from ..core.kinds import parse_kind
from ..core.model import Service, ServiceLookupError
from .diagnostics import Subtype, Where, warn, warn_lookup
from .i18n import kind_heading
from .state import BuildState, load_state

#: Bump when the shape of the domain data changes; Sphinx then re-reads every page.
DATA_VERSION = 2
#: The per-page records, each a dict keyed by page name.
_PAGE_RECORDS = ("queries", "shown", "mentions", "coverage_pages")


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
        "coverage_digest": "",
    }
    data_version = DATA_VERSION

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        self._state: BuildState | None = None
        self._targets: dict[tuple[str, str], Target] | None = None
        self._coverage: Coverage | None = None
        self._report: tuple[str, str] | None = None  # (project, report text)

    # The build -------------------------------------------------------------------------

    def begin_build(self, app: Sphinx) -> None:
        """Load the index for this build, and say if it is older than allowed."""
        self._state = load_state(app.config, Path(app.confdir))
        self._forget_derived()  # the index may have changed since they were computed
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

    def note_shown(self, docname: str, record: Shown) -> None:
        """Record that a directive on *docname* shows a service."""
        self.shown.setdefault(docname, []).append(record)
        self._forget_derived()

    def note_mention(self, docname: str, mention: Mention) -> None:
        """Record that a role on *docname* names a service."""
        self.mentions.setdefault(docname, []).append(mention)
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
        self._report = None

    # Lookups ---------------------------------------------------------------------------

    def lookup(self, docname: str, query: str) -> tuple[Service, ...] | ServiceLookupError:
        """Look *query* up for page *docname*, and record what it selected."""
        selected = self.state.lookup(query)
        self.queries.setdefault(docname, {})[query] = self.state.query_fingerprint(query)
        return selected

    def select(self, docname: str, query: str, location: Where) -> tuple[Service, ...]:
        """The services *query* selects for page *docname*, recorded; a typed warning and
        nothing when it selects none, and (with ``rai_warn_former_names``) a warning when it
        uses a former product name."""
        selected = self.lookup(docname, query)
        if isinstance(selected, ServiceLookupError):
            warn_lookup(selected, location)
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
            self._coverage = build_coverage(self.shown, self.mentions, self.state.index)
        return self._coverage

    def coverage_report(self, project: str) -> str:
        """The coverage report, ``rai.json``, as text (made once per change of the records:
        the coverage tables and the report file of a build share it)."""
        if self._report is None or self._report[0] != project:
            data = report(self.coverage(), self.state.index.provenance, project)
            text = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
            self._report = (project, text)
        return self._report[1]

    def stale_coverage_tables(self, project: str) -> list[str]:
        """Pages holding a coverage table, when coverage changed since they were written."""
        digest = hashlib.sha256(self.coverage_report(project).encode("utf-8")).hexdigest()
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
            for docname, mention in unshown_mentions(self.shown, self.mentions):
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
        for docname in sorted({*self.shown, *self.mentions}):
            for record in self.shown.get(docname, ()):
                if record.slug == slug:
                    return docname, record.line
            for mention in self.mentions.get(docname, ()):
                if mention.slug == slug:
                    return docname, mention.line
        return None

    # Cross-reference targets -----------------------------------------------------------

    def targets(self) -> dict[tuple[str, str], Target]:
        """(object type, name) -> where it is shown: the first page, in name order, that
        shows it with an id (pages are sorted so that ``-j N`` builds agree)."""
        if self._targets is None:
            found: dict[tuple[str, str], Target] = {}
            for docname in sorted(self.shown):
                for record in self.shown[docname]:
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
            name, _sep, kind_text = text.rpartition("/")
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
        nowhere (intersphinx may then find it in another project)."""
        found = self.find_target(typ, target)
        if not isinstance(found, Target):
            return None
        if typ == "guidance" and not node.get("refexplicit"):
            contnode = _inline(found.title, contnode)
        return make_refnode(
            builder, fromdocname, found.docname, found.anchor, contnode, found.title
        )

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
                link = make_refnode(
                    builder, fromdocname, found.docname, found.anchor, contnode, found.title
                )
                results.append((f"rai:{typ}", link))
        return results


def _inline(text: str, like: Element) -> Element:
    """An inline with *text*, carrying the classes of *like*."""
    return inline(text, text, classes=like["classes"])


def _document_title(record: Shown, key: str) -> str:
    kind = parse_kind(key.rpartition("/")[2])
    return f"{record.name}: {kind_heading(kind) if kind else key}"


def get_domain(env: BuildEnvironment) -> RaiDomain:
    """The ``rai`` domain of *env*."""
    domain = env.get_domain("rai")
    assert isinstance(domain, RaiDomain)
    return domain
