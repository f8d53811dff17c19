"""history.py: the entries behind a figure, and its changes over a git repository built here."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from gitrepo import commit, git
from szaktar_cli.compute.history import FigureHistory, Revision, figure_history
from szaktar_cli.compute.provenance import Contribution
from szaktar_cli.read.git import read_history
from szaktar_cli.read.loader import load_project
from szaktar_cli.read.places import Locator

DEMO = Path(__file__).parent / "data" / "valid" / "demo"
AS_OF = dt.date(2011, 12, 31)
JANUARY = "actuals/2011-01.yaml"


def history(project_dir: Path) -> FigureHistory:
    loaded = load_project(project_dir, Locator())
    return figure_history(loaded, "consultation_hours", AS_OF, read_history(project_dir))


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    root = tmp_path / "data-repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    return root


def test_three_commits_before_and_after(repo: Path) -> None:
    project_dir = repo / "projects" / "demo"
    shutil.copytree(DEMO, project_dir)
    # consultation_hours counts the consultation entries' hours: 3 in January
    first = commit(repo, "SZ-001", "Start the demo project", "2011-02-01T09:00:00+01:00")
    (project_dir / "actuals" / "2011-02.yaml").write_text(
        "- date: 2011-02-07\n  activity: consultation\n  hours: 5\n  evidence: JI-2011-014\n",
        encoding="utf-8",
    )
    second = commit(repo, "SZ-002", "Log February", "2011-03-02T16:30:00+01:00")
    january = project_dir / JANUARY
    january.write_text(
        "# checked against the sheets\n" + january.read_text(encoding="utf-8"), encoding="utf-8"
    )
    commit(repo, "SZ-002", "Comment only", "2011-03-03T08:00:00+01:00")  # the figure stays 8
    january.write_text(
        january.read_text(encoding="utf-8").replace("hours: 3\n", "hours: 4\n", 1), encoding="utf-8"
    )
    third = commit(repo, "SZ-003", "Correct January after the audit", "2011-04-05T11:15:00+02:00")

    found = history(project_dir)
    assert found.git is None
    assert found.value == 9
    assert [(r.commit, r.author, r.subject, r.before, r.after) for r in found.revisions] == [
        (first, "SZ-001", "Start the demo project", None, 3),
        (second, "SZ-002", "Log February", 3, 8),
        (third, "SZ-003", "Correct January after the audit", 8, 9),
    ]
    assert [r.when for r in found.revisions] == [
        dt.datetime(2011, 2, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=1))),
        dt.datetime(2011, 3, 2, 16, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))),
        dt.datetime(2011, 4, 5, 11, 15, tzinfo=dt.timezone(dt.timedelta(hours=2))),
    ]
    assert found.contributions == (
        Contribution(str(january), 3, dt.date(2011, 1, 10), 4.0, None),
        Contribution(
            str(project_dir / "actuals" / "2011-02.yaml"),
            1,
            dt.date(2011, 2, 7),
            5.0,
            "JI-2011-014",
        ),
    )
    assert git(repo, "status", "--porcelain") == ""  # nothing in the working tree was touched


def test_uncommitted_change_is_the_last_row(repo: Path) -> None:
    project_dir = repo / "demo"
    shutil.copytree(DEMO, project_dir)
    first = commit(repo, "SZ-001", "Start", "2011-02-01T09:00:00+01:00")
    (project_dir / JANUARY).write_text(
        (project_dir / JANUARY).read_text(encoding="utf-8").replace("hours: 3\n", "hours: 6\n", 1),
        encoding="utf-8",
    )
    assert history(project_dir).revisions == (
        Revision(
            first,
            dt.datetime(2011, 2, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=1))),
            "SZ-001",
            "Start",
            None,
            3,
        ),
        Revision(None, None, None, None, 3, 6),
    )


def test_as_of_cuts_every_commit(repo: Path) -> None:
    project_dir = repo / "demo"
    shutil.copytree(DEMO, project_dir)
    commit(repo, "SZ-001", "Start", "2011-02-01T09:00:00+01:00")
    (project_dir / "actuals" / "2011-02.yaml").write_text(
        "- date: 2011-02-07\n  activity: consultation\n  hours: 5\n", encoding="utf-8"
    )
    commit(repo, "SZ-002", "February", "2011-03-01T09:00:00+01:00")
    found = figure_history(
        load_project(project_dir, Locator()),
        "consultation_hours",
        dt.date(2011, 1, 31),
        read_history(project_dir),
    )
    assert [(r.before, r.after) for r in found.revisions] == [(None, 3)]  # February is after as-of


def test_separators_in_a_subject_a_name_or_a_file_name_are_only_text(repo: Path) -> None:
    """git's output is taken apart by its NUL bytes and lines alone: a commit subject or an
    author with the record separators of an earlier format (\\x1e, \\x1f, which crashed
    `history`), or a file name with a newline or a colon, is read as it was written."""
    project_dir = repo / "demo"
    shutil.copytree(DEMO, project_dir)
    (project_dir / "notes\n:1.txt").write_text("x\n", encoding="utf-8")
    subject = "Start\x1e\x1f; 2011-02-01 :100644"
    first = commit(repo, "SZ\x1e001", subject, "2011-02-01T09:00:00+01:00")
    (project_dir / "actuals" / "2011-02.yaml").write_text(
        "- date: 2011-02-07\n  activity: consultation\n  hours: 5\n", encoding="utf-8"
    )
    second = commit(repo, "SZ-002", "\x1f", "2011-03-01T09:00:00+01:00")
    found = history(project_dir)
    assert [(r.commit, r.author, r.subject, r.before, r.after) for r in found.revisions] == [
        (first, "SZ\x1e001", subject, None, 3),
        (second, "SZ-002", "\x1f", 3, 8),
    ]


def test_outside_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    project_dir = tmp_path / "demo"
    shutil.copytree(DEMO, project_dir)
    found = history(project_dir)
    assert (found.git, found.revisions, found.value) == ("no_git", (), 3)
    assert [c.date for c in found.contributions] == [dt.date(2011, 1, 10)]


def test_untracked_project_in_a_repository(repo: Path) -> None:
    (repo / "README").write_text("x\n", encoding="utf-8")
    commit(repo, "SZ-001", "Start", "2011-02-01T09:00:00+01:00")
    shutil.copytree(DEMO, repo / "demo")
    assert history(repo / "demo").git == "not_tracked"


def test_contributions_of_a_distinct_count() -> None:
    found = figure_history(
        load_project(DEMO, Locator()), "counties_reached", AS_OF, read_history(DEMO)
    )
    # only the entry that names a county makes up the distinct count; the other two add nothing
    assert [(c.line, c.amount) for c in found.contributions] == [(2, "Csongrád")]
