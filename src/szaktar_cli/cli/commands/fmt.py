"""`szaktar fmt`: project and actuals files in the canonical layout; values and comments kept."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ...core.errors import EXIT_DATA, EXIT_OK
from ...render.editing import formatting_text
from ...write.formatting import files_to_format, format_files
from ..app import command
from ..options import LangOption
from ..session import Session


@command("fmt")
def fmt(
    *,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="project.yaml or actuals files, project or data directories. "
            "[default: the data directory]"
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option("--check", help="Change nothing; exit 1 if a file would change (for CI)."),
    ] = False,
    diff: Annotated[
        bool,
        typer.Option("--diff", help="Print what would change as a unified diff; change nothing."),
    ] = False,
    lang: LangOption = None,
) -> int:
    session = Session.of(lang, dated=False)
    session.complete_interrupted_write()
    files = files_to_format(paths or [session.projects])
    formatting = format_files(files, write=not (check or diff))
    session.print_input(formatting.diagnostics)
    report = formatting_text(formatting, session.lang, check=check or diff)
    if diff:
        sys.stdout.write("".join(file.diff() for file in formatting.changed))
        sys.stderr.write(report)
    else:
        sys.stdout.write(report)
    if formatting.diagnostics or (check and formatting.changed):
        return EXIT_DATA
    return EXIT_OK
