"""`szaktar status`: every indicator against its target, with pace, forecast and breakdowns."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from ...core.errors import EXIT_DATA, EXIT_OK, UsageError
from ..app import (
    AsOfOption,
    LangOption,
    NoCacheOption,
    ProjectIdsArgument,
    ProjectsOption,
    app,
    resolve_as_of,
    resolve_lang,
    resolve_projects,
)
from .reporting import FormatOption, show

if TYPE_CHECKING:
    from ...core.model import Project


def _known_dimensions(project: Project) -> set[str]:
    """The entry dimensions of a project, with the attributes its dimension values declare."""
    names = set(project.dimension_names())
    for dimension in project.dimensions.values():
        if isinstance(dimension.values, dict):
            names.update(key for attributes in dimension.values.values() for key in attributes)
    return names


def _check_options(projects: list[Project], by: str | None, group_by: str | None) -> None:
    if (
        by is not None
        and projects
        and not any(by in _known_dimensions(project) for project in projects)
    ):
        known = ", ".join(
            sorted(set().union(*(_known_dimensions(project) for project in projects)))
        )
        raise UsageError(
            f"--by: no project has the dimension {by!r} (known: {known})",
            f"--by: egyik projektnek sincs {by!r} dimenziója (ismert: {known})",
        )
    if (
        group_by is not None
        and projects
        and not any(group_by in project.metadata for project in projects)
    ):
        known = ", ".join(sorted({key for project in projects for key in project.metadata})) or "-"
        raise UsageError(
            f"--group-by: no project has the metadata field {group_by!r} (known: {known})",
            f"--group-by: egyik projekt metadata mezői között sincs {group_by!r} (ismert: {known})",
        )


@app.command()
def status(  # keyword-only: Typer passes every parameter by name
    *,
    project_ids: ProjectIdsArgument = None,
    projects: ProjectsOption = None,
    as_of: AsOfOption = None,
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            metavar="DIMENSION",
            help="Break every indicator down by a dimension (county, team…).",
        ),
    ] = None,
    group_by: Annotated[
        str | None,
        typer.Option(
            "--group-by",
            metavar="FIELD",
            help="Group the portfolio summary by a metadata field (region…).",
        ),
    ] = None,
    output_format: FormatOption = None,
    lang: LangOption = None,
    no_cache: NoCacheOption = False,
    only_problems: Annotated[
        bool, typer.Option("--only-problems", help="Only the indicators that are behind or missed.")
    ] = False,
    check: Annotated[
        bool,
        typer.Option("--check", help="Exit 1 when any indicator is behind or missed (for CI)."),
    ] = False,
) -> int:
    """Indicators against targets, with pace and forecast. / Mutatók állása a célokhoz képest."""
    from ...compute.judge import evaluate_project  # noqa: PLC0415
    from ...render.status import report  # noqa: PLC0415
    from .common import load_valid  # noqa: PLC0415

    language = resolve_lang(lang)
    day = resolve_as_of(as_of)
    workspace = load_valid(
        resolve_projects(projects), day, language, only=project_ids or (), use_cache=not no_cache
    )
    loaded = [(item, item.project) for item in workspace.projects if item.project is not None]
    _check_options([project for _, project in loaded], by, group_by)
    results = [  # while no file of the project changed, from the cache (docs/performance.md)
        workspace.remember(
            item,
            "status",
            f"{day} {by}",
            lambda item=item, project=project: evaluate_project(  # type: ignore[misc]
                project, item.entries(), day, by=by
            ),
        )
        for item, project in loaded
    ]
    projects_loaded = [project for _, project in loaded]
    shown = report(
        results, projects_loaded, language, group_by=group_by, only_problems=only_problems
    )
    show(shown, output_format)
    if check and any(result.has_problems for result in results):
        return EXIT_DATA
    return EXIT_OK
