"""Build benchmarks for sphinxext-rai.

``python -m benchmarks`` generates synthetic Sphinx projects in a temporary directory, builds
them with the ``rai-guidance`` directive (variant A, cards; variant T, tables), with the same
cards written by hand in sphinx-design markup (variant B) and without the directive (variant C,
the cost floor), alternating the variants, and writes ``benchmarks/RESULTS.md``.
"""
