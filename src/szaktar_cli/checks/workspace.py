"""The read pipeline: find projects, load them, check them. One call gives data and diagnostics."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from ..core.diagnostics import Diagnostic, has_errors, sorted_diagnostics
from ..read.cache import FileCache
from ..read.loader import LoadedProject, chosen_projects, find_project_dirs, load_project
from ..read.places import Locator
from ..read.sources import gc_paused

T = TypeVar("T")


@dataclass(slots=True)
class Workspace:
    """Every project of a data directory, loaded and checked, with their diagnostics."""

    projects: list[LoadedProject] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # the warnings of the checks only counted, by code (`list_warnings=False`)
    unlisted: Counter[str] = field(default_factory=Counter)
    cache: FileCache | None = None
    # per project directory: the digest of its files and as_of, once its checks are cached
    inputs: dict[Path, bytes] = field(default_factory=dict)

    def has_errors(self, *, strict: bool = False) -> bool:
        return has_errors(self.diagnostics, strict=strict)

    def remember(
        self, loaded: LoadedProject, name: str, key: str, kind: type[T], compute: Callable[[], T]
    ) -> T:
        """`compute()`, a function of the project's files, as_of and `key`, kept in the cache.

        One record per project and `name` (the latest key). The value is a `kind`, and may hold
        only what read/cache.py lets a record hold (e.g. compute's results).
        """
        return self._kept([loaded], loaded.directory, loaded.project_file, name, key, kind, compute)

    def remember_all(self, name: str, key: str, kind: type[T], compute: Callable[[], T]) -> T:
        """`compute()`, a function of every project's files, as_of and `key` (what a command
        was asked: a report of them all), kept in the cache as `remember` keeps one project's,
        but one record per `key`: a command asked in several ways keeps each answer."""
        if not self.projects:
            return compute()
        folder = Path(os.path.commonpath([loaded.directory for loaded in self.projects]))
        asked = hashlib.sha256(key.encode()).hexdigest()
        return self._kept(self.projects, folder, str(folder), f"{name} {asked}", key, kind, compute)

    def _kept(  # noqa: PLR0917  # (the private step of remember and remember_all)
        self,
        projects: Sequence[LoadedProject],
        source: Path,
        file: str,
        name: str,
        key: str,
        kind: type[T],
        compute: Callable[[], T],
    ) -> T:
        inputs = [
            os.fsencode(loaded.directory) + b"\0" + self.inputs[loaded.directory]
            for loaded in projects
            if loaded.directory in self.inputs
        ]
        if self.cache is None or len(inputs) != len(projects):
            return compute()
        content = b"".join(inputs) + key.encode()
        cached: T | None = self.cache.load(
            source, file, content, lambda value: isinstance(value, kind), name
        )
        if cached is not None:
            return cached
        value = compute()
        self.cache.store(source, file, content, value, name)
        return value


def load_workspace(
    paths: Sequence[Path],
    as_of: dt.date | None = None,
    *,
    only: Sequence[str] = (),
    use_cache: bool = False,
    list_warnings: bool = True,
) -> Workspace:
    """Load and check every project under `paths`; `only` keeps the projects with these ids.

    `use_cache`: keep what each actuals file loads to in the user's cache (read/cache.py), and
    take it from there while the file is unchanged. `list_warnings=False`: the checks' warnings
    are only counted (`unlisted`), for a command that shows their number alone.
    """
    directories, problems = find_project_dirs(paths)
    if only:
        directories = chosen_projects(directories, only)
    locator = Locator()
    cache = FileCache.open() if use_cache else None
    workspace = Workspace(diagnostics=list(problems), cache=cache)
    counted = None if list_warnings else workspace.unlisted
    with gc_paused():  # what is loaded and checked all survives: collecting meanwhile is waste
        for directory in directories:
            loaded = load_project(directory, locator, cache=cache)
            loaded.diagnostics.extend(_checked(loaded, as_of, workspace, counted))
            workspace.projects.append(loaded)
            workspace.diagnostics.extend(loaded.diagnostics)
    if cache is not None:
        cache.tidy()
    workspace.diagnostics = sorted_diagnostics(workspace.diagnostics)
    return workspace


def _checked(
    loaded: LoadedProject,
    as_of: dt.date | None,
    workspace: Workspace,
    counted: Counter[str] | None,
) -> list[Diagnostic]:
    """run_checks, taken from the cache while no file of the project has changed.

    A rule reads the project's YAML files (project.yaml, actuals, closed.yaml) as loaded, and
    `as_of`, and nothing else: so the digests of the bytes loaded, with szaktar's own code (the
    cache's code digest), are the key. Checks whose warnings were only `counted` are a record
    of their own kind (the diagnostics built, and the counts).
    """
    cache = workspace.cache
    if cache is None:
        return _run_checks(loaded, as_of, counted)
    inputs = _project_inputs(loaded, as_of)
    kind = "checks" if counted is None else "checks-counted"
    cached: tuple[list[Diagnostic], dict[str, int]] | None = cache.load(
        loaded.directory, loaded.project_file, inputs, _are_findings, kind=kind
    )
    if cached is None:
        own: Counter[str] | None = None if counted is None else Counter()
        cached = (_run_checks(loaded, as_of, own), dict(own or {}))
        cache.store(loaded.directory, loaded.project_file, inputs, cached, kind=kind)
    if counted is not None:
        counted.update(cached[1])
    workspace.inputs[loaded.directory] = inputs
    return cached[0]


def _run_checks(
    loaded: LoadedProject, as_of: dt.date | None, counted: Counter[str] | None
) -> list[Diagnostic]:
    from .rules import run_checks  # noqa: PLC0415  # the rules: imported only to run them

    return run_checks(loaded, as_of, counted)


def _are_findings(value: object) -> bool:
    """The shape of a record of checks: (diagnostics, warnings counted by code)."""
    if not isinstance(value, tuple) or len(value) != 2:
        return False
    diagnostics, counts = value
    return (
        isinstance(diagnostics, list)
        and all(isinstance(item, Diagnostic) for item in diagnostics)
        and isinstance(counts, dict)
        and all(type(code) is str and type(count) is int for code, count in counts.items())
    )


def _project_inputs(loaded: LoadedProject, as_of: dt.date | None) -> bytes:
    """A digest of `as_of` and of the bytes every file of the project was loaded from.

    The digests are those of what was read, not of the files as they are now: a file that
    changes while it is read cannot leave the results of its old content under the new
    content's key.
    """
    digest = hashlib.sha256(f"as_of={as_of}\n".encode())
    for file, content in sorted(loaded.digests.items()):
        digest.update(file.encode("utf-8", "surrogateescape") + b"\0" + content)
    return digest.digest()
