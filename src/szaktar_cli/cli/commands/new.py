"""`szaktar new`: start a project from the commented template; never overwrites one."""

from __future__ import annotations

import re
import sys
from typing import Annotated

import typer

from ...core.errors import EXIT_OK, UsageError
from ...core.i18n import label
from ..app import LangOption, ProjectsOption, app, parse_date, resolve_lang, resolve_projects

_PROJECT_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")
_ACTIVITY_ID = re.compile(r"[a-z][a-z0-9_]*")


def parse_activities(items: list[str]) -> list[tuple[str, str]]:
    """`consultation=Konzultáció` → (id, name); a bare id is its own name."""
    activities: list[tuple[str, str]] = []
    for item in items:
        key, _, name = item.partition("=")
        key = key.strip()
        if not _ACTIVITY_ID.fullmatch(key):
            raise UsageError(
                f"--activity: {key!r} is not an id (a letter, then letters, digits or _)",
                f"--activity: a(z) {key!r} nem azonosító (betű, utána betűk, számjegyek, _)",
            )
        activities.append((key, name.strip() or key))
    return activities


@app.command()
def new(
    project_id: Annotated[
        str, typer.Argument(metavar="PROJECT_ID", help="Lowercase letters, digits, - and _.")
    ],
    *,
    title: Annotated[
        str | None, typer.Option(help="The title (default: the id).", show_default=False)
    ] = None,
    start: Annotated[
        str | None, typer.Option(metavar="DATE", help="First day, YYYY-MM-DD.")
    ] = None,
    end: Annotated[str | None, typer.Option(metavar="DATE", help="Last day, YYYY-MM-DD.")] = None,
    activity: Annotated[
        list[str] | None,
        typer.Option(
            "--activity",
            metavar="ID[=NAME]",
            help="An activity kind (repeatable). [default: consultation]",
        ),
    ] = None,
    projects: ProjectsOption = None,
    lang: LangOption = None,
) -> int:
    """Create projects/<id>/project.yaml from a commented template, and actuals/. / Új projekt."""
    from ...read.loader import display_path  # noqa: PLC0415
    from ...write.scaffold import DEFAULT_ACTIVITIES, create_project, project_text  # noqa: PLC0415

    language = resolve_lang(lang)
    if not _PROJECT_ID.fullmatch(project_id):
        raise UsageError(
            f"{project_id!r} is not a project id (lowercase letters, digits, - and _)",
            f"a(z) {project_id!r} nem projektazonosító (kisbetűk, számjegyek, - és _)",
        )
    first = parse_date(start, "--start") if start is not None else None
    last = parse_date(end, "--end") if end is not None else None
    if first is not None and last is not None and first > last:
        raise UsageError(
            f"--start {first} is after --end {last}",
            f"a --start ({first}) későbbi, mint az --end ({last})",
        )
    activities = parse_activities(activity) if activity else list(DEFAULT_ACTIVITIES)
    text = project_text(project_id, title or project_id, first, last, activities)
    directory = create_project(resolve_projects(projects), project_id, text)
    sys.stdout.write(
        label(
            "new_created",
            language,
            directory=display_path(directory),
            project=project_id,
            activities=", ".join(key for key, _ in activities),
        )
        + "\n"
    )
    return EXIT_OK
