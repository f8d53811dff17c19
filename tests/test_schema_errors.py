"""pydantic's errors become diagnostics at the right node, in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from szaktar_cli.read.loader import load_project
from szaktar_cli.read.places import Locator

BASE = """\
id: p
title: Próba
start: 2011-01-01
end: 2011-12-31
activities:
  consultation: {name: Konzultáció}
"""


Found = tuple[int, int, str, str, str]  # line, column, code, English, Hungarian


def diagnostics(tmp_path: Path, project: str, actuals: str = "") -> list[Found]:
    directory = tmp_path / "p"
    (directory / "actuals").mkdir(parents=True)
    (directory / "project.yaml").write_text(project, encoding="utf-8")
    if actuals:
        (directory / "actuals" / "2011-01.yaml").write_text(actuals, encoding="utf-8")
    loaded = load_project(directory, Locator())
    return [
        (d.line, d.column, d.code, d.message("en"), d.message("hu")) for d in loaded.diagnostics
    ]


@pytest.mark.parametrize(
    ("replace", "expected"),
    [
        (
            ("end: 2011-12-31", "end: soon"),
            (4, 6, "P204", "end: must be a date (YYYY-MM-DD); found text 'soon'",
             "end: dátumnak kell lennie (ÉÉÉÉ-HH-NN), de ez áll itt: 'soon' szöveg"),
        ),
        (
            ("end: 2011-12-31", "end: [2011, 12, 31]"),
            (4, 6, "P204", "end: must be a date (YYYY-MM-DD) or {unknown: reason}; found a list",
             "end: dátum (ÉÉÉÉ-HH-NN) vagy {unknown: indoklás} kell legyen, de ez áll itt: lista"),
        ),
        (
            ("end: 2011-12-31", "end: {unknown: 12}"),
            (4, 16, "P204", "end.unknown: must be text; found 12",
             "end.unknown: szövegnek kell lennie, de ez áll itt: 12"),
        ),
    ],
    ids=["text for a date", "a list for a date or unknown", "unknown with a number"],
)
def test_a_union_is_judged_by_the_alternative_the_value_fits(
    tmp_path: Path, replace: tuple[str, str], expected: Found
) -> None:
    assert diagnostics(tmp_path, BASE.replace(*replace)) == [expected]


def test_errors_deep_in_an_indicator_point_at_their_node(tmp_path: Path) -> None:
    project = BASE + """\
indicators:
  hours:
    name: Órák
    unit: hour
    measure: {sum: hours}
    target:
      min: 10
      schedule:
        - {date: 2011-06-30, min: 5}
        - {date: 2011-09-31, min: many}
"""
    assert diagnostics(tmp_path, project) == [
        (16, 18, "P224", "indicators.hours.target.schedule[1].date: '2011-09-31' is a day that "
         "does not exist: September 2011 has 30 days",
         "indicators.hours.target.schedule[1].date: '2011-09-31' nem létező nap: 2011 "
         "szeptemberében 30 nap van"),
        (16, 35, "P204", "indicators.hours.target.schedule[1].min: must be a number; "
         "found text 'many'",
         "indicators.hours.target.schedule[1].min: számnak kell lennie, "
         "de ez áll itt: 'many' szöveg"),
    ]


def test_entry_problems_in_hungarian(tmp_path: Path) -> None:
    actuals = "- date: 2011-01-10\n  activity: consultation\n  hours: .nan\n  note: [a]\n"
    assert diagnostics(tmp_path, BASE, actuals) == [
        (3, 10, "A309", "hours must be a number, not NaN",
         "a(z) hours mezőnek számnak kell lennie, nem NaN"),
        (4, 9, "A302", "note: must be text; found a list",
         "note: szövegnek kell lennie, de ez áll itt: lista"),
    ]
