"""Locks and atomic writes: the one way szaktar changes a file.

Every write to a data directory happens under its one lock (`data_lock`): one writer at a
time, which is plenty at this scale, and what makes "check, then write" one step — `log`,
`import`, `close` and `reopen` read the closed months and write under the same lock. The lock
is an flock (released by the kernel if the process dies) on `.szaktar.lock` at the data
directory's root, created when it is taken and removed when it is released, so that no lock
file stays in the user's tree (git shows data files only).

A file's new content is written to a temporary file in the same directory, flushed and
fsynced, and renamed over the old file (`os.replace`, atomic); then the directory is fsynced.
A process killed at any moment leaves either the old file or the new one, never a torn one.

Several files of a data directory are replaced all or none, through its journal
(`.szaktar.journal`, beside the lock): every new content is first in its fsynced temporary
file; then the journal, naming each temporary file, its file and the digest of its content, is
written (atomically, fsynced): that is the moment the write happens. Only then are the files
renamed into place, and the journal removed. A crash before the journal leaves every file old
(and temporary files the next write removes); a crash after it leaves the journal, and whoever
takes the lock next completes the renames from it before anything else: every file new. The
commands that only read complete it too, before they read (cli/session.py), so that no one
reads a half-made change.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path

from ..core.errors import WriteError
from ..read.loader import display_path

LOCK_FILE = ".szaktar.lock"
JOURNAL_FILE = ".szaktar.journal"
_JOURNAL_FORMAT = 1
TEMP_SUFFIX = ".tmp"
LOCK_TIMEOUT_SECONDS = 30.0
_POLL_SECONDS = (0.002, 0.05)  # the first and the longest wait between two tries
_held: dict[Path, int] = {}  # lock file → how many times this process holds it


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def write_error(path: Path, error: OSError) -> WriteError:
    file = display_path(path)
    reason = _reason(error)
    return WriteError(
        f"cannot write {file}: {reason}; nothing was changed",
        f"nem írható: {file}: {reason}; semmi sem változott",
    )


def data_directory(project_dir: Path) -> Path:
    """The data directory holding the project: where its lock and journal are."""
    return project_dir.resolve().parent


def lock_path(project_dir: Path) -> Path:
    """The lock of the data directory holding the project (every project of it shares it)."""
    return data_directory(project_dir) / LOCK_FILE


def journal_path(data_dir: Path) -> Path:
    return data_dir / JOURNAL_FILE


@contextmanager
def data_lock(project_dir: Path, timeout: float = LOCK_TIMEOUT_SECONDS) -> Iterator[None]:
    """Hold the lock of the data directory that holds `project_dir` (this process may take it
    again while it holds it). Not obtained within `timeout`: a WriteError, nothing changed.
    Once taken, a write that a crash interrupted is completed first (its journal)."""
    with _locked(data_directory(project_dir), timeout):
        yield


@contextmanager
def _locked(data_dir: Path, timeout: float = LOCK_TIMEOUT_SECONDS) -> Iterator[None]:
    path = data_dir / LOCK_FILE
    if path in _held:
        _held[path] += 1
        try:
            yield
        finally:
            _held[path] -= 1
        return
    release = _acquire(path, timeout)
    _held[path] = 1
    try:
        _complete_interrupted_write(data_dir)
        yield
    finally:
        del _held[path]
        release()


def complete_interrupted_write(data_dir: Path) -> None:
    """If a write into the data directory was interrupted after it was committed (its journal
    is there), complete it now, under the lock: before a command reads the data."""
    if os.path.lexists(journal_path(data_dir)):
        with _locked(data_dir.resolve()):
            pass


def _busy(path: Path) -> WriteError:
    directory = display_path(path.parent)
    return WriteError(
        f"{directory} is being written by another szaktar command; try again",
        f"a(z) {directory} könyvtárba most egy másik szaktar-parancs ír; próbáld újra",
    )


def _acquire(path: Path, timeout: float) -> Callable[[], None]:
    """Take the lock; returns what releases it."""
    if sys.platform == "win32":  # pragma: no cover  # filelock removes the file on release there
        from filelock import FileLock, Timeout  # noqa: PLC0415

        lock = FileLock(str(path), timeout=timeout)
        try:
            lock.acquire()
        except Timeout:
            raise _busy(path) from None
        except OSError as error:
            raise write_error(path, error) from None
        return lock.release
    descriptor = _flock(path, time.monotonic() + timeout)

    def release() -> None:
        # Removed while still held: a process that opened it meanwhile finds, once it holds
        # it, that it is no longer the file at `path`, and tries again (see _flock).
        with suppress(OSError):
            path.unlink()
        os.close(descriptor)

    return release


def _flock(path: Path, deadline: float) -> int:
    """An flock on `path`, created if need be, that is still the file named `path` once held."""
    import fcntl  # noqa: PLC0415  # POSIX only

    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    wait = _POLL_SECONDS[0]
    while True:
        try:
            descriptor = os.open(path, flags, 0o644)
        except OSError as error:
            raise write_error(path, error) from None
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(descriptor)
            if time.monotonic() > deadline:
                raise _busy(path) from None
            time.sleep(wait)
            wait = min(wait * 2, _POLL_SECONDS[1])
            continue
        except OSError as error:
            os.close(descriptor)
            raise write_error(path, error) from None
        try:
            if os.path.samestat(os.fstat(descriptor), os.lstat(path)):
                return descriptor
        except FileNotFoundError:
            pass
        os.close(descriptor)  # its holder removed it as we waited: take the new one


def _temporaries(path: Path) -> Iterator[Path]:
    return path.parent.glob(f".{path.name}.*{TEMP_SUFFIX}")


def remove_leftovers(paths: Iterable[Path]) -> None:
    """Under the lock: a writer killed before its rename leaves its temporary file, and none is
    in use now; so are the per-file `.lock` files of szaktar versions before the data
    directory's lock. A leftover that cannot be removed harms nothing: readers ignore them."""
    for path in paths:
        for stale in [*_temporaries(path), path.with_name(path.name + ".lock")]:
            with suppress(OSError):
                stale.unlink()


def current_umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def _new_file_mode() -> int:
    return 0o666 & ~current_umask()


def fsync_directory(directory: Path) -> None:
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


def write_files_atomically(
    contents: Mapping[Path, bytes], *, data_dir: Path | None = None
) -> None:
    """Replace files by their new content: one file atomically; several files of the data
    directory `data_dir` (whose lock the caller holds) all or none, through its journal."""
    for path in contents:
        if path.is_symlink():  # replacing it would cut the link and leave its target as it was
            file = display_path(path)
            raise WriteError(
                f"{file} is a symbolic link: szaktar does not write through links; put the file "
                "itself there; nothing was changed",
                f"a(z) {file} szimbolikus hivatkozás: a szaktar nem ír hivatkozáson át; tedd a "
                "helyére magát a fájlt; semmi sem változott",
            )
    if len(contents) > 1:
        assert data_dir is not None, "several files are written through the journal"
        _commit(data_dir, contents)
        return
    for path, data in contents.items():
        try:
            temporary = _prepare(path, data)
        except OSError as error:
            raise write_error(path, error) from None
        try:
            temporary.replace(path)
        except OSError as error:
            temporary.unlink(missing_ok=True)
            raise write_error(path, error) from None
        try:
            fsync_directory(path.parent)
        except OSError as error:
            file, reason = display_path(path), _reason(error)
            raise WriteError(
                f"{file} is written, but its directory could not be synced: {reason}",
                f"a(z) {file} kiírva, de a könyvtára nem szinkronizálható: {reason}",
            ) from None


def _commit(data_dir: Path, contents: Mapping[Path, bytes]) -> None:
    """All the files or none: temporary files, then the journal (the commit), then the renames."""
    prepared: dict[Path, Path] = {}
    try:
        for path, data in contents.items():
            try:
                prepared[path] = _prepare(path, data)
            except OSError as error:
                raise write_error(path, error) from None
        for directory in {path.parent for path in contents}:
            try:
                fsync_directory(directory)
            except OSError as error:
                raise write_error(directory, error) from None
        journal = {
            "szaktar_journal": _JOURNAL_FORMAT,
            "files": [
                {
                    "temporary": _relative(data_dir, temporary),
                    "file": _relative(data_dir, path),
                    "sha256": hashlib.sha256(contents[path]).hexdigest(),
                }
                for path, temporary in prepared.items()
            ],
        }
        _write_journal(data_dir, journal)
    except BaseException:
        for temporary in prepared.values():
            temporary.unlink(missing_ok=True)
        raise
    try:
        _replay(data_dir, journal["files"])
    except WriteError as error:
        raise WriteError(
            f"{error.en}; it is completed by the next szaktar command that reads or writes "
            "this data",
            f"{error.hu}; a következő szaktar-parancs, amely ezeket az adatokat olvassa vagy "
            "írja, befejezi",
        ) from None


def _relative(data_dir: Path, path: Path) -> str:
    relative = os.path.relpath(path.absolute(), data_dir.absolute())
    assert not relative.startswith(".."), f"{path} is outside {data_dir}"
    return Path(relative).as_posix()


def _write_journal(data_dir: Path, journal: Mapping[str, object]) -> None:
    path = journal_path(data_dir)
    data = (json.dumps(journal, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    try:
        _prepare(path, data).replace(path)
        fsync_directory(data_dir)
    except OSError as error:
        for leftover in _temporaries(path):
            leftover.unlink(missing_ok=True)
        raise write_error(path, error) from None


def _replay(data_dir: Path, files: object) -> None:
    """Rename each temporary file of a committed write into place (those still there), then
    remove the journal. What cannot be completed is a WriteError; the journal then stays."""
    journal = journal_path(data_dir)
    moves = _moves(data_dir, files)
    for temporary, path, digest in moves:
        if os.path.lexists(temporary):
            if hashlib.sha256(temporary.read_bytes()).hexdigest() != digest:
                raise _journal_problem(data_dir, f"{display_path(temporary)} is not what it was")
            try:
                temporary.replace(path)
            except OSError as error:
                raise _unfinished(data_dir, path, error) from None
        elif not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            raise _journal_problem(data_dir, f"{display_path(temporary)} is missing")
    try:
        for directory in {path.parent for _, path, _ in moves}:
            fsync_directory(directory)
        journal.unlink()
        fsync_directory(data_dir)
    except OSError as error:
        raise _journal_problem(data_dir, _reason(error)) from None


def _moves(data_dir: Path, files: object) -> list[tuple[Path, Path, str]]:
    """The journal's (temporary file, file, sha256) triples: each a temporary file beside its
    file, inside the data directory (a journal naming anything else is not followed)."""
    moves: list[tuple[Path, Path, str]] = []
    for item in files if isinstance(files, list) else [None]:
        names = [item.get(key) for key in ("temporary", "file", "sha256")] if isinstance(
            item, dict
        ) else []
        if len(names) != 3 or not all(isinstance(name, str) for name in names):
            raise _journal_problem(data_dir, "it is not a journal szaktar wrote")
        temporary, path = Path(str(names[0])), Path(str(names[1]))
        if (
            temporary.is_absolute()
            or ".." in path.parts
            or temporary.parent != path.parent
            or not temporary.name.startswith(f".{path.name}.")
            or not temporary.name.endswith(TEMP_SUFFIX)
        ):
            raise _journal_problem(data_dir, "it names a file that is not a temporary file's")
        moves.append((data_dir / temporary, data_dir / path, str(names[2])))
    return moves


def _complete_interrupted_write(data_dir: Path) -> None:
    journal = journal_path(data_dir)
    try:
        raw = journal.read_bytes()
    except FileNotFoundError:
        remove_leftovers([journal])  # a journal never committed: its write changed nothing
        return
    except OSError as error:
        raise _journal_problem(data_dir, _reason(error)) from None
    try:
        content = json.loads(raw)
    except ValueError:
        raise _journal_problem(data_dir, "it is not a journal szaktar wrote") from None
    if not isinstance(content, dict) or content.get("szaktar_journal") != _JOURNAL_FORMAT:
        raise _journal_problem(data_dir, "it is not a journal szaktar wrote")
    _replay(data_dir, content.get("files"))


def _unfinished(data_dir: Path, path: Path, error: OSError) -> WriteError:
    file, journal = display_path(path), display_path(journal_path(data_dir))
    return WriteError(
        f"cannot write {file}: {_reason(error)}; the write stays in {journal}",
        f"nem írható: {file}: {_reason(error)}; az írás a(z) {journal} fájlban marad",
    )


def _journal_problem(data_dir: Path, reason: str) -> WriteError:
    journal = display_path(journal_path(data_dir))
    return WriteError(
        f"an interrupted write cannot be completed from {journal}: {reason}; check the files "
        "it names (git diff), then remove it",
        f"egy félbeszakadt írás nem fejezhető be a(z) {journal} alapján: {reason}; nézd át a "
        "benne szereplő fájlokat (git diff), majd töröld",
    )


def write_file_atomically(path: Path, data: bytes) -> None:
    """Write an output file (export, report) atomically.

    No lock: such a file is written whole, never read-modified-written, so the last rename
    wins cleanly, and no `FILE.lock` is left beside a file meant to be mailed.
    """
    write_files_atomically({path: data})


def make_directory(path: Path) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise write_error(path, error) from None


def read_current(path: Path) -> bytes | None:
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


