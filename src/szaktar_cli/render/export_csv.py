"""CSV, TSV and the Excel dialect of `szaktar export`, as bytes.

- csv: RFC 4180 (CRLF, quotes when needed), UTF-8, `.` decimals, ISO dates, English keys.
- tsv: the same with tabs. (CRLF line ends here too: with LF alone the csv module would
  not quote a field holding a carriage return.)
- excel: what a Hungarian Excel opens by double-click: UTF-8 with BOM (else it guesses
  the ANSI code page), `;` (the list separator where `,` is the decimal mark), decimal
  comma, numbers rounded as on screen (halves away from zero), headers and codes in the
  chosen language.
"""

from __future__ import annotations

import csv
import io
from typing import Literal

from ..compute.tables import Cell, Column, ExportTable
from ..core.i18n import Lang
from ..core.numbers import PERCENT_DIGITS, SHOWN_DIGITS, rounded
from ..core.text import text_marked
from .export_cells import code_text, header, machine_text

Dialect = Literal["csv", "tsv", "excel"]
_BOM = "\ufeff"


def render(table: ExportTable, dialect: Dialect = "csv", lang: Lang = "en") -> bytes:
    buffer = io.StringIO(newline="")
    delimiter = {"csv": ",", "tsv": "\t", "excel": ";"}[dialect]
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    if dialect == "excel":
        buffer.write(_BOM)
        writer.writerow(text_marked(header(column, lang)) for column in table.columns)
        for row in table.rows:
            writer.writerow(
                _excel_text(column, value, lang)
                for column, value in zip(table.columns, row, strict=True)
            )
    else:
        writer.writerow(column.key for column in table.columns)
        for row in table.rows:
            writer.writerow(
                machine_text(column, value)
                for column, value in zip(table.columns, row, strict=True)
            )
    return buffer.getvalue().encode("utf-8")


def _excel_text(column: Column, value: Cell, lang: Lang) -> str:
    if column.kind in {"unit", "code"} and isinstance(value, str):
        return text_marked(code_text(column, value, lang))
    if isinstance(value, float | int):
        value = rounded(value, PERCENT_DIGITS if column.kind == "percent" else SHOWN_DIGITS)
    return machine_text(column, value, decimal_mark=",")
