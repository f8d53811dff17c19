"""Warnings on the commands other than `validate`: one line that counts them (from one place, the
Session), while errors are listed in full; `validate` lists every warning."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from szaktar_cli.cli.main import main

CASE = Path(__file__).parent / "data" / "invalid" / "a322-more-than-24-hours"
AS_OF = ("--as-of", "2011-06-01")
Capture = pytest.CaptureFixture[str]


@pytest.fixture
def projects(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data directory with one project whose entries raise two A322 warnings."""
    shutil.copytree(CASE, tmp_path / "projects" / CASE.name, ignore=shutil.ignore_patterns("*.txt"))
    monkeypatch.chdir(tmp_path)
    return tmp_path / "projects"


def run(capsys: Capture, *args: str) -> tuple[int, str, str]:
    code = main([*args, *AS_OF])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize(
    ("command", "lang", "line"),
    [
        ("status", "en", "2 warnings — `szaktar validate` lists them"),
        ("status", "hu", "2 figyelmeztetés — a `szaktar validate` felsorolja őket"),
        ("export", "en", "2 warnings — `szaktar validate` lists them"),
        ("gaps", "hu", "2 figyelmeztetés — a `szaktar validate` felsorolja őket"),
    ],
)
def test_other_commands_count_the_warnings_in_one_line(
    projects: Path, capsys: Capture, command: str, lang: str, line: str
) -> None:
    code, out, err = run(capsys, command, "--lang", lang)
    assert code == 0
    assert out
    assert err == line + "\n"


def test_validate_lists_every_warning(projects: Path, capsys: Capture) -> None:
    code, _, err = run(capsys, "validate", "--lang", "en")
    assert code == 0
    assert err.count("warning A322") == 2
    assert "lists them" not in err


def test_one_warning_is_one_warning(projects: Path, capsys: Capture) -> None:
    month = projects / CASE.name / "actuals" / "2011-01.yaml"
    month.write_text(month.read_text(encoding="utf-8").replace("hours: 30\n", "hours: 3\n", 1))
    assert run(capsys, "status", "--lang", "en")[2] == "1 warning — `szaktar validate` shows it\n"
    assert run(capsys, "status", "--lang", "hu")[2] == (
        "1 figyelmeztetés — a `szaktar validate` megmutatja\n"
    )


def test_errors_are_listed_in_full_and_the_warnings_counted(
    projects: Path, capsys: Capture
) -> None:
    month = projects / CASE.name / "actuals" / "2011-01.yaml"
    month.write_text(month.read_text(encoding="utf-8") + "- {date: 2011-01-31, activity: x}\n")
    code, out, err = run(capsys, "status", "--lang", "en")
    assert code == 1
    assert out == ""
    assert err.splitlines() == [
        "projects/a322-more-than-24-hours/actuals/2011-01.yaml:15:32: "
        "error A307 unknown activity kind 'x'",
        "2 warnings — `szaktar validate` lists them",
    ]


def test_inside_github_actions_the_count_stays_one_line(
    projects: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert run(capsys, "status", "--lang", "en")[2] == (
        "2 warnings — `szaktar validate` lists them\n"
    )


def test_asked_about_a_project_the_line_names_it_as_validate_takes_it(
    projects: Path, capsys: Capture
) -> None:
    """`validate` of the project's directory lists its warnings, not every project's."""
    name = CASE.name
    assert run(capsys, "status", name, "--lang", "en")[2] == (
        f"2 warnings — `szaktar validate projects/{name}` lists them\n"
    )
    month = projects / name / "actuals" / "2011-01.yaml"
    month.write_text(month.read_text(encoding="utf-8") + "- {date: 2011-01-31, activity: x}\n")
    err = run(capsys, "status", name, "--lang", "hu")[2]  # an error stops it: the same line
    assert err.splitlines()[-1] == (
        f"2 figyelmeztetés — a `szaktar validate projects/{name}` felsorolja őket"
    )
