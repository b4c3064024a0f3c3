"""Peak memory of a process tree, sampled from ``/proc`` while it runs.

Under ``-j N`` Sphinx forks worker processes; the peak reported here is the largest sum of the
resident set sizes of the build process and all its descendants seen at one sample. Pages
shared copy-on-write after a fork count once per process.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from types import TracebackType

PROC = Path("/proc")
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
#: Seconds between samples: often enough to catch short-lived workers, cheap on two cores.
INTERVAL = 0.02


def available() -> bool:
    """Whether process memory can be sampled on this system."""
    return (PROC / "self" / "statm").exists()


def parent_map() -> dict[int, int]:
    """Process id -> parent process id, for every process visible now."""
    parents: dict[int, int] = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # the process ended while we looked
        # The command name may hold spaces and parentheses: fields follow the last ")".
        fields = stat[stat.rfind(")") + 2 :].split()
        if len(fields) > 1:
            parents[int(entry.name)] = int(fields[1])
    return parents


def tree(root: int) -> list[int]:
    """*root* and every process descended from it."""
    children: dict[int, list[int]] = {}
    for pid, parent in parent_map().items():
        children.setdefault(parent, []).append(pid)
    found, pending = [], [root]
    while pending:
        pid = pending.pop()
        found.append(pid)
        pending.extend(children.get(pid, ()))
    return found


def rss(pid: int) -> int:
    """The resident set size of *pid* in bytes; 0 when it has ended."""
    try:
        return int((PROC / str(pid) / "statm").read_text().split()[1]) * PAGE_SIZE
    except (OSError, IndexError, ValueError):
        return 0


class TreeSampler:
    """Samples the summed RSS of a process tree in a thread; use as a context manager."""

    def __init__(self, root: int, interval: float = INTERVAL) -> None:
        self.root = root
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeSampler:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join()

    def sample(self) -> None:
        """Take one sample and keep the largest sum seen."""
        self.peak = max(self.peak, sum(rss(pid) for pid in tree(self.root)))

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)
