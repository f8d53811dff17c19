"""Entries from a CSV file (`szaktar import`): its rows, read in a stream, handed to the
`TableReader` that reads a workbook's too (table_entries.py: the columns, the values).

The Hungarian Excel dialect is recognised by itself: a UTF-8 BOM, `;` between cells
and a decimal comma (`1,5` hours) whenever the separator is not a comma. A cell is one line:
a quote out of place is reported where it opens (I709, I710).
"""

from __future__ import annotations

import codecs
import csv
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from ..core.diagnostics import Diagnostic, Text, diag
from ..core.model import Project
from ..core.text import normalize, without_text_mark
from .loader import display_path
from .new_entries import Progress
from .sources import UnreadableError, open_stream
from .table_entries import TableEntries, TableReader

# The diagnostics this module reports (tests/test_diagnostic_codes.py checks them).
CODES: frozenset[str] = frozenset({"I701", "I707", "I709", "I710", "I711"})

DELIMITERS = (",", ";", "\t")
ROWS_PER_PROGRESS_STEP = 500


_CHUNK_BYTES = 1 << 20
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r(?!$)|\n)")  # a line and its end, as csv reads them
_UTF16_MARKS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


class _UndecodableError(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.code)
        self.diagnostic = diagnostic


class _Lines:
    """The lines of a CSV file, decoded as they are read (the file is never held whole), each
    with its line end; what a row took is kept until the next row starts (`row`)."""

    def __init__(self, stream: BinaryIO, codec: str, encoding: str, file: str) -> None:
        self._stream = stream
        self._decoder = codecs.getincrementaldecoder(codec)()
        self._encoding = encoding
        self._file = file
        self._pending = ""
        self._ready: list[str] = []
        self.number = 0  # lines handed out so far
        self.bytes_read = 0
        self.row: list[str] = []  # the lines of the row being read

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        while not self._ready:
            if not self._fill():
                raise StopIteration
        line = self._ready.pop()
        self.number += 1
        self.row.append(line)
        return line

    def start_row(self) -> int:
        """The line the next row starts on."""
        self.row = []
        return self.number + 1

    def _fill(self) -> bool:
        chunk = self._stream.read(_CHUNK_BYTES)
        if chunk and not self.bytes_read and chunk.startswith(_UTF16_MARKS) and \
                not self._encoding.casefold().replace("-", "").startswith("utf16"):
            raise _UndecodableError(diag("I711", self._file, 1, 1))
        self.bytes_read += len(chunk)
        try:
            text = self._pending + self._decoder.decode(chunk, final=not chunk)
        except UnicodeError as error:
            raise _UndecodableError(self._problem(error, chunk)) from None
        lines = _LINE.findall(text)
        self._pending = text[sum(map(len, lines)) :]
        if not chunk and self._pending:
            lines.append(self._pending)  # the last line, without a line end
            self._pending = ""
        self._ready = lines[::-1]
        return bool(lines) or bool(chunk)

    def _problem(self, error: UnicodeError, chunk: bytes) -> Diagnostic:
        """I701 at the line and column of the first byte that is not of the encoding."""
        start = getattr(error, "start", 0)
        before = self._pending + chunk[:start].decode(self._encoding, errors="replace")
        line = self.number + len(self._ready) + before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        byte = chunk[start] if start < len(chunk) else 0
        return diag("I701", self._file, line, column, encoding=self._encoding, byte=byte)


def _codec(encoding: str) -> str:
    return "utf-8-sig" if normalize(encoding) in {"utf 8", "utf8"} else encoding


def sniff_delimiter(text: str) -> str:
    """The separator the header row uses most (`;` in Hungarian Excel, `,` elsewhere)."""
    header = text.split("\n", 1)[0]
    counts = {delimiter: header.count(delimiter) for delimiter in DELIMITERS}
    best = max(DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def read_entries(
    path: Path, project: Project, *, encoding: str = "utf-8", progress: Progress | None = None
) -> TableEntries:
    """The rows of the CSV file at `path` (a regular file, read in a stream) as new entries.

    A cell is one line: a quote that opens a cell and closes on a later line (a quote never
    closed swallows the rows after it) is an error where it opens (I709), and so is a quote in
    the middle of a cell (I710); the rows are still read, so that every problem is reported.
    """
    file = display_path(path)
    try:
        stream = open_stream(path)
    except UnreadableError as error:
        raise error.usage_error(file) from None
    with stream:
        size = os.fstat(stream.fileno()).st_size
        lines = _Lines(stream, _codec(encoding), encoding, file)
        try:
            return _read_rows(lines, file, project, size, progress)
        except _UndecodableError as problem:
            return TableEntries(file, diagnostics=[problem.diagnostic], complete=False)


def _read_rows(
    lines: _Lines, file: str, project: Project, size: int, progress: Progress | None
) -> TableEntries:
    header_line = next(lines, None)
    delimiter = sniff_delimiter(header_line or "")
    table = TableReader(project, file, decimal_comma=delimiter != ",")
    header = next(csv.reader([header_line], delimiter=delimiter)) if header_line else []
    if not table.header([without_text_mark(name) for name in header]):
        return table.result
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    while True:
        number = lines.start_row()
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:  # a quote out of place (strict), or a cell larger than csv takes
            problem = _quote_problem(file, number, lines.row, delimiter) if lines.row else None
            table.result.diagnostics.append(
                problem or diag("I707", file, number, 1, problem=str(error))
            )
            continue
        if len(lines.row) > 1 or '"' in lines.row[0]:
            problem = _quote_problem(file, number, lines.row, delimiter)
            if problem is not None:
                table.result.diagnostics.append(problem)
                continue
        # A leading apostrophe is the mark a spreadsheet reads as "text, not a formula" (what
        # `export` writes before =, +, -, @): read as a spreadsheet reads it.
        if not table.row(number, [without_text_mark(cell) for cell in cells]):
            return table.result
        read = len(table.result.entries)
        if progress is not None and read and read % ROWS_PER_PROGRESS_STEP == 0:
            progress("read", lines.bytes_read, size)
    if progress is not None:
        progress("read", size, size)
    return table.result


def _quote_problem(
    file: str, number: int, row: Sequence[str], delimiter: str
) -> Diagnostic | None:
    """I709 for a cell that spans lines (at the quote that opens it); I710 for a quote in the
    middle of a cell; None when the quotes of the row are where they belong."""
    if len(row) > 1:
        line, column = _opening_quote(row[0], delimiter)
        return diag("I709", file, number + line, column, last=number + len(row) - 1,
                    count=len(row))
    return _quote_inside(file, number, row[0], delimiter)


_QUOTED_THEN_MORE = Text("a quoted text is followed by more text in its cell",
                         "az idézőjeles szöveget további szöveg követi a cellájában")
_QUOTE_INSIDE = Text("a quote in the middle of a cell", "idézőjel egy cella közepén")


def _cells_with_quotes(text: str, delimiter: str) -> list[tuple[int, int, bool]]:
    """(first column, end column, quoted) of each cell of a line, as a strict reader reads it,
    until the first quote out of place; the last item's end is where that quote stands."""
    cells: list[tuple[int, int, bool]] = []
    position, length = 0, len(text.rstrip("\r\n"))
    while position <= length:
        if position < length and text[position] == '"':
            closing = position + 1
            while True:
                closing = text.find('"', closing)
                if closing == -1 or closing + 1 >= length or text[closing + 1] != '"':
                    break
                closing += 2
            if closing == -1:
                cells.append((position, -1, True))
                return cells
            end = closing + 1
            cells.append((position, end, True))
            if end < length and text[end] != delimiter:
                return cells
            position = end + 1
        else:
            end = text.find(delimiter, position)
            end = length if end == -1 else end
            cells.append((position, end, False))
            position = end + 1
    return cells


def _opening_quote(text: str, delimiter: str) -> tuple[int, int]:
    """(0, column) of the quote on the row's first line that is not closed on it."""
    cells = _cells_with_quotes(text, delimiter)
    start = next((first for first, end, quoted in cells if quoted and end == -1), 0)
    return 0, start + 1


def _quote_inside(file: str, number: int, text: str, delimiter: str) -> Diagnostic | None:
    length = len(text.rstrip("\r\n"))
    for first, end, quoted in _cells_with_quotes(text, delimiter):
        if quoted and 0 <= end < length and text[end] != delimiter:
            return diag("I710", file, number, first + 1, what=_QUOTED_THEN_MORE)
        if not quoted:
            inside = text.find('"', first, end)
            if inside != -1:
                return diag("I710", file, number, inside + 1, what=_QUOTE_INSIDE)
    return None
