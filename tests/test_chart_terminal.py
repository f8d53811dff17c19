"""`szaktar chart` and render/terminal_chart.py: a burn-up, bars or a grid as terminal text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from szaktar_cli.cli.commands import chart as chart_command
from szaktar_cli.cli.main import main
from szaktar_cli.render.terminal_chart import nice_ticks

DATA = Path(__file__).parent / "data" / "report"
DEMO = Path(__file__).parent / "data" / "valid"
AS_OF = "2011-06-15"
ESC = "\x1b["


def _chart(
    capsys: pytest.CaptureFixture[str], *args: str, projects: Path = DATA
) -> tuple[int, str, str]:
    code = main(["chart", *args, "--projects", str(projects), "--as-of", AS_OF])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_burnup_piped_is_plain_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _chart(capsys, "del-alfold-mini", "consultation_hours", "--lang", "en")
    assert code == 0
    assert ESC not in out
    lines = out.splitlines()
    assert lines[0] == "Consultation hours · at least 600 hours · on track"
    assert (
        lines[1]
        == "So far 250 hours; expected by now 236.7 hours; forecast for the deadline 633.7 hours."
    )
    assert lines[-1] == (
        "⣿ actual (cumulative)   · expected pace: by the schedule   - forecast   "
        "◆ checkpoint not yet due   "
        "┈ target: 600 hours   ┊ as of 15 Jun 2011"
    )
    plot = lines[3:-2]
    assert len(plot) == 24  # the fixed size of piped output: 100 × 24
    assert max(len(line) for line in plot) == 100
    assert any("600┼" in line for line in plot)  # the y axis: round steps up to the target
    assert "Sept 2010" in plot[-1]
    assert sum(line.count("◆") for line in plot) == 1  # the checkpoint


def test_bars_mark_each_judged_period(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _chart(capsys, "del-alfold-mini", "training_hours_monthly", "--lang", "hu")
    assert code == 0
    assert ESC not in out
    lines = out.splitlines()
    assert lines[0] == "Tréningek havi óraszáma · legalább 16 óra havonta · lemaradásban"
    assert lines[1] == "6 / 9 lezárt időszak teljesült; 1 folyamatban."
    plot = "\n".join(lines[3:-2])
    assert plot.count("✓") == 6
    assert plot.count("✗") == 3
    assert plot.count("…") == 1
    assert (
        lines[-1] == "┈ cél: 16 óra   ✓ teljesült   … folyamatban   ✗ elmaradt   · még nem esedékes"
    )


def test_group_grid_is_a_table_of_symbols(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _chart(capsys, "teams-grid", "supervision_per_team", "--lang", "en")
    assert code == 0
    lines = out.splitlines()
    assert lines[1] == "112 of 125 closed group-periods met; 25 in progress."
    assert lines[3] == "Jan 2011 – Dec 2011"
    assert lines[4] == "       1  2  3  4  5  6  7  8  9  10 11 12"
    assert lines[5] == "DD-01  ✓  ✓  ✓  ✓  ✓  …  ·  ·  ·  ·  ·  ·"
    assert lines[13] == "DA-03  ✗  ✓  ✓  ✓  ✓  …  ·  ·  ·  ·  ·  ·"
    assert len(lines) == 5 + 25 + 2
    assert lines[-1] == "✓ met   … in progress   ✗ missed   · not yet due"


def test_tracked_indicator_gets_a_plain_burnup(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _chart(capsys, "del-alfold-mini", "conference_participants", "--lang", "en")
    assert code == 0
    assert out.splitlines()[0] == "Case conference participants · tracked only"
    # no target, so no pace; the forecast carries the rate so far to the project's end
    assert out.splitlines()[-1] == "⣿ actual (cumulative)   - forecast   ┊ as of 15 Jun 2011"


def test_colour_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(chart_command, "color_enabled", lambda stream: True)
    code, out, _ = _chart(
        capsys, "del-alfold-mini", "consultation_hours", "--width", "80", "--height", "15"
    )
    assert code == 0
    assert ESC in out
    plain = re.sub(r"\x1b\[[0-9;]*m", "", out).splitlines()[3:-2]
    assert len(plain) == 15
    assert max(len(line) for line in plain) == 80


def test_unknown_indicator_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _chart(capsys, "del-alfold-mini", "nope", "--lang", "en")
    assert code == 2
    assert out == ""
    assert "del-alfold-mini has no indicator 'nope' (known: consultation_hours" in err


def test_without_an_indicator_it_lists_them_and_says_how_to_draw_one(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(DATA.parent)
    code, out, err = _chart(capsys, "del-alfold-mini", "--lang", "en", projects=Path("report"))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "The indicators of del-alfold-mini; draw one with: "
        "szaktar --projects report chart del-alfold-mini INDICATOR_ID",
        "  consultation_hours       Consultation hours",
        "  case_conferences         Case conferences",
        "  training_hours_monthly   Training hours per month",
        "  management_meetings      Project management meetings",
        "  conference_participants  Case conference participants",
    ]
    drawn = out.splitlines()[0].split(": ", 1)[1].replace("INDICATOR_ID", "case_conferences")
    assert main([*drawn.split()[1:], "--as-of", AS_OF, "--lang", "en"]) == 0
    assert "Case conferences" in capsys.readouterr().out


def test_cumulative_target_per_group_is_one_bar_per_group(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "pg"
    (project / "actuals").mkdir(parents=True)
    (project / "project.yaml").write_text(
        "id: pg\ntitle: Megyénként\nstart: 2011-01-01\nend: 2011-12-31\n"
        "activities: {training: {name: Tréning}}\n"
        "dimensions: {county: {values: [Maros, Hargita, Kovászna]}}\n"
        "indicators:\n  trainings:\n    name: Képzések megyénként\n    unit: event\n"
        "    measure: {count: entries, activities: [training]}\n"
        "    target: {min: 2, per_group: county, source: megyénként két képzés}\n",
        encoding="utf-8",
    )
    (project / "actuals" / "2011-03.yaml").write_text(
        "- {date: 2011-03-10, activity: training, county: Maros}\n"
        "- {date: 2011-03-20, activity: training, county: Maros}\n"
        "- {date: 2011-03-25, activity: training, county: Hargita}\n",
        encoding="utf-8",
    )
    code = main(
        [
            "chart",
            "pg",
            "trainings",
            "--projects",
            str(tmp_path),
            "--as-of",
            "2011-06-30",
            "--lang",
            "en",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Képzések megyénként · at least 2 events, for each county · behind"
    assert lines[1] == "1 of 3 groups have reached the target."
    # Maros has its two; Hargita (1) is on track at mid-year (2 × 181/365 = 0.99 due);
    # Kovászna (0) is behind: not missed, the year is not over
    assert lines[-1] == "┈ target: 2 events   ✓ met   → on track   ↓ behind"
    assert "Maros" in lines[-3]
    assert "Kovászna" in lines[-3]


def test_deliverable_has_nothing_to_draw(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _chart(capsys, "demo", "assessment_done", "--lang", "en", projects=DEMO)
    assert code == 2
    assert out == ""
    assert "assessment_done: nothing to draw" in err


@pytest.mark.parametrize(
    ("top", "ticks"),
    [
        (0, [0.0, 1.0]),
        (600, [0, 200, 400, 600]),
        (634.5, [0, 200, 400, 600, 800]),
        (24, [0, 5, 10, 15, 20, 25]),
        (1, [0, 0.2, 0.4, 0.6, 0.8, 1]),
        (3, [0, 1, 2, 3]),
    ],
)
def test_nice_ticks(top: float, ticks: list[float]) -> None:
    assert nice_ticks(top) == pytest.approx(ticks)
