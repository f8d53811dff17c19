"""XLSX of `szaktar export` (openpyxl): a summary sheet, then one sheet per project.

Cells are typed (numbers, percentages and dates with number formats; text never runs as
a formula), the header row is frozen and filterable, columns are wide enough to read.
The same table gives the same bytes (render/workbook.py): the document timestamps are the as-of
date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import cast

from openpyxl import Workbook
from openpyxl.cell.cell import Cell as XlsxCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..compute.tables import Cell, Column, ExportTable, Row
from ..core.i18n import Lang
from ..core.labels import label
from .export_cells import code_text, export_title, header
from .workbook import set_text, workbook_bytes

_SHEET_TITLE_MAX = 31  # Excel's limit
_WIDTH_MIN, _WIDTH_MAX = 8, 60
_DATE_FORMAT = "yyyy-mm-dd"
_PERCENT_FORMAT = "0.0%"
_WHOLE_FORMAT = "#,##0"
_FRACTION_FORMAT = "#,##0.0#"


def render(table: ExportTable, lang: Lang = "en") -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]  # the default sheet
    taken: set[str] = set()
    summary_sheet = workbook.create_sheet(_unique_title(label("export_sheet_summary", lang), taken))
    _fill(summary_sheet, table.summary.columns, table.summary.rows, lang)
    for project in table.projects:
        _fill(
            workbook.create_sheet(_unique_title(project.id, taken)),
            table.columns,
            table.rows_of(project.id),
            lang,
        )
    stamp = dt.datetime.combine(table.as_of, dt.time())
    return workbook_bytes(workbook, title=export_title(table, lang), stamp=stamp)


def _unique_title(name: str, taken: set[str]) -> str:
    """Sheet titles are at most 31 characters and unique regardless of case."""
    title, number = name[:_SHEET_TITLE_MAX], 1
    while title.casefold() in taken:
        number += 1
        suffix = f"~{number}"
        title = name[: _SHEET_TITLE_MAX - len(suffix)] + suffix
    taken.add(title.casefold())
    return title


def _fill(sheet: Worksheet, columns: Sequence[Column], rows: Sequence[Row], lang: Lang) -> None:
    for column_number, column in enumerate(columns, start=1):
        heading = _cell(sheet, 1, column_number)
        set_text(heading, header(column, lang))
        heading.font = Font(bold=True)
    for row_number, row in enumerate(rows, start=2):
        for column_number, (column, value) in enumerate(zip(columns, row, strict=True), start=1):
            _set_cell(_cell(sheet, row_number, column_number), column, value, lang)
    last = get_column_letter(len(columns))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{last}{len(rows) + 1}"
    for index, column in enumerate(columns, start=1):
        shown = (_shown_width(row[index - 1], column, lang) for row in rows)
        longest = max([len(header(column, lang)), *shown])
        width = min(max(longest + 2, _WIDTH_MIN), _WIDTH_MAX)
        sheet.column_dimensions[get_column_letter(index)].width = float(width)


def _cell(sheet: Worksheet, row: int, column: int) -> XlsxCell:
    return cast(XlsxCell, sheet.cell(row, column))  # a new sheet has no merged cells


def _set_cell(cell: XlsxCell, column: Column, value: Cell, lang: Lang) -> None:
    if value is None:
        return
    if isinstance(value, dt.date):
        cell.value = value
        cell.number_format = _DATE_FORMAT
    elif isinstance(value, float | int):
        if column.kind == "percent":
            cell.value = value / 100
            cell.number_format = _PERCENT_FORMAT
        else:
            cell.value = value
            cell.number_format = _WHOLE_FORMAT if float(value).is_integer() else _FRACTION_FORMAT
    else:
        in_words = column.kind in {"unit", "code"}
        set_text(cell, code_text(column, value, lang) if in_words else value)


def _shown_width(value: Cell, column: Column, lang: Lang) -> int:
    """About how many characters the cell shows with its number format (cheap: no locale)."""
    if value is None:
        return 0
    if isinstance(value, dt.date):
        return len(_DATE_FORMAT)
    if isinstance(value, float | int):
        if column.kind == "percent":
            return len(f"{value:.1f}%")
        whole = len(str(abs(int(value))))
        return whole + (whole - 1) // 3 + (value < 0) + (0 if float(value).is_integer() else 3)
    if column.kind in {"unit", "code"}:
        value = code_text(column, value, lang)
    return max((len(line) for line in value.splitlines()), default=0)
