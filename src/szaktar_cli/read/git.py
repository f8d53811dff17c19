"""A project's files in git, commit by commit: read through git itself, never the working tree.

One `git log --raw` lists, commit by commit along the first-parent line, which files of the
project changed and their new blob ids; one `git cat-file --batch` reads the blobs. Each
state of the files is parsed in memory with the same reader and models as `validate` (each
blob is parsed once).
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal

from pydantic import ValidationError

from ..core.model import ENTRIES_ADAPTER, PROJECT_ADAPTER, Entry, Project
from .fastyaml import parse
from .loader import ACTUALS_DIR, MONTH_FILE, PROJECT_FILE
from .yamlio import decode

# Why a project has no history: no git (or not a repository), or no commit of its files yet.
GitNote = Literal["no_git", "not_tracked"]


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
class Commit:
    sha: str
    when: dt.datetime
    author: str
    subject: str
    changes: tuple[
        tuple[str, str | None], ...
    ]  # (path below the project, new blob or None if deleted)


def _commits(toplevel: Path, prefix: str) -> list[Commit]:
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
        # one line each (git gives a name and a subject on one line): only NUL bytes and line
        # breaks separate what is read, and no text can hold a NUL
        "--format=%H%n%aI%n%an%n%s",
        "--",
        prefix or ".",
    ).decode("utf-8", errors="replace")
    commits: list[Commit] = []
    # -z: a commit's lines, then NUL, then per change its ":meta" and its path, each ended
    # by NUL; a token where a meta token could stand that does not start with ":" is the
    # next commit's lines (they start with its id)
    tokens = raw.split("\0")
    header: str | None = None
    changes: list[tuple[str, str | None]] = []
    index = 0
    while index < len(tokens):
        token = tokens[index].lstrip("\n")
        index += 1
        if token.startswith(":") and header is not None:
            fields, path = token.split(), tokens[index]
            index += 1
            changes.append((path[len(prefix) :], None if fields[-1] == "D" else fields[3]))
        elif token:
            if header is not None:
                commits.append(_commit(header, changes))
            header, changes = token, []
    if header is not None:
        commits.append(_commit(header, changes))
    return commits


def _commit(header: str, changes: list[tuple[str, str | None]]) -> Commit:
    sha, when, author, subject = header.split("\n", 3)
    return Commit(sha, dt.datetime.fromisoformat(when), author, subject, tuple(changes))


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


@dataclass(frozen=True, slots=True)
class ProjectState:
    """The project as a commit left it: project.yaml (None when it does not load) and a way to
    its entries (the valid entries of each month file, read when asked for)."""

    commit: Commit
    project: Project | None
    files: Mapping[str, str]  # path below the project -> blob
    reader: _BlobReader

    def entries(self) -> list[Entry]:
        return [
            entry
            for path, blob in sorted(self.files.items())
            if path != PROJECT_FILE
            for entry in self.reader.month(blob)
        ]


@dataclass(frozen=True, slots=True)
class ProjectHistory:
    commits: tuple[Commit, ...]
    blobs: Mapping[str, bytes]

    def states(self) -> Iterator[ProjectState]:
        """The state after each commit, oldest first."""
        reader = _BlobReader(self.blobs)
        files: dict[str, str] = {}  # path below the project -> blob
        for commit in self.commits:
            for path, blob in commit.changes:
                if not _is_tracked_file(path):
                    continue
                if blob is None:
                    files.pop(path, None)
                else:
                    files[path] = blob
            blob = files.get(PROJECT_FILE)
            project = None if blob is None else reader.project(blob)
            yield ProjectState(commit, project, dict(files), reader)


def read_history(project_dir: Path) -> ProjectHistory | GitNote:
    """The commits that changed the project's files, with their blobs; or why there are none."""
    try:
        toplevel_text, prefix = (
            _git(project_dir, "rev-parse", "--show-toplevel", "--show-prefix").decode().splitlines()
        )
        toplevel = Path(toplevel_text)
        commits = _commits(toplevel, prefix)
        if not commits:
            return "not_tracked"
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
        return "no_git"
    return ProjectHistory(tuple(commits), blobs)


class _BlobReader:
    """Parses each blob once: project.yaml as a Project, a month file as its valid entries."""

    def __init__(self, blobs: Mapping[str, bytes]) -> None:
        self._blobs = blobs
        self._projects: dict[str, Project | None] = {}
        self._entries: dict[str, list[Entry]] = {}

    def _data(self, blob: str) -> object:
        text, _ = decode(self._blobs[blob], blob)
        if text is None:
            return None
        parsed = parse(text, blob)
        return parsed.data if parsed.ok else None

    def project(self, blob: str) -> Project | None:
        if blob not in self._projects:
            try:
                self._projects[blob] = PROJECT_ADAPTER.validate_python(self._data(blob))
            except ValidationError:
                self._projects[blob] = None
        return self._projects[blob]

    def month(self, blob: str) -> list[Entry]:
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
