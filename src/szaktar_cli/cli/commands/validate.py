"""`szaktar validate`: every problem of the data at once, with its place; exit 1 on errors."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ...core.errors import EXIT_DATA, EXIT_OK
from ...render.diagnostics import catalogue_table, summary
from ..app import command
from ..options import AsOfOption, LangOption, NoCacheOption, resolve_lang
from ..session import Session


class DiagnosticFormat(StrEnum):
    text = "text"
    github = "github"
    json = "json"


@command("validate")
def validate(  # keyword-only: Typer passes every parameter by name
    *,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Project directories, data directories or files. [default: the data directory]"
        ),
    ] = None,
    output_format: Annotated[
        DiagnosticFormat | None,
        typer.Option(
            "--format", help="text, github (annotations; default inside GitHub Actions) or json."
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")] = False,
    as_of: AsOfOption = None,
    lang: LangOption = None,
    no_cache: NoCacheOption = False,
    list_codes: Annotated[
        bool,
        typer.Option("--list-codes", help="Print the diagnostic codes (Markdown) and exit."),
    ] = False,
) -> int:
    if list_codes:
        sys.stdout.write(catalogue_table(resolve_lang(lang)))
        return EXIT_OK
    session = Session.of(lang, as_of, no_cache=no_cache, list_warnings=True)
    workspace = session.workspace(paths or [])
    fmt = output_format.value if output_format is not None else None
    session.print(workspace.diagnostics, fmt)
    if fmt != "json":
        count = len(workspace.projects)
        sys.stderr.write(summary(workspace.diagnostics, count, session.lang) + "\n")
    return EXIT_DATA if workspace.has_errors(strict=strict) else EXIT_OK
