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
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path

from ..core.errors import WriteError
from ..read.loader import display_path

LOCK_FILE = ".szaktar.lock"
TEMP_SUFFIX = ".tmp"
LOCK_TIMEOUT_SECONDS = 30.0
_POLL_SECONDS = (0.002, 0.05)  # the first and the longest wait between two tries
_held: dict[Path, int] = {}  # lock file → how many times this process holds it


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def write_error(path: Path, error: OSError, *, changed: Sequence[str] = ()) -> WriteError:
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


def lock_path(project_dir: Path) -> Path:
    """The lock of the data directory holding the project (every project of it shares it)."""
    return project_dir.resolve().parent / LOCK_FILE


@contextmanager
def data_lock(project_dir: Path, timeout: float = LOCK_TIMEOUT_SECONDS) -> Iterator[None]:
    """Hold the lock of the data directory that holds `project_dir` (this process may take it
    again while it holds it). Not obtained within `timeout`: a WriteError, nothing changed."""
    path = lock_path(project_dir)
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
        yield
    finally:
        del _held[path]
        release()


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


def write_files_atomically(contents: Mapping[Path, bytes]) -> None:
    """Replace each file by its new content, each atomically.

    Every new content is first written to its temporary file; only when all of them are
    on disk are they renamed into place. A failure before that changes nothing; a crash
    while renaming leaves each file either old or new.
    """
    for path in contents:
        if path.is_symlink():  # replacing it would cut the link and leave its target as it was
            file = display_path(path)
            raise WriteError(
                f"{file} is a symbolic link: szaktar does not write through links; put the file "
                "itself there; nothing was changed",
                f"a(z) {file} szimbolikus hivatkozás: a szaktar nem ír hivatkozáson át; tedd a "
                "helyére magát a fájlt; semmi sem változott",
            )
    prepared: dict[Path, Path] = {}
    try:
        for path, data in contents.items():
            try:
                prepared[path] = _prepare(path, data)
            except OSError as error:
                raise write_error(path, error) from None
        done: list[str] = []
        for path, temporary in prepared.items():
            try:
                temporary.replace(path)
            except OSError as error:
                raise write_error(path, error, changed=done) from None
            done.append(display_path(path))
    finally:
        for temporary in prepared.values():
            temporary.unlink(missing_ok=True)
    for directory in {path.parent for path in contents}:
        try:
            fsync_directory(directory)
        except OSError as error:
            raise write_error(
                directory, error, changed=[display_path(p) for p in contents]
            ) from None


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


