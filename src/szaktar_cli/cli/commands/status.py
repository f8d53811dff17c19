"""`szaktar status`: every indicator against its target, with pace, forecast and breakdowns."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from ...core.errors import EXIT_DATA, EXIT_OK
from ...render.tables import Drawn
from ..app import command
from ..formats import FormatOption, OutputFormat, chosen_format, show_drawn
from ..options import (
    AsOfOption,
    LangOption,
    NoCacheOption,
    ProjectIdsArgument,
    check_breakdown,
)
from ..session import Session, loaded_projects

if TYPE_CHECKING:
    from ...checks.workspace import Workspace


@command("status")
def status(  # keyword-only: Typer passes every parameter by name
    *,
    project_ids: ProjectIdsArgument = None,
    as_of: AsOfOption = None,
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            metavar="DIMENSION|BREAKDOWN",
            help="Break every indicator down by a dimension (county, team…) or by the "
            "categories of a breakdown (gender…).",
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
    full: Annotated[
        bool,
        typer.Option(
            "--full",
            help="Every project's tables. [default: with several projects and no PROJECT_ID, "
            "the portfolio's summary]",
        ),
    ] = False,
) -> int:
    session = Session.of(lang, as_of, no_cache=no_cache)
    workspace = session.load(project_ids or ())
    fmt = chosen_format(output_format)
    asked = (
        project_ids, by, group_by, only_problems, full, fmt.value, session.lang, session.program
    )
    # of files unchanged, the report as it was drawn: a warm run computes nothing
    drawn = workspace.remember_all(
        "status-report",
        repr(asked),
        Drawn,
        lambda: _report(
            session, workspace, fmt, project_ids or [], by, group_by,
            only_problems=only_problems, full=full,
        ),
    )
    show_drawn(drawn)
    return EXIT_DATA if check and drawn.has_problems else EXIT_OK


def _report(  # noqa: PLR0917  # the command's options
    session: Session,
    workspace: Workspace,
    fmt: OutputFormat,
    project_ids: list[str],
    by: str | None,
    group_by: str | None,
    *,
    only_problems: bool,
    full: bool,
) -> Drawn:
    from ...compute.judge import evaluate_workspace  # noqa: PLC0415  # (a warm run needs neither)
    from ...render.status import overview_hint, report  # noqa: PLC0415

    loaded = [project for _, project in loaded_projects(workspace)]
    check_breakdown(loaded, by, group_by)
    results = evaluate_workspace(workspace, session.day, by)
    # the first screen: with several projects and nothing asked of them, their summary only
    first_screen = not (project_ids or full or only_problems or by) and len(results) > 1
    shown = report(
        results,
        loaded,
        session.lang,
        group_by=group_by,
        only_problems=only_problems,
        overview=overview_hint(results, session.lang, session.program) if first_screen else None,
    )
    return Drawn.of(
        shown, fmt.value, has_problems=any(result.has_problems for result in results)
    )
