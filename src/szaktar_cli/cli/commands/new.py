"""`szaktar new`: start a project from the commented template; never overwrites one."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from ...core.errors import EXIT_OK
from ...core.labels import label
from ...read.loader import display_path
from ...read.repository import repository_of
from ...write.scaffold import DEFAULT_ACTIVITIES, Sketch, create_project, project_text
from ..app import command
from ..location import ceilings
from ..options import LangOption, amount, named_ids, new_project_id, project_dates
from ..session import Session


@command("new")
def new(
    project_id: Annotated[
        str,
        typer.Argument(
            metavar="PROJECT_ID", help="Lowercase letters, digits, - and _ (at most 100)."
        ),
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
    grant_programme: Annotated[
        str | None, typer.Option(metavar="TEXT", help="The funding programme (TÁMOP 5.4.4).")
    ] = None,
    grant_reference: Annotated[
        str | None, typer.Option(metavar="TEXT", help="The grant's reference number.")
    ] = None,
    grant_amount: Annotated[
        str | None, typer.Option(metavar="N", help="The grant amount in HUF (48 000 000).")
    ] = None,
    lead: Annotated[
        str | None, typer.Option(metavar="TEXT", help="The lead beneficiary.")
    ] = None,
    partner: Annotated[
        list[str] | None,
        typer.Option("--partner", metavar="TEXT", help="A consortium member (repeatable)."),
    ] = None,
    dimension: Annotated[
        list[str] | None,
        typer.Option(
            "--dimension",
            metavar="ID[=NAME]",
            help="A dimension of the entries beyond the standard ones (repeatable).",
        ),
    ] = None,
    track_activities: Annotated[
        bool,
        typer.Option(
            "--track-activities",
            help="Track each activity's sessions and hours (indicators without a target).",
        ),
    ] = False,
    lang: LangOption = None,
) -> int:
    session = Session.of(lang, dated=False)
    new_project_id(project_id)
    first, last = project_dates(start, end)
    kinds = named_ids(activity, "--activity") if activity else list(DEFAULT_ACTIVITIES)
    grant: dict[str, str | int | float] = {
        key: value
        for key, value in (("programme", grant_programme), ("reference", grant_reference))
        if value is not None
    }
    if grant_amount is not None:
        grant["amount"] = amount(grant_amount, "--grant-amount")
    sketch = Sketch(
        project_id,
        title or project_id,
        first,
        last,
        kinds,
        grant=grant,
        lead=lead,
        partners=partner or (),
        dimensions=named_ids(dimension or [], "--dimension"),
        track_activities=track_activities,
    )
    # a repository set up by `szaktar init` has a .gitignore for the whole data directory
    repository = repository_of(session.projects, ceilings())
    directory = create_project(
        session.projects,
        project_id,
        project_text(sketch),
        ignore_file=repository is None or not repository.marked,
    )
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
