"""The build matrix: cold, no-change and one-page builds of every variant, alternating.

Within a cell the variants are built in turn (A, T, B, C, A, T, B, C, ...), so slow spells of
a shared machine fall on every variant alike. Each turn is a cold build from an empty output
directory, then (where the cell asks for it) a rebuild with nothing changed and a rebuild with
one page touched.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .build import BuildResult, clean, run_build
from .plan import MatrixConfig
from .project import Project, Variant, touch, write_project

Scenario = Literal["cold", "nochange", "touch"]
SCENARIOS: tuple[Scenario, ...] = ("cold", "nochange", "touch")
#: The page touched in the one-page scenario: one with a directive and a user-index model.
TOUCHED_PAGE = 0


@dataclass
class CellResults:
    """Every build of one matrix cell, by variant and scenario."""

    config: MatrixConfig
    builds: dict[tuple[Variant, Scenario], list[BuildResult]] = field(default_factory=dict)

    def add(self, variant: Variant, scenario: Scenario, result: BuildResult) -> None:
        """Record one build."""
        self.builds.setdefault((variant, scenario), []).append(result)

    def get(self, variant: Variant, scenario: Scenario) -> list[BuildResult]:
        """The builds of *variant* in *scenario* (empty when not measured)."""
        return self.builds.get((variant, scenario), [])


def run_cell(config: MatrixConfig, workdir: Path, progress: Callable[[str], None]) -> CellResults:
    """Generate the cell's projects under *workdir* and build them, alternating variants."""
    slug = f"{config.spec.fmt}-{config.spec.pages}x{config.spec.directives}"
    projects = {v: write_project(workdir / slug / v, config.spec, v) for v in config.variants}
    results = CellResults(config)
    for rep in range(config.reps):
        for variant, project in projects.items():
            progress(f"{config.label} {variant} run {rep + 1}/{config.reps}")
            for scenario, result in _turn(project, config).items():
                results.add(variant, scenario, result)
    return results


def _turn(project: Project, config: MatrixConfig) -> dict[Scenario, BuildResult]:
    """One variant's turn: a cold build, then the incremental scenarios if asked."""
    clean(project)
    results: dict[Scenario, BuildResult] = {"cold": run_build(project, config.jobs)}
    if config.incremental:
        results["nochange"] = run_build(project, config.jobs)
        touch(project.page(TOUCHED_PAGE))
        results["touch"] = run_build(project, config.jobs)
    return results
