"""The handlers of Sphinx events; each hands the work to the domain of the build."""

from __future__ import annotations

from collections.abc import Set
from pathlib import Path

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment

from ..core.kinds import Kind
from ..core.model import Service, ServiceLookupError
from .blocks import writes_strings
from .compat import copy_file
from .diagnostics import Subtype, warn, warn_lookup
from .domain import get_domain

STATIC_DIR = Path(__file__).with_name("static")


def on_builder_inited(app: Sphinx) -> None:
    """Load the index for this build; put the stylesheet into HTML output."""
    domain = get_domain(app.env)
    domain.begin_build(app)
    blocks = domain.state.blocks
    blocks.post_transforms = list(app.registry.get_post_transforms())
    blocks.strings = writes_strings(app.builder)
    if app.builder.format == "html":
        # Copied here rather than listed in html_static_path, which Sphinx would see as a
        # changed configuration (and rewrite every page) on each incremental build.
        static = Path(app.outdir) / "_static"
        static.mkdir(parents=True, exist_ok=True)
        # Overwrite: a stylesheet from an older version of the extension may be there.
        copy_file(STATIC_DIR / "rai.css", static / "rai.css")


def on_env_get_outdated(
    app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
) -> list[str]:
    """Ask Sphinx to re-read the pages whose services changed in the index."""
    return get_domain(env).outdated(added | changed | removed)


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    """Note what the page just read shows, names and refers to."""
    get_domain(app.env).collect(app.env.docname, doctree)


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages to write again though not read again: those holding a coverage table, when
    coverage changed since they were written, and those whose rai cross-references now lead
    elsewhere."""
    domain = get_domain(env)
    stale = {*domain.stale_coverage_tables(app.config.project), *domain.stale_references()}
    return sorted(stale)


def on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    """Write the coverage report into the output directory."""
    domain = get_domain(app.env)
    if exception is not None or not domain.started or not domain.state.config.coverage_file:
        return
    name = domain.state.config.coverage_file
    path = Path(app.outdir) / name
    if path.is_symlink() or (path.exists() and not path.is_file()):
        warn(
            f"rai_coverage_file: {name!r} in the output directory is not a regular file; "
            "the coverage report is not written",
            Subtype.CONFIG,
            None,
        )
        return
    data = domain.coverage_report(app.config.project).encode("utf-8")
    if not path.is_file() or path.read_bytes() != data:
        path.write_bytes(data)


def canonical_target(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: nodes.TextElement
) -> None:
    """Before intersphinx looks a ``rai`` reference up in other projects' inventories, put
    the service's slug in place of the name the author wrote ("Face" ->
    "azure-ai-vision-face"): inventories list services by slug."""
    if node.get("refdomain") != "rai" or node.get("reftype") not in ("service", "guidance"):
        return
    found = get_domain(env).referenced(node["reftype"], node["reftarget"])
    if isinstance(found, tuple):
        node.setdefault("rai_written", node["reftarget"])
        node["reftarget"] = found[0]


def on_warn_missing_reference(app: Sphinx, domain: Domain, node: pending_xref) -> bool | None:
    """Say, as a typed ``rai`` warning, why a ``rai`` reference found no target."""
    if domain.name != "rai":
        return None
    typ, target = node["reftype"], node["reftarget"]
    found = get_domain(app.env).find_target(typ, target)
    target = node.get("rai_written", target)
    if isinstance(found, ServiceLookupError):
        warn_lookup(found, node)
    elif found is None:
        known = ", ".join(k.value for k in Kind)
        warn(
            f"rai:guidance reference {target!r} must be SERVICE/KIND, such as "
            f"'Face/privacy'; kinds: {known}",
            Subtype.REFERENCE,
            node,
        )
    else:
        name = found.name if isinstance(found, Service) else target
        shown = name if typ == "service" else f"this document of {name}"
        warn(
            f"rai:{typ} reference {target!r}: no rai-guidance directive in the project (or "
            f"in an intersphinx inventory) shows {shown}; show it, or link to the published "
            "document with the rai role",
            Subtype.REFERENCE,
            node,
        )
    return True
