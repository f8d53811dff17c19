"""The status engine on small hand-made projects: every measure and target kind, figures by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from szaktar_cli.checks.workspace import load_workspace
from szaktar_cli.compute.aggregate import aggregate
from szaktar_cli.compute.judge import evaluate_project
from szaktar_cli.compute.pace import expected_at, period_series
from szaktar_cli.core.model import PROJECT_ADAPTER, Entry, Project
from szaktar_cli.core.targets import indicator_window

D = dt.date



def value_of(
    proj: Project, indicator_id: str, entries: list[Entry], as_of: dt.date | None = None
) -> float | None:
    """The indicator's figure from the entries up to as-of (all of them without as-of)."""
    return aggregate(proj, entries, as_of).value(indicator_id)

def project(indicators: dict[str, Any], **fields: Any) -> Project:
    """A one-year project (2011) with a few activities and dimensions, and the given indicators."""
    data: dict[str, Any] = {
        "id": "t",
        "title": "Teszt",
        "start": D(2011, 1, 1),
        "end": D(2011, 12, 31),
        "activities": {
            name: {"name": name}
            for name in (
                "consultation",
                "supervision",
                "coaching",
                "training",
                "assessment",
                "enrolment",
            )
        },
        "dimensions": {
            "team": {
                "values": {
                    "T1": {"region": "Dél"},
                    "T2": {"region": "Dél"},
                    "T3": {"region": "Észak"},
                }
            },
            "region": {"values": ["Dél", "Észak"]},
            "area": {"values": ["action", "elsewhere"]},
        },
        "phases": {"first": {"name": "Első", "start": D(2011, 1, 1), "end": D(2011, 6, 30)}},
        "indicators": {
            name: {"name": name, "unit": spec.pop("unit", "hour"), **spec}
            for name, spec in indicators.items()
        },
    }
    data.update(fields)
    return PROJECT_ADAPTER.validate_python(data)


def entry(day: dt.date, activity: str, **fields: Any) -> Entry:
    return {"date": day, "activity": activity, **fields}  # type: ignore[return-value,typeddict-item]


def status_of(
    proj: Project, entries: list[Entry], as_of: dt.date, indicator: str, by: str | None = None
):
    result = evaluate_project(proj, entries, as_of, by=by)
    return next(item for item in result.indicators if item.id == indicator)


# --- measures -------------------------------------------------------------------------------------


def test_sum_over_two_activity_kinds_leaves_other_kinds_out():
    proj = project({"h": {"measure": {"sum": "hours", "activities": ["supervision", "coaching"]}}})
    entries = [
        entry(D(2011, 1, 3), "supervision", hours=2),
        entry(D(2011, 1, 4), "coaching", hours=1.5),
        entry(D(2011, 1, 5), "consultation", hours=10),
        entry(D(2011, 1, 6), "coaching"),  # no hours: adds nothing
    ]
    assert value_of(proj, "h", entries) == 3.5


def test_count_counts_entries_and_as_of_cuts_later_ones():
    proj = project(
        {"n": {"unit": "event", "measure": {"count": "entries", "activities": ["training"]}}}
    )
    entries = [entry(D(2011, 1, day), "training") for day in (3, 10, 17, 24, 31)]
    assert value_of(proj, "n", entries, D(2011, 1, 17)) == 3
    assert value_of(proj, "n", entries) == 5


def test_distinct_counts_each_value_once():
    proj = project({"p": {"unit": "person", "measure": {"distinct": "person"}}})
    entries = [
        entry(D(2011, 1, 3), "consultation", person="SZ-001"),
        entry(D(2011, 1, 4), "consultation", person="SZ-002"),
        entry(D(2011, 2, 4), "training", person="SZ-001"),
        entry(D(2011, 2, 5), "training"),  # no person: not counted
        entry(D(2011, 3, 5), "coaching", person="SZ-001"),
    ]
    aggregates = aggregate(proj, entries, D(2011, 12, 31))
    assert aggregates.value("p") == 2
    assert aggregates.value("p", D(2011, 2, 1), D(2011, 3, 31)) == 1
    assert aggregates.matched("p") == 5


def test_max_and_last():
    proj = project(
        {
            "largest": {"unit": "person", "measure": {"max": "participants"}},
            "latest": {"unit": "person", "measure": {"last": "participants"}},
        }
    )
    entries = [
        entry(D(2011, 3, 1), "training", participants=40),
        entry(D(2011, 1, 1), "training", participants=12),
        entry(D(2011, 3, 1), "training", participants=7),  # same day, later in the file: the last
        entry(D(2011, 2, 1), "training", participants=55),
        entry(D(2011, 4, 1), "training"),  # no participants: ignored
    ]
    aggregates = aggregate(proj, entries, D(2011, 12, 31))
    assert aggregates.value("largest") == 55
    assert aggregates.value("latest") == 7
    assert aggregates.value("latest", None, D(2011, 2, 28)) == 55
    assert aggregates.value("largest", D(2011, 5, 1), None) is None


def test_ratio_of_an_indicator_over_a_constant_and_over_an_indicator():
    proj = project(
        {
            "reached": {"unit": "person", "measure": {"distinct": "person"}},
            "trained": {
                "unit": "person",
                "measure": {"distinct": "person", "activities": ["training"]},
            },
            "reach_share": {
                "unit": "percent",
                "measure": {"ratio": {"numerator": "reached", "denominator": 8}},
            },
            "trained_share": {
                "unit": "percent",
                "measure": {"ratio": {"numerator": "trained", "denominator": "reached"}},
            },
        }
    )
    entries = [
        entry(D(2011, 1, 3), "consultation", person="A1"),
        entry(D(2011, 1, 4), "training", person="A2"),
        entry(D(2011, 1, 5), "training", person="A1"),
        entry(D(2011, 1, 6), "consultation", person="A3"),
        entry(D(2011, 1, 7), "consultation", person="A4"),
    ]
    aggregates = aggregate(proj, entries, D(2011, 12, 31))
    assert aggregates.value("reach_share") == 50.0  # 4 of 8
    assert aggregates.value("trained_share") == 50.0  # 2 of 4


def test_ratio_with_unknown_or_zero_denominator_is_unknown():
    proj = project(
        {
            "reached": {"unit": "person", "measure": {"distinct": "person"}},
            "unknown_share": {
                "unit": "percent",
                "target": {"min": 30},
                "measure": {
                    "ratio": {"numerator": "reached", "denominator": {"unknown": "nincs adat"}}
                },
            },
            "zero_share": {
                "unit": "percent",
                "target": {"min": 30},
                "measure": {"ratio": {"numerator": "reached", "denominator": 0}},
            },
            "empty": {
                "unit": "person",
                "measure": {"count": "entries", "activities": ["assessment"]},
            },
            "over_empty": {
                "unit": "percent",
                "measure": {"ratio": {"numerator": "reached", "denominator": "empty"}},
            },
        }
    )
    entries = [entry(D(2011, 1, 3), "consultation", person="A1")]
    unknown = status_of(proj, entries, D(2011, 6, 30), "unknown_share")
    assert (unknown.actual, unknown.status, unknown.note, unknown.percent) == (
        None,
        "unknown",
        "denominator_unknown",
        None,
    )
    zero = status_of(proj, entries, D(2011, 6, 30), "zero_share")
    assert (zero.actual, zero.status, zero.note) == (None, "unknown", "denominator_zero")
    over_empty = status_of(proj, entries, D(2011, 6, 30), "over_empty")
    assert (over_empty.actual, over_empty.status, over_empty.note) == (
        None,
        "no_target",
        "denominator_zero",
    )
    # after the deadline too: an unknown share is never called missed
    assert status_of(proj, entries, D(2012, 6, 30), "unknown_share").status == "unknown"


def test_composition_shares_by_participants_and_by_entries():
    proj = project(
        {
            "by_people": {
                "unit": "percent",
                "measure": {"composition": {"dimension": "area", "value": "action"}},
            },
            "by_entries": {
                "unit": "percent",
                "measure": {
                    "composition": {"dimension": "area", "value": "action", "weight": "entries"},
                    "activities": ["enrolment"],
                },
            },
        }
    )
    entries = [
        entry(D(2011, 1, 3), "enrolment", area="action", participants=30),
        entry(D(2011, 1, 4), "enrolment", area="elsewhere", participants=10),
        entry(D(2011, 1, 5), "enrolment", participants=5),  # area not recorded: outside the share
        entry(D(2011, 1, 6), "enrolment", area="action"),  # no participants: weight 0 (1 entry)
    ]
    aggregates = aggregate(proj, entries, D(2011, 12, 31))
    assert aggregates.value("by_people") == 75.0  # 30 of 40
    assert aggregates.value("by_entries") == pytest.approx(
        200 / 3
    )  # 2 of 3 entries that record the area


def test_where_phase_and_an_attribute_of_another_dimension():
    proj = project(
        {
            "south": {"unit": "event", "measure": {"count": "entries", "where": {"region": "Dél"}}},
            "t1_or_t3": {
                "unit": "event",
                "measure": {"count": "entries", "where": {"team": ["T1", "T3"]}},
            },
            "first_half": {"unit": "event", "measure": {"count": "entries", "phase": "first"}},
        }
    )
    entries = [
        entry(D(2011, 1, 3), "supervision", team="T1"),  # region Dél through the team
        entry(D(2011, 6, 30), "supervision", team="T2"),  # last day of the phase
        entry(D(2011, 7, 1), "supervision", team="T3"),  # Észak; after the phase
        entry(D(2011, 8, 1), "supervision", region="Dél"),
    ]
    aggregates = aggregate(proj, entries, D(2011, 12, 31))
    assert aggregates.value("south") == 3
    assert aggregates.value("t1_or_t3") == 2
    assert aggregates.value("first_half") == 2


def test_deliverable_is_done_by_its_first_entry():
    proj = project(
        {
            "done": {
                "unit": "item",
                "target": {"min": 1},
                "measure": {"deliverable": True, "activities": ["assessment"]},
            }
        }
    )
    entries = [
        entry(D(2011, 5, 10), "assessment", evidence="IK-1"),
        entry(D(2011, 9, 1), "assessment"),
    ]
    before = status_of(proj, entries, D(2011, 5, 9), "done")
    # a deliverable is due at the deadline (its default pace, at_deadline)
    assert (before.actual, before.status, before.done_on) == (0, "not_due", None)
    after = status_of(proj, entries, D(2011, 5, 10), "done")
    assert (after.actual, after.status, after.done_on, after.percent) == (
        1,
        "met",
        D(2011, 5, 10),
        100.0,
    )
    assert status_of(proj, [], D(2012, 1, 1), "done").status == "missed"


# --- cumulative targets: pace, forecast, status ---------------------------------------------------


HOURS = {
    "hours": {"measure": {"sum": "hours", "activities": ["consultation"]}, "target": {"min": 365}}
}


def hours_on(*days_and_hours: tuple[dt.date, float]) -> list[Entry]:
    return [entry(day, "consultation", hours=hours) for day, hours in days_and_hours]


def test_linear_pace_and_forecast_by_hand():
    proj = project(HOURS)
    item = status_of(proj, hours_on((D(2011, 1, 10), 28)), D(2011, 1, 31), "hours")
    assert item.expected_to_date == 31  # 365 × 31/365
    assert item.forecast == pytest.approx(28 * 365 / 31)
    assert item.percent == pytest.approx(100 * 28 / 365)
    assert item.status == "on_track"  # 28 ≥ 0.9 × 31 = 27.9
    assert (
        status_of(proj, hours_on((D(2011, 1, 10), 27.9)), D(2011, 1, 31), "hours").status
        == "on_track"
    )
    assert (
        status_of(proj, hours_on((D(2011, 1, 10), 27.8)), D(2011, 1, 31), "hours").status
        == "behind"
    )


def test_no_actuals_mid_project_is_behind_and_missed_after_the_end():
    proj = project(HOURS)
    mid = status_of(proj, [], D(2011, 7, 1), "hours")
    assert (mid.actual, mid.status, mid.expected_to_date) == (0, "behind", 182)
    after = status_of(proj, [], D(2012, 1, 1), "hours")
    assert (after.status, after.forecast) == ("missed", 0)


def test_as_of_before_the_start():
    proj = project(HOURS)
    item = status_of(proj, [], D(2010, 12, 31), "hours")
    assert (item.status, item.expected_to_date, item.forecast) == ("not_started", 0, None)


def test_a_minimum_reached_early_is_met_and_after_the_end_the_deadline_value_counts():
    proj = project(HOURS)
    entries = hours_on((D(2011, 3, 1), 300), (D(2011, 4, 1), 65))
    assert status_of(proj, entries, D(2011, 4, 1), "hours").status == "met"
    late = hours_on((D(2011, 3, 1), 300), (D(2012, 1, 5), 65))
    item = status_of(proj, late, D(2012, 2, 1), "hours")
    assert (item.actual, item.status, item.forecast) == (365, "missed", 300)


def test_explicit_deadline_and_schedule_checkpoints():
    proj = project(
        {
            "hours": {
                "measure": {"sum": "hours"},
                "target": {
                    "min": 300,
                    "by": D(2011, 10, 31),
                    "schedule": [{"date": D(2011, 1, 31), "min": 100}],
                },
            }
        }
    )
    assert indicator_window(proj, "hours") == (D(2011, 1, 1), D(2011, 10, 31))
    assert expected_at(proj, "hours", D(2011, 1, 31)) == 100
    assert expected_at(proj, "hours", D(2011, 1, 15)) == pytest.approx(100 * 15 / 31)
    # from 100 on 31 Jan to 300 on 31 Oct (273 days): 28 Feb is 28 days in
    assert expected_at(proj, "hours", D(2011, 2, 28)) == pytest.approx(100 + 200 * 28 / 273)
    assert expected_at(proj, "hours", D(2011, 11, 30)) == 300


def test_unknown_start_leaves_the_pace_unknown():
    proj = project(HOURS, start={"unknown": "nem ismert"})
    item = status_of(proj, hours_on((D(2011, 3, 1), 100)), D(2011, 6, 30), "hours")
    assert (item.status, item.note, item.expected_to_date, item.forecast) == (
        "unknown",
        "pace_unknown",
        None,
        None,
    )
    assert status_of(proj, [], D(2011, 6, 30), "hours").status == "not_started"
    assert status_of(proj, hours_on((D(2011, 3, 1), 400)), D(2011, 6, 30), "hours").status == "met"
    assert (
        status_of(proj, hours_on((D(2011, 3, 1), 100)), D(2012, 1, 1), "hours").status == "missed"
    )


def test_maximum_of_a_growing_figure_is_missed_as_soon_as_it_is_passed():
    proj = project({"cost": {"unit": "HUF", "measure": {"sum": "value"}, "target": {"max": 1000}}})
    within = [entry(D(2011, 2, 1), "training", value=600)]
    assert status_of(proj, within, D(2011, 3, 1), "cost").status == "on_track"
    assert status_of(proj, within, D(2012, 1, 1), "cost").status == "met"
    over = [*within, entry(D(2011, 3, 1), "training", value=500)]
    assert status_of(proj, over, D(2011, 3, 1), "cost").status == "missed"


def test_share_targets_hold_or_not_until_the_deadline():
    proj = project(
        {
            "action": {
                "unit": "percent",
                "target": {"min": 75},
                "measure": {"composition": {"dimension": "area", "value": "action"}},
            },
            "elsewhere": {
                "unit": "percent",
                "target": {"max": 25},
                "measure": {"composition": {"dimension": "area", "value": "elsewhere"}},
            },
        }
    )
    entries = [
        entry(D(2011, 1, 3), "enrolment", area="action", participants=7),
        entry(D(2011, 1, 4), "enrolment", area="elsewhere", participants=3),
    ]
    action = status_of(proj, entries, D(2011, 6, 30), "action")
    assert (action.actual, action.status, action.percent) == (
        70,
        "behind",
        pytest.approx(70 / 75 * 100),
    )
    assert (
        status_of(proj, entries, D(2011, 6, 30), "elsewhere").status == "behind"
    )  # 30% > 25%, can recover
    assert status_of(proj, entries, D(2012, 1, 1), "elsewhere").status == "missed"
    more = [*entries, entry(D(2011, 2, 1), "enrolment", area="action", participants=10)]
    assert (
        status_of(proj, more, D(2011, 6, 30), "action").status == "on_track"
    )  # 85%: holds, not final
    assert status_of(proj, more, D(2011, 6, 30), "elsewhere").status == "on_track"  # 15%
    assert status_of(proj, more, D(2012, 1, 1), "action").status == "met"
    assert status_of(proj, [], D(2011, 6, 30), "action").status == "not_started"


def test_largest_attendance_is_a_level_without_pace():
    proj = project(
        {
            "closing": {
                "unit": "person",
                "target": {"min": 400},
                "measure": {"max": "participants", "activities": ["training"]},
            }
        }
    )
    assert status_of(proj, [], D(2011, 6, 30), "closing").status == "not_started"
    small = [entry(D(2011, 6, 1), "training", participants=350)]
    item = status_of(proj, small, D(2011, 6, 30), "closing")
    assert (item.status, item.expected_to_date, item.forecast) == ("behind", None, None)
    big = [*small, entry(D(2011, 6, 2), "training", participants=420)]
    assert status_of(proj, big, D(2011, 6, 30), "closing").status == "met"


def test_phase_indicator_is_judged_at_the_phase_end():
    proj = project(
        {
            "p1": {
                "unit": "event",
                "target": {"min": 2},
                "measure": {"count": "entries", "activities": ["training"], "phase": "first"},
            }
        }
    )
    entries = [entry(D(2011, 3, 1), "training"), entry(D(2011, 7, 1), "training")]
    item = status_of(proj, entries, D(2011, 8, 1), "p1")
    assert (item.deadline, item.actual, item.status) == (D(2011, 6, 30), 1, "missed")
    assert status_of(proj, entries, D(2011, 4, 1), "p1").expected_to_date == pytest.approx(
        2 * 91 / 181
    )


# --- rate targets ---------------------------------------------------------------------------------


MONTHLY = {
    "training": {
        "measure": {"sum": "hours", "activities": ["training"]},
        "target": {"min": 8, "per": "month"},
    }
}


def test_monthly_rate_with_the_current_month_in_progress():
    proj = project(MONTHLY)
    entries = [
        entry(D(2011, 1, 31), "training", hours=8),
        entry(D(2011, 2, 28), "training", hours=6),
        entry(D(2011, 3, 2), "training", hours=2),
    ]
    item = status_of(proj, entries, D(2011, 3, 15), "training")
    assert [(p.period, p.actual, p.state) for p in item.periods] == [
        ("2011-01", 8, "met"),
        ("2011-02", 6, "missed"),
        ("2011-03", 2, "in_progress"),
    ]
    assert [p.met for p in item.periods] == [True, False, None]
    assert item.periods[2].in_progress
    assert (item.actual, item.status, item.percent) == (16, "behind", 50.0)
    assert [cell.period for cell in item.shortfalls()] == ["2011-02"]


def test_a_period_ending_on_as_of_is_judged():
    proj = project(
        {
            "q": {
                "unit": "event",
                "measure": {"count": "entries"},
                "target": {"min": 1, "per": "quarter"},
            }
        }
    )
    entries = [entry(D(2011, 3, 31), "training")]  # last day of Q1
    item = status_of(proj, entries, D(2011, 3, 31), "q")
    assert [(p.period, p.actual, p.state) for p in item.periods] == [("2011-Q1", 1, "met")]
    assert item.status == "on_track"
    later = status_of(proj, entries, D(2011, 4, 1), "q")
    assert [(p.period, p.actual, p.state) for p in later.periods] == [
        ("2011-Q1", 1, "met"),
        ("2011-Q2", 0, "in_progress"),
    ]


def test_leap_day_counts_in_february():
    proj = project(MONTHLY, start=D(2012, 1, 1), end=D(2012, 12, 31))
    entries = [entry(D(2012, 2, 29), "training", hours=8)]
    item = status_of(proj, entries, D(2012, 3, 1), "training")
    assert [(p.period, p.actual, p.state) for p in item.periods] == [
        ("2012-01", 0, "missed"),
        ("2012-02", 8, "met"),
        ("2012-03", 0, "in_progress"),
    ]


def test_partial_periods_at_both_ends_are_not_judged():
    proj = project(
        {
            "y": {
                "unit": "event",
                "target": {"min": 3, "per": "year"},
                "measure": {"count": "entries", "phase": "p1"},
            }
        },
        start=D(2017, 10, 1),
        end=D(2020, 12, 31),
        phases={"p1": {"name": "1", "start": D(2017, 10, 1), "end": D(2019, 1, 31)}},
    )
    entries = [
        entry(D(2017, 11, 1), "training"),
        entry(D(2018, 3, 1), "training"),
        entry(D(2018, 6, 1), "training"),
        entry(D(2018, 9, 1), "training"),
    ]
    item = status_of(proj, entries, D(2019, 6, 1), "y")
    assert [(p.period, p.actual, p.state) for p in item.periods] == [
        ("2017", 1, "partial"),
        ("2018", 3, "met"),
        ("2019", 0, "partial"),
    ]
    assert (item.status, item.percent) == ("met", 100.0)


def test_rate_target_after_the_end_with_a_missed_period_is_missed():
    proj = project(MONTHLY, end=D(2011, 2, 28))
    entries = [entry(D(2011, 1, 5), "training", hours=8)]
    assert status_of(proj, entries, D(2011, 2, 10), "training").status == "on_track"
    item = status_of(proj, entries, D(2011, 6, 1), "training")
    assert [p.period for p in item.periods] == ["2011-01", "2011-02"]
    assert item.status == "missed"
    assert status_of(proj, [], D(2010, 12, 1), "training").status == "not_started"


# --- per-group targets ----------------------------------------------------------------------------


def test_every_declared_team_must_meet_the_monthly_target_and_a_silent_team_fails():
    proj = project(
        {
            "sup": {
                "unit": "meeting",
                "measure": {"count": "entries", "activities": ["supervision"]},
                "target": {"min": 1, "per": "month", "per_group": "team"},
            }
        }
    )
    entries = [
        entry(D(2011, 1, 10), "supervision", team="T1"),
        entry(D(2011, 1, 11), "supervision", team="T2"),
        entry(D(2011, 2, 10), "supervision", team="T1"),
        entry(D(2011, 2, 11), "supervision", team="T1"),
        entry(D(2011, 2, 12), "supervision"),
    ]  # no team: counts in the total only
    item = status_of(proj, entries, D(2011, 2, 28), "sup")
    assert [(g.group, g.period, g.actual, g.state) for g in item.groups] == [
        ("T1", "2011-01", 1, "met"),
        ("T2", "2011-01", 1, "met"),
        ("T3", "2011-01", 0, "missed"),
        ("T1", "2011-02", 2, "met"),
        ("T2", "2011-02", 0, "missed"),
        ("T3", "2011-02", 0, "missed"),
    ]
    assert [(p.period, p.actual, p.state) for p in item.periods] == [
        ("2011-01", 2, "missed"),
        ("2011-02", 3, "missed"),
    ]
    assert [(c.group, c.period) for c in item.shortfalls()] == [
        ("T3", "2011-01"),
        ("T2", "2011-02"),
        ("T3", "2011-02"),
    ]
    assert (item.actual, item.status, item.percent) == (5, "behind", 50.0)


def test_groups_are_the_observed_values_when_the_dimension_declares_none():
    proj = project(
        {"per_place": {"measure": {"sum": "hours"}, "target": {"min": 10, "per_group": "place"}}}
    )
    entries = [
        entry(D(2011, 1, 10), "training", place="Szeged", hours=12),
        entry(D(2011, 1, 11), "training", place="Makó", hours=4),
    ]
    item = status_of(proj, entries, D(2011, 12, 1), "per_place")
    assert [(g.group, g.period, g.actual, g.state) for g in item.groups] == [
        ("Makó", None, 4, "behind"),
        ("Szeged", None, 12, "met"),
    ]
    assert (item.status, item.percent) == ("behind", 50.0)
    done = status_of(proj, entries, D(2012, 1, 1), "per_place")
    assert [g.state for g in done.groups] == ["missed", "met"]
    assert done.status == "missed"


def test_per_group_through_an_attribute():
    proj = project(
        {
            "regions": {
                "unit": "event",
                "measure": {"count": "entries"},
                "target": {"min": 1, "per": "quarter", "per_group": "region"},
            }
        }
    )
    entries = [
        entry(D(2011, 2, 1), "supervision", team="T1"),
        entry(D(2011, 2, 2), "supervision", team="T3"),
    ]
    item = status_of(proj, entries, D(2011, 3, 31), "regions")
    assert [(g.group, g.actual, g.state) for g in item.groups] == [
        ("Dél", 1, "met"),
        ("Észak", 1, "met"),
    ]


# --- breakdowns -----------------------------------------------------------------------------------


def test_breakdown_parts_add_up_to_the_total():
    proj = project(
        {
            "hours": {"measure": {"sum": "hours"}},
            "people": {"unit": "person", "measure": {"distinct": "person"}},
        }
    )
    entries = [
        entry(D(2011, 1, 10), "training", county="Békés", hours=3, person="A"),
        entry(D(2011, 1, 11), "training", county="Csongrád", hours=2, person="A"),
        entry(D(2011, 1, 12), "training", hours=1.5, person="B"),
        entry(D(2011, 1, 13), "training", county="Békés", hours=1, person="B"),
    ]
    hours = status_of(proj, entries, D(2011, 2, 1), "hours", by="county")
    assert hours.breakdown is not None
    assert [(i.value, i.actual) for i in hours.breakdown.items] == [
        ("Békés", 4),
        ("Csongrád", 2),
        (None, 1.5),
    ]
    assert sum(i.actual or 0 for i in hours.breakdown.items) == hours.actual == 7.5
    people = status_of(proj, entries, D(2011, 2, 1), "people", by="county")
    assert people.breakdown is not None
    # a person seen in two counties counts in each: the parts may add up to more than the total
    assert [(i.value, i.actual) for i in people.breakdown.items] == [
        ("Békés", 2),
        ("Csongrád", 1),
        (None, 1),
    ]
    assert people.actual == 2


def test_breakdown_lists_declared_values_without_entries():
    proj = project({"n": {"unit": "event", "measure": {"count": "entries"}}})
    item = status_of(
        proj, [entry(D(2011, 1, 10), "training", team="T2")], D(2011, 2, 1), "n", by="team"
    )
    assert item.breakdown is not None
    assert [(i.value, i.actual) for i in item.breakdown.items] == [("T1", 0), ("T2", 1), ("T3", 0)]


# --- series ---------------------------------------------------------------------------------------


def test_month_series_cumulative_and_expected():
    proj = project(HOURS)
    entries = hours_on((D(2011, 1, 10), 20), (D(2011, 3, 1), 40), (D(2011, 3, 20), 5))
    aggregates = aggregate(proj, entries, D(2011, 3, 15))
    series = period_series(aggregates, "hours", "month", D(2011, 1, 1), D(2011, 3, 15))
    assert [(p.period, p.value, p.cumulative) for p in series] == [
        ("2011-01", 20, 20),
        ("2011-02", 0, 20),
        ("2011-03", 40, 60),
    ]
    assert [p.expected for p in series] == [31, 59, 90]


def test_period_series_for_a_quarter_range():
    proj = project(HOURS)
    entries = hours_on((D(2011, 1, 10), 20), (D(2011, 5, 1), 40))
    aggregates = aggregate(proj, entries, D(2011, 12, 31))
    series = period_series(aggregates, "hours", "quarter", D(2011, 1, 1), D(2011, 6, 30))
    assert [(p.period, p.value, p.cumulative) for p in series] == [
        ("2011-Q1", 20, 20),
        ("2011-Q2", 40, 60),
    ]


# --- the bundled Szociális Háló log ---------------------------------------------------------------


@pytest.fixture(scope="module")
def halo():
    workspace = load_workspace([Path(__file__).parent.parent / "projects" / "szocialis-halo"])
    loaded = workspace.projects[0]
    assert loaded.project is not None
    return loaded.project, loaded.entries()


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        # 2009-10-19 network building 11, 2009-11-27 lecture 40, 2009-12-15 conference 55
        (
            D(2009, 12, 31),
            {
                "participations": 106,
                "events_held": 3,
                "round_table_meetings": 0,
                "round_table_participants": 0,
                "lectures": 1,
            },
        ),
        # + 2010-01-27 lecture 22, 2010-02-22 round table 7 (the forum of 02-24 comes later)
        (
            D(2010, 2, 23),
            {
                "participations": 135,
                "events_held": 5,
                "round_table_meetings": 1,
                "round_table_participants": 7,
                "lectures": 2,
            },
        ),
        # + forum (no count), round tables 03-02 (10) and 03-30 (10)
        (
            D(2010, 3, 31),
            {
                "participations": 155,
                "events_held": 8,
                "round_table_meetings": 3,
                "round_table_participants": 27,
                "lectures": 2,
            },
        ),
        # the whole log: + 04-14 rt 8, 04-28 lecture 23, 05-26 rt 8 and a lecture (no count),
        # 06-18 rt 11
        (
            D(2010, 6, 30),
            {
                "participations": 205,
                "events_held": 13,
                "round_table_meetings": 6,
                "round_table_participants": 54,
                "lectures": 4,
                "lecture_participants": 85,
                "conferences": 1,
                "distinct_partners": 1,
            },
        ),
    ],
)
def test_szocialis_halo_log(halo, as_of, expected):
    proj, entries = halo
    result = evaluate_project(proj, entries, as_of)
    actual = {item.id: item.actual for item in result.indicators if item.id in expected}
    assert actual == expected
    assert {item.status for item in result.indicators} == {"no_target"}


def test_periods_start_at_the_first_entry_when_the_start_is_unknown():
    proj = project(MONTHLY, start={"unknown": "nem ismert"})
    entries = [entry(D(2011, 3, 5), "training", hours=9), entry(D(2011, 5, 5), "training", hours=9)]
    item = status_of(proj, entries, D(2011, 5, 20), "training")
    assert [(p.period, p.actual, p.state) for p in item.periods] == [
        ("2011-03", 9, "met"),
        ("2011-04", 0, "missed"),
        ("2011-05", 9, "in_progress"),
    ]
    assert item.status == "behind"
    assert status_of(proj, [], D(2011, 5, 20), "training").periods == ()


def test_one_pass_serves_any_range_and_dimension():
    proj = project({"hours": {"measure": {"sum": "hours"}}})
    entries = [
        entry(D(2011, 1, 31), "training", hours=1, county="Békés"),
        entry(D(2011, 2, 1), "training", hours=2, county="Békés"),
        entry(D(2011, 2, 2), "training", hours=4),
    ]
    aggregates = aggregate(proj, entries, D(2011, 12, 31), ("county",))
    assert aggregates.value("hours", D(2011, 2, 1), D(2011, 2, 28)) == 6
    assert aggregates.value("hours", None, D(2011, 1, 31)) == 1
    assert aggregates.value("hours", D(2011, 2, 1), None, dimension="county", group="Békés") == 2
    assert aggregates.value("hours", dimension="county", group=None) == 4
    assert aggregates.group_keys("hours", "county") == ["Békés", None]
    assert aggregates.first_day("hours") == D(2011, 1, 31)
