"""The read pipeline: find projects, load them, check them. One call gives data and diagnostics."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from ..core.diagnostics import Diagnostic, has_errors, sorted_diagnostics
from ..read.cache import FileCache
from ..read.loader import LoadedProject, chosen_projects, find_project_dirs, load_project
from ..read.yamlio import Locator, gc_paused
from . import run_checks

T = TypeVar("T")
YAML_SUFFIXES = frozenset({".yaml", ".yml"})


@dataclass(slots=True)
class Workspace:
    """Every project of a data directory, loaded and checked, with their diagnostics."""

    projects: list[LoadedProject] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    cache: FileCache | None = None
    # per project directory: the digest of its files and as_of, once its checks are cached
    inputs: dict[Path, bytes] = field(default_factory=dict)

    def has_errors(self, *, strict: bool = False) -> bool:
        return has_errors(self.diagnostics, strict=strict)

    def remember(
        self, loaded: LoadedProject, name: str, key: str, compute: Callable[[], T]
    ) -> T:
        """`compute()`, a function of the project's files, as_of and `key`, kept in the cache.

        One record per project and `name` (the latest key). The value may hold only what
        read/cache.py lets a record hold (e.g. compute's results).
        """
        inputs = self.inputs.get(loaded.directory)
        if self.cache is None or inputs is None:
            return compute()
        content = inputs + key.encode()
        file = loaded.project_file
        cached: T | None = self.cache.load(loaded.directory, file, content, name)
        if cached is not None:
            return cached
        value = compute()
        self.cache.store(loaded.directory, file, content, value, name)
        return value


def load_workspace(
    paths: Sequence[Path],
    as_of: dt.date | None = None,
    *,
    only: Sequence[str] = (),
    use_cache: bool = False,
) -> Workspace:
    """Load and check every project under `paths`; `only` keeps the projects with these ids.

    `use_cache`: keep what each actuals file loads to in the user's cache (read/cache.py), and
    take it from there while the file is unchanged.
    """
    directories, problems = find_project_dirs(paths)
    if only:
        directories = chosen_projects(directories, only)
    locator = Locator()
    cache = FileCache.open() if use_cache else None
    workspace = Workspace(diagnostics=list(problems), cache=cache)
    with gc_paused():  # what is loaded and checked all survives: collecting meanwhile is waste
        for directory in directories:
            loaded = load_project(directory, locator, cache=cache)
            loaded.diagnostics.extend(_checked(loaded, as_of, workspace))
            workspace.projects.append(loaded)
            workspace.diagnostics.extend(loaded.diagnostics)
    workspace.diagnostics = sorted_diagnostics(workspace.diagnostics)
    return workspace


def _checked(
    loaded: LoadedProject, as_of: dt.date | None, workspace: Workspace
) -> list[Diagnostic]:
    """run_checks, taken from the cache while no file of the project has changed.

    A rule reads the project's YAML files (project.yaml, actuals, closed.yaml) and `as_of`,
    and nothing else: so these, with szaktar's own code (the cache's code digest), are the key.
    """
    cache = workspace.cache
    if cache is None:
        return run_checks(loaded, as_of)
    inputs = _project_inputs(loaded.directory, as_of)
    cached: list[Diagnostic] | None = cache.load(
        loaded.directory, loaded.project_file, inputs, kind="checks"
    )
    if cached is None:
        cached = run_checks(loaded, as_of)
        if _project_inputs(loaded.directory, as_of) != inputs:  # a file changed meanwhile
            return cached
        cache.store(loaded.directory, loaded.project_file, inputs, cached, kind="checks")
    workspace.inputs[loaded.directory] = inputs
    return cached


def _project_inputs(directory: Path, as_of: dt.date | None) -> bytes:
    """A digest of `as_of` and of every YAML file under the project directory.

    Other files (scanned attendance sheets, say) are left out: no rule reads them, and
    hashing them would make every run as slow as reading them.
    """
    digest = hashlib.sha256(f"as_of={as_of}\n".encode())
    for folder, subfolders, files in os.walk(directory):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in sorted(files):
            path = Path(folder, name)
            if path.suffix not in YAML_SUFFIXES:
                continue
            digest.update(path.relative_to(directory).as_posix().encode("utf-8", "surrogateescape"))
            try:
                digest.update(b"\0" + hashlib.sha256(path.read_bytes()).digest())
            except OSError as error:
                digest.update(f"\0unreadable: {error.errno}".encode())
    return digest.digest()
