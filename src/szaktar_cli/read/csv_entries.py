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

import csv
import io
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

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

# The diagnostics this module reports (tests/test_diagnostic_codes.py checks them).
CODES: frozenset[str] = frozenset(
    {"I701", "I702", "I703", "I704", "I705", "I706", "I707", "I708"}
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


def decode_csv(raw: bytes, file: str, encoding: str) -> tuple[str | None, Diagnostic | None]:
    """The text of the file; a byte that is not of `encoding` (a codec Python knows) is a
    diagnostic with its line."""
    codec = "utf-8-sig" if normalize(encoding) in {"utf 8", "utf8"} else encoding
    try:
        return raw.decode(codec), None
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        return None, diag("I701", file, line, column, encoding=encoding, byte=raw[error.start])


def sniff_delimiter(text: str) -> str:
    """The separator the header row uses most (`;` in Hungarian Excel, `,` elsewhere)."""
    header = text.split("\n", 1)[0]
    counts = {delimiter: header.count(delimiter) for delimiter in DELIMITERS}
    best = max(DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def read_entries(
    path: Path, project: Project, *, encoding: str = "utf-8", progress: Progress | None = None
) -> CsvEntries:
    file = display_path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        raise UsageError(
            f"cannot read {file}: {reason}", f"nem olvasható: {file}: {reason}"
        ) from None
    text, problem = decode_csv(raw, file, encoding)
    if text is None:
        return CsvEntries(
            file,
            ",",
            decimal_comma=False,
            diagnostics=[problem] if problem else [],
            header_ok=False,
        )
    delimiter = sniff_delimiter(text)
    result = CsvEntries(
        file, delimiter, decimal_comma=delimiter != ",", whole=whole_number_columns(project)
    )
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    total = text.count("\n")
    number = 0
    try:
        header: list[str] | None = None
        columns: list[tuple[int, str, str]] = []  # (index, header as written, field)
        for number, cells in enumerate(rows, start=1):  # `number`: the row of an error
            if header is None:
                header = cells
                columns = _columns(header, project, result)
                continue
            if not any(cell.strip() for cell in cells):
                continue  # empty rows (Excel leaves them at the end)
            result.entries.append(_row_entry(number, cells, columns, project, result))
            if progress is not None and number % ROWS_PER_PROGRESS_STEP == 0:
                progress("read", number, total)
    except csv.Error as error:
        result.diagnostics.append(diag("I707", file, number + 1, 1, problem=str(error)))
    if number == 0:
        result.diagnostics.append(diag("I702", file, 1, 1))
        result.header_ok = False
    if progress is not None:
        progress("read", total, total)
    return result


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
    cells_of: dict[str, FieldOrigin] = {}
    context: list[tuple[int, str, str, str]] = []
    for index, written, key in columns:
        text = cells[index].strip() if index < len(cells) else ""
        if not normal_text(text):  # a cell of nothing but what no one sees is empty
            text = ""
        if key in CONTEXT_COLUMNS:
            if text:
                context.append((index, written, key, text))
            continue
        cells_of[key] = FieldOrigin(index + 1, f"column {written!r}", f"{written!r} oszlop")
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
    return NewEntry(fields, Origin(result.file, number, cells_of))


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
