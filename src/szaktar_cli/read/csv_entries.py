"""Entries from a CSV file (`szaktar import`): one row per entry, the header names the fields.

The header may use the English field names, the project's dimension ids or names, or
Hungarian names (`dátum`, `tevékenység`, `óra`, …); case and accents do not matter. A
category of a breakdown within entries has a column of its own, headed by its id or its
name (`nő`, `hátrányos helyzetű`): its cells are the entry's `of_which`. What `szaktar export
--entries` writes reads back: its headers in either language, and its `project` and
`activity_name` columns, which are checked against the row, not recorded.
The Hungarian Excel dialect is recognised by itself: a UTF-8 BOM, `;` between cells
and a decimal comma (`1,5` hours) whenever the separator is not a comma. Dates may be
ISO (`2011-03-14`) or Hungarian (`2011.03.14.`); an activity may be given by its id or
by its name in the project (`Konzultáció`).

Values are only converted here; whether they are valid is decided by the same schema
and checks as `validate` (see write/recording.py), and reported at the row and column.
"""

from __future__ import annotations

import codecs
import csv
import json
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ..core.diagnostics import UNREADABLE_HEADER, Diagnostic, Text, diag
from ..core.errors import UsageError
from ..core.labels import LABELS
from ..core.model import MEASURE_FIELDS, WHOLE_NUMBER_FIELDS, Project
from ..core.text import normal_text, normalize
from .loader import display_path
from .names import FIELD_ALIASES, activity_id, dimension_id, field_names
from .new_entries import (
    FieldOrigin,
    NewEntry,
    Origin,
    Progress,
    category_cell,
    category_of,
    put,
    to_date,
    to_number,
)
from .schema_errors import suggest
from .sources import UnreadableError, open_stream

# The diagnostics this module reports (tests/test_diagnostic_codes.py checks them).
CODES: frozenset[str] = frozenset(
    {"I701", "I702", "I703", "I704", "I705", "I706", "I707", "I708", "I709", "I710", "I711"}
)

# The columns `export --entries` writes besides the fields (their headers: these labels). They
# are read back only to be checked against the row: the project imported into, its activity.
CONTEXT_COLUMNS: Mapping[str, str] = {
    "project": "export_col_project",
    "activity_name": "export_col_activity_name",
}
REQUIRED_FIELDS = ("date", "activity")
_PLAIN = re.compile(r"\w[\w .-]*")  # a name YAML reads as itself in a {…}, without quotes
DELIMITERS = (",", ";", "\t")
ROWS_PER_PROGRESS_STEP = 500



def header_aliases(project: Project) -> dict[str, tuple[str, str]]:
    """Normalised header → (entry field, a name it has): the fields, the project's dimensions and
    categories (read/names.py), and the context columns of an exported file."""
    aliases = field_names(project)
    for key, word in CONTEXT_COLUMNS.items():
        for name in (key, *LABELS[word]):
            aliases.setdefault(normalize(name), (key, name))
    return aliases


def whole_number_columns(project: Project) -> frozenset[str]:
    """The keys of the columns whose cells are whole numbers: those fields, and the categories
    of the breakdowns that split them."""
    categories = {
        category_cell(category)
        for breakdown in project.breakdowns.values()
        if breakdown.of in WHOLE_NUMBER_FIELDS
        for category in breakdown.categories
    }
    return WHOLE_NUMBER_FIELDS | categories


@dataclass(slots=True)
class CsvEntries:
    """The rows of a CSV file as new entries, and the problems of the file itself."""

    file: str
    delimiter: str
    decimal_comma: bool
    entries: list[NewEntry] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    header_ok: bool = True
    whole: frozenset[str] = WHOLE_NUMBER_FIELDS  # the columns of whole numbers
    headed: set[int] = field(default_factory=set)  # the columns whose header is not empty


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
) -> CsvEntries:
    """The rows of the CSV file at `path` (a regular file, read in a stream) as new entries.

    A cell is one line: a quote that opens a cell and closes on a later line (a quote never
    closed swallows the rows after it) is an error where it opens (I709), and so is a quote in
    the middle of a cell (I710); the rows are still read, so that every problem is reported.
    """
    file = display_path(path)
    try:
        stream = open_stream(path)
    except UnreadableError as error:
        raise UsageError(
            f"cannot read {file}: {error.reason.en}", f"nem olvasható: {file}: {error.reason.hu}"
        ) from None
    with stream:
        size = os.fstat(stream.fileno()).st_size
        lines = _Lines(stream, _codec(encoding), encoding, file)
        try:
            return _read_rows(lines, file, project, size, progress)
        except _UndecodableError as problem:
            return CsvEntries(file, ",", decimal_comma=False, diagnostics=[problem.diagnostic],
                              header_ok=False)


def _read_rows(
    lines: _Lines, file: str, project: Project, size: int, progress: Progress | None
) -> CsvEntries:
    header_line = next(lines, None)
    if header_line is None:
        result = CsvEntries(file, ",", decimal_comma=False, header_ok=False)
        result.diagnostics.append(diag("I702", file, 1, 1))
        return result
    delimiter = sniff_delimiter(header_line)
    result = CsvEntries(
        file, delimiter, decimal_comma=delimiter != ",", whole=whole_number_columns(project)
    )
    header = next(csv.reader([header_line], delimiter=delimiter))
    columns = _columns(header, project, result)
    origins = {  # one per column, shared by the rows: a row costs no more than its values
        key: FieldOrigin(index + 1, f"column {written!r}", f"{written!r} oszlop")
        for index, written, key in columns
        if key not in CONTEXT_COLUMNS
    }
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    while True:
        number = lines.start_row()
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:  # a quote out of place (strict), or a cell larger than csv takes
            problem = _quote_problem(file, number, lines.row, delimiter) if lines.row else None
            result.diagnostics.append(problem or diag("I707", file, number, 1, problem=str(error)))
            continue
        if len(lines.row) > 1 or '"' in lines.row[0]:
            problem = _quote_problem(file, number, lines.row, delimiter)
            if problem is not None:
                result.diagnostics.append(problem)
                continue
        if not any(cell.strip() for cell in cells):
            continue  # empty rows (Excel leaves them at the end)
        result.entries.append(_row_entry(
            number, cells, columns, origins=origins, project=project, result=result
        ))
        if progress is not None and len(result.entries) % ROWS_PER_PROGRESS_STEP == 0:
            progress("read", lines.bytes_read, size)
    if progress is not None:
        progress("read", size, size)
    return result


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


def _columns(
    header: Sequence[str], project: Project, result: CsvEntries
) -> list[tuple[int, str, str]]:
    aliases = header_aliases(project)
    columns: list[tuple[int, str, str]] = []
    seen: dict[str, str] = {}
    for index, name in enumerate(header):
        written = normal_text(name)
        if not written:
            continue  # a column without a name (Excel adds empty ones): its cells must be empty
        result.headed.add(index)
        known = aliases.get(normalize(written))
        if known is None:
            close = suggest(normalize(written), aliases)
            meant = (
                Text(f"did you mean {aliases[close][1]!r}? or ",
                     f"erre gondoltál: {aliases[close][1]!r}? vagy ")
                if close else Text("", "")
            )
            plain = _PLAIN.fullmatch(written) is not None
            result.diagnostics.append(diag(
                "I703", result.file, 1, index + 1, name=written, meant=meant,
                dimension=dimension_id(written),
                yaml_name=written if plain else json.dumps(written, ensure_ascii=False),
            ))
            continue
        key = known[0]
        if key in seen:
            result.diagnostics.append(
                diag("I705", result.file, 1, index + 1, first=seen[key], second=written, field=key)
            )
            continue
        seen[key] = written
        columns.append((index, written, key))
    for key in REQUIRED_FIELDS:
        if key not in seen:
            names = ", ".join((key, *FIELD_ALIASES[key][:1]))
            result.diagnostics.append(diag("I704", result.file, 1, 1, field=key, aliases=names))
    # without a date or an activity, or with a field twice, no row can be read; an unknown
    # column is only left out
    result.header_ok = not any(d.code in UNREADABLE_HEADER for d in result.diagnostics)
    return columns


def _row_entry(
    number: int,
    cells: Sequence[str],
    columns: Sequence[tuple[int, str, str]],
    *,
    origins: Mapping[str, FieldOrigin],
    project: Project,
    result: CsvEntries,
) -> NewEntry:
    headed = result.headed
    stray = [index for index, cell in enumerate(cells) if cell.strip() and index not in headed]
    if stray:
        width = max(headed, default=-1) + 1
        result.diagnostics.append(
            diag("I706", result.file, number, stray[0] + 1, found=len(cells), expected=width)
        )
    fields: dict[str, object] = {}
    context: list[tuple[int, str, str, str]] = []
    for index, written, key in columns:
        text = cells[index].strip() if index < len(cells) else ""
        if not normal_text(text):  # a cell of nothing but what no one sees is empty
            text = ""
        if key in CONTEXT_COLUMNS:
            if text:
                context.append((index, written, key, text))
            continue
        if text:
            value = _value(key, text, decimal_comma=result.decimal_comma, whole=result.whole)
            put(fields, key, value)
    for index, written, key, text in context:
        expected = _context_mismatch(key, text, fields, project)
        if expected is not None:
            result.diagnostics.append(
                diag("I708", result.file, number, index + 1, header=written, found=text,
                     expected=expected)
            )
    return NewEntry(fields, Origin(result.file, number, origins))


def _value(key: str, text: str, *, decimal_comma: bool, whole: frozenset[str]) -> object:
    """A cell as the field's type; what does not convert stays text (and the schema says why)."""
    if key == "date":
        return to_date(text)
    if key in MEASURE_FIELDS or category_of(key) is not None:
        return to_number(text, decimal_comma=decimal_comma, whole=key in whole)
    return text


def _context_mismatch(
    key: str, text: str, fields: Mapping[str, object], project: Project
) -> str | None:
    """What a context column of an exported file should say, when it says something else: the
    project imported into, or (of a declared activity) the activity's name."""
    if key == "project":
        return None if normal_text(text) == project.id else project.id
    activity = project.activities.get(str(fields.get("activity")))
    if activity is None or activity_id(text, project) == fields.get("activity"):
        return None  # an unknown activity is reported as such
    return activity.name
