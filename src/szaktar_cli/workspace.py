"""The read pipeline: find projects, load them, check them. One call gives data and diagnostics."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .cache import FileCache
from .checks import run_checks
from .diagnostics import Diagnostic, has_errors, sorted_diagnostics
from .errors import UsageError
from .loader import LoadedProject, find_project_dirs, load_project
from .yamlio import Locator, gc_paused


@dataclass(slots=True)
class Workspace:
    root: Path
    projects: list[LoadedProject] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def has_errors(self, *, strict: bool = False) -> bool:
        return has_errors(self.diagnostics, strict=strict)


def load_workspace(
    paths: Sequence[Path],
    as_of: dt.date | None = None,
    *,
    only: Sequence[str] = (),
    use_cache: bool = False,
) -> Workspace:
    """Load and check every project under `paths`; `only` keeps the projects with these ids.

    `use_cache`: keep what each actuals file loads to in the user's cache (cache.py), and
    take it from there while the file is unchanged.
    """
    directories, problems = find_project_dirs(paths)
    if only:
        by_name = {directory.name: directory for directory in directories}
        unknown = [name for name in only if name not in by_name]
        if unknown:
            names = ", ".join(unknown)
            known = ", ".join(sorted(by_name)) or "-"
            raise UsageError(f"unknown project: {names} (known: {known})", f"ismeretlen projekt: {names} (ismert: {known})")
        directories = [by_name[name] for name in only if name in by_name]
    locator = Locator()
    workspace = Workspace(paths[0] if paths else Path(), diagnostics=list(problems))
    cache = FileCache.open() if use_cache else None
    with gc_paused():  # what is loaded and checked all survives: collecting meanwhile is waste
        for directory in directories:
            loaded = load_project(directory, locator, cache=cache)
            loaded.diagnostics.extend(run_checks(loaded, locator, as_of))
            workspace.projects.append(loaded)
            workspace.diagnostics.extend(loaded.diagnostics)
    workspace.diagnostics = sorted_diagnostics(workspace.diagnostics)
    return workspace
