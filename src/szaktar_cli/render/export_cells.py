"""Cell conversions shared by the export writers: machine and human text (the text mark before
what a spreadsheet would run as a formula is core/text.py's)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from ..compute.tables import Cell, Column, ExportTable
from ..core.i18n import Lang, format_date, format_number, format_percent, in_lang
from ..core.labels import label, unit_label
from ..core.text import text_marked


def plain_number(value: float, decimal_mark: str = ".") -> str:
    """`10`, `2.5`: whole numbers without a fraction, no thousands separator (machines parse it)."""
    text = str(int(value)) if float(value).is_integer() else repr(float(value))
    return text.replace(".", decimal_mark)


def header(column: Column, lang: Lang) -> str:
    """A column's header in a human format: its LABELS entry (and suffix), or its own names."""
    if column.heading is None:
        return in_lang(column.en, column.hu, lang)
    words = label(column.heading, lang)
    return f"{words} {column.suffix}" if column.suffix else words


def code_text(column: Column, value: str, lang: Lang) -> str:
    """A unit or code value in words (`óra`, `teljesült`); a code without a label stays as it is."""
    if column.kind == "unit":
        return unit_label(value, lang)
    key = column.codes.get(value)
    return label(key, lang) if key is not None else value


def machine_text(column: Column, value: Cell, decimal_mark: str = ".") -> str:
    """The text of a cell in CSV/TSV: ISO dates, plain numbers, codes as they are."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float | int):
        return plain_number(value, decimal_mark)
    return text_marked(value) if column.kind == "text" else value


def human_text(column: Column, value: Cell, lang: Lang) -> str:
    """The text of a cell for reading: numbers and dates in the locale's format, codes in words."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return format_date(value, lang)
    if isinstance(value, float | int):
        return (
            format_percent(value, lang) if column.kind == "percent" else format_number(value, lang)
        )
    return code_text(column, value, lang) if column.kind in {"unit", "code"} else value


_TITLES: Mapping[str, str] = {
    "indicators": "export_title_indicators",
    "entries": "export_title_entries",
}


def export_title(table: ExportTable, lang: Lang) -> str:
    """`Mutatók, 2010-03 (állapot: 2010-04-01)`: what the export holds, of which period."""
    return label(
        _TITLES[table.kind], lang, period=table.period.label, as_of=table.as_of.isoformat()
    )
