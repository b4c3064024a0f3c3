extensions = ["sphinxext_rai"]
project = "rai-i18n"
copyright = "2026, the sphinxext-rai authors"
version = release = "1.0"
exclude_patterns = ["_build"]
# `language` and `rai_locale` are set by each test (confoverrides).
