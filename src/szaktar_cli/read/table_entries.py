"""Entries from a table whose first row names the fields: the rows of a CSV file
(csv_entries.py) or of a workbook's sheet (xlsx_entries.py). Both hand their rows to one
`TableReader`, which matches the columns, converts the cells and reports the problems of the
table itself; a row is one entry.

The header may use the English field names, the project's dimension ids or names, or
Hungarian names (`dátum`, `tevékenység`, `óra`, …); case and accents do not matter, and either
language is read whatever `--lang` says. A category of a breakdown within entries has a column
of its own, headed by its id or its name (`nő`, `hátrányos helyzetű`): its cells are the
entry's `of_which`. What `szaktar export --entries` writes reads back: its headers in either
language, and its `project` and `activity_name` columns, which are checked against the row, not
recorded. A first row that reads as data (a date or a number in it, and no column name) is no
header (I702).

A text cell is parsed: dates ISO (`2011-03-14`) or Hungarian (`2011.03.14.`), numbers with a
decimal comma where the source has one (`1,5`). A typed cell (a workbook's date or number) is
taken as typed: a date where a date goes, a number where a number goes (a duration, `1:30`,
where hours go: 1.5), and where text goes the text the cell shows. Values are only converted
here; whether they are valid is decided by the same schema and checks as `validate` (see
write/recording.py), and reported at the row and column. An import takes at most MAX_ROWS rows
of entries (I712): past that the file is read no further, so that its cost is bounded whatever
its length.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..core.diagnostics import UNREADABLE_HEADER, Diagnostic, Text, diag
from ..core.fields import MEASURE_FIELDS, WHOLE_NUMBER_FIELDS
from ..core.labels import LABELS
from ..core.model import Project
from ..core.text import normal_text, normalize, suggest
from .names import FIELD_ALIASES, activity_id, dimension_id, field_names
from .new_entries import (
    FieldOrigin,
    NewEntry,
    Origin,
    category_cell,
    category_of,
    put,
    to_date,
    to_number,
)

# The diagnostics this module reports (tests/test_diagnostic_codes.py checks them).
CODES: frozenset[str] = frozenset({"I702", "I703", "I704", "I705", "I706", "I708", "I712"})

# The columns `export --entries` writes besides the fields (their headers: these labels). They
# are read back only to be checked against the row: the project imported into, its activity.
CONTEXT_COLUMNS: Mapping[str, str] = {
    "project": "export_col_project",
    "activity_name": "export_col_activity_name",
}
REQUIRED_FIELDS = ("date", "activity")
# The most rows of entries one import takes: a diary of years is a few thousand rows, and what
# is imported is held and checked as a whole (about 3.5 KB and 0.4 ms a row).
MAX_ROWS = 100_000
_PLAIN = re.compile(r"\w[\w .-]*")  # a name YAML reads as itself in a {…}, without quotes
_EXCEL_DIGITS = 15  # the significant digits Excel keeps of a number (0.1 + 0.2 is 0.3 there)

# What a cell of a table holds: text (a CSV cell, a workbook's text), a workbook's typed value
# (a number, a date, a time, a truth value), or None (a workbook's empty cell).
Cell = object


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
class TableEntries:
    """The rows of a table as new entries, and the problems of the table itself."""

    file: str
    sheet: str = ""  # a workbook's sheet the rows come from
    entries: list[NewEntry] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # False: the file is no table szaktar can read (no header, a column missing, not a file of
    # its kind, more rows than an import takes); its rows are not checked further
    complete: bool = True


class TableReader:
    """Reads a table row by row: `header` with the first row, then `row` with each other."""

    def __init__(
        self, project: Project, file: str, *, sheet: str = "", decimal_comma: bool
    ) -> None:
        self.project = project
        self.result = TableEntries(file, sheet)
        self.decimal_comma = decimal_comma  # the source writes `1,5` for one and a half
        self.whole = whole_number_columns(project)
        self.columns: list[tuple[int, str, str]] = []  # (index, header as written, key)
        self.headed: set[int] = set()  # the columns whose header is not empty
        self.origins: dict[str, FieldOrigin] = {}  # one per column, shared by the rows

    def report(self, code: str, line: int = 0, column: int = 0, **params: object) -> None:
        """A problem of the table at a row and column (a cell of the sheet, in a workbook)."""
        result = self.result
        result.diagnostics.append(
            diag(code, result.file, line, column, **params).in_sheet(result.sheet)
        )

    def stop(self, code: str, line: int = 0, column: int = 0, **params: object) -> None:
        """A problem that leaves no row to read (or no more)."""
        self.report(code, line, column, **params)
        self.result.complete = False

    def header(self, cells: Sequence[Cell]) -> bool:
        """Match the first row's names to fields; False when no row can be read."""
        aliases = header_aliases(self.project)
        names = [_cell_text(cell) if _filled(cell) else "" for cell in cells]
        if not any(normalize(name) in aliases for name in names) and (
            not any(_filled(cell) for cell in cells) or any(map(_reads_as_data, cells))
        ):
            self.stop("I702", 1, 1)
            return False
        seen: dict[str, str] = {}
        for index, written in enumerate(names):
            if not written:
                continue  # a column without a name (Excel adds empty ones): its cells must be empty
            self.headed.add(index)
            known = aliases.get(normalize(written))
            if known is None:
                self._unknown_column(index, written, aliases)
                continue
            key = known[0]
            if key in seen:
                self.report("I705", 1, index + 1, first=seen[key], second=written, field=key)
                continue
            seen[key] = written
            self.columns.append((index, written, key))
        for key in REQUIRED_FIELDS:
            if key not in seen:
                names_of = ", ".join((key, *FIELD_ALIASES[key][:1]))
                self.report("I704", 1, 1, field=key, aliases=names_of)
        # without a date or an activity, or with a field twice, no row can be read; an unknown
        # column is only left out
        if any(d.code in UNREADABLE_HEADER for d in self.result.diagnostics):
            self.result.complete = False
            return False
        self.origins = {
            key: FieldOrigin(index + 1, f"column {written!r}", f"{written!r} oszlop")
            for index, written, key in self.columns
            if key not in CONTEXT_COLUMNS
        }
        return True

    def _unknown_column(
        self, index: int, written: str, aliases: Mapping[str, tuple[str, str]]
    ) -> None:
        close = suggest(normalize(written), aliases)
        meant = (
            Text(f"did you mean {aliases[close][1]!r}? or ",
                 f"erre gondoltál: {aliases[close][1]!r}? vagy ")
            if close else Text("", "")
        )
        plain = _PLAIN.fullmatch(written) is not None
        self.report(
            "I703", 1, index + 1, name=written, meant=meant, dimension=dimension_id(written),
            yaml_name=written if plain else json.dumps(written, ensure_ascii=False),
        )

    def row(self, number: int, cells: Sequence[Cell]) -> bool:
        """The row `number` (the header is row 1) as a new entry; an empty row is skipped.
        False when the table has more rows than an import takes: read no further."""
        filled = [index for index, cell in enumerate(cells) if _filled(cell)]
        if not filled:
            return True  # empty rows (Excel leaves them at the end)
        result = self.result
        if len(result.entries) >= MAX_ROWS:
            self.stop("I712", number, 1, limit=MAX_ROWS)
            return False
        stray = [index for index in filled if index not in self.headed]
        if stray:
            width = max(self.headed, default=-1) + 1
            self.report("I706", number, stray[0] + 1, found=filled[-1] + 1, expected=width)
        fields: dict[str, object] = {}
        context: list[tuple[int, str, str, str]] = []
        for index, written, key in self.columns:
            cell = cells[index] if index < len(cells) else None
            if not _filled(cell):
                continue
            if key in CONTEXT_COLUMNS:
                context.append((index, written, key, _cell_text(cell)))
            else:
                put(fields, key, self._value(key, cell))
        for index, written, key, text in context:
            expected = _context_mismatch(key, text, fields, self.project)
            if expected is not None:
                self.report(
                    "I708", number, index + 1, header=written, found=text, expected=expected
                )
        result.entries.append(NewEntry(fields, Origin(result.file, number, self.origins,
                                                      result.sheet)))
        return True

    def _value(self, key: str, cell: Cell) -> object:
        """A cell as the field's type; what does not convert stays as it is (and the schema
        says why)."""
        number = key in MEASURE_FIELDS or category_of(key) is not None
        if isinstance(cell, str):
            text = cell.strip()
            if key == "date":
                return to_date(text)
            if number:
                return to_number(text, decimal_comma=self.decimal_comma, whole=key in self.whole)
            return text
        if isinstance(cell, bool):
            return cell  # TRUE or FALSE is no field's value: the schema says so
        if key == "date":
            is_day = isinstance(cell, dt.datetime) and cell.time() == dt.time()
            return cell.date() if isinstance(cell, dt.datetime) and is_day else cell
        if number:
            if key == "hours" and isinstance(cell, dt.time | dt.timedelta):
                return _hours(cell)  # 1:30, a duration Excel keeps as a time: an hour and a half
            return _excel_number(cell) if isinstance(cell, int | float) else cell
        return _cell_text(cell)


def _filled(cell: Cell) -> bool:
    """Whether a cell holds something (a cell of nothing but what no one sees is empty)."""
    if isinstance(cell, str):
        return bool(normal_text(cell))
    return cell is not None


def _reads_as_data(cell: Cell) -> bool:
    """Whether a cell of the first row is a date or a number rather than a column's name."""
    if isinstance(cell, str):
        text = cell.strip()
        return not isinstance(to_date(text), str) or not isinstance(
            to_number(text, decimal_comma=True), str
        )
    return cell is not None


def _excel_number(value: int | float) -> int | float:
    """A number as Excel shows it (15 significant digits), whole when it is whole."""
    if isinstance(value, int):
        return value
    shown = float(f"{value:.{_EXCEL_DIGITS}g}")
    return int(shown) if shown.is_integer() else shown


def _hours(duration: dt.time | dt.timedelta) -> int | float:
    """A duration (1:30) in hours (1.5)."""
    if isinstance(duration, dt.time):
        duration = dt.timedelta(
            hours=duration.hour, minutes=duration.minute, seconds=duration.second
        )
    return _excel_number(duration.total_seconds() / 3600)


def _cell_text(cell: Cell) -> str:
    """The text a typed cell shows, where text goes (a number in a note, a date in a place)."""
    if isinstance(cell, str):
        return normal_text(cell)
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat() if cell.time() == dt.time() else f"{cell:%Y-%m-%d %H:%M}"
    if isinstance(cell, dt.date):
        return cell.isoformat()
    if isinstance(cell, dt.time):
        return f"{cell:%H:%M}"
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return str(_excel_number(cell))
    return str(cell)


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
