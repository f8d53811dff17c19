"""`szaktar history` end to end over a git repository built here with three commits."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import szaktar_cli.cli.commands.history  # noqa: F401  # registers the command
from gitrepo import commit, git
from szaktar_cli.cli.main import main

DATA = Path(__file__).parent / "data" / "audit"
AS_OF = "2011-12-31"


@pytest.fixture(autouse=True)
def _in_a_repository_of_its_own(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def repo(tmp_path: Path) -> tuple[Path, list[str]]:
    """Four commits change consultation_hours: 20 → 65 → 70 → 75 (and their ids)."""
    root = tmp_path / "data"
    shutil.copytree(DATA, root / "projects")
    actuals = root / "projects" / "teams" / "actuals"
    april = (actuals / "2011-04.yaml").read_text(encoding="utf-8")
    (actuals / "2011-03.yaml").rename(tmp_path / "2011-03.yaml")
    (actuals / "2011-04.yaml").unlink()
    git(root, "init", "-q", "-b", "main")
    shas = [commit(root, "SZ-001", "January", "2011-02-03T10:00:00+01:00")]  # 20
    (tmp_path / "2011-03.yaml").rename(actuals / "2011-03.yaml")
    shas.append(commit(root, "SZ-002", "March", "2011-04-04T16:30:00+02:00"))  # 20 + 45 = 65
    (actuals / "2011-04.yaml").write_text(april, encoding="utf-8")
    shas.append(commit(root, "SZ-002", "April so far", "2011-04-15T12:00:00+02:00"))  # + 5 = 70
    january = actuals / "2011-01.yaml"
    january.write_text(
        january.read_text(encoding="utf-8").replace("hours: 20", "hours: 25"), encoding="utf-8"
    )
    correction = "Correct the January consultation"
    shas.append(commit(root, "SZ-003", correction, "2011-05-02T09:00:00+02:00"))  # 75
    return root, shas


def history(capsys: pytest.CaptureFixture[str], projects: Path, *args: str) -> tuple[int, str]:
    code = main(
        [
            "history",
            "teams",
            "consultation_hours",
            "--projects",
            str(projects),
            "--as-of",
            AS_OF,
            *args,
        ]
    )
    return code, capsys.readouterr().out


def test_changes_commit_by_commit(
    capsys: pytest.CaptureFixture[str], repo: tuple[Path, list[str]]
) -> None:
    root, shas = repo
    code, out = history(capsys, root / "projects", "--format", "json", "--lang", "en")
    assert code == 0
    document = json.loads(out)
    assert document["value"] == 75
    assert document["changes"] == [
        {
            "commit": sha,
            "date": date,
            "author": author,
            "subject": subject,
            "before": before,
            "after": after,
        }
        for sha, (date, author, subject, before, after) in zip(
            shas,
            [
                ("2011-02-03T10:00:00+01:00", "SZ-001", "January", None, 20),
                ("2011-04-04T16:30:00+02:00", "SZ-002", "March", 20, 65),
                ("2011-04-15T12:00:00+02:00", "SZ-002", "April so far", 65, 70),
                ("2011-05-02T09:00:00+02:00", "SZ-003", "Correct the January consultation", 70, 75),
            ],
            strict=True,
        )
    ]
    assert [
        (entry["date"], entry["amount"], entry["evidence"]) for entry in document["entries"]
    ] == [
        ("2011-01-12", 25, "JI-2011-001"),
        ("2011-03-09", 20, "JI-2011-007"),
        ("2011-03-10", 15, "JI-2011-008"),
        ("2011-03-23", 10, "JI-2011-009"),
        ("2011-04-12", 5, "JI-2011-011"),
    ]


def test_plain_output_as_of_march(
    capsys: pytest.CaptureFixture[str], repo: tuple[Path, list[str]]
) -> None:
    root, shas = repo
    _, out = history(
        capsys, root / "projects", "--format", "plain", "--lang", "en", "--as-of", "2011-03-31"
    )
    # as of 2011-03-31 every commit is read with that day: the April one changes nothing
    assert (
        out
        == f"""\
Consultation hours (consultation_hours): where the figure comes from
====================================================================

Value as of 31 Mar 2011: 70 hours

Entries making up the figure

Place                                        Date           Amount  Evidence
-------------------------------------------  -----------  --------  -----------
data/projects/teams/actuals/2011-01.yaml:14  12 Jan 2011        25  JI-2011-001
data/projects/teams/actuals/2011-03.yaml:13  9 Mar 2011         20  JI-2011-007
data/projects/teams/actuals/2011-03.yaml:17  10 Mar 2011        15  JI-2011-008
data/projects/teams/actuals/2011-03.yaml:21  23 Mar 2011        10  JI-2011-009

Changes commit by commit

Commit      Date        Author    Subject                           Before → after
----------  ----------  --------  --------------------------------  ----------------
{shas[0][:10]}  3 Feb 2011  SZ-001    January                           — → 20
{shas[1][:10]}  4 Apr 2011  SZ-002    March                             20 → 65
{shas[3][:10]}  2 May 2011  SZ-003    Correct the January consultation  65 → 70
"""
    )


def test_uncommitted_change(
    capsys: pytest.CaptureFixture[str], repo: tuple[Path, list[str]]
) -> None:
    root, _ = repo
    april = root / "projects" / "teams" / "actuals" / "2011-04.yaml"
    april.write_text(
        april.read_text(encoding="utf-8").replace("hours: 5", "hours: 6"), encoding="utf-8"
    )
    _, out = history(capsys, root / "projects", "--format", "json")
    assert json.loads(out)["changes"][-1] == {
        "commit": None,
        "date": None,
        "author": None,
        "subject": None,
        "before": 75,
        "after": 76,
    }
    assert git(root, "status", "--porcelain") == " M projects/teams/actuals/2011-04.yaml\n"


def test_outside_git(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    shutil.copytree(DATA, tmp_path / "projects")
    code, out = history(capsys, tmp_path / "projects", "--format", "plain", "--lang", "hu")
    assert code == 0
    assert (
        "Az adatkönyvtár nincs git tárolóban (vagy a git nem érhető el), "
        "így a szám változásai nem követhetők."
    ) in out.splitlines()
    assert "Változások commitonként" not in out
    assert (
        json.loads(history(capsys, tmp_path / "projects", "--format", "json")[1])["git"] == "no_git"
    )


def test_unknown_indicator(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        ["history", "teams", "hours", "--projects", str(DATA), "--as-of", AS_OF, "--lang", "en"]
    )
    assert code == 2
    assert (
        capsys.readouterr()
        .err.splitlines()[-1]
        .startswith("szaktar: teams has no indicator 'hours' (known: ")
    )


def test_who_changed_march_after_it_was_reported(
    capsys: pytest.CaptureFixture[str], repo: tuple[Path, list[str]]
) -> None:
    import szaktar_cli.cli.commands.close  # noqa: F401, PLC0415  # registers close

    root, _ = repo
    projects = root / "projects"
    close = ["close", "teams", "2011-03", "--by", "SZ-014", "--date", "2011-05-03"]
    assert main([*close, "--projects", str(projects)]) == 0
    commit(root, "SZ-014", "Close March", "2011-05-03T10:00:00+02:00")
    march = projects / "teams" / "actuals" / "2011-03.yaml"
    march.write_text(
        march.read_text(encoding="utf-8").replace("hours: 15", "hours: 18"), encoding="utf-8"
    )
    changed = commit(root, "SZ-009", "Tidy up", "2011-06-10T08:00:00+02:00")
    capsys.readouterr()
    code = main(
        [
            "history",
            "teams",
            "consultation_hours",
            "--projects",
            str(projects),
            "--as-of",
            AS_OF,
            "--format",
            "json",
            "--lang",
            "en",
        ]
    )
    captured = capsys.readouterr()
    assert code == 0  # the change is an error of validate, and exactly what history is for
    assert (
        "error C502 closed month 2011-03: entry edited after the month was closed on 2011-05-03"
        in captured.err
    )
    last = json.loads(captured.out)["changes"][-1]
    assert (last["commit"], last["author"], last["subject"], last["before"], last["after"]) == (
        changed,
        "SZ-009",
        "Tidy up",
        75,
        78,
    )
