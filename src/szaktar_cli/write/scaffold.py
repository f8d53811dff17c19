"""`szaktar new`: a new project directory, made whole or not at all, never over an existing one;
`szaktar init`: a new data repository around it, never over an existing file."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

from ..core.errors import UsageError, WriteError
from ..core.i18n import Lang
from ..core.model import FILE_KINDS, schema_text
from ..read.loader import ACTUALS_DIR, PROJECT_FILE, display_path
from ..read.repository import CONFIG_FILE, DATA_DIR, SCHEMA_DIR
from .atomic import (
    JOURNAL_FILE,
    LOCK_FILE,
    TEMP_SUFFIX,
    current_umask,
    fsync_directory,
    make_directory,
    write_error,
)
from .yaml_text import inline_text, yaml_scalar

PROJECT_TEMPLATE = "templates/project.yaml"
DEFAULT_ACTIVITIES: tuple[tuple[str, str], ...] = (("consultation", "Konzultáció"),)
UNKNOWN_DATE = "not given yet: take it from the grant contract"
PROJECT_GITIGNORE = (
    "# Written by `szaktar new`: what a szaktar command killed while it wrote may leave\n"
    "# (the next write removes it).\n"
    f".*{TEMP_SUFFIX}\n"
)


@dataclass(frozen=True, slots=True)
class Sketch:
    """What `szaktar new` is told of a project; what it is not told stays a commented example."""

    id: str
    title: str
    start: dt.date | None = None
    end: dt.date | None = None
    activities: Sequence[tuple[str, str]] = DEFAULT_ACTIVITIES  # (id, name)
    grant: Mapping[str, str | int | float] = field(default_factory=dict)  # programme, …
    lead: str | None = None
    partners: Sequence[str] = ()
    dimensions: Sequence[tuple[str, str]] = ()  # (id, name)
    track_activities: bool = False  # a tracked indicator of sessions and of hours for each


def project_text(sketch: Sketch) -> str:
    """project.yaml of a new project: the commented template, filled in.

    A date not given is written as unknown, which `validate` warns about until it is filled
    in. Indicators come from the grant contract: without `track_activities` there are none yet.
    """

    template = files("szaktar_cli").joinpath(PROJECT_TEMPLATE).read_text(encoding="utf-8")

    def date(value: dt.date | None) -> str:
        return (
            value.isoformat() if value is not None else f"{{unknown: {yaml_scalar(UNKNOWN_DATE)}}}"
        )

    lead = [f"lead: {yaml_scalar(sketch.lead)}"] if sketch.lead is not None else []
    if sketch.partners:
        lead.append(f"partners: {inline_text(list(sketch.partners))}")
    blocks = {
        "__GRANT__": _mapping("grant", [(key, value) for key, value in sketch.grant.items()]),
        "__LEAD__": lead,
        "__DIMENSIONS__": _mapping(
            "dimensions", [(key, {"name": name}) for key, name in sketch.dimensions]
        ),
        "__ACTIVITIES__": [
            line
            for key, name in sketch.activities
            for line in (f"  {key}:", f"    name: {yaml_scalar(name)}")
        ],
        "__INDICATORS__": _indicators(sketch),
    }
    values = {
        "__ID__": yaml_scalar(sketch.id),
        "__TITLE__": yaml_scalar(sketch.title),
        "__START__": date(sketch.start),
        "__END__": date(sketch.end),
    }
    lines: list[str] = []
    for line in template.splitlines():
        if line.strip() in blocks:
            lines.extend(blocks[line.strip()])
            continue
        lines.append(_filled(line, values))
    return "\n".join(lines) + "\n"


def _mapping(key: str, items: Sequence[tuple[str, object]]) -> list[str]:
    """`key:` and its items, one level deep (a mapping value on one line); none: no lines."""
    if not items:
        return []
    lines = [f"{key}:"]
    for name, value in items:
        if isinstance(value, Mapping):  # in {…}: a comma in a name would end it
            lines.append(f"  {name}: {inline_text(value)}")
        else:
            lines.append(f"  {name}: {_scalar(value)}")
    return lines


def _scalar(value: object) -> str:
    return str(value) if isinstance(value, int | float) else yaml_scalar(str(value))


def _indicators(sketch: Sketch) -> list[str]:
    if not sketch.track_activities:
        return [
            "# The indicators of the grant contract go here (one in full is above). Until then",
            "# the project records entries and reports nothing against a target.",
            "indicators: {}",
        ]
    return [
        "# The indicators below track each activity (sessions and hours) without a target.",
        "indicators:",
        *(
            line
            for key, name in sketch.activities
            for line in (
                f"  {key}_sessions:",
                f"    name: {yaml_scalar(name + ' – alkalmak')}",
                "    unit: event",
                f"    measure: {{count: entries, activities: [{key}]}}",
                f"  {key}_hours:",
                f"    name: {yaml_scalar(name + ' – órák')}",
                "    unit: hour",
                f"    measure: {{sum: hours, activities: [{key}]}}",
            )
        ),
    ]


def _filled(text: str, values: Mapping[str, str]) -> str:
    for token, value in values.items():
        text = text.replace(token, value)
    return text


# What `szaktar init` writes: each file's place in the repository, and its template (in
# templates/repository/; the README in the repository's language).
REPOSITORY_TEMPLATES = {
    CONFIG_FILE: "szaktar.toml",
    ".gitignore": "gitignore",
    ".github/workflows/szaktar.yml": "workflow.yml",
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
    "README.md": "README.{lang}.md",
}
KEEP_FILE = ".gitkeep"  # makes git keep an empty directory


def repository_files(version: str, lang: Lang) -> dict[str, str]:
    """The files of a new data repository, by their place in it: its settings, an empty data
    directory, the JSON Schemas beside it (where the modelines of its files point), a
    .gitignore, a GitHub Actions workflow and a pre-commit configuration that install szaktar
    `version`, and a README for the office."""
    values = {
        "__VERSION__": version,
        "__LANG__": lang,
        "__PROJECTS__": DATA_DIR,
        "__LOCK__": LOCK_FILE,
        "__JOURNAL__": JOURNAL_FILE,
        "__TEMP__": TEMP_SUFFIX,
    }
    templates = files("szaktar_cli").joinpath("templates", "repository")
    texts = {
        place: _filled(templates.joinpath(name.format(lang=lang)).read_text("utf-8"), values)
        for place, name in REPOSITORY_TEMPLATES.items()
    }
    texts[f"{DATA_DIR}/{KEEP_FILE}"] = ""
    texts |= {f"{SCHEMA_DIR}/{kind}.schema.json": schema_text(kind) for kind in FILE_KINDS}
    return texts


def create_repository(root: Path, texts: Mapping[str, str]) -> list[str]:
    """Write the files of a new data repository under `root` (made if need be); returns the
    places written. A file that exists is never replaced: if any does, nothing is written (a
    usage error names them). The data directory may exist already, with the office's projects:
    it is kept as it is (no .gitkeep is added to it)."""
    wanted = {
        place: text for place, text in texts.items()
        if not (place.endswith(f"/{KEEP_FILE}") and (root / place).parent.is_dir())
    }
    existing = [place for place in wanted if os.path.lexists(root / place)]
    if existing:
        listed, where = ", ".join(existing), display_path(root)
        raise UsageError(
            f"{listed}: already in {where}; nothing was written",
            f"{listed}: már megvan itt: {where}; semmi sem íródott ki",
        )
    made: list[Path] = []  # what to remove if a write fails: files, then new directories
    try:
        for place, text in wanted.items():
            path = root / place
            missing = [parent for parent in path.parents if not parent.exists()]
            path.parent.mkdir(parents=True, exist_ok=True)
            made.extend(sorted(missing))
            _write_synced(path, text.encode("utf-8"))
            made.append(path)
    except OSError as error:
        for path in reversed(made):
            with contextlib.suppress(OSError):
                path.rmdir() if path.is_dir() else path.unlink()
        raise write_error(root / place, error) from None
    return list(wanted)


def create_project(
    projects_dir: Path, project_id: str, text: str, *, ignore_file: bool = True
) -> Path:
    """Make `<projects_dir>/<id>/` with project.yaml, an empty actuals/ and, with
    `ignore_file` (a data directory without the .gitignore of `szaktar init` around it), a
    .gitignore for what a write stopped midway leaves.

    The directory is built under a temporary name and renamed into place, so it appears
    whole or not at all; an existing project (any non-empty directory) is never touched.
    """
    directory = projects_dir / project_id
    refusal = WriteError(
        f"{display_path(directory)} already exists; nothing was changed",
        f"a(z) {display_path(directory)} már létezik; semmi sem változott",
    )
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise refusal
    make_directory(projects_dir)
    try:
        building = Path(
            tempfile.mkdtemp(prefix=f".{project_id}.", suffix=TEMP_SUFFIX, dir=projects_dir)
        )
    except OSError as error:
        raise write_error(directory, error) from None
    try:
        (building / ACTUALS_DIR).mkdir()
        _write_synced(building / PROJECT_FILE, text.encode("utf-8"))
        if ignore_file:
            _write_synced(building / ".gitignore", PROJECT_GITIGNORE.encode("utf-8"))
        building.chmod(0o777 & ~current_umask())  # mkdtemp made it private
        fsync_directory(building / ACTUALS_DIR)
        fsync_directory(building)
        building.rename(directory)
        fsync_directory(projects_dir)
    except OSError as error:
        _remove_tree(building)
        if directory.exists() and any(directory.iterdir()):
            raise refusal from None
        raise write_error(directory, error) from None
    return directory


def _write_synced(path: Path, data: bytes) -> None:
    with path.open("xb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _remove_tree(path: Path) -> None:

    shutil.rmtree(path, ignore_errors=True)
