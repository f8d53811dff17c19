"""The data repository: the directory where a project office keeps its data, found as git finds
its repository, and its settings (`szaktar.toml`).

From a starting directory upwards, the first directory that holds `szaktar.toml` (the marker
and settings that `szaktar init` writes) or a `projects/` directory with a project in it; the
search stops below a ceiling directory (git's GIT_CEILING_DIRECTORIES, given by the caller).
The settings name the data directory (beside szaktar.toml, so that the JSON Schemas in
`schema/` beside it are where the files' modelines point) and the office's language.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.diagnostics import Diagnostic, Text, diag
from ..core.errors import DataError
from ..core.i18n import LANGS, Lang
from ..core.text import describe, suggest
from .loader import display_path, is_project_dir

# The diagnostics this module reports (tests/test_diagnostic_codes.py checks them).
CODES: frozenset[str] = frozenset({"L403", "L404", "L405", "L406", "Y107"})

CONFIG_FILE = "szaktar.toml"
DATA_DIR = "projects"
SCHEMA_DIR = "schema"  # beside the data directory: where the modelines of its files point
_TOML_PLACE = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


@dataclass(frozen=True, slots=True)
class Settings:
    """szaktar.toml: every key optional."""

    projects: str = DATA_DIR  # the data directory's name, beside szaktar.toml
    lang: Lang | None = None  # None: the locale's


@dataclass(frozen=True, slots=True)
class Repository:
    root: Path  # absolute
    settings: Settings
    marked: bool  # found by its szaktar.toml (else by its projects/ directory)

    @property
    def data(self) -> Path:
        return self.root / self.settings.projects


def holds_projects(directory: Path) -> bool:
    """Whether `directory` is a data directory with at least one project in it."""
    try:
        return directory.is_dir() and any(
            is_project_dir(child) for child in directory.iterdir() if child.is_dir()
        )
    except OSError:
        return False


def find_repository(start: Path, ceilings: Collection[Path] = ()) -> Repository | None:
    """The data repository holding `start` (the nearest one from `start` upwards), if any.

    A ceiling is not looked into, nor anything above it (as git's GIT_CEILING_DIRECTORIES)."""
    stops = {ceiling.resolve() for ceiling in ceilings}
    for directory in (start := start.resolve(), *start.parents):
        if directory in stops:
            return None
        if (directory / CONFIG_FILE).is_file():
            return Repository(directory, read_settings(directory / CONFIG_FILE), marked=True)
        if holds_projects(directory / DATA_DIR):
            return Repository(directory, Settings(), marked=False)
    return None


def repository_of(data: Path, ceilings: Collection[Path] = ()) -> Repository | None:
    """The repository whose data directory is `data` (given, not found): its settings apply."""
    found = find_repository(data.resolve().parent, ceilings)
    return found if found is not None and found.data == data.resolve() else None


def read_settings(path: Path) -> Settings:
    """szaktar.toml; a problem in it stops the command (DataError), with its place."""
    import tomllib  # noqa: PLC0415  # only where a szaktar.toml is

    file = display_path(path)
    try:
        text = path.read_bytes().decode("utf-8")
        table = tomllib.loads(text)
    except OSError as error:
        raise DataError([diag("L403", file, path=file, reason=error.strerror)]) from None
    except UnicodeDecodeError as error:
        raise DataError([diag("Y107", file, byte=error.object[error.start])]) from None
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        place = _TOML_PLACE.search(message)
        line, column = (int(place.group(1)), int(place.group(2))) if place else (0, 0)
        problem = _TOML_PLACE.sub("", message)
        raise DataError([diag("L404", file, line, column, problem=problem)]) from None
    problems = _problems(table, text, file)
    if problems:
        raise DataError(problems)
    return Settings(**table)


def _problems(table: dict[str, Any], text: str, file: str) -> list[Diagnostic]:
    known = list(Settings.__dataclass_fields__)
    problems = []
    for key, value in table.items():
        line = _line_of(key, text)
        if key not in known:
            problems.append(diag("L405", file, line, 1, key=key, known=", ".join(known),
                                 suggestion=suggest(key, known)))
        elif key == "projects" and not _is_name(value):
            problem = Text("the name of a directory beside szaktar.toml",
                           "a szaktar.toml melletti könyvtár neve kell")
            problems.append(diag("L406", file, line, 1, key=key, found=describe(value),
                                 problem=problem))
        elif key == "lang" and value not in LANGS:
            problem = Text("hu or en", "hu vagy en kell")
            problems.append(diag("L406", file, line, 1, key=key, found=describe(value),
                                 problem=problem))
    return problems


def _is_name(value: object) -> bool:
    return isinstance(value, str) and value not in {"", ".", ".."} and "/" not in value and (
        "\\" not in value
    )


def _line_of(key: str, text: str) -> int:
    """The line of a top-level `key = …` (0 when it is not written plainly)."""
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=", re.MULTILINE)
    found = pattern.search(text)
    return text.count("\n", 0, found.start()) + 1 if found else 0
