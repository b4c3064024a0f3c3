"""The Sphinx integration: the only layer that imports Sphinx or docutils."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from .._version import __version__
from . import config, events, i18n
from .accessibility import ScreenReaderText
from .blocks import ExpandGuidance, caption
from .directives import RaiCoverage, RaiGuidance, title_labels
from .domain import RaiDomain
from .html_writer import depart_guidance_data, visit_guidance_data
from .nodes import (
    depart_hidden_caption,
    guidance_data,
    hidden_caption,
    url_line,
    visit_hidden_caption,
    visit_url_line,
)
from .roles import GuidanceXRefRole, RaiRole, SourceRole
from .transforms import (
    CardsAsLists,
    FillCoverageTables,
    LatexLabels,
    ShowUrls,
    ShowUrlsInManPages,
    TablesAsLists,
    TexinfoAnchors,
)

#: Bump when the doctree or domain data shape changes, so Sphinx re-reads every page.
ENV_VERSION = 4


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directives, roles, domain, configuration and event handlers."""
    app.setup_extension("sphinx_design")
    i18n.register(app)
    config.declare(app)
    app.add_domain(RaiDomain)
    app.add_role_to_domain("rai", "service", GuidanceXRefRole())
    app.add_role_to_domain("rai", "guidance", GuidanceXRefRole())
    app.add_role_to_domain("rai", "source", SourceRole())
    app.add_role_to_domain("rai", "reviewed", SourceRole(date_only=True))
    app.add_directive("rai-guidance", RaiGuidance)
    app.add_directive("rai-coverage", RaiCoverage)
    app.add_role("rai", RaiRole())
    app.add_post_transform(ExpandGuidance)
    app.add_post_transform(FillCoverageTables)
    app.add_post_transform(TablesAsLists)
    app.add_post_transform(CardsAsLists)
    app.add_post_transform(ShowUrls)
    app.add_post_transform(ShowUrlsInManPages)
    app.add_post_transform(LatexLabels)
    app.add_post_transform(TexinfoAnchors)
    app.add_post_transform(ScreenReaderText)
    app.add_node(hidden_caption, html=(visit_hidden_caption, depart_hidden_caption))
    app.add_node(url_line, text=(visit_url_line, None))
    # A table block is numbered as a table (and its automatic id given) as the table was.
    app.add_enumerable_node(
        guidance_data, "table", caption, html=(visit_guidance_data, depart_guidance_data)
    )
    app.add_css_file("rai.css")
    app.connect("builder-inited", events.on_builder_inited)
    app.connect("doctree-read", title_labels)
    app.connect("env-get-outdated", events.on_env_get_outdated)
    app.connect("doctree-read", events.on_doctree_read)
    app.connect("env-updated", events.on_env_updated)
    app.connect("build-finished", events.on_build_finished)
    # Before intersphinx (priority 500), which may find the target in another project.
    app.connect("missing-reference", events.canonical_target, priority=400)
    app.connect("warn-missing-reference", events.on_warn_missing_reference)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
