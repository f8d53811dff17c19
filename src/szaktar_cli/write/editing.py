"""What `rename`, `amend` and `target` share: one change to one project, made all at once.

Under the data directory's lock (taken before the files are read, so that nothing changes in
between; a dry run takes none), a command reads the project, works out the new content of
each file it changes (yaml_edit.py: every other byte stays), and checks the project as it would
then be: loaded with the new contents in place of the files — the same `load_project` and
`run_checks`, with the same as-of day, that `validate` runs. The change is refused when it adds
an error (an error the project already had elsewhere does not stop it: it is fixed one change
at a time), and when the new text does not read as exactly the data meant, or loses a comment
it should keep. Then every changed file is written at once (atomic.py: all or none).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..checks.rules import run_checks
from ..core.diagnostics import REFUSING, Diagnostic, diag, sorted_diagnostics
from ..core.errors import WriteError
from ..read.loader import LoadedProject, display_path, load_project
from ..read.places import Locator
from ..read.yamlio import parse
from .atomic import data_directory, data_lock, remove_leftovers, write_files_atomically
from .layout import same_data
from .outcome import Outcome
from .yaml_tree import Comment, read_tree

# The diagnostics this module reports (tests/test_diagnostic_codes.py checks them).
CODES: frozenset[str] = frozenset({"E807"})


@dataclass(slots=True)
class FileEdit:
    """One file's content before and after the change."""

    path: Path
    old: bytes
    new: bytes

    @property
    def file(self) -> str:
        return display_path(self.path)


@dataclass(slots=True)
class Editing(Outcome):
    """What a change did (or, refused or in a dry run, would have done)."""

    edits: list[FileEdit] = field(default_factory=list)


@contextmanager
def held(directory: Path, *, dry_run: bool) -> Iterator[None]:
    """The data directory's lock for a change (none for a dry run, which writes nothing)."""
    with nullcontext() if dry_run else data_lock(directory):
        yield


def loaded(directory: Path, as_of: dt.date | None, contents: Mapping[Path, bytes] = {}) -> (
    LoadedProject
):
    """The project, checked as `validate` checks it; `contents`: files as a change makes them."""
    project = load_project(directory, Locator(), contents)
    project.diagnostics.extend(run_checks(project, as_of))
    return project


def new_diagnostics(before: LoadedProject, after: LoadedProject) -> list[Diagnostic]:
    """The diagnostics of `after` of a kind (code, file) it has more of than `before` had."""
    counted = Counter((d.code, d.file) for d in before.diagnostics)
    now = Counter((d.code, d.file) for d in after.diagnostics)
    grown = {kind for kind, count in now.items() if count > counted[kind]}
    return [d for d in after.diagnostics if (d.code, d.file) in grown]


def new_errors(before: LoadedProject, after: LoadedProject) -> list[Diagnostic]:
    """The errors of `after` of a kind (code, file) it has more of than `before` had."""
    return [d for d in new_diagnostics(before, after) if d.is_error]


def refused(diagnostics: Sequence[Diagnostic], directory: Path) -> list[Diagnostic]:
    """The problems of a change, by place; when one is an error, the line that says nothing was
    written comes last."""
    ordered = sorted_diagnostics(diagnostics)
    if any(d.is_error for d in ordered) and not any(d.code in REFUSING for d in ordered):
        ordered.append(diag("E807", display_path(directory)))
    return ordered


def commit(directory: Path, edits: Sequence[FileEdit]) -> None:
    """Write the changed files at once (the caller holds the lock)."""
    changed = {edit.path: edit.new for edit in edits if edit.new != edit.old}
    remove_leftovers(changed)
    write_files_atomically(changed, data_dir=data_directory(directory))


def read_data(raw: bytes) -> Any:
    return parse(raw.decode("utf-8-sig"), "").data


def comments_of(raw: bytes) -> Counter[str]:
    return Counter(comment.text for comment in _comments(raw))


def _comments(raw: bytes) -> list[Comment]:
    return read_tree(raw.decode("utf-8-sig")).comments


def check_edit(edit: FileEdit, expected: Any, removed_comments: Counter[str]) -> None:
    """The new text reads as exactly the data meant (types included), and keeps every comment of
    the old one but those on the lines the change removed. Else a WriteError: a construct the
    change cannot be made in without touching more (nothing is written)."""
    new = parse(edit.new.decode("utf-8-sig"), "")
    if not new.ok or not same_data(new.data, expected):
        raise _cannot(edit, "its data would not be what was meant", "az adatai nem azok lennének")
    if (comments_of(edit.old) - removed_comments) - comments_of(edit.new):
        raise _cannot(edit, "a comment would be lost", "elveszne egy megjegyzés")


def _cannot(edit: FileEdit, en: str, hu: str) -> WriteError:
    return WriteError(
        f"cannot change {edit.file} in place: {en}; nothing was changed (change it by hand)",
        f"a(z) {edit.file} nem változtatható meg helyben: {hu}; semmi sem változott "
        "(módosítsd kézzel)",
    )
