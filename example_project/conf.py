"""Sphinx configuration of the sphinxext-rai documentation.

Build with ``sphinx-build -nW --keep-going -b html example_project example_project/_build/html``.
The HTML theme is read from the ``SPHINX_THEME`` environment variable (default: alabaster).
"""

from __future__ import annotations

import os

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.domains.std import GenericObject, StandardDomain

import sphinxext_rai

# -- Project -----------------------------------------------------------------

project = "sphinxext-rai"
author = "the sphinxext-rai project"
copyright = "2026, the sphinxext-rai project"
version = sphinxext_rai.__version__
release = version

# -- General -----------------------------------------------------------------

extensions = ["sphinxext_rai", "myst_parser"]
myst_enable_extensions = ["colon_fence"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "_data"]

# -- sphinxext-rai -----------------------------------------------------------

# An organisation's own services and documents, merged over the bundled index.
rai_index = ["_data/contoso.yaml"]

# -- HTML --------------------------------------------------------------------

html_theme = os.environ.get("SPHINX_THEME", "alabaster")
html_title = f"{project} {release}"

# -- Other builders ----------------------------------------------------------

# Print the address of every external link, guidance links included, in a footnote.
latex_show_urls = "footnote"
latex_documents = [
    (root_doc, "sphinxext-rai.tex", "sphinxext-rai documentation", author, "manual"),
]
man_pages = [
    (root_doc, "sphinxext-rai", "responsible-AI guidance in Sphinx documentation", [author], 7),
]
texinfo_documents = [
    (
        root_doc,
        "sphinxext-rai",
        "sphinxext-rai documentation",
        author,
        "sphinxext-rai",
        "Responsible-AI guidance of AI services in Sphinx documentation.",
        "Documentation tools",
    ),
]
epub_title = "sphinxext-rai documentation"
# sphinx-build keeps its doctrees in OUTPUT_DIR/.doctrees unless given -d; the EPUB builder
# then finds them in its output directory and warns that it cannot package them.
suppress_warnings = ["epub.unknown_project_files"]


# -- Sphinx before 7.4 -------------------------------------------------------


class ConfigValue(GenericObject):
    """``confval`` with its ``:type:`` and ``:default:`` fields, as Sphinx 7.4 defines it."""

    indextemplate = "pair: %s; configuration value"
    option_spec = {  # noqa: RUF012
        **GenericObject.option_spec,
        "type": directives.unchanged,
        "default": directives.unchanged,
    }

    def transform_content(self, content_node: nodes.Element) -> None:
        fields = nodes.field_list()
        for key, label in (("type", "Type"), ("default", "Default")):
            if key in self.options:
                text, _messages = self.state.inline_text(self.options[key], self.lineno)
                fields += nodes.field(
                    "",
                    nodes.field_name(label, label),
                    nodes.field_body("", nodes.paragraph("", "", *text)),
                )
        content_node.insert(0, fields)


def setup(app: Sphinx) -> None:
    """Sphinx 7.2 and 7.3 have no ``confval``: this documentation declares its own."""
    if "confval" not in StandardDomain.directives:
        app.add_object_type("confval", "confval", objname="configuration value")
        app.add_directive_to_domain("std", "confval", ConfigValue, override=True)
