"""The formats of a report (`status`, `plan`, `gaps`, `history`): `--format`, and what picks the
writer — rich tables on a terminal, else one of render/tables.py's writers."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from enum import StrEnum
from typing import Annotated

import typer

from ..render.tables import Drawn, Report, Section, as_rich
from .output import color_enabled, is_terminal, make_console


class OutputFormat(StrEnum):
    """`--format` of status and the audit commands: rich tables, or a format render/tables.py
    writes."""

    table = "table"
    plain = "plain"
    markdown = "markdown"
    github = "github"
    csv = "csv"
    tsv = "tsv"
    json = "json"


FormatOption = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        help="table (default on a terminal), plain (default when piped), markdown, github, "
        "csv, tsv or json.",
    ),
]


def chosen_format(chosen: OutputFormat | None) -> OutputFormat:
    """Rich tables only where colour is welcome; piped output, NO_COLOR or TERM=dumb get plain."""
    if chosen is not None:
        return chosen
    return OutputFormat.table if color_enabled(sys.stdout) else OutputFormat.plain


def print_tables(sections: Sequence[Section]) -> None:
    """The sections as rich tables, fitted to the terminal (natural width when piped)."""
    console = make_console()
    if not is_terminal(sys.stdout):
        console.width = 10_000  # no terminal to fit: tables take their natural width
    for renderable in as_rich(sections, console.width):
        console.print(renderable)


def show(report: Report, chosen: OutputFormat | None) -> None:
    """A report in the chosen format (default: by where the output goes)."""
    show_drawn(Drawn.of(report, chosen_format(chosen).value))


def show_drawn(drawn: Drawn) -> None:
    if drawn.text is None:
        print_tables(drawn.sections)
    else:
        sys.stdout.write(drawn.text)
