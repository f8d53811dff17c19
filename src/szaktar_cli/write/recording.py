"""Recording entries (`szaktar log`, `szaktar import`): appended to their month files, after the
result is checked exactly as `validate` will check it.

Every write follows one path: validate first, lock each file (atomic.py), append the new
entries' text (yaml_text.py) and replace the file atomically. Nothing is written when any new
entry has an error, when the project has errors already, or when a new entry is already
recorded (unless asked to skip or allow duplicates); the diagnostics say why, at the CSV cell
or command-line option the value came from.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal, cast

from ..checks.rules import run_checks
from ..core.closed import closed_months
from ..core.diagnostics import LIKELY_DUPLICATE, Diagnostic, Text, diag, sorted_diagnostics
from ..core.errors import WriteError
from ..core.fields import OF_WHICH
from ..core.model import Entry, Project, entry_identity
from ..core.periods import month_of
from ..read.cache import FileCache
from ..read.loader import (
    ACTUALS_DIR,
    ActualsFile,
    LoadedProject,
    display_path,
    load_actuals_file,
    load_appended,
    load_project,
)
from ..read.names import as_declared
from ..read.new_entries import NewEntry, Origin, Progress, category_cell
from ..read.places import Locator, PathPart
from ..read.yamlio import parse
from .atomic import (
    data_directory,
    data_lock,
    make_directory,
    read_current,
    remove_leftovers,
    write_files_atomically,
)
from .outcome import Outcome
from .yaml_text import append_items, entry_lines, ordered_keys

# The diagnostics this module reports (tests/test_diagnostic_codes.py checks them).
CODES: frozenset[str] = frozenset({"C504", "R601", "R602", "R603", "R604", "R605", "R606", "R607"})

ACTUALS_SCHEMA_LINE = "# yaml-language-server: $schema=../../../schema/actuals.schema.json"

DuplicatePolicy = Literal["refuse", "skip", "allow"]


@dataclass(slots=True)
class FileChange:
    path: Path
    file: str
    old: bytes | None  # None: the file is created
    new: bytes
    block: str  # the text added, as written
    first: int  # the list index of the first new entry
    entries: list[Entry]
    origins: list[Origin]


@dataclass(slots=True)
class Recording(Outcome):
    """What `record` did (or, with problems or a dry run, would have done); its diagnostics are
    about the new entries, or say why nothing was written."""

    changes: list[FileChange] = field(default_factory=list)
    skipped: list[Origin] = field(default_factory=list)  # duplicates left out

    def added(self) -> list[Entry]:
        """The new entries written (or, in a dry run, planned)."""
        return [entry for change in self.changes for entry in change.entries]


def month_path(directory: Path, month: str) -> Path:
    """The month's file: `YYYY-MM.yaml`, or the `YYYY-MM.yml` that is there instead."""
    folder = directory / ACTUALS_DIR
    path = folder / f"{month}.yaml"
    other = folder / f"{month}.yml"
    return other if not os.path.lexists(path) and os.path.lexists(other) else path


def actuals_header(project_id: str, month: str) -> list[str]:
    return [
        ACTUALS_SCHEMA_LINE,
        f"# {project_id}, {month}: one `- ` item per thing that happened (`szaktar log --help`).",
    ]


def record(
    directory: Path,
    new: Sequence[NewEntry],
    *,
    as_of: dt.date | None,
    duplicates: DuplicatePolicy = "refuse",
    dry_run: bool = False,
    progress: Progress | None = None,
    cache: FileCache | None = None,
) -> Recording:
    """Append entries to their month files, after checking the result exactly as `validate` would.

    With a `cache`, the files as they are come from it when a command read them before, and
    of a changed month only the text added is parsed (`load_appended`): adding an entry to a
    month of 200 000 costs the entry and the project's checks, not parsing the month twice.

    Nothing is written when any new entry has an error, when the project has errors
    already, or when a new entry is already recorded and `duplicates` is "refuse"
    (the diagnostics say why). Under the data directory's lock (atomic.py), the files are
    read, the plan made and checked — closed months included — and the month files replaced:
    no other command can close a month or add an entry in between. A dry run takes no lock.
    """
    entries, origins, problems = _schema_check(directory, new)
    batch = _Batch(entries, origins, problems, as_of, duplicates, cache)
    paths = sorted({month_path(directory, month_of(entry["date"])) for entry in entries})
    if dry_run:
        return _checked_plan(directory, batch, paths, progress)
    with data_lock(directory):
        plan = _checked_plan(directory, batch, paths, progress)
        if not plan.ok or not plan.changes:
            return plan
        make_directory(directory / ACTUALS_DIR)
        remove_leftovers(paths)
        if progress is not None:
            progress("write", 0, len(plan.changes))
        write_files_atomically(
            {change.path: change.new for change in plan.changes},
            data_dir=data_directory(directory),
        )
        plan.written = True
        if progress is not None:
            progress("write", len(plan.changes), len(plan.changes))
    return plan


def _as_declared(batch: _Batch, project: Project) -> _Batch:
    """The new entries with the project's ids and values for what names them (read/names.py):
    log and import take the same names."""
    declared = [
        as_declared(NewEntry(entry, origin), project)
        for entry, origin in zip(batch.entries, batch.origins, strict=True)
    ]
    return replace(
        batch,
        entries=[cast(Entry, dict(item.fields)) for item in declared],
        origins=[item.origin for item in declared],
    )


def _checked_plan(
    directory: Path, batch: _Batch, paths: Sequence[Path], progress: Progress | None
) -> Recording:
    if progress is not None:
        progress("check", 0, 0)  # no count: the phase has no steps to show
    plan = _plan(directory, batch, {path: read_current(path) for path in paths})
    if progress is not None:
        progress("check", 1, 1)
    return plan


@dataclass(frozen=True, slots=True)
class _Batch:
    """The new entries that are entries (valid date and activity), with the problems of all."""

    entries: list[Entry]
    origins: list[Origin]
    problems: list[Diagnostic]
    as_of: dt.date | None
    duplicates: DuplicatePolicy
    cache: FileCache | None


def _plan(directory: Path, batch: _Batch, old: Mapping[Path, bytes | None]) -> Recording:
    """The new content of each month file, and every diagnostic of the project it would make.

    The project is loaded once with the month files as read (`old`); the state after the
    write is that load with the changed files loaded again from their new content: what
    `load_project` would give once they are written, checked by the same `run_checks`.
    """
    before = load_project(
        directory,
        Locator(),
        {path: raw for path, raw in old.items() if raw is not None},
        cache=batch.cache,
    )
    if before.project is not None:
        batch = _as_declared(batch, before.project)
    refused = _refused(before, batch)
    if refused:  # a month reported to the funder is not written into (C504)
        return _finished(Recording(diagnostics=[*batch.problems, *refused]))
    recording = Recording(diagnostics=list(batch.problems))
    absent = {display_path(path) for path, raw in old.items() if raw is None}
    if absent:  # a month file another writer created since `old` was read: not there yet
        before.files = [actuals for actuals in before.files if actuals.path not in absent]
        before.diagnostics = [d for d in before.diagnostics if d.file not in absent]
    recording.before = before
    damaged = {d.file for d in before.diagnostics if d.is_error}
    unreadable = {
        display_path(path)
        for path, raw in old.items()
        if raw is not None and display_path(path) in damaged and _items(raw) is None
    }
    if before.project is None or unreadable:
        # nothing can be added to a file that does not read as a list (its errors say why)
        broken = [d for d in before.diagnostics if d.is_error]
        stops = broken if before.project is None else [d for d in broken if d.file in unreadable]
        recording.diagnostics.extend([*stops, _refusal(directory)])
        return _finished(recording)
    kept, kept_origins = _apply_duplicate_policy(before, batch, recording)
    recording.changes, after = _changes(
        before, old, kept, kept_origins, damaged=damaged, cache=batch.cache
    )
    after.diagnostics.extend(run_checks(after, batch.as_of))
    recording.after = after
    recording.diagnostics.extend(_about_new_entries(after, recording.changes, directory))
    return _finished(recording)


def _finished(recording: Recording) -> Recording:
    recording.diagnostics = sorted_diagnostics(recording.diagnostics)
    return recording


def _refused(before: LoadedProject, batch: _Batch) -> list[Diagnostic]:
    """C504 for each new entry dated in a closed month, at the place it comes from
    (the CSV row, or the command line)."""
    closed = closed_months(before.closed)
    refused = []
    for entry, origin in zip(batch.entries, batch.origins, strict=True):
        closing = closed.get(month_of(entry["date"]))
        if closing is not None:
            refused.append(
                origin.diagnostic(
                    "C504",
                    month=closing.month,
                    closed=closing.date.isoformat(),
                    by=closing.by,
                    project=before.directory.name,
                )
            )
    return refused


def _refusal(directory: Path) -> Diagnostic:
    return diag("R605", display_path(directory))


# Schema errors in the new entries: they are checked on their own first, as a list rendered
# into a file that is never written (the month an entry goes to needs a valid date).
_PROBE_NAME = "0001-01.yaml"


def _schema_check(
    directory: Path, new: Sequence[NewEntry]
) -> tuple[list[Entry], list[Origin], list[Diagnostic]]:
    """The new entries that are entries (valid date and activity), and the problems of all."""
    if not new:
        return [], [], []
    probe = directory / ACTUALS_DIR / _PROBE_NAME
    lines = [line for item in new for line in entry_lines(item.fields)]
    raw = "".join(line + "\n" for line in lines).encode("utf-8")
    locator = Locator()
    actuals, problems = load_actuals_file(probe, locator, raw)
    diagnostics: list[Diagnostic] = []
    if problems:  # a pointer composes the whole text: only when there is something to point at
        fields, origins = [item.fields for item in new], [item.origin for item in new]
        pointer = _Pointer(actuals.path, locator, fields, origins, 0)
        diagnostics = [pointer.repoint(problem) for problem in problems]
    origins = [new[actuals.index_of(position)].origin for position in range(len(actuals.entries))]
    return actuals.entries, origins, diagnostics




def _apply_duplicate_policy(
    before: LoadedProject, batch: _Batch, recording: Recording
) -> tuple[list[Entry], list[Origin]]:
    """Leave out (or refuse) new entries already recorded; k recorded copies match k new ones.

    A new entry equal to an earlier new one is only warned about (two alike sessions may
    both have happened); it is recorded unless it is already in the files.
    """
    recorded: Counter[frozenset[tuple[str, object]]] = Counter()
    first_recorded: dict[frozenset[tuple[str, object]], tuple[str, int]] = {}
    for actuals in before.files:
        for position, entry in enumerate(actuals.entries):
            print_ = entry_identity(entry)
            recorded[print_] += 1
            first_recorded.setdefault(print_, (actuals.path, actuals.index_of(position)))
    def where(print_: frozenset[tuple[str, object]]) -> str:
        file, index = first_recorded[print_]
        return f"{file}:{before.locator.position(file, [index])[0]}"

    kept: list[Entry] = []
    kept_origins: list[Origin] = []
    found: list[Origin] = []
    first_new: dict[frozenset[tuple[str, object]], Origin] = {}
    policy = batch.duplicates
    for entry, origin in zip(batch.entries, batch.origins, strict=True):
        print_ = entry_identity(entry)
        if recorded[print_] > 0 and policy != "allow":
            recorded[print_] -= 1
            found.append(origin)
            code = "R603" if policy == "refuse" else "R604"
            recording.diagnostics.append(origin.diagnostic(code, where=where(print_)))
            continue
        earlier = first_new.setdefault(print_, origin)
        if earlier is not origin:
            recording.diagnostics.append(origin.diagnostic("R607", first=earlier.line))
        kept.append(entry)
        kept_origins.append(origin)
    if found and policy == "refuse":
        first = found[0]
        refusal = diag("R606", first.file, count=len(found)).in_sheet(first.sheet)
        recording.diagnostics.append(refusal)
    elif found:
        recording.skipped = found
    return kept, kept_origins


def _changes(
    before: LoadedProject,
    old: Mapping[Path, bytes | None],
    entries: list[Entry],
    origins: list[Origin],
    *,
    damaged: set[str],
    cache: FileCache | None,
) -> tuple[list[FileChange], LoadedProject]:
    """Each month file with its new entries appended, and the project as it would then load.

    A file with errors already is not compared item by item (its errors refuse the write).
    """
    assert before.project is not None
    by_month: dict[str, tuple[list[Entry], list[Origin]]] = {}
    for entry, origin in zip(entries, origins, strict=True):
        month_entries, month_origins = by_month.setdefault(month_of(entry["date"]), ([], []))
        month_entries.append(entry)
        month_origins.append(origin)
    files = {actuals.path: actuals for actuals in before.files}
    diagnostics = list(before.diagnostics)
    with_problems = {d.file for d in diagnostics}
    changes: list[FileChange] = []
    for path, raw in old.items():
        month = path.stem
        if month not in by_month:
            continue
        month_entries, month_origins = by_month[month]
        header = actuals_header(before.project.id, month)
        new = append_items(raw, [entry_lines(entry) for entry in month_entries], header)
        file = display_path(path)
        previous = files.get(file)
        appended = None
        if raw is not None and previous is not None and file not in with_problems:
            appended = load_appended(path, before.locator, previous, raw=(raw, new), cache=cache)
        problems: list[Diagnostic] = []
        if appended is not None:
            loaded = appended
        else:
            loaded, problems = load_actuals_file(path, before.locator, new)
        if file in damaged and raw is not None:
            first = len(_items(raw) or [])
        else:
            first = _check_preserved(previous, loaded, month_entries)
        files[file] = loaded
        diagnostics = [*(d for d in diagnostics if d.file != file), *problems]
        kept = raw if raw is not None else "".join(f"{line}\n" for line in header).encode("utf-8")
        block = new[len(kept) :] if new.startswith(kept) else new
        changes.append(
            FileChange(
                path, file, raw, new, block.decode("utf-8-sig"), first, month_entries, month_origins
            )
        )
    after = LoadedProject(
        before.directory,
        before.project,
        before.locator,
        [files[name] for name in sorted(files)],
        before.closed,
        diagnostics,
    )
    return changes, after


def _check_preserved(old: ActualsFile | None, new: ActualsFile, added: Sequence[Entry]) -> int:
    """How many items the file had. The new text must read as those, unchanged, then the new ones.

    This guards the cases where appending text would change what is there (a block scalar
    whose last line had no line break, a document end marker): those are refused, not written.
    """
    before = sorted(old.items()) if old is not None else []
    first = before[-1][0] + 1 if before else 0
    expected = [*before, *((first + number, entry) for number, entry in enumerate(added))]
    if sorted(new.items()) != expected:
        raise WriteError(
            f"cannot add to {new.path} without changing what is in it; add the entry by hand",
            f"a(z) {new.path} nem bővíthető a tartalma megváltoztatása nélkül; "
            "írd be kézzel a bejegyzést",
        )
    return first


def _items(raw: bytes) -> list[object] | None:
    """The items of a YAML list file ([] when it holds nothing); None when it is not one."""
    try:
        parsed = parse(raw.decode("utf-8-sig"), "")
    except UnicodeDecodeError:
        return None
    if not parsed.ok:
        return None
    return [] if parsed.data is None else parsed.data if isinstance(parsed.data, list) else None


class _Pointer:
    """Maps a place in the YAML text of new entries back to where the user gave them."""

    def __init__(
        self,
        file: str,
        locator: Locator,
        entries: Sequence[Mapping[str, object]],
        origins: Sequence[Origin],
        first: int,
    ) -> None:
        self.file = file
        self.origins = origins
        self.places: dict[tuple[int, int], tuple[int, str | None]] = {}
        self.lines: dict[int, int] = {}
        for number, entry in enumerate(entries):
            index = first + number
            parts = entry.get(OF_WHICH)
            places: list[tuple[list[PathPart], str]] = [
                ([index, key], key) for key in ordered_keys(entry)
            ]
            if isinstance(parts, Mapping):  # each category, given in a cell of its own
                places += [([index, OF_WHICH, name], category_cell(name)) for name in parts]
            for path, key in places:
                for on_key in (False, True):
                    line, column = locator.position(file, path, on_key=on_key)
                    self.places[(line, column)] = (number, key)
                    self.lines[line] = number
            self.places[locator.position(file, [index])] = (number, None)

    def concerns(self, diagnostic: Diagnostic) -> bool:
        return diagnostic.file == self.file and diagnostic.line in self.lines

    def repoint(self, diagnostic: Diagnostic) -> Diagnostic:
        if not self.concerns(diagnostic):
            return diagnostic
        number, key = self.places.get(
            (diagnostic.line, diagnostic.column), (self.lines[diagnostic.line], None)
        )
        params = dict(diagnostic.params)
        if key is None and isinstance(params.get("key"), str):
            key = str(params["key"])  # a missing key: point at the cell it should have been in
        origin = self.origins[number]
        cell = origin.cells.get(key) if key is not None else None
        where = Text(f"{cell.en}: ", f"{cell.hu}: ") if cell is not None else Text("", "")
        column = cell.column if cell is not None and cell.column else None
        return origin.diagnostic(
            "R601" if diagnostic.is_error else "R602",
            column,
            where=where,
            inner=diagnostic.code,
            message=Text(diagnostic.message("en"), diagnostic.message("hu")),
            hint=Text(diagnostic.hint("en"), diagnostic.hint("hu")),
        )


def _about_new_entries(
    after: LoadedProject, changes: Sequence[FileChange], directory: Path
) -> list[Diagnostic]:
    """The diagnostics of the new entries, re-pointed to their origin; errors elsewhere refuse."""
    changed = {change.file: change for change in changes}
    pointers: dict[str, _Pointer] = {}  # made when needed: composing a file costs a parse
    mine: list[Diagnostic] = []
    elsewhere: list[Diagnostic] = []
    for diagnostic in after.diagnostics:
        change = changed.get(diagnostic.file)
        pointer = None
        if change is not None:
            if change.file not in pointers:
                pointers[change.file] = _Pointer(
                    change.file, after.locator, change.entries, change.origins, change.first
                )
            pointer = pointers[change.file]
        if pointer is not None and pointer.concerns(diagnostic):
            if diagnostic.code != LIKELY_DUPLICATE:  # see _apply_duplicate_policy
                mine.append(pointer.repoint(diagnostic))
        elif diagnostic.is_error:
            elsewhere.append(diagnostic)
    if elsewhere:
        return [*mine, *elsewhere, _refusal(directory)]
    return mine


