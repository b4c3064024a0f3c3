"""Figures derived from the measurements: medians per variant, ratios, cost per directive."""

from __future__ import annotations

from collections.abc import Callable

from .build import BuildResult
from .matrix import CellResults, Scenario
from .project import Variant
from .stats import Summary, ratio

Metric = Callable[[BuildResult], float]


def wall(build: BuildResult) -> float:
    """Elapsed seconds."""
    return build.wall


def cpu(build: BuildResult) -> float:
    """CPU seconds, worker processes included."""
    return build.cpu


def peak(build: BuildResult) -> float:
    """Peak summed RSS in bytes."""
    return float(build.peak_rss)


def summary(
    cell: CellResults, variant: Variant, metric: Metric, scenario: Scenario = "cold"
) -> Summary | None:
    """The summary of *metric* over the builds of *variant*, or None when not measured."""
    builds = cell.get(variant, scenario)
    return Summary.of(metric(b) for b in builds) if builds else None


def median_ratio(
    cell: CellResults, top: Variant, bottom: Variant, metric: Metric, scenario: Scenario = "cold"
) -> float | None:
    """median(top) / median(bottom), or None when either was not measured."""
    upper = summary(cell, top, metric, scenario)
    lower = summary(cell, bottom, metric, scenario)
    if upper is None or lower is None:
        return None
    return ratio(upper.median, lower.median)


def ms_per_directive(cell: CellResults, metric: Metric, variant: Variant = "A") -> float | None:
    """(median *variant* - median C) / directives, in milliseconds."""
    upper = summary(cell, variant, metric)
    floor = summary(cell, "C", metric)
    if upper is None or floor is None:
        return None
    return (upper.median - floor.median) / cell.config.spec.directive_count * 1000


def pages_per_second(cell: CellResults, variant: Variant) -> float | None:
    """Pages (the root page included) per second of median wall time, cold."""
    elapsed = summary(cell, variant, wall)
    if elapsed is None:
        return None
    return ratio(cell.config.spec.pages + 1, elapsed.median)
