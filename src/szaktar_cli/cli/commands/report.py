"""`szaktar report`: the board report, one self-contained HTML page with charts."""

from __future__ import annotations

import sys

from ...compute.charts import project_charts
from ...core.errors import EXIT_OK, UsageError
from ...render.report_html import render_report
from ..app import command
from ..options import AsOfOption, ForceOption, LangOption, OutputOption, ProjectIdsArgument
from ..output import is_terminal
from ..session import Session, loaded_projects


@command("report")
def report(  # keyword-only: Typer passes every parameter by name
    *,
    project_ids: ProjectIdsArgument = None,
    output: OutputOption = None,
    force: ForceOption = False,
    as_of: AsOfOption = None,
    lang: LangOption = None,
) -> int:
    session = Session.of(lang, as_of)
    if output is None and is_terminal(sys.stdout):
        raise UsageError(
            "the report is an HTML page: write it to a file with -o report.html or redirect stdout",
            "a jelentés HTML oldal: írd fájlba (-o jelentes.html) vagy irányítsd át a kimenetet",
        )
    workspace = session.load(project_ids or ())
    reports = [
        (project, project_charts(project, loaded.entries(), session.day))
        for loaded, project in loaded_projects(workspace)
    ]
    page = render_report(reports, session.day, session.lang)
    session.write(page.encode("utf-8"), output, force=force)
    return EXIT_OK
