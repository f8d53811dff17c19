"""Reading one of the user's files: only a regular file, and only up to a size bound.

Whatever szaktar reads from a data directory (project.yaml, an actuals file, closed.yaml,
a CSV file to import) comes through `read_regular_file`. A name may be a FIFO, a device or a
link to one (`/dev/zero`): such a file is refused before a byte is read — a FIFO is opened
without waiting for a writer — so that a hostile or unlucky tree can neither hang a run nor
exhaust its memory. A link to a regular file is followed, as any reader would.
"""

from __future__ import annotations

import gc
import hashlib
import os
import stat
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..core.diagnostics import Text
from ..core.errors import UsageError

# No data file comes near this (a 200 000-entry month is ~30 MB); reading a larger one would
# take minutes and gigabytes of memory to parse.
MAX_FILE_BYTES = 256 * 1024 * 1024


class UnreadableError(Exception):
    """Why a file cannot be read, in both languages (L403's reason)."""

    def __init__(self, reason: Text) -> None:
        super().__init__(reason.en)
        self.reason = reason

    @classmethod
    def of(cls, error: OSError) -> UnreadableError:
        reason = error.strerror or str(error)
        return cls(Text(reason, reason))

    def usage_error(self, file: object) -> UsageError:
        """The error of a command given `file` to read (a CSV file or workbook to import)."""
        return UsageError(
            f"cannot read {file}: {self.reason.en}", f"nem olvasható: {file}: {self.reason.hu}"
        )


def _open_regular(path: Path) -> tuple[int, os.stat_result]:
    """A descriptor of `path` and its status, if it is a regular file (else UnreadableError)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise UnreadableError.of(error) from None
    status = os.fstat(descriptor)
    if not stat.S_ISREG(status.st_mode):
        os.close(descriptor)
        raise UnreadableError(Text("not a regular file", "nem közönséges fájl"))
    return descriptor, status


def read_regular_file(path: Path, limit: int | None = None) -> bytes:
    """The bytes of the regular file at `path` (a link is followed), at most `limit` of them
    (default MAX_FILE_BYTES); anything else raises UnreadableError with the reason."""
    limit = MAX_FILE_BYTES if limit is None else limit
    descriptor, status = _open_regular(path)
    with os.fdopen(descriptor, "rb") as handle:
        if status.st_size > limit:
            raise _too_large(limit)
        try:
            data = handle.read(limit + 1)  # a file may grow after fstat
        except OSError as error:
            raise UnreadableError.of(error) from None
    if len(data) > limit:
        raise _too_large(limit)
    return data


def read_start(path: Path, size: int) -> bytes:
    """The first `size` bytes (or fewer) of the regular file at `path`; else UnreadableError."""
    descriptor, _ = _open_regular(path)
    with os.fdopen(descriptor, "rb") as handle:
        try:
            return handle.read(size)
        except OSError as error:
            raise UnreadableError.of(error) from None


def _too_large(limit: int) -> UnreadableError:
    return UnreadableError(Text(f"larger than {limit} bytes", f"nagyobb, mint {limit} bájt"))


@dataclass(frozen=True, slots=True)
class Source:
    """A file's bytes as read, with their sha256: what was loaded is what the cache keys."""

    data: bytes
    digest: bytes

    @classmethod
    def of(cls, data: bytes) -> Source:
        return cls(data, hashlib.sha256(data).digest())


def read_source(path: Path) -> Source:
    return Source.of(read_regular_file(path))


def file_digest(path: Path) -> bytes:
    """The sha256 of the regular file at `path` (as `read_source` gives it), read in pieces:
    knowing whether a file changed costs its hash, not a copy of it."""
    descriptor, _ = _open_regular(path)
    with os.fdopen(descriptor, "rb", buffering=0) as handle:
        try:
            return hashlib.file_digest(handle, "sha256").digest()
        except OSError as error:
            raise UnreadableError.of(error) from None


# Files per thread, at least, when many are hashed at once (a thread costs more than a few)
_FILES_PER_THREAD = 8
_MAX_THREADS = 4


def file_digests(paths: Sequence[Path]) -> list[bytes]:
    """`file_digest` of each path, on up to one thread per processor: reading and hashing
    release the GIL, and a warm run of many files is mostly their hashing. Raises the
    UnreadableError of the first one that cannot be read."""
    processors = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    workers = min(processors, _MAX_THREADS, len(paths) // _FILES_PER_THREAD)
    if workers <= 1:
        return [file_digest(path) for path in paths]
    hashed: list[bytes | UnreadableError] = [b""] * len(paths)

    def hash_every(first: int) -> None:  # paths first, first + workers, …
        for index in range(first, len(paths), workers):
            try:
                hashed[index] = file_digest(paths[index])
            except UnreadableError as error:
                hashed[index] = error

    threads = [threading.Thread(target=hash_every, args=(first,)) for first in range(1, workers)]
    for thread in threads:
        thread.start()
    hash_every(0)
    for thread in threads:
        thread.join()
    for digest in hashed:
        if isinstance(digest, UnreadableError):
            raise digest
    return [digest for digest in hashed if isinstance(digest, bytes)]


def open_stream(path: Path) -> BinaryIO:
    """The regular file at `path` opened to be read in a stream (a CSV file to import, which has
    no size bound: it is never held whole); anything else raises UnreadableError."""
    descriptor, _ = _open_regular(path)
    return os.fdopen(descriptor, "rb")


@contextmanager
def gc_paused() -> Iterator[None]:
    """Reading and checking allocate millions of objects that all survive: collecting
    meanwhile is waste."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
