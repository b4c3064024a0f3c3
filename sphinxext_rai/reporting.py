"""Project-wide results once every page is read: the coverage policy warnings, ``rai.json``,
and the pages with a ``rai-coverage`` table, rewritten whenever coverage changes."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .coverage import Coverage, missing_kinds, report, unshown_mentions
from .diagnostics import Subtype, warn
from .domain import RaiDomain, get_domain


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages holding a coverage table, when coverage changed since they were written."""
    domain = get_domain(env)
    digest = hashlib.sha256(_report_text(app, domain).encode("utf-8")).hexdigest()
    if digest == domain.data["coverage_digest"]:
        return []
    domain.data["coverage_digest"] = digest
    return sorted(domain.coverage_pages)


def on_check_consistency(app: Sphinx, env: BuildEnvironment) -> None:
    """Report where the project falls short of its coverage policy."""
    domain = get_domain(env)
    config = domain.build_state.config
    if config.required_kinds:
        coverage = domain.coverage()
        for missing in missing_kinds(coverage, config.required_kinds):
            warn(missing.message, Subtype.COVERAGE, _first_citation(domain, missing.service.slug))
    if config.check_mentions:
        for docname, mention in unshown_mentions(domain.shown, domain.mentions):
            name = domain.build_state.index.get(mention.slug)
            warn(
                f"{name.name if name else mention.slug} is named with the rai role but this page "
                "shows none of its guidance (rai_check_mentions); add a rai-guidance directive",
                Subtype.COVERAGE,
                (docname, mention.line),
            )


def on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    """Write the coverage report into the output directory."""
    domain = get_domain(app.env)
    if exception is not None or domain.state is None or not domain.state.config.coverage_file:
        return
    path = Path(app.outdir) / domain.state.config.coverage_file
    text = _report_text(app, domain)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def _report_text(app: Sphinx, domain: RaiDomain) -> str:
    coverage: Coverage = domain.coverage()
    data = report(coverage, domain.build_state.index.provenance, app.config.project)
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _first_citation(domain: RaiDomain, slug: str) -> tuple[str, int | None] | None:
    """The first page (in name order) that shows or mentions *slug*, and the line."""
    for docname in sorted({*domain.shown, *domain.mentions}):
        for record in domain.shown.get(docname, ()):
            if record.slug == slug:
                return docname, record.line
        for mention in domain.mentions.get(docname, ()):
            if mention.slug == slug:
                return docname, mention.line
    return None
