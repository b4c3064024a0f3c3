extensions = ["sphinxext_rai"]
project = "rai-remote"
copyright = "2026, the sphinxext-rai authors"
version = release = "1.0"
exclude_patterns = ["_build"]
# The tests append rai_index (the URL of their HTTPS server) and tls_cacerts here.
