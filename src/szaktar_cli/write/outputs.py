"""`-o FILE` of `export` and `report`: a new file, or one szaktar wrote — never anything else.

The policy (docs/commands.md, "Options, output and exit codes"):

- `-o -` is stdout;
- a link is not followed: a link at FILE is refused (name the file it points to);
- only a regular file is written: a device, a FIFO or a folder at FILE is refused;
- nothing in the data directory is an output: its files are the data;
- an existing file is replaced only when szaktar wrote it (it is what szaktar last wrote
  there), or with `--force`. What szaktar wrote where is kept in the user's cache directory
  (`outputs/`: the sha256 of the bytes last written to each file); without a cache every
  existing file needs `--force`.

A refusal is a usage error (exit 2) that names the option; nothing is written then.
"""

from __future__ import annotations

import contextlib
import hashlib
import stat
from pathlib import Path

from ..core.errors import UsageError
from ..read.cache import cache_directory
from ..read.loader import display_path
from ..read.sources import UnreadableError, read_regular_file
from .atomic import write_file_atomically

STDOUT = Path("-")
_LEDGER = "outputs"


def _refused(path: Path, en: str, hu: str) -> UsageError:
    file = display_path(path)
    return UsageError(f"-o: {file} {en}", f"-o: {file} {hu}")


def check_output(path: Path, data_directory: Path, *, force: bool) -> None:
    """Raise a usage error if `-o path` may not be written (the policy above)."""
    try:
        status = path.lstat()
    except FileNotFoundError:
        status = None
    if status is not None and stat.S_ISLNK(status.st_mode):
        raise _refused(path, "is a symbolic link: name the file it points to",
                       "szimbolikus hivatkozás: add meg a fájlt, amelyre mutat")
    if status is not None and not stat.S_ISREG(status.st_mode):
        raise _refused(path, "is not a regular file (-o - writes to stdout)",
                       "nem közönséges fájl (a -o - a szabványos kimenetre ír)")
    where = path.absolute().parent.resolve()
    data = data_directory.resolve()
    if where == data or data in where.parents:
        raise _refused(path, "is in the data directory: an output is never written among the data",
                       "az adatkönyvtárban van: kimenet sosem kerül az adatok közé")
    if status is not None and not force and not _written_by_szaktar(path):
        raise _refused(path, "exists and was not written by szaktar; --force replaces it",
                       "már létezik, és nem a szaktar írta; a --force felülírja")


def write_output(path: Path, data: bytes, data_directory: Path, *, force: bool) -> None:
    """`data` to `-o path` atomically, if the policy allows it; remembered as szaktar's."""
    check_output(path, data_directory, force=force)
    write_file_atomically(path, data)
    _remember(path, data)


def _ledger_entry(path: Path) -> Path | None:
    directory = cache_directory()
    if directory is None:
        return None
    name = hashlib.sha256(str(path.absolute()).encode("utf-8", "surrogateescape")).hexdigest()
    return directory / _LEDGER / name[:40]


def _remember(path: Path, data: bytes) -> None:
    entry = _ledger_entry(path)
    if entry is None:
        return
    with contextlib.suppress(OSError):  # a ledger that cannot be written only costs --force
        entry.parent.mkdir(parents=True, exist_ok=True)
        entry.write_text(hashlib.sha256(data).hexdigest(), encoding="ascii")


def _written_by_szaktar(path: Path) -> bool:
    entry = _ledger_entry(path)
    if entry is None:
        return False
    try:
        expected = read_regular_file(entry, 64).decode("ascii")
        current = hashlib.sha256(read_regular_file(path)).hexdigest()
    except (UnreadableError, UnicodeDecodeError):
        return False
    return expected == current
