"""``python -m benchmarks [--smoke] [sizes]``: build A, B, C and E, alternating, and report."""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from .measure import cold_build, index_load, write_index
from .project import VARIANTS, Spec, Variant, write_project
from .report import Cell, Results, render, summary

RESULTS = Path(__file__).with_name("RESULTS.md")
PAGES, DIRECTIVES = 1000, 3
#: Services per directive: one (at -j 1 and -j 2), then three (at -j 1; -j 2 when smoke).
SERVICES = (1, 3)
FORMATS = ("json", "yaml")
START = time.perf_counter()
Loads = dict[str, list[dict[str, float]]]


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """The command line; the defaults are the full run of ``make bench``."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="tiny sizes; writes no results")
    parser.add_argument("--pages", type=int, default=PAGES)
    parser.add_argument("--directives", type=int, default=DIRECTIVES, help="per page")
    parser.add_argument("--rounds", type=int, default=3, help="builds of each variant")
    parser.add_argument("--index-services", type=int, default=10_000)
    parser.add_argument("--index-runs", type=int, default=5, help="fresh processes per format")
    parser.add_argument("--results", type=Path, help=f"default: {RESULTS} (none with --smoke)")
    args = parser.parse_args(argv)
    if args.smoke:
        args.pages, args.directives, args.rounds = 4, 2, 1
        args.index_services, args.index_runs = 200, 1
    elif args.results is None:
        args.results = RESULTS
    return args


def progress(message: str) -> None:
    """Print what runs, with the minutes since the start, to standard error."""
    print(f"[{(time.perf_counter() - START) / 60:5.1f} min] {message}", file=sys.stderr)


def heading(args: argparse.Namespace, argv: Sequence[str]) -> list[str]:
    """The size, date, commit, machine and versions of this run."""
    git = ["git", "-C", str(Path(__file__).parent), "describe", "--always", "--dirty"]
    commit = subprocess.run(git, capture_output=True, text=True, check=False).stdout.strip()
    cpuinfo = (
        Path("/proc/cpuinfo").read_text().splitlines() if Path("/proc/cpuinfo").exists() else []
    )
    cpu = next((line.split(":")[1].strip() for line in cpuinfo if "model name" in line), "")
    names = ("sphinx", "docutils", "sphinx-design", "PyYAML")
    versions = ", ".join(f"{n} {metadata.version(n)}" for n in names)
    default = (args.pages, args.directives) == (PAGES, DIRECTIVES)
    return [
        f"Size: {args.pages} pages x {args.directives} directives, {args.rounds} rounds"
        + ("" if default else f" (reduced: `make bench` runs {PAGES} x {DIRECTIVES})")
        + f"; index: {args.index_services} services, {args.index_runs} runs per format.",
        "",
        f"- Command: `python -m benchmarks {' '.join(argv)}`",
        f"- Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; commit `{commit or 'unknown'}`",
        f"- Machine: {os.cpu_count()} cores ({cpu or platform.machine()}), {platform.system()} "
        f"{platform.release()}; load average {os.getloadavg()[0]:.1f} at the start",
        f"- Python {platform.python_version()}, {versions}",
    ]


def run(args: argparse.Namespace, workdir: Path) -> tuple[list[Cell], Loads]:
    """Every build and index load of one run, alternating variants and formats."""
    one, three = (Spec(args.pages, args.directives, s) for s in SERVICES)
    shapes = [(one, 1), (three, 2)] if args.smoke else [(one, 1), (one, 2), (three, 1)]
    cells = [Cell(spec, jobs) for spec, jobs in shapes]
    projects = {
        (c.spec, v): write_project(workdir / f"{c.spec.services}{v}", c.spec, v)
        for c in cells
        for v in VARIANTS
    }
    order: list[Variant] = list(VARIANTS)
    for number in range(args.rounds):
        turn = order[number % len(order) :] + order[: number % len(order)]
        for cell in cells:
            for variant in turn:
                progress(f"round {number + 1}/{args.rounds}: {cell.label}, {variant}")
                cost = cold_build(projects[cell.spec, variant], cell.jobs)
                cell.builds.setdefault(variant, []).append(cost)
    paths = {f: write_index(args.index_services, f, workdir / f"index.{f}") for f in FORMATS}
    loads: Loads = {f: [] for f in FORMATS}
    progress("index loading")
    for _ in range(args.index_runs):
        for fmt, path in paths.items():
            loads[fmt].append(index_load(path))
    return cells, loads


def main(argv: Sequence[str] | None = None) -> int:
    """Run, write the results file (unless smoke) and print the summary."""
    given = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(given)
    started = heading(args, given)
    with tempfile.TemporaryDirectory(prefix="rai-bench-") as workdir:
        cells, loads = run(args, Path(workdir))
    started.append(f"- Load average at the end: {os.getloadavg()[0]:.1f}")
    results = Results(started, args.rounds, cells, args.index_services, loads)
    if args.results is not None:
        args.results.write_text(render(results), encoding="utf-8")
        progress(f"results written to {args.results}")
    print(summary(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
