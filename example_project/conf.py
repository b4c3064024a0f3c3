"""Sphinx configuration of the sphinxext-rai documentation.

Build with ``sphinx-build -nW --keep-going -b html example_project example_project/_build/html``.
The HTML theme is read from the ``SPHINX_THEME`` environment variable (default: alabaster).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import sphinxext_rai

# This documentation's own directives (the generated settings and warning tables).
_EXTENSIONS = str(Path(__file__).resolve().parent / "_ext")
if _EXTENSIONS not in sys.path:
    sys.path.insert(0, _EXTENSIONS)

# -- Project -----------------------------------------------------------------

project = "sphinxext-rai"
author = "the sphinxext-rai project"
copyright = "2026, the sphinxext-rai project"
version = sphinxext_rai.__version__
release = version

# -- General -----------------------------------------------------------------

extensions = ["sphinxext_rai", "myst_parser", "rai_docs"]
myst_enable_extensions = ["colon_fence"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "_data", "_ext", "snippets"]

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
