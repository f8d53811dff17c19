"""`szaktar status` end to end: golden outputs per format and language, options, exit codes.

The projects under tests/data/status/ are small and hand-made; the figures in the goldens are
checked by hand in the comments of test_figures_by_hand. Regenerate the goldens after a
deliberate change with `SZAKTAR_UPDATE_GOLDEN=1 pytest tests/test_status.py`, and read the diff.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from golden import EXTENSIONS, golden_text
from szaktar_cli.cli import formats as output
from szaktar_cli.cli.main import main

DATA = Path(__file__).parent / "data" / "status"
GOLDEN = Path(__file__).parent / "golden" / "status"
AS_OF = "2011-06-15"


def run(capsys: pytest.CaptureFixture[str], *args: str, data: Path = DATA) -> tuple[int, str, str]:
    code = main(["status", "--projects", str(data), "--as-of", AS_OF, *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def golden(name: str, actual: str) -> str:
    return golden_text(GOLDEN / name, actual)


@pytest.mark.parametrize("lang", ["hu", "en"])
@pytest.mark.parametrize("fmt", list(EXTENSIONS))
def test_golden_output(capsys, fmt, lang):
    code, out, _ = run(capsys, "--full", "--format", fmt, "--lang", lang)
    assert out == golden(f"portfolio.{lang}.{fmt}.{EXTENSIONS[fmt]}", out)
    assert code == 0
    assert "\x1b[" not in out


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("by-county.en.json", ["alfa", "--by", "county", "--format", "json", "--lang", "en"]),
        ("by-county.hu.plain.txt", ["alfa", "--by", "county", "--format", "plain", "--lang", "hu"]),
        (
            "group-by-region.hu.plain.txt",
            ["--group-by", "region", "--full", "--format", "plain", "--lang", "hu"],
        ),
        ("first-screen.en.plain.txt", ["--format", "plain", "--lang", "en"]),
        ("first-screen.hu.plain.txt", ["--format", "plain", "--lang", "hu"]),
        (
            "first-screen-by-region.en.plain.txt",
            ["--group-by", "region", "--format", "plain", "--lang", "en"],
        ),
        (
            "only-problems.en.markdown.md",
            ["--only-problems", "--format", "markdown", "--lang", "en"],
        ),
    ],
)
def test_golden_options(capsys, monkeypatch, name, args):
    monkeypatch.chdir(DATA.parents[2])  # the repository: the first screen's hint names its data
    _, out, _ = run(capsys, *args)
    assert out == golden(name, out)


def test_figures_by_hand(capsys):
    _, out, _ = run(capsys, "--format", "json")
    projects = {project["id"]: project for project in json.loads(out)["projects"]}
    alfa = {item["id"]: item for item in projects["alfa"]["indicators"]}
    # 30 + 45.5 + 120 consultation hours; 1 Jan – 15 Jun is 166 of 365 days
    assert alfa["consultation_hours"]["actual"] == 195.5
    assert alfa["consultation_hours"]["expected_to_date"] == round(1000 * 166 / 365, 6)
    assert alfa["consultation_hours"]["forecast"] == round(195.5 * 365 / 166, 6)
    assert alfa["consultation_hours"]["status"] == "behind"
    # supervision 2 + 3 + 2 and coaching 1.5; the checkpoint asks 20 by 30 June (day 181)
    assert alfa["supervision_coaching_hours"]["actual"] == 8.5
    assert alfa["supervision_coaching_hours"]["expected_to_date"] == round(20 * 166 / 181, 6)
    # training 8, 6, 10, 8, 12 and 3 (June in progress): February fell short
    training = alfa["training_hours_monthly"]
    assert [
        (p["period"], p["actual"], p["met"], p["in_progress"]) for p in training["periods"]
    ] == [
        ("2011-01", 8, True, False),
        ("2011-02", 6, False, False),
        ("2011-03", 10, True, False),
        ("2011-04", 8, True, False),
        ("2011-05", 12, True, False),
        ("2011-06", 3, None, True),
    ]
    assert (training["actual"], training["percent"], training["status"]) == (47, 80, "behind")
    # Q1: T1 on 20 Jan, T2 on 31 Mar (the quarter's last day), T3 silent; Q2 in progress
    teams = alfa["supervision_per_team"]
    assert [(g["group"], g["period"], g["actual"], g["met"]) for g in teams["groups"]] == [
        ("T1", "2011-Q1", 1, True),
        ("T2", "2011-Q1", 1, True),
        ("T3", "2011-Q1", 0, False),
        ("T1", "2011-Q2", 1, None),
        ("T2", "2011-Q2", 0, None),
        ("T3", "2011-Q2", 0, None),
    ]
    # 5 distinct persons of 40 = 12.5%, expected 30% × 166/365 = 13.64%: within 90%, on track
    assert (alfa["reach_share"]["actual"], alfa["reach_share"]["status"]) == (12.5, "on_track")
    assert (alfa["region_share"]["actual"], alfa["region_share"]["status"]) == (None, "unknown")
    # participants from the action area 3 + 5 + 18 + 2 = 28 of 40 that record the area
    assert (alfa["action_area_share"]["actual"], alfa["action_area_share"]["status"]) == (
        70,
        "behind",
    )
    assert (alfa["elsewhere_share"]["actual"], alfa["elsewhere_share"]["status"]) == (30, "behind")
    assert (alfa["assessment_done"]["actual"], alfa["assessment_done"]["status"]) == (1, "met")
    assert (alfa["largest_session"]["actual"], alfa["latest_session"]["actual"]) == (25, 11)
    # 15 entries in the first half so far (≥ 12): met before the phase ends on 30 June
    first_half = alfa["first_half_sessions"]
    assert (first_half["actual"], first_half["status"], first_half["target"]["by"]) == (
        15,
        "met",
        "2011-06-30",
    )
    assert (alfa["spending"]["actual"], alfa["spending"]["status"]) == (320000, "on_track")
    beta = {item["id"]: item for item in projects["beta"]["indicators"]}
    assert projects["beta"]["start"] is None
    assert (
        beta["consultation_hours"]["status"],
        beta["consultation_hours"]["expected_to_date"],
    ) == ("met", None)
    gamma = {item["id"]: item for item in projects["gamma"]["indicators"]}
    assert (gamma["consultation_hours"]["status"], gamma["round_tables"]["status"]) == (
        "met",
        "missed",
    )


def test_json_shape_is_exactly_the_documented_one(capsys):
    _, out, _ = run(capsys, "alfa", "--format", "json", "--by", "team")
    document = json.loads(out)
    assert list(document) == ["as_of", "projects"]
    assert document["as_of"] == AS_OF
    project = document["projects"][0]
    assert list(project) == ["id", "title", "start", "end", "indicators"]
    indicator_keys = [
        "id",
        "name",
        "unit",
        "actual",
        "target",
        "pace",
        "percent",
        "expected_to_date",
        "forecast",
        "status",
        "milestones",
        "periods",
        "groups",
        "breakdown",
        "categories",
    ]
    for indicator in project["indicators"]:
        assert list(indicator) == indicator_keys
        assert indicator["pace"] is None or list(indicator["pace"]) == [
            "model",
            "from",
            "monthly",
            "declared",
        ]
        assert indicator["target"] is None or list(indicator["target"]) == [
            "min",
            "max",
            "per",
            "periods",
            "partial",
            "per_group",
            "by",
            "amendments",
            "original",
        ]
        for period in indicator["periods"]:
            assert list(period) == [
                "period",
                "actual",
                "target_min",
                "target_max",
                "met",
                "in_progress",
                "partial",
            ]
        for group in indicator["groups"]:
            assert list(group) == ["group", "period", "actual", "met", "in_progress", "status"]
        assert list(indicator["breakdown"]) == ["dimension", "values"]
    statuses = {indicator["status"] for indicator in project["indicators"]}
    assert statuses <= {
        "met",
        "on_track",
        "behind",
        "missed",
        "not_started",
        "no_target",
        "unknown",
    }


def test_breakdown_totals_equal_the_undivided_figures(capsys):
    _, out, _ = run(capsys, "alfa", "--format", "json", "--by", "county")
    for indicator in json.loads(out)["projects"][0]["indicators"]:
        if indicator["id"] in {
            "consultation_hours",
            "training_hours_monthly",
            "first_half_sessions",
            "spending",
        }:
            parts = [part["actual"] for part in indicator["breakdown"]["values"]]
            assert sum(parts) == indicator["actual"], indicator["id"]


def test_check_exits_1_on_problems_and_0_without(capsys):
    assert run(capsys, "--check", "--format", "json")[0] == 1
    assert run(capsys, "gamma", "--check", "--format", "json")[0] == 1  # a missed target
    assert run(capsys, "beta", "--check", "--format", "json")[0] == 0
    assert run(capsys, "alfa", "--format", "json")[0] == 0  # without --check, problems do not fail


def test_numbers_are_localised_on_screen_and_raw_in_machine_formats(capsys):
    _, hu, _ = run(capsys, "alfa", "--format", "plain", "--lang", "hu")
    assert "≥ 1\xa0000 óra" in hu
    assert "195,5 óra" in hu
    assert "320\xa0000 Ft" in hu
    assert "lemaradásban" in hu
    _, en, _ = run(capsys, "alfa", "--format", "plain", "--lang", "en")
    assert "≥ 1,000 hours" in en
    assert "195.5 hours" in en
    _, csv_text, _ = run(capsys, "alfa", "--format", "csv", "--lang", "hu")
    assert "alfa,consultation_hours,indicator,,,,195.5,1000,,,2011-12-31," in csv_text
    assert ",behind," in csv_text
    assert "lemaradásban" not in csv_text


def test_table_format_when_piped_has_no_ansi_codes(capsys):
    code, out, _ = run(capsys, "gamma", "--format", "table", "--lang", "en")
    assert code == 0
    assert "\x1b[" not in out
    assert "missed" in out
    assert "Round tables" in out


def test_plain_is_the_default_when_piped(capsys):
    _, default, _ = run(capsys, "gamma", "--lang", "en")
    _, plain, _ = run(capsys, "gamma", "--lang", "en", "--format", "plain")
    assert default == plain


def test_only_problems_without_any(capsys):
    _, out, _ = run(capsys, "beta", "--only-problems", "--format", "plain", "--lang", "en")
    heading = "No indicator is behind or missed."
    assert out == f"{heading}\n{'=' * len(heading)}\n"


def test_unknown_dimension_or_metadata_field_is_a_usage_error(capsys):
    code, out, err = run(capsys, "--by", "colour")
    assert (code, out) == (2, "")
    assert "--by" in err
    assert "colour" in err
    code, _, err = run(capsys, "--group-by", "colour")
    assert code == 2
    assert "--group-by" in err


def test_unknown_project_is_a_usage_error(capsys):
    code, out, err = run(capsys, "delta")
    assert (code, out) == (2, "")
    assert "delta" in err


def test_invalid_data_prints_diagnostics_and_no_table(capsys, tmp_path):
    shutil.copytree(DATA / "gamma", tmp_path / "gamma")
    bad = tmp_path / "gamma" / "actuals" / "2010-07.yaml"
    bad.write_text("- {date: 2010-07-01, activity: dancing}\n", encoding="utf-8")
    code, out, err = run(capsys, "--lang", "en", data=tmp_path)
    assert (code, out) == (1, "")
    assert "A307" in err
    assert "2010-07.yaml:1:" in err


def test_as_of_cuts_later_entries(capsys):
    code = main(
        ["status", "gamma", "--projects", str(DATA), "--as-of", "2010-06-01", "--format", "json"]
    )
    document = json.loads(capsys.readouterr().out)
    indicators = {item["id"]: item for item in document["projects"][0]["indicators"]}
    assert code == 0
    # 60 hours by 1 June, 152 of 365 days gone: expected 41.64, so on track; no round table yet
    assert (
        indicators["consultation_hours"]["actual"],
        indicators["consultation_hours"]["status"],
    ) == (60, "on_track")
    assert (indicators["round_tables"]["actual"], indicators["round_tables"]["status"]) == (
        0,
        "behind",
    )
    assert indicators["round_tables"]["expected_to_date"] == round(12 * 152 / 365, 6)


def test_the_default_is_a_rich_table_only_where_colour_is_welcome(capsys, monkeypatch):
    monkeypatch.setattr(output, "color_enabled", lambda stream: True)
    _, table, _ = run(capsys, "gamma", "--lang", "en")
    assert "─" in table
    monkeypatch.setattr(output, "color_enabled", lambda stream: False)
    _, plain, _ = run(capsys, "gamma", "--lang", "en")
    assert "─" not in plain
    assert "-----------" in plain


def test_the_first_screen_of_several_projects_is_their_summary_and_how_to_see_more(
    capsys, monkeypatch
):
    """No project named, several projects: the summary only, one line each (its worst item),
    then the commands that show more — and they run, printing each project's tables."""
    monkeypatch.chdir(DATA.parents[2])
    code, out, _ = run(capsys, "--format", "plain", "--lang", "en")
    assert code == 0
    lines = out.splitlines()
    assert [line.split()[0] for line in lines[5:8]] == ["alfa", "beta", "gamma"]
    assert lines[5].endswith("Supervision and coaching hours: behind, 17%")  # lowest of 6 behind
    assert lines[7].endswith("Round tables: missed, 16.7%")
    assert "Alpha test project (alfa)" not in out
    hint = lines[-1]
    assert hint == (
        "One project in full: szaktar --projects tests/data/status status alfa; every project "
        "in full: szaktar --projects tests/data/status status --full"
    )
    one, every = (part.split(": ", 1)[1].split() for part in hint.split("; "))
    for command, titles in ((one, ["Alpha test project (alfa)"]),
                            (every, ["Alpha test project (alfa)", "Beta test project (beta)"])):
        assert main([*command[1:], "--as-of", AS_OF, "--format", "plain", "--lang", "en"]) == 0
        shown = capsys.readouterr().out
        assert all(title in shown for title in titles)


@pytest.mark.parametrize(
    "args", [["alfa", "gamma"], ["--full"], ["--only-problems"], ["--by", "county"]]
)
def test_asking_for_more_shows_each_projects_tables(capsys, args):
    _, out, _ = run(capsys, *args, "--format", "plain", "--lang", "en")
    assert "Alpha test project (alfa)" in out
    assert "One project in full" not in out


def test_one_project_is_shown_in_full_at_once(capsys, tmp_path):
    shutil.copytree(DATA / "beta", tmp_path / "beta")
    _, out, _ = run(capsys, "--format", "plain", "--lang", "en", data=tmp_path)
    assert out.startswith("Beta test project (beta)")
    assert "Portfolio" not in out
