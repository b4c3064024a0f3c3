extensions = ["sphinxext_rai"]
rai_index = ["bad.yaml", "missing.yaml"]
exclude_patterns = ["_build"]
