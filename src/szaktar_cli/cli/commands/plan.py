"""`szaktar plan`: for each target not yet met, what is still needed per month and per week."""

from __future__ import annotations

from ...compute.planning import plan_project
from ...core.errors import EXIT_OK
from ...render.plan import report
from ..app import command
from ..formats import FormatOption, show
from ..options import AsOfOption, LangOption, ProjectIdsArgument
from ..session import Session, loaded_projects


@command("plan")
def plan(  # keyword-only: Typer passes every parameter by name
    *,
    project_ids: ProjectIdsArgument = None,
    as_of: AsOfOption = None,
    output_format: FormatOption = None,
    lang: LangOption = None,
) -> int:
    session = Session.of(lang, as_of)
    workspace = session.load(project_ids or ())
    plans = [
        plan_project(project, loaded.entries(), session.day)
        for loaded, project in loaded_projects(workspace)
    ]
    show(report(plans, session.lang), output_format)
    return EXIT_OK
