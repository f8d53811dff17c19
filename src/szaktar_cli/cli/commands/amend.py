"""`szaktar amend`: set or remove fields of one entry, or delete it; the rest of its file stays
byte for byte."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ...compute.changes import indicator_changes
from ...core.errors import EXIT_OK, DataError, UsageError
from ...core.fields import MEASURE_FIELDS, WHOLE_NUMBER_FIELDS
from ...read.loader import ACTUALS_DIR
from ...read.new_entries import category_of, to_date, to_number
from ...render.editing import amended_text
from ...write.amend import Change, Criteria, Place, amend
from ..app import command
from ..options import (
    AsOfOption,
    DryRunOption,
    LangOption,
    ProjectDirectoryArgument,
    date_option,
)
from ..recording import pairs
from ..session import Session


@command("amend")
def amend_command(
    project_id: ProjectDirectoryArgument,
    where: Annotated[
        str | None,
        typer.Argument(
            metavar="[FILE:LINE]",
            help="The entry at this line of an actuals file (any of its lines).",
        ),
    ] = None,
    *,
    date: Annotated[
        str | None,
        typer.Option(metavar="DATE", help="Or the entry of this day (YYYY-MM-DD)…"),
    ] = None,
    activity: Annotated[
        str | None, typer.Option(metavar="KIND", help="…of this activity…")
    ] = None,
    note: Annotated[
        str | None, typer.Option(metavar="TEXT", help="…whose note holds this text.")
    ] = None,
    set_: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            metavar="KEY=VALUE",
            help="Set a field (repeatable): --set participants=12, --set of_which.female=7.",
        ),
    ] = None,
    unset: Annotated[
        list[str] | None,
        typer.Option("--unset", metavar="KEY", help="Remove a field (repeatable)."),
    ] = None,
    delete: Annotated[bool, typer.Option("--delete", help="Delete the entry.")] = False,
    dry_run: DryRunOption = False,
    as_of: AsOfOption = None,
    lang: LangOption = None,
) -> int:
    session = Session.of(lang, as_of)
    directory = session.directory(project_id)
    chosen = _chosen(directory, where, date, activity, note)
    change = _change(set_ or [], unset or [], delete=delete)
    session.complete_interrupted_write()
    amended = amend(directory, chosen, change, as_of=session.day, dry_run=dry_run)
    if not amended.ok:
        raise DataError(amended.diagnostics)
    session.print_input(amended.diagnostics)
    changes = indicator_changes(amended.before, amended.after, amended.entries)
    sys.stdout.write(amended_text(amended, changes, session.lang))
    return EXIT_OK


def _chosen(
    directory: Path, where: str | None, date: str | None, activity: str | None, note: str | None
) -> Place | Criteria:
    if where is not None and (date, activity, note) != (None, None, None):
        raise UsageError(
            "choose the entry either by FILE:LINE or by --date (--activity, --note)",
            "a bejegyzést vagy FÁJL:SOR, vagy --date (--activity, --note) választja ki",
        )
    if where is not None:
        file, colon, line = where.rpartition(":")
        if not colon or not line.isdigit() or int(line) < 1:
            raise UsageError(
                f"{where!r} is not FILE:LINE (e.g. actuals/2011-03.yaml:12)",
                f"a(z) {where!r} nem FÁJL:SOR alakú (pl. actuals/2011-03.yaml:12)",
            )
        candidates = [Path(file), directory / file, directory / ACTUALS_DIR / file]
        path = next((candidate for candidate in candidates if candidate.is_file()), Path(file))
        return Place(path, int(line))
    if date is None:
        raise UsageError(
            "which entry? give FILE:LINE, or --date (with --activity, --note if the day has "
            "several)",
            "melyik bejegyzés? add meg FÁJL:SOR alakban, vagy --date-tel (és ha aznap több is "
            "van, --activity-vel, --note-tal)",
        )
    return Criteria(date_option(date, "--date"), activity, note)


def _change(sets: list[str], unsets: list[str], *, delete: bool) -> Change:
    if delete and (sets or unsets):
        raise UsageError(
            "--delete deletes the whole entry: give it without --set and --unset",
            "a --delete az egész bejegyzést törli: --set és --unset nélkül add meg",
        )
    if not (delete or sets or unsets):
        raise UsageError(
            "what to change? --set KEY=VALUE, --unset KEY or --delete",
            "mit változtassak? --set KULCS=ÉRTÉK, --unset KULCS vagy --delete",
        )
    values: dict[str, object] = {}
    for key, text in pairs(sets, "--set", "KEY=VALUE", "KULCS=ÉRTÉK"):
        values[key] = _value(key, text)
    return Change(values, [key.strip() for key in unsets], delete)


def _value(key: str, text: str) -> object:
    """A field's value as `log` reads its option: a date, a number, else text."""
    if key == "date":
        return to_date(text)
    if category_of(key) is not None:
        return to_number(text, decimal_comma=True, whole=True)
    if key in MEASURE_FIELDS:
        return to_number(text, decimal_comma=True, whole=key in WHOLE_NUMBER_FIELDS)
    return text
