"""`szaktar log`: record one entry, checked as `validate` would check it, appended safely."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from ...core.errors import EXIT_OK
from ...write.recording import record
from ..app import command
from ..options import (
    AsOfOption,
    LangOption,
    ProjectDirectoryArgument,
)
from ..recording import (
    LOG_NUMBER_OPTIONS,
    LOG_TEXT_OPTIONS,
    duplicate_policy,
    entry_from_options,
    show_recording,
)
from ..session import Session


def _text(what: str) -> Any:
    return typer.Option(metavar="TEXT", show_default=False, help=what)


# What each number option takes: a whole number for a count (core/fields.WHOLE_NUMBER_FIELDS).
Decimal = Annotated[
    str | None,
    typer.Option(metavar="N", show_default=False, help="A number; a decimal comma is fine (1,5)."),
]
Whole = Annotated[
    str | None, typer.Option(metavar="N", show_default=False, help="A whole number (0, 1, 2…).")
]
DuplicatesOption = Annotated[
    bool,
    typer.Option(
        "--allow-duplicates", help="Record it even if the same entry is already recorded."
    ),
]


@command("log")
def log(
    project_id: ProjectDirectoryArgument,
    *,
    date: Annotated[
        str,
        typer.Option(metavar="DATE", help="The day it happened: YYYY-MM-DD (or 2011.03.14.)."),
    ],
    activity: Annotated[
        str,
        typer.Option(
            metavar="KIND",
            help="An activity of the project: its id or its name (Konzultáció; case and "
            "accents aside, as import reads it).",
        ),
    ],
    hours: Decimal = None,
    participants: Whole = None,
    count: Whole = None,
    value: Decimal = None,
    place: Annotated[str | None, _text("Where it happened (a settlement).")] = None,
    county: Annotated[str | None, _text("The county.")] = None,
    partner: Annotated[str | None, _text("The partner organisation.")] = None,
    team: Annotated[str | None, _text("The team.")] = None,
    topic: Annotated[str | None, _text("The topic.")] = None,
    person: Annotated[
        str | None, typer.Option(metavar="CODE", help="A pseudonymous code (SZ-014).")
    ] = None,
    note: Annotated[str | None, _text("A note, free text.")] = None,
    evidence: Annotated[
        str | None, typer.Option(metavar="REF", help="E.g. the attendance sheet's number.")
    ] = None,
    dim: Annotated[
        list[str] | None,
        typer.Option(
            "--dim",
            metavar="KEY=VALUE",
            help="A dimension the project declares, by its id or its name (repeatable).",
        ),
    ] = None,
    of_which: Annotated[
        list[str] | None,
        typer.Option(
            "--of-which",
            metavar="CATEGORY=N",
            help="How many (of the participants, hours…) are in a category of a breakdown "
            "(repeatable): --of-which disadvantaged=9.",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be written; change nothing.")
    ] = False,
    allow_duplicates: DuplicatesOption = False,
    as_of: AsOfOption = None,
    lang: LangOption = None,
) -> int:
    session = Session.of(lang, as_of)
    directory = session.directory(project_id)
    options: dict[str, str | None] = {"date": date, "activity": activity}
    options |= dict(zip(LOG_NUMBER_OPTIONS, (hours, participants, count, value), strict=True))
    texts = (place, county, partner, team, topic, person, note, evidence)
    options |= dict(zip(LOG_TEXT_OPTIONS, texts, strict=True))
    recording = record(
        directory,
        [entry_from_options(options, dim or [], of_which or [])],
        as_of=session.day,
        duplicates=duplicate_policy(skip=False, allow=allow_duplicates),
        dry_run=dry_run,
        cache=session.file_cache(),
    )
    show_recording(session, recording)
    return EXIT_OK
