"""Build benchmarks for sphinxext-rai.

``python -m benchmarks`` generates synthetic Sphinx projects in a temporary directory, builds
each in four variants (A: ``rai-guidance`` cards; B: the same cards by hand in sphinx-design
markup; C: no directive; E: a directive that does nothing), alternating them, and writes
``benchmarks/RESULTS.md``.
"""
