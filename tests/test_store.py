"""write/: YAML text of new entries, appending without touching what is there, atomic writes.

The golden files under tests/golden/store/ are month files as people write them by hand
(comments, odd quoting, a BOM, CRLF, an indented list, empty files, `[]`); each
`<case>.expected.yaml` is the file after `szaktar log` added one entry. Regenerate with
SZAKTAR_UPDATE_GOLDEN=1 (and read the diff).
"""

from __future__ import annotations

import datetime as dt
import io
import multiprocessing
import os
import shutil
from multiprocessing.synchronize import Event
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from golden import golden_bytes
from szaktar_cli.cli.main import main
from szaktar_cli.core.errors import WriteError
from szaktar_cli.write.atomic import data_lock, remove_leftovers, write_file_atomically
from szaktar_cli.write.yaml_text import BOM, append_items, entry_lines, yaml_scalar

DEMO = Path(__file__).parent / "data" / "valid" / "demo"
GOLDEN = Path(__file__).parent / "golden" / "store"
AS_OF = "2011-12-31"


def _read_safe(text: str) -> object:
    return yaml.load(text, Loader=yaml.CSafeLoader)  # CSafeLoader is the safe loader


def _read_yaml12(text: str) -> object:
    return YAML(typ="safe", pure=True).load(io.StringIO(text))


# --- scalars ---------------------------------------------------------------------------------

TRICKY_TEXTS = [
    "yes",
    "No",
    "on",
    "off",
    "y",
    "n",
    "null",
    "~",
    "true",
    "",
    " leading",
    "trailing ",
    "2011-01-01",
    "2011-01-01 10:00:00",
    "1e3",
    "1.5",
    ".5",
    "-5",
    "0x1F",
    "0o17",
    ".inf",
    ".nan",
    "#x",
    "a #b",
    "a: b",
    "a:",
    "*star",
    "&anchor",
    "!tag",
    "|",
    ">",
    "-",
    "- a",
    "?",
    "%",
    "@",
    "`",
    "'q'",
    '"q"',
    "[x]",
    "{x}",
    "=",
    "<<",
    "a\nb",
    "tab\there",
    "x\x85y",
    "\ufeffbom",
    "a\u2028b",
    "\x07bell",
    "\x7f",
    "back\\slash",
]
PLAIN_TEXTS = [
    "Szeged",
    "Szeged, Tisza",
    "Konzultáció",
    "SZ-014",
    "T1",
    "1,5",
    "3 000",
    "a'b",
    "emoji 😀",
]


@pytest.mark.parametrize("text", TRICKY_TEXTS)
def test_tricky_text_is_quoted_and_reads_back_as_the_same_text(text: str) -> None:
    rendered = yaml_scalar(text)
    # in single quotes when that needs no escape: a text with `"` and nothing else to escape
    assert rendered.startswith("'" if text == '"q"' else '"')
    assert _read_safe(f"k: {rendered}") == {"k": text}
    assert _read_yaml12(f"k: {rendered}") == {"k": text}


@pytest.mark.parametrize("text", PLAIN_TEXTS)
def test_ordinary_text_stays_plain(text: str) -> None:
    assert yaml_scalar(text) == text
    assert _read_safe(f"k: {text}") == {"k": text}
    assert _read_yaml12(f"k: {text}") == {"k": text}


@pytest.mark.parametrize(
    ("value", "rendered"),
    [
        (3.0, "3"),
        (1.5, "1.5"),
        (1e-05, "0.00001"),
        (0.1, "0.1"),
        (12, "12"),
        (True, "true"),
        (dt.date(2011, 3, 14), "2011-03-14"),
        (float("nan"), ".nan"),
        (float("-inf"), "-.inf"),
    ],
)
def test_numbers_dates_and_booleans(value: object, rendered: str) -> None:
    assert yaml_scalar(value) == rendered


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_reads_back_as_itself(text: str) -> None:
    if any(0xD800 <= ord(char) <= 0xDFFF for char in text):
        return  # lone surrogates cannot be written as UTF-8 at all
    assert _read_safe(f"k: {yaml_scalar(text)}\n") == {"k": text}


@settings(max_examples=200, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False))
def test_any_float_reads_back_as_itself(number: float) -> None:
    assert _read_safe(f"k: {yaml_scalar(number)}\n") == {"k": number}


def test_entry_lines_follow_the_format_order_then_the_project_dimensions() -> None:
    entry = {
        "note": "x",
        "area": "action",
        "hours": 2.0,
        "activity": "consultation",
        "date": dt.date(2011, 1, 5),
    }
    assert entry_lines(entry) == [
        "- date: 2011-01-05",
        "  activity: consultation",
        "  hours: 2",
        "  note: x",
        "  area: action",
    ]


# --- appending: the golden files -------------------------------------------------------------

CASES = sorted(
    path.name.removesuffix(".yaml")
    for path in GOLDEN.glob("*.yaml")
    if ".expected" not in path.name
)
LOG_ARGS = [
    "--date",
    "2011-01-25",
    "--activity",
    "consultation",
    "--hours",
    "1,5",
    "--participants",
    "3",
    "--county",
    "Csongrád",
    "--note",
    "yes: #1 'idézet'",
    "--evidence",
    "2011-01-25",
    "--dim",
    "area=action",
]


@pytest.fixture
def projects(tmp_path: Path) -> Path:
    shutil.copytree(DEMO, tmp_path / "projects" / "demo")
    return tmp_path / "projects"


def _log(projects: Path, *args: str) -> int:
    return main(
        ["log", "demo", "--projects", str(projects), "--as-of", AS_OF, "--lang", "en", *args]
    )


def test_there_are_golden_cases() -> None:
    assert {
        "bom-crlf",
        "comments-and-quoting",
        "comments-only",
        "empty",
        "flow-empty",
        "indented",
    } <= set(CASES)


@pytest.mark.parametrize("case", CASES)
def test_log_keeps_every_byte_and_adds_exactly_the_entry(
    case: str, projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    month = projects / "demo" / "actuals" / "2011-01.yaml"
    original = (GOLDEN / f"{case}.yaml").read_bytes()
    month.write_bytes(original)
    assert _log(projects, *LOG_ARGS) == 0
    result = month.read_bytes()
    assert result == golden_bytes(GOLDEN / f"{case}.expected.yaml", result)
    if case != "flow-empty":  # `[]` cannot be followed by a block item: it is the one thing removed
        assert result.startswith(original)
    assert main(["validate", str(projects), "--as-of", AS_OF]) == 0
    capsys.readouterr()


def test_a_new_month_file_gets_the_schema_line_and_a_header(projects: Path) -> None:
    assert _log(projects, "--date", "2011-02-03", "--activity", "training", "--hours", "8") == 0
    text = (projects / "demo" / "actuals" / "2011-02.yaml").read_text(encoding="utf-8")
    assert text == (
        "# yaml-language-server: $schema=../../../schema/actuals.schema.json\n"
        "# demo, 2011-02: one `- ` item per thing that happened (`szaktar log --help`).\n"
        "- date: 2011-02-03\n"
        "  activity: training\n"
        "  hours: 8\n"
    )


def test_bom_and_crlf_are_kept_in_the_new_lines() -> None:
    raw = BOM + b"- date: 2011-01-10\r\n  activity: consultation\r\n"
    new = append_items(raw, [["- date: 2011-01-11", "  activity: training"]])
    assert new == raw + b"- date: 2011-01-11\r\n  activity: training\r\n"


def test_a_missing_final_line_break_is_added_first() -> None:
    raw = b"- date: 2011-01-10\n  activity: consultation  # no line break at the end"
    new = append_items(raw, [["- date: 2011-01-11", "  activity: training"]])
    assert new == raw + b"\n- date: 2011-01-11\n  activity: training\n"


def test_an_indented_list_keeps_its_indentation() -> None:
    raw = b"  -   date: 2011-01-10\n      activity: consultation\n"
    new = append_items(raw, [["- date: 2011-01-11", "  activity: training"]])
    assert new == raw + b"  -   date: 2011-01-11\n      activity: training\n"
    assert _read_safe(new.decode())[1] == {"date": dt.date(2011, 1, 11), "activity": "training"}  # type: ignore[index]


def test_a_flow_list_with_entries_is_refused() -> None:
    with pytest.raises(WriteError, match="flow list"):
        append_items(
            b"[{date: 2011-01-10, activity: consultation}]\n",
            [["- date: 2011-01-11", "  activity: x"]],
        )


def test_an_append_that_would_change_an_entry_is_refused(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the note is "kept" only while no line break follows it: appending would make it "kept\n"
    month = projects / "demo" / "actuals" / "2011-01.yaml"
    original = b"- date: 2011-01-10\n  activity: consultation\n  note: |\n    kept"
    month.write_bytes(original)
    assert _log(projects, "--date", "2011-01-12", "--activity", "training") == 1
    assert month.read_bytes() == original
    assert "cannot add to" in capsys.readouterr().err


# --- atomic writes and locks ----------------------------------------------------------------


def test_an_atomic_write_replaces_keeps_the_mode_and_leaves_no_temporary(
    tmp_path: Path,
) -> None:
    target = tmp_path / "out.csv"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_file_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out.csv"]  # no temporary, no lock


def test_stale_temporary_and_lock_files_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "2011-01.yaml"
    stale = [tmp_path / ".2011-01.yaml.abc123.tmp", tmp_path / "2011-01.yaml.lock"]
    for path in stale:
        path.write_bytes(b"half a fi")
    remove_leftovers([target])
    assert not any(path.exists() for path in stale)


def test_the_data_directorys_lock_leaves_no_file(tmp_path: Path) -> None:
    project = tmp_path / "projects" / "demo"
    project.mkdir(parents=True)
    with data_lock(project):
        assert (tmp_path / "projects" / ".szaktar.lock").exists()
        with data_lock(project):  # taken again by the process that holds it
            pass
        assert (tmp_path / "projects" / ".szaktar.lock").exists()
    assert sorted(path.name for path in (tmp_path / "projects").iterdir()) == ["demo"]


def _hold_lock(project: str, held: Event, release: Event) -> None:
    with data_lock(Path(project)):
        held.set()
        release.wait(10)


def test_a_lock_held_by_another_process_times_out_with_a_clear_message(tmp_path: Path) -> None:
    project = tmp_path / "projects" / "demo"
    project.mkdir(parents=True)
    context = multiprocessing.get_context("fork")
    held, release = context.Event(), context.Event()
    holder = context.Process(target=_hold_lock, args=(str(project), held, release))
    holder.start()
    try:
        assert held.wait(10)
        with (
            pytest.raises(WriteError, match="another szaktar command"),
            data_lock(project, timeout=0.05),
        ):
            pass
    finally:
        release.set()
        holder.join(10)


def test_a_lock_file_removed_while_it_was_waited_for_is_taken_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The holder removes the lock file as it releases it: a process that opened that file
    before then must not take it for the lock, but lock the file now at that name."""
    import fcntl  # noqa: PLC0415

    project = tmp_path / "projects" / "demo"
    project.mkdir(parents=True)
    lock = tmp_path / "projects" / ".szaktar.lock"
    flock = fcntl.flock
    released: list[int] = []

    def released_meanwhile(descriptor: int, operation: int) -> None:
        if not released:  # the holder released it between our open and our flock
            released.append(os.fstat(descriptor).st_ino)
            lock.unlink()
            lock.write_bytes(b"")
        flock(descriptor, operation)

    monkeypatch.setattr(fcntl, "flock", released_meanwhile)
    with data_lock(project):
        assert lock.stat().st_ino != released[0]
    assert not lock.exists()
