"""gaps.py: empty months, a silent team, entries after as-of, breakdowns that do not add up."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from szaktar_cli.compute.gaps import Place, ProjectGaps, SilentGroup, UnsplitBreakdown, find_gaps
from szaktar_cli.read.loader import load_project
from szaktar_cli.read.places import Locator

PROJECT = """\
id: teams
title: Csapatok
title_en: Teams
start: 2011-01-01
end: 2011-12-31
activities:
  supervision: {name: Szupervízió}
  enrolment: {name: Bevonás}
dimensions:
  team: {values: [T1, T2, T3]}
  area: {values: [action, elsewhere]}
indicators:
  supervision_per_team:
    name: Szupervízió csapatonként
    unit: event
    measure: {count: entries, activities: [supervision]}
    target: {min: 1, per: month, per_group: team, source: minden csapat havonta}
  supervision_hours_per_team:
    name: Szupervíziós órák csapatonként
    unit: hour
    measure: {sum: hours, activities: [supervision]}
    target: {min: 10, per_group: team, source: csapatonként 10 óra}
  action_area_share:
    name: Akcióterületről
    unit: percent
    measure:
      composition: {dimension: area, value: action, weight: entries}
      activities: [enrolment]
    target: {min: 75, source: 75%}
"""


def month(*entries: str) -> str:
    return "".join(entries)


def supervision(day: str, team: str | None, hours: int = 2) -> str:
    team_line = f"  team: {team}\n" if team else ""
    return f"- date: {day}\n  activity: supervision\n  hours: {hours}\n{team_line}"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    directory = tmp_path / "teams"
    (directory / "actuals").mkdir(parents=True)
    (directory / "project.yaml").write_text(PROJECT, encoding="utf-8")
    files = {
        # January: every team; T3 is never heard of again
        "2011-01": month(
            supervision("2011-01-05", "T1"),
            supervision("2011-01-06", "T2"),
            supervision("2011-01-07", "T3"),
            "- date: 2011-01-20\n  activity: enrolment\n  area: action\n",
        ),
        # February: nothing at all is logged
        # March: T1 and T2, and a session whose team was not written down
        "2011-03": month(
            supervision("2011-03-02", "T1"),
            supervision("2011-03-03", "T2"),
            supervision("2011-03-04", None, hours=3),
        ),
        # April: T1, and an enrolment without its area; one entry is dated after as-of
        "2011-04": month(
            supervision("2011-04-04", "T1"),
            "- date: 2011-04-11\n  activity: enrolment\n",
            supervision("2011-04-28", "T2"),
        ),
    }
    for name, text in files.items():
        (directory / "actuals" / f"{name}.yaml").write_text(text, encoding="utf-8")
    return directory


def gaps(directory: Path, as_of: dt.date) -> ProjectGaps:
    return find_gaps(load_project(directory, Locator()), as_of)


def test_gap_report_with_a_silent_team(project: Path) -> None:
    found = gaps(project, dt.date(2011, 4, 15))
    april = str(project / "actuals" / "2011-04.yaml")
    march = str(project / "actuals" / "2011-03.yaml")
    # April is not over on 2011-04-15: only January to March are judged
    assert found.empty_months == ("2011-02",)
    assert found.silent_groups == (
        SilentGroup("supervision_per_team", "team", "T1", ("2011-02",)),
        SilentGroup("supervision_per_team", "team", "T2", ("2011-02",)),
        SilentGroup("supervision_per_team", "team", "T3", ("2011-02", "2011-03")),
    )
    assert found.after_as_of == (Place(april, 7, dt.date(2011, 4, 28), "supervision"),)
    # supervision hours: 2 + 2 + 2 (January) + 2 + 2 + 3 (March) + 2 (April 4) = 15 in total,
    # the teams' parts add up to 12: the 3 hours of 2011-03-04 name no team
    assert found.unsplit == (
        UnsplitBreakdown(
            "supervision_per_team",
            "team",
            7,
            6,
            (Place(march, 9, dt.date(2011, 3, 4), "supervision"),),
        ),
        UnsplitBreakdown(
            "supervision_hours_per_team",
            "team",
            15,
            12,
            (Place(march, 9, dt.date(2011, 3, 4), "supervision"),),
        ),
        UnsplitBreakdown(
            "action_area_share",
            "area",
            None,
            None,
            (Place(april, 5, dt.date(2011, 4, 11), "enrolment"),),
        ),
    )
    assert found.unsplit[1].difference == 3
    assert found.count == 1 + 3 + 1 + 3


def test_a_silent_group_of_a_cumulative_target(project: Path) -> None:
    (project / "actuals" / "2011-01.yaml").write_text(
        supervision("2011-01-05", "T1"), encoding="utf-8"
    )
    for name in ("2011-03", "2011-04"):
        (project / "actuals" / f"{name}.yaml").unlink()
    found = gaps(project, dt.date(2011, 1, 31))
    # without `per`, a group is silent when it has nothing over the whole window so far
    assert [g for g in found.silent_groups if g.indicator == "supervision_hours_per_team"] == [
        SilentGroup("supervision_hours_per_team", "team", "T2", ()),
        SilentGroup("supervision_hours_per_team", "team", "T3", ()),
    ]
    assert found.unsplit == ()


def test_nothing_before_the_start(project: Path) -> None:
    found = gaps(project, dt.date(2010, 12, 31))
    assert (found.empty_months, found.silent_groups, found.unsplit) == ((), (), ())
    assert len(found.after_as_of) == 10
