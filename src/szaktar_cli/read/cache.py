"""A cache of what szaktar reads and works out, so that unchanged files are not read again.

Parsing and validating costs about 35 µs an entry (100 000 entries: 3.5 s); reading the
result back from the cache costs about 0.5 µs an entry. Beancount keeps such a cache too.
Kept: what each actuals file loads to (its diagnostics, and its entries, which stay
pickled until a command asks for them), and per project what its checks found and what
`status` computed (checks/workspace.py keys these by the project's YAML files and the as-of
date). docs/performance.md has the measurements.

Where: `platformdirs.user_cache_dir("szaktar")` (`~/.cache/szaktar` on Linux), or
`SZAKTAR_CACHE_DIR`; `SZAKTAR_NO_CACHE=1` (or a command's `--no-cache`) turns it off.

One record per source (a file, or a project directory) and kind, named by a hash of its
absolute path: a changed file overwrites its record, so the cache holds at most a few
records per file ever read. A record is used only when all of these match, else it is a
miss and is rewritten:

- the magic bytes and the record format;
- the code digest: szaktar's own source, and the versions of Python, PyYAML and
  pydantic (what the loaded value depends on besides the file);
- the sha256 of the source's content (its bytes, or a digest of its inputs), and the
  file's name as diagnostics show it;
- the sha256 of the payload (a truncated or corrupt record fails here);
- the payload unpickles with only the classes that loaded files, checks and computed
  results hold (dates, diagnostics, status results): a foreign record can name no other
  class, so it is never trusted.

Records are written to a temporary file and renamed into place (`os.replace`), so
concurrent runs see either the old record or the new one, never half of one. The cache
never makes a run fail: a cache directory that cannot be read or written is no cache.
"""

from __future__ import annotations

import hashlib
import importlib
import io
import os
import pickle
import struct
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

import pydantic
import yaml

from .. import __version__

RECORD_FORMAT = 1
MAGIC = b"szaktar-cache\x00" + RECORD_FORMAT.to_bytes(2, "big")
_HEADER = struct.Struct(">32s32s32sH")  # code digest, source sha256, payload sha256, name length
_MAX_NAME = 0xFFFF
# The only classes a record may hold: what loaded files, checks and computed results are made of.
_ALLOWED_CLASSES: dict[str, frozenset[str]] = {
    "datetime": frozenset({"date", "datetime", "time", "timedelta", "timezone"}),
    "szaktar_cli.read.cache": frozenset({"Pickled"}),
    "szaktar_cli.core.diagnostics": frozenset({"Diagnostic", "Text"}),
    "szaktar_cli.core.model": frozenset({"Target", "Checkpoint"}),
    "szaktar_cli.compute.results": frozenset(
        {"ProjectStatus", "IndicatorStatus", "PeriodResult", "GroupResult", "Breakdown",
         "BreakdownItem"}
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


def code_digest() -> bytes:
    """szaktar's source and the libraries that shape a loaded file: any change is a new cache."""
    digest = hashlib.sha256()
    versions = (RECORD_FORMAT, __version__, sys.version, yaml.__version__, pydantic.VERSION)
    digest.update(repr(versions).encode())
    package = Path(__file__).resolve().parents[1]  # szaktar_cli, every layer
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode() + b"\x00")
        digest.update(source.read_bytes())
    return digest.digest()


class _Unpickler(pickle.Unpickler):
    """Builds only the classes a loaded file holds; any other name makes the record a miss."""

    def find_class(self, module: str, name: str) -> Any:
        if name not in _ALLOWED_CLASSES.get(module, ()):
            raise pickle.UnpicklingError(f"{module}.{name} is not cached data")
        return getattr(importlib.import_module(module), name)


def _unpickle(payload: bytes | memoryview) -> Any:
    return _Unpickler(io.BytesIO(payload)).load()


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Pickled(Generic[T]):
    """A part of a record kept pickled until it is asked for: a run that does not need it
    (a warm `status` needs no entries) does not pay for unpickling it."""

    payload: bytes

    @classmethod
    def of(cls, value: T) -> Pickled[T] | None:
        """None when the value holds a class a record may not hold (it is then not cached)."""
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            _unpickle(payload)
        except pickle.UnpicklingError:
            return None
        return cls(payload)

    def get(self) -> T:
        value: T = _unpickle(self.payload)
        return value


@dataclass(frozen=True, slots=True)
class FileCache:
    directory: Path
    code: bytes

    @classmethod
    def open(cls, *, enabled: bool = True) -> FileCache | None:
        """The user's cache, or None when it is turned off or its directory cannot be made."""
        directory = cache_directory(enabled=enabled)
        if directory is None:
            return None
        records = directory / f"records-v{RECORD_FORMAT}"
        try:
            records.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None
        return cls(records, code_digest())

    def _record_path(self, source: Path, kind: str) -> Path:
        name = hashlib.sha256(f"{kind}\0{source.absolute()}".encode("utf-8", "surrogateescape"))
        return self.directory / f"{name.hexdigest()[:40]}.pickle"

    def load(self, source: Path, file: str, content: bytes, kind: str = "file") -> Any | None:
        """The value stored for this exact content of `source`, or None (a miss).

        `kind` tells apart values kept for the same source (a file, what a project checks to).
        """
        try:
            record = self._record_path(source, kind).read_bytes()
        except OSError:
            return None
        start = len(MAGIC) + _HEADER.size
        if len(record) < start or not record.startswith(MAGIC):
            return None
        code, source_hash, payload_hash, length = _HEADER.unpack_from(record, len(MAGIC))
        name = record[start : start + length]
        payload = memoryview(record)[start + length :]
        if (
            code != self.code
            or name != file.encode("utf-8", "surrogateescape")
            or source_hash != hashlib.sha256(content).digest()
            or payload_hash != hashlib.sha256(payload).digest()
        ):
            return None
        try:
            return _unpickle(payload)
        except Exception:  # whatever a damaged record raises, it is a miss
            return None

    def store(
        self, source: Path, file: str, content: bytes, value: Any, kind: str = "file"
    ) -> None:
        """Keep `value` for this content of `source`; failing to write is not an error."""
        name = file.encode("utf-8", "surrogateescape")
        if len(name) > _MAX_NAME:
            return
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        header = _HEADER.pack(
            self.code,
            hashlib.sha256(content).digest(),
            hashlib.sha256(payload).digest(),
            len(name),
        )
        target = self._record_path(source, kind)
        try:
            handle, temporary = tempfile.mkstemp(dir=self.directory, prefix=".tmp-")
        except OSError:
            return
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(MAGIC + header + name)
                stream.write(payload)
            Path(temporary).replace(target)  # atomic: readers see the old record or this one
        except OSError:
            Path(temporary).unlink(missing_ok=True)
