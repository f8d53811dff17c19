"""What crashed szaktar (exit 3) in issue 18's list: each is now a diagnostic (exit 1) or a usage
error (exit 2) with one line that says what is wrong, or works.

(`status > /dev/full` is in test_hostile_files.py, a commit subject holding git's separators in
test_history.py, values YAML cannot read as their kind in test_yamlio.py.)
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from szaktar_cli.cli.main import main

DEMO = Path(__file__).parent / "data" / "valid" / "demo"
LONG = "a" * 300


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(DEMO, tmp_path / "projects" / "demo")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SZAKTAR_LANG", "en")
    return tmp_path / "projects" / "demo"


def run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str]:
    code = main(list(arguments))
    return code, capsys.readouterr().err


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["new", LONG], "longer than 100 characters"),
        (["status", "--projects", LONG], "too long for the file system"),
        (["validate", LONG], "too long for the file system"),
        (["-C", LONG, "status"], LONG[:10]),
        (["status", "--projects", f"{LONG}/projects"], "too long for the file system"),
    ],
)
def test_a_name_too_long_is_a_usage_error(
    demo: Path, capsys: pytest.CaptureFixture[str], arguments: list[str], expected: str
) -> None:
    code, errors = run(capsys, *arguments)
    assert (code, errors.count("\n")) == (2, 1), errors
    assert expected in errors
    assert "internal error" not in errors


@pytest.mark.parametrize(
    "arguments",
    [
        ["export", "demo", "--month", "0000-01"],
        ["export", "demo", "--month", "10000-01"],
        ["export", "demo", "--quarter", "0000-Q1"],
        ["close", "demo", "0000-01", "--by", "SZ-001"],
        ["reopen", "demo", "0000-01", "--by", "SZ-001", "--reason", "x"],
        ["status", "--as-of", "0000-01-01"],
        ["status", "--as-of", "10000-01-01"],
    ],
)
def test_a_year_a_date_cannot_have_is_a_usage_error(
    demo: Path, capsys: pytest.CaptureFixture[str], arguments: list[str]
) -> None:
    code, errors = run(capsys, *arguments)
    assert code == 2, errors
    assert "internal error" not in errors


# A project that runs to the last day a date can have: its periods reach it, none comes after.
TO_THE_END = """\
id: demo
title: To the end
start: 9990-01-01
end: 9999-12-31
activities:
  consultation: {name: Konzultáció}
indicators:
  hours:
    name: Órák
    unit: hour
    measure: {sum: hours, activities: [consultation]}
    target: {min: 100}
  hours_yearly:
    name: Évi órák
    unit: hour
    measure: {sum: hours, activities: [consultation]}
    target: {min: 8, per: year}
  hours_quarterly:
    name: Negyedévi órák
    unit: hour
    measure: {sum: hours, activities: [consultation]}
    target: {min: 8, per: quarter}
"""


def test_the_last_days_a_date_can_have(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.rmtree(demo)
    (demo / "actuals").mkdir(parents=True)
    (demo / "project.yaml").write_text(TO_THE_END, encoding="utf-8")
    (demo / "actuals" / "9999-12.yaml").write_text(
        "- date: 9999-12-01\n  activity: consultation\n  hours: 2\n", encoding="utf-8"
    )
    for as_of in ("9999-12-31", "9999-06-30"):
        for arguments in (
            ["validate", str(demo)],
            ["status", "demo"],
            ["plan", "demo"],
            ["gaps", "demo"],
            ["chart", "demo", "hours_quarterly"],
            ["export", "demo", "--quarter", "9999-Q2"],
            ["export", "demo", "--month", "9999-06"],
            ["report", "demo", "-o", "report.html", "--force"],
        ):
            code, errors = run(capsys, *arguments, "--as-of", as_of)
            assert code == 0, (arguments, as_of, errors)
    code, errors = run(capsys, "close", "demo", "9999-12", "--by", "SZ-001", "--date", "9999-12-31")
    assert code == 2
    assert "9999-12 is not over on 9999-12-31" in errors


def test_an_entry_in_year_zero_is_told_as_no_such_day(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (demo / "actuals" / "2011-01.yaml").write_text(
        "- date: 0000-01-10\n  activity: consultation\n  hours: 2\n", encoding="utf-8"
    )
    code, errors = run(capsys, "validate", str(demo), "--as-of", "2011-12-31")
    assert code == 1
    assert "error A314 '0000-01-10' is a day that does not exist: there is no year 0" in errors


def test_an_encoding_that_is_no_text_encoding_is_a_diagnostic(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Path("rows.csv").write_text("date,activity,hours\n2011-01-10,consultation,2\n")
    code, errors = run(capsys, "import", "demo", "rows.csv", "--encoding", "punycode")
    assert code in (1, 2), errors
    assert "internal error" not in errors
