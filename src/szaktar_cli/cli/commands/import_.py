"""`szaktar import`: entries from a CSV file; every row checked before anything is written."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ...core.errors import EXIT_OK
from ...write.csv_import import import_csv
from ..app import command
from ..options import (
    AsOfOption,
    LangOption,
    ProjectDirectoryArgument,
)
from ..output import progress_bar
from ..recording import checked_encoding, duplicate_policy, show_recording
from ..session import Session


@command("import")
def import_(
    project_id: ProjectDirectoryArgument,
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
    as_of: AsOfOption = None,
    lang: LangOption = None,
) -> int:
    session = Session.of(lang, as_of)
    directory = session.directory(project_id)
    policy = duplicate_policy(skip=skip_duplicates, allow=allow_duplicates)
    with progress_bar(session.lang) as progress:
        recording = import_csv(
            directory,
            csv_file,
            as_of=session.day,
            encoding=checked_encoding(encoding),
            duplicates=policy,
            dry_run=dry_run,
            progress=progress,
        )
    show_recording(session, recording, show_entries=dry_run)
    return EXIT_OK
