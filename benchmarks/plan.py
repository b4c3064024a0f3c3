"""What a benchmark run measures: the full plan of ``make bench`` and the tiny smoke plan.

The full plan is sized to finish in about 20 minutes on a shared two-core machine:

* every size is built in reStructuredText with ``-j 1``; MyST at 10 and 100 pages; ``-j 2`` at
  100 pages (RST and MyST) and 1000 pages (RST);
* directive slots per page: 1 and 10 at 10 pages (where start-up dominates), 1, 3 and 10 at
  100 pages, and 3 at 1000 pages (the size of the A/C target);
* repetitions: 3 at 10 and 100 pages, 2 at 1000 pages (a cold 1000-page build takes tens of
  seconds per variant); the table variant T is left out at 1000 pages;
* no-change and one-page rebuilds are measured from 100 pages up, where they are not just
  Python start-up;
* the generated 10,000-service index is read 5 times per format, the bundled one 20 times.
"""

from __future__ import annotations

from dataclasses import dataclass

from .project import Fmt, ProjectSpec, Variant

ALL_VARIANTS: tuple[Variant, ...] = ("A", "T", "B", "C")
NO_TABLE: tuple[Variant, ...] = ("A", "B", "C")


@dataclass(frozen=True)
class MatrixConfig:
    """One cell of the cold-build matrix, built *reps* times per variant, alternating."""

    spec: ProjectSpec
    jobs: int
    reps: int
    variants: tuple[Variant, ...] = ALL_VARIANTS
    incremental: bool = True

    @property
    def label(self) -> str:
        """A short name such as ``100x3 rst -j1``."""
        return f"{self.spec.label} -j{self.jobs}"


@dataclass(frozen=True)
class EditConfig:
    """The user-index edit scenario: a cold build of A, then *edits* edits of one model."""

    spec: ProjectSpec
    jobs: int
    edits: int

    @property
    def label(self) -> str:
        """A short name such as ``100x3 rst -j1``."""
        return f"{self.spec.label} -j{self.jobs}"


@dataclass(frozen=True)
class RepeatConfig:
    """Repeated incremental builds of A: each touches the same *touched* pages and edits one
    model of the user index, in turn."""

    spec: ProjectSpec
    jobs: int
    builds: int
    touched: int

    @property
    def label(self) -> str:
        """A short name such as ``100x3 rst -j2``."""
        return f"{self.spec.label} -j{self.jobs}"


@dataclass(frozen=True)
class IndexLoadConfig:
    """Index loading: the bundled index, and a generated one in each structured format."""

    bundled_runs: int
    services: int
    formats: tuple[str, ...]
    runs: int


@dataclass(frozen=True)
class Plan:
    """Everything one benchmark run does."""

    name: str
    matrix: tuple[MatrixConfig, ...]
    equivalence: tuple[ProjectSpec, ...]
    edits: tuple[EditConfig, ...]
    repeat: tuple[RepeatConfig, ...]
    index_load: IndexLoadConfig
    profile: ProjectSpec


def _cell(
    pages: int,
    directives: int,
    fmt: Fmt,
    jobs: int,
    reps: int,
    *,
    variants: tuple[Variant, ...] = ALL_VARIANTS,
    incremental: bool = True,
) -> MatrixConfig:
    return MatrixConfig(ProjectSpec(pages, directives, fmt), jobs, reps, variants, incremental)


FULL = Plan(
    name="full",
    matrix=(
        _cell(10, 1, "rst", 1, 3, incremental=False),
        _cell(10, 10, "rst", 1, 3, incremental=False),
        _cell(10, 1, "md", 1, 3, incremental=False),
        _cell(10, 10, "md", 1, 3, incremental=False),
        _cell(100, 1, "rst", 1, 3),
        _cell(100, 3, "rst", 1, 3),
        _cell(100, 10, "rst", 1, 3),
        _cell(100, 3, "md", 1, 3),
        _cell(100, 3, "rst", 2, 3),
        _cell(100, 3, "md", 2, 3),
        _cell(1000, 3, "rst", 1, 2, variants=NO_TABLE),
        _cell(1000, 3, "rst", 2, 2, variants=NO_TABLE),
    ),
    equivalence=(ProjectSpec(10, 3, "rst"), ProjectSpec(10, 3, "md")),
    edits=(
        EditConfig(ProjectSpec(100, 3, "rst"), 1, 3),
        EditConfig(ProjectSpec(100, 3, "md"), 2, 3),
        EditConfig(ProjectSpec(1000, 3, "rst"), 2, 2),
    ),
    repeat=(RepeatConfig(ProjectSpec(100, 3, "rst"), 2, 10, 10),),
    index_load=IndexLoadConfig(
        bundled_runs=20, services=10_000, formats=("json", "yaml", "toml"), runs=5
    ),
    profile=ProjectSpec(100, 3, "rst"),
)

SMOKE = Plan(
    name="smoke",
    matrix=(
        _cell(4, 2, "rst", 1, 1),
        _cell(4, 2, "md", 2, 1, variants=NO_TABLE),
    ),
    equivalence=(ProjectSpec(4, 2, "rst"), ProjectSpec(4, 2, "md")),
    edits=(EditConfig(ProjectSpec(8, 1, "rst"), 2, 1),),
    repeat=(RepeatConfig(ProjectSpec(8, 1, "rst"), 2, 2, 2),),
    index_load=IndexLoadConfig(
        bundled_runs=3, services=100, formats=("json", "yaml", "toml"), runs=2
    ),
    profile=ProjectSpec(4, 2, "rst"),
)

PLANS = {plan.name: plan for plan in (FULL, SMOKE)}
