"""`szaktar amend`: one entry changed, and only its lines — byte for byte everywhere else (a file
commented on every line, flow-style entries, anchors, a BOM with CRLF); the entry chosen by
FILE:LINE or by its day; checked as `log` checks an entry; refused, with nothing changed, in a
closed month and on every bad input."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from files import snapshot
from gitrepo import commit, git
from szaktar_cli.cli.main import main

AS_OF = "2011-12-31"
Capture = pytest.CaptureFixture[str]

# A month three people edited: a comment on every line, a flow entry, an anchor and a merge.
FEBRUARY = """\
# yaml-language-server: $schema=../../../../../schema/actuals.schema.json  # the schema
# February, by hand                                                       # a header
- date: 2011-02-01            # the first
  activity: consultation      # one on one
  hours: 3                    # three hours
  county: Csongrád            # where
- {date: 2011-02-08, activity: coaching, hours: 1.5}  # a flow entry
- &training                   # the usual training
  date: 2011-02-15            # mid-month
  activity: training          # the kind
  hours: 8                    # a full day
- <<: *training               # the same, a week later
  date: 2011-02-22            # the day
- date: 2011-02-28            # the last one
  activity: consultation      # again
  hours: 2                    # two hours
# nothing after the 28th
"""

LAST_ENTRY = (
    "- date: 2011-02-28            # the last one\n"
    "  activity: consultation      # again\n"
    "  hours: 2                    # two hours\n"
)


@pytest.fixture
def month(projects: Path) -> Path:
    path = projects / "demo" / "actuals" / "2011-02.yaml"
    path.write_text(FEBRUARY, encoding="utf-8")
    return path


def amend(capsys: Capture, *args: str, lang: str = "en") -> tuple[int, str, str]:
    code = main(["amend", "demo", *args, "--as-of", AS_OF, "--lang", lang])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def replaced(text: str, old: str, new: str) -> bytes:
    assert text.count(old) == 1, old
    return text.replace(old, new).encode("utf-8")


# --- only the intended lines change ---------------------------------------------------------


def test_a_value_is_replaced_and_not_a_byte_more(month: Path, capsys: Capture) -> None:
    code, out, err = amend(capsys, "actuals/2011-02.yaml:5", "--set", "hours=3,5")
    assert (code, err) == (0, "")
    assert month.read_bytes() == replaced(
        FEBRUARY, "  hours: 3                    # three", "  hours: 3.5                    # three"
    )
    assert out == (
        "Amended the entry at projects/demo/actuals/2011-02.yaml:3\n"
        "-  hours: 3                    # three hours\n"
        "+  hours: 3.5                    # three hours\n"
        "Indicators changed:\n"
        "  Consultation hours: 8 → 8.5 / 100 hours\n"
    )


def test_a_new_field_goes_where_the_format_puts_it(month: Path, capsys: Capture) -> None:
    code, _, _ = amend(
        capsys, "projects/demo/actuals/2011-02.yaml:3", "--set", "participants=2",
        "--set", "note=első alkalom", "--set", "person=SZ-007",
    )
    assert code == 0
    assert month.read_bytes() == replaced(
        FEBRUARY,
        "  hours: 3                    # three hours\n",
        "  hours: 3                    # three hours\n  participants: 2\n",
    ).replace(
        b"  county: Csongr\xc3\xa1d            # where\n",
        "  county: Csongrád            # where\n  person: SZ-007\n  note: első alkalom\n".encode(),
    )


def test_a_removed_field_takes_its_line_and_its_comment_only(month: Path, capsys: Capture) -> None:
    assert amend(capsys, "2011-02.yaml:6", "--unset", "county")[0] == 0
    assert month.read_bytes() == replaced(FEBRUARY, "  county: Csongrád            # where\n", "")


def test_a_flow_entry_is_changed_inside_its_braces(month: Path, capsys: Capture) -> None:
    code, out, _ = amend(
        capsys, "--date", "2011-02-08", "--set", "hours=2", "--set", "team=T2", "--unset",
        "activity",
    )
    assert code == 1  # an entry without its activity: refused, the file as it was
    assert "error R601" not in out
    assert month.read_text(encoding="utf-8") == FEBRUARY
    assert amend(capsys, "--date", "2011-02-08", "--set", "hours=2", "--set", "team=T2")[0] == 0
    assert month.read_bytes() == replaced(
        FEBRUARY,
        "{date: 2011-02-08, activity: coaching, hours: 1.5}",
        "{date: 2011-02-08, activity: coaching, hours: 2, team: T2}",
    )


def test_the_last_entry_of_a_file_and_the_comment_after_it(month: Path, capsys: Capture) -> None:
    assert amend(capsys, "2011-02.yaml:15", "--set", "hours=2,5")[0] == 0
    assert month.read_bytes() == replaced(FEBRUARY, "hours: 2 ", "hours: 2.5 ")
    month.write_text(FEBRUARY, encoding="utf-8")
    code, out, _ = amend(capsys, "2011-02.yaml:14", "--delete")
    assert code == 0
    assert month.read_bytes() == replaced(
        FEBRUARY,
        LAST_ENTRY,
        "",
    )
    assert out.startswith("Deleted the entry at projects/demo/actuals/2011-02.yaml:14\n")


def test_an_entry_followed_by_a_comment_keeps_the_comment(month: Path, capsys: Capture) -> None:
    text = FEBRUARY.replace("# nothing after the 28th\n", "") + "  # hours to be checked\n"
    month.write_text(text, encoding="utf-8")
    assert amend(capsys, "2011-02.yaml:15", "--unset", "hours")[0] == 0
    assert month.read_bytes() == replaced(
        text, "  hours: 2                    # two hours\n", ""
    )
    assert month.read_text(encoding="utf-8").endswith("# again\n  # hours to be checked\n")


def test_the_last_line_without_a_line_break(month: Path, capsys: Capture) -> None:
    text = FEBRUARY.replace("# nothing after the 28th\n", "").rstrip("\n")
    month.write_text(text, encoding="utf-8")
    assert amend(capsys, "2011-02.yaml:16", "--set", "evidence=JI-12")[0] == 0
    assert month.read_bytes() == (text + "\n  evidence: JI-12\n").encode()


def test_a_bom_and_crlf_are_kept(month: Path, capsys: Capture) -> None:
    windows = b"\xef\xbb\xbf" + FEBRUARY.replace("\n", "\r\n").encode()
    month.write_bytes(windows)
    assert amend(capsys, "2011-02.yaml:3", "--set", "hours=4", "--set", "participants=1")[0] == 0
    assert month.read_bytes() == windows.replace(
        b"  hours: 3                    # three hours\r\n",
        b"  hours: 4                    # three hours\r\n  participants: 1\r\n",
    )


def test_a_merged_entry_gets_its_own_key_and_a_shared_one_is_not_changed(
    month: Path, capsys: Capture
) -> None:
    assert amend(capsys, "2011-02.yaml:13", "--set", "hours=6")[0] == 0
    assert month.read_bytes() == replaced(
        FEBRUARY,
        "  date: 2011-02-22            # the day\n",
        "  date: 2011-02-22            # the day\n  hours: 6\n",
    )
    month.write_text(FEBRUARY, encoding="utf-8")
    before = snapshot(month.parent.parent)
    code, _, err = amend(capsys, "2011-02.yaml:11", "--set", "hours=6")
    assert code == 1
    assert err == (
        "projects/demo/actuals/2011-02.yaml:8:3: error E804 the entry is shared through the "
        "anchor &training: changing it here would change it at "
        "projects/demo/actuals/2011-02.yaml:12 too\n"
        "  hint: write the value out where it is to change, instead of the alias\n"
    )
    code, _, err = amend(capsys, "2011-02.yaml:13", "--unset", "hours")
    assert code == 1
    assert "error E804 hours is shared through the anchor &training" in err
    assert snapshot(month.parent.parent) == before


# --- choosing the entry ---------------------------------------------------------------------


def test_an_entry_chosen_by_its_day_activity_and_note(projects: Path, capsys: Capture) -> None:
    month = projects / "demo" / "actuals" / "2011-01.yaml"
    month.write_text(
        month.read_text(encoding="utf-8")
        + "- date: 2011-01-20\n  activity: supervision\n  hours: 1\n  note: Team two\n",
        encoding="utf-8",
    )
    code, _, err = amend(capsys, "--date", "2011-01-20", "--set", "hours=3")
    assert code == 1
    assert err == (
        "szaktar amend: error E803 2 entries match 2011-01-20: "
        "projects/demo/actuals/2011-01.yaml:9, projects/demo/actuals/2011-01.yaml:18\n"
        "  hint: choose one by FILE:LINE, or give more of its note\n"
    )
    code, out, _ = amend(capsys, "--date", "2011-01-20", "--note", "TEAM", "--set", "team=T2")
    assert code == 0
    assert out.startswith(
        "Amended the entry at projects/demo/actuals/2011-01.yaml:18\n+  team: T2\n"
    )
    code, _, err = amend(
        capsys, "--date", "2011-01-20", "--activity", "training", "--set", "hours=1"
    )
    assert code == 1
    assert err == (
        "szaktar amend: error E802 no entry matches 2011-01-20, activity training\n"
        "  hint: entries of that day: projects/demo/actuals/2011-01.yaml:9 (supervision), "
        "projects/demo/actuals/2011-01.yaml:18 (supervision)\n"
    )


@pytest.mark.parametrize(
    ("place", "what"),
    [
        ("2011-02.yaml:1", "a comment"),
        ("2011-02.yaml:18", "the file has 17 lines"),
    ],
)
def test_a_line_that_is_not_an_entry(month: Path, capsys: Capture, place: str, what: str) -> None:
    code, _, err = amend(capsys, place, "--set", "hours=1")
    assert code == 1
    line = place.split(":")[1]
    assert err == (
        f"projects/demo/actuals/2011-02.yaml:{line}:1: error E801 line {line} is not in an entry "
        f"({what})\n  hint: the entries of this file start at lines 3, 7, 8, 12, 14\n"
    )


# --- checked as log checks ------------------------------------------------------------------


def test_a_bad_value_is_reported_at_its_option(month: Path, capsys: Capture) -> None:
    code, out, err = amend(
        capsys, "2011-02.yaml:3", "--set", "participants=1,5", "--set", "county=Pest", lang="hu"
    )
    assert (code, out) == (1, "")
    assert (
        "szaktar amend: hiba R601 --set county: a(z) 'Pest' érték nem megengedett a(z) 'county' "
        "dimenzióban (megengedett: 'Csongrád', 'Békés', 'Bács-Kiskun') [A308]\n"
    ) in err
    assert "szaktar amend: hiba R601 --set participants: a(z) participants mező" in err
    assert err.splitlines()[-1] == (
        "projects/demo: hiba E807 semmi sem változott: a változás a fenti hibá(ka)t okozná"
    )
    assert month.read_text(encoding="utf-8") == FEBRUARY


def test_a_closed_month_is_not_changed(month: Path, capsys: Capture) -> None:
    assert main(["close", "demo", "2011-02", "--by", "SZ-1", "--date", "2011-03-05"]) == 0
    capsys.readouterr()
    before = snapshot(month.parent.parent)
    code, _, err = amend(capsys, "2011-02.yaml:3", "--set", "hours=4")
    assert code == 1
    assert err.startswith(
        "projects/demo/actuals/2011-02.yaml:3:1: error C504 month 2011-02 is closed (on "
        "2011-03-05 by SZ-1): nothing was written into it\n"
    )
    # nor does an entry move into one
    code, _, err = amend(capsys, "actuals/2011-01.yaml:2", "--set", "date=2011-02-03")
    assert code == 1
    assert "error C504 month 2011-02 is closed" in err
    assert snapshot(month.parent.parent) == before


def test_a_new_date_in_another_month_moves_the_entry(month: Path, capsys: Capture) -> None:
    code, out, _ = amend(capsys, "2011-02.yaml:14", "--set", "date=2011-03-01")
    assert code == 0
    assert month.read_bytes() == replaced(
        FEBRUARY,
        LAST_ENTRY,
        "",
    )
    march = month.with_name("2011-03.yaml")
    assert march.read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../../../schema/actuals.schema.json\n"
        "# demo, 2011-03: one `- ` item per thing that happened (`szaktar log --help`).\n"
        "- date: 2011-03-01\n  activity: consultation\n  hours: 2\n"
    )
    assert out.startswith(
        "Moved the entry at projects/demo/actuals/2011-02.yaml:14 to "
        "projects/demo/actuals/2011-03.yaml\n"
    )


def test_the_only_entry_of_a_file_leaves_an_empty_list(projects: Path, capsys: Capture) -> None:
    month = projects / "demo" / "actuals" / "2011-04.yaml"
    month.write_text("# April\n- date: 2011-04-01  # one\n  activity: coaching\n", "utf-8")
    assert amend(capsys, "2011-04.yaml:2", "--delete")[0] == 0
    assert month.read_text(encoding="utf-8") == "# April\n[]\n"
    assert main(["validate", "--as-of", AS_OF]) == 0


@pytest.mark.parametrize(
    "args",
    [
        ["2011-02.yaml:3"],  # nothing to change
        ["2011-02.yaml:3", "--delete", "--set", "hours=1"],
        ["2011-02.yaml", "--set", "hours=1"],
        ["2011-02.yaml:0", "--set", "hours=1"],
        ["nope.yaml:3", "--set", "hours=1"],
        ["2011-02.yaml:3", "--date", "2011-02-01", "--set", "hours=1"],
        ["--set", "hours=1"],
        ["--date", "2011-02-30", "--set", "hours=1"],
        ["2011-02.yaml:3", "--set", "hours"],
        ["2011-02.yaml:3", "--unset", "team"],
    ],
)
def test_a_usage_error_changes_nothing(month: Path, capsys: Capture, args: list[str]) -> None:
    before = snapshot(month.parent.parent.parent)
    code, out, _ = amend(capsys, *args)
    assert (code, out) == (2, "")
    assert snapshot(month.parent.parent.parent) == before


def test_a_dry_run_shows_the_change_and_writes_nothing(month: Path, capsys: Capture) -> None:
    before = snapshot(month.parent.parent)
    code, out, _ = amend(capsys, "2011-02.yaml:3", "--set", "hours=4", "--dry-run", lang="hu")
    assert code == 0
    assert out.startswith("Próba (--dry-run), semmi sem íródott ki:\nMódosított bejegyzés: ")
    assert snapshot(month.parent.parent) == before


def test_history_shows_the_amendment_after_a_commit(month: Path, capsys: Capture) -> None:
    root = month.parent.parent.parent
    git(root, "init", "-q")
    commit(root, "SZ-001", "február", "2011-03-01T10:00:00+01:00")
    assert amend(capsys, "2011-02.yaml:3", "--set", "hours=5")[0] == 0
    commit(root, "SZ-002", "február 1.: 5 óra volt", "2011-03-02T10:00:00+01:00")
    assert main(["history", "demo", "consultation_hours", "--as-of", AS_OF, "--lang", "en"]) == 0
    changes = capsys.readouterr().out.split("Changes commit by commit")[1]
    assert re.search(r"SZ-002 +február 1\.: 5 óra volt +8 → 10\n", changes), changes
