"""Medians, ratios and the Markdown of ``RESULTS.md`` and of the printed summary."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from .measure import Cost
from .project import VARIANTS, Spec, Variant

DASH = "\u2013"
Metric = Literal["wall", "cpu", "peak_mib"]
#: The figures of a build, with the digits they are shown with.
METRICS: tuple[tuple[Metric, int], ...] = (("wall", 2), ("cpu", 2), ("peak_mib", 0))


@dataclass(frozen=True)
class Cell:
    """One project shape built with one ``-j``, every variant in each round."""

    spec: Spec
    jobs: int
    builds: dict[Variant, list[Cost]] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """A short name such as ``1000 pages x 3 x 1 service, -j1``."""
        return f"{self.spec.label}, -j{self.jobs}"

    def values(self, variant: Variant, metric: Metric) -> list[float]:
        """*metric* of each build of *variant*."""
        return [float(getattr(cost, metric)) for cost in self.builds[variant]]

    def median(self, variant: Variant, metric: Metric) -> float:
        """The median of *metric* over the builds of *variant*."""
        return statistics.median(self.values(variant, metric))

    def ratio(self, top: Variant, bottom: Variant, metric: Metric) -> float:
        """median(top) / median(bottom)."""
        return self.median(top, metric) / self.median(bottom, metric)

    def over_floor(self, metric: Metric) -> float:
        """(A - E) / C: what the extension costs beyond any directive, against no directive."""
        return (self.median("A", metric) - self.median("E", metric)) / self.median("C", metric)

    def ms_per_directive(self, metric: Metric) -> float:
        """(median A - median C) per directive, in milliseconds."""
        extra = self.median("A", metric) - self.median("C", metric)
        return extra / self.spec.directive_count * 1000


@dataclass(frozen=True)
class Results:
    """Everything one run measured, and where."""

    heading: list[str]
    rounds: int
    cells: list[Cell]
    index_services: int
    loads: dict[str, list[dict[str, float]]]


def table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(" --- " for _ in headers) + "|"]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows]) + "\n"


def spread(values: Sequence[float], digits: int) -> str:
    """``median (min-max)`` of *values*."""
    low, high = min(values), max(values)
    return f"{statistics.median(values):.{digits}f} ({low:.{digits}f}{DASH}{high:.{digits}f})"


def builds_table(cells: Sequence[Cell]) -> str:
    """Every variant's medians (min-max) per cell."""
    rows = [
        [cell.label, variant, *(spread(cell.values(variant, m), d) for m, d in METRICS)]
        for cell in cells
        for variant in VARIANTS
    ]
    return table(["project", "variant", "wall s", "CPU s", "peak RSS MiB"], rows)


def ratios_table(cells: Sequence[Cell]) -> str:
    """The median CPU time of each variant, and the ratios of medians, per cell."""
    rows = [
        [
            cell.label,
            " / ".join(f"{cell.median(v, 'cpu'):.2f}" for v in VARIANTS),
            f"{cell.ratio('A', 'C', 'cpu'):.2f}",
            f"{cell.ratio('E', 'C', 'cpu'):.2f}",
            f"{cell.over_floor('cpu'):.2f}",
            f"{cell.ratio('A', 'B', 'cpu'):.2f}",
            f"{cell.ratio('A', 'C', 'wall'):.2f}",
            f"{cell.over_floor('wall'):.2f}",
            f"{cell.ms_per_directive('cpu'):.2f} / {cell.ms_per_directive('wall'):.2f}",
            f"{cell.ratio('A', 'C', 'peak_mib'):.2f}",
        ]
        for cell in cells
    ]
    headers = ["project", f"CPU s {'/'.join(VARIANTS)}", "A/C CPU", "E/C CPU", "(A-E)/C CPU"]
    headers += ["A/B CPU", "A/C wall", "(A-E)/C wall", "ms/directive CPU / wall"]
    return table([*headers, "A/C memory"], rows)


def loads_table(results: Results) -> str:
    """Index loading, per format: CPU seconds to read, to merge and both; wall for both."""
    rows = [
        [
            f"{results.index_services} services, {fmt}",
            spread([run["read cpu"] for run in runs], 3),
            spread([run["total cpu"] - run["read cpu"] for run in runs], 3),
            *(spread([run[part] for run in runs], 3) for part in ("total cpu", "total wall")),
        ]
        for fmt, runs in results.loads.items()
    ]
    return table(["index", "read CPU s", "merge CPU s", "read + merge CPU s", "wall s"], rows)


def summary(results: Results) -> str:
    """The printed summary: the ratios and the index loading."""
    return ratios_table(results.cells) + "\n" + loads_table(results)


METHOD = """\
## Method

Synthetic projects in reStructuredText (`benchmarks/project.py`): a root page with a toctree
and N pages, each with a title, an introduction and D sections; the directive of each section
names S bundled services, taken in turn through the bundled index (one service renders a card
per document under the service's name; several render a card per service). All variants share
one `conf.py`, which loads `sphinxext_rai` and a small local extension of the generated
project (`_ext/rai_floor.py`), so they differ only in what each section holds:

{variants}

Each build is `python -m sphinx -q -b html -j J` in a fresh process from empty output and
doctree directories; a build that warns stops the run. In each round every variant of every
project is built once, the order of the variants turning by one each round, so a slow spell of
the shared machine falls on all of them; the figures are medians over the rounds, with
(min{dash}max). Wall time is elapsed time; CPU time is user + system time of the build and the
`-j` workers it waited for, and peak memory the largest resident set of one process of the
build (its main process, or one worker under `-j 2`), both from the kernel's accounting of the
finished child (`os.wait4`). Ratios are ratios of medians.

How to read them: **A/C** is what the guidance costs against the same pages without it;
**E/C** is what any directive costs, the floor no implementation goes under; **(A-E)/C** is
the extension's own share, as a fraction of the page-only build; **A/B** compares the
directive with the same cards written by hand; **ms/directive** is (A - C) / (N x D). Under
`-j 2` CPU adds up both processes, so wall time is the figure that matters there, but wall
time includes waiting for a core when others use the machine (see the load averages above):
on a busy machine compare CPU times.

Index loading: a generated structured index (three documents per service) written as JSON and
as YAML, each read with `read_path` and merged over the bundled index (`merge`) in a fresh
process per run, the formats alternating; CPU time (`time.process_time`) and wall time taken
in the child around those two calls, after its imports and the bundled index are loaded. On a
busy machine wall time includes waiting for a core: read the CPU columns.
"""


def render(results: Results) -> str:
    """The whole ``RESULTS.md``."""
    variants = "\n".join(f"- **{key}**: {text}" for key, text in VARIANTS.items())
    return "\n".join(
        [
            "# Benchmark results\n",
            *results.heading,
            "",
            "## Ratios of medians\n",
            ratios_table(results.cells),
            "## Index loading\n",
            loads_table(results),
            METHOD.format(variants=variants, dash=DASH),
            f"## Cold builds ({results.rounds} rounds)\n",
            builds_table(results.cells),
        ]
    )
