"""Pace models (issue 19), by hand: each model's expected value, status and forecast before the
start, mid-way and after the deadline, a seasonal profile across a July–August gap, targets met
early, and the defaults by measure kind.

The project runs through 2011 (365 days); the figures are chosen so that the arithmetic is
short.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from contract import one_target
from szaktar_cli.compute.charts import BurnUp, project_charts
from szaktar_cli.compute.judge import evaluate_project
from szaktar_cli.compute.pace import expected_at, expected_line
from szaktar_cli.compute.planning import PlanItem, plan_project
from szaktar_cli.compute.results import IndicatorStatus
from szaktar_cli.core.model import Entry, Project
from szaktar_cli.core.targets import Pace, pace_of
from szaktar_cli.render.words import expected_legend, pace_text

D = dt.date
SCHOOL_YEAR = [1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1]  # no training in July and August


def project(target: dict[str, Any], measure: dict[str, Any] | None = None) -> Project:
    return one_target(
        target,
        measure or {"sum": "hours"},
        start=D(2011, 1, 1),
        end=D(2011, 12, 31),
        activities=("training", "print"),
    )


def hours(*days: tuple[dt.date, float]) -> list[Entry]:
    return [{"date": day, "activity": "training", "hours": amount} for day, amount in days]


def judged(proj: Project, entries: list[Entry], as_of: dt.date) -> IndicatorStatus:
    return evaluate_project(proj, entries, as_of).indicators[0]


def figures(item: IndicatorStatus) -> tuple[str, float | None, float | None]:
    return item.status, item.expected_to_date, item.forecast


# --- linear -----------------------------------------------------------------------------------


def test_linear_before_the_start_mid_way_and_after_the_deadline() -> None:
    proj = project({"min": 365, "pace": "linear"})
    assert figures(judged(proj, [], D(2010, 12, 31))) == ("not_started", 0, None)
    # 1 July is day 182: 182 expected; 150 is 82% of it, below 90%: behind; 150 × 365 / 182
    mid = judged(proj, hours((D(2011, 3, 1), 150)), D(2011, 7, 1))
    assert mid.status == "behind"
    assert mid.expected_to_date == 182
    assert mid.forecast == pytest.approx(150 * 365 / 182)
    assert figures(judged(proj, hours((D(2011, 3, 1), 365)), D(2012, 1, 1))) == ("met", 365, 365)
    assert judged(proj, hours((D(2011, 3, 1), 364)), D(2012, 1, 1)).status == "missed"
    assert pace_of(proj, "x") == Pace("linear")


def test_linear_is_the_default_of_a_sum_and_its_line_runs_from_the_day_before_the_start() -> None:
    proj = project({"min": 365})
    assert pace_of(proj, "x") == Pace("linear", declared=False)
    assert expected_line(proj, "x") == ((D(2010, 12, 31), 0), (D(2011, 12, 31), 365))


# --- at the deadline --------------------------------------------------------------------------


def test_at_deadline_expects_nothing_before_the_deadline() -> None:
    proj = project({"min": 2000, "pace": "at_deadline"}, {"sum": "count"})
    assert figures(judged(proj, [], D(2010, 12, 31))) == ("not_started", 0, None)
    mid = judged(proj, [], D(2011, 7, 1))
    assert figures(mid) == ("not_due", 0, None)  # not "behind": one print run at the end
    # the deadline's own day counts as passed (its entries counted): met or missed on it
    on_the_day = [{"date": D(2011, 12, 31), "activity": "print", "count": 2000}]
    assert figures(judged(proj, on_the_day, D(2011, 12, 31))) == ("met", 2000, 2000)
    assert judged(proj, [], D(2011, 12, 31)).status == "missed"
    assert figures(judged(proj, [], D(2012, 1, 1))) == ("missed", 2000, 0)


def test_at_deadline_met_early_and_a_step_at_the_deadline() -> None:
    proj = project({"min": 2000, "pace": "at_deadline"}, {"sum": "count"})
    printed = [{"date": D(2011, 5, 3), "activity": "print", "count": 2000}]
    assert judged(proj, printed, D(2011, 5, 3)).status == "met"
    half = [{"date": D(2011, 5, 3), "activity": "print", "count": 1000}]
    assert judged(proj, half, D(2011, 7, 1)).status == "not_due"
    assert expected_line(proj, "x") == (
        (D(2010, 12, 31), 0),
        (D(2011, 12, 30), 0),
        (D(2011, 12, 31), 2000),
    )


def test_a_deliverable_and_a_level_due_at_the_deadline() -> None:
    deliverable = project({"min": 1}, {"deliverable": True, "activities": ["print"]})
    assert pace_of(deliverable, "x") == Pace("at_deadline", declared=False)
    assert judged(deliverable, [], D(2011, 7, 1)).status == "not_due"
    assert judged(deliverable, [], D(2012, 1, 1)).status == "missed"
    conference = project({"min": 400, "pace": "at_deadline"}, {"max": "participants"})
    assert judged(conference, [], D(2011, 7, 1)).status == "not_due"
    small = [{"date": D(2011, 6, 1), "activity": "training", "participants": 120}]
    assert figures(judged(conference, small, D(2011, 7, 1))) == ("not_due", None, None)
    assert figures(judged(conference, small, D(2012, 1, 1))) == ("missed", 400, None)
    # a level without a declared pace keeps no pace: judged by its value now
    level = project({"min": 400}, {"max": "participants"})
    assert pace_of(level, "x") is None
    assert judged(level, small, D(2011, 7, 1)).status == "behind"


# --- from a day -------------------------------------------------------------------------------


def test_from_a_day_is_flat_before_it_and_linear_after_it() -> None:
    proj = project({"min": 368, "pace": {"from": D(2011, 7, 1)}})
    assert figures(judged(proj, [], D(2010, 12, 31))) == ("not_started", 0, None)
    assert figures(judged(proj, [], D(2011, 6, 30))) == ("not_due", 0, None)
    # 1 July – 31 December: 184 days, 2 hours a day; 1 October is day 93: 186 expected
    october = judged(proj, hours((D(2011, 9, 1), 170)), D(2011, 10, 1))
    assert october.expected_to_date == pytest.approx(186)
    assert october.status == "on_track"  # 170 ≥ 0.9 × 186 = 167.4
    assert october.forecast == pytest.approx(170 * 184 / 93)
    assert judged(proj, hours((D(2011, 9, 1), 167)), D(2011, 10, 1)).status == "behind"
    assert figures(judged(proj, hours((D(2011, 9, 1), 368)), D(2012, 1, 1))) == ("met", 368, 368)
    assert expected_line(proj, "x") == (
        (D(2010, 12, 31), 0),
        (D(2011, 6, 30), 0),
        (D(2011, 12, 31), 368),
    )
    assert pace_of(proj, "x") == Pace("linear", D(2011, 7, 1))


# --- seasonal ---------------------------------------------------------------------------------


def test_a_seasonal_profile_across_the_july_august_gap() -> None:
    # 10 working months: 30 hours each, none in July and August
    proj = project({"min": 300, "pace": {"monthly": SCHOOL_YEAR}})
    assert figures(judged(proj, [], D(2010, 12, 31))) == ("not_started", 0, None)
    assert expected_at(proj, "x", D(2011, 1, 16)) == pytest.approx(30 * 16 / 31)
    assert expected_at(proj, "x", D(2011, 6, 30)) == pytest.approx(180)
    assert expected_at(proj, "x", D(2011, 7, 31)) == pytest.approx(180)  # the gap: flat
    assert expected_at(proj, "x", D(2011, 8, 15)) == pytest.approx(180)
    assert expected_at(proj, "x", D(2011, 9, 15)) == pytest.approx(180 + 30 * 15 / 30)
    august = judged(proj, hours((D(2011, 6, 20), 170)), D(2011, 8, 31))
    assert august.status == "on_track"  # 170 ≥ 0.9 × 180 = 162: the summer does not count
    assert august.forecast == pytest.approx(170 * 300 / 180)
    assert judged(proj, hours((D(2011, 6, 20), 161)), D(2011, 8, 31)).status == "behind"
    after = judged(proj, hours((D(2011, 6, 20), 170), (D(2011, 11, 2), 130)), D(2012, 1, 1))
    assert figures(after) == ("met", 300, 300)
    line = dict(expected_line(proj, "x"))
    assert line[D(2011, 6, 30)] == pytest.approx(180)
    assert line[D(2011, 7, 31)] == pytest.approx(180)
    assert line[D(2011, 8, 31)] == pytest.approx(180)
    assert line[D(2011, 9, 30)] == pytest.approx(210)
    assert line[D(2011, 12, 31)] == pytest.approx(300)


def test_a_seasonal_profile_from_a_day_and_a_target_met_early() -> None:
    # from 1 March: March–June and September–December, 8 months of 37.5 hours
    proj = project({"min": 300, "pace": {"from": D(2011, 3, 1), "monthly": SCHOOL_YEAR}})
    assert figures(judged(proj, [], D(2011, 2, 28))) == ("not_due", 0, None)
    june = judged(proj, hours((D(2011, 4, 1), 140)), D(2011, 6, 30))
    assert june.expected_to_date == pytest.approx(150)
    assert june.status == "on_track"
    assert june.forecast == pytest.approx(140 * 2)
    early = judged(proj, hours((D(2011, 4, 1), 300)), D(2011, 6, 30))
    assert early.status == "met"
    assert pace_of(proj, "x") == Pace("monthly", D(2011, 3, 1), tuple(SCHOOL_YEAR))


# --- by the schedule --------------------------------------------------------------------------


def test_schedule_runs_through_the_checkpoints_and_its_forecast_follows_them() -> None:
    proj = project(
        {"min": 300, "schedule": [{"date": D(2011, 1, 31), "min": 100}], "by": D(2011, 10, 31)}
    )
    assert pace_of(proj, "x") == Pace("schedule", declared=False)
    assert figures(judged(proj, [], D(2010, 12, 31))) == ("not_started", 0, None)
    # 100 by 31 January: the first month holds a third of the work; on 31 January 90 hours
    # carried on at that pace give 90 × 300 / 100 = 270
    item = judged(proj, hours((D(2011, 1, 20), 90)), D(2011, 1, 31))
    assert (item.status, item.expected_to_date) == ("on_track", 100)
    assert item.forecast == pytest.approx(270)
    assert judged(proj, hours((D(2011, 1, 20), 300)), D(2011, 11, 1)).status == "met"
    assert expected_line(proj, "x") == (
        (D(2010, 12, 31), 0),
        (D(2011, 1, 31), 100),
        (D(2011, 10, 31), 300),
    )


# --- distinct counts --------------------------------------------------------------------------


def test_a_distinct_count_has_a_linear_expected_value_but_no_forecast() -> None:
    proj = project({"min": 365}, {"distinct": "place"})
    entries: list[Entry] = [
        {"date": D(2011, 1, 5), "activity": "training", "place": "Szeged"},
        {"date": D(2011, 2, 5), "activity": "training", "place": "Szentes"},
    ]
    item = judged(proj, entries, D(2011, 7, 1))
    assert (item.expected_to_date, item.forecast) == (182, None)
    assert pace_of(proj, "x") == Pace("linear", declared=False)


# --- plan: the rate still needed, over the time the pace gives work ------------------------------


def planned(proj: Project, entries: list[Entry], as_of: dt.date) -> PlanItem:
    (item,) = plan_project(proj, entries, as_of).items
    return item


def rates(item: PlanItem) -> tuple[float | None, int | None, int | None, float | None]:
    assert item.need is not None
    need = item.need
    return need.remaining, need.left.months, need.left.weeks, need.per_month


def test_plan_under_a_linear_pace() -> None:
    # 30 June: 265 of 365 left; July–December, 184 days: 6 months, 27 weeks
    item = planned(project({"min": 365}), hours((D(2011, 3, 1), 100)), D(2011, 6, 30))
    assert rates(item) == (265, 6, 27, pytest.approx(265 / 6))
    assert item.verdict == "needed"


def test_plan_from_a_day_counts_only_the_time_after_it() -> None:
    # from 1 September: September–December, 122 days: 4 months, 18 weeks; 368 / 4 = 92
    proj = project({"min": 368, "pace": {"from": D(2011, 9, 1)}})
    item = planned(proj, [], D(2011, 6, 30))
    assert rates(item) == (368, 4, 18, 92)


def test_plan_under_a_seasonal_profile_skips_the_summer() -> None:
    # 180 of 300 by 30 June; July and August weigh nothing: September–December, 4 months of
    # 30 hours (not 6 of 20), 122 days, 18 weeks
    proj = project({"min": 300, "pace": {"monthly": SCHOOL_YEAR}})
    item = planned(proj, hours((D(2011, 5, 2), 180)), D(2011, 6, 30))
    assert rates(item) == (120, 4, 18, 30)
    assert item.need is not None
    assert item.need.left.days == 122
    assert item.pace == Pace("monthly", None, tuple(SCHOOL_YEAR))


def test_plan_of_a_target_due_at_the_deadline_gives_no_rate() -> None:
    proj = project({"min": 2000, "pace": "at_deadline"}, {"sum": "count"})
    item = planned(proj, [], D(2011, 6, 30))
    assert item.verdict == "not_due"
    assert rates(item) == (2000, 6, 27, None)


def test_the_burn_up_draws_the_pace_a_step_at_the_deadline_and_says_which() -> None:
    proj = project({"min": 2000, "pace": "at_deadline"}, {"sum": "count"})
    printed = [{"date": D(2011, 5, 3), "activity": "print", "count": 500}]
    (chart,) = project_charts(proj, printed, D(2011, 7, 1)).charts
    assert isinstance(chart, BurnUp)
    assert [(point.date, point.value) for point in chart.expected] == [
        (D(2010, 12, 31), 0),
        (D(2011, 12, 30), 0),
        (D(2011, 12, 31), 2000),
    ]
    assert chart.forecast == ()  # nothing is due yet: no rate to carry on
    assert expected_legend(chart.pace, "en") == "expected pace: at the deadline"
    assert expected_legend(chart.pace, "hu") == "elvárt ütem: a határidőre"
    seasonal = project({"min": 300, "pace": {"from": D(2011, 3, 1), "monthly": SCHOOL_YEAR}})
    (curve,) = project_charts(seasonal, [], D(2011, 7, 1)).charts
    assert isinstance(curve, BurnUp)
    assert expected_legend(curve.pace, "en") == "expected pace: seasonal from 1 Mar 2011"
    assert [point.value for point in curve.expected][:4] == [0, 0, pytest.approx(37.5), 75]


def test_a_pace_from_a_day_in_words() -> None:
    pace = Pace("monthly", D(2011, 3, 1), tuple(SCHOOL_YEAR))
    assert pace_text(pace, "hu") == "szezonális 2011. márc. 1-jétől"
    assert pace_text(Pace("linear", D(2011, 9, 30)), "hu") == "egyenletes 2011. szept. 30-ától"
    assert pace_text(Pace("linear", D(2011, 9, 30)), "en") == "linear from 30 Sept 2011"
    assert pace_text(None, "en") == ""
