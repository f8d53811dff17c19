"""`szaktar log`: record one entry, checked as `validate` would check it, appended safely."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from ...core.errors import EXIT_OK, DataError, UsageError
from ..app import (
    AsOfOption,
    LangOption,
    ProjectsOption,
    app,
    resolve_as_of,
    resolve_lang,
    resolve_projects,
)
from .common import print_diagnostics

if TYPE_CHECKING:
    from ...read.new_entries import NewEntry
    from ...write.recording import DuplicatePolicy

LOG_ORIGIN = "szaktar log"

# option → entry field, in the order of the format
_TEXT_OPTIONS = ("place", "county", "partner", "team", "topic", "person", "note", "evidence")
_NUMBER_OPTIONS = ("hours", "participants", "count", "value")

Text = Annotated[str | None, typer.Option(show_default=False)]
Number = Annotated[
    str | None,
    typer.Option(metavar="N", show_default=False, help="A number; a decimal comma is fine (1,5)."),
]
DuplicatesOption = Annotated[
    bool,
    typer.Option(
        "--allow-duplicates", help="Record it even if the same entry is already recorded."
    ),
]


def duplicate_policy(*, skip: bool, allow: bool) -> DuplicatePolicy:
    if skip and allow:
        raise UsageError(
            "--skip-duplicates and --allow-duplicates exclude each other",
            "a --skip-duplicates és az --allow-duplicates kizárja egymást",
        )
    return "skip" if skip else "allow" if allow else "refuse"


def build_entry(options: dict[str, str | None], dimensions: list[str]) -> NewEntry:
    """The entry as given on the command line; each field remembers the option it came from."""
    from ...core.model import WHOLE_NUMBER_FIELDS  # noqa: PLC0415
    from ...read.new_entries import FieldOrigin, NewEntry, Origin, to_date, to_number  # noqa: PLC0415

    fields: dict[str, object] = {}
    cells: dict[str, FieldOrigin] = {}
    for key, text in options.items():
        cells[key] = FieldOrigin(0, f"--{key}", f"--{key}")
        if text is None:
            continue
        if key == "date":
            fields[key] = to_date(text)
        elif key in _NUMBER_OPTIONS:
            fields[key] = to_number(text, decimal_comma=True, whole=key in WHOLE_NUMBER_FIELDS)
        else:
            fields[key] = text
    for item in dimensions:
        key, separator, value = item.partition("=")
        if not separator or not key.strip():
            raise UsageError(
                f"--dim: {item!r} is not KEY=VALUE", f"--dim: {item!r} nem KULCS=ÉRTÉK alakú"
            )
        fields[key.strip()] = value.strip()
        cells[key.strip()] = FieldOrigin(0, f"--dim {key.strip()}", f"--dim {key.strip()}")
    return NewEntry(fields, Origin(LOG_ORIGIN, 0, cells))


@app.command()
def log(
    project_id: Annotated[
        str, typer.Argument(metavar="PROJECT_ID", help="The project's id (its directory name).")
    ],
    *,
    date: Annotated[str, typer.Option(metavar="DATE", help="The day it happened, YYYY-MM-DD.")],
    activity: Annotated[str, typer.Option(metavar="KIND", help="An activity id of the project.")],
    hours: Number = None,
    participants: Number = None,
    count: Number = None,
    value: Number = None,
    place: Text = None,
    county: Text = None,
    partner: Text = None,
    team: Text = None,
    topic: Text = None,
    person: Annotated[
        str | None, typer.Option(metavar="CODE", help="A pseudonymous code (SZ-014).")
    ] = None,
    note: Text = None,
    evidence: Annotated[
        str | None, typer.Option(metavar="REF", help="E.g. the attendance sheet's number.")
    ] = None,
    dim: Annotated[
        list[str] | None,
        typer.Option(
            "--dim", metavar="KEY=VALUE", help="A dimension the project declares (repeatable)."
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be written; change nothing.")
    ] = False,
    allow_duplicates: DuplicatesOption = False,
    projects: ProjectsOption = None,
    as_of: AsOfOption = None,
    lang: LangOption = None,
) -> int:
    """Record one entry in actuals/YYYY-MM.yaml. / Egy bejegyzés rögzítése."""
    from ...read.loader import project_directory  # noqa: PLC0415
    from ...render.recording import recording_text  # noqa: PLC0415
    from ...write.recording import record  # noqa: PLC0415

    language = resolve_lang(lang)
    directory = project_directory(resolve_projects(projects), project_id)
    options: dict[str, str | None] = {"date": date, "activity": activity}
    options |= dict(zip(_NUMBER_OPTIONS, (hours, participants, count, value), strict=True))
    options |= dict(
        zip(
            _TEXT_OPTIONS,
            (place, county, partner, team, topic, person, note, evidence),
            strict=True,
        )
    )
    entry = build_entry(options, dim or [])
    recording = record(
        directory,
        [entry],
        as_of=resolve_as_of(as_of),
        duplicates=duplicate_policy(skip=False, allow=allow_duplicates),
        dry_run=dry_run,
    )
    if not recording.ok:
        raise DataError(recording.diagnostics, language)
    print_diagnostics(recording.diagnostics, language)
    sys.stdout.write(recording_text(recording, language))
    return EXIT_OK
