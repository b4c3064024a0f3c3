"""``python -m benchmarks [--smoke]``: run the benchmarks and write ``RESULTS.md``."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from sphinxext_rai.formats import read_path
from sphinxext_rai.formats.bundled import bundled_path

from . import machine
from .equivalence import check_equivalence
from .incremental import run_edit, run_repeat
from .indexload import generated_index, run_index_load, write_index
from .matrix import run_cell
from .plan import PLANS, Plan
from .profiling import Profile, profile_builds, profile_call
from .report import Results, render, summary_table
from .targets import evaluate

DEFAULT_RESULTS = Path(__file__).with_name("RESULTS.md")
#: Generated indexes are profiled at this fraction of the timed size.
PROFILE_FRACTION = 10


class Progress:
    """Prints what is running, with the time since the start, to standard error."""

    def __init__(self) -> None:
        self.start = time.perf_counter()

    def __call__(self, message: str) -> None:
        """Report one step."""
        elapsed = time.perf_counter() - self.start
        print(f"[{elapsed / 60:5.1f} min] {message}", file=sys.stderr, flush=True)


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--plan", choices=sorted(PLANS), default="full", help="what to measure")
    parser.add_argument(
        "--smoke", dest="plan", action="store_const", const="smoke", help="tiny sizes, quickly"
    )
    parser.add_argument(
        "--results",
        type=Path,
        help=f"write the results here (default: {DEFAULT_RESULTS} for the full plan; the smoke "
        "plan writes none unless given)",
    )
    parser.add_argument(
        "--workdir", type=Path, help="generate projects here and keep them (default: a temp dir)"
    )
    return parser.parse_args(argv)


def load_profiles(plan: Plan, workdir: Path) -> tuple[Profile, ...]:
    """Profiles of reading the bundled index, and a generated one in each format."""
    profiles = [
        profile_call(
            "read_path of the bundled index, 5 runs", partial(read_path, bundled_path()), 5
        )
    ]
    services = max(plan.index_load.services // PROFILE_FRACTION, 1)
    data = generated_index(services)
    for fmt in plan.index_load.formats:
        path = write_index(data, fmt, workdir / f"profiled.{fmt}")
        profiles.append(
            profile_call(
                f"read_path of a {services}-service index ({fmt})", partial(read_path, path)
            )
        )
    return tuple(profiles)


def run(plan: Plan, workdir: Path, command: str, progress: Progress) -> Results:
    """Run every measurement of *plan*, generating projects under *workdir*."""
    started = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    equivalence = []
    for spec in plan.equivalence:
        progress(f"equivalence of A and B, {spec.label}")
        equivalence.append(check_equivalence(spec, workdir))
    cells = tuple(run_cell(config, workdir, progress) for config in plan.matrix)
    edits = tuple(run_edit(config, workdir, progress) for config in plan.edits)
    repeats = tuple(run_repeat(config, workdir, progress) for config in plan.repeat)
    progress("index loading")
    timings = tuple(run_index_load(plan.index_load, workdir))
    build_profiles = profile_builds(plan.profile, workdir, progress)
    progress("index loading profiles")
    loads = load_profiles(plan, workdir)
    return Results(
        plan=plan,
        command=command,
        started=started,
        elapsed=time.perf_counter() - progress.start,
        machine=machine.machine(),
        versions=machine.versions(),
        equivalence=tuple(equivalence),
        cells=cells,
        edits=edits,
        repeats=repeats,
        index_load=timings,
        build_profiles=build_profiles,
        load_profiles=loads,
        targets=tuple(evaluate(cells, timings, edits, repeats)),
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the plan, write the results file and print the summary table."""
    given = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(given)
    plan = PLANS[args.plan]
    results_path: Path | None = args.results
    if results_path is None and plan.name == "full":
        results_path = DEFAULT_RESULTS
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="rai-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    progress = Progress()
    try:
        results = run(plan, workdir, " ".join(["python -m benchmarks", *given]), progress)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    if results_path is not None:
        results_path.write_text(render(results), encoding="utf-8")
        progress(f"results written to {results_path}")
    print(summary_table(results))
    progress("done")
    return 0


if __name__ == "__main__":
    sys.exit(main())
