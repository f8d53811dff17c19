"""Rounding as Excel and people do it (issue 12 §6): halves away from zero, on the decimal the
figure is written as, on screen, in the report and in the Excel dialect of an export; JSON and
plain CSV keep the figure."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from szaktar_cli.compute.tables import Column, ExportTable, Grid, ProjectHeading
from szaktar_cli.core.i18n import Lang, format_number, format_percent
from szaktar_cli.core.labels import format_quantity
from szaktar_cli.core.numbers import decimal_rounded, json_number, rounded
from szaktar_cli.core.periods import ReportPeriod
from szaktar_cli.render import export_csv, export_json, export_markdown


@pytest.mark.parametrize(
    ("value", "digits", "expected"),
    [
        (81.25, 1, 81.3),  # Python's round() and babel give 81.2 (half to even)
        (62.5, 0, 63.0),  # round() gives 62
        (3.25, 1, 3.3),  # round() gives 3.2
        (2.675, 2, 2.68),  # stored as 2.67499999…: round() gives 2.67
        (0.5, 0, 1.0),
        (1.5, 0, 2.0),
        (2.5, 0, 3.0),
        (-2.5, 0, -3.0),  # away from zero, as Excel's ROUND(-2.5; 0)
        (-81.25, 1, -81.3),
        (81.24, 1, 81.2),
        (1206.55, 1, 1206.6),
        (0.30000000000000004, 6, 0.3),
        (3000.0, 2, 3000.0),
    ],
)
def test_halves_round_away_from_zero(value: float, digits: int, expected: float) -> None:
    assert rounded(value, digits) == expected


def test_a_rounded_zero_has_no_sign() -> None:
    assert str(decimal_rounded(-0.04, 1)) == "0.0"
    assert format_number(-0.004, "en") == "0"


def test_big_and_tiny_figures_keep_their_value() -> None:
    assert rounded(1e22, 2) == 1e22
    assert rounded(1.2345678901234567e20, 6) == 1.2345678901234567e20
    assert rounded(1e-7, 6) == 0.0
    assert rounded(None) is None
    assert math.isinf(rounded(math.inf, 2) or 0)


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12))
def test_rounding_moves_a_figure_at_most_half_a_step(value: float) -> None:
    shown = decimal_rounded(value, 2)
    assert abs(shown - Decimal(repr(value))) <= Decimal("0.005")
    assert shown.as_tuple().exponent >= -2


@pytest.mark.parametrize(
    ("lang", "shown"),
    [
        ("en", ["81.3%", "63%", "3.3%", "3.3", "2.68", "1,206.6"]),
        ("hu", ["81,3%", "63%", "3,3%", "3,3", "2,68", "1\u00a0206,6"]),
    ],
)
def test_the_screen_rounds_halves_away_from_zero_in_both_languages(
    lang: Lang, shown: list[str]
) -> None:
    assert [
        format_percent(81.25, lang),
        format_percent(62.5, lang, decimals=0),
        format_percent(3.25, lang),
        format_number(3.25, lang, decimals=1),
        format_number(2.675, lang),
        format_number(1206.55, lang, decimals=1),
    ] == shown


def test_the_unit_agrees_with_the_number_shown() -> None:
    assert format_quantity(0.996, "hour", "en") == "1 hour"
    assert format_quantity(1.004, "hour", "en") == "1 hour"
    assert format_quantity(1.5, "hour", "en") == "1.5 hours"


_TABLE = ExportTable(
    "indicators",
    ReportPeriod(dt.date(2011, 3, 1), dt.date(2011, 3, 31)),
    dt.date(2011, 3, 31),
    (ProjectHeading("p", "P"),),
    (
        Column("project", "text", "project", "projekt"),
        Column("hours", "number", "hours", "óra"),
        Column("percent", "percent", "percent", "teljesítés"),
    ),
    (("p", 2.675, 81.25), ("p", 62.5, 3.25)),
    Grid((Column("project", "text", "project", "projekt"),), (("p",),)),
)


def test_the_excel_dialect_rounds_as_the_screen_and_plain_csv_keeps_the_figure() -> None:
    excel = export_csv.render(_TABLE, "excel", "hu").decode("utf-8-sig").splitlines()
    assert excel[1:] == ["p;2,68;81,3", "p;62,5;3,3"]
    plain = export_csv.render(_TABLE, "csv", "en").decode("utf-8").splitlines()
    assert plain[1:] == ["p,2.675,81.25", "p,62.5,3.25"]


def test_json_keeps_the_figure_and_markdown_rounds_it() -> None:
    rows = export_json.render(_TABLE).decode("utf-8")
    assert '"hours": 2.675' in rows
    assert '"percent": 81.25' in rows
    assert json_number(81.25) == 81.25
    markdown = export_markdown.render(_TABLE, "en").decode("utf-8")
    cells = [line.split("|")[1:-1] for line in markdown.splitlines()[-2:]]
    shown = [[cell.strip() for cell in row] for row in cells]
    assert shown == [["2.68", "81.3%"], ["62.5", "3.3%"]]
