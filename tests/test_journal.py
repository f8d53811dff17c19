"""Several files written all or none: the data directory's journal (write/atomic.py).

A writer is killed (os._exit, as SIGKILL would stop it: no clean-up runs) at every step of a
three-file write; the files are then all old, or — once the next command has completed the
write from the journal — all new. Never a mix, whichever command comes next.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from files import snapshot
from szaktar_cli.cli.main import main
from szaktar_cli.core.errors import WriteError
from szaktar_cli.write.atomic import (
    JOURNAL_FILE,
    complete_interrupted_write,
    data_lock,
    write_files_atomically,
)

NAMES = ("project.yaml", "actuals/2011-01.yaml", "actuals/2011-02.yaml")
PROJECT = """\
id: p
title: P
start: 2011-01-01
end: 2011-12-31
activities:
  consultation: {name: Konzultáció}
"""


def data(tmp_path: Path) -> Path:
    projects = tmp_path / "projects"
    (projects / "p" / "actuals").mkdir(parents=True)
    (projects / "p" / "project.yaml").write_text(PROJECT, encoding="utf-8")
    for month in ("2011-01", "2011-02"):
        (projects / "p" / "actuals" / f"{month}.yaml").write_text(
            f"- date: {month}-03\n  activity: consultation\n  hours: 1\n", encoding="utf-8"
        )
    return projects


def new_contents(projects: Path) -> dict[Path, bytes]:
    """The three files, each changed (and still a valid project)."""
    return {
        projects / "p" / name: (projects / "p" / name).read_bytes() + b"# changed\n"
        for name in NAMES
    }


# The writer, in a process of its own: the `crash`-th rename (the journal's is the first) or,
# with crash 0, the removal of the journal never happens.
WRITER = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from szaktar_cli.write import atomic

    projects, crash = Path(sys.argv[1]), int(sys.argv[2])
    renames = []
    original = Path.replace

    def replace(self, target):
        renames.append(target)
        if len(renames) == crash:
            os._exit(9)
        return original(self, target)

    Path.replace = replace
    unlink = Path.unlink

    def unlink_journal(self, missing_ok=False):
        if self.name == ".szaktar.journal":
            os._exit(9)
        return unlink(self, missing_ok)

    if crash == 0:
        Path.unlink = unlink_journal
    names = ("project.yaml", "actuals/2011-01.yaml", "actuals/2011-02.yaml")
    contents = {projects / "p" / n: (projects / "p" / n).read_bytes() + b"# changed\\n"
                for n in names}
    with atomic.data_lock(projects / "p"):
        atomic.write_files_atomically(contents, data_dir=projects.resolve())
    """
)


def killed_writer(projects: Path, crash: int) -> int:
    done = subprocess.run(
        [sys.executable, "-c", WRITER, str(projects), str(crash)],
        capture_output=True, text=True, timeout=120, check=False,
    )
    return done.returncode


def contents_of(projects: Path) -> dict[str, bytes]:
    return {name: (projects / "p" / name).read_bytes() for name in NAMES}


def test_three_files_are_written_and_nothing_is_left(tmp_path: Path) -> None:
    projects = data(tmp_path)
    new = new_contents(projects)
    with data_lock(projects / "p"):
        write_files_atomically(new, data_dir=projects.resolve())
    assert {path: path.read_bytes() for path in new} == new
    assert sorted(snapshot(projects)) == sorted(
        [f"p/{name}" for name in NAMES]
    )


@pytest.mark.parametrize("crash", [1, 2, 3, 4, 0], ids=[
    "before the journal", "after the journal", "after one rename", "after two renames",
    "after all renames",
])
@pytest.mark.parametrize("next_command", ["status", "log"])
def test_a_write_killed_at_any_step_leaves_all_old_or_all_new(
    tmp_path: Path, crash: int, next_command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    projects = data(tmp_path)
    old = contents_of(projects)
    new = {name: content + b"# changed\n" for name, content in old.items()}
    assert killed_writer(projects, crash) == 9
    committed = crash != 1
    assert (projects / JOURNAL_FILE).exists() == committed
    args = ["--projects", str(projects), "--as-of", "2011-03-31"]
    if next_command == "status":
        assert main(["status", *args]) == 0
    else:
        log = ["log", "p", "--date", "2011-03-01", "--activity", "consultation", *args]
        assert main(log) == 0
    capsys.readouterr()
    assert contents_of(projects) == (new if committed else old)
    # no journal is left, and no temporary file of a committed write (those of a write that
    # never committed harm nothing: readers ignore them, the next write of their file removes
    # them)
    left = [name for name in snapshot(projects) if name.endswith(".tmp")]
    assert not (projects / JOURNAL_FILE).exists()
    if committed or next_command == "log":  # a write removes what a write left
        assert not [name for name in left if JOURNAL_FILE in name]
    assert len([name for name in left if JOURNAL_FILE not in name]) == (0 if committed else 3)


def test_a_journal_that_names_other_files_is_not_followed(tmp_path: Path) -> None:
    projects = data(tmp_path)
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me\n", encoding="utf-8")
    before = snapshot(tmp_path)
    for files in (
        [{"temporary": "../outside.txt", "file": "p/project.yaml", "sha256": "0" * 64}],
        [{"temporary": "p/actuals/2011-01.yaml", "file": "p/project.yaml", "sha256": "0" * 64}],
        [{"temporary": "/etc/passwd", "file": "p/project.yaml", "sha256": "0" * 64}],
        "not a list",
    ):
        (projects / JOURNAL_FILE).write_text(
            json.dumps({"szaktar_journal": 1, "files": files}), encoding="utf-8"
        )
        with pytest.raises(WriteError, match="cannot be completed from"):
            complete_interrupted_write(projects)
        (projects / JOURNAL_FILE).unlink()
        assert snapshot(tmp_path) == before


def test_a_temporary_file_that_is_not_what_the_journal_recorded_is_not_renamed(
    tmp_path: Path,
) -> None:
    projects = data(tmp_path)
    temporary = projects / "p" / ".project.yaml.x1.tmp"
    temporary.write_text("tampered\n", encoding="utf-8")
    digest = hashlib.sha256(b"what was written\n").hexdigest()
    (projects / JOURNAL_FILE).write_text(
        json.dumps({"szaktar_journal": 1, "files": [
            {"temporary": "p/.project.yaml.x1.tmp", "file": "p/project.yaml", "sha256": digest}
        ]}),
        encoding="utf-8",
    )
    before = (projects / "p" / "project.yaml").read_bytes()
    code = main(["status", "--projects", str(projects), "--as-of", "2011-03-31"])
    assert code == 1
    assert (projects / "p" / "project.yaml").read_bytes() == before
    assert (projects / JOURNAL_FILE).exists()
