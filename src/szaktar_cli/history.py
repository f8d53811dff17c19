"""Where a figure comes from: the entries that make it up, and how it changed commit by commit.

The git part reads history through git itself and never touches the working tree: one
`git log --raw` lists, commit by commit along the first-parent line, which files of the
project changed and their new blob ids; one `git cat-file --batch` reads the blobs. Each
state of the files is parsed in memory with the same reader and models as `validate`, and
the figure computed with the same engine as `status` (each blob is parsed once).
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal, cast

from pydantic import ValidationError

from .compute import Aggregates, aggregate
from .loader import ACTUALS_DIR, MONTH_FILE, PROJECT_FILE, LoadedProject
from .model import ENTRIES_ADAPTER, PROJECT_ADAPTER, Entry, Project
from .yamlio import Locator, decode, parse

# An entry's position among all the project's entries, as an extra dimension: the engine then
# files every entry under the indicators that count it, and says what each one adds.
ROW = "\x00row"

GitNote = Literal["no_git", "not_tracked"]


@dataclass(frozen=True, slots=True)
class Contribution:
    """One entry that makes up the figure."""

    file: str
    line: int
    date: dt.date
    amount: float | str | None  # the measured field, 1 for a count, the value for distinct
    evidence: str | None


@dataclass(frozen=True, slots=True)
class Revision:
    """A commit that changed the figure (`commit` is None for uncommitted changes)."""

    commit: str | None
    when: dt.datetime | None
    author: str | None
    subject: str | None
    before: float | None
    after: float | None


@dataclass(frozen=True, slots=True)
class FigureHistory:
    project: str
    indicator: str
    as_of: dt.date
    value: float | None
    contributions: tuple[Contribution, ...]
    revisions: tuple[Revision, ...]
    git: GitNote | None  # why there are no revisions, when there cannot be any


@dataclass(frozen=True, slots=True)
class PlacedEntry:
    """An entry with the file and the list index it sits at."""

    file: str
    index: int
    entry: Entry


def placed_entries(loaded: LoadedProject) -> list[PlacedEntry]:
    return [
        PlacedEntry(actuals.path, actuals.index_of(position), entry)
        for actuals in loaded.files
        for position, entry in enumerate(actuals.entries)
    ]


def aggregate_rows(
    project: Project, placed: Sequence[PlacedEntry], as_of: dt.date, dimensions: Sequence[str] = ()
) -> Aggregates:
    """The engine's aggregates that also know which entries each indicator counted:
    `group_keys(indicator_id, ROW)` are their positions in `placed`."""
    rows = [cast(Entry, {**item.entry, ROW: row}) for row, item in enumerate(placed)]
    return aggregate(project, rows, as_of, (ROW, *dimensions))


def contributions(
    loaded: LoadedProject, indicator_id: str, as_of: dt.date, locator: Locator
) -> list[Contribution]:
    """The entries counted in the indicator as of `as_of`, in date order, with their place."""
    project = loaded.project
    assert project is not None
    placed = placed_entries(loaded)
    counted = aggregate_rows(project, placed, as_of).group_keys(indicator_id, ROW)
    found = []
    for row in sorted(counted, key=lambda row: (placed[row].entry["date"], row)):
        item = placed[row]
        amount = _amount(project, indicator_id, item.entry)
        if amount is None:  # counted in but adds nothing: no hours, no value of the dimension
            continue
        line = locator.position(item.file, [item.index])[0]
        found.append(
            Contribution(item.file, line, item.entry["date"], amount, item.entry.get("evidence"))
        )
    return found


def _amount(project: Project, indicator_id: str, entry: Entry) -> float | str | None:
    measure = project.indicators[indicator_id].measure
    if measure.ratio is not None:
        return _amount(project, measure.ratio.numerator, entry)
    field = measure.sum or measure.max or measure.last
    if field is not None:
        return entry.get(field)
    dimension = measure.distinct or (measure.composition.dimension if measure.composition else None)
    if dimension is not None:
        value = entry.get(dimension)
        return None if value is None else str(value)
    return 1


def figure_history(
    loaded: LoadedProject, indicator_id: str, as_of: dt.date, locator: Locator
) -> FigureHistory:
    project = loaded.project
    assert project is not None
    value = aggregate(project, loaded.entries(), as_of).value(indicator_id)
    found = contributions(loaded, indicator_id, as_of, locator)
    revisions, note = git_revisions(loaded.directory, indicator_id, as_of)
    if revisions and revisions[-1].after != value:  # the working tree differs from the last commit
        revisions.append(Revision(None, None, None, None, revisions[-1].after, value))
    return FigureHistory(
        project.id, indicator_id, as_of, value, tuple(found), tuple(revisions), note
    )


# --- git ------------------------------------------------------------------------------------


class _GitUnavailableError(Exception):
    pass


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        result = subprocess.run(
            ["git", "-c", "core.quotePath=false", *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            check=False,
        )
    except OSError as error:  # git is not installed
        raise _GitUnavailableError(str(error)) from None
    if result.returncode != 0:
        raise _GitUnavailableError(result.stderr.decode(errors="replace").strip())
    return result.stdout


@dataclass(frozen=True, slots=True)
class _Commit:
    sha: str
    when: dt.datetime
    author: str
    subject: str
    changes: tuple[
        tuple[str, str | None], ...
    ]  # (path below the project, new blob or None if deleted)


def _commits(toplevel: Path, prefix: str) -> list[_Commit]:
    """The commits that changed the project directory, oldest first, along the first parent."""
    raw = _git(
        toplevel,
        "log",
        "--reverse",
        "--first-parent",
        "--diff-merges=first-parent",
        "--no-renames",
        "--raw",
        "--no-abbrev",
        "-z",
        "--format=%x1e%H%x1f%aI%x1f%an%x1f%s",
        "--",
        prefix or ".",
    ).decode("utf-8", errors="replace")
    commits = []
    for record in raw.split("\x1e")[1:]:
        header, _, rest = record.partition("\0")
        sha, when, author, subject = header.split("\x1f", 3)
        tokens = [token for token in rest.lstrip("\n").split("\0") if token]
        changes = []
        for meta, path in zip(tokens[::2], tokens[1::2], strict=True):
            fields = meta.split()
            blob = None if fields[-1] == "D" else fields[3]
            changes.append((path[len(prefix) :], blob))
        commits.append(
            _Commit(sha, dt.datetime.fromisoformat(when), author, subject, tuple(changes))
        )
    return commits


def _read_blobs(toplevel: Path, blobs: Iterable[str]) -> dict[str, bytes]:
    wanted = list(dict.fromkeys(blobs))
    if not wanted:
        return {}
    out = _git(toplevel, "cat-file", "--batch", stdin=("\n".join(wanted) + "\n").encode())
    contents: dict[str, bytes] = {}
    position = 0
    for blob in wanted:
        header_end = out.index(b"\n", position)
        size = int(out[position:header_end].split()[2])
        contents[blob] = out[header_end + 1 : header_end + 1 + size]
        position = header_end + 1 + size + 1
    return contents


def _is_tracked_file(path: str) -> bool:
    parts = PurePosixPath(path).parts
    if parts == (PROJECT_FILE,):
        return True
    return (
        len(parts) == 2 and parts[0] == ACTUALS_DIR and MONTH_FILE.fullmatch(parts[1]) is not None
    )


def git_revisions(
    project_dir: Path, indicator_id: str, as_of: dt.date
) -> tuple[list[Revision], GitNote | None]:
    """Each commit that changed the figure, with the figure before and after it."""
    try:
        toplevel_text, prefix = (
            _git(project_dir, "rev-parse", "--show-toplevel", "--show-prefix").decode().splitlines()
        )
        toplevel = Path(toplevel_text)
        commits = _commits(toplevel, prefix)
        if not commits:
            return [], "not_tracked"
        blobs = _read_blobs(
            toplevel,
            (
                blob
                for commit in commits
                for path, blob in commit.changes
                if blob and _is_tracked_file(path)
            ),
        )
    except _GitUnavailableError:
        return [], "no_git"
    return _replay(commits, blobs, indicator_id, as_of), None


def _replay(
    commits: Sequence[_Commit], blobs: Mapping[str, bytes], indicator_id: str, as_of: dt.date
) -> list[Revision]:
    reader = _BlobReader(blobs)
    files: dict[str, str] = {}  # path below the project -> blob
    revisions = []
    before: float | None = None
    for commit in commits:
        for path, blob in commit.changes:
            if not _is_tracked_file(path):
                continue
            if blob is None:
                files.pop(path, None)
            else:
                files[path] = blob
        after = reader.figure(files, indicator_id, as_of)
        if after != before:
            revisions.append(
                Revision(commit.sha, commit.when, commit.author, commit.subject, before, after)
            )
        before = after
    return revisions


class _BlobReader:
    """Parses each blob once: project.yaml as a Project, a month file as its valid entries."""

    def __init__(self, blobs: Mapping[str, bytes]) -> None:
        self._blobs = blobs
        self._projects: dict[str, Project | None] = {}
        self._entries: dict[str, list[Entry]] = {}

    def figure(self, files: Mapping[str, str], indicator_id: str, as_of: dt.date) -> float | None:
        blob = files.get(PROJECT_FILE)
        project = None if blob is None else self._project(blob)
        if project is None or indicator_id not in project.indicators:
            return None
        entries = [
            entry
            for path, blob in sorted(files.items())
            if path != PROJECT_FILE
            for entry in self._month(blob)
        ]
        return aggregate(project, entries, as_of).value(indicator_id)

    def _data(self, blob: str) -> object:
        text, _ = decode(self._blobs[blob], blob)
        if text is None:
            return None
        parsed = parse(text, blob)
        return parsed.data if parsed.ok else None

    def _project(self, blob: str) -> Project | None:
        if blob not in self._projects:
            try:
                self._projects[blob] = PROJECT_ADAPTER.validate_python(self._data(blob))
            except ValidationError:
                self._projects[blob] = None
        return self._projects[blob]

    def _month(self, blob: str) -> list[Entry]:
        """The valid entries of a month file (an invalid item would not count in the status)."""
        if blob not in self._entries:
            data = self._data(blob)
            items = data if isinstance(data, list) else []
            try:
                self._entries[blob] = ENTRIES_ADAPTER.validate_python(items)
            except ValidationError:
                self._entries[blob] = [entry for item in items for entry in _valid([item])]
        return self._entries[blob]


def _valid(items: list[object]) -> list[Entry]:
    try:
        return ENTRIES_ADAPTER.validate_python(items)
    except ValidationError:
        return []
