"""`szaktar status`: every indicator against its target, with pace, forecast and breakdowns."""

from __future__ import annotations

from typing import Annotated

import typer

from ...compute.judge import evaluate_workspace
from ...core.errors import EXIT_DATA, EXIT_OK
from ...render.status import overview_hint, report
from ..app import command
from ..formats import FormatOption, show
from ..options import (
    AsOfOption,
    LangOption,
    NoCacheOption,
    ProjectIdsArgument,
    check_breakdown,
)
from ..session import Session, loaded_projects


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
    show(shown, output_format)
    return EXIT_DATA if check and any(result.has_problems for result in results) else EXIT_OK
