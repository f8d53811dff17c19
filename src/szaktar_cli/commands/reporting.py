"""Output of the audit commands (plan, gaps, history): the formats of `status`, one writer."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from .status import StatusFormat

if TYPE_CHECKING:
    from ..render.audit import Report

FormatOption = Annotated[
    StatusFormat | None,
    typer.Option(
        "--format",
        help="table (default on a terminal), plain (default when piped), markdown, github, "
        "csv, tsv or json.",
    ),
]


def show(report: Report, chosen: StatusFormat | None) -> None:
    """Rich tables on a terminal; text (no ANSI codes) when piped or asked for."""
    from ..output import is_terminal, make_console  # noqa: PLC0415
    from ..render.audit import text  # noqa: PLC0415
    from ..render.status import as_rich  # noqa: PLC0415

    fmt = chosen or (StatusFormat.table if is_terminal(sys.stdout) else StatusFormat.plain)
    if fmt is StatusFormat.table:
        console = make_console()
        for renderable in as_rich(report.sections, console.width):
            console.print(renderable)
    else:
        sys.stdout.write(text(report, fmt.value))
