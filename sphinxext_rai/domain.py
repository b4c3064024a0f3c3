"""Per-build state: the loaded index, and which page shows which services.

The index is loaded once per build (``builder-inited``) and kept on the domain object, which
is not pickled. What each page looked up is kept in the domain data, which is: for each page,
every query it made and a fingerprint of what the query selected. On the next build a page is
re-read only when one of its fingerprints changes, so editing one service in a user index
re-reads only the pages that show that service.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Set
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from docutils.nodes import Element, reference
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.config import Config
from sphinx.domains import Domain, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode
from sphinx.util.typing import RoleFunction

from .bundled import load_bundled
from .config import RaiConfig, read_config
from .coverage import Coverage, Mention, Shown, build_coverage, document_key
from .diagnostics import Subtype, warn, warn_problem
from .freshness import age_problems, build_date
from .i18n import kind_heading
from .index import Index, Provenance, Service, ServiceLookupError, merge
from .kinds import parse_kind
from .readers import read_path
from .xrefs import GuidanceXRefRole, SourceRole, Target, resolve_reference

#: Bump when the shape of the domain data changes; Sphinx then re-reads every page.
DATA_VERSION = 2


@dataclass
class BuildState:
    """What every directive and role of one build shares."""

    config: RaiConfig
    index: Index
    #: Service slug -> the provenance of every index file that defined or extended it.
    sources: dict[str, tuple[Provenance, ...]] = field(default_factory=dict)
    _service_digests: dict[str, str] = field(default_factory=dict)

    def sources_of(self, service: Service) -> tuple[Provenance, ...]:
        """Where *service*'s entry comes from, oldest contribution first."""
        return self.sources.get(service.slug, ())

    def lookup(self, query: str) -> tuple[Service, ...] | ServiceLookupError:
        """What *query* selects now: the services, or the error that says why none."""
        try:
            return self.index.select(query)
        except ServiceLookupError as err:
            return err

    def fingerprint(self, selected: tuple[Service, ...] | ServiceLookupError) -> str:
        """A digest of a lookup's result: the services and their content, or the error."""
        if isinstance(selected, ServiceLookupError):
            return "error:" + type(selected).__name__ + ":" + ",".join(selected.candidates)
        return ",".join(self._digest(s) for s in selected)

    def _digest(self, service: Service) -> str:
        digest = self._service_digests.get(service.slug)
        if digest is None:
            shown_sources = [(p.source, p.title, p.date) for p in self.sources_of(service)]
            content = repr((service, shown_sources)).encode("utf-8")
            digest = hashlib.sha256(content).hexdigest()[:16]
            self._service_digests[service.slug] = digest
        return f"{service.slug}={digest}"


class RaiDomain(Domain):
    """The ``rai`` domain: services and guidance documents as cross-reference targets, the
    per-page record of lookups, and what each page shows or mentions (for coverage)."""

    name = "rai"
    label = "Responsible AI guidance"
    object_types: ClassVar[dict[str, ObjType]] = {
        "service": ObjType("AI service", "service"),
        "guidance": ObjType("guidance document", "guidance"),
    }
    roles: ClassVar[dict[str, RoleFunction | XRefRole]] = {
        "service": GuidanceXRefRole(),
        "guidance": GuidanceXRefRole(),
        "source": SourceRole(),
        "reviewed": SourceRole(date_only=True),
    }
    initial_data: ClassVar[dict[str, Any]] = {
        "queries": {},
        "shown": {},
        "mentions": {},
        "coverage_pages": {},
        "coverage_digest": "",
    }
    data_version = DATA_VERSION

    state: BuildState | None = None

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

    def lookup(self, docname: str, query: str) -> tuple[Service, ...] | ServiceLookupError:
        """Look *query* up for page *docname*, and record what it selected."""
        state = self.build_state
        selected = state.lookup(query)
        self.queries.setdefault(docname, {})[query] = state.fingerprint(selected)
        return selected

    def note_shown(self, docname: str, record: Shown) -> None:
        """Record that a directive on *docname* shows a service."""
        self.shown.setdefault(docname, []).append(record)
        self.forget_derived()

    def note_mention(self, docname: str, mention: Mention) -> None:
        """Record that a role on *docname* names a service."""
        self.mentions.setdefault(docname, []).append(mention)
        self.forget_derived()

    def forget_derived(self) -> None:
        """Drop what is computed from the records (targets, coverage) after they change."""
        self._targets_cache = None
        self._coverage_cache = None

    @property
    def build_state(self) -> BuildState:
        """The state of this build, loaded on ``builder-inited``."""
        if self.state is None:
            raise RuntimeError("the rai index is used before the builder was initialised")
        return self.state

    def coverage(self) -> Coverage:
        """Which page cites which service, over the whole project (computed once per change
        of the records, not per page or event that asks)."""
        if self._coverage_cache is None:
            self._coverage_cache = build_coverage(self.shown, self.mentions, self.build_state.index)
        return self._coverage_cache

    def clear_doc(self, docname: str) -> None:
        self.queries.pop(docname, None)
        self.shown.pop(docname, None)
        self.mentions.pop(docname, None)
        self.coverage_pages.pop(docname, None)
        self.forget_derived()

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key in ("queries", "shown", "mentions", "coverage_pages"):
            ours, theirs = self.data[key], otherdata[key]
            for docname in docnames:
                if docname in theirs:
                    ours[docname] = theirs[docname]
        self.forget_derived()

    def outdated(self, already: Iterable[str]) -> list[str]:
        """Pages whose lookups would now select something different."""
        state = self.build_state
        skip = set(already)
        return sorted(
            docname
            for docname, queries in self.queries.items()
            if docname not in skip
            and any(state.fingerprint(state.lookup(q)) != digest for q, digest in queries.items())
        )

    # Cross-reference targets -------------------------------------------------------------

    _targets_cache: dict[tuple[str, str], Target] | None = None
    _coverage_cache: Coverage | None = None

    def targets(self) -> dict[tuple[str, str], Target]:
        """(object type, name) -> where it is shown: the first page, in name order, that
        shows it with an id (pages are sorted so that ``-j N`` builds agree)."""
        if self._targets_cache is None:
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
            self._targets_cache = found
        return self._targets_cache

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for (objtype, name), target in sorted(self.targets().items()):
            yield name, target.title, objtype, target.docname, target.anchor, 1

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
        return resolve_reference(self, builder, fromdocname, typ, target, node, contnode)

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
            service = self.build_state.index.find(name)
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


def _document_title(record: Shown, key: str) -> str:
    kind = parse_kind(key.rpartition("/")[2])
    return f"{record.name}: {kind_heading(kind) if kind else key}"


def get_domain(env: BuildEnvironment) -> RaiDomain:
    """The ``rai`` domain of *env*."""
    domain = env.get_domain("rai")
    assert isinstance(domain, RaiDomain)
    return domain


def load_state(sphinx_config: Config, confdir: Path) -> BuildState:
    """Read the bundled and configured index files once, reporting every problem found."""
    config = read_config(sphinx_config)
    indexes = [load_bundled()] if config.bundled_index else []
    for name in config.index:
        path = confdir / name
        result = read_path(
            path, base_url=config.base_url, page_url=config.page_url, display_path=str(path)
        )
        for problem in result.problems:
            warn_problem(problem)
        indexes.append(result.index)
    if not indexes:
        warn(
            "rai_bundled_index is False and rai_index is empty: no service can be found",
            Subtype.CONFIG,
            None,
        )
    merged = merge(indexes)
    for problem in merged.problems:
        warn_problem(problem)
    return BuildState(config, merged.index, merged.sources)


def on_builder_inited(app: Sphinx) -> None:
    """Load the index for this build, and say if it is older than allowed."""
    state = load_state(app.config, Path(app.confdir))
    domain = get_domain(app.env)
    domain.state = state
    domain.forget_derived()  # the index may have changed since they were computed
    if state.config.max_age_days is not None:
        for message in age_problems(
            state.index.provenance, state.config.max_age_days, build_date()
        ):
            warn(message, Subtype.STALE, None)


def on_env_get_outdated(
    app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
) -> list[str]:
    """Ask Sphinx to re-read the pages whose services changed in the index."""
    return get_domain(env).outdated(added | changed | removed)
