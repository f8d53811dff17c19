"""`szaktar validate`: every problem of the data at once, with its place; exit 1 on errors."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ...core.errors import EXIT_DATA, EXIT_OK
from ..app import (
    AsOfOption,
    LangOption,
    NoCacheOption,
    ProjectsOption,
    app,
    resolve_as_of,
    resolve_lang,
    resolve_projects,
)
from .common import print_diagnostics


class DiagnosticFormat(StrEnum):
    text = "text"
    github = "github"
    json = "json"


@app.command()
def validate(  # keyword-only: Typer passes every parameter by name
    *,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Project directories, data directories or files. [default: the data directory]"
        ),
    ] = None,
    projects: ProjectsOption = None,
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
    """Check project files and actuals; report all problems as file:line:col.
    / Adatok ellenőrzése."""
    from ...checks.workspace import load_workspace  # noqa: PLC0415
    from ...render.diagnostics import catalogue_table, summary  # noqa: PLC0415

    language = resolve_lang(lang)
    if list_codes:
        sys.stdout.write(catalogue_table(language))
        return EXIT_OK
    workspace = load_workspace(
        paths or [resolve_projects(projects)], resolve_as_of(as_of), use_cache=not no_cache
    )
    fmt = output_format.value if output_format is not None else None
    print_diagnostics(workspace.diagnostics, language, fmt)
    if fmt != "json":
        sys.stderr.write(summary(workspace.diagnostics, len(workspace.projects), language) + "\n")
    return EXIT_DATA if workspace.has_errors(strict=strict) else EXIT_OK
