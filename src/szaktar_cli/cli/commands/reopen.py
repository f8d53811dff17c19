"""`szaktar reopen`: open a closed month again; the reason stays in closed.yaml and in git."""

from __future__ import annotations

from typing import Annotated

import typer

from ...core.errors import EXIT_OK
from ...render.manifest import event_line
from ...write.manifest import reopen_month
from ..app import command
from ..options import LangOption, ProjectArgument, required_text
from ..session import Session
from .close import ByOption, DateOption, MonthArgument, who


@command("reopen")
def reopen(
    *,
    project_id: ProjectArgument,
    month: MonthArgument,
    reason: Annotated[
        str, typer.Option("--reason", help="Why the month must change (kept in closed.yaml).")
    ],
    by: ByOption,
    date: DateOption = None,
    lang: LangOption = None,
) -> int:
    session = Session.of(lang, date)
    why = required_text(reason, "--reason", "must say why the month is reopened", "nem lehet üres")
    event = reopen_month(session.directory(project_id), month, session.day, who(by), why)
    typer.echo(event_line(project_id, event, session.lang))
    return EXIT_OK
