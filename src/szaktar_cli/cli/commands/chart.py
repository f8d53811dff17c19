"""`szaktar chart`: one indicator's burn-up (or its bars per period) in the terminal."""

from __future__ import annotations

import shutil
import sys
from typing import Annotated

import typer

from ...core.errors import EXIT_OK, UsageError
from ..app import (
    AsOfOption,
    LangOption,
    ProjectsOption,
    app,
    resolve_as_of,
    resolve_lang,
    resolve_projects,
)
from ..output import color_enabled, is_terminal

# Piped output has a fixed size, so that files and tests see the same chart everywhere.
PIPED_SIZE = (100, 24)
MAX_WIDTH = 140


@app.command()
def chart(  # keyword-only: Typer passes every parameter by name
    *,
    project_id: Annotated[str, typer.Argument(metavar="PROJECT_ID", help="The project.")],
    indicator_id: Annotated[
        str, typer.Argument(metavar="INDICATOR_ID", help="One of its indicators.")
    ],
    width: Annotated[
        int | None,
        typer.Option(
            "--width", min=40, max=400, help="Columns. [default: the terminal's, else 100]"
        ),
    ] = None,
    height: Annotated[
        int | None, typer.Option("--height", min=10, max=200, help="Rows. [default: 24]")
    ] = None,
    projects: ProjectsOption = None,
    as_of: AsOfOption = None,
    lang: LangOption = None,
) -> int:
    """Draw one indicator in the terminal: a burn-up, or bars per period for a rate target.
    / Egy mutató grafikonja a terminálban."""
    from ...compute.aggregate import aggregate  # noqa: PLC0415
    from ...compute.charts import indicator_chart  # noqa: PLC0415
    from ...compute.judge import evaluate_indicator  # noqa: PLC0415
    from ...core.i18n import label  # noqa: PLC0415
    from ...render.report_html import chart_summary, indicator_target  # noqa: PLC0415
    from ...render.terminal_chart import render_chart  # noqa: PLC0415
    from .common import load_valid  # noqa: PLC0415

    language = resolve_lang(lang)
    day = resolve_as_of(as_of)
    workspace = load_valid(resolve_projects(projects), day, language, [project_id])
    loaded = workspace.projects[0]
    project = loaded.project
    assert project is not None  # load_valid stops on a project file that cannot be read
    if indicator_id not in project.indicators:
        known = ", ".join(project.indicators) or "-"
        raise UsageError(
            f"{project_id} has no indicator {indicator_id!r} (known: {known})",
            f"a(z) {project_id} projektnek nincs {indicator_id!r} mutatója (ismert: {known})",
        )
    aggregates = aggregate(project, loaded.entries(), day)
    status = evaluate_indicator(aggregates, indicator_id)
    drawn = indicator_chart(aggregates, status, tracked=True)
    if drawn is None:
        raise UsageError(
            f"{indicator_id}: nothing to draw (a deliverable, a figure that cannot be known, "
            "or no entries yet); see szaktar status",
            f"{indicator_id}: nincs mit ábrázolni (egyszeri teljesítés, nem megállapítható szám, "
            "vagy még nincs bejegyzés); lásd: szaktar status",
        )
    terminal = is_terminal(sys.stdout)
    columns, rows = shutil.get_terminal_size(PIPED_SIZE) if terminal else PIPED_SIZE
    title = " · ".join(
        part
        for part in (
            status.display_name(language),
            indicator_target(project, status, language) if status.target else "",
            label(f"status_{status.status}", language),
        )
        if part and part != "–"
    )
    summary = chart_summary(drawn, status, language)
    text = render_chart(
        drawn,
        f"{title}\n{summary}" if summary else title,
        language,
        width=width or min(columns, MAX_WIDTH),
        height=height or min(rows, PIPED_SIZE[1]),
        color=color_enabled(sys.stdout),
    )
    sys.stdout.write(text)
    return EXIT_OK
