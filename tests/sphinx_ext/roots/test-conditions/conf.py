extensions = ["sphinxext_rai", "sphinx.ext.ifconfig"]
project = "rai-conditions"
exclude_patterns = ["_build"]
rai_required_kinds = ["transparency"]


def setup(app):
    app.add_config_value("show_internal", False, "env")
