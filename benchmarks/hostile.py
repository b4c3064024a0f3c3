"""``python -m benchmarks.hostile``: CPU seconds to read hostile index files, median of runs.

The inputs are the shapes that once took quadratic time or memory: Markdown full of ``[``
(the loose-link expression), and a large YAML file whose syntax error is on its last line
(located once by a second, pure-Python parse of the whole file).
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from functools import partial

from sphinxext_rai.formats import read_text

RUNS = 5
MEGABYTE = 1_000_000


def hostile_inputs() -> dict[str, tuple[str, str]]:
    """Name -> (format, text) of each hostile input."""
    brackets = "[" * 200_000
    words = "lorem ipsum " * (11 * MEGABYTE // 12)
    return {
        "Markdown, 200 KB of '['": ("markdown", brackets),
        "Markdown, a 200 KB bullet of '['": ("markdown", "## Face\n\n* " + brackets),
        "Markdown, 4000 bullets of 54 '['": (
            "markdown",
            "## Face\n\n" + ("* " + "[" * 54 + "\n") * 4000,
        ),
        "YAML, 11 MB, syntax error on the last line": (
            "yaml",
            f"services:\n  - name: Face\n    description: '{words}'\n  - name: [broken\n",
        ),
    }


def cpu_seconds(read: Callable[[], object]) -> float:
    """CPU seconds one call of *read* takes."""
    start = time.process_time()
    read()
    return time.process_time() - start


def main() -> int:
    """Read each input :data:`RUNS` times and print the median CPU seconds and its size."""
    for name, (fmt, text) in hostile_inputs().items():
        read = partial(read_text, text, fmt, source="hostile")
        runs = [cpu_seconds(read) for _ in range(RUNS)]
        size = len(text.encode("utf-8")) / MEGABYTE
        print(f"{name}: {size:.2f} MB, median {statistics.median(runs):.3f} s CPU of {RUNS} runs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
