"""The output formats of `status` and of the audit commands (plan, gaps, history): one writer."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, cast

import typer

if TYPE_CHECKING:
    from ...render.tables import Report, ReportFormat, Section


class StatusFormat(StrEnum):
    table = "table"
    plain = "plain"
    markdown = "markdown"
    github = "github"
    csv = "csv"
    tsv = "tsv"
    json = "json"


FormatOption = Annotated[
    StatusFormat | None,
    typer.Option(
        "--format",
        help="table (default on a terminal), plain (default when piped), markdown, github, "
        "csv, tsv or json.",
    ),
]


def chosen_format(chosen: StatusFormat | None) -> StatusFormat:
    """Rich tables only where colour is welcome; piped output, NO_COLOR or TERM=dumb get plain."""
    from ..output import color_enabled  # noqa: PLC0415

    if chosen is not None:
        return chosen
    return StatusFormat.table if color_enabled(sys.stdout) else StatusFormat.plain


def print_tables(sections: Sequence[Section]) -> None:
    """The sections as rich tables, fitted to the terminal (natural width when piped)."""
    from ...render.tables import as_rich  # noqa: PLC0415
    from ..output import is_terminal, make_console  # noqa: PLC0415

    console = make_console()
    if not is_terminal(sys.stdout):
        console.width = 10_000  # no terminal to fit: tables take their natural width
    for renderable in as_rich(sections, console.width):
        console.print(renderable)


def show(report: Report, chosen: StatusFormat | None) -> None:
    """A report in the chosen format (default: by where the output goes)."""
    from ...render.tables import report_text  # noqa: PLC0415

    fmt = chosen_format(chosen)
    if fmt is StatusFormat.table:
        print_tables(report.sections())
    else:
        sys.stdout.write(report_text(report, cast("ReportFormat", fmt.value)))
