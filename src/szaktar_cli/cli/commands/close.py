"""`szaktar close` and `szaktar reopen`: freeze a reported month, or open it again with a reason."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ...core.errors import EXIT_OK, DataError, UsageError
from ..app import LangOption, ProjectsOption, app, resolve_as_of, resolve_lang, resolve_projects

if TYPE_CHECKING:
    from ...core.diagnostics import Diagnostic
    from ...core.i18n import Lang
    from ...core.model import Closing, Reopening

ProjectArgument = Annotated[str, typer.Argument(metavar="PROJECT_ID", help="The project.")]
MonthArgument = Annotated[str, typer.Argument(metavar="YYYY-MM", help="The month.")]
ByOption = Annotated[
    str, typer.Option("--by", help="Who does it (free text, e.g. a pseudonymous code).")
]
DateOption = Annotated[
    str | None,
    typer.Option("--date", "--as-of", metavar="DATE", help="The day, YYYY-MM-DD. [default: today]"),
]


def _events(directory: Path, lang: Lang) -> list[Closing | Reopening]:
    """The events of closed.yaml so far; a manifest with errors stops the command."""
    from ...read.loader import load_manifest  # noqa: PLC0415
    from ...read.yamlio import Locator  # noqa: PLC0415

    events, problems = load_manifest(directory, Locator())
    if any(problem.is_error for problem in problems):
        raise DataError(problems, lang)
    return events


def _append(directory: Path, event: Closing | Reopening, lang: Lang) -> None:
    """Append the event to closed.yaml (under its lock), if the manifest stays valid."""
    from ...read.loader import load_manifest, manifest_path  # noqa: PLC0415
    from ...read.yamlio import Locator  # noqa: PLC0415
    from ...write.manifest import (  # noqa: PLC0415
        MANIFEST_HEADER,
        append_to_list_file,
        event_lines,
    )

    def check(content: bytes) -> list[Diagnostic]:
        return load_manifest(directory, Locator(), content)[1]

    problems = append_to_list_file(
        manifest_path(directory), event_lines(event), MANIFEST_HEADER.splitlines(), check
    )
    if any(problem.is_error for problem in problems):
        raise DataError(problems, lang)


def _who(by: str) -> str:
    if not by.strip():
        raise UsageError("--by must name who does it", "a --by nem lehet üres")
    return by.strip()


def _why(reason: str) -> str:
    if not reason.strip():
        raise UsageError("--reason must say why the month is reopened", "a --reason nem lehet üres")
    return reason.strip()


@app.command()
def close(
    *,
    project_id: ProjectArgument,
    month: MonthArgument,
    by: ByOption,
    date: DateOption = None,
    projects: ProjectsOption = None,
    lang: LangOption = None,
) -> int:
    """Close a reported month: later changes to its entries fail validate. / Hónap lezárása."""
    from ...core.i18n import format_date, label  # noqa: PLC0415
    from ...write.manifest import closing_event  # noqa: PLC0415
    from .common import load_valid  # noqa: PLC0415

    language = resolve_lang(lang)
    day = resolve_as_of(date)
    # only valid data is closed: the hash must stand for entries that count
    loaded = load_valid(resolve_projects(projects), day, language, only=[project_id]).projects[0]
    events = _events(loaded.directory, language)
    event = closing_event(events, loaded.entries(), month, day, _who(by))
    _append(loaded.directory, event, language)
    done = label(
        "close_done",
        language,
        project=project_id,
        month=month,
        date=format_date(event.date, language),
        by=event.by,
        entries=event.entries,
        hash=event.hash,
    )
    typer.echo(done)
    return EXIT_OK


@app.command()
def reopen(
    *,
    project_id: ProjectArgument,
    month: MonthArgument,
    reason: Annotated[
        str, typer.Option("--reason", help="Why the month must change (kept in closed.yaml).")
    ],
    by: ByOption,
    date: DateOption = None,
    projects: ProjectsOption = None,
    lang: LangOption = None,
) -> int:
    """Reopen a closed month; the reason stays in closed.yaml and in git. / Hónap újranyitása."""
    from ...core.i18n import format_date, label  # noqa: PLC0415
    from ...read.loader import project_directory  # noqa: PLC0415
    from ...write.manifest import reopening_event  # noqa: PLC0415

    language = resolve_lang(lang)
    # the entries are not read: reopening is how a changed closed month is made valid again
    directory = project_directory(resolve_projects(projects), project_id)
    events = _events(directory, language)
    event = reopening_event(events, month, resolve_as_of(date), _who(by), _why(reason))
    _append(directory, event, language)
    done = label(
        "reopen_done",
        language,
        project=project_id,
        month=month,
        date=format_date(event.date, language),
        by=event.by,
        reason=event.reason,
    )
    typer.echo(done)
    return EXIT_OK
