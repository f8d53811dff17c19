"""`szaktar new`: start a project from the commented template; never overwrites one."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from ...core.errors import EXIT_OK
from ...core.labels import label
from ...read.loader import display_path
from ...write.scaffold import DEFAULT_ACTIVITIES, create_project, project_text
from ..app import command
from ..options import LangOption, activities, new_project_id, project_dates
from ..session import Session


@command("new")
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
    lang: LangOption = None,
) -> int:
    session = Session.of(lang, dated=False)
    new_project_id(project_id)
    first, last = project_dates(start, end)
    kinds = activities(activity) if activity else list(DEFAULT_ACTIVITIES)
    text = project_text(project_id, title or project_id, first, last, kinds)
    directory = create_project(session.projects, project_id, text)
    created = label(
        "new_created",
        session.lang,
        directory=display_path(directory),
        project=project_id,
        activities=", ".join(key for key, _ in kinds),
        szaktar=session.program,
    )
    sys.stdout.write(created + "\n")
    return EXIT_OK
