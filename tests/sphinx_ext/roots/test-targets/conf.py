extensions = ["sphinxext_rai"]
project = "rai-targets"
copyright = "2026, the sphinxext-rai authors"
version = release = "1.0"
exclude_patterns = ["_build"]
