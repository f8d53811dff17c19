"""`szaktar gaps`: what was forgotten — empty months, silent groups, future dates, loose parts."""

from __future__ import annotations

from typing import Annotated

import typer

from ...compute.gaps import find_gaps
from ...core.errors import EXIT_DATA, EXIT_OK
from ...render.gaps import report
from ..app import command
from ..formats import FormatOption, show
from ..options import AsOfOption, LangOption, ProjectIdsArgument
from ..session import Session, loaded_projects


@command("gaps")
def gaps(  # keyword-only: Typer passes every parameter by name
    *,
    project_ids: ProjectIdsArgument = None,
    as_of: AsOfOption = None,
    output_format: FormatOption = None,
    lang: LangOption = None,
    check: Annotated[
        bool, typer.Option("--check", help="Exit 1 when any gap is found (for CI).")
    ] = False,
) -> int:
    session = Session.of(lang, as_of)
    workspace = session.load(project_ids or ())
    found = [find_gaps(loaded, session.day) for loaded, _ in loaded_projects(workspace)]
    show(report(found, session.lang), output_format)
    return EXIT_DATA if check and any(item.count for item in found) else EXIT_OK
