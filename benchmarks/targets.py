"""The performance targets, checked against the measurements: met, missed or not measured.

Targets are reported, never asserted: a missed target does not fail the benchmark.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .figures import cpu, median_ratio, peak, wall
from .incremental import EditResult, RepeatResult
from .indexload import LoadTiming
from .matrix import CellResults
from .project import Variant

DASH = "\u2013"
AB_LIMIT = 0.9
AC_LIMIT = 1.05
AC_SIZE = (1000, 3)
BUNDLED_LIMIT_MS = 10.0
LARGE_LIMIT_MS = 1000.0
MEMORY_LIMIT = 1.10


@dataclass(frozen=True)
class Target:
    """One target and how the measurements compare with it."""

    name: str
    goal: str
    figure: str
    met: bool | None

    @property
    def verdict(self) -> str:
        """``met``, ``missed`` or ``not measured``."""
        if self.met is None:
            return "not measured"
        return "met" if self.met else "missed"


def _worst(cells: Sequence[CellResults], top: Variant, bottom: Variant) -> list[tuple[float, str]]:
    """(wall ratio, cell label) for every cell with both variants, worst first."""
    found = []
    for cell in cells:
        value = median_ratio(cell, top, bottom, wall)
        if value is not None:
            found.append((value, cell.config.label))
    return sorted(found, reverse=True)


def ab_target(cells: Sequence[CellResults]) -> Target:
    """A/B <= 0.9 on every cold build."""
    ratios = _worst(cells, "A", "B")
    cpus = [r for c in cells if (r := median_ratio(c, "A", "B", cpu)) is not None]
    if not ratios:
        return Target("A/B, cold builds", f"<= {AB_LIMIT}", "-", None)
    (worst, where), (best, best_where) = ratios[0], ratios[-1]
    met_count = sum(1 for value, _ in ratios if value <= AB_LIMIT)
    figure = (
        f"wall: worst {worst:.2f} ({where}), best {best:.2f} ({best_where}); "
        f"{met_count} of {len(ratios)} cells within; CPU: worst {max(cpus):.2f}"
    )
    return Target("A/B, cold builds", f"<= {AB_LIMIT}", figure, worst <= AB_LIMIT)


def ac_target(cells: Sequence[CellResults]) -> Target:
    """A/C <= 1.05 at 1000 pages x 3 directives."""
    pages, directives = AC_SIZE
    chosen = [
        c for c in cells if (c.config.spec.pages, c.config.spec.directives) == (pages, directives)
    ]
    ratios = _worst(chosen, "A", "C")
    name = f"A/C, cold, {pages} pages x {directives} directives"
    if not ratios:
        return Target(name, f"<= {AC_LIMIT}", "-", None)
    figure = "; ".join(f"{value:.2f} ({label})" for value, label in ratios)
    return Target(name, f"<= {AC_LIMIT}", f"wall: {figure}", ratios[0][0] <= AC_LIMIT)


def memory_target(cells: Sequence[CellResults]) -> Target:
    """Peak memory of A within 10% of C, on every cold build."""
    found = sorted(
        ((r, c.config.label) for c in cells if (r := median_ratio(c, "A", "C", peak)) is not None),
        reverse=True,
    )
    if not found:
        return Target("peak memory A/C, cold builds", f"<= {MEMORY_LIMIT}", "-", None)
    (worst, where), (best, _) = found[0], found[-1]
    figure = f"worst {worst:.2f} ({where}), best {best:.2f}"
    return Target(
        "peak memory A/C, cold builds", f"<= {MEMORY_LIMIT}", figure, worst <= MEMORY_LIMIT
    )


def load_targets(timings: Sequence[LoadTiming]) -> list[Target]:
    """The bundled index under 10 ms; each generated index under 1 s (read and merge)."""
    targets = []
    for timing in timings:
        if timing.name.startswith("bundled"):
            value = timing.read_ms.median
            targets.append(
                Target(
                    "bundled index, read_path",
                    f"< {BUNDLED_LIMIT_MS:.0f} ms",
                    f"{timing.read_ms.show(1)} ms",
                    value < BUNDLED_LIMIT_MS,
                )
            )
        else:
            value = timing.total_ms
            targets.append(
                Target(
                    f"{timing.name} index, read_path + merge",
                    f"< {LARGE_LIMIT_MS / 1000:.0f} s",
                    f"{value / 1000:.2f} s (read {timing.read_ms.median / 1000:.2f} s, "
                    f"merge {timing.merge_ms.median / 1000:.2f} s)",
                    value < LARGE_LIMIT_MS,
                )
            )
    return targets


def edit_target(edits: Sequence[EditResult]) -> Target:
    """Editing one service re-reads exactly the pages that show it."""
    if not edits:
        return Target("user-index edit re-reads only its pages", "exact", "-", None)
    figure = "; ".join(
        f"{'/'.join(map(str, e.reread_counts))} re-read, {len(e.expected)} show it, of "
        f"{e.config.spec.pages + 1} pages ({e.config.label})"
        for e in edits
    )
    return Target(
        "user-index edit re-reads only its pages",
        "exactly the pages showing the service",
        figure,
        all(e.exact for e in edits),
    )


def pickle_target(repeats: Sequence[RepeatResult]) -> Target:
    """The pickled environment does not grow over repeated incremental -j 2 builds."""
    if not repeats:
        return Target("environment pickle over incremental builds", "no growth", "-", None)
    figure = "; ".join(
        f"{r.sizes[1]} B after the first, {r.sizes[-1]} B after the last of "
        f"{len(r.rebuilds)} builds (range {min(r.sizes[1:])}{DASH}{max(r.sizes[1:])} B); "
        f"rai domain data {_span(r.rai_bytes[1:])} B ({r.config.label})"
        for r in repeats
    )
    return Target(
        "environment pickle over incremental builds",
        "no growth",
        figure,
        not any(r.grows for r in repeats),
    )


def _span(values: Sequence[int]) -> str:
    low, high = min(values), max(values)
    return str(low) if low == high else f"{low}{DASH}{high}"


def evaluate(
    cells: Sequence[CellResults],
    timings: Sequence[LoadTiming],
    edits: Sequence[EditResult],
    repeats: Sequence[RepeatResult],
) -> list[Target]:
    """Every target, in the order of the brief."""
    return [
        ab_target(cells),
        ac_target(cells),
        *load_targets(timings),
        edit_target(edits),
        pickle_target(repeats),
        memory_target(cells),
    ]
