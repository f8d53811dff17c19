"""Entries a user gives to be recorded (a CSV row, `szaktar log`'s options), before any check.

Values are converted from text leniently: what does not convert stays text, and the schema
and checks that `validate` runs say why (see write/recording). Each field remembers where it
was given, so that a problem is reported there, not in the YAML it would become.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from ..core.diagnostics import Diagnostic, diag
from ..core.fields import OF_WHICH

Progress = Callable[[str, int, int], None]  # (phase, done, total)

_HUNGARIAN_DATE = re.compile(r"(\d{4})\.\s*(\d{1,2})\.\s*(\d{1,2})\.?")
_NUMBER = re.compile(r"[-+]?\d+(\.\d+)?")
_DIGIT_GROUPING = str.maketrans("", "", " \u00a0\u202f\u2009'")
# One comma before exactly three digits, after what a thousands separator leaves before it:
# `1,500` is 1500 with the comma grouping thousands, 1.5 with a decimal comma.
_AMBIGUOUS_COMMA = re.compile(r"([-+]?[1-9]\d{0,2}),(\d{3})")


@dataclass(frozen=True, slots=True)
class FieldOrigin:
    """Where a field of a new entry was given, as the user wrote it: a CSV column or an option."""

    column: int  # 1-based column of a CSV cell; 0 for a command-line option
    en: str  # "column 'óra'", "--hours"
    hu: str


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a new entry comes from; problems in it are reported there, not in the YAML to be."""

    file: str  # the CSV file or workbook, or "szaktar log"
    line: int = 0  # the row (the header is row 1)
    cells: Mapping[str, FieldOrigin] = field(default_factory=dict)
    sheet: str = ""  # the workbook's sheet the row is in

    def diagnostic(self, code: str, column: int | None = None, **params: object) -> Diagnostic:
        """A diagnostic at this row (its `column`; by default the row's first), or at the
        command line."""
        if column is None:
            column = 1 if self.line else 0
        return diag(code, self.file, self.line, column, **params).in_sheet(self.sheet)


@dataclass(frozen=True, slots=True)
class NewEntry:
    """An entry as given (its values may still be invalid: everything is checked before writing)."""

    fields: Mapping[str, object]
    origin: Origin


def category_cell(category: str) -> str:
    """Where a category of an entry's of_which is given (`of_which.female`): a CSV column or a
    `--of-which` option is kept under this key in `Origin.cells`, and in a reader's columns."""
    return f"{OF_WHICH}.{category}"


def category_of(key: str) -> str | None:
    """The category a `category_cell` key names; None for a field."""
    prefix, dot, category = key.partition(".")
    return category if dot and prefix == OF_WHICH else None


def put(fields: dict[str, object], key: str, value: object) -> None:
    """Set a field, or a category of the entry's of_which (`category_cell` keys)."""
    category = category_of(key)
    if category is None:
        fields[key] = value
    else:
        parts = fields.setdefault(OF_WHICH, {})
        assert isinstance(parts, dict)
        parts[category] = value


def to_date(text: str) -> dt.date | str:
    """2011-03-14 or 2011.03.14. (also with spaces after the dots, as Hungarian Excel writes it).
    A Hungarian date of a day that does not exist (2011.02.30.) is given in the ISO form, which
    the schema tells as such (A314: February 2011 has 28 days); other text stays as it is."""
    match = _HUNGARIAN_DATE.fullmatch(text)
    if match:
        year, month, day = (int(part) for part in match.groups())
        text = f"{year:04d}-{month:02d}-{day:02d}"
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    return text


def comma_readings(text: str) -> tuple[str, str] | None:
    """The two numbers an ambiguous comma (`1,500`) may mean, thousands grouped and decimal
    (`1500`, `1.5`); None for any other text."""
    match = _AMBIGUOUS_COMMA.fullmatch(text)
    if match is None:
        return None
    whole, fraction = match.groups()
    decimal = f"{whole}.{fraction}".rstrip("0").rstrip(".")
    return whole + fraction, decimal


def to_number(text: str, *, decimal_comma: bool, whole: bool = False) -> int | float | str:
    """`3`, `1.5`, `1 236` and, with a decimal comma, `1,5`; anything else stays text, and so
    does a comma that may group thousands as well as mark decimals (`1,500`: see
    `comma_readings`)."""
    if comma_readings(text) is not None:
        return text
    plain = text.translate(_DIGIT_GROUPING)
    if decimal_comma and "," in plain:
        plain = (
            plain.replace(".", "").replace(",", ".")
            if plain.rfind(",") > plain.rfind(".")
            else plain
        )
    if not _NUMBER.fullmatch(plain):
        return text
    number = float(plain)
    if whole or "." not in plain:
        return int(number) if number.is_integer() else number
    return number
