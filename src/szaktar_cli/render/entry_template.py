"""The entry workbook of `szaktar template` (openpyxl): a sheet to fill in, then import.

The sheet (`Napló`, or `Entries` in English) has a header row `import` reads back and a column
per field the project uses (compute/entry_sheet.py). Each column checks what is typed into it
with Excel's data validation, which LibreOffice keeps too: a drop-down of the activities' names
and of each dimension's declared values, whole numbers of zero or more where counts go, numbers
of zero or more where hours go, real days of the project where the date goes; each with an
input message (shown when the cell is selected) and an error alert that refuses what does not
fit, in the language of the headers. The lists live on a second sheet (`Listák`, `Lists`),
hidden and protected: a name with a comma or a quote stays one item, and a long list fits (an
inline list takes 255 characters). The header row is frozen, the columns are wide enough, the
date column shows dates as the language writes them and the text columns keep what is typed
(`014` stays `014`). The same project gives the same bytes (render/workbook.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from openpyxl import Workbook
from openpyxl.cell.cell import Cell as XlsxCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..compute.entry_sheet import EntryColumn, EntrySheet, InputKind
from ..core.i18n import Lang, format_date, in_lang
from ..core.labels import label
from .export_cells import header
from .workbook import set_text, workbook_bytes

EXCEL_ROWS = 1_048_576  # the last row of a sheet: the checks hold for every row below the header
# The workbook's own time: fixed, as its zip entries' (a template has no day of its own).
STAMP = dt.datetime(1980, 1, 1)
_EXCEL_DAY_ZERO = dt.date(1899, 12, 30)
_TITLE_MAX = 32  # characters of an input message's or error alert's title (Excel's limit)
_WIDTH_MIN, _WIDTH_MAX = 10, 40
_DATE_FORMATS: Mapping[Lang, str] = {"hu": "yyyy.mm.dd.", "en": "yyyy-mm-dd"}
_TEXT_FORMAT = "@"  # the cell keeps what is typed: `014`, `3/4` stay text
_HEADER_FILL = PatternFill("solid", fgColor="DDE5F0")
_HEADER_FONT = Font(name="Calibri", size=11, bold=True)  # the cells' font, bold (not the theme's)
# The widest range a number column allows when it allows negative numbers too.
_ANY_NUMBER = ("-1000000000000000", "1000000000000000")

# What each kind of column says when its cell is selected, and when what is typed does not fit
# (a text column takes any text: only a person's code has a message, template_prompt_person).
_RULES: Mapping[InputKind, tuple[str, str]] = {
    "date": ("template_prompt_date", "template_error_date"),
    "choice": ("template_prompt_choice", "template_error_choice"),
    "whole": ("template_prompt_whole", "template_error_whole"),
    "decimal": ("template_prompt_decimal", "template_error_decimal"),
    "number": ("template_prompt_number", "template_error_number"),
}


def render(sheet: EntrySheet, lang: Lang = "hu") -> bytes:
    """The entry workbook's bytes."""
    workbook = Workbook()
    entries: Worksheet = workbook.active  # type: ignore[assignment]  # a new workbook has one
    entries.title = label("template_sheet_entries", lang)
    lists = workbook.create_sheet(label("template_sheet_lists", lang))
    choices = _fill_lists(lists, sheet.columns, lang)
    lists.sheet_state = "hidden"
    lists.protection.sheet = True  # no password: it keeps the lists from a change by chance
    for number, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(number)
        name = _capitalised(header(column.column, lang))
        heading: XlsxCell = entries.cell(1, number)  # type: ignore[assignment]
        set_text(heading, name)
        heading.font = _HEADER_FONT
        heading.fill = _HEADER_FILL
        dimension = entries.column_dimensions[letter]
        dimension.width = float(_width(column, name, lang))
        if column.kind == "date":
            dimension.number_format = _DATE_FORMATS[lang]
        elif column.kind in {"text", "choice"}:
            dimension.number_format = _TEXT_FORMAT
        validation = _validation(sheet, column, choices.get(number), lang)
        if validation is not None:
            validation.promptTitle = validation.errorTitle = name[:_TITLE_MAX]
            entries.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}{EXCEL_ROWS}")
    entries.freeze_panes = "A2"
    title = label("template_title", lang, project=sheet.project)
    return workbook_bytes(workbook, title=title, stamp=STAMP)


def _fill_lists(
    lists: Worksheet, columns: Sequence[EntryColumn], lang: Lang
) -> dict[int, str]:
    """Each choice column's allowed values in a column of the lists sheet; the range of each,
    by the entry column's number."""
    ranges: dict[int, str] = {}
    place = 0
    for number, column in enumerate(columns, start=1):
        if column.kind != "choice" or not column.choices:
            continue
        place += 1
        letter = get_column_letter(place)
        set_text(lists.cell(1, place), _capitalised(header(column.column, lang)))  # type: ignore[arg-type]
        for row, (english, hungarian) in enumerate(column.choices, start=2):
            set_text(lists.cell(row, place), in_lang(english, hungarian, lang))  # type: ignore[arg-type]
        last = len(column.choices) + 1
        quoted = lists.title.replace("'", "''")
        ranges[number] = f"'{quoted}'!${letter}$2:${letter}${last}"
        lists.column_dimensions[letter].width = float(_width(column, "", lang))
    return ranges


def _validation(
    sheet: EntrySheet, column: EntryColumn, choices: str | None, lang: Lang
) -> DataValidation | None:
    """The check of a column's cells, with its input message and error alert."""
    if column.kind == "text":
        if column.column.key != "person":
            return None
        return DataValidation(showInputMessage=True, prompt=label("template_prompt_person", lang))
    prompt_key, error_key = _RULES[column.kind]
    words: dict[str, object] = {}
    if column.kind == "date":
        low, high = sheet.start, sheet.end
        if low is None or high is None:  # an unknown end: any date
            prompt_key, error_key = "template_prompt_day", "template_error_day"
            low, high = low or dt.date(1900, 1, 1), high or dt.date(9999, 12, 31)
        else:
            words = {"start": format_date(low, lang), "end": format_date(high, lang)}
        check = DataValidation(
            type="date", operator="between",
            formula1=str(_serial(low)), formula2=str(_serial(high)),
        )
    elif column.kind == "choice":
        if choices is None:
            return None
        check = DataValidation(type="list", formula1=choices)
    elif column.kind == "number":
        check = DataValidation(
            type="decimal", operator="between", formula1=_ANY_NUMBER[0], formula2=_ANY_NUMBER[1]
        )
    else:  # a whole number or a decimal, of zero or more
        check = DataValidation(type=column.kind, operator="greaterThanOrEqual", formula1="0")
    prompt = label(prompt_key, lang, **words)
    if column.splits is not None:
        field = _capitalised(header(column.splits, lang))
        category = header(column.column, lang)
        prompt = label("template_prompt_category", lang, field=field, category=category,
                       rule=prompt)
    check.allow_blank = True
    check.showInputMessage = check.showErrorMessage = True
    check.errorStyle = "stop"
    check.prompt = prompt
    check.error = label(error_key, lang, **words)
    return check


def _width(column: EntryColumn, name: str, lang: Lang) -> int:
    """Wide enough for the header and the longest choice."""
    shown = [len(in_lang(english, hungarian, lang)) for english, hungarian in column.choices]
    return min(max(len(name) + 3, *shown, _WIDTH_MIN), _WIDTH_MAX)


def _capitalised(name: str) -> str:
    return name[:1].upper() + name[1:]


def _serial(day: dt.date) -> int:
    """A day as Excel counts it (1900-03-01 is 61), as a check's bounds are written."""
    return (day - _EXCEL_DAY_ZERO).days
