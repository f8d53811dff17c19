"""`szaktar import`: entries from a CSV file; every row checked before anything is written."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ...core.errors import EXIT_OK, DataError
from ...core.i18n import Lang, label
from ..app import (
    AsOfOption,
    LangOption,
    ProjectsOption,
    app,
    resolve_as_of,
    resolve_lang,
    resolve_projects,
)
from ..output import is_terminal
from .common import print_diagnostics
from .log import duplicate_policy

if TYPE_CHECKING:
    from ...read.new_entries import Progress

# Below this many rows the work is over before a bar could say anything.
PROGRESS_MIN_ROWS = 2000


@contextmanager
def progress_bar(lang: Lang) -> Iterator[Progress | None]:
    """A rich progress bar on stderr, only on a terminal, shown once the work is large enough."""
    if not is_terminal(sys.stderr):
        yield None
        return
    from rich.progress import Progress as RichProgress  # noqa: PLC0415
    from rich.progress import TaskID  # noqa: PLC0415

    from ..output import make_console  # noqa: PLC0415

    bar = RichProgress(console=make_console(stderr=True), transient=True)
    tasks: dict[str, TaskID] = {}

    def report(phase: str, done: int, total: int) -> None:
        if not tasks and not (phase == "read" and total >= PROGRESS_MIN_ROWS):
            return  # a small file: no bar at all
        if phase not in tasks:
            if not tasks:
                bar.start()
            tasks[phase] = bar.add_task(
                label(f"import_progress_{phase}", lang), total=total or None
            )
        bar.update(tasks[phase], completed=done, total=total or None)

    try:
        yield report
    finally:
        if tasks:
            bar.stop()


@app.command("import")
def import_(
    project_id: Annotated[
        str, typer.Argument(metavar="PROJECT_ID", help="The project's id (its directory name).")
    ],
    csv_file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE.csv",
            exists=True,
            dir_okay=False,
            help="A header row, then one entry a row.",
        ),
    ],
    *,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check and show; write nothing.")
    ] = False,
    skip_duplicates: Annotated[
        bool,
        typer.Option(
            "--skip-duplicates", help="Leave out rows already recorded (re-running an import)."
        ),
    ] = False,
    allow_duplicates: Annotated[
        bool,
        typer.Option(
            "--allow-duplicates", help="Record rows even if the same entry is already recorded."
        ),
    ] = False,
    encoding: Annotated[
        str, typer.Option(help="The file's encoding, e.g. cp1250 for an older Hungarian Excel.")
    ] = "utf-8",
    projects: ProjectsOption = None,
    as_of: AsOfOption = None,
    lang: LangOption = None,
) -> int:
    """Import entries from a CSV file (also Hungarian Excel's). / Bejegyzések CSV fájlból."""
    from ...read.loader import project_directory  # noqa: PLC0415
    from ...render.recording import recording_text  # noqa: PLC0415
    from ...write.csv_import import import_csv  # noqa: PLC0415

    language = resolve_lang(lang)
    directory = project_directory(resolve_projects(projects), project_id)
    policy = duplicate_policy(skip=skip_duplicates, allow=allow_duplicates)
    with progress_bar(language) as progress:
        recording = import_csv(
            directory,
            csv_file,
            as_of=resolve_as_of(as_of),
            encoding=encoding,
            duplicates=policy,
            dry_run=dry_run,
            progress=progress,
        )
    if not recording.ok:
        raise DataError(recording.diagnostics, language)
    print_diagnostics(recording.diagnostics, language)
    sys.stdout.write(recording_text(recording, language, show_entries=dry_run))
    return EXIT_OK
