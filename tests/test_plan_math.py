"""planning.py: time left, rates needed and the plan of a project, every figure computed by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from szaktar_cli.compute.planning import (
    BestMonth,
    PlanItem,
    TimeLeft,
    best_month,
    need,
    plan_project,
    time_left,
)
from szaktar_cli.core.model import ENTRIES_ADAPTER, PROJECT_ADAPTER, Entry, Project

D = dt.date


@pytest.mark.parametrize(
    ("as_of", "deadline", "start", "expected"),
    [
        # 2011-11-16 … 2012-08-31: 15 + 31 + 31 + 29 + 31 + 30 + 31 + 30 + 31 + 31 = 290 days,
        # November to August = 10 months, 290 / 7 = 41.4 → 42 weeks
        (D(2011, 11, 15), D(2012, 8, 31), None, TimeLeft(290, 10, 42)),
        # deadline in the current month: 16 … 30 November = 15 days, 1 month, 3 weeks
        (D(2011, 11, 15), D(2011, 11, 30), None, TimeLeft(15, 1, 3)),
        # as-of on a month's last day: December and January = 62 days, 2 months, 9 weeks
        (D(2011, 11, 30), D(2012, 1, 31), None, TimeLeft(62, 2, 9)),
        # deadline today or passed: no time left
        (D(2011, 11, 30), D(2011, 11, 30), None, TimeLeft(0, 0, 0)),
        (D(2011, 12, 1), D(2011, 11, 30), None, TimeLeft(0, 0, 0)),
        # before the start: only 2011-03-01 … 2011-12-31 can be used = 306 days, 10 months,
        # 306 / 7 = 43.7 → 44 weeks
        (D(2011, 1, 15), D(2011, 12, 31), D(2011, 3, 1), TimeLeft(306, 10, 44)),
    ],
)
def test_time_left(
    as_of: dt.date, deadline: dt.date, start: dt.date | None, expected: TimeLeft
) -> None:
    assert time_left(as_of, deadline, start) == expected


def test_rate_needed() -> None:
    # 3000 consultation hours, 1236 done by 2011-11-15, deadline 2012-08-31:
    # 1764 remaining / 10 months = 176.4 a month; / 42 weeks = 42 a week
    needed = need(3000, 1236, TimeLeft(290, 10, 42))
    assert needed.remaining == 1764
    assert needed.per_month == pytest.approx(176.4)
    assert needed.per_week == pytest.approx(42.0)


def test_rate_needed_with_the_deadline_in_the_current_month() -> None:
    # 64 training hours a month, 40 done, 15 days (3 weeks) left: all 24 this month, 8 a week
    needed = need(64, 40, time_left(D(2011, 11, 15), D(2011, 11, 30)))
    assert (needed.remaining, needed.per_month, needed.per_week) == (24, 24, 8)


def test_target_already_met_needs_nothing() -> None:
    needed = need(25, 31, TimeLeft(290, 10, 42))
    assert (needed.remaining, needed.per_month, needed.per_week) == (0, 0, 0)


def test_no_time_left_has_no_rate() -> None:
    needed = need(25, 20, TimeLeft(0, 0, 0))
    assert (needed.remaining, needed.per_month, needed.per_week) == (5, None, None)


def test_best_month_is_the_largest_growth() -> None:
    # cumulative 3, 3, 10, (nothing), 12: grew by 3, 0, 7, 0, 2
    series = [
        ("2011-01", 3.0),
        ("2011-02", 3.0),
        ("2011-03", 10.0),
        ("2011-04", None),
        ("2011-05", 12.0),
    ]
    assert best_month(series) == BestMonth("2011-03", 7.0)
    assert best_month([("2011-01", 0.0)]) is None


# --- the plan of a project -----------------------------------------------------------------------


def project() -> Project:
    return PROJECT_ADAPTER.validate_python(
        {
            "id": "plan-demo",
            "title": "Tervezés",
            "start": "2011-01-01",
            "end": "2011-12-31",
            "activities": {
                "consultation": {"name": "Konzultáció"},
                "supervision": {"name": "Szupervízió"},
            },
            "dimensions": {"team": {"values": ["T1", "T2"]}},
            "indicators": {
                "hours": {
                    "name": "Órák",
                    "unit": "hour",
                    "measure": {"sum": "hours", "activities": ["consultation"]},
                    "target": {"min": 100},
                },
                "hours_by_june": {
                    "name": "Órák júniusig",
                    "unit": "hour",
                    "measure": {"sum": "hours", "activities": ["consultation"]},
                    "target": {"min": 400, "by": "2011-06-30"},
                },
                "hours_met": {
                    "name": "Órák (teljesült)",
                    "unit": "hour",
                    "measure": {"sum": "hours", "activities": ["consultation"]},
                    "target": {"min": 40},
                },
                "supervision_per_team": {
                    "name": "Szupervízió csapatonként",
                    "unit": "event",
                    "measure": {"count": "entries", "activities": ["supervision"]},
                    "target": {"min": 1, "per": "month", "per_group": "team"},
                },
            },
        }
    )


def entries() -> list[Entry]:
    return ENTRIES_ADAPTER.validate_python(
        [
            {"date": "2011-01-10", "activity": "consultation", "hours": 10},
            {"date": "2011-02-10", "activity": "consultation", "hours": 30},
            {"date": "2011-03-02", "activity": "consultation", "hours": 5},
            {"date": "2011-03-02", "activity": "supervision", "team": "T1"},
        ]
    )


def items_by_id(as_of: dt.date) -> dict[str, list[PlanItem]]:
    plan = plan_project(project(), entries(), as_of)
    found: dict[str, list[PlanItem]] = {}
    for item in plan.items:
        found.setdefault(item.indicator, []).append(item)
    return found


def test_plan_of_cumulative_targets() -> None:
    plan = plan_project(project(), entries(), D(2011, 3, 15))
    assert plan.clear == 1  # hours_met: 45 ≥ 40, not listed
    items = {item.indicator: item for item in plan.items if item.group is None}
    # 45 done; 2011-03-16 … 12-31 = 291 days, March…December = 10 months, 42 weeks:
    # 55 / 10 = 5.5 a month, 55 / 42 a week; the best month so far is February (30)
    hours = items["hours"]
    assert (hours.actual, hours.verdict, hours.deadline) == (45, "needed", D(2011, 12, 31))
    assert hours.need is not None
    assert (hours.need.remaining, hours.need.left) == (55, TimeLeft(291, 10, 42))
    assert hours.need.per_month == pytest.approx(5.5)
    assert hours.need.per_week == pytest.approx(55 / 42)
    assert hours.best == BestMonth("2011-02", 30)
    # 400 by 2011-06-30: 355 in 107 days, March…June = 4 months: 88.75 a month > 30: unreachable
    by_june = items["hours_by_june"]
    assert by_june.verdict == "unreachable"
    assert by_june.need is not None
    assert by_june.need.remaining == 355
    assert by_june.need.left == TimeLeft(107, 4, 16)
    assert by_june.need.per_month == pytest.approx(88.75)


def test_plan_after_the_deadline_is_missed() -> None:
    by_june = items_by_id(D(2011, 7, 1))["hours_by_june"]
    assert [(item.verdict, item.actual, item.need) for item in by_june] == [("missed", 45, None)]


def test_groups_at_risk_in_the_open_month() -> None:
    # March: T1 had its supervision on 2011-03-02, T2 none yet; 16 days (3 weeks) left
    (t2,) = items_by_id(D(2011, 3, 15))["supervision_per_team"]
    assert (t2.group, t2.period, t2.verdict, t2.actual, t2.deadline) == (
        "T2",
        "2011-03",
        "at_risk",
        0,
        D(2011, 3, 31),
    )
    assert t2.need is not None
    assert (t2.need.remaining, t2.need.left, t2.need.per_month) == (1, TimeLeft(16, 1, 3), 1)
    assert t2.need.per_week == pytest.approx(1 / 3)


def test_on_a_months_last_day_the_next_month_is_open() -> None:
    # as of 2011-03-31 March is judged (status); April is open and nobody has had supervision
    items = items_by_id(D(2011, 3, 31))["supervision_per_team"]
    assert [(item.group, item.period, item.need.left if item.need else None) for item in items] == [
        ("T1", "2011-04", TimeLeft(30, 1, 5)),
        ("T2", "2011-04", TimeLeft(30, 1, 5)),
    ]
