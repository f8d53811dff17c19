"""Load a data directory: project.yaml and actuals/*.yaml of each project, schema-checked.

Loading never raises on bad data: every problem becomes a diagnostic, and what could
be read is returned so that later checks still run on it.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial
from hashlib import sha256
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ..core.diagnostics import Diagnostic, diag
from ..core.errors import DataError, UsageError, did_you_mean
from ..core.periods import MONTH
from .cache import FileCache, Pickled, pickled, unpickled
from .places import ItemPlaces, Locator
from .sources import Source, UnreadableError, file_digests, read_source

if TYPE_CHECKING:
    from ..core.model import Closing, Entry, Project, Reopening
    from .yamlio import Parsed

    Events = list[Closing | Reopening]  # of closed.yaml

    # a file's entries, or (from the cache) what reads them when they are first asked for
    Entries = list[Entry] | Callable[[], list[Entry]]
    # What an actuals file's content loads to: entries, origin, incomplete items, diagnostics,
    # and where its items start (for the places of diagnostics found later).
    FileContent = tuple[
        Entries, list[int] | None, dict[int, dict[str, Any]], list[Diagnostic], ItemPlaces | None
    ]

# The diagnostics this module reports (tests/test_diagnostic_codes.py checks them).
CODES: frozenset[str] = frozenset(
    {
        "A312", "A313", "L401", "L402", "L403", "L407", "L410", "L411", "P201", "Y108",
    }
)

PROJECT_FILE = "project.yaml"
MANIFEST_FILE = "closed.yaml"
ACTUALS_DIR = "actuals"
MONTH_FILE = re.compile(rf"({MONTH})\.ya?ml")
_MONTH_IN_NAME = re.compile(r"(?<!\d)(\d{4})[-_. ]?(0[1-9]|1[0-2])(?!\d)")
# What `salvage` set aside: (section, id) of an item, (section, None) of a whole section that
# is no mapping of items.
LeftOut = tuple[str, str | None]
T = TypeVar("T")
_CONTENT = re.compile(r"^[ \t]*[^\s#]", re.MULTILINE)  # a line with more than a comment


@dataclass(slots=True)
class ActualsFile:
    path: str
    month: str | None  # "2011-03" from the file name; None when the name is not a month
    digest: bytes | None = None  # sha256 of the bytes loaded; None when they could not be read
    # the entries; from the cache, what reads them back when they are first asked for
    stored_entries: Entries = field(default_factory=list, repr=False)
    # position of each entry in the file's list, when invalid items were left out
    origin: list[int] | None = None
    # items that are not entries (their date or activity is missing or invalid), by position,
    # with their valid fields: not counted anywhere, but their other fields are still checked
    incomplete: dict[int, dict[str, Any]] = field(default_factory=dict)

    @property
    def entries(self) -> list[Entry]:
        if not isinstance(self.stored_entries, list):
            self.stored_entries = self.stored_entries()
        return self.stored_entries

    def index_of(self, position: int) -> int:
        return position if self.origin is None else self.origin[position]

    def items(self) -> Iterator[tuple[int, Mapping[str, Any]]]:
        """(position in the file, fields) of every entry and incomplete item, for field checks."""
        for position, entry in enumerate(self.entries):
            yield self.index_of(position), entry
        yield from self.incomplete.items()


@dataclass(slots=True)
class LoadedProject:
    """A project as read: project.yaml (None when it does not load), its actuals files, the
    events of its closed.yaml, every problem found in them, and where to find a place in them."""

    directory: Path
    # project.yaml's project; from the cache, its pickle, unpickled when first asked for (a warm
    # `status` or `validate` asks for none, and imports no model)
    stored_project: Project | Pickled[Project] | None
    locator: Locator
    files: list[ActualsFile] = field(default_factory=list)
    stored_closed: Events | Pickled[Events] = field(default_factory=list)  # as stored_project
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # file → sha256 of the bytes loaded from it: what the project's checks are a function of
    digests: dict[str, bytes] = field(default_factory=dict)
    # when project.yaml does not validate: what does with its broken items set aside, and
    # those (`salvage`)
    salvaged: Project | None = None
    left_out: frozenset[LeftOut] = frozenset()

    @property
    def project(self) -> Project | None:
        self.stored_project = unpickled(self.stored_project)
        return self.stored_project

    @property
    def closed(self) -> Events:
        self.stored_closed = unpickled(self.stored_closed)
        return self.stored_closed

    @property
    def name(self) -> str:
        return self.directory.name

    @property
    def project_file(self) -> str:
        return display_path(self.directory / PROJECT_FILE)

    def entries(self) -> list[Entry]:
        return [entry for actuals in self.files for entry in actuals.entries]


def display_path(path: Path) -> str:
    """Paths in diagnostics are relative to the working directory when possible (as linters do).

    The folders are resolved, the name is not: a link is named, not what it points to.
    """
    named = path.name not in {"", ".", ".."}
    resolved = _resolved(path.parent) / path.name if named else _resolved(path)
    try:
        return str(resolved.relative_to(_resolved(Path.cwd())))
    except ValueError:
        return str(path)


@lru_cache(maxsize=1024)
def _resolved(folder: Path) -> Path:
    """A folder resolved: a run names every file of the same few folders."""
    return folder.resolve()


def read_file(path: Path, file: str) -> tuple[Source | None, list[Diagnostic]]:
    """The file's bytes (a regular file, up to the size bound of read/sources.py), else L403."""
    try:
        return read_source(path), []
    except UnreadableError as error:
        return None, [diag("L403", file, path=file, reason=error.reason)]


def read_yaml(raw: bytes, file: str) -> tuple[Any, list[Diagnostic], bool]:
    """(data, diagnostics, parsed_ok) of one YAML file's content."""
    parsed = _parsed(raw, file)
    return parsed.data, parsed.diagnostics, parsed.ok


def _parsed(raw: bytes, file: str) -> Parsed:
    """What the reader makes of a file's bytes; it is imported when a file is first parsed (a warm
    run parses none)."""
    from .yamlio import Parsed, decode  # noqa: PLC0415

    text, problem = decode(raw, file)
    if text is None or _CONTENT.search(text) is None:  # (or nothing but blanks and comments)
        return Parsed(None, [problem or diag("Y108", file, 1, 1)])
    return parse(text, file)


def parse(text: str, file: str) -> Parsed:
    """The reader (read/fastyaml.py)."""
    from .fastyaml import parse as read  # noqa: PLC0415

    return read(text, file)


def located(path: Path, locator: Locator) -> str:
    """The file's name in diagnostics; `locator` learns where it is."""
    file = display_path(path)
    locator.source(file, path)
    return file


def load_project_file(
    directory: Path, locator: Locator, source: Source | None = None
) -> tuple[Project | None, list[Diagnostic]]:
    """project.yaml of the project in `directory`; `source`: its bytes, if already read."""
    file = located(directory / PROJECT_FILE, locator)
    if source is None:
        source, problems = _project_source(directory, locator)
        if source is None:
            return None, problems
    data, diagnostics, ok = read_yaml(source.data, file)
    if not ok:
        return None, diagnostics
    from .validate import project_content  # noqa: PLC0415  # the models: see read/validate.py

    return project_content(data, diagnostics, directory, file, locator)


def _kept_model(
    path: Path,
    locator: Locator,
    key: bytes,
    *,
    kind: str,
    cache: FileCache | None,
    load: Callable[[], tuple[T | None, list[Diagnostic]]],
) -> tuple[T | Pickled[T] | None, list[Diagnostic]]:
    """`load()` — what a file validates to (project.yaml's project, closed.yaml's events) and its
    diagnostics — kept in the `cache` under `key`, the digest of what it is a function of: a warm
    run validates no model, and the value stays pickled until it is asked for."""
    if cache is None:
        return load()
    file = located(path, locator)
    cached = cache.load(path, file, key, _is_model_record, kind=kind)
    if cached is not None:
        return cached  # type: ignore[no-any-return]  # its shape checked: _is_model_record
    value, diagnostics = load()
    pickled = Pickled.of(value) if value is not None else None
    if value is None or pickled is not None:
        cache.store(path, file, key, (pickled, diagnostics), kind=kind)
    return value, diagnostics


def _is_model_record(value: object) -> bool:
    """The shape of a cached project.yaml or closed.yaml: (its value, pickled, or None;
    diagnostics)."""
    if not isinstance(value, tuple) or len(value) != 2:
        return False
    pickled, diagnostics = value
    return (
        (pickled is None or isinstance(pickled, Pickled))
        and isinstance(diagnostics, list)
        and all(isinstance(d, Diagnostic) for d in diagnostics)
    )


def load_actuals_file(
    path: Path, locator: Locator, raw: bytes | None = None, cache: FileCache | None = None
) -> tuple[ActualsFile, list[Diagnostic]]:
    """`raw` is the file's content if not (yet) on disk: a write is checked before it is made.

    The file is read once; what it loads to is a function of those bytes (and its name) alone,
    so that a `cache` keeps it under their digest, and a file loaded before is not parsed again.
    """
    file = located(path, locator)
    actuals = ActualsFile(file, _month_of(path))
    diagnostics: list[Diagnostic] = []
    if actuals.month is None:
        diagnostics.append(diag("A312", file, 0, 0, name=path.name))
    if raw is not None:
        locator.remember(file, raw.decode("utf-8-sig", errors="replace"))
        source: Source | None = Source.of(raw)
    else:
        source, problems = read_file(path, file)
        diagnostics.extend(problems)
    if source is None:
        return actuals, diagnostics
    actuals.digest = source.digest
    if cache is None:
        loaded = _load_content(file, locator, source.data)
    else:
        loaded = _load_cached(path, file, locator, source, cache)
    actuals.stored_entries, actuals.origin, actuals.incomplete, content_diagnostics, places = (
        loaded
    )
    locator.items(file, places)
    return actuals, diagnostics + content_diagnostics


def _month_of(path: Path) -> str | None:
    """The month an actuals file is of, by its name (`2011-03.yaml`); None: not a month."""
    match = MONTH_FILE.fullmatch(path.name)
    return match.group(1) if match else None


def load_appended(
    path: Path,
    locator: Locator,
    old: ActualsFile,
    *,
    raw: tuple[bytes, bytes],
    cache: FileCache | None = None,
) -> ActualsFile | None:
    """The file whose bytes, `raw` = (old, new), become `new`: items appended to `old`,
    which loaded as `old` without a problem. Only the appended text is parsed
    (`parse_appended`), so that adding an entry to a month of 200 000 costs the entry. None
    when that cannot be told from the appended text alone, or when it has a problem: then
    load the new bytes in full. What they load to is kept in the cache under their digest."""
    old_raw, new_raw = raw
    if old.origin is not None or old.incomplete or not new_raw.startswith(old_raw):
        return None
    added = new_raw[len(old_raw) :]
    if b"\\" in added or b"\xc2\x85" in added:  # a control character's diagnostic needs it all
        return None
    file = located(path, locator)
    try:
        old_text, added_text = old_raw.decode("utf-8-sig"), added.decode("utf-8")
    except UnicodeDecodeError:
        return None
    from .validate import appended_entries  # noqa: PLC0415  # as _parsed imports the parser
    from .yamlio import parse_appended  # noqa: PLC0415

    parsed = parse_appended(old_text, added_text, file)
    new_entries = None if parsed is None else appended_entries(parsed.data)
    if parsed is None or new_entries is None:
        return None
    old_places = locator.item_places(file)
    places = None
    if old_places is not None and parsed.places is not None:
        places = ItemPlaces()
        places.extend(old_places)
        places.extend(parsed.places, old_text.count("\n"))
    locator.remember(file, old_text + added_text)
    locator.items(file, places)
    source = Source.of(new_raw)
    loaded = ActualsFile(file, old.month, source.digest, [*old.entries, *new_entries])
    if cache is not None:
        pickled = Pickled.of(loaded.entries)
        if pickled is not None:
            cache.store(path, file, source.digest, (pickled, None, {}, [], places))
    return loaded


def _load_cached(
    path: Path, file: str, locator: Locator, source: Source, cache: FileCache
) -> FileContent:
    cached = cache.load(path, file, source.digest, _is_file_record)
    if cached is not None:
        entries, origin, incomplete, diagnostics, places = cached
        return entries.get, origin, incomplete, diagnostics, places  # entries read when asked for
    loaded = _load_content(file, locator, source.data)
    pickled = Pickled.of(loaded[0])
    if pickled is not None:
        cache.store(path, file, source.digest, (pickled, *loaded[1:]))
    return loaded


def _is_file_record(value: object) -> bool:
    """The shape of a cached actuals file: (entries, origin, incomplete items, diagnostics,
    where its items start)."""
    if not isinstance(value, tuple) or len(value) != 5:
        return False
    entries, origin, incomplete, diagnostics, places = value
    return (
        (entries is None or isinstance(entries, Pickled))  # (None: a part of a project's record)
        and (places is None or isinstance(places, ItemPlaces))
        and (origin is None or (isinstance(origin, list) and all(type(i) is int for i in origin)))
        and isinstance(incomplete, dict)
        and all(type(k) is int and isinstance(v, dict) for k, v in incomplete.items())
        and _are_diagnostics(diagnostics)
    )


def _are_diagnostics(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(d, Diagnostic) for d in value)


def _load_content(file: str, locator: Locator, raw: bytes) -> FileContent:
    """A function of the file's content and name alone, so that the cache can keep it."""
    from .validate import entries_content  # noqa: PLC0415  # the models: see read/validate.py

    return entries_content(_parsed(raw, file), raw, file, locator)


def actuals_paths(directory: Path) -> list[Path]:
    """The YAML files of `actuals/` (and whatever else bears such a name but a folder: a FIFO
    or a link to a device is reported, never opened)."""
    folder = directory / ACTUALS_DIR
    if not folder.is_dir():
        return []
    return sorted(
        path for path in folder.iterdir()
        if path.suffix in {".yaml", ".yml"} and not path.is_dir()
    )


def load_project(
    directory: Path,
    locator: Locator,
    contents: Mapping[Path, bytes] | None = None,
    cache: FileCache | None = None,
) -> LoadedProject:
    """project.yaml, every actuals file and closed.yaml of the project in `directory`.

    `contents` replaces or adds files — project.yaml, actuals files, closed.yaml — as a write
    would make them. Each file is read once; `digests` keeps the sha256 of the bytes each was
    loaded from. A `cache` keeps what each file loads to, and what the project as a whole
    loads to but its entries (`_kept_project`).
    """
    contents = dict(contents or {})
    whole = cache if not contents else None  # the project as it is on disk: kept whole
    if whole is not None:
        kept_whole = _kept_project(directory, locator, whole)
        if kept_whole is not None:
            return kept_whole
    parts: list[FilePart] = []
    new_project = contents.pop(directory / PROJECT_FILE, None)
    new_manifest = contents.pop(manifest_path(directory), None)
    source, problems = (
        _project_source(directory, locator) if new_project is None
        else (_remembered(directory / PROJECT_FILE, locator, new_project), [])
    )
    kept = cache if new_project is None else None  # what is about to be written is not kept
    if source is None:
        project, diagnostics = None, problems
    else:
        key = source.digest + b"\0" + directory.name.encode("utf-8", "surrogateescape")
        project, diagnostics = _kept_model(  # (P202 compares the id with the directory's name)
            directory / PROJECT_FILE, locator, key, kind="project", cache=kept,
            load=lambda: load_project_file(directory, locator, source),
        )
    loaded = LoadedProject(directory, project, locator, diagnostics=diagnostics)
    project_problems = list(diagnostics)
    if source is not None:
        loaded.digests[loaded.project_file] = source.digest
        if project is None:
            from .validate import salvage  # noqa: PLC0415  # the models: see read/validate.py

            loaded.salvaged, loaded.left_out = salvage(source.data, loaded.project_file)
    paths = sorted({*actuals_paths(directory), *contents})
    for path in paths:
        actuals, file_diagnostics = load_actuals_file(path, locator, contents.get(path), cache)
        loaded.files.append(actuals)
        loaded.diagnostics.extend(file_diagnostics)
        if actuals.digest is not None:
            loaded.digests[actuals.path] = actuals.digest
        places = locator.item_places(actuals.path)
        parts.append((actuals.origin, actuals.incomplete, file_diagnostics, places))
    _add_listing_problems(loaded, paths)
    manifest, problems = (
        _read_if_there(manifest_path(directory), locator) if new_manifest is None
        else (_remembered(manifest_path(directory), locator, new_manifest), [])
    )
    if manifest is not None:
        events, problems = _kept_model(
            manifest_path(directory), locator, manifest.digest, kind="closed",
            cache=cache if new_manifest is None else None,
            load=lambda: load_manifest(directory, locator, manifest.data),
        )
        loaded.stored_closed = events or []
        loaded.digests[display_path(manifest_path(directory))] = manifest.digest
    loaded.diagnostics.extend(problems)
    if whole is not None:
        _keep_project(loaded, project_problems, parts, problems, whole)
    return loaded


# What an actuals file loads to but its entries, as its record keeps it (its diagnostics include
# its name's).
FilePart = tuple[
    list[int] | None, dict[int, dict[str, Any]], list[Diagnostic], ItemPlaces | None
]


def _add_listing_problems(loaded: LoadedProject, paths: Sequence[Path]) -> None:
    """A313 and L410/L411: what the project's directory holds, read anew on every run (a file
    szaktar does not read changes no digest)."""
    loaded.diagnostics.extend(_months_twice(loaded.files))
    loaded.diagnostics.extend(unread(loaded.directory, paths))


def _project_key(directory: Path, digests: Mapping[str, bytes]) -> bytes:
    """What a project loads to is a function of the name of its directory (P202) and of each
    of its files: its name and the digest of its bytes."""
    key = sha256(os.fsencode(directory.name) + b"\0")
    for file, digest in sorted(digests.items()):
        key.update(os.fsencode(file) + b"\0" + digest)
    return key.digest()


def _kept_project(directory: Path, locator: Locator, cache: FileCache) -> LoadedProject | None:
    """The project as `_keep_project` kept it, if none of its files changed since: each file is
    hashed (read in pieces, never held whole) and one record read. Its entries are read from
    each file's record when a command first asks for them (`_entries_kept`)."""
    paths = actuals_paths(directory)
    manifest = manifest_path(directory)
    inputs = [directory / PROJECT_FILE, *paths, *([manifest] if os.path.lexists(manifest) else [])]
    try:
        hashed = file_digests(inputs)
    except UnreadableError:  # its problem is told by reading it as usual
        return None
    names = [located(path, locator) for path in inputs]
    digests = dict(zip(names, hashed, strict=True))
    key = _project_key(directory, digests)
    kept = cache.load(directory, names[0], key, _is_project_record, kind="load")
    if kept is None or len(kept[2]) != len(paths):
        return None
    project, project_problems, parts, closed, closed_problems = kept
    loaded = LoadedProject(
        directory, project, locator, stored_closed=closed, diagnostics=list(project_problems),
        digests=digests,
    )
    files = slice(1, len(paths) + 1)  # (project.yaml's comes first, closed.yaml's last)
    for path, name, digest, (origin, incomplete, diagnostics, places) in zip(
        paths, names[files], hashed[files], parts, strict=True
    ):
        entries = partial(_entries_kept, path, name, digest, locator, cache)
        loaded.files.append(ActualsFile(name, _month_of(path), digest, entries, origin, incomplete))
        loaded.diagnostics.extend(diagnostics)
        locator.items(name, places)
    _add_listing_problems(loaded, paths)
    loaded.diagnostics.extend(closed_problems)
    return loaded


def _is_project_record(value: object) -> bool:
    """The shape of a project kept whole: (its project and closed.yaml's events, pickled; the
    diagnostics of project.yaml, each actuals file's part, the diagnostics of closed.yaml)."""
    if not isinstance(value, tuple) or len(value) != 5:
        return False
    project, project_problems, parts, closed, closed_problems = value
    return (
        isinstance(project, Pickled)
        and isinstance(closed, Pickled)
        and _are_diagnostics(project_problems)
        and _are_diagnostics(closed_problems)
        and isinstance(parts, list)
        and all(
            isinstance(part, tuple) and len(part) == 4 and _is_file_record((None, *part))
            for part in parts
        )
    )


def _entries_kept(
    path: Path, file: str, digest: bytes, locator: Locator, cache: FileCache
) -> list[Entry]:
    """The entries of a file whose project came whole from the cache: from the file's record,
    else from the file read again — if it still holds the bytes the project was loaded from;
    else the run stops (L407): the file changed while szaktar was reading it."""
    cached = cache.load(path, file, digest, _is_file_record)
    if cached is not None:
        entries: list[Entry] = cached[0].get()
        return entries
    source, _ = read_file(path, file)
    if source is None or source.digest != digest:
        raise DataError([diag("L407", file, path=file)])
    stored = _load_cached(path, file, locator, source, cache)[0]
    return stored if isinstance(stored, list) else stored()


def _keep_project(
    loaded: LoadedProject,
    project_problems: list[Diagnostic],
    parts: list[FilePart],
    closed_problems: list[Diagnostic],
    cache: FileCache,
) -> None:
    """What `loaded` loaded to, but its entries (each file's record keeps them), as one record:
    a warm run reads one record of a project, not one of each of its files. Only a project
    whose files all loaded (a file that cannot be read is tried again on every run)."""
    manifest = manifest_path(loaded.directory)
    read_all = all(actuals.digest is not None for actuals in loaded.files) and (
        display_path(manifest) in loaded.digests or not os.path.lexists(manifest)
    )
    stored = loaded.stored_project  # (as loaded: a project from the cache is not unpickled)
    project = pickled(stored) if stored is not None else None
    closed = pickled(loaded.stored_closed)
    if read_all and project is not None and closed is not None:
        record = (project, project_problems, parts, closed, closed_problems)
        key = _project_key(loaded.directory, loaded.digests)
        cache.store(loaded.directory, loaded.project_file, key, record, kind="load")


def _remembered(path: Path, locator: Locator, raw: bytes) -> Source:
    """A file's content that is not (yet) on disk; `locator` finds places in it."""
    locator.remember(located(path, locator), raw.decode("utf-8-sig", errors="replace"))
    return Source.of(raw)


def _months_twice(files: Sequence[ActualsFile]) -> Iterator[Diagnostic]:
    """A313: `2011-03.yml` beside `2011-03.yaml` (both would be read and counted)."""
    first: dict[str, str] = {}
    for actuals in files:
        if actuals.month is not None:
            other = first.setdefault(actuals.month, actuals.path)
            if other != actuals.path:
                yield diag("A313", actuals.path, name=Path(actuals.path).name,
                           other=Path(other).name, month=actuals.month)


def unread(directory: Path, actuals: Sequence[Path]) -> list[Diagnostic]:
    """L410/L411: every file and folder in a project directory that szaktar does not read.

    Read are project.yaml, closed.yaml and the YAML files of actuals/ (whatever their name:
    one that is not a month is A312). Hidden names (`.gitignore`, `.git/`, an editor's or
    szaktar's own temporary files) are not reported. A folder szaktar does not read is reported
    once, with how many files it holds; and each file in it that looks like data (a YAML file,
    or a month in its name) on its own, with where szaktar would read it.
    """
    read = {directory / PROJECT_FILE, directory / MANIFEST_FILE, *actuals}
    problems: list[Diagnostic] = []
    for folder, known in ((directory, {ACTUALS_DIR}), (directory / ACTUALS_DIR, set())):
        for entry in _visible(folder):
            path = Path(entry.path)
            if entry.is_dir(follow_symlinks=False) and entry.name not in known:
                problems.extend(_unread_folder(directory, path))
            elif not entry.is_dir(follow_symlinks=False) and path not in read:
                problems.append(_unread_file(directory, path))
    return problems


def _visible(folder: Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as entries:
            return sorted((e for e in entries if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError:  # not a folder (or not readable): nothing in it is read either
        return []


def _unread_folder(directory: Path, folder: Path) -> list[Diagnostic]:
    files: list[Path] = []
    pending = [folder]
    while pending:
        for entry in _visible(pending.pop()):
            if entry.is_dir(follow_symlinks=False):
                pending.append(Path(entry.path))
            else:
                files.append(Path(entry.path))
    close = difflib.get_close_matches(folder.name.casefold(), [ACTUALS_DIR], n=1, cutoff=0.6)
    suggestion = display_path(directory / ACTUALS_DIR) + "/" if close else None
    folder_problem = diag("L411", display_path(folder), path=display_path(folder) + "/",
                          count=len(files), suggestion=suggestion)
    data_like = [path for path in sorted(files) if _looks_like_data(path)]
    return [folder_problem, *(_unread_file(directory, path) for path in data_like)]


def _looks_like_data(path: Path) -> bool:
    return path.suffix.casefold() in {".yaml", ".yml"} or bool(_MONTH_IN_NAME.search(path.name))


def _unread_file(directory: Path, path: Path) -> Diagnostic:
    """L410, with the name szaktar reads such a file under, if it looks like one."""
    month = _MONTH_IN_NAME.search(path.name)
    suggestion: Path | None = None
    if month is not None:
        suggestion = directory / ACTUALS_DIR / f"{month.group(1)}-{month.group(2)}.yaml"
    else:
        names = [PROJECT_FILE, MANIFEST_FILE]
        close = difflib.get_close_matches(path.name.casefold(), names, n=1, cutoff=0.75)
        suggestion = directory / close[0] if close else None
    file = display_path(path)
    return diag("L410", file, path=file,
                suggestion=display_path(suggestion) if suggestion is not None else None)


def _project_source(directory: Path, locator: Locator) -> tuple[Source | None, list[Diagnostic]]:
    """The bytes of project.yaml, else why not (P201: there is none; L403)."""
    path = directory / PROJECT_FILE
    source, problems = _read_if_there(path, locator)
    if source is None and not problems:
        problems = [diag("P201", located(path, locator))]  # no place inside a missing file
    return source, problems


def _read_if_there(path: Path, locator: Locator) -> tuple[Source | None, list[Diagnostic]]:
    """The file's bytes; (None, []) when there is no such file."""
    if not os.path.lexists(path):
        return None, []
    return read_file(path, located(path, locator))


def chosen_projects(directories: Sequence[Path], names: Sequence[str]) -> list[Path]:
    """The project directories named (by id, in that order); an unknown name is a usage error."""
    by_name = {directory.name: directory for directory in directories}
    unknown = [name for name in names if name not in by_name]
    if unknown:
        raise _unknown_projects(unknown, directories)
    return [by_name[name] for name in names]


def project_directory(projects_dir: Path, project_id: str) -> Path:
    """The directory of a project that has its project.yaml, by its id (else a usage error)."""
    directories, _ = find_project_dirs([projects_dir]) if projects_dir.is_dir() else ([], [])
    directory = chosen_projects(directories, [project_id])[0]
    if not (directory / PROJECT_FILE).is_file():
        raise _unknown_projects([project_id], directories)
    return directory


def _unknown_projects(names: Sequence[str], directories: Iterable[Path]) -> UsageError:
    listed = ", ".join(names)
    ids = sorted({directory.name for directory in directories})
    known = ", ".join(ids) or "-"
    hint, hint_hu = did_you_mean(names[0], ids) if len(names) == 1 else ("", "")
    return UsageError(
        f"unknown project: {listed} (known: {known}){hint}",
        f"ismeretlen projekt: {listed} (ismert: {known}){hint_hu}",
    )


def is_project_dir(path: Path) -> bool:
    return (path / PROJECT_FILE).is_file() or (path / ACTUALS_DIR).is_dir()


def find_project_dirs(paths: Sequence[Path]) -> tuple[list[Path], list[Diagnostic]]:
    """Each path is a project directory, a data directory holding projects, or a file inside one.

    Paths are resolved first, so that `.` has a name to compare the project's id with.
    """
    found: list[Path] = []
    problems: list[Diagnostic] = []
    for given in paths:
        path = given.resolve()
        if path.is_file():
            directory = path.parent.parent if path.parent.name == ACTUALS_DIR else path.parent
            projects = [directory] if is_project_dir(directory) else []
        elif is_project_dir(path):
            projects = [path]
        elif path.is_dir():
            projects = sorted(
                child for child in path.iterdir()
                if child.is_dir() and not child.name.startswith(".") and is_project_dir(child)
            )
        else:
            projects = []
        found.extend(projects)
        if not path.exists():
            problems.append(diag("L402", display_path(path), path=display_path(path)))
        elif not projects:
            problems.append(diag("L401", display_path(path), path=display_path(path)))
    return list(dict.fromkeys(found)), problems


# --- closed.yaml: the months closed so far ---------------------------------------------------


def manifest_path(project_dir: Path) -> Path:
    return project_dir / MANIFEST_FILE


def load_manifest(
    project_dir: Path, locator: Locator, raw: bytes | None = None
) -> tuple[list[Closing | Reopening], list[Diagnostic]]:
    """The events of `closed.yaml` (none when the file does not exist) and its problems;
    `raw`: its content, as read or as it is about to be."""
    path = manifest_path(project_dir)
    if raw is None:
        source, problems = _read_if_there(path, locator)
        if source is None:
            return [], problems
        raw = source.data
    file = located(path, locator)
    locator.remember(file, raw.decode("utf-8-sig", errors="replace"))
    data, diagnostics, ok = read_yaml(raw, file)
    if not ok:
        return [], diagnostics
    from .validate import manifest_content  # noqa: PLC0415  # the models: see read/validate.py

    return manifest_content(data, diagnostics, file, locator)


