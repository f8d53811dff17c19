"""Interim checkpoints judged on their own (issue 12 §1), by hand, on an EFOP-style contract:
1800 mentoring hours, 700 of them due at the interim report of 31 December 2019, in a project
running from 1 March 2019 to 31 December 2020 (tests/data/contracts/efop-mentoring: 65 hours a
month in 2019, 110 a month from January 2020)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from contract import one_target
from szaktar_cli.cli.main import main
from szaktar_cli.compute.judge import evaluate_project
from szaktar_cli.compute.planning import plan_project
from szaktar_cli.compute.results import IndicatorStatus, Milestone
from szaktar_cli.core.model import Entry, Project

D = dt.date
DATA = Path(__file__).parent / "data" / "contracts"
INTERIM = D(2019, 12, 31)


def project(**target: Any) -> Project:
    return one_target(
        {"min": 1800, "schedule": [{"date": INTERIM, "min": 700}], **target},
        {"sum": "hours"},
        start=D(2019, 3, 1),
        end=D(2020, 12, 31),
        activities=("mentoring",),
    )


def monthly(hours: float, months: list[tuple[int, int]]) -> list[Entry]:
    return [
        {"date": D(year, month, 15), "activity": "mentoring", "hours": hours}
        for year, month in months
    ]


YEAR_2019 = [(2019, month) for month in range(3, 13)]  # March–December: 10 months


def judged(entries: list[Entry], as_of: dt.date, **target: Any) -> IndicatorStatus:
    return evaluate_project(project(**target), entries, as_of).indicators[0]


def test_a_checkpoint_not_yet_due() -> None:
    item = judged(monthly(65, YEAR_2019[:4]), D(2019, 6, 30))
    assert item.milestones == (Milestone(INTERIM, 700, None, 260, "not_due"),)
    assert not item.is_problem


def test_a_checkpoint_met_and_met_early() -> None:
    # 70 hours a month: 700 by 31 December, judged on that day
    on_the_day = judged(monthly(70, YEAR_2019), INTERIM)
    assert on_the_day.milestones[0].state == "met"
    assert on_the_day.milestones[0].actual == 700
    # 700 already in October: a sum only grows, so the checkpoint is met before its day
    early = judged(monthly(100, YEAR_2019[:7]), D(2019, 10, 31))
    assert (early.milestones[0].state, early.milestones[0].actual) == ("met", 700)


def test_a_checkpoint_missed_is_a_problem_while_the_target_is_on_track() -> None:
    # 650 by 31 December (65 × 10); 110 a month in 2020: 980 by 31 March 2020
    entries = monthly(65, YEAR_2019) + monthly(110, [(2020, 1), (2020, 2), (2020, 3)])
    item = judged(entries, D(2020, 3, 31))
    assert item.milestones[0] == Milestone(INTERIM, 700, None, 650, "missed")
    # the final target, by the schedule: 700 + 1100 × 91 / 366 = 973.5 expected; 980 is on it
    assert item.status == "on_track"
    assert item.expected_to_date == pytest.approx(700 + 1100 * 91 / 366)
    assert item.is_problem
    # the value on the checkpoint's day counts, not what came after
    assert judged(entries, D(2020, 1, 1)).milestones[0].state == "missed"


def test_a_maximum_passed_early_is_missed_for_good() -> None:
    item = judged(
        monthly(50, YEAR_2019[:3]), D(2019, 5, 31), schedule=[{"date": INTERIM, "max": 100}]
    )
    assert item.milestones[0].state == "missed"


def test_plan_to_the_next_checkpoint_then_after_it() -> None:
    # 30 June 2019: 260 of the 700 due on 31 December. To the checkpoint: 440 hours in July–
    # December (184 days, 6 months, 27 weeks): 73.33 hours a month. After it: the other 1100
    # of the 1800 in 2020 (366 days, 12 months, 53 weeks): 91.67 hours a month.
    plan = plan_project(project(), monthly(65, YEAR_2019[:4]), D(2019, 6, 30))
    to, after = plan.items
    assert (to.checkpoint, to.stage, to.target_min, to.deadline) == (INTERIM, "to", 700, INTERIM)
    assert to.need is not None
    assert (to.need.remaining, to.need.left.days, to.need.left.months, to.need.left.weeks) == (
        440,
        184,
        6,
        27,
    )
    assert to.need.per_month == pytest.approx(440 / 6)
    assert to.need.per_month == pytest.approx(73.333, abs=1e-3)
    assert (after.checkpoint, after.stage, after.target_min) == (INTERIM, "after", 1800)
    assert after.need is not None
    assert (after.need.remaining, after.need.left.months, after.need.left.weeks) == (1100, 12, 53)
    assert after.need.per_month == pytest.approx(1100 / 12)
    # both faster than the best month so far (65): out of reach at that pace
    assert (to.verdict, after.verdict) == ("unreachable", "unreachable")


def test_plan_after_a_checkpoint_met_plans_to_the_target() -> None:
    plan = plan_project(project(), monthly(100, YEAR_2019[:7]), D(2019, 10, 31))
    (item,) = plan.items
    assert (item.checkpoint, item.stage, item.target_min) == (None, None, 1800)


# --- in every output ----------------------------------------------------------------------------


@pytest.fixture
def contracts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(DATA, tmp_path / "contracts")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "contracts"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main([*args, "--projects", "contracts", "--as-of", "2020-03-31", "--lang", "en"])
    return code, capsys.readouterr().out


@pytest.mark.usefixtures("contracts")
def test_status_shows_the_checkpoint_and_fails_the_check(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out = run(capsys, "status", "efop-mentoring", "--check")
    assert code == 1  # a missed checkpoint fails the CI gate though the target is on track
    assert "on track, 1 checkpoint(s) missed" in out
    assert "Mentoring hours  31 Dec 2019   650 hours  ≥ 700 hours  missed" in out
    _, only = run(capsys, "status", "efop-mentoring", "--only-problems")
    assert "Mentoring hours" in only
    _, data = run(capsys, "status", "efop-mentoring", "--format", "json")
    (indicator,) = json.loads(data)["projects"][0]["indicators"]
    assert (indicator["status"], indicator["milestones"]) == (
        "on_track",
        [
            {
                "date": "2019-12-31",
                "min": 700,
                "max": None,
                "actual": 650,
                "state": "missed",
                "source": "az időközi beszámolóig (2019. december 31.) legalább 700 óra",
            }
        ],
    )
    _, rows = run(capsys, "status", "efop-mentoring", "--format", "csv")
    assert "efop-mentoring,mentoring_hours,milestone,2019-12-31,,,650,700,," in rows


@pytest.mark.usefixtures("contracts")
def test_gaps_export_and_report_show_the_missed_checkpoint(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out = run(capsys, "gaps", "efop-mentoring", "--check")
    assert code == 1
    assert "mentoring_hours  31 Dec 2019             650 hours  ≥ 700 hours" in out
    _, csv = run(capsys, "export", "efop-mentoring", "--month", "2020-03")
    header, row = csv.splitlines()
    assert dict(zip(header.split(","), row.split(","), strict=True))["checkpoints_missed"] == (
        "2019-12-31"
    )
    _, page = run(capsys, "report", "efop-mentoring")
    assert 'data-checkpoint="2019-12-31"' in page
    assert "Checkpoints met: 0 of 1 due so far." in page
    assert "checkpoint missed" in page  # the burn-up's legend
