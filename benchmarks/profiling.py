"""Where the time goes: deterministic profiles of the A, B and C builds and of index loading.

Build profiles run ``python -m cProfile -m sphinx`` with ``-j 1`` on a cold build. Times
under the profiler are inflated, so only shares are reported: the share of a build spent in
each phase of Sphinx, in the directives, and in each function of ``sphinxext_rai``.
"""

from __future__ import annotations

import cProfile
import pstats
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .build import BuildError, clean, command
from .project import Project, ProjectSpec, Variant, write_project

PACKAGE = "/sphinxext_rai/"
#: Where the calls into the extension come from: its time is the inclusive time of every call
#: from these into it (Sphinx calling ``setup``, event handlers, directives, roles and
#: transforms). Calls back into the extension from other libraries it uses (PyYAML composing
#: through the reader's loader, say) are inside those already.
HOSTS = ("site-packages/sphinx/", "site-packages/docutils/", "site-packages/myst_parser/")
#: The hosts that run directives and roles: calls from these are the extension's per-page cost.
PARSERS = ("site-packages/docutils/", "site-packages/myst_parser/")


@dataclass(frozen=True)
class Phase:
    """A phase of a serial HTML build: the inclusive time of one function, except when it is
    called by *not_from* (a function name). A label that starts with two spaces is part of the
    phase above it."""

    label: str
    path: str
    function: str
    not_from: str = ""


PHASES: tuple[Phase, ...] = (
    Phase("reading pages", "sphinx/builders/__init__.py", "read_doc"),
    Phase(
        "  directives (docutils run_directive)", "docutils/parsers/rst/states.py", "run_directive"
    ),
    Phase(
        "  read transforms",
        "sphinx/transforms/__init__.py",
        "apply_transforms",
        not_from="apply_post_transforms",
    ),
    Phase("  doctree pickling", "sphinx/builders/__init__.py", "write_doctree"),
    Phase("writing pages", "sphinx/builders/__init__.py", "write_documents"),
    Phase(
        "  post-transforms and toctrees",
        "sphinx/environment/__init__.py",
        "get_and_resolve_doctree",
    ),
    Phase("  HTML translation and templates", "sphinx/builders/html/__init__.py", "write_doc"),
    Phase("  search index", "sphinx/builders/html/__init__.py", "write_doc_serialized"),
)

FunctionKey = tuple[str, int, str]


@dataclass(frozen=True)
class FunctionShare:
    """One function's inclusive time as a share of the profiled total."""

    name: str
    calls: int
    own: float
    inclusive: float
    share: float


@dataclass(frozen=True)
class Profile:
    """A profile reduced to what the report shows."""

    label: str
    total: float
    phases: dict[str, float]
    package_inclusive: float
    """Inclusive time of every call into the extension."""
    package_pages: float
    """Inclusive time of the extension's directives and roles."""
    functions: tuple[FunctionShare, ...]

    def share(self, seconds: float) -> float:
        """*seconds* as a fraction of the profiled total."""
        return seconds / self.total if self.total else 0.0


def function_name(key: FunctionKey) -> str:
    """``module.py:line(name)``, with the path shortened to the package or library."""
    path, line, name = key
    for marker in (PACKAGE, "site-packages/"):
        if marker in path:
            path = path.split(marker, 1)[1]
            if marker == PACKAGE:
                path = "sphinxext_rai/" + path
            break
    return f"{path}:{line}({name})"


def reduce(label: str, stats: pstats.Stats, top: int = 15) -> Profile:
    """Phases, the package's inclusive time and its costliest functions."""
    table: dict[FunctionKey, Any] = stats.stats  # type: ignore[attr-defined]
    # The profiled call's own inclusive time can exceed the sum of own times by the
    # profiler's calibration error; the larger one keeps shares at or below 100%.
    total = max(stats.total_tt, max(v[3] for v in table.values()))  # type: ignore[attr-defined]
    phases = {phase.label: phase_time(table, phase) for phase in PHASES}
    ours = {k: v for k, v in table.items() if PACKAGE in k[0]}
    inclusive = called_from(ours, HOSTS)
    pages = called_from(ours, PARSERS)
    ranked = sorted(ours.items(), key=lambda item: -item[1][3])[:top]
    functions = tuple(
        FunctionShare(function_name(k), v[1], v[2], v[3], v[3] / total if total else 0.0)
        for k, v in ranked
    )
    return Profile(label, total, phases, inclusive, pages, functions)


def called_from(functions: dict[FunctionKey, Any], hosts: tuple[str, ...]) -> float:
    """The inclusive time of the calls into *functions* made from files under *hosts*."""
    return sum(
        float(times[3])
        for _, (_, _, _, _, callers) in functions.items()
        for caller, times in callers.items()
        if any(host in caller[0] for host in hosts)
    )


def phase_time(table: dict[FunctionKey, Any], phase: Phase) -> float:
    """The inclusive time of *phase*'s function, less what it spent for *not_from*."""
    total = 0.0
    for key, (_, _, _, inclusive, callers) in table.items():
        if key[0].endswith(phase.path) and key[2] == phase.function:
            excluded = sum(t[3] for c, t in callers.items() if phase.not_from == c[2])
            total += inclusive - excluded
    return total


def profile_build(project: Project, output: Path) -> pstats.Stats:
    """Profile one cold ``-j 1`` build of *project*."""
    clean(project)
    project.read_log.write_text("", encoding="utf-8")
    argv = command(project, 1)
    profiled = [sys.executable, "-m", "cProfile", "-o", str(output), *argv[1:]]
    done = subprocess.run(profiled, capture_output=True, text=True, check=False)
    if done.returncode or done.stderr.strip():
        raise BuildError(f"profiled build failed:\n{done.stdout}{done.stderr}")
    return pstats.Stats(str(output))


def profile_builds(
    spec: ProjectSpec, workdir: Path, progress: Callable[[str], None]
) -> dict[Variant, Profile]:
    """Profiles of the A, B and C builds of *spec*."""
    profiles: dict[Variant, Profile] = {}
    variants: tuple[Variant, ...] = ("A", "B", "C")
    for variant in variants:
        progress(f"profile {spec.label} {variant}")
        project = write_project(workdir / f"profile-{variant}", spec, variant)
        stats = profile_build(project, workdir / f"profile-{variant}.prof")
        profiles[variant] = reduce(f"{spec.label} -j1 {variant}", stats)
    return profiles


def profile_call(label: str, call: Callable[[], object], repeat: int = 1) -> Profile:
    """Profile *call* in this process, *repeat* times."""
    profiler = cProfile.Profile()
    for _ in range(repeat):
        profiler.runcall(call)
    return reduce(label, pstats.Stats(profiler))
