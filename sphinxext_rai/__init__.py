"""sphinxext-rai: responsible-AI guidance for AI services, inline in Sphinx documentation.

Add ``"sphinxext_rai"`` to ``extensions`` in ``conf.py`` and write
``.. rai-guidance:: Face``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:  # the command line imports the package without Sphinx
    from sphinx.application import Sphinx

__all__ = ["__version__", "setup"]

STATIC_DIR = Path(__file__).with_name("static")
#: Bump when the doctree or domain data shape changes, so Sphinx re-reads every page.
ENV_VERSION = 3


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directive, role, domain, configuration and event handlers."""
    from . import config, domain, i18n, reporting, xrefs
    from .accessibility import (
        ScreenReaderText,
        depart_hidden_caption,
        hidden_caption,
        visit_hidden_caption,
    )
    from .directives import RaiCoverage, RaiGuidance, RaiRole
    from .transforms import CardsAsLists, FillCoverageTables, ShowUrls, TablesAsLists

    app.setup_extension("sphinx_design")
    i18n.register(app)
    config.declare(app)
    app.add_domain(domain.RaiDomain)
    app.add_directive("rai-guidance", RaiGuidance)
    app.add_directive("rai-coverage", RaiCoverage)
    app.add_role("rai", RaiRole())
    app.add_post_transform(FillCoverageTables)
    app.add_post_transform(TablesAsLists)
    app.add_post_transform(CardsAsLists)
    app.add_post_transform(ShowUrls)
    app.add_post_transform(ScreenReaderText)
    app.add_node(hidden_caption, html=(visit_hidden_caption, depart_hidden_caption))
    app.connect("builder-inited", domain.on_builder_inited)
    app.add_css_file("rai.css")
    app.connect("builder-inited", _copy_static_files)
    app.connect("env-get-outdated", domain.on_env_get_outdated)
    app.connect("env-updated", reporting.on_env_updated)
    app.connect("env-check-consistency", reporting.on_check_consistency)
    app.connect("build-finished", reporting.on_build_finished)
    # Before intersphinx (priority 500), which may find the target in another project.
    app.connect("missing-reference", xrefs.canonical_target, priority=400)
    app.connect("warn-missing-reference", xrefs.on_warn_missing_reference)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


def _copy_static_files(app: Sphinx) -> None:
    """Put the stylesheet into HTML output before pages are written. (Appending to
    ``html_static_path`` instead would make Sphinx see a changed configuration, and rewrite
    every page, on each incremental build.)"""
    from sphinx.util.fileutil import copy_asset_file

    if app.builder.format == "html":
        static = Path(app.outdir) / "_static"
        static.mkdir(parents=True, exist_ok=True)
        # Overwrite: a stylesheet from an older version of the extension may be there.
        copy_asset_file(STATIC_DIR / "rai.css", static / "rai.css", force=True)
