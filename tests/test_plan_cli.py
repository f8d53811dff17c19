"""`szaktar plan` and `szaktar gaps` end to end on tests/data/audit (goldens checked by eye).

Regenerate after a deliberate change: `SZAKTAR_UPDATE_GOLDEN=1 pytest tests/test_plan_cli.py`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import szaktar_cli.cli.commands.gaps
import szaktar_cli.cli.commands.plan  # noqa: F401  # register the commands
from golden import EXTENSIONS, golden_text
from szaktar_cli.cli.main import main

DATA = Path(__file__).parent / "data" / "audit"
GOLDEN = Path(__file__).parent / "golden" / "audit"
AS_OF = "2011-04-15"


@pytest.fixture(autouse=True)
def _in_the_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA.parent.parent.parent)  # paths in the output relative to the repository


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main([*args, "--projects", str(DATA.relative_to(Path.cwd())), "--as-of", AS_OF])
    return code, capsys.readouterr().out


def golden(name: str, actual: str) -> str:
    return golden_text(GOLDEN / name, actual)


@pytest.mark.parametrize("command", ["plan", "gaps"])
@pytest.mark.parametrize(
    ("fmt", "lang"),
    [
        ("plain", "hu"),
        ("plain", "en"),
        ("markdown", "en"),
        ("github", "hu"),
        ("csv", "en"),
        ("tsv", "hu"),
        ("json", "en"),
    ],
)
def test_golden_output(
    capsys: pytest.CaptureFixture[str], command: str, fmt: str, lang: str
) -> None:
    code, out = run(capsys, command, "--format", fmt, "--lang", lang)
    assert out == golden(f"{command}.{lang}.{fmt}.{EXTENSIONS[fmt]}", out)
    assert code == 0
    assert "\x1b[" not in out


def test_plan_figures_by_hand(capsys: pytest.CaptureFixture[str]) -> None:
    _, out = run(capsys, "plan", "--format", "json")
    (project,) = json.loads(out)["projects"]
    items = {(item["indicator"], item["group"]): item for item in project["items"]}
    # consultation: 20 (January) + 20 + 15 + 10 (March) + 5 (April) = 70 of 300; 2011-04-16 …
    # 12-31 = 260 days, April…December = 9 months, 260 / 7 → 38 weeks;
    # 230 / 9 = 25.555556 a month, 230 / 38 = 6.052632 a week; best month March (45)
    consultation = items[("consultation_hours", None)]
    assert {key: consultation[key] for key in consultation if key not in ("name", "unit")} == {
        "indicator": "consultation_hours",
        "group": None,
        "period": None,
        "partial": None,
        "checkpoint": None,
        "stage": None,
        "actual": 70,
        "target_min": 300,
        "amended": None,
        "remaining": 230,
        "deadline": "2011-12-31",
        "pace": {"model": "linear", "from": None, "monthly": None, "declared": False},
        "days_left": 260,
        "months_left": 9,
        "weeks_left": 38,
        "per_month": 25.555556,
        "per_week": 6.052632,
        "best_month": {"month": "2011-03", "amount": 45},
        "verdict": "needed",
    }
    # 100 by 2011-03-31: 65 by then
    assert items[("consultation_hours_by_march", None)]["verdict"] == "missed"
    # April is open: T1 had its supervision on 2011-04-04; T2's of 04-28 is after as-of
    for team in ("T2", "T3"):
        at_risk = items[("supervision_per_team", team)]
        assert (
            at_risk["period"],
            at_risk["remaining"],
            at_risk["days_left"],
            at_risk["weeks_left"],
        ) == (
            "2011-04",
            1,
            15,
            3,
        )
    assert ("supervision_per_team", "T1") not in items
    # supervision hours per team, 10 each: T1 2 + 2 + 2 = 6, T2 2 + 2 = 4, T3 2
    assert [
        items[("supervision_hours_per_team", team)]["remaining"] for team in ("T1", "T2", "T3")
    ] == [4, 6, 8]
    assert items[("conferences", None)]["verdict"] == "not_started"
    assert items[("largest_conference", None)]["verdict"] == "not_started"
    assert project["clear"] == 1  # the action-area share: 1 of 1 enrolment with an area


def test_gaps_check_gates_ci(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "gaps", "--check")[0] == 1
    assert run(capsys, "gaps")[0] == 0
