extensions = ["sphinxext_rai"]
project = "rai-roles"
exclude_patterns = ["_build"]
# A service whose unique leaf name, "Research", is also the name of a kind.
rai_index = ["research.yaml"]
