extensions = ["sphinxext_rai"]
rai_index = ["data/contoso.yaml"]
exclude_patterns = ["_build"]
