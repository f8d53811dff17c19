"""`szaktar history`: the entries behind a figure and, in git, how it changed commit by commit."""

from __future__ import annotations

from typing import Annotated

import typer

from ...core.errors import EXIT_OK, DataError, UsageError
from ..app import (
    AsOfOption,
    LangOption,
    ProjectsOption,
    app,
    resolve_as_of,
    resolve_lang,
    resolve_projects,
)
from .reporting import FormatOption, show


@app.command()
def history(  # keyword-only: Typer passes every parameter by name
    *,
    project_id: Annotated[str, typer.Argument(metavar="PROJECT_ID", help="The project.")],
    indicator_id: Annotated[str, typer.Argument(metavar="INDICATOR_ID", help="The indicator.")],
    projects: ProjectsOption = None,
    as_of: AsOfOption = None,
    output_format: FormatOption = None,
    lang: LangOption = None,
) -> int:
    """Where a figure comes from: its entries and its changes in git. / Honnan jön a szám."""
    from ...checks.workspace import load_workspace  # noqa: PLC0415
    from ...compute.history import figure_history  # noqa: PLC0415
    from ...core.closed import CHANGE_CODES  # noqa: PLC0415
    from ...read.git import read_history  # noqa: PLC0415
    from ...read.yamlio import Locator  # noqa: PLC0415
    from ...render.history import report  # noqa: PLC0415
    from .common import print_diagnostics  # noqa: PLC0415

    language = resolve_lang(lang)
    day = resolve_as_of(as_of)
    workspace = load_workspace([resolve_projects(projects)], day, only=[project_id])
    # a closed month changed since it was reported is what an audit looks into: not a stop
    if any(d.is_error and d.code not in CHANGE_CODES for d in workspace.diagnostics):
        raise DataError(workspace.diagnostics, language)
    print_diagnostics(workspace.diagnostics, language)
    loaded = workspace.projects[0]
    assert loaded.project is not None  # a project that does not load has errors
    indicators = loaded.project.indicators
    if indicator_id not in indicators:
        known = ", ".join(indicators) or "-"
        raise UsageError(
            f"{project_id} has no indicator {indicator_id!r} (known: {known})",
            f"a(z) {project_id} projektnek nincs {indicator_id!r} mutatója (ismert: {known})",
        )
    found = figure_history(loaded, indicator_id, day, Locator(), read_history(loaded.directory))
    show(report(found, indicators[indicator_id], language), output_format)
    return EXIT_OK
