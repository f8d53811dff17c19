"""Where the data is, and how to reach it again from where the user stands.

The data directory: `--projects DIR` (before or after the command), else $SZAKTAR_PROJECTS,
else the data directory of the data repository found from the working directory upwards
(`szaktar.toml`'s, else its `projects/`), else `./projects`; `-C DIR` first moves the working
directory, as git's does. A data repository's settings (szaktar.toml) apply to its own data
directory, however it was named.

A hint that names a follow-up command starts it with what reaches the same data from the
directory the user started in: plain `szaktar` when that finds it by itself, else `szaktar -C
DIR` or `szaktar --projects DIR`.
"""

from __future__ import annotations

import os
import shlex
from dataclasses import dataclass
from pathlib import Path

from ..core.diagnostics import PROGRAM
from ..core.errors import DataError
from ..core.i18n import Lang
from ..read.repository import DATA_DIR, Repository, find_repository, repository_of
from .invocation import Invocation

PROJECTS_VARIABLE = "SZAKTAR_PROJECTS"
CEILINGS_VARIABLE = "GIT_CEILING_DIRECTORIES"  # git's; the data repository is a git repository


@dataclass(frozen=True, slots=True)
class Location:
    projects: Path  # the data directory
    lang: Lang | None  # the data repository's language, if it sets one
    program: str  # how a follow-up command starts


def ceilings() -> list[Path]:
    """The directories the search for a data repository does not enter (absolute ones only, as
    git takes them)."""
    listed = os.environ.get(CEILINGS_VARIABLE, "").split(os.pathsep)
    return [Path(item) for item in listed if item and Path(item).is_absolute()]


def _implicit(directory: Path) -> tuple[Path, Repository | None]:
    """The data directory that szaktar started in `directory` without --projects uses."""
    named = os.environ.get(PROJECTS_VARIABLE)
    if named:
        path = directory / named
        return path, repository_of(path, ceilings())
    found = find_repository(directory, ceilings())
    if found is not None:
        return found.data, found
    return directory / DATA_DIR, None


def locate(invocation: Invocation) -> Location:
    here = Path.cwd()
    if invocation.projects is not None:
        data = here / invocation.projects
        repository = repository_of(data, ceilings())
    else:
        data, repository = _implicit(here)
    lang = repository.settings.lang if repository is not None else None
    return Location(Path(_shown(data, here)), lang, follow_up(data, invocation))


def follow_up(data: Path, invocation: Invocation, moved_to: Path | None = None) -> str:
    """How a command printed for the user reaches `data` from where they started: `szaktar`
    when it finds it by itself; else as they said it, with --projects; else with -C (the
    directory -C moved to, or `moved_to`, or the data's repository); else with --projects."""
    target = data.resolve()
    start = invocation.start
    try:
        if _implicit(start)[0].resolve() == target:
            return PROGRAM
        if invocation.projects is not None and not invocation.moved and moved_to is None:
            return f"{PROGRAM} --projects {shlex.quote(_shown(target, start))}"
        repository = repository_of(target, ceilings())
        places = [
            moved_to,
            Path.cwd() if invocation.moved else None,
            repository.root if repository is not None else None,
        ]
        for place in places:
            if place is not None and _implicit(place)[0].resolve() == target:
                return f"{PROGRAM} -C {shlex.quote(_shown(place, start))}"
    except DataError:  # a broken szaktar.toml on the way: name the data directory
        pass
    return f"{PROGRAM} --projects {shlex.quote(_shown(target, start))}"


def _shown(path: Path, start: Path) -> str:
    """A path as the user would type it where they started: relative below it, else absolute."""
    resolved = path.resolve()
    try:
        return str(resolved.relative_to(start.resolve())) or "."
    except ValueError:
        return str(resolved)
