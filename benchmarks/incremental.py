"""Incremental scenarios of variant A: editing the user index, and repeated ``-j`` builds."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .build import BuildResult, build_dirs, clean, run_build
from .plan import EditConfig, RepeatConfig
from .project import (
    USER_MODELS,
    Project,
    pages_showing,
    touch,
    user_model_name,
    write_project,
)

#: The user-index model the edit scenario changes.
EDITED_MODEL = 1
#: How much the whole pickle may vary between incremental builds without counting as growth.
PICKLE_TOLERANCE = 0.005


@dataclass(frozen=True)
class EditResult:
    """Rebuilds after editing one model of the user index."""

    config: EditConfig
    service: str
    expected: frozenset[str]
    cold: BuildResult
    rebuilds: tuple[BuildResult, ...]

    @property
    def exact(self) -> bool:
        """Whether every rebuild re-read exactly the pages that show the edited model."""
        return all(set(build.reread) == self.expected for build in self.rebuilds)

    @property
    def reread_counts(self) -> tuple[int, ...]:
        """How many pages each rebuild re-read."""
        return tuple(len(build.reread) for build in self.rebuilds)


@dataclass(frozen=True)
class RepeatResult:
    """The pickled environment over repeated incremental builds."""

    config: RepeatConfig
    cold: BuildResult
    rebuilds: tuple[BuildResult, ...]
    rai_bytes: tuple[int, ...]
    """Pickled size of the extension's domain data: after the cold build, then each rebuild."""

    @property
    def sizes(self) -> tuple[int, ...]:
        """Pickle sizes: after the cold build, then after each incremental build."""
        return (self.cold.pickle_bytes, *(build.pickle_bytes for build in self.rebuilds))

    @property
    def growth(self) -> int:
        """Bytes the pickle gained from the first to the last incremental build."""
        return self.rebuilds[-1].pickle_bytes - self.rebuilds[0].pickle_bytes

    @property
    def grows(self) -> bool:
        """Whether the extension's data changed size over the rebuilds, or the whole pickle
        ended more than PICKLE_TOLERANCE larger than after the first rebuild. (Sphinx's own
        share of the pickle varies by some bytes with which pages one process read, as
        strings shared between entries are pickled once or twice.)"""
        first = self.rebuilds[0].pickle_bytes
        return len(set(self.rai_bytes[1:])) > 1 or self.rebuilds[-1].pickle_bytes > first * (
            1 + PICKLE_TOLERANCE
        )


def domain_data_bytes(project: Project) -> int:
    """The pickled size of the ``rai`` domain data in *project*'s environment."""
    _, doctreedir = build_dirs(project)
    with (doctreedir / "environment.pickle").open("rb") as handle:
        env = pickle.load(handle)
    return len(pickle.dumps(env.domaindata["rai"], pickle.HIGHEST_PROTOCOL))


def run_edit(config: EditConfig, workdir: Path, progress: Callable[[str], None]) -> EditResult:
    """Build A cold, then edit one user-index model *edits* times, rebuilding after each."""
    project = write_project(
        workdir / f"edit-{config.spec.fmt}-{config.spec.pages}", config.spec, "A"
    )
    clean(project)
    progress(f"index edit {config.label}: cold build")
    cold = run_build(project, config.jobs)
    rebuilds = []
    for revision in range(2, config.edits + 2):
        progress(f"index edit {config.label}: edit {revision - 1}/{config.edits}")
        project.set_user_revisions({EDITED_MODEL: revision})
        rebuilds.append(run_build(project, config.jobs))
    service = user_model_name(EDITED_MODEL)
    return EditResult(
        config, service, frozenset(pages_showing(config.spec, service)), cold, tuple(rebuilds)
    )


def run_repeat(
    config: RepeatConfig, workdir: Path, progress: Callable[[str], None]
) -> RepeatResult:
    """Build A cold, then *builds* times touch the same pages, edit one model (in turn) and
    rebuild; after each build, record the size of the extension's domain data."""
    project = write_project(
        workdir / f"repeat-{config.spec.fmt}-{config.spec.pages}", config.spec, "A"
    )
    clean(project)
    progress(f"repeated builds {config.label}: cold build")
    cold = run_build(project, config.jobs)
    rai_bytes = [domain_data_bytes(project)]
    rebuilds = []
    revisions: dict[int, int] = {}
    for step in range(config.builds):
        progress(f"repeated builds {config.label}: build {step + 1}/{config.builds}")
        for page in range(min(config.touched, config.spec.pages)):
            touch(project.page(page))
        model = step % USER_MODELS + 1
        revisions[model] = revisions.get(model, 1) + 1
        project.set_user_revisions(revisions)
        rebuilds.append(run_build(project, config.jobs))
        rai_bytes.append(domain_data_bytes(project))
    return RepeatResult(config, cold, tuple(rebuilds), tuple(rai_bytes))
