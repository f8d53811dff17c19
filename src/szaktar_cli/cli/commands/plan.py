"""`szaktar plan`: for each target not yet met, what is still needed per month and per week."""

from __future__ import annotations

from ...core.errors import EXIT_OK
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
def plan(  # keyword-only: Typer passes every parameter by name
    *,
    project_ids: ProjectIdsArgument = None,
    projects: ProjectsOption = None,
    as_of: AsOfOption = None,
    output_format: FormatOption = None,
    lang: LangOption = None,
) -> int:
    """What is still needed: remaining amount and rate per month and week. / Ami még hátravan."""
    from ...compute.planning import plan_project  # noqa: PLC0415
    from ...render.plan import report  # noqa: PLC0415
    from .common import load_valid  # noqa: PLC0415

    language = resolve_lang(lang)
    day = resolve_as_of(as_of)
    workspace = load_valid(resolve_projects(projects), day, language, only=project_ids or ())
    plans = [
        plan_project(item.project, item.entries(), day)
        for item in workspace.projects
        if item.project is not None
    ]
    show(report(plans, language), output_format)
    return EXIT_OK
