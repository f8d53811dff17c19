"""Messages that give the fix: a value that is not allowed lists the allowed ones, a dimension
named as `import` would read it is suggested by its id."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from szaktar_cli.cli.main import main

PROJECT = """\
id: p
title: P
start: 2011-01-01
end: 2011-12-31
activities:
  consultation: {name: Konzultáció}
dimensions:
  area:
    name: Terület
    values: [akcióterület, város más területe]
  settlement:
    name: Település
    values: [__SETTLEMENTS__]
indicators:
__INDICATORS__
"""
SETTLEMENTS = [f"Falu {number:02}" for number in range(1, 21)]


Validate = Callable[..., list[str]]


@pytest.fixture
def validate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Validate:
    """What `validate` says of the project with these indicators and March entries."""

    def run(indicators: str, entries: str = "") -> list[str]:
        project = tmp_path / "projects" / "p"
        (project / "actuals").mkdir(parents=True)
        text = PROJECT.replace("__SETTLEMENTS__", ", ".join(SETTLEMENTS))
        (project / "project.yaml").write_text(
            text.replace("__INDICATORS__", indicators), encoding="utf-8"
        )
        if entries:
            (project / "actuals" / "2011-03.yaml").write_text(entries, encoding="utf-8")
        main(["validate", str(tmp_path / "projects"), "--as-of", "2011-06-30", "--lang", "en"])
        return capsys.readouterr().err.splitlines()[:-1]

    return run


def test_a_dimension_named_by_its_name_suggests_its_id(validate: Validate) -> None:
    indicators = (
        "  areas: {name: Területek, unit: topic, measure: {distinct: Terület}}\n"
        "  counties: {name: Megyék, unit: topic, measure: {distinct: megye}}\n"
    )
    found = validate(indicators)
    assert found[1::2] == ["  hint: did you mean 'area'?", "  hint: did you mean 'county'?"]
    assert "P209 indicator 'areas' refers to an undeclared dimension 'Terület'" in found[0]


def test_a_value_not_allowed_lists_the_allowed_values_the_first_of_a_long_list(
    validate: Validate,
) -> None:
    entries = (
        "- {date: 2011-03-01, activity: consultation, area: akcioterulet}\n"
        "- {date: 2011-03-02, activity: consultation, settlement: Város}\n"
    )
    found = validate("  {}\n", entries)
    assert found[0].endswith(
        "A308 value 'akcioterulet' is not allowed for dimension 'area' "
        "(allowed: 'akcióterület', 'város más területe')"
    )
    assert found[1] == "  hint: did you mean 'akcióterület'?"
    first = ", ".join(repr(name) for name in SETTLEMENTS[:12])
    assert found[2].endswith(
        f"A308 value 'Város' is not allowed for dimension 'settlement' (allowed: {first}, … "
        "(20 in all))"
    )


def test_a_schema_error_does_not_hide_the_references_that_can_still_be_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An indicator with a wrong unit and an activity with a wrong limit (schema errors), and an
    indicator naming an undeclared activity and a missing indicator: all in one run; a
    reference to what was set aside (the broken activity, the broken indicator) is not one."""
    project = tmp_path / "projects" / "p"
    project.mkdir(parents=True)
    (project / "project.yaml").write_text(
        "id: p\ntitle: P\nstart: 2011-01-01\nend: 2011-02-30\n"
        "activities:\n  a: {name: A}\n  b: {name: B, plausible: {hours: many}}\n"
        "indicators:\n"
        "  x: {name: X, unit: hours, measure: {sum: hours, activities: [a]}}\n"
        "  y: {name: Y, unit: hour, measure: {sum: hours, activities: [nope, b]}}\n"
        "  z: {name: Z, unit: percent, measure: {ratio: {numerator: x, denominator: w}}}\n",
        encoding="utf-8",
    )
    assert main(["validate", str(project), "--as-of", "2011-06-30", "--lang", "en"]) == 1
    found = [line.split(" error ", 1)[1] for line in capsys.readouterr().err.splitlines()
             if " error " in line]
    assert [line[:4] for line in found] == ["P224", "P204", "P204", "P208", "P210"]
    assert found[3] == "P208 indicator 'y' refers to an undeclared activity 'nope'"
    assert found[4] == "P210 indicator 'z' refers to an unknown indicator 'w'"


@pytest.mark.parametrize(
    ("written", "meant"),
    [("halfyear", "half"), ("half-year", "half"), ("félévente", "half"), ("havonta", "month"),
     ("quarterly", "quarter"), ("yearr", "year")],
)
def test_a_period_written_otherwise_suggests_the_one_meant(
    written: str, meant: str, validate: Validate
) -> None:
    indicators = (
        "  x:\n    name: X\n    unit: hour\n    measure: {sum: hours}\n"
        f"    target: {{min: 3, per: {written}, source: x}}\n"
    )
    found = validate(indicators)
    assert f"found text '{written}'" in found[0]
    assert found[1] == f"  hint: did you mean '{meant}'?"


@pytest.mark.parametrize(
    ("day", "reason"),
    [("2011-02-29", "February 2011 has 28 days"), ("2012-02-30", "February 2012 has 29 days"),
     ("2011-04-31", "April 2011 has 30 days"), ("2011-13-01", "there is no month 13"),
     ("2011-06-00", "a month has no day 0")],
)
def test_a_day_that_does_not_exist_is_told_so(day: str, reason: str, validate: Validate) -> None:
    entries = f"- {{date: {day}, activity: consultation}}\n"
    (found,) = validate("  {}\n", entries)
    assert found.endswith(
        f"actuals/2011-03.yaml:1:10: error A314 '{day}' is a day that does not exist: {reason}"
    )


def errors_of(project_yaml: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """The errors `validate` reports of a project with this project.yaml, without their place."""
    project = tmp_path / "projects" / "p"
    project.mkdir(parents=True)
    (project / "project.yaml").write_text(project_yaml, encoding="utf-8")
    assert main(["validate", str(project), "--as-of", "2011-06-30", "--lang", "en"]) == 1
    return [line.split(" error ", 1)[1] for line in capsys.readouterr().err.splitlines()
            if " error " in line]


def test_a_section_that_is_no_mapping_does_not_hide_the_references_between_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """activities and dimensions written as lists: a reference to an activity or a dimension is
    not reported (the user declared them, wrongly), one to an unknown indicator is."""
    found = errors_of(
        "id: p\ntitle: P\nstart: 2011-01-01\nend: 2011-12-31\n"
        "activities: [konzultacio]\ndimensions: [terulet]\n"
        "indicators:\n"
        "  x: {name: X, unit: hour, measure: {sum: hours, activities: [konzultacio],"
        " where: {terulet: észak}}}\n"
        "  z: {name: Z, unit: percent, measure: {ratio: {numerator: x, denominator: w}}}\n",
        tmp_path, capsys,
    )
    assert [line[:4] for line in found] == ["P204", "P204", "P210"]
    assert found[2] == "P210 indicator 'z' refers to an unknown indicator 'w'"


def test_a_broken_target_does_not_hide_its_measures_references(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    found = errors_of(
        "id: p\ntitle: P\nstart: 2011-01-01\nend: 2011-12-31\n"
        "activities:\n  a: {name: A}\n"
        "indicators:\n"
        "  y:\n    name: Y\n    unit: hour\n    measure: {sum: hours, activities: [nope]}\n"
        "    target: {min: 3, per: halfyear, source: x}\n",
        tmp_path, capsys,
    )
    assert [line[:4] for line in found] == ["P208", "P204"]  # by line: the measure's first
    assert found[0] == "P208 indicator 'y' refers to an undeclared activity 'nope'"
