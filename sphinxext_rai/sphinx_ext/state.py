"""What one build shares: the configuration, the merged index and where each service comes
from; read once, when the builder starts, never per page."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from sphinx.config import Config

from ..core.merge import merge
from ..core.model import Index, Provenance, Service, ServiceLookupError
from ..formats import read_path
from ..formats.bundled import load_bundled
from ..formats.remote import RemoteResult, RemoteSource
from .cache import BlockCache
from .config import RaiConfig, read_config
from .diagnostics import Subtype, note_problem, warn, warn_problem
from .remote import load_remote_entry


@dataclass
class BuildState:
    """The index of this build, and fingerprints of what a lookup selects."""

    config: RaiConfig
    index: Index
    #: Service slug -> the provenance of every index file that defined or extended it.
    sources: dict[str, tuple[Provenance, ...]] = field(default_factory=dict)
    #: What each remote entry of ``rai_index`` gave this build, in order.
    remote: tuple[RemoteResult, ...] = ()
    #: What this build renders once and reuses (see :mod:`~sphinxext_rai.sphinx_ext.cache`).
    blocks: BlockCache = field(default_factory=BlockCache)
    _service_digests: dict[str, str] = field(default_factory=dict)
    _lookups: dict[str, tuple[Service, ...] | ServiceLookupError] = field(default_factory=dict)
    _query_digests: dict[str, str] = field(default_factory=dict)

    def sources_of(self, service: Service) -> tuple[Provenance, ...]:
        """Where *service*'s entry comes from, oldest contribution first."""
        return self.sources.get(service.slug, ())

    def lookup(self, query: str) -> tuple[Service, ...] | ServiceLookupError:
        """What *query* selects now: the services, or the error that says why none (looked
        up once per build)."""
        found = self._lookups.get(query)
        if found is None:
            try:
                found = self.index.select(query)
            except ServiceLookupError as err:
                found = err
            self._lookups[query] = found
        return found

    def query_fingerprint(self, query: str) -> str:
        """The fingerprint of what *query* selects now (worked out once per build)."""
        digest = self._query_digests.get(query)
        if digest is None:
            digest = self._query_digests[query] = self.fingerprint(self.lookup(query))
        return digest

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


def load_state(sphinx_config: Config, confdir: Path, doctreedir: Path) -> BuildState:
    """Read the bundled and configured index files once, fetching remote ones through the
    cache in *doctreedir*, and report every problem found."""
    config = read_config(sphinx_config)
    indexes = [load_bundled()] if config.bundled_index else []
    remote: list[RemoteResult] = []
    for entry in config.index:
        if isinstance(entry, RemoteSource):
            fetched = load_remote_entry(entry, config, sphinx_config, confdir, doctreedir)
            remote.append(fetched)
            read = fetched.read
            problems = read.problems if read is not None else ()
            notes = read.notes if read is not None else ()
            index = fetched.index
        else:
            path = confdir / entry
            result = read_path(
                path, base_url=config.base_url, page_url=config.page_url, display_path=str(path)
            )
            problems, notes = result.problems, result.notes
            index = _named_in_project(result.index, str(path), _project_name(path, confdir))
        for problem in problems:
            warn_problem(problem)
        for note in notes:
            note_problem(note)
        indexes.append(index)
    if not indexes:
        warn(
            "rai_bundled_index is False and rai_index is empty: no service can be found",
            Subtype.CONFIG,
            None,
        )
    merged = merge(indexes)
    for problem in merged.problems:
        warn_problem(problem)
    for note in merged.notes:
        note_problem(note)
    return BuildState(config, merged.index, merged.sources, tuple(remote))


def _project_name(path: Path, confdir: Path) -> str:
    """How an index file is named in what the build writes: relative to the directory of
    ``conf.py`` (the same wherever the project is), or as configured when outside it."""
    normal = Path(os.path.normpath(path))
    try:
        return normal.relative_to(os.path.normpath(confdir)).as_posix()
    except ValueError:
        return normal.as_posix()


def _named_in_project(index: Index, read_as: str, name: str) -> Index:
    """*index* with a source that is the file it was read from (it states no other) named
    by :func:`_project_name` rather than by the path it was read at."""
    provenance = tuple(
        replace(p, source=name) if p.source == read_as else p for p in index.provenance
    )
    return replace(index, provenance=provenance)
