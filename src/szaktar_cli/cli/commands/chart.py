"""`szaktar chart`: one indicator's burn-up (or its bars per period) in the terminal."""

from __future__ import annotations

import shutil
import sys
from typing import Annotated

import typer

from ...compute.charts import tracked_chart
from ...core.errors import EXIT_OK, UsageError
from ...core.i18n import localised
from ...core.labels import label
from ...core.model import Project
from ...render.terminal_chart import chart_title, render_chart
from ..app import command
from ..options import AsOfOption, LangOption, ProjectArgument
from ..output import color_enabled, is_terminal
from ..session import Session, indicator

# Piped output has a fixed size, so that files and tests see the same chart everywhere.
PIPED_SIZE = (100, 24)
MAX_WIDTH = 140


@command("chart")
def chart(  # keyword-only: Typer passes every parameter by name
    *,
    project_id: ProjectArgument,
    indicator_id: Annotated[
        str | None,
        typer.Argument(
            metavar="INDICATOR_ID", help="One of its indicators. [default: list them]"
        ),
    ] = None,
    width: Annotated[
        int | None,
        typer.Option(
            "--width", min=40, max=400, help="Columns. [default: the terminal's, else 100]"
        ),
    ] = None,
    height: Annotated[
        int | None, typer.Option("--height", min=10, max=200, help="Rows. [default: 24]")
    ] = None,
    as_of: AsOfOption = None,
    lang: LangOption = None,
) -> int:
    session = Session.of(lang, as_of)
    loaded, project = session.project(project_id)
    if indicator_id is None:
        sys.stdout.write(_listing(project, session))
        return EXIT_OK
    indicator(project, indicator_id)
    status, drawn = tracked_chart(project, loaded.entries(), session.day, indicator_id)
    if drawn is None:
        raise UsageError(
            f"{indicator_id}: nothing to draw (a deliverable, a figure that cannot be known, "
            f"or no entries yet); see {session.program} status {project_id}",
            f"{indicator_id}: nincs mit ábrázolni (egyszeri teljesítés, nem megállapítható szám, "
            f"vagy még nincs bejegyzés); lásd: {session.program} status {project_id}",
        )
    columns, rows = shutil.get_terminal_size(PIPED_SIZE) if is_terminal(sys.stdout) else PIPED_SIZE
    text = render_chart(
        drawn,
        chart_title(project, status, drawn, session.lang),
        session.lang,
        width=width or min(columns, MAX_WIDTH),
        height=height or min(rows, PIPED_SIZE[1]),
        color=color_enabled(sys.stdout),
    )
    sys.stdout.write(text)
    return EXIT_OK


def _listing(project: Project, session: Session) -> str:
    """The project's indicators (id and name), and how to draw one."""
    width = max((len(key) for key in project.indicators), default=0)
    lines = [label("chart_indicators", session.lang, project=project.id, szaktar=session.program)]
    lines += [
        f"  {key:<{width}}  {localised(item.name, item.name_en, session.lang)}"
        for key, item in project.indicators.items()
    ]
    return "\n".join(lines) + "\n"
