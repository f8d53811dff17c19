"""`szaktar import`: the rows of a CSV file (read/csv_entries) or of a workbook's sheet
(read/xlsx_entries), read by one `TableReader` (read/table_entries), recorded as entries
(recording).

Every row is checked before anything is written; a file or row with an error writes nothing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..core.diagnostics import diag
from ..read.cache import FileCache
from ..read.csv_entries import read_entries
from ..read.loader import display_path, load_project_file
from ..read.new_entries import Progress
from ..read.places import Locator
from ..read.xlsx_entries import read_workbook_entries
from .recording import DuplicatePolicy, Recording, record

# The diagnostics this module reports (tests/test_diagnostic_codes.py checks them).
CODES: frozenset[str] = frozenset({"R605"})


def import_table(
    directory: Path,
    path: Path,
    *,
    as_of: dt.date | None,
    workbook: bool = False,
    sheet: str | None = None,
    encoding: str = "utf-8",
    duplicates: DuplicatePolicy = "refuse",
    dry_run: bool = False,
    progress: Progress | None = None,
    cache: FileCache | None = None,
) -> Recording:
    """Read the rows (of a `workbook`'s `sheet`, else of a CSV file in `encoding`), check them
    all, and write them only if no row and no file has a problem."""
    project, problems = load_project_file(directory, Locator())
    if project is None:
        return Recording(diagnostics=[*problems, diag("R605", display_path(directory))])
    if workbook:
        rows = read_workbook_entries(path, project, sheet=sheet, progress=progress)
    else:
        rows = read_entries(path, project, encoding=encoding, progress=progress)
    if not rows.complete:
        return Recording(diagnostics=rows.diagnostics)
    broken = any(d.is_error for d in rows.diagnostics)
    recording = record(
        directory,
        rows.entries,
        as_of=as_of,
        duplicates=duplicates,
        dry_run=dry_run or broken,
        progress=progress,
        cache=cache,
    )
    recording.diagnostics = [*rows.diagnostics, *recording.diagnostics]
    return recording
