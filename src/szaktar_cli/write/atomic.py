"""Locks and atomic writes: the one way szaktar changes a file.

A file is locked (`<file>.lock`, filelock: an flock the kernel releases if the process dies),
its new content written to a temporary file in the same directory, flushed and fsynced, and
renamed over the old file (`os.replace`, atomic); then the directory is fsynced. A process
killed at any moment leaves either the old file or the new one, never a torn one.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path

from ..core.errors import WriteError
from ..read.loader import display_path

LOCK_SUFFIX = ".lock"
TEMP_SUFFIX = ".tmp"
LOCK_TIMEOUT_SECONDS = 30.0


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
        raise write_error(path, error) from None
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


