"""Contract amendments (issue 12 §4), by hand: an amendment in force from 15 June 2011 — a day
between two month ends — cuts the consultation hours from 3000 to 2500 (deadline brought
forward to 30 June 2012) and the monthly training hours from 64 to 48 (the test project
tests/data/contracts/modositott: 120 consultation hours and 50 training hours a month from
September 2010)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from contract import one_target
from golden import EXTENSIONS, golden_text
from szaktar_cli.cli.main import main
from szaktar_cli.compute.judge import evaluate_project
from szaktar_cli.core.model import Entry

D = dt.date
AMENDED = D(2011, 6, 15)


def monthly_training(hours: float) -> list[Entry]:
    months = [(2011, 4), (2011, 5), (2011, 6), (2011, 7)]
    return [{"date": D(y, m, 10), "activity": "training", "hours": hours} for y, m in months]


RATE = one_target(
    {"min": 64, "per": "month", "amendments": [{"from": AMENDED, "min": 48, "source": "1."}]},
    {"sum": "hours"},
    start=D(2011, 4, 1),
    end=D(2011, 12, 31),
    activities=("training",),
)


def test_each_month_is_judged_against_the_target_in_force_on_its_last_day() -> None:
    item = evaluate_project(RATE, monthly_training(50), D(2011, 7, 31)).indicators[0]
    # April and May end before 15 June: 64 (50 is short); June and July end after it: 48
    assert [(period.period, period.target_min, period.state) for period in item.periods] == [
        ("2011-04", 64, "missed"),
        ("2011-05", 64, "missed"),
        ("2011-06", 48, "met"),
        ("2011-07", 48, "met"),
    ]
    assert item.target is not None
    assert item.target.min == 48  # the target in force on as-of
    assert item.original is not None
    assert item.original.min == 64


def test_a_partial_period_left_out_keeps_the_minimum_in_force_on_its_last_day() -> None:
    # the project starts on 15 April: April is partial and left out, yet its minimum (what gaps
    # prorates a shortfall against) is the 64 in force on 30 April, not the 48 of as-of
    late = RATE.model_copy(update={"start": D(2011, 4, 15)})
    item = evaluate_project(late, monthly_training(50), D(2011, 7, 31)).indicators[0]
    assert [(period.period, period.target_min, period.state) for period in item.periods][:2] == [
        ("2011-04", 64, "partial"),
        ("2011-05", 64, "missed"),
    ]


def test_the_target_before_the_amendment_is_the_original() -> None:
    item = evaluate_project(RATE, monthly_training(50), D(2011, 6, 14)).indicators[0]
    assert item.target is not None
    assert (item.target.min, item.amendments, item.original) == (64, (), None)


CUMULATIVE = one_target(
    {
        "min": 3000,
        "amendments": [
            {"from": AMENDED, "min": 2500, "by": D(2012, 6, 30), "source": "1. sz. módosítás"}
        ],
    },
    {"sum": "hours"},
    start=D(2010, 9, 1),
    end=D(2012, 8, 31),
    activities=("consultation",),
)


def test_a_cumulative_target_is_judged_against_the_target_in_force_on_as_of() -> None:
    entries: list[Entry] = [{"date": D(2011, 3, 1), "activity": "consultation", "hours": 1000}]
    before = evaluate_project(CUMULATIVE, entries, D(2011, 6, 14)).indicators[0]
    # 3000 by 31 August 2012 (731 days): 287 days to 14 June, 3000 × 287 / 731
    assert before.expected_to_date == pytest.approx(3000 * 287 / 731)
    assert before.deadline == D(2012, 8, 31)
    after = evaluate_project(CUMULATIVE, entries, AMENDED).indicators[0]
    # 2500 by 30 June 2012 (669 days): 288 days to 15 June, 2500 × 288 / 669
    assert after.expected_to_date == pytest.approx(2500 * 288 / 669)
    assert after.deadline == D(2012, 6, 30)
    assert after.percent == 40  # 1000 of 2500
    assert [amendment.start for amendment in after.amendments] == [AMENDED]


def test_a_checkpoint_is_judged_by_the_schedule_in_force_on_its_day() -> None:
    # an amendment from 1 March 2011 replaces the checkpoint of 31 December 2010 (500) by one of
    # 30 June 2011 (900): the December one had passed, and stays judged as it was
    project = one_target(
        {
            "min": 3000,
            "schedule": [{"date": D(2010, 12, 31), "min": 500}],
            "amendments": [
                {
                    "from": D(2011, 3, 1),
                    "schedule": [{"date": D(2011, 6, 30), "min": 900}],
                    "source": "1.",
                }
            ],
        },
        {"sum": "hours"},
        start=D(2010, 9, 1),
        end=D(2012, 8, 31),
        activities=("consultation",),
    )
    entries: list[Entry] = [{"date": D(2010, 10, 1), "activity": "consultation", "hours": 600}]
    item = evaluate_project(project, entries, D(2011, 7, 1)).indicators[0]
    assert [(point.date, point.min, point.state) for point in item.milestones] == [
        (D(2010, 12, 31), 500, "met"),
        (D(2011, 6, 30), 900, "missed"),
    ]
    earlier = evaluate_project(project, entries, D(2011, 2, 1)).indicators[0]
    assert [(point.date, point.state) for point in earlier.milestones] == [
        (D(2010, 12, 31), "met")
    ]


# --- in the outputs -------------------------------------------------------------------------


@pytest.fixture
def contracts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(Path(__file__).parent / "data" / "contracts", tmp_path / "contracts")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "contracts"


def run(capsys: pytest.CaptureFixture[str], *args: str, lang: str = "en") -> str:
    assert main([*args, "--projects", "contracts", "--as-of", "2011-06-30", "--lang", lang]) == 0
    return capsys.readouterr().out


GOLDEN = Path(__file__).parent / "golden" / "status"


@pytest.mark.usefixtures("contracts")
@pytest.mark.parametrize("lang", ["hu", "en"])
@pytest.mark.parametrize("fmt", list(EXTENSIONS))
def test_status_golden_in_every_format(
    capsys: pytest.CaptureFixture[str], fmt: str, lang: str
) -> None:
    out = run(capsys, "status", "modositott", "--format", fmt, lang=lang)
    assert out == golden_text(GOLDEN / f"amended.{lang}.{fmt}.{EXTENSIONS[fmt]}", out)


@pytest.mark.usefixtures("contracts")
def test_the_report_the_chart_and_plan_use_the_target_in_force(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    words = (
        "at least 2,500 hours by 30 Jun 2012 (amended 15 Jun 2011; originally at least 3,000 "
        "hours by 31 Aug 2012)"
    )
    chart = run(capsys, "chart", "modositott", "consultation_hours")
    assert chart.startswith(f"Consultation hours · {words} · on track\n")
    page = tmp_path / "report.html"
    run(capsys, "report", "modositott", "-o", str(page))
    assert f"<td>{words}</td>" in page.read_text(encoding="utf-8")
    # 1 300 hours still needed in the 12 months to the amended deadline: 108.3 a month; July's
    # training against the 48 hours in force, not the 64 first written
    plan = run(capsys, "plan", "modositott")
    assert "2,500 hours (amended 15 Jun 2011)  1,300 hours  30 Jun 2012  linear  " in plan
    assert "12       108.3 hours" in plan
    assert "0 hours     48 hours (amended 15 Jun 2011)     48 hours  31 Jul 2011" in plan


@pytest.mark.usefixtures("contracts")
def test_status_export_and_history_show_the_amendment(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "status", "modositott")
    assert (
        "≥ 2,500 hours (by 30 Jun 2012) (amended 15 Jun 2011; originally ≥ 3,000 hours (by 31 Aug "
        "2012))" in out
    )
    assert "2011-05            50 hours  ≥ 64 hours per month" in out
    document = json.loads(run(capsys, "status", "modositott", "--format", "json"))
    target = document["projects"][0]["indicators"][0]["target"]
    assert (target["min"], target["original"], target["amendments"][0]["from"]) == (
        2500,
        {"min": 3000, "max": None, "by": "2012-08-31"},
        "2011-06-15",
    )
    # May as reported (before the amendment) and June (after it), side by side
    rows = run(capsys, "export", "modositott", "--from", "2011-05-01", "--to", "2011-06-30",
               "--per", "month", "--format", "json")
    training = [
        (row["period"], row["target_min"], row["target_amended"], row["target_original_min"])
        for row in json.loads(rows)["rows"]
        if row["indicator"] == "training_hours_monthly"
    ]
    assert training == [("2011-05", 64, None, None), ("2011-06", 48, "2011-06-15", 64)]
    history = run(capsys, "history", "modositott", "consultation_hours")
    assert "as first written  ≥ 3,000 hours" in history
    assert "15 Jun 2011       ≥ 2,500 hours  30 Jun 2012" in history


@pytest.mark.usefixtures("contracts")
def test_plan_plans_an_open_month_against_the_target_in_force_on_its_last_day(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # as of 10 June the amendment of 15 June is not in force yet, but June ends under it: 48
    # hours, as status will judge June, not the 64 of May (10 of them logged by 10 June)
    out = main(["plan", "modositott", "--projects", "contracts", "--as-of", "2011-06-10",
                "--lang", "en", "--format", "json"])
    assert out == 0
    items = json.loads(capsys.readouterr().out)["projects"][0]["items"]
    training = next(item for item in items if item["indicator"] == "training_hours_monthly")
    assert (training["period"], training["actual"], training["target_min"]) == ("2011-06", 10, 48)
    assert training["amended"] == "2011-06-15"
    consultation = next(item for item in items if item["indicator"] == "consultation_hours")
    assert (consultation["target_min"], consultation["amended"]) == (3000, None)


@pytest.mark.usefixtures("contracts")
def test_history_lists_the_target_and_its_amendments_in_json_and_csv(
    capsys: pytest.CaptureFixture[str],
) -> None:
    document = json.loads(run(capsys, "history", "modositott", "consultation_hours",
                              "--format", "json"))
    assert [
        (change["from"], change["min"], change["by"]) for change in document["target_changes"]
    ] == [(None, 3000, None), ("2011-06-15", 2500, "2012-06-30")]
    rows = run(capsys, "history", "modositott", "consultation_hours", "--format", "csv")
    targets = [line for line in rows.splitlines() if line.startswith("target,")]
    assert len(targets) == 2
    assert targets[1].startswith("target,,,,,,,,,,,2011-06-15,2500,,2012-06-30,")
