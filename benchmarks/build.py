"""Run one ``python -m sphinx`` build in a subprocess and measure it."""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from .memory import TreeSampler
from .project import Project


class BuildError(RuntimeError):
    """A benchmark build failed or warned; generated projects must build cleanly."""


@dataclass(frozen=True)
class BuildResult:
    """What one build cost and left behind."""

    wall: float
    """Elapsed seconds."""
    cpu: float
    """User and system seconds of the build process and its workers."""
    peak_rss: int
    """Largest summed resident set size of the process tree, in bytes."""
    pickle_bytes: int
    """Size of the pickled environment after the build."""
    doctree_bytes: int
    """Total size of the pickled doctrees after the build."""
    reread: tuple[str, ...]
    """The pages Sphinx read, in the order it reported them."""


def build_dirs(project: Project) -> tuple[Path, Path]:
    """The output and doctree directories of *project* (next to its sources)."""
    root = project.srcdir.parent
    return root / "html", root / "doctrees"


def clean(project: Project) -> None:
    """Remove every build output, so the next build is a cold one."""
    for directory in build_dirs(project):
        shutil.rmtree(directory, ignore_errors=True)


def command(project: Project, jobs: int) -> list[str]:
    """The build command line for *project* with *jobs* processes."""
    outdir, doctreedir = build_dirs(project)
    return [
        sys.executable,
        "-m",
        "sphinx",
        "-q",
        "-b",
        "html",
        "-j",
        str(jobs),
        "-d",
        str(doctreedir),
        str(project.srcdir),
        str(outdir),
    ]


def run_build(project: Project, jobs: int) -> BuildResult:
    """Build *project* once; raise :class:`BuildError` on failure or on any warning."""
    project.read_log.write_text("", encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with subprocess.Popen(
        command(project, jobs), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as process:
        with TreeSampler(process.pid) as sampler:
            stdout, stderr = process.communicate()
        wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode or stderr.strip():
        raise BuildError(
            f"{' '.join(command(project, jobs))} exited with {process.returncode}:\n"
            f"{stdout}{stderr}"
        )
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    _, doctreedir = build_dirs(project)
    return BuildResult(
        wall=wall,
        cpu=cpu,
        peak_rss=sampler.peak,
        pickle_bytes=_size(doctreedir / "environment.pickle"),
        doctree_bytes=sum(_size(path) for path in doctreedir.rglob("*.doctree")),
        reread=tuple(project.read_log.read_text(encoding="utf-8").split()),
    )


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
