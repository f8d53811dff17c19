"""`szaktar fmt`: the project and actuals files named, in the canonical layout (layout.py).

A file is read, laid out and written under its data directory's lock, all the files of one
data directory at once (atomic.py). `fmt` changes no value, so it writes into closed months
too: a closed month's hash is of its entries, not of its text. A file that does not read as
YAML, or that cannot be laid out without changing a value or losing a comment, is left as it
is, with a diagnostic; the others are formatted.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..core.diagnostics import Diagnostic, Text, diag, sorted_diagnostics
from ..core.errors import UsageError
from ..core.keys import ACTUALS_SHAPE, PROJECT_SHAPE, Shape
from ..read.loader import (
    ACTUALS_DIR,
    PROJECT_FILE,
    actuals_paths,
    display_path,
    find_project_dirs,
    read_file,
)
from ..read.yamlio import decode, parse
from .atomic import data_directory, data_lock, remove_leftovers, write_files_atomically
from .layout import formatted
from .yaml_tree import NotEditableError

# The diagnostics this module reports (tests/test_diagnostic_codes.py checks them).
CODES: frozenset[str] = frozenset({"E805"})


@dataclass(slots=True)
class FormattedFile:
    path: Path
    file: str  # as diagnostics name it
    old: bytes
    new: bytes

    @property
    def changed(self) -> bool:
        return self.old != self.new

    def diff(self) -> str:
        """A unified diff of the change (`--- a/FILE`, `+++ b/FILE`), as git shows one."""
        old = self.old.decode("utf-8-sig").splitlines(keepends=True)
        new = self.new.decode("utf-8-sig").splitlines(keepends=True)
        lines = difflib.unified_diff(old, new, f"a/{self.file}", f"b/{self.file}")
        return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


@dataclass(slots=True)
class Formatting:
    files: list[FormattedFile] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)  # files left as they are
    written: bool = False

    @property
    def changed(self) -> list[FormattedFile]:
        return [file for file in self.files if file.changed]


def files_to_format(paths: Sequence[Path]) -> list[Path]:
    """project.yaml and the actuals files of the projects `paths` name (project or data
    directories), and the files named; a file szaktar does not format is a usage error."""
    found: list[Path] = []
    for path in paths:
        if path.is_file() or not path.exists():
            found.append(_formattable(path))
            continue
        projects, problems = find_project_dirs([path])
        if problems and not projects:
            raise UsageError(
                f"no project in {display_path(path)}", f"nincs projekt itt: {display_path(path)}"
            )
        for project in projects:
            if (project / PROJECT_FILE).is_file():
                found.append(project / PROJECT_FILE)
            found.extend(actuals_paths(project))
    return list(dict.fromkeys(found))


def _formattable(path: Path) -> Path:
    if not path.exists():
        file = display_path(path)
        raise UsageError(f"no such file: {file}", f"nincs ilyen fájl: {file}")
    if _shape(path) is None:
        file = display_path(path)
        raise UsageError(
            f"{file}: fmt formats project.yaml and the files of actuals/",
            f"{file}: az fmt a project.yaml-t és az actuals/ fájljait rendezi",
        )
    return path


def _shape(path: Path) -> Shape | None:
    if path.name == PROJECT_FILE:
        return PROJECT_SHAPE
    if path.parent.name == ACTUALS_DIR and path.suffix in (".yaml", ".yml"):
        return ACTUALS_SHAPE
    return None


def format_files(paths: Sequence[Path], *, write: bool) -> Formatting:
    """Each file in the canonical layout; with `write`, the changed ones are written, those of
    one data directory at once under its lock."""
    result = Formatting()
    by_data_dir: dict[Path, list[Path]] = {}
    project_of: dict[Path, Path] = {}
    for path in paths:
        project = path.parent.parent if path.parent.name == ACTUALS_DIR else path.parent
        by_data_dir.setdefault(data_directory(project), []).append(path)
        project_of.setdefault(data_directory(project), project)
    for data_dir, group in by_data_dir.items():
        if not write:
            _format_group(group, result)
            continue
        with data_lock(project_of[data_dir]):
            done = _format_group(group, result)
            changed = {file.path: file.new for file in done if file.changed}
            remove_leftovers(changed)
            write_files_atomically(changed, data_dir=data_dir)
        result.written = result.written or bool(changed)
    result.diagnostics = sorted_diagnostics(result.diagnostics)
    return result


def _format_group(paths: Sequence[Path], result: Formatting) -> list[FormattedFile]:
    done: list[FormattedFile] = []
    for path in paths:
        file = display_path(path)
        shape = _shape(path)
        assert shape is not None
        source, problems = read_file(path, file)
        if source is None:
            result.diagnostics.extend(problems)
            continue
        text, problem = decode(source.data, file)
        if text is None:
            result.diagnostics.extend([problem] if problem else [])
            continue
        parsed = parse(text, file)
        if not parsed.ok:
            result.diagnostics.extend(d for d in parsed.diagnostics if d.is_error)
            continue
        try:
            new = formatted(source.data, shape)
        except NotEditableError as error:
            reason = Text(error.en, error.hu)
            result.diagnostics.append(diag("E805", file, error.line + 1, 1, reason=reason))
            continue
        done.append(FormattedFile(path, file, source.data, new))
    result.files.extend(done)
    return done
