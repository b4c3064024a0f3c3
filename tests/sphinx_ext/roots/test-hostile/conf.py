extensions = ["sphinxext_rai", "myst_parser"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
rai_index = ["hostile.json"]
project = "hostile"
copyright = "2026, the sphinxext-rai authors"
version = release = "1.0"
exclude_patterns = ["_build"]
suppress_warnings = ["rai.url"]
