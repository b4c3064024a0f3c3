"""The cost of loading an index: the bundled one, and a generated one of many services.

Each run calls :func:`sphinxext_rai.formats.read_path` afresh (not the process-level cache of
:func:`sphinxext_rai.formats.bundled.load_bundled`), then
:func:`sphinxext_rai.core.merge.merge` of the
bundled index with the result, as a build with a user index does.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from sphinxext_rai.core.merge import merge
from sphinxext_rai.formats import read_path
from sphinxext_rai.formats.bundled import bundled_path, load_bundled

from .plan import IndexLoadConfig
from .stats import Summary

_DOCUMENTS = (
    ("Transparency note", "transparency", "transparency-note"),
    ("Characteristics and limitations", "limitations", "limitations"),
    ("Integration and responsible use", None, "integration"),
    ("Data, privacy, and security", "privacy", "data-privacy-security"),
)
SUFFIXES = {"json": ".json", "toml": ".toml", "yaml": ".yaml"}


@dataclass(frozen=True)
class LoadTiming:
    """Milliseconds to read one index file, and to merge it over the bundled index."""

    name: str
    services: int
    documents: int
    file_bytes: int
    read_ms: Summary
    merge_ms: Summary
    problems: int

    @property
    def total_ms(self) -> float:
        """Median read plus median merge."""
        return self.read_ms.median + self.merge_ms.median


def generated_index(services: int) -> dict[str, Any]:
    """A structured index of *services* services with four documents each."""
    entries = []
    for number in range(services):
        slug = f"family-{number % 100:03d}-model-{number:05d}"
        guidance = []
        for label, kind, page in _DOCUMENTS:
            document = {"label": label, "url": f"https://models.example/{slug}/{page}"}
            if kind:
                document["kind"] = kind  # the others are inferred from the label
            guidance.append(document)
        entries.append(
            {
                "name": f"Family {number % 100:03d} - Model {number:05d}",
                "aliases": [f"FM{number:05d}"],
                "guidance": guidance,
            }
        )
    return {"schema": "1", "title": "Generated models", "date": "2024-05-01", "services": entries}


def write_index(data: dict[str, Any], fmt: str, path: Path) -> Path:
    """Write *data* as *fmt* ("json", "toml" or "yaml") to *path*."""
    writers: dict[str, Callable[[dict[str, Any]], str]] = {
        "json": lambda d: json.dumps(d, indent=2),
        "yaml": lambda d: yaml.safe_dump(d, sort_keys=False),
        "toml": _toml,
    }
    path.write_text(writers[fmt](data), encoding="utf-8")
    return path


def time_load(name: str, path: Path, runs: int) -> LoadTiming:
    """Read *path* and merge it over the bundled index *runs* times."""
    bundled = load_bundled()
    reads: list[float] = []
    merges: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        result = read_path(path)
        middle = time.perf_counter()
        merge([bundled, result.index])
        end = time.perf_counter()
        reads.append((middle - start) * 1000)
        merges.append((end - middle) * 1000)
    return LoadTiming(
        name=name,
        services=len(result.index),
        documents=result.index.link_count,
        file_bytes=path.stat().st_size,
        read_ms=Summary.of(reads),
        merge_ms=Summary.of(merges),
        problems=len(result.problems),
    )


def time_bundled(runs: int) -> LoadTiming:
    """Read the bundled index *runs* times (its merge is a merge of one index)."""
    bundled = bundled_path()
    reads: list[float] = []
    merges: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        result = read_path(bundled)
        middle = time.perf_counter()
        merge([result.index])
        reads.append((middle - start) * 1000)
        merges.append((time.perf_counter() - middle) * 1000)
    return LoadTiming(
        name="bundled (json)",
        services=len(result.index),
        documents=result.index.link_count,
        file_bytes=bundled.stat().st_size,
        read_ms=Summary.of(reads),
        merge_ms=Summary.of(merges),
        problems=len(result.problems),
    )


def run_index_load(config: IndexLoadConfig, workdir: Path) -> list[LoadTiming]:
    """Every index-loading measurement of *config*."""
    timings = [time_bundled(config.bundled_runs)]
    data = generated_index(config.services)
    for fmt in config.formats:
        path = write_index(data, fmt, workdir / f"generated{SUFFIXES[fmt]}")
        timings.append(time_load(f"{config.services} services ({fmt})", path, config.runs))
    return timings


def _toml(data: dict[str, Any]) -> str:
    """The generated index as TOML (every value is a string or a list of strings)."""
    lines = [f"{key} = {json.dumps(value)}" for key, value in data.items() if key != "services"]
    for service in data["services"]:
        lines += ["", "[[services]]"]
        lines += [f"{k} = {json.dumps(v)}" for k, v in service.items() if k != "guidance"]
        for document in service["guidance"]:
            lines += ["", "[[services.guidance]]"]
            lines += [f"{k} = {json.dumps(v)}" for k, v in document.items()]
    return "\n".join(lines) + "\n"
