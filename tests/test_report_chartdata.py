"""The data behind the report's charts (chartdata.py): figures checked by hand, then goldens.

The projects under tests/data/report/ are small and made for this; their numbers are chosen
so that every figure below can be worked out on paper. The goldens in tests/golden/report/
hold the data of every chart of each project (not pixels); regenerate them after a
deliberate change with `SZAKTAR_UPDATE_GOLDEN=1 pytest tests/test_report_chartdata.py` and
read the diff.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from golden import golden_text
from szaktar_cli.checks.workspace import load_workspace
from szaktar_cli.compute.aggregate import aggregate
from szaktar_cli.compute.charts import (
    Bars,
    BreakdownBars,
    BurnUp,
    CheckpointMark,
    GroupGrid,
    Point,
    ProjectCharts,
    Share,
    as_json,
    burnup,
    indicator_chart,
    portfolio,
    project_charts,
)
from szaktar_cli.compute.judge import evaluate_indicator
from szaktar_cli.core.targets import Pace
from szaktar_cli.read.loader import LoadedProject

DATA = Path(__file__).parent / "data" / "report"
GOLDEN = Path(__file__).parent / "golden" / "report"
AS_OF = dt.date(2011, 6, 15)


def _loaded(project_id: str) -> LoadedProject:
    workspace = load_workspace([DATA], AS_OF, only=[project_id])
    assert not workspace.has_errors()
    return workspace.projects[0]


def _charts(project_id: str, as_of: dt.date = AS_OF) -> ProjectCharts:
    loaded = _loaded(project_id)
    assert loaded.project is not None
    return project_charts(loaded.project, loaded.entries(), as_of)


def _chart(charts: ProjectCharts, indicator_id: str) -> object:
    return next(chart for chart in charts.charts if chart.indicator_id == indicator_id)


def test_burnup_by_hand() -> None:
    chart = _chart(_charts("del-alfold-mini"), "consultation_hours")
    assert isinstance(chart, BurnUp)
    # 30 hours a month from October to May (10 + 10 in Csongrád, 10 in Békés), 10 on 10 June
    running = [0.0, 0, 30, 60, 90, 120, 150, 180, 210, 240, 250]
    days = [
        dt.date(2010, 8, 31),
        dt.date(2010, 9, 30),
        dt.date(2010, 10, 31),
        dt.date(2010, 11, 30),
        dt.date(2010, 12, 31),
        dt.date(2011, 1, 31),
        dt.date(2011, 2, 28),
        dt.date(2011, 3, 31),
        dt.date(2011, 4, 30),
        dt.date(2011, 5, 31),
        AS_OF,
    ]
    assert chart.actual == tuple(
        Point(day, value) for day, value in zip(days, running, strict=True)
    )
    # the pace: 0 the day before the start, the checkpoint (300 by 2011-08-31), the target
    assert chart.expected == (
        Point(dt.date(2010, 8, 31), 0.0),
        Point(dt.date(2011, 8, 31), 300.0),
        Point(dt.date(2012, 8, 31), 600.0),
    )
    assert chart.checkpoints == (CheckpointMark(dt.date(2011, 8, 31), 300.0, "not_due"),)
    # the forecast follows the schedule's pace: by 15 June (288 of the 365 days to the
    # checkpoint) the pace expects 300 × 288 / 365 of the 600 hours; 250 hours against that
    assert chart.forecast[0] == Point(AS_OF, 250)
    assert chart.forecast[1].date == dt.date(2012, 8, 31)
    assert chart.forecast[1].value == pytest.approx(250 * 600 / (300 * 288 / 365))
    assert chart.pace == Pace("schedule", declared=False)
    assert (chart.start, chart.end, chart.target_min) == (
        dt.date(2010, 8, 31),
        dt.date(2012, 8, 31),
        600,
    )


def test_period_bars_by_hand() -> None:
    chart = _chart(_charts("del-alfold-mini"), "training_hours_monthly")
    assert isinstance(chart, Bars)
    assert chart.axis == "period"
    assert chart.target_min == 16
    judged = [(bar.label, bar.value, bar.status) for bar in chart.bars[:10]]
    assert judged == [
        ("2010-09", 0, "missed"),
        ("2010-10", 16, "met"),
        ("2010-11", 24, "met"),
        ("2010-12", 8, "missed"),
        ("2011-01", 16, "met"),
        ("2011-02", 24, "met"),
        ("2011-03", 16, "met"),
        ("2011-04", 8, "missed"),
        ("2011-05", 16, "met"),
        ("2011-06", 8, "in_progress"),
    ]
    # July 2011 – August 2012: fourteen months still to come
    future = chart.bars[10:]
    assert [bar.label for bar in future[:2]] == ["2011-07", "2011-08"]
    assert len(future) == 14
    assert {(bar.value, bar.status) for bar in future} == {(None, "not_due")}


def test_group_grid_by_hand() -> None:
    chart = _chart(_charts("teams-grid"), "supervision_per_team")
    assert isinstance(chart, GroupGrid)
    assert len(chart.groups) == 25
    assert chart.groups[:3] == ("DD-01", "DD-02", "DD-03")  # the declared order
    assert chart.periods == tuple(f"2011-{month:02d}" for month in range(1, 13))
    # team number i (0-based) skips month m when (i + m) % 9 == 0, months 1 to 5
    missed = {
        (chart.groups[row], chart.periods[column])
        for row, states in enumerate(chart.statuses)
        for column, state in enumerate(states)
        if state == "missed"
    }
    expected = {
        (chart.groups[team], f"2011-{month:02d}")
        for month in range(1, 6)
        for team in range(25)
        if (team + month) % 9 == 0
    }
    assert missed == expected
    assert len(missed) == 13
    # June is in progress for everyone: of the first ten teams, all but DD-04 (3 + 6 = 9) have
    # had their session; the others' sessions are still ahead
    assert {states[5] for states in chart.statuses} == {"in_progress"}
    assert [values[5] for values in chart.values[:11]] == [1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 0]
    assert {states[6] for states in chart.statuses} == {"not_due"}


def test_breakdown_by_hand() -> None:
    charts = _charts("del-alfold-mini")
    by_county = next(
        c
        for c in charts.breakdowns
        if c.indicator_id == "consultation_hours" and c.dimension == "county"
    )
    assert by_county.items == (Share("Csongrád", 170), Share("Békés", 80))
    assert by_county.empty == ("Bács-Kiskun",)
    by_place = next(
        c
        for c in charts.breakdowns
        if c.indicator_id == "consultation_hours" and c.dimension == "place"
    )
    # largest first, then by name
    assert by_place.items == (Share("Szeged", 90), Share("Gyula", 80), Share("Szentes", 80))
    # only indicators with a target, and only sums, counts and distinct counts are split
    assert {(c.indicator_id, c.dimension) for c in charts.breakdowns} == {
        ("consultation_hours", "county"),
        ("consultation_hours", "place"),
        ("case_conferences", "county"),
        ("case_conferences", "place"),
    }


def test_which_indicators_get_a_chart() -> None:
    charts = _charts("del-alfold-mini")
    kinds = {chart.indicator_id: chart.kind for chart in charts.charts}
    # the tracked-only conference_participants gets none in the report
    assert kinds == {
        "consultation_hours": "burnup",
        "case_conferences": "burnup",
        "training_hours_monthly": "bars",
        "management_meetings": "bars",
    }


def test_tracked_indicator_gets_a_burnup_on_request() -> None:
    loaded = _loaded("del-alfold-mini")
    assert loaded.project is not None
    aggregates = aggregate(loaded.project, loaded.entries(), AS_OF)
    status = evaluate_indicator(aggregates, "conference_participants")
    assert indicator_chart(aggregates, status) is None
    chart = indicator_chart(aggregates, status, tracked=True)
    assert isinstance(chart, BurnUp)
    assert chart.target_min is None
    assert chart.expected == ()
    assert chart.actual[-1] == Point(AS_OF, 9 * 12)  # nine conferences of 12 people


def test_no_burnup_before_the_window_opens() -> None:
    loaded = _loaded("del-alfold-mini")
    assert loaded.project is not None
    early = dt.date(2010, 8, 1)
    aggregates = aggregate(loaded.project, loaded.entries(), early)
    assert burnup(aggregates, evaluate_indicator(aggregates, "consultation_hours")) is None


def test_after_the_deadline_the_actual_stops_at_the_deadline() -> None:
    late = dt.date(2013, 1, 10)
    chart = _chart(_charts("del-alfold-mini", late), "consultation_hours")
    assert isinstance(chart, BurnUp)
    assert chart.actual[-1] == Point(dt.date(2012, 8, 31), 250)
    assert chart.forecast == ()
    assert chart.end == late


def test_portfolio_groups_by_region() -> None:
    statuses = [_charts(name).status for name in ("teams-grid", "del-alfold-mini")]
    chart = portfolio(statuses)
    assert [(row.group, row.project_id) for row in chart.rows] == [
        ("Dél-Alföld", "del-alfold-mini"),
        ("országos", "teams-grid"),
    ]
    counts = dict(chart.rows[0].counts)
    assert counts == {
        "met": 0,
        "on_track": 2,
        "not_due": 0,
        "behind": 2,
        "missed": 0,
        "not_started": 0,
        "unknown": 0,
    }


def test_json_form_is_plain() -> None:
    chart = BreakdownBars("x", "hour", "county", (Share("Csongrád", 1 / 3),))
    assert as_json(chart) == {
        "indicator_id": "x",
        "unit": "hour",
        "dimension": "county",
        "items": [{"value": "Csongrád", "amount": 0.333333}],
        "empty": [],
        "kind": "breakdown",
    }


@pytest.mark.parametrize("project_id", ["del-alfold-mini", "teams-grid"])
def test_golden_chart_data(project_id: str) -> None:
    charts = _charts(project_id)
    data = {
        "project": project_id,
        "as_of": AS_OF.isoformat(),
        "charts": [as_json(chart) for chart in charts.charts],
        "breakdowns": [as_json(chart) for chart in charts.breakdowns],
    }
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    assert golden_text(GOLDEN / f"{project_id}.json", text) == text
