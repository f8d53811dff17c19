"""What szaktar's xlsx workbooks share (the export's, the entry template's): text that never
runs as a formula, and the same bytes for the same content.

The document's timestamps are given (never the clock's), and every zip entry carries one fixed
time: equal workbooks are equal bytes, so that a file in git changes only when its content does.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from openpyxl import Workbook
from openpyxl.cell.cell import Cell as XlsxCell
from openpyxl.writer.excel import ExcelWriter

from ..core.text import is_formula_like

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry


def set_text(cell: XlsxCell, text: str) -> None:
    """Put text in a cell, shown as it is: never run as a formula."""
    cell.value = text
    cell.data_type = "s"  # openpyxl would take a leading `=` as a formula
    # Excel's own mark of "text as typed" (the leading apostrophe): shown as is, never run.
    cell.quotePrefix = is_formula_like(text)


def workbook_bytes(workbook: Workbook, *, title: str, stamp: dt.datetime) -> bytes:
    """The workbook's bytes, made by szaktar at `stamp`, the same every time."""
    workbook.properties.creator = "szaktar"
    workbook.properties.title = title
    workbook.properties.created = stamp
    workbook.properties.modified = stamp
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()  # not save_workbook(): that stamps the clock's time
    return _with_fixed_times(buffer.getvalue())


def _with_fixed_times(data: bytes) -> bytes:
    """The same archive with every entry dated 1980-01-01, so equal workbooks are equal bytes."""
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return output.getvalue()
