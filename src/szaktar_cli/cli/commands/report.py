"""`szaktar report`: the board report, one self-contained HTML page with charts."""

from __future__ import annotations

import sys

from ...core.errors import EXIT_OK, UsageError
from ..app import (
    AsOfOption,
    LangOption,
    OutputOption,
    ProjectIdsArgument,
    ProjectsOption,
    app,
    resolve_as_of,
    resolve_lang,
    resolve_projects,
)
from ..output import is_terminal


@app.command()
def report(  # keyword-only: Typer passes every parameter by name
    *,
    project_ids: ProjectIdsArgument = None,
    output: OutputOption = None,
    projects: ProjectsOption = None,
    as_of: AsOfOption = None,
    lang: LangOption = None,
) -> int:
    """Board report: one HTML page with charts, readable offline.
    / Jelentés a testületnek: egyetlen, offline is olvasható HTML oldal grafikonokkal."""
    language = resolve_lang(lang)
    day = resolve_as_of(as_of)
    if output is None and is_terminal(sys.stdout):
        raise UsageError(
            "the report is an HTML page: write it to a file with -o report.html or redirect stdout",
            "a jelentés HTML oldal: írd fájlba (-o jelentes.html) vagy irányítsd át a kimenetet",
        )
    from ...compute.charts import project_charts  # noqa: PLC0415
    from ...render.report_html import render_report  # noqa: PLC0415
    from .common import load_valid  # noqa: PLC0415

    workspace = load_valid(resolve_projects(projects), day, language, project_ids or ())
    reports = [
        (loaded.project, project_charts(loaded.project, loaded.entries(), day))
        for loaded in workspace.projects
        if loaded.project is not None
    ]
    data = render_report(reports, day, language).encode("utf-8")
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        from ...write.atomic import write_file_atomically  # noqa: PLC0415

        write_file_atomically(output, data)
    return EXIT_OK
