"""Writing files: the only module that does.

Every write follows one path: validate first (exactly as `validate` will see the
result), take a lock per file (`<file>.lock`, filelock), write the new content to a
temporary file in the same directory, flush and fsync it, rename it over the old file
(`os.replace`, atomic), and fsync the directory. A process killed at any moment leaves
either the old file or the new one, never a torn one.

Appending an entry never re-serialises a file: the bytes already there stay as they
are (comments, blank lines, key order, quoting, a BOM, CRLF line endings), and the new
entry is rendered as a YAML block in the file's own layout and added at the end.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml

from ..core.closed import closed_months
from ..core.diagnostics import Diagnostic, Text, diag, sorted_diagnostics
from ..core.errors import UsageError, WriteError
from ..core.model import ENTRY_FIELDS, Entry
from ..read.loader import (
    ACTUALS_DIR,
    PROJECT_FILE,
    ActualsFile,
    LoadedProject,
    display_path,
    find_project_dirs,
    load_manifest,
    load_project,
)
from ..read.new_entries import NewEntry, Origin, Progress
from ..read.yamlio import Locator, parse

BOM = b"\xef\xbb\xbf"
LOCK_SUFFIX = ".lock"
TEMP_SUFFIX = ".tmp"
LOCK_TIMEOUT_SECONDS = 30.0
ACTUALS_SCHEMA_LINE = "# yaml-language-server: $schema=../../../schema/actuals.schema.json"

DuplicatePolicy = Literal["refuse", "skip", "allow"]


# --- rendering YAML scalars and entries ---------------------------------------------------

_RESOLVER = yaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"
# Read as something other than text by a YAML 1.2 reader or by YAML 1.1 tools beyond PyYAML.
_NOT_TEXT_ELSEWHERE = re.compile(
    r"[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|[yYnN]|<<"
)
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
# Characters PyYAML's reader accepts in a stream (everything else must be escaped).
_YAML_PRINTABLE = re.compile(
    "[\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_LINE_BREAKS_AND_BOM = frozenset("\x85\u2028\u2029\ufeff")
# A character that must be escaped: a backslash or quote, a line break or tab, the BOM, or
# one PyYAML's reader does not accept raw.
_NEEDS_ESCAPE = re.compile(
    '[\\\\"\t\n\r\x85\u2028\u2029\ufeff]|[^\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]'
)


def yaml_scalar(value: object) -> str:
    """A value as a single-line YAML scalar that reads back as exactly this value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _yaml_float(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    return _text_scalar(str(value))


@lru_cache(maxsize=4096)  # keys and dimension values repeat across thousands of entries
def _text_scalar(text: str) -> str:
    return text if _plain_is_safe(text) else _double_quoted(text)


def _yaml_float(value: float) -> str:
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = repr(value)
    if "e" in text:  # PyYAML reads 1e-05 (no dot) as text: the digits are written out
        text = format(Decimal(text), "f")
    return text if "." in text else text + ".0"  # 5.8e16 is a float, not the integer 57…500


def _plain_is_safe(text: str) -> bool:
    """Whether `text` can stand unquoted: no indicator, no comment, read as text by every reader."""
    if not text or text != text.strip() or text[0] in _INDICATORS:
        return False
    if ": " in text or " #" in text or text.endswith(":"):
        return False
    if _NEEDS_ESCAPE.search(text):
        return False
    if _NOT_TEXT_ELSEWHERE.fullmatch(text):
        return False
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return tag == _STR_TAG


def _double_quoted(text: str) -> str:
    out: list[str] = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif char in _LINE_BREAKS_AND_BOM or not _YAML_PRINTABLE.match(char):
            code = ord(char)
            out.append(
                f"\\x{code:02x}"
                if code < 0x100
                else f"\\u{code:04x}"
                if code < 0x10000
                else f"\\U{code:08x}"
            )
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


@dataclass(frozen=True, slots=True)
class Layout:
    """How a file writes its list items: `- date: …` with its keys under each other."""

    newline: str = "\n"
    dash_indent: int = 0  # columns before the dash
    gap: int = 1  # spaces after the dash

    @property
    def key_indent(self) -> int:
        return self.dash_indent + 1 + self.gap


def ordered_keys(entry: Mapping[str, object]) -> list[str]:
    """The entry's keys in the order of the format (date, activity, measures, dimensions, text)."""
    known = [key for key in ENTRY_FIELDS if key in entry]
    return known + [key for key in entry if key not in ENTRY_FIELDS]


def entry_lines(entry: Mapping[str, object], layout: Layout = Layout()) -> list[str]:
    """One entry as the lines of a block-sequence item (without line breaks)."""
    lines: list[str] = []
    for index, key in enumerate(ordered_keys(entry)):
        lead = (
            " " * layout.dash_indent + "-" + " " * layout.gap
            if index == 0
            else " " * layout.key_indent
        )
        lines.append(f"{lead}{yaml_scalar(key)}: {yaml_scalar(entry[key])}")
    return lines


# --- appending to a YAML list without touching what is there ---------------------------------


def _newline_of(text: str) -> str:
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


_FIRST_ITEM = re.compile(r"( *)-( +)\S")


def _first_content_line(text: str) -> str:
    """The first line that is not blank, a comment, a directive or a document start."""
    for line in text.splitlines():
        content = line.strip()
        if content and not content.startswith(("#", "%")) and content != "---":
            return line
    return ""


def _layout_of(first_line: str, newline: str) -> Layout:
    """The layout of the file's first item (the default when its keys start on the next line)."""
    match = _FIRST_ITEM.match(first_line)
    return Layout(newline, len(match.group(1)), len(match.group(2))) if match else Layout(newline)


def append_items(
    raw: bytes | None, items: Sequence[Sequence[str]], header: Sequence[str] = ()
) -> bytes:
    """`raw` (a YAML file holding a list, or None for a new file) with `items` added at its end.

    Each item is given as its lines, rendered in the default layout (`- key: …`); they are
    re-indented to the file's layout. The bytes already in the file stay unchanged, except
    that an empty flow list (`[]`) is removed, since a block item cannot follow it.
    A new file starts with the `header` lines. Raises WriteError when the file holds a
    non-empty flow list (`[a, b]`), to which a block item cannot be added.
    """
    bom = raw is not None and raw.startswith(BOM)
    text = "" if raw is None else raw[len(BOM) if bom else 0 :].decode("utf-8")
    first_line = _first_content_line(text)
    layout = _layout_of(first_line, _newline_of(text))
    if raw is None:
        text = "".join(line + layout.newline for line in header)
    elif first_line.lstrip().startswith("["):
        text = _without_empty_flow_list(text)
    if text and not text.endswith(("\n", "\r")):
        text += layout.newline
    added: list[str] = []
    for lines in items:
        for number, line in enumerate(lines):
            lead = (
                " " * layout.dash_indent + "-" + " " * layout.gap
                if number == 0
                else " " * layout.key_indent
            )
            added.append(lead + line[2:] + layout.newline)
    text += "".join(added)
    return (BOM if bom else b"") + text.encode("utf-8")


def _without_empty_flow_list(text: str) -> str:
    """The text without its `[]` (and the spaces after it, when it opens its line)."""
    root = yaml.compose(text, Loader=yaml.CSafeLoader)
    if not isinstance(root, yaml.SequenceNode) or not root.flow_style:
        return text
    if root.value:
        raise WriteError(
            "the file holds a flow list [ … ]: write its entries as `- ` items to add to it",
            "a fájl egysoros listát ([ … ]) tartalmaz: írd át `- ` kezdetű tételekre, "
            "hogy bővíthető legyen",
        )
    start, end = root.start_mark.index, root.end_mark.index
    if start == 0 or text[start - 1] in "\r\n":
        end += len(text[end:]) - len(text[end:].lstrip(" \t"))
    return text[:start] + text[end:]


# --- locks and atomic writes -----------------------------------------------------------------


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def _write_error(path: Path, error: OSError, *, changed: Sequence[str] = ()) -> WriteError:
    file = display_path(path)
    reason = _reason(error)
    if changed:
        done = ", ".join(changed)
        return WriteError(
            f"cannot write {file}: {reason}; already written: {done} (re-running the same command "
            "with --skip-duplicates completes it)",
            f"nem írható: {file}: {reason}; már kiírva: {done} (ugyanez a parancs "
            "--skip-duplicates kapcsolóval befejezi)",
        )
    return WriteError(
        f"cannot write {file}: {reason}; nothing was changed",
        f"nem írható: {file}: {reason}; semmi sem változott",
    )


@contextmanager
def file_lock(path: Path, timeout: float = LOCK_TIMEOUT_SECONDS) -> Iterator[None]:
    """Hold `<path>.lock` (an flock: released by the kernel if the process dies)."""
    from filelock import FileLock, Timeout  # noqa: PLC0415

    lock = FileLock(str(path) + LOCK_SUFFIX, timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        file = display_path(path)
        raise WriteError(
            f"{file} is being written by another process; try again",
            f"a(z) {file} fájlt most egy másik folyamat írja; próbáld újra",
        ) from None
    except OSError as error:
        raise _write_error(path, error) from None
    try:
        _remove_stale_temporaries(path)
        yield
    finally:
        lock.release()


@contextmanager
def file_locks(paths: Iterable[Path]) -> Iterator[None]:
    """Locks on several files, always taken in sorted order, so that writers never deadlock."""
    with ExitStack() as stack:
        for path in sorted(set(paths)):
            stack.enter_context(file_lock(path))
        yield


def _temporaries(path: Path) -> Iterator[Path]:
    return path.parent.glob(f".{path.name}.*{TEMP_SUFFIX}")


def _remove_stale_temporaries(path: Path) -> None:
    """A writer killed before its rename leaves its temporary file; under the lock none is in use.

    A leftover that cannot be removed harms nothing: readers ignore `.tmp` files.
    """
    for stale in _temporaries(path):
        with suppress(OSError):
            stale.unlink()


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def _new_file_mode() -> int:
    return 0o666 & ~_umask()


def _fsync_directory(directory: Path) -> None:
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _prepare(path: Path, data: bytes) -> Path:
    """`data` in a fsynced temporary file beside `path`, with the mode `path` has (or would get)."""
    descriptor, name = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent
    )
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            mode = path.stat().st_mode & 0o7777
        except FileNotFoundError:
            mode = _new_file_mode()
        temporary.chmod(mode)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def write_files_atomically(contents: Mapping[Path, bytes]) -> None:
    """Replace each file by its new content, each atomically.

    Every new content is first written to its temporary file; only when all of them are
    on disk are they renamed into place. A failure before that changes nothing; a crash
    while renaming leaves each file either old or new.
    """
    prepared: dict[Path, Path] = {}
    try:
        for path, data in contents.items():
            try:
                prepared[path] = _prepare(path, data)
            except OSError as error:
                raise _write_error(path, error) from None
        done: list[str] = []
        for path, temporary in prepared.items():
            try:
                temporary.replace(path)
            except OSError as error:
                raise _write_error(path, error, changed=done) from None
            done.append(display_path(path))
    finally:
        for temporary in prepared.values():
            temporary.unlink(missing_ok=True)
    for directory in {path.parent for path in contents}:
        try:
            _fsync_directory(directory)
        except OSError as error:
            raise _write_error(
                directory, error, changed=[display_path(p) for p in contents]
            ) from None


def write_file_atomically(path: Path, data: bytes) -> None:
    """Write an output file (export, report) atomically.

    No lock: such a file is written whole, never read-modified-written, so the last rename
    wins cleanly, and no `FILE.lock` is left beside a file meant to be mailed.
    """
    write_files_atomically({path: data})


def append_to_list_file(
    path: Path,
    lines: Sequence[str],
    header: Sequence[str],
    check: Callable[[bytes], Sequence[Diagnostic]],
) -> list[Diagnostic]:
    """Append one item (its lines, `- key: …`) to a YAML list file such as closed.yaml.

    Under the file's lock: read, append, `check` the whole new content, and write it only when
    the check finds no error (those errors are returned; nothing is written then).
    """
    with file_lock(path):
        new = append_items(_read(path), [lines], header)
        problems = [problem for problem in check(new) if problem.is_error]
        if not problems:
            write_files_atomically({path: new})
    return problems


# --- recording entries -------------------------------------------------------------------------


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
class Recording:
    """What `record` did (or, with problems or a dry run, would have done)."""

    changes: list[FileChange] = field(default_factory=list)
    skipped: list[Origin] = field(default_factory=list)  # duplicates left out
    diagnostics: list[Diagnostic] = field(
        default_factory=list
    )  # about the new entries, or why nothing
    before: LoadedProject | None = None
    after: LoadedProject | None = None
    written: bool = False

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)


def project_directory(projects_dir: Path, project_id: str) -> Path:
    """The directory of a project, by its id; an unknown id is a usage error (exit 2)."""
    directories, _ = find_project_dirs([projects_dir]) if projects_dir.is_dir() else ([], [])
    by_name = {directory.name: directory for directory in directories}
    if project_id not in by_name or not (by_name[project_id] / PROJECT_FILE).is_file():
        known = ", ".join(sorted(by_name)) or "-"
        raise UsageError(
            f"unknown project: {project_id} (known: {known})",
            f"ismeretlen projekt: {project_id} (ismert: {known})",
        )
    return by_name[project_id]


def month_path(directory: Path, month: str) -> Path:
    return directory / ACTUALS_DIR / f"{month}.yaml"


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
) -> Recording:
    """Append entries to their month files, after checking the result exactly as `validate` would.

    Nothing is written when any new entry has an error, when the project has errors
    already, or when a new entry is already recorded and `duplicates` is "refuse"
    (the diagnostics say why). The result is planned and checked without locks (so that
    bad input leaves no trace, not even a lock file); then the month files are locked,
    and if one of them changed meanwhile, the plan is made and checked again under the
    locks. Each file is locked from that read until its new content has replaced it.
    """
    entries, origins, problems = _schema_check(directory, new)
    placed = [(entry, o.file, o.line) for entry, o in zip(entries, origins, strict=True)]
    refused = refuse_closed(directory, placed)
    if refused:  # a month reported to the funder is not written into (C504)
        return _finished(Recording(diagnostics=[*problems, *refused]))
    batch = _Batch(entries, origins, problems, as_of, duplicates)
    paths = sorted({month_path(directory, entry["date"].isoformat()[:7]) for entry in entries})
    read = {path: _read(path) for path in paths}
    if progress is not None:
        progress("check", 0, 0)  # no count: the phase has no steps to show
    plan = _plan(directory, batch, read)
    if progress is not None:
        progress("check", 1, 1)
    if not plan.ok or dry_run or not plan.changes:
        return plan
    _make_directory(directory / ACTUALS_DIR)
    with file_locks(paths):
        current = {path: _read(path) for path in paths}
        if current != read:
            plan = _plan(directory, batch, current)
            if not plan.ok or not plan.changes:
                return plan
        if progress is not None:
            progress("write", 0, len(plan.changes))
        write_files_atomically({change.path: change.new for change in plan.changes})
        plan.written = True
        if progress is not None:
            progress("write", len(plan.changes), len(plan.changes))
    return plan


@dataclass(frozen=True, slots=True)
class _Batch:
    """The new entries that are entries (valid date and activity), with the problems of all."""

    entries: list[Entry]
    origins: list[Origin]
    problems: list[Diagnostic]
    as_of: dt.date | None
    duplicates: DuplicatePolicy


def _plan(directory: Path, batch: _Batch, old: Mapping[Path, bytes | None]) -> Recording:
    """The new content of each month file, and every diagnostic of the project it would make.

    The project is loaded once with the month files as read (`old`); the state after the
    write is that load with the changed files loaded again from their new content: what
    `load_project` would give once they are written, checked by the same `run_checks`.
    """
    from ..checks import run_checks  # noqa: PLC0415

    recording = Recording(diagnostics=list(batch.problems))
    before = load_project(
        directory, Locator(), {path: raw for path, raw in old.items() if raw is not None}
    )
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
    locator = Locator()
    recording.changes, after = _changes(
        before, old, kept, kept_origins, locator=locator, damaged=damaged
    )
    after.diagnostics.extend(run_checks(after, locator, batch.as_of))
    recording.after = after
    recording.diagnostics.extend(_about_new_entries(after, recording.changes, locator, directory))
    return _finished(recording)


def _finished(recording: Recording) -> Recording:
    recording.diagnostics = sorted_diagnostics(recording.diagnostics)
    return recording


def _make_directory(path: Path) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _write_error(path, error) from None


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        file = display_path(path)
        raise WriteError(
            f"cannot read {file}: {_reason(error)}; nothing was changed",
            f"nem olvasható: {file}: {_reason(error)}; semmi sem változott",
        ) from None


def refuse_closed(project_dir: Path, new: Iterable[tuple[Entry, str, int]]) -> list[Diagnostic]:
    """C504 for each new entry dated in a closed month, at the place it comes from
    (`file`, `line`: the CSV row, or 0 for the command line)."""
    events, _ = load_manifest(project_dir, Locator())
    closed = closed_months(events)
    refused = []
    for entry, file, line in new:
        closing = closed.get(entry["date"].isoformat()[:7])
        if closing is not None:
            refused.append(
                diag(
                    "C504",
                    file,
                    line,
                    1 if line else 0,
                    month=closing.month,
                    closed=closing.date.isoformat(),
                    by=closing.by,
                    project=project_dir.name,
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
    from ..read.loader import load_actuals_file  # noqa: PLC0415

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


def _fingerprint(entry: Mapping[str, object]) -> frozenset[tuple[str, object]]:
    return frozenset(entry.items())  # as checks/duplicates.py compares entries


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
            print_ = _fingerprint(entry)
            recorded[print_] += 1
            first_recorded.setdefault(print_, (actuals.path, actuals.index_of(position)))
    locator = Locator()

    def where(print_: frozenset[tuple[str, object]]) -> str:
        file, index = first_recorded[print_]
        return f"{file}:{locator.position(file, [index])[0]}"

    kept: list[Entry] = []
    kept_origins: list[Origin] = []
    found: list[Origin] = []
    first_new: dict[frozenset[tuple[str, object]], Origin] = {}
    policy = batch.duplicates
    for entry, origin in zip(batch.entries, batch.origins, strict=True):
        print_ = _fingerprint(entry)
        column = 1 if origin.line else 0
        if recorded[print_] > 0 and policy != "allow":
            recorded[print_] -= 1
            found.append(origin)
            code = "R603" if policy == "refuse" else "R604"
            recording.diagnostics.append(
                diag(code, origin.file, origin.line, column, where=where(print_))
            )
            continue
        earlier = first_new.setdefault(print_, origin)
        if earlier is not origin:
            recording.diagnostics.append(
                diag("R607", origin.file, origin.line, column, first=earlier.line)
            )
        kept.append(entry)
        kept_origins.append(origin)
    if found and policy == "refuse":
        recording.diagnostics.append(diag("R606", found[0].file, count=len(found)))
    elif found:
        recording.skipped = found
    return kept, kept_origins


def _changes(
    before: LoadedProject,
    old: Mapping[Path, bytes | None],
    entries: list[Entry],
    origins: list[Origin],
    *,
    locator: Locator,
    damaged: set[str],
) -> tuple[list[FileChange], LoadedProject]:
    """Each month file with its new entries appended, and the project as it would then load.

    A file with errors already is not compared item by item (its errors refuse the write).
    """
    from ..read.loader import load_actuals_file  # noqa: PLC0415

    assert before.project is not None
    by_month: dict[str, tuple[list[Entry], list[Origin]]] = {}
    for entry, origin in zip(entries, origins, strict=True):
        month_entries, month_origins = by_month.setdefault(entry["date"].isoformat()[:7], ([], []))
        month_entries.append(entry)
        month_origins.append(origin)
    files = {actuals.path: actuals for actuals in before.files}
    diagnostics = list(before.diagnostics)
    changes: list[FileChange] = []
    for path, raw in old.items():
        month = path.stem
        if month not in by_month:
            continue
        month_entries, month_origins = by_month[month]
        header = actuals_header(before.project.id, month)
        new = append_items(raw, [entry_lines(entry) for entry in month_entries], header)
        file = display_path(path)
        loaded, problems = load_actuals_file(path, locator, new)
        if file in damaged and raw is not None:
            first = len(_items(raw) or [])
        else:
            first = _check_preserved(files.get(file), loaded, month_entries)
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
        before.directory, before.project, [files[name] for name in sorted(files)], diagnostics
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
            for key in ordered_keys(entry):
                for on_key in (False, True):
                    line, column = locator.position(file, [index, key], on_key=on_key)
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
        column = cell.column if cell is not None and cell.column else (1 if origin.line else 0)
        return diag(
            "R601" if diagnostic.is_error else "R602",
            origin.file,
            origin.line,
            column,
            where=where,
            inner=diagnostic.code,
            message=Text(diagnostic.message("en"), diagnostic.message("hu")),
            hint=Text(diagnostic.hint("en"), diagnostic.hint("hu")),
        )


def _about_new_entries(
    after: LoadedProject, changes: Sequence[FileChange], locator: Locator, directory: Path
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
                    change.file, locator, change.entries, change.origins, change.first
                )
            pointer = pointers[change.file]
        if pointer is not None and pointer.concerns(diagnostic):
            if diagnostic.code != "A320":  # duplicates: see _apply_duplicate_policy
                mine.append(pointer.repoint(diagnostic))
        elif diagnostic.is_error:
            elsewhere.append(diagnostic)
    if elsewhere:
        return [*mine, *elsewhere, _refusal(directory)]
    return mine


# --- a new project -------------------------------------------------------------------------------

PROJECT_TEMPLATE = "templates/project.yaml"
DEFAULT_ACTIVITIES: tuple[tuple[str, str], ...] = (("consultation", "Konzultáció"),)
UNKNOWN_DATE = "not given yet: take it from the grant contract"
PROJECT_GITIGNORE = (
    "# Written by `szaktar new`: what szaktar's writers leave beside the data files.\n"
    f"actuals/*{LOCK_SUFFIX}\n"
    f"actuals/.*{TEMP_SUFFIX}\n"
)


def project_text(
    project_id: str,
    title: str,
    start: dt.date | None,
    end: dt.date | None,
    activities: Sequence[tuple[str, str]] = DEFAULT_ACTIVITIES,
) -> str:
    """project.yaml of a new project: the commented template, filled in.

    Each activity gets two tracked indicators (sessions and hours); a date not given is
    written as unknown, which `validate` warns about until it is filled in.
    """
    from importlib.resources import files  # noqa: PLC0415

    template = files("szaktar_cli").joinpath(PROJECT_TEMPLATE).read_text(encoding="utf-8")

    def date(value: dt.date | None) -> str:
        return (
            value.isoformat() if value is not None else f"{{unknown: {yaml_scalar(UNKNOWN_DATE)}}}"
        )

    blocks = {
        "__ACTIVITIES__": [
            line
            for key, name in activities
            for line in (f"  {key}:", f"    name: {yaml_scalar(name)}")
        ],
        "__INDICATORS__": [
            line
            for key, name in activities
            for line in (
                f"  {key}_sessions:",
                f"    name: {yaml_scalar(name + ' – alkalmak')}",
                "    unit: event",
                f"    measure: {{count: entries, activities: [{key}]}}",
                f"  {key}_hours:",
                f"    name: {yaml_scalar(name + ' – órák')}",
                "    unit: hour",
                f"    measure: {{sum: hours, activities: [{key}]}}",
            )
        ],
    }
    values = {
        "__ID__": yaml_scalar(project_id),
        "__TITLE__": yaml_scalar(title),
        "__START__": date(start),
        "__END__": date(end),
    }
    lines: list[str] = []
    for line in template.splitlines():
        if line.strip() in blocks:
            lines.extend(blocks[line.strip()])
            continue
        for token, value in values.items():
            line = line.replace(token, value)  # noqa: PLW2901
        lines.append(line)
    return "\n".join(lines) + "\n"


def create_project(projects_dir: Path, project_id: str, text: str) -> Path:
    """Make `<projects_dir>/<id>/` with project.yaml, an empty actuals/ and a .gitignore.

    The directory is built under a temporary name and renamed into place, so it appears
    whole or not at all; an existing project (any non-empty directory) is never touched.
    """
    directory = projects_dir / project_id
    refusal = WriteError(
        f"{display_path(directory)} already exists; nothing was changed",
        f"a(z) {display_path(directory)} már létezik; semmi sem változott",
    )
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise refusal
    _make_directory(projects_dir)
    try:
        building = Path(
            tempfile.mkdtemp(prefix=f".{project_id}.", suffix=TEMP_SUFFIX, dir=projects_dir)
        )
    except OSError as error:
        raise _write_error(directory, error) from None
    try:
        (building / ACTUALS_DIR).mkdir()
        for path, data in (
            (building / PROJECT_FILE, text),
            (building / ACTUALS_DIR / ".gitkeep", ""),
            (building / ".gitignore", PROJECT_GITIGNORE),
        ):
            _write_synced(path, data.encode("utf-8"))
        building.chmod(0o777 & ~_umask())  # mkdtemp made it private
        _fsync_directory(building / ACTUALS_DIR)
        _fsync_directory(building)
        building.rename(directory)
        _fsync_directory(projects_dir)
    except OSError as error:
        _remove_tree(building)
        if directory.exists() and any(directory.iterdir()):
            raise refusal from None
        raise _write_error(directory, error) from None
    return directory


def _write_synced(path: Path, data: bytes) -> None:
    with path.open("xb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _remove_tree(path: Path) -> None:
    import shutil  # noqa: PLC0415

    shutil.rmtree(path, ignore_errors=True)
