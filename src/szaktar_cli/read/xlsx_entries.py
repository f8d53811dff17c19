"""Entries from a sheet of an xlsx workbook (`szaktar import FILE.xlsx`): its rows, read in a
stream (openpyxl's read-only mode), handed to the `TableReader` that reads a CSV file's too
(table_entries.py: the columns, the values, the problems of the table).

The sheet: the one named, else the one `szaktar template` makes (`Napló` or `Entries`), else
the first visible one. A problem is placed at its cell (`naplo.xlsx:Napló!C14`). A cell is
read as typed — a date cell is a date, a number cell a number — and a text cell as the CSV
path reads text. A formula is read as the value the file saved for it (Excel and LibreOffice
save one; a workbook written by a program may have none: I715); an error value (`#N/A`) is an
error (I716); such a row is checked once its cell is fixed. The sheet's own idea of its size
(its dimension, often stale) is not trusted: every row is read, empty ones skipped. A file
that is no xlsx workbook is named for what it is (I713: an Excel 97–2003 workbook, an
OpenDocument spreadsheet, a text file, a damaged archive), an encrypted one too (I714).
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from ..core.diagnostics import Diagnostic, Text, diag
from ..core.errors import UsageError
from ..core.labels import LABELS
from ..core.model import Project
from ..core.text import normalize
from .loader import display_path
from .new_entries import Progress
from .sources import UnreadableError, open_stream, read_start
from .table_entries import Cell, TableEntries, TableReader

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

# A sheet of a workbook opened read-only (openpyxl's ReadOnlyWorksheet, which its type stubs
# mistake for a Worksheet where rows are read).
Sheet = Any

# The diagnostics this module reports (tests/test_diagnostic_codes.py checks them).
CODES: frozenset[str] = frozenset({"I713", "I714", "I715", "I716"})

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
EXCEL_ROWS = 1_048_576  # the last row a sheet can have
ROWS_PER_PROGRESS_STEP = 500
_FORMULA_SHOWN = 60  # characters of a formula a message quotes
_ZIP = b"PK\x03\x04"
_OLE = bytes.fromhex("d0cf11e0a1b11ae1")  # a compound file: an encrypted workbook, or an .xls
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")  # the stream an encrypted workbook is in
_ODS = b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet"  # its first entry, stored
_ZIP_HEADER = 30  # the bytes of a zip entry's header before its name
_SCAN_BYTES = 1 << 20

_XLS = Text("it is an Excel 97–2003 workbook (.xls)", "Excel 97–2003 munkafüzet (.xls)")
_ODS_FILE = Text("it is an OpenDocument spreadsheet (.ods)", "OpenDocument-táblázat (.ods)")
_TEXT = Text(
    "it is not a zip archive, as an xlsx workbook is (a CSV or text file with another name?)",
    "nem zip-archívum, pedig az xlsx munkafüzet az (más nevű CSV- vagy szövegfájl?)",
)
_PAST_LAST_ROW = Text(
    f"it has a row after the last one a sheet can have ({EXCEL_ROWS})",
    f"van benne sor a munkalap utolsó lehetséges sora ({EXCEL_ROWS}) után",
)


def is_workbook(path: Path) -> bool:
    """Whether `path` is to be read as a workbook: by its name, or by its first bytes (a zip
    archive or a compound file, whatever its name). UnreadableError if it cannot be read."""
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        return True
    return read_start(path, len(_OLE)).startswith((_ZIP, _OLE))


def read_workbook_entries(
    path: Path, project: Project, *, sheet: str | None = None, progress: Progress | None = None
) -> TableEntries:
    """The rows of a sheet of the workbook at `path` (a regular file) as new entries."""
    file = display_path(path)
    try:
        stream = open_stream(path)
    except UnreadableError as error:
        raise error.usage_error(file) from None
    # openpyxl warns of what it does not keep (extensions, a default style), none of it read
    with stream, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        refusal = _not_a_workbook(stream, file)
        if refusal is not None:
            return TableEntries(file, diagnostics=[refusal], complete=False)
        try:
            workbook = _open(stream, formulas=True)
        except Exception as error:  # whatever damage openpyxl meets in the archive
            refusal = diag("I713", file, reason=_damaged(error))
            return TableEntries(file, diagnostics=[refusal], complete=False)
        try:
            chosen = _sheet(workbook, sheet, file)
            if chosen is None:  # no sheet of rows at all
                return _read_rows(TableReader(project, file, decimal_comma=True), iter(()))
            table = TableReader(project, file, sheet=chosen.title, decimal_comma=True)
            report = _progress(progress, chosen, os.fstat(stream.fileno()).st_size)
            saved = _SavedValues(stream, chosen.title)
            try:
                return _read_rows(table, _rows(chosen, saved, table), report)
            finally:
                saved.close()
        finally:
            workbook.close()


def _not_a_workbook(stream: IO[bytes], file: str) -> Diagnostic | None:
    """I713 or I714 for a file that is no xlsx workbook; None for a zip archive that may be
    one."""
    start = stream.read(_ZIP_HEADER + len(_ODS))
    stream.seek(0)
    if start.startswith(_OLE):
        return diag("I714", file) if _holds(stream, _ENCRYPTED) else diag("I713", file, reason=_XLS)
    if not start.startswith(_ZIP):
        return diag("I713", file, reason=_TEXT)
    if start[_ZIP_HEADER:] == _ODS:
        return diag("I713", file, reason=_ODS_FILE)
    return None


def _holds(stream: IO[bytes], wanted: bytes) -> bool:
    """Whether the file holds `wanted`, read in pieces (a compound file's names are anywhere)."""
    tail = b""
    while chunk := stream.read(_SCAN_BYTES):
        if wanted in tail + chunk:
            stream.seek(0)
            return True
        tail = chunk[-len(wanted) :]
    stream.seek(0)
    return False


def _damaged(error: Exception) -> Text:
    what = str(error) or type(error).__name__
    return Text(f"the archive is damaged ({what})", f"sérült az archívum ({what})")


def _open(stream: IO[bytes], *, formulas: bool) -> Workbook:
    """The workbook in read-only mode (its sheets are read in a stream); with `formulas` a
    formula cell gives its formula, else the value the file saved for it."""
    from openpyxl import load_workbook  # noqa: PLC0415  # only an xlsx import needs openpyxl

    return load_workbook(stream, read_only=True, data_only=not formulas, keep_links=False)


def _sheet(workbook: Workbook, wanted: str | None, file: str) -> Sheet | None:
    """The sheet named `wanted` (its case and accents aside), else the template's, else the
    first visible one; None when the workbook has no sheet of rows."""
    sheets: list[Sheet] = list(workbook.worksheets)
    if wanted is not None:
        exact = [sheet for sheet in sheets if sheet.title == wanted]
        alike = [sheet for sheet in sheets if normalize(sheet.title) == normalize(wanted)]
        if exact or len(alike) == 1:
            return (exact or alike)[0]
        titles = ", ".join(repr(sheet.title) for sheet in sheets) or "-"
        raise UsageError(
            f"{file} has no sheet {wanted!r} (its sheets: {titles})",
            f"a(z) {file} fájlban nincs {wanted!r} munkalap (munkalapjai: {titles})",
        )
    template = set(LABELS["template_sheet_entries"])
    visible = [sheet for sheet in sheets if sheet.sheet_state == "visible"]
    ordered = [*(sheet for sheet in visible if sheet.title in template), *visible, *sheets]
    return ordered[0] if ordered else None


class _SavedValues:
    """The values the file saved for its formulas. openpyxl gives a cell's formula or its saved
    value, not both: a second reader of the sheet, opened at the first formula and moved on
    row by row behind the first one."""

    def __init__(self, stream: IO[bytes], title: str) -> None:
        self._stream = stream
        self._title = title
        self._workbook: Workbook | None = None
        self._rows: Iterator[Sequence[Any]] = iter(())
        self._number = 0
        self._row: Sequence[Any] = ()

    def cell(self, number: int, column: int) -> Any:
        """The saved value's cell at row `number` and `column` (1-based); None if none."""
        if self._workbook is None:
            self._workbook = _open(self._stream, formulas=False)
            sheet: Sheet = self._workbook[self._title]
            sheet.reset_dimensions()
            self._rows = iter(sheet.iter_rows())
        while self._number < number:
            self._row = next(self._rows, ())
            self._number += 1
        return self._row[column - 1] if column <= len(self._row) else None

    def close(self) -> None:
        if self._workbook is not None:
            self._workbook.close()


def _rows(
    sheet: Sheet, saved: _SavedValues, table: TableReader
) -> Iterator[tuple[int, list[Cell], bool]]:
    """Each row's number, values (a formula's saved value) and whether they are all there: a
    formula without a saved value, or an error value, is reported at its cell (and is None)."""
    sheet.reset_dimensions()  # a stale dimension would cut rows and columns off
    rows = iter(sheet.iter_rows())
    number = 0
    while True:
        try:
            cells = next(rows, None)
        except Exception as error:  # whatever damage openpyxl meets in the sheet
            table.stop("I713", number + 1, 1, reason=_damaged(error))
            return
        if cells is None:
            return
        number += 1
        if number > EXCEL_ROWS:
            table.stop("I713", number, 1, reason=_PAST_LAST_ROW)
            return
        values: list[Cell] = []
        whole = True
        for column, cell in enumerate(cells, start=1):
            value = cell.value
            kind = cell.data_type
            if kind == "f":
                formula = str(value)
                found = saved.cell(number, column)
                value = None if found is None else found.value
                kind = "n" if found is None else found.data_type
                if value is None:
                    cut = formula[:_FORMULA_SHOWN] + ("…" if len(formula) > _FORMULA_SHOWN else "")
                    table.report("I715", number, column, formula=cut)
                    whole = False
            if kind == "e":
                table.report("I716", number, column, value=str(value))
                value, whole = None, False
            values.append(value)
        yield number, values, whole


def _read_rows(
    table: TableReader,
    rows: Iterator[tuple[int, list[Cell], bool]],
    progress: Callable[[int], None] | None = None,
) -> TableEntries:
    """The header (row 1), then each row whose values are all there, as `TableReader` reads
    them; an empty sheet has no header row (I702)."""
    headed = False
    for number, values, whole in rows:
        if number == 1:
            headed = True
            if not table.header(values):
                return table.result
        elif whole and not table.row(number, values):
            return table.result
        if progress is not None:
            progress(number)
    if not headed and table.result.complete:
        table.header([])
    return table.result


def _progress(
    progress: Progress | None, sheet: Sheet, size: int
) -> Callable[[int], None] | None:
    """Progress in the file's bytes, estimated from the rows read and the rows the sheet says
    it has (its dimension: a guess, never a bound)."""
    rows = sheet.max_row or 0
    if progress is None or not rows:
        return None

    def report(number: int) -> None:
        if number % ROWS_PER_PROGRESS_STEP == 0 or number == rows:
            progress("read", min(size * number // rows, size), size)

    return report
