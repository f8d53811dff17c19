"""The rows `szaktar export` builds (export.py), checked against figures worked out by hand.

Input: tests/golden/export/projects (proba: consultations, monthly trainings, a negative
correction; masodik: a deliverable done in February 2011).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from szaktar_cli.checks.workspace import load_workspace
from szaktar_cli.cli.options import parse_month, parse_quarter
from szaktar_cli.compute.tables import ExportTable, entry_table, indicator_table
from szaktar_cli.core.periods import ReportPeriod, split_period
from szaktar_cli.render.export_cells import header

D = dt.date
PROJECTS = Path(__file__).parent / "golden" / "export" / "projects"
AS_OF = D(2011, 4, 15)
MARCH = parse_month("2011-03")


def _indicators(
    period: ReportPeriod,
    as_of: dt.date = AS_OF,
    *,
    per: str | None = None,
    wide: bool = False,
    lang: str = "en",
) -> ExportTable:
    workspace = load_workspace([PROJECTS], as_of)
    assert not workspace.has_errors()
    parts = split_period(period, per)  # type: ignore[arg-type]
    return indicator_table(workspace.projects, period, parts, as_of, lang, wide=wide)  # type: ignore[arg-type]


def _as_dicts(table: ExportTable) -> list[dict[str, object]]:
    return [
        dict(zip((column.key for column in table.columns), row, strict=True)) for row in table.rows
    ]


def test_march_figures_of_every_indicator() -> None:
    rows = {(row["project"], row["indicator"]): row for row in _as_dicts(_indicators(MARCH))}
    assert list(rows) == [
        ("masodik", "study_done"),
        ("proba", "consultation_hours"),
        ("proba", "training_hours_monthly"),
        ("proba", "participants"),
        ("proba", "balance"),
    ]
    consultation = rows["proba", "consultation_hours"]
    # March: 2.5 + 4 hours; to 31 March: 20 + 10 + 6.5. Target 100 by 2011-12-31: expected
    # 100 × 90/365 = 24.66 by 31 March, and 36.5 ≥ 0.9 × 24.66, so on track; 36.5 % of 100.
    assert consultation == {
        "project": "proba",
        "indicator": "consultation_hours",
        "indicator_name": "Consultation hours",
        "unit": "hour",
        "period": "2011-03",
        "actual": 6.5,
        "cumulative": 36.5,
        "target_min": 100,
        "target_max": None,
        "target_per": None,
        "target_periods": None,
        "target_partial": None,
        "target_amended": None,
        "target_original_min": None,
        "target_original_max": None,
        "pace": "linear",
        "percent": 36.5,
        "status": "on_track",
        "checkpoints_missed": None,
        "period_start": D(2011, 3, 1),
        "period_end": D(2011, 3, 31),
        "as_of": D(2011, 3, 31),
    }
    training = rows["proba", "training_hours_monthly"]
    # 8, 6, 8 hours in January–March against 8 a month: two of three months met, February missed.
    assert (
        training["actual"],
        training["cumulative"],
        training["target_min"],
        training["target_per"],
    ) == (
        8,
        22,
        8,
        "month",
    )
    assert (training["percent"], training["status"]) == (66.666667, "behind")
    participants = rows["proba", "participants"]
    assert (participants["actual"], participants["cumulative"], participants["status"]) == (
        16,
        39,
        "no_target",
    )
    balance = rows["proba", "balance"]
    assert (balance["actual"], balance["cumulative"]) == (-3.5, -3.5)
    study = rows["masodik", "study_done"]
    assert (study["actual"], study["cumulative"], study["percent"], study["status"]) == (
        0,
        1,
        100,
        "met",
    )


def test_a_month_not_yet_over_is_evaluated_as_of_the_as_of_date() -> None:
    rows = _as_dicts(_indicators(MARCH, D(2011, 3, 15)))
    consultation = next(row for row in rows if row["indicator"] == "consultation_hours")
    # Only the entry of 3 March counts; the period keeps its calendar bounds.
    assert (consultation["actual"], consultation["cumulative"], consultation["as_of"]) == (
        2.5,
        32.5,
        D(2011, 3, 15),
    )
    assert (consultation["period_start"], consultation["period_end"]) == (
        D(2011, 3, 1),
        D(2011, 3, 31),
    )


def test_a_past_month_is_judged_at_its_end_not_at_as_of() -> None:
    # As of 15 April, April's consultation (3 h) exists, but March's cumulative stops at 31 March.
    rows = _as_dicts(_indicators(MARCH, D(2011, 4, 15)))
    consultation = next(row for row in rows if row["indicator"] == "consultation_hours")
    assert consultation["cumulative"] == 36.5


def test_per_month_gives_a_row_per_month() -> None:
    table = _indicators(parse_quarter("2011-Q1"), per="month")
    training = [row for row in _as_dicts(table) if row["indicator"] == "training_hours_monthly"]
    assert [
        (row["period"], row["actual"], row["cumulative"], row["status"]) for row in training
    ] == [
        ("2011-01", 8, 8, "on_track"),
        ("2011-02", 6, 14, "behind"),
        ("2011-03", 8, 22, "behind"),
    ]
    assert [row["percent"] for row in training] == [100, 50, 66.666667]


def test_wide_puts_the_months_side_by_side() -> None:
    table = _indicators(parse_quarter("2011-Q1"), per="month", wide=True)
    assert [column.key for column in table.columns] == [
        "project",
        "indicator",
        "indicator_name",
        "unit",
        "actual_2011-01",
        "actual_2011-02",
        "actual_2011-03",
        "cumulative",
        "target_min",
        "target_max",
        "target_per",
        "target_periods",
        "target_partial",
        "target_amended",
        "target_original_min",
        "target_original_max",
        "pace",
        "percent",
        "status",
        "checkpoints_missed",
        "as_of",
    ]
    assert [header(column, "hu") for column in table.columns][4:7] == [
        "tény az időszakban 2011-01",
        "tény az időszakban 2011-02",
        "tény az időszakban 2011-03",
    ]
    consultation = next(row for row in _as_dicts(table) if row["indicator"] == "consultation_hours")
    assert [consultation[f"actual_2011-0{month}"] for month in (1, 2, 3)] == [20, 10, 6.5]
    assert (consultation["cumulative"], consultation["status"], consultation["as_of"]) == (
        36.5,
        "on_track",
        D(2011, 3, 31),
    )
    assert len(table.rows) == 5


def test_a_quarter_as_one_period() -> None:
    rows = _as_dicts(_indicators(parse_quarter("2011-Q1")))
    consultation = next(row for row in rows if row["indicator"] == "consultation_hours")
    assert (consultation["period"], consultation["actual"], consultation["cumulative"]) == (
        "2011-Q1",
        36.5,
        36.5,
    )


def test_names_follow_the_language() -> None:
    rows = _as_dicts(_indicators(MARCH, lang="hu"))
    assert [row["indicator_name"] for row in rows] == [
        "Elkészült tanulmány",
        "Konzultációs órák",
        "Havi tréningórák",
        "Résztvevők",
        "Egyenleg",
    ]


def test_summary_counts_statuses_per_project() -> None:
    summary = _indicators(MARCH).summary
    keys = [column.key for column in summary.columns]
    assert keys[:3] == ["project", "title", "indicators"]
    by_project = {row[0]: dict(zip(keys, row, strict=True)) for row in summary.rows}
    assert by_project["proba"]["title"] == "Trial project"
    assert (by_project["proba"]["indicators"], by_project["proba"]["on_track"]) == (4, 1)
    assert (
        by_project["proba"]["behind"],
        by_project["proba"]["no_target"],
        by_project["proba"]["met"],
    ) == (1, 2, 0)
    assert (by_project["masodik"]["indicators"], by_project["masodik"]["met"]) == (1, 1)


def test_entries_of_the_period_with_every_field() -> None:
    workspace = load_workspace([PROJECTS], AS_OF)
    table = entry_table(workspace.projects, MARCH, AS_OF, "en")
    keys = [column.key for column in table.columns]
    assert keys == [
        "project",
        "date",
        "activity",
        "activity_name",
        "hours",
        "participants",
        "count",
        "value",
        "place",
        "county",
        "partner",
        "team",
        "topic",
        "person",
        "area",
        "note",
        "evidence",
    ]
    assert (
        header(next(column for column in table.columns if column.key == "area"), "hu") == "Terület"
    )
    rows = [dict(zip(keys, row, strict=True)) for row in table.rows]
    assert [(row["date"], row["activity"]) for row in rows] == [
        (D(2011, 3, 3), "consultation"),
        (D(2011, 3, 10), "training"),
        (D(2011, 3, 20), "consultation"),
        (D(2011, 3, 25), "correction"),
    ]
    assert rows[0] == {
        **dict.fromkeys(keys),
        "project": "proba",
        "date": D(2011, 3, 3),
        "activity": "consultation",
        "activity_name": "Consultation",
        "hours": 2.5,
        "participants": 3,
        "area": "action",
        "note": "=1+1",
    }
    assert (rows[2]["person"], rows[2]["evidence"]) == ("SZ-014", "@jelenléti ív 12")
    assert rows[3]["value"] == -3.5
    summary = {row[0]: row for row in table.summary.rows}
    # entries, hours, participants, count, value
    assert summary["proba"][2:] == (4, 14.5, 16, 0, -3.5)
    assert summary["masodik"][2:] == (0, 0, 0, 0, 0)


@pytest.mark.parametrize(("as_of", "count"), [(D(2011, 3, 19), 2), (D(2011, 3, 20), 3)])
def test_entries_stop_at_the_as_of_date(as_of: dt.date, count: int) -> None:
    workspace = load_workspace([PROJECTS], as_of)
    assert len(entry_table(workspace.projects, MARCH, as_of, "en").rows) == count
