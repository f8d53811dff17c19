"""`szaktar target`: set an indicator's target in project.yaml, or record a dated contract
amendment of it; the rest of the file stays byte for byte."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Annotated

import typer

from ...compute.aggregate import aggregate
from ...compute.judge import evaluate_indicator
from ...compute.results import IndicatorStatus
from ...core.errors import EXIT_OK, DataError, UsageError
from ...read.loader import LoadedProject
from ...read.new_entries import comma_readings, to_number
from ...render.editing import target_text
from ...write.target import Terms, set_target
from ..app import command
from ..options import (
    AsOfOption,
    DryRunOption,
    LangOption,
    ProjectDirectoryArgument,
    date_option,
    required_text,
)
from ..session import Session


@command("target")
def target_command(
    project_id: ProjectDirectoryArgument,
    indicator: Annotated[str, typer.Argument(metavar="INDICATOR", help="The indicator's id.")],
    *,
    minimum: Annotated[
        str | None,
        typer.Option("--min", metavar="N", show_default=False, help="At least this much."),
    ] = None,
    maximum: Annotated[
        str | None,
        typer.Option("--max", metavar="N", show_default=False, help="At most this much."),
    ] = None,
    by: Annotated[
        str | None,
        typer.Option(metavar="DATE", help="The deadline (YYYY-MM-DD); default the project's end."),
    ] = None,
    source: Annotated[
        str,
        typer.Option(
            metavar="TEXT",
            help="The document and its sentence (a contract amendment: its title, number, date).",
        ),
    ],
    start: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="DATE",
            help="Record a contract amendment in force from this day (YYYY-MM-DD) instead.",
        ),
    ] = None,
    dry_run: DryRunOption = False,
    as_of: AsOfOption = None,
    lang: LangOption = None,
) -> int:
    session = Session.of(lang, as_of)
    directory = session.directory(project_id)
    terms = Terms(
        indicator,
        min=_number(minimum, "--min"),
        max=_number(maximum, "--max"),
        by=date_option(by, "--by") if by is not None else None,
        source=required_text(source, "--source", "must name the document", "nem lehet üres"),
        start=date_option(start, "--from") if start is not None else None,
    )
    if (terms.min, terms.max, terms.by) == (None, None, None):
        raise UsageError(
            "what is the target? --min, --max or --by", "mi a cél? --min, --max vagy --by"
        )
    session.complete_interrupted_write()
    done = set_target(directory, terms, as_of=session.day, dry_run=dry_run)
    if not done.ok:
        raise DataError(done.diagnostics)
    session.print_input(done.diagnostics)
    states = [_status(project, indicator, session.day) for project in (done.before, done.after)]
    sys.stdout.write(target_text(done, terms, states, session.day, session.lang))
    return EXIT_OK


def _status(loaded: LoadedProject | None, indicator: str, day: dt.date) -> IndicatorStatus | None:
    """The indicator as `status` judges it on `day`."""
    if loaded is None or loaded.project is None:
        return None
    return evaluate_indicator(aggregate(loaded.project, loaded.entries(), day), indicator)


def _number(text: str | None, option: str) -> int | float | None:
    """An option's number, as `log` reads one (`1,5`, `1 800`)."""
    if text is None:
        return None
    number = to_number(text, decimal_comma=True)
    readings = comma_readings(text)
    if readings is not None:
        grouped, decimal = readings
        raise UsageError(
            f"{option}: {text!r} is ambiguous: write {grouped} or {decimal}",
            f"{option}: a(z) {text!r} kétértelmű: írd így: {grouped} vagy "
            f"{decimal.replace('.', ',')}",
        )
    if isinstance(number, str):
        raise UsageError(
            f"{option}: {text!r} is not a number", f"{option}: a(z) {text!r} nem szám"
        )
    return number
