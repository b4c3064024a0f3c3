"""One cold ``sphinx-build`` in a fresh process, and one index load in a fresh process.

Times and memory come from the kernel's accounting of the finished child (``os.wait4``):
CPU is user + system time of the build and of the ``-j`` workers it waited for; peak memory
is the largest resident set of any one process of the build (the main process, or one
worker under ``-j 2``), not a sum over processes.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from sphinxext_rai.core.merge import merge
from sphinxext_rai.formats import read_path
from sphinxext_rai.formats.bundled import load_bundled

#: Where children run, so ``python -m benchmarks.measure`` finds this package.
ROOT = Path(__file__).resolve().parent.parent
KIND_LABELS = ("Transparency note", "Characteristics and limitations", "Data and privacy")


class BuildError(RuntimeError):
    """A benchmark build failed or warned; generated projects must build cleanly."""


@dataclass(frozen=True)
class Cost:
    """What one measured run of a child process cost."""

    wall: float
    """Elapsed seconds."""
    cpu: float
    """User + system seconds of the child and the processes it waited for."""
    peak_mib: float
    """Largest resident set size of one process of the child's tree, in MiB."""


def run_child(command: list[str]) -> tuple[Cost, str, str]:
    """Run *command*; return its cost, standard output and standard error."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, cwd=ROOT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if process.returncode:
        raise BuildError(f"{' '.join(command)} exited with {process.returncode}:\n{stderr}")
    cost = Cost(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)  # KiB on Linux
    return cost, stdout, stderr


def cold_build(srcdir: Path, jobs: int) -> Cost:
    """Build *srcdir* to HTML from empty output directories; any warning is an error."""
    outdir = srcdir.parent / f"{srcdir.name}-html"
    shutil.rmtree(outdir, ignore_errors=True)
    command = [sys.executable, "-m", "sphinx", "-q", "-b", "html", "-j", str(jobs)]
    command += ["-d", str(outdir / ".doctrees"), str(srcdir), str(outdir)]
    cost, _, stderr = run_child(command)
    if stderr.strip():
        raise BuildError(f"{' '.join(command)} warned:\n{stderr}")
    return cost


def generated_index(services: int) -> dict[str, Any]:
    """A structured index of *services* services with three documents each."""
    entries = [
        {
            "name": f"Family {n % 100:03d} - Model {n:05d}",
            "aliases": [f"FM{n:05d}"],
            "guidance": [
                {"label": label, "url": f"https://models.example/m{n:05d}/{k}"}
                for k, label in enumerate(KIND_LABELS)
            ],
        }
        for n in range(services)
    ]
    return {"title": "Generated models", "date": "2024-05-01", "services": entries}


def write_index(services: int, fmt: str, path: Path) -> Path:
    """Write a generated index of *services* services as *fmt* (``json`` or ``yaml``)."""
    data = generated_index(services)
    text = json.dumps(data, indent=2) if fmt == "json" else yaml.safe_dump(data, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path


def index_load(path: Path) -> dict[str, float]:
    """In a fresh process: CPU seconds to read *path*, CPU and wall seconds to read it and
    merge it over the bundled index (``read cpu``, ``total cpu``, ``total wall``)."""
    output = run_child([sys.executable, "-m", "benchmarks.measure", str(path)])[1]
    timings: dict[str, float] = json.loads(output)
    return timings


def main(path: str) -> None:
    """Time ``read_path`` and ``merge`` once (the child side of :func:`index_load`)."""
    bundled = load_bundled()
    wall, cpu = time.perf_counter(), time.process_time()
    result = read_path(Path(path))
    read_cpu = time.process_time() - cpu
    merged = merge([bundled, result.index])
    total_cpu, total_wall = time.process_time() - cpu, time.perf_counter() - wall
    if result.problems or len(merged.index) <= len(result.index):
        raise SystemExit(f"{path}: unexpected problems or merge: {result.problems[:3]}")
    print(json.dumps({"read cpu": read_cpu, "total cpu": total_cpu, "total wall": total_wall}))


if __name__ == "__main__":
    main(sys.argv[1])
