"""What every command shares, resolved once from the shared options — the data directory, the
language, the as-of day, the cache — and the steps commands share: loading the projects,
finding one project or indicator, printing diagnostics, writing an output file.

A command builds its `Session`, asks it (and the layers below) for what it needs, and hands
that to a renderer. What only some commands need is imported by them, not here: every command
pays for what this module imports.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from typer._click.globals import get_current_context

from ..checks.workspace import Workspace, load_workspace
from ..core.diagnostics import AFTER_AS_OF, PROGRAM, Diagnostic
from ..core.errors import DataError, unknown_indicator
from ..core.i18n import Lang
from ..read.cache import FileCache
from ..read.loader import LoadedProject, display_path, find_project_dirs, project_directory
from ..write.atomic import complete_interrupted_write
from ..write.outputs import STDOUT, write_output
from .invocation import current
from .location import locate
from .options import LangChoice, resolve_as_of, resolve_lang
from .output import print_diagnostics

if TYPE_CHECKING:
    from ..core.model import Indicator, Project


@dataclass(frozen=True, slots=True)
class Session:
    projects: Path  # the data directory
    lang: Lang
    as_of: dt.date | None  # None: a command that takes no day (`new`)
    use_cache: bool = True
    # `validate` lists every warning of the data; the other commands count them in one line
    list_warnings: bool = False
    program: str = PROGRAM  # how a command printed for the user starts (cli/location.py)

    @classmethod
    def of(
        cls,
        lang: LangChoice | None,
        as_of: str | None = None,
        *,
        no_cache: bool = False,
        list_warnings: bool = False,
        dated: bool = True,
    ) -> Session:
        """From the shared options — where the data is (cli/location.py), `--lang`, `--as-of`
        (else SZAKTAR_TODAY, else today; `dated=False`: a command that takes no day)."""
        invocation = current(get_current_context())
        location = locate(invocation)
        language = resolve_lang(lang, location.lang)
        invocation.lang, invocation.program = language, location.program
        day = resolve_as_of(as_of) if dated else None
        return cls(
            location.projects, language, day, not no_cache, list_warnings, location.program
        )

    @property
    def day(self) -> dt.date:
        assert self.as_of is not None, "a command without a day asked for one"
        return self.as_of

    def listed(
        self, diagnostics: Sequence[Diagnostic], counted: int = 0
    ) -> tuple[list[Diagnostic], int]:
        """The diagnostics of the data to list, and how many warnings only a count stands for
        (`counted`: warnings the checks counted without building them): every command but
        `validate` lists the errors and counts the warnings."""
        if self.list_warnings:
            return list(diagnostics), counted
        errors = [d for d in diagnostics if d.is_error]
        return errors, len(diagnostics) - len(errors) + counted

    def print(
        self,
        diagnostics: Sequence[Diagnostic],
        fmt: str | None = None,
        counted: int = 0,
        paths: Sequence[str] = (),
    ) -> None:
        """The diagnostics of the data: errors in full; warnings listed by `validate` only (of
        `paths`, the projects a command was asked about, if it was asked about some)."""
        listed, unlisted = self.listed(diagnostics, counted)
        print_diagnostics(
            listed, self.lang, fmt, self.program, unlisted_warnings=unlisted, paths=paths
        )

    def print_input(self, diagnostics: Sequence[Diagnostic]) -> None:
        """The problems of what a command was given to write (a CSV row, an option), every one:
        `validate` cannot list them, it never sees that input."""
        print_diagnostics(diagnostics, self.lang, program=self.program)

    def workspace(self, paths: Sequence[Path] = ()) -> Workspace:
        """Every project under `paths` (else the data directory), loaded and checked."""
        if paths:
            for data_dir in {directory.parent for directory in find_project_dirs(paths)[0]}:
                complete_interrupted_write(data_dir)
        else:
            self.complete_interrupted_write()
        return load_workspace(paths or [self.projects], self.day, use_cache=self.use_cache,
                              list_warnings=self.list_warnings)

    def file_cache(self) -> FileCache | None:
        """The user's cache of what files load to (read/cache.py), unless it is turned off."""
        return FileCache.open(enabled=self.use_cache)

    def complete_interrupted_write(self) -> None:
        """A write that a crash interrupted after it was committed is completed before anything
        is read (write/atomic.py)."""
        if self.projects.is_dir():
            complete_interrupted_write(self.projects.resolve())

    def load(
        self,
        only: Sequence[str] = (),
        *,
        tolerated: Collection[str] = (),
        after_as_of: bool = False,
    ) -> Workspace:
        """The projects (`only` these ids), loaded and checked; an error in the data (but the
        `tolerated` codes) stops the command with its errors (exit 1).

        The warnings are counted in one line (`print`), and unless `validate` lists them, the
        checks only count them: neither built nor placed. Entries after the as-of day (A323)
        are simply not counted by a report as of that day: their warning belongs to `validate`
        and `gaps` (and the audit's `after_as_of`), it would flood every historical report.
        """
        self.complete_interrupted_write()
        loaded = load_workspace([self.projects], self.day, only=only, use_cache=self.use_cache,
                                list_warnings=self.list_warnings)
        counted = loaded.unlisted
        # the projects asked about, as `validate` takes them
        paths = [display_path(project.directory) for project in loaded.projects] if only else []
        if any(d.is_error and d.code not in tolerated for d in loaded.diagnostics):
            raise DataError(*self.listed(loaded.diagnostics, counted.total()), paths=paths)
        shown = [d for d in loaded.diagnostics if after_as_of or d.code != AFTER_AS_OF]
        unlisted = counted.total() - (0 if after_as_of else counted[AFTER_AS_OF])
        if shown or unlisted:
            self.print(shown, counted=unlisted, paths=paths)
        return loaded

    def project(
        self, project_id: str, *, tolerated: Collection[str] = (), after_as_of: bool = False
    ) -> tuple[LoadedProject, Project]:
        """One project, loaded and checked as `load` does."""
        workspace = self.load([project_id], tolerated=tolerated, after_as_of=after_as_of)
        loaded = workspace.projects[0]
        assert loaded.project is not None  # a project file that does not load is an error
        return loaded, loaded.project

    def directory(self, project_id: str) -> Path:
        return project_directory(self.projects, project_id)

    def write(self, data: bytes, output: Path | None, *, force: bool = False) -> None:
        """A file's bytes to `-o output` (atomically, as write/outputs.py allows: `--force` to
        replace a file szaktar did not write), else (or with `-o -`) to stdout."""
        if output is None or output == STDOUT:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            write_output(output, data, self.projects, force=force)


def indicator(project: Project, indicator_id: str) -> Indicator:
    """The project's indicator `indicator_id`; an unknown one is a usage error."""
    if indicator_id not in project.indicators:
        raise unknown_indicator(project.id, indicator_id, list(project.indicators))
    return project.indicators[indicator_id]


def loaded_projects(workspace: Workspace) -> list[tuple[LoadedProject, Project]]:
    """The projects of a workspace whose project.yaml loaded (a valid workspace: all of them)."""
    return [(item, item.project) for item in workspace.projects if item.project is not None]
