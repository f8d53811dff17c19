"""`szaktar gaps`: what was forgotten — empty months, silent groups, future dates, loose parts."""

from __future__ import annotations

from typing import Annotated

import typer

from ...core.errors import EXIT_DATA, EXIT_OK
from ..app import (
    AsOfOption,
    LangOption,
    ProjectIdsArgument,
    ProjectsOption,
    app,
    resolve_as_of,
    resolve_lang,
    resolve_projects,
)
from .reporting import FormatOption, show


@app.command()
def gaps(  # keyword-only: Typer passes every parameter by name
    *,
    project_ids: ProjectIdsArgument = None,
    projects: ProjectsOption = None,
    as_of: AsOfOption = None,
    output_format: FormatOption = None,
    lang: LangOption = None,
    check: Annotated[
        bool, typer.Option("--check", help="Exit 1 when any gap is found (for CI).")
    ] = False,
) -> int:
    """Missing data: empty months, silent groups, future entries, parts off the total. / Hiányok."""
    from ...compute.gaps import find_gaps  # noqa: PLC0415
    from ...read.yamlio import Locator  # noqa: PLC0415
    from ...render.gaps import report  # noqa: PLC0415
    from .common import load_valid  # noqa: PLC0415

    language = resolve_lang(lang)
    day = resolve_as_of(as_of)
    workspace = load_valid(resolve_projects(projects), day, language, only=project_ids or ())
    locator = Locator()
    found = [find_gaps(item, day, locator) for item in workspace.projects if item.project]
    show(report(found, language), output_format)
    return EXIT_DATA if check and any(item.count for item in found) else EXIT_OK
