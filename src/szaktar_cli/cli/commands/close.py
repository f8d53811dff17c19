"""`szaktar close`: freeze a reported month; later changes to its entries fail validate."""

from __future__ import annotations

from typing import Annotated

import typer

from ...core.errors import EXIT_OK
from ...render.manifest import event_line
from ...write.atomic import data_lock
from ...write.manifest import close_month
from ..app import command
from ..options import LangOption, ProjectArgument, required_text
from ..session import Session

MonthArgument = Annotated[str, typer.Argument(metavar="YYYY-MM", help="The month.")]
ByOption = Annotated[
    str, typer.Option("--by", help="Who does it (free text, e.g. a pseudonymous code).")
]
DateOption = Annotated[
    str | None,
    typer.Option(
        "--date",
        "--as-of",
        metavar="DATE",
        help="The day, YYYY-MM-DD. [default: $SZAKTAR_TODAY, else today's local date]",
    ),
]


def who(by: str) -> str:
    return required_text(by, "--by", "must name who does it", "nem lehet üres")


@command("close")
def close(
    *,
    project_id: ProjectArgument,
    month: MonthArgument,
    by: ByOption,
    date: DateOption = None,
    lang: LangOption = None,
) -> int:
    session = Session.of(lang, date)
    # nothing is recorded between loading the month and closing it
    with data_lock(session.directory(project_id)):
        # only valid data is closed: the hash must stand for entries that count
        loaded, _ = session.project(project_id)
        event = close_month(loaded, month, session.day, who(by))
    typer.echo(event_line(project_id, event, session.lang))
    return EXIT_OK
