"""Per-build state: the loaded index, and which page shows which services.

The index is loaded once per build (``builder-inited``) and kept on the domain object, which
is not pickled. What each page looked up is kept in the domain data, which is: for each page,
every query it made and a fingerprint of what the query selected. On the next build a page is
re-read only when one of its fingerprints changes, so editing one service in a user index
re-reads only the pages that show that service.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Set
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment

from .bundled import load_bundled
from .config import RaiConfig, read_config
from .diagnostics import Subtype, warn, warn_problem
from .index import Index, Service, ServiceLookupError, merge
from .readers import read_path

#: Bump when the shape of the domain data changes; Sphinx then re-reads every page.
DATA_VERSION = 1


@dataclass
class BuildState:
    """What every directive and role of one build shares."""

    config: RaiConfig
    index: Index
    _service_digests: dict[str, str] = field(default_factory=dict)

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
            digest = hashlib.sha256(repr(service).encode("utf-8")).hexdigest()[:16]
            self._service_digests[service.slug] = digest
        return f"{service.slug}={digest}"


class RaiDomain(Domain):
    """The ``rai`` domain: holds the build state and the per-page record of lookups."""

    name = "rai"
    label = "Responsible AI guidance"
    initial_data: ClassVar[dict[str, Any]] = {"queries": {}}
    data_version = DATA_VERSION

    state: BuildState | None = None

    @property
    def queries(self) -> dict[str, dict[str, str]]:
        """Page name -> {query: fingerprint} for every page that looked up a service."""
        result: dict[str, dict[str, str]] = self.data["queries"]
        return result

    def lookup(self, docname: str, query: str) -> tuple[Service, ...] | ServiceLookupError:
        """Look *query* up for page *docname*, and record what it selected."""
        state = self.build_state
        selected = state.lookup(query)
        self.queries.setdefault(docname, {})[query] = state.fingerprint(selected)
        return selected

    @property
    def build_state(self) -> BuildState:
        """The state of this build, loaded on ``builder-inited``."""
        if self.state is None:
            raise RuntimeError("the rai index is used before the builder was initialised")
        return self.state

    def clear_doc(self, docname: str) -> None:
        self.queries.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        other: dict[str, dict[str, str]] = otherdata["queries"]
        for docname in docnames:
            if docname in other:
                self.queries[docname] = other[docname]

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
    return BuildState(config, merged.index)


def on_builder_inited(app: Sphinx) -> None:
    """Load the index for this build."""
    get_domain(app.env).state = load_state(app.config, Path(app.confdir))


def on_env_get_outdated(
    app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
) -> list[str]:
    """Ask Sphinx to re-read the pages whose services changed in the index."""
    return get_domain(env).outdated(added | changed | removed)
