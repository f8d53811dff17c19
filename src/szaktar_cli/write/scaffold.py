"""`szaktar new`: a new project directory, made whole or not at all, never over an existing one."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Sequence
from importlib.resources import files
from pathlib import Path

from ..core.errors import WriteError
from ..read.loader import ACTUALS_DIR, PROJECT_FILE, display_path
from .atomic import (
    TEMP_SUFFIX,
    current_umask,
    fsync_directory,
    make_directory,
    write_error,
)
from .yaml_text import yaml_scalar

PROJECT_TEMPLATE = "templates/project.yaml"
DEFAULT_ACTIVITIES: tuple[tuple[str, str], ...] = (("consultation", "Konzultáció"),)
UNKNOWN_DATE = "not given yet: take it from the grant contract"
PROJECT_GITIGNORE = (
    "# Written by `szaktar new`: what a szaktar command killed while it wrote may leave\n"
    "# (the next write removes it).\n"
    f".*{TEMP_SUFFIX}\n"
)


def project_text(
    project_id: str,
    title: str,
    start: dt.date | None,
    end: dt.date | None,
    activities: Sequence[tuple[str, str]] = DEFAULT_ACTIVITIES,
) -> str:
    """project.yaml of a new project: the commented template, filled in.

    Each activity gets two tracked indicators (sessions and hours); a date not given is
    written as unknown, which `validate` warns about until it is filled in.
    """

    template = files("szaktar_cli").joinpath(PROJECT_TEMPLATE).read_text(encoding="utf-8")

    def date(value: dt.date | None) -> str:
        return (
            value.isoformat() if value is not None else f"{{unknown: {yaml_scalar(UNKNOWN_DATE)}}}"
        )

    blocks = {
        "__ACTIVITIES__": [
            line
            for key, name in activities
            for line in (f"  {key}:", f"    name: {yaml_scalar(name)}")
        ],
        "__INDICATORS__": [
            line
            for key, name in activities
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
        ],
    }
    values = {
        "__ID__": yaml_scalar(project_id),
        "__TITLE__": yaml_scalar(title),
        "__START__": date(start),
        "__END__": date(end),
    }
    lines: list[str] = []
    for line in template.splitlines():
        if line.strip() in blocks:
            lines.extend(blocks[line.strip()])
            continue
        for token, value in values.items():
            line = line.replace(token, value)  # noqa: PLW2901
        lines.append(line)
    return "\n".join(lines) + "\n"


def create_project(projects_dir: Path, project_id: str, text: str) -> Path:
    """Make `<projects_dir>/<id>/` with project.yaml, an empty actuals/ and a .gitignore.

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
        for path, data in (
            (building / PROJECT_FILE, text),
            (building / ACTUALS_DIR / ".gitkeep", ""),
            (building / ".gitignore", PROJECT_GITIGNORE),
        ):
            _write_synced(path, data.encode("utf-8"))
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
