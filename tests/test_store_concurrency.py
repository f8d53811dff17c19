"""Writers at once, and writers killed: no entry is lost, no file is ever torn.

The processes are forked (not spawned) so that each starts at once with szaktar loaded:
the test is about the file, not about interpreter start-up.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import random
import re
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from gitrepo import git
from szaktar_cli.cli.main import main
from szaktar_cli.core.model import ENTRIES_ADAPTER
from szaktar_cli.read.new_entries import FieldOrigin, NewEntry, Origin
from szaktar_cli.read.yamlio import parse
from szaktar_cli.write.recording import record

DEMO = Path(__file__).parent / "data" / "valid" / "demo"
AS_OF = dt.date(2011, 12, 31)
FORK = multiprocessing.get_context("fork")
WRITERS, ENTRIES_EACH = 20, 10
KILL_ROUNDS = 40


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Path]:
    """The demo project, in memory (/dev/shm) when there is one: an fsync there costs nothing,
    and what is tested is the locking and renaming, not the speed of the disk."""
    memory = Path("/dev/shm")
    with tempfile.TemporaryDirectory(dir=memory if memory.is_dir() else tmp_path) as root:
        shutil.copytree(DEMO, Path(root) / "projects" / "demo")
        yield Path(root) / "projects" / "demo"


def _entry(writer: int, number: int) -> NewEntry:
    fields = {
        "date": dt.date(2011, 3, 1 + number % 28),
        "activity": "consultation",
        "hours": 1.0,
        "note": f"writer {writer} entry {number}",
    }
    return NewEntry(fields, Origin("test", 0, {"note": FieldOrigin(0, "note", "note")}))


def _write_entries(directory: str, writer: int, count: int) -> None:
    for number in range(count):
        recording = record(Path(directory), [_entry(writer, number)], as_of=AS_OF)
        if not recording.written:
            raise SystemExit(
                f"writer {writer}: entry {number} not written: {recording.diagnostics}"
            )


def _notes(path: Path) -> list[str]:
    """The notes of the file's entries; the file must parse and be valid."""
    parsed = parse(path.read_bytes().decode("utf-8"), str(path))
    assert parsed.ok, parsed.diagnostics
    entries = ENTRIES_ADAPTER.validate_python(parsed.data or [])
    return [str(entry.get("note")) for entry in entries]


def test_twenty_writers_at_once_lose_no_entry(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    writers = [
        FORK.Process(target=_write_entries, args=(str(project), writer, ENTRIES_EACH))
        for writer in range(WRITERS)
    ]
    for process in writers:
        process.start()
    for process in writers:
        process.join(120)
    assert [process.exitcode for process in writers] == [0] * WRITERS
    notes = _notes(project / "actuals" / "2011-03.yaml")
    expected = {f"writer {w} entry {n}" for w in range(WRITERS) for n in range(ENTRIES_EACH)}
    assert len(notes) == WRITERS * ENTRIES_EACH
    assert set(notes) == expected
    for writer in range(WRITERS):  # each writer's entries in the order it wrote them
        mine = [note for note in notes if note.startswith(f"writer {writer} ")]
        assert mine == [f"writer {writer} entry {n}" for n in range(ENTRIES_EACH)]
    assert main(["validate", str(project), "--as-of", "2011-12-31"]) == 0
    capsys.readouterr()


def _write_forever(directory: str, writer: int) -> None:
    _write_entries(directory, writer, 10_000)


def test_a_writer_killed_at_any_moment_leaves_the_old_or_the_new_file(project: Path) -> None:
    """SIGKILL at random moments: after each kill the file parses, is valid, and holds exactly
    the entries written so far, in order: every write is whole or absent."""
    month = project / "actuals" / "2011-03.yaml"
    randomness = random.Random(20110301)
    written: list[str] = []
    for round_number in range(KILL_ROUNDS):
        writer = FORK.Process(target=_write_forever, args=(str(project), round_number))
        writer.start()
        time.sleep(randomness.uniform(0.0, 0.1))
        assert writer.pid is not None
        os.kill(writer.pid, signal.SIGKILL)
        writer.join(10)
        assert writer.exitcode == -signal.SIGKILL
        notes = _notes(month) if month.exists() else []
        assert notes[: len(written)] == written, f"round {round_number}: entries lost or changed"
        new = notes[len(written) :]
        assert new == [f"writer {round_number} entry {n}" for n in range(len(new))]
        written = notes
    # Not vacuous: writers did get entries in between the kills (on a loaded machine a write
    # can take longer than a round, so not in every round).
    assert len(written) >= KILL_ROUNDS // 4


def _kill_before_rename(directory: str) -> None:
    """A writer that dies with its temporary file complete but not yet renamed."""
    original = Path.replace

    def die(self: Path, target: str | Path) -> Path:
        if self.name.endswith(".tmp"):
            os.kill(os.getpid(), signal.SIGKILL)
        return original(self, target)

    Path.replace = die  # type: ignore[method-assign,assignment]
    _write_entries(directory, 99, 1)


def test_a_writer_killed_before_its_rename_leaves_the_old_file_and_the_next_cleans_up(
    project: Path,
) -> None:
    month = project / "actuals" / "2011-01.yaml"
    original = month.read_bytes()
    writer = FORK.Process(target=_kill_before_rename, args=(str(project),))
    writer.start()
    writer.join(30)
    assert writer.exitcode == -signal.SIGKILL
    leftovers = list(month.parent.glob(".2011-03.yaml.*.tmp"))
    assert len(leftovers) == 1  # the complete new content, never renamed
    assert month.read_bytes() == original
    assert not (month.parent / "2011-03.yaml").exists()
    _write_entries(str(project), 100, 1)
    assert not list(month.parent.glob(".*.tmp"))
    assert _notes(month.parent / "2011-03.yaml") == ["writer 100 entry 0"]


# --- closing races recording (issue 18, item 2); no lock file left (issue 13, §3) ---------------

RACERS, RACE_ROUNDS = 30, 3
CSV_ROWS = "date,activity,hours,note\n2011-03-{day:02d},consultation,1,import {number}\n"


def _race(directory: str, number: int, start: Any) -> None:
    """One of the racers: a `log`, an `import` or a `close` of March, all at the same moment."""
    data = Path(directory).parent
    common = ["--projects", str(data), "--as-of", "2011-12-31"]
    kind = number % 3
    if kind == 2:
        command = ["close", "demo", "2011-03", "--by", "SZ-001", "--date", "2011-04-05",
                   "--projects", str(data)]
    elif kind == 1:
        csv = data.parent / f"rows-{number}.csv"
        csv.write_text(CSV_ROWS.format(day=1 + number % 28, number=number), encoding="utf-8")
        command = ["import", "demo", str(csv), "--allow-duplicates", *common]
    else:
        command = ["log", "demo", "--date", f"2011-03-{1 + number % 28:02d}",
                   "--activity", "consultation", "--hours", "1", "--note", f"log {number}",
                   *common]
    start.wait()
    sys.stdout = sys.stderr = open(os.devnull, "w")  # noqa: SIM115, PTH123
    os._exit(main(command))


def test_close_log_and_import_of_one_month_at_once_leave_no_entry_in_a_closed_month(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """30 commands at once — a third each `log`, `import` and `close` March: whatever order
    they take, every entry is either in the closed month's hash or refused (C504)."""
    pristine = {path.name: path.read_bytes() for path in project.rglob("*") if path.is_file()}
    for round_number in range(RACE_ROUNDS):
        for path in project.rglob("*"):
            if path.is_file() and path.name not in pristine:
                path.unlink()
        for name, content in pristine.items():
            next(project.rglob(name)).write_bytes(content)
        start = FORK.Event()
        racers = [FORK.Process(target=_race, args=(str(project), n, start)) for n in range(RACERS)]
        for racer in racers:
            racer.start()
        start.set()
        for racer in racers:
            racer.join(120)
        codes = [racer.exitcode for racer in racers]
        assert set(codes) <= {0, 1, 2}, codes  # 1: refused (C504), 2: already closed
        assert codes[2::3].count(0) == 1, codes  # exactly one close
        assert main(["validate", str(project), "--as-of", "2011-12-31"]) == 0, round_number
        capsys.readouterr()
        assert not list(project.parent.rglob("*.lock")), round_number


DATA_FILE = re.compile(
    r"projects/[^/]+/(project\.yaml|closed\.yaml|actuals/\d{4}-\d{2}\.yaml"
    r"|\.gitignore|actuals/\.gitkeep)"
)


def _git_status(root: Path) -> list[str]:
    return git(root, "status", "--porcelain", "--untracked-files=all").splitlines()


def test_after_each_write_command_git_shows_only_data_files(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project.parent.parent
    (root / "rows.csv").write_text(CSV_ROWS.format(day=9, number=1), encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "t")
    data = ["--projects", str(project.parent)]
    commands = {
        "log": ["log", "demo", "--date", "2011-02-03", "--activity", "consultation",
                "--hours", "1", *data, "--as-of", "2011-12-31"],
        "import": ["import", "demo", str(root / "rows.csv"), *data, "--as-of", "2011-12-31"],
        "close": ["close", "demo", "2011-02", "--by", "SZ-001", "--date", "2011-04-05", *data],
        "reopen": ["reopen", "demo", "2011-02", "--reason", "javítás", "--by", "SZ-001",
                   "--date", "2011-04-06", *data],
        "new": ["new", "fresh", "--title", "Új", *data],
    }
    for name, command in commands.items():
        assert main(command) == 0, (name, capsys.readouterr())
        status = _git_status(root)
        assert status, name  # the command did change data
        assert [line for line in status if not DATA_FILE.fullmatch(line[3:])] == [], name
    capsys.readouterr()
