"""`szaktar import`: entries from a CSV file or a workbook's sheet; every row checked before
anything is written."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ...core.errors import EXIT_OK, UsageError
from ...read.sources import UnreadableError
from ...read.xlsx_entries import is_workbook
from ...write.table_import import import_table
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
    table_file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE.csv|FILE.xlsx",
            exists=True,
            dir_okay=False,
            help="A header row, then one entry a row: a CSV file, or a sheet of a workbook.",
        ),
    ],
    *,
    sheet: Annotated[
        str | None,
        typer.Option(
            "--sheet",
            metavar="NAME",
            help="The workbook's sheet to read (default: Napló or Entries, else the first).",
        ),
    ] = None,
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
        str | None,
        typer.Option(
            help="A CSV file's encoding, e.g. cp1250 for an older Hungarian Excel. "
            "[default: utf-8]"
        ),
    ] = None,
    as_of: AsOfOption = None,
    lang: LangOption = None,
) -> int:
    session = Session.of(lang, as_of)
    directory = session.directory(project_id)
    policy = duplicate_policy(skip=skip_duplicates, allow=allow_duplicates)
    workbook = _is_workbook(table_file)
    if workbook and encoding is not None:
        raise UsageError(
            "--encoding is for a CSV file; a workbook says its own",
            "az --encoding CSV-fájlhoz való; a munkafüzet maga adja meg a kódolását",
        )
    if not workbook and sheet is not None:
        raise UsageError(
            f"--sheet is for a workbook (.xlsx); {table_file.name} is read as CSV",
            f"a --sheet munkafüzethez (.xlsx) való; a(z) {table_file.name} CSV-ként olvasandó",
        )
    with progress_bar(session.lang) as progress:
        recording = import_table(
            directory,
            table_file,
            as_of=session.day,
            workbook=workbook,
            sheet=sheet,
            encoding=checked_encoding(encoding or "utf-8"),
            duplicates=policy,
            dry_run=dry_run,
            progress=progress,
            cache=session.file_cache(),
        )
    show_recording(session, recording, show_entries=dry_run)
    return EXIT_OK


def _is_workbook(path: Path) -> bool:
    try:
        return is_workbook(path)
    except UnreadableError as error:
        raise error.usage_error(path) from None
