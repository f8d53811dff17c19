"""A cache of what szaktar reads and works out, so that unchanged files are not read again.

Parsing and validating costs about 35 µs an entry (100 000 entries: 3.5 s); reading the
result back from the cache costs about 0.5 µs an entry. Beancount keeps such a cache too.
Kept: what each file loads to (its diagnostics, and its entries or model, which stay pickled
until a command asks for them), per project all of that but the entries in one record
(read/loader.py), what its checks found and what `status` computed, and the report `status`
drew of them all, as it was asked for (checks/workspace.py keys these by the digests of the
bytes each file was loaded from, the as-of date and the command's options).
docs/performance.md has the measurements.

Where: `platformdirs.user_cache_dir("szaktar")` (`~/.cache/szaktar` on Linux), or
`SZAKTAR_CACHE_DIR`; `SZAKTAR_NO_CACHE=1` (or a command's `--no-cache`) turns it off.

One record per source (a file, or a project directory) and kind, named by a hash of its
absolute path: a changed file overwrites its record. A record is used only when all of these
hold, else it is a miss (and is rewritten):

- it is a regular file no larger than MAX_RECORD_BYTES, and starts with the magic bytes of
  this record format;
- its MAC is right: HMAC-SHA256 under the user's own secret (`secret` in the cache
  directory: 32 random bytes, created with mode 0600, used only while it is a regular file of
  the user's, readable by no one else). Nobody without the secret can make a record szaktar
  accepts, nor alter one;
- the code digest: szaktar's own files, the version of Python, and the files of PyYAML,
  pydantic, babel and tabulate that say their versions (what a kept value depends on besides
  the files);
- the key (the sha256 of the bytes the value was computed from), the file's name as
  diagnostics show it, and the source's path;
- the payload unpickles with only the classes that loaded files, checks and computed results
  hold (dates, diagnostics, status results), and has the shape its kind must have (the
  caller's check).

Any failure on the way is a miss: the cache can make a run slower, never wrong and never
failing. Records are written to a temporary file and renamed into place (`os.replace`), so
concurrent runs see the old record or the new one, never half of one.

The cache is kept small (`tidy`): after a run that wrote records, the least recently used
ones go until the cache is under MAX_CACHE_BYTES (`SZAKTAR_CACHE_MAX_MB`); once a day, records
of files that no longer exist go too, and so do records of older formats and temporary files
left by killed runs.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import importlib
import io
import os
import pickle
import secrets
import shutil
import stat
import struct
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.util import find_spec
from pathlib import Path
from typing import Any, Generic, TypeVar

from .. import __version__
from .sources import UnreadableError, read_regular_file, read_start

RECORD_FORMAT = 2
MAGIC = b"szaktar-cache\x00" + RECORD_FORMAT.to_bytes(2, "big")
RECORDS = f"records-v{RECORD_FORMAT}"
SECRET_FILE = "secret"  # noqa: S105  # the name of the file, not a secret
SECRET_BYTES = 32
_MAC = hashlib.sha256().digest_size
_HEADER = struct.Struct(">32s32sHH")  # code digest, key digest, name length, source length
_MAX_NAME = 0xFFFF
MAX_RECORD_BYTES = 1 << 30
MAX_CACHE_BYTES = 1 << 30  # SZAKTAR_CACHE_MAX_MB changes it
TIDY_EVERY_SECONDS = 24 * 3600
_TIDY_STAMP = "last-tidy"
_TEMPORARY = ".tmp-"
# The only classes a record may hold: what loaded files (project.yaml: its models), checks,
# computed results and the reports kept of them are made of.
_ALLOWED_CLASSES: dict[str, frozenset[str]] = {
    "datetime": frozenset({"date", "datetime", "time", "timedelta", "timezone"}),
    "array": frozenset({"array", "_array_reconstructor"}),
    "szaktar_cli.read.places": frozenset({"ItemPlaces"}),
    "szaktar_cli.read.cache": frozenset({"Pickled"}),
    "szaktar_cli.core.diagnostics": frozenset({"Diagnostic", "Text"}),
    "szaktar_cli.core.model": frozenset(
        {"Project", "Grant", "Unknown", "Plausible", "Activity", "Dimension", "Phase", "Ratio",
         "Category", "EntryBreakdown", "Composition", "Measure", "Checkpoint", "PaceProfile",
         "Target", "Indicator", "Fact", "Closing", "Reopening"}
    ),
    "szaktar_cli.core.targets": frozenset({"Pace"}),
    "szaktar_cli.render.tables": frozenset({"Drawn", "Section", "Table"}),
    "szaktar_cli.compute.results": frozenset(
        {"ProjectStatus", "IndicatorStatus", "PeriodResult", "GroupResult", "Breakdown",
         "BreakdownItem", "Categories", "Milestone"}
    ),
}


def cache_directory(*, enabled: bool = True) -> Path | None:
    """Where the cache lives, or None when it is turned off."""
    if not enabled or os.environ.get("SZAKTAR_NO_CACHE", "") not in {"", "0"}:
        return None
    configured = os.environ.get("SZAKTAR_CACHE_DIR")
    if configured:
        return Path(configured)
    from platformdirs import user_cache_dir  # noqa: PLC0415  # only runs that use the cache

    return Path(user_cache_dir("szaktar", appauthor=False))


# The libraries a kept value depends on (a report's numbers and dates are babel's, its tables
# tabulate's), and the files that hold their versions: read, not imported (a warm run imports
# neither the parser nor the models, nor these).
_LIBRARY_VERSIONS = (
    ("yaml", "__init__.py"), ("pydantic", "version.py"), ("babel", "__init__.py"),
    ("tabulate", "__init__.py"), ("tabulate", "version.py"),
)


def _library_file(library: str, name: str) -> bytes:
    spec = find_spec(library)
    folders = spec.submodule_search_locations if spec is not None else None
    if not folders:
        return b""
    try:
        return (Path(next(iter(folders))) / name).read_bytes()
    except OSError:
        return b""


def code_digest() -> bytes:
    """szaktar's code and data (labels…) and the libraries that shape a kept value: any change is
    a new cache.

    szaktar's own files count by their size and time of change, as Python itself tells whether a
    module's compiled bytecode is current: the code a run executes is the code its records are
    of (and a run spends no time reading its own source).
    """
    digest = hashlib.sha256()
    versions = (RECORD_FORMAT, __version__, sys.version)
    digest.update(repr(versions).encode())
    for library, version_file in _LIBRARY_VERSIONS:
        digest.update(_library_file(library, version_file))
    package = Path(__file__).resolve().parents[1]  # szaktar_cli, every layer
    files: list[Path] = []
    for folder, folders, names in os.walk(package):
        folders[:] = [name for name in folders if name != "__pycache__"]  # (Python's own)
        files += (Path(folder, name) for name in names)
    for path in sorted(files):
        status = path.stat()
        where = path.relative_to(package).as_posix()
        digest.update(f"{where}\0{status.st_size}\0{status.st_mtime_ns}\0".encode())
    return digest.digest()


def user_secret(directory: Path) -> bytes | None:
    """The key of the records' MACs: `secret` in the cache directory, made on first use.

    None (no cache) when it is not a regular file of this user's that no one else may read.
    """
    path = directory / SECRET_FILE
    for _ in range(2):
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        try:
            descriptor = os.open(path, flags | getattr(os, "O_BINARY", 0))
        except FileNotFoundError:
            _make_secret(path)
            continue
        except OSError:
            return None
        with os.fdopen(descriptor, "rb") as handle:
            status = os.fstat(descriptor)
            if not stat.S_ISREG(status.st_mode) or not _private(status):
                return None
            secret = handle.read(SECRET_BYTES + 1)
        return secret if len(secret) == SECRET_BYTES else None
    return None


def _private(status: os.stat_result) -> bool:
    if not hasattr(os, "geteuid"):  # Windows: the user's profile directory is private
        return True
    return status.st_uid == os.geteuid() and not status.st_mode & 0o077


def _make_secret(path: Path) -> None:
    """A new secret, linked into place whole (mode 0600, as mkstemp makes files): of two runs
    making one at once, the first link wins and both use that one."""
    _put(path, secrets.token_bytes(SECRET_BYTES), replace=False)


def _put(path: Path, data: bytes, *, replace: bool) -> bool:
    """Write `data` to a temporary file beside `path`, then rename it over `path` (`replace`),
    or link it there unless a file is there already: readers never see half of it."""
    try:
        descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=_TEMPORARY)
    except OSError:
        return False
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        if replace:
            temporary.replace(path)
        else:
            with contextlib.suppress(FileExistsError):
                os.link(temporary, path)
    except OSError:
        return False
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
    return True


class _Unpickler(pickle.Unpickler):
    """Builds only the classes a loaded file holds; any other name makes the record a miss."""

    def find_class(self, module: str, name: str) -> Any:
        if name not in _ALLOWED_CLASSES.get(module, ()):
            raise pickle.UnpicklingError(f"{module}.{name} is not cached data")
        return getattr(importlib.import_module(module), name)


def _unpickle(payload: bytes | memoryview) -> Any:
    return _Unpickler(io.BytesIO(payload)).load()


T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


@dataclass(frozen=True, slots=True)
class Pickled(Generic[T_co]):
    """A part of a record kept pickled until it is asked for: a run that does not need it
    (a warm `status` needs no entries) does not pay for unpickling it. The record's MAC
    covers it, and it was unpickled once before it was stored."""

    payload: bytes

    @classmethod
    def of(cls, value: T) -> Pickled[T] | None:
        """None when the value holds a class a record may not hold (it is then not cached)."""
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            _unpickle(payload)
        except pickle.UnpicklingError:
            return None
        kept: Pickled[T] = Pickled(payload)
        return kept

    def get(self) -> T_co:
        value: T_co = _unpickle(self.payload)
        return value


def unpickled(value: T | Pickled[T]) -> T:
    """A value a record may keep pickled until it is asked for (`Pickled`), as itself."""
    return value.get() if isinstance(value, Pickled) else value


def pickled(value: T | Pickled[T]) -> Pickled[T] | None:
    """A value as a record keeps it (as `Pickled.of`), without unpickling one kept so."""
    return value if isinstance(value, Pickled) else Pickled.of(value)


def _encoded(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


@dataclass(slots=True)
class FileCache:
    directory: Path  # the records
    code: bytes
    secret: bytes
    stored: int = field(default=0)  # bytes of records this run wrote

    @classmethod
    def open(cls, *, enabled: bool = True) -> FileCache | None:
        """The user's cache, or None when it is turned off or cannot be used."""
        directory = cache_directory(enabled=enabled)
        if directory is None:
            return None
        records = directory / RECORDS
        try:
            directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            records.mkdir(mode=0o700, exist_ok=True)
        except OSError:
            return None
        secret = user_secret(directory)
        return None if secret is None else cls(records, code_digest(), secret)

    def _record_path(self, source: Path, kind: str) -> Path:
        name = hashlib.sha256(_encoded(f"{kind}\0{source.absolute()}"))
        return self.directory / f"{name.hexdigest()[:40]}.pickle"

    def _mac(self, body: bytes | memoryview) -> bytes:
        return hmac.digest(self.secret, MAGIC + bytes(body), "sha256")

    def load(
        self, source: Path, file: str, key: bytes, valid: Callable[[Any], bool], kind: str = "file"
    ) -> Any | None:
        """The value stored for `source` computed from `key` (the digest of what it was computed
        from), if it is `valid` (its shape); else None, a miss. `kind` tells apart values kept
        for the same source (a file, what a project checks to)."""
        try:
            value = self._read(source, file, key, kind)
            return value if value is not None and valid(value) else None
        except Exception:  # whatever a damaged or foreign record raises, it is a miss
            return None

    def _read(self, source: Path, file: str, key: bytes, kind: str) -> Any | None:
        path = self._record_path(source, kind)
        try:
            record = read_regular_file(path, MAX_RECORD_BYTES)
        except UnreadableError:
            return None
        start = len(MAGIC) + _MAC
        if not record.startswith(MAGIC) or len(record) < start + _HEADER.size:
            return None
        body = memoryview(record)[start:]
        if not hmac.compare_digest(record[len(MAGIC) : start], self._mac(body)):
            return None
        code, key_digest, name_length, source_length = _HEADER.unpack_from(body)
        names = bytes(body[_HEADER.size : _HEADER.size + name_length + source_length])
        expected = _encoded(file) + _encoded(str(source.absolute()))
        if (
            code != self.code
            or key_digest != hashlib.sha256(key).digest()
            or names != expected
            or name_length != len(_encoded(file))
        ):
            return None
        value = _unpickle(body[_HEADER.size + name_length + source_length :])
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: kept the longest
        return value

    def store(self, source: Path, file: str, key: bytes, value: Any, kind: str = "file") -> None:
        """Keep `value` for `source` as computed from `key`; failing to write is not an error."""
        name, origin = _encoded(file), _encoded(str(source.absolute()))
        if len(name) > _MAX_NAME or len(origin) > _MAX_NAME:
            return
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        key_digest = hashlib.sha256(key).digest()
        header = _HEADER.pack(self.code, key_digest, len(name), len(origin))
        body = header + name + origin + payload
        record = MAGIC + self._mac(body) + body
        if _put(self._record_path(source, kind), record, replace=True):
            self.stored += len(record)

    def tidy(self) -> None:
        """Keep the cache small: see the module's docstring. Failing to is not an error."""
        root = self.directory.parent
        stamp = root / _TIDY_STAMP
        try:
            due = time.time() - stamp.stat().st_mtime > TIDY_EVERY_SECONDS
        except OSError:
            due = True
        if not due and not self.stored:
            return
        with contextlib.suppress(OSError):
            if due:
                stamp.touch()
                self._forget_what_is_gone(root)
            self._keep_under(_size_bound())

    def _forget_what_is_gone(self, root: Path) -> None:
        """Records of files that no longer exist, other formats' records, dead temporaries."""
        for other in root.glob("records-v*"):
            if other.name != RECORDS:
                shutil.rmtree(other, ignore_errors=True)
        for entry in os.scandir(self.directory):
            path = Path(entry.path)
            if entry.name.startswith(_TEMPORARY):
                if time.time() - entry.stat().st_mtime > TIDY_EVERY_SECONDS:
                    path.unlink(missing_ok=True)
                continue
            source = _source_of(path)
            if source is not None and not os.path.lexists(source):
                path.unlink(missing_ok=True)

    def _keep_under(self, bound: int) -> None:
        """The least recently used records go until the rest fit in `bound` bytes."""
        records = [
            (status.st_mtime, status.st_size, Path(entry.path))
            for entry in os.scandir(self.directory)
            if not entry.name.startswith(_TEMPORARY) and (status := entry.stat())
        ]
        total = sum(size for _, size, _ in records)
        for _, size, path in sorted(records):
            if total <= bound:
                break
            path.unlink(missing_ok=True)
            total -= size


def _size_bound() -> int:
    configured = os.environ.get("SZAKTAR_CACHE_MAX_MB", "")
    try:
        return int(float(configured) * 1024 * 1024) if configured else MAX_CACHE_BYTES
    except ValueError:
        return MAX_CACHE_BYTES


def _source_of(record: Path) -> str | None:
    """The path a record was made for, from its header (None when it has none to read)."""
    try:
        head = read_start(record, len(MAGIC) + _MAC + _HEADER.size + 2 * _MAX_NAME)
    except UnreadableError:
        return None
    start = len(MAGIC) + _MAC
    if not head.startswith(MAGIC) or len(head) < start + _HEADER.size:
        return None
    _, _, name_length, source_length = _HEADER.unpack_from(head, start)
    first = start + _HEADER.size + name_length
    return head[first : first + source_length].decode("utf-8", "surrogateescape")
