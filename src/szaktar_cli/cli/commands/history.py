"""`szaktar history`: the entries behind a figure and, in git, how it changed commit by commit."""

from __future__ import annotations

from typing import Annotated

import typer

from ...compute.history import figure_history
from ...core.diagnostics import CLOSED_MONTH_CHANGED
from ...core.errors import EXIT_OK
from ...read.git import read_history
from ...render.history import report
from ..app import command
from ..formats import FormatOption, show
from ..options import AsOfOption, LangOption, ProjectArgument
from ..session import Session, indicator


@command("history")
def history(  # keyword-only: Typer passes every parameter by name
    *,
    project_id: ProjectArgument,
    indicator_id: Annotated[str, typer.Argument(metavar="INDICATOR_ID", help="The indicator.")],
    as_of: AsOfOption = None,
    output_format: FormatOption = None,
    lang: LangOption = None,
) -> int:
    session = Session.of(lang, as_of)
    # a closed month changed since it was reported is what an audit looks into: not a stop
    loaded, project = session.project(
        project_id, tolerated=CLOSED_MONTH_CHANGED, after_as_of=True
    )
    shown = indicator(project, indicator_id)
    found = figure_history(loaded, indicator_id, session.day, read_history(loaded.directory))
    show(report(found, shown, session.lang), output_format)
    return EXIT_OK
