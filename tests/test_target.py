"""`szaktar target`: a target set in project.yaml — its values replaced where they stand, the
keys it lacks put where the format's order puts them, a new target under its indicator — and
not a byte more (a file commented on every line, a flow target, a BOM with CRLF); checked as
`validate` checks the project, every bad input refused with the tree unchanged."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from files import snapshot
from szaktar_cli.cli.main import main

AS_OF = "2011-06-30"
Capture = pytest.CaptureFixture[str]

# A project three people edited: a comment on every line, a flow target, a block target, an
# indicator without one, an anchor shared by two targets.
PROJECT = """\
# yaml-language-server: $schema=../../../schema/project.schema.json  # the schema
id: mini                                   # the id
title: Kis projekt                         # the title
start: 2011-01-01                          # first day
end: 2011-12-31                            # last day
activities:                                # what is done
  consultation: {name: Konzultáció}        # one on one
  training: {name: Tréning}                # in groups
indicators:                                # what is counted
  hours:                                   # consultation hours
    name: Konzultációs órák                # its name
    unit: hour                             # hours
    measure: {sum: hours, activities: [consultation]}  # how
    target:                                # the contract's
      min: 100                             # at least
      # the deadline is the project's end
      source: "minimum 100 óra"            # the sentence
  sessions:                                # training sessions
    name: Tréningek                        # its name
    unit: event                            # events
    measure: {count: entries, activities: [training]}  # how
    target: {min: 4, source: "4 tréning"}  # a flow target
  participants:                            # people trained
    name: Résztvevők                       # its name
    unit: person                           # persons
    measure: {sum: participants, activities: [training]}  # how
  shared_a:                                # two indicators, one target
    name: Első                             # its name
    unit: event                            # events
    measure: {count: entries, activities: [consultation]}  # how
    target: &same {min: 2, source: "2 alkalom"}  # shared
  shared_b:                                # the other
    name: Második                          # its name
    unit: event                            # events
    measure: {count: entries, activities: [training]}  # how
    target: *same                          # the same
# the end
"""

MONTH = """\
- date: 2011-03-01
  activity: consultation
  hours: 30
- date: 2011-03-02
  activity: training
  participants: 12
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "projects" / "mini"
    (directory / "actuals").mkdir(parents=True)
    (directory / "project.yaml").write_text(PROJECT, encoding="utf-8")
    (directory / "actuals" / "2011-03.yaml").write_text(MONTH, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return directory / "project.yaml"


def target(capsys: Capture, *args: str, lang: str = "en") -> tuple[int, str, str]:
    code = main(["target", "mini", *args, "--as-of", AS_OF, "--lang", lang])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def replaced(text: str, *changes: tuple[str, str]) -> bytes:
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text.encode("utf-8")


# --- only the intended lines change ---------------------------------------------------------


def test_values_are_replaced_where_they_stand_and_a_new_key_goes_in_order(
    project: Path, capsys: Capture
) -> None:
    code, out, err = target(
        capsys, "hours", "--min", "1 250", "--by", "2011-10-31", "--source", "1. módosítás"
    )
    assert (code, err) == (0, "")
    assert project.read_bytes() == replaced(
        PROJECT,
        ("      min: 100                             # at least\n",
         "      min: 1250                             # at least\n"
         "      by: 2011-10-31\n"),
        ('      source: "minimum 100 óra"            # the sentence',
         "      source: 1. módosítás            # the sentence"),
    )
    assert out == (
        "Set the target of hours in projects/mini/project.yaml\n"
        "-      min: 100                             # at least\n"
        "+      min: 1250                             # at least\n"
        "+      by: 2011-10-31\n"
        '-      source: "minimum 100 óra"            # the sentence\n'
        "+      source: 1. módosítás            # the sentence\n"
        "Status on 30 Jun 2011: ≥ 100 hours, behind, 30% → ≥ 1,250 hours (by 31 Oct 2011), "
        "behind, 2.4%\n"
    )


def test_a_flow_target_is_changed_inside_its_braces(project: Path, capsys: Capture) -> None:
    assert target(capsys, "sessions", "--min", "3", "--max", "6", "--source", "3-6 tréning")[0] == 0
    assert project.read_bytes() == replaced(
        PROJECT,
        ('    target: {min: 4, source: "4 tréning"}  # a flow target',
         '    target: {min: 3, max: 6, source: "3-6 tréning"}  # a flow target'),
    )


def test_an_indicator_without_a_target_gets_one(project: Path, capsys: Capture) -> None:
    code, out, _ = target(capsys, "participants", "--min", "40", "--source", "40 fő", lang="hu")
    assert code == 0
    assert project.read_bytes() == replaced(
        PROJECT,
        ("    measure: {sum: participants, activities: [training]}  # how\n",
         "    measure: {sum: participants, activities: [training]}  # how\n"
         "    target:\n      min: 40\n      source: 40 fő\n"),
    )
    assert out.endswith("Állapot, 2011. jún. 30.: csak követett → ≥ 40 fő, lemaradásban, 30%\n")


def test_a_bom_and_crlf_are_kept(project: Path, capsys: Capture) -> None:
    project.write_bytes(b"\xef\xbb\xbf" + PROJECT.replace("\n", "\r\n").encode("utf-8"))
    assert target(capsys, "participants", "--min", "40", "--source", "40 fő")[0] == 0
    expected = replaced(
        PROJECT,
        ("    measure: {sum: participants, activities: [training]}  # how\n",
         "    measure: {sum: participants, activities: [training]}  # how\n"
         "    target:\n      min: 40\n      source: 40 fő\n"),
    )
    assert project.read_bytes() == b"\xef\xbb\xbf" + expected.replace(b"\n", b"\r\n")


def test_a_target_written_once_through_an_alias_gets_its_own(
    project: Path, capsys: Capture
) -> None:
    code, _, _ = target(capsys, "shared_b", "--min", "3", "--source", "3 alkalom")
    assert code == 0
    assert project.read_bytes() == replaced(
        PROJECT,
        ("    target: *same                          # the same",
         '    target: {min: 3, source: "3 alkalom"}                          # the same'),
    )


def test_a_dry_run_shows_the_change_and_writes_nothing(project: Path, capsys: Capture) -> None:
    before = snapshot(project.parent.parent)
    code, out, _ = target(capsys, "hours", "--min", "90", "--source", "x", "--dry-run", lang="hu")
    assert code == 0
    assert out.startswith("Próba (--dry-run), semmi sem íródott ki:\nA(z) hours célja beállítva: ")
    assert snapshot(project.parent.parent) == before


# --- refused, with nothing changed ----------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["hours", "--min", "200", "--max", "150", "--source", "x"], 1,
         "projects/mini/project.yaml:15:12: error P211 target minimum 200 is greater than its "
         "maximum 150\nprojects/mini: error E807 nothing was written"),
        (["hours", "--by", "2012-03-31", "--source", "x"], 1,
         "projects/mini/project.yaml:16:11: error P214 the deadline (2012-03-31) lies outside the "
         "project period"),
        (["shared_a", "--min", "5", "--source", "x"], 1,
         "cannot change projects/mini/project.yaml in place: its data would not be what was meant"),
        (["participants", "--from", "2011-06-01", "--min", "5", "--source", "x"], 1,
         "projects/mini/project.yaml:23:3: error E808 indicator participants has no target to "
         "amend\n  hint: set it first: szaktar target mini participants --min … --source …"),
        (["hour", "--min", "5", "--source", "x"], 2,
         "szaktar: mini has no indicator 'hour' (known: hours, sessions, participants, shared_a, "
         "shared_b); did you mean 'hours'?"),
        (["hours", "--min", "öt", "--source", "x"], 2, "--min: 'öt' is not a number"),
        (["hours", "--min", "1,500", "--source", "x"], 2,
         "--min: '1,500' is ambiguous: write 1500 or 1.5"),
        (["hours", "--by", "2011.10.31", "--source", "x"], 2, "--by: '2011.10.31' is not a date"),
        (["hours", "--source", "x"], 2, "what is the target? --min, --max or --by"),
        (["hours", "--min", "5", "--source", " "], 2, "--source must name the document"),
        (["hours", "--min", "5"], 2, "Missing option '--source'"),
    ],
    ids=["min>max", "by-outside", "anchor", "no-target", "indicator", "number", "grouping", "date",
         "none",
         "empty-source", "no-source"],
)
def test_bad_input_changes_nothing(
    project: Path, capsys: Capture, args: list[str], code: int, message: str
) -> None:
    before = snapshot(project.parent.parent)
    got, out, err = target(capsys, *args)
    assert (got, out) == (code, "")
    assert message in err
    assert "Traceback" not in err
    assert snapshot(project.parent.parent) == before


def test_an_unknown_project_is_named_with_the_closest_one(project: Path, capsys: Capture) -> None:
    before = snapshot(project.parent.parent)
    assert main(["target", "mnii", "hours", "--min", "5", "--source", "x"]) == 2
    assert capsys.readouterr().err == (
        "szaktar: unknown project: mnii (known: mini); did you mean 'mini'?\n"
    )
    assert snapshot(project.parent.parent) == before


# --- with --from: a dated contract amendment --------------------------------------------------

AMENDED = """\
    target:                                # the contract's
      min: 100                             # at least
      # the deadline is the project's end
      amendments:                          # changed twice
        - from: 2011-03-01                 # the first
          min: 80                          # fewer hours
          source: "1. módosítás"           # its number
        - from: 2011-09-01                 # the second
          by: 2011-11-30                   # earlier
          source: "2. módosítás"           # its number
      source: "minimum 100 óra"            # the sentence
"""


def test_an_amendment_goes_where_the_format_puts_it(project: Path, capsys: Capture) -> None:
    code, out, err = target(
        capsys, "hours", "--from", "2011-06-15", "--min", "90", "--source", "1. sz. módosítás"
    )
    assert (code, err) == (0, "")
    assert project.read_bytes() == replaced(
        PROJECT,
        ("      min: 100                             # at least\n",
         "      min: 100                             # at least\n"
         "      amendments:\n"
         "        - from: 2011-06-15\n"
         "          min: 90\n"
         "          source: 1. sz. módosítás\n"),
    )
    assert out == (
        "Recorded an amendment of the target of hours, in force from 15 Jun 2011, in "
        "projects/mini/project.yaml\n"
        "+      amendments:\n"
        "+        - from: 2011-06-15\n"
        "+          min: 90\n"
        "+          source: 1. sz. módosítás\n"
        "Status on 30 Jun 2011: ≥ 100 hours, behind, 30% → ≥ 90 hours, behind, 33.3%\n"
    )


@pytest.mark.parametrize(
    ("day", "before"),
    [
        ("2011-01-15", "        - from: 2011-03-01                 # the first\n"),
        ("2011-06-15", "        - from: 2011-09-01                 # the second\n"),
        ("2011-10-01", "      source: \"minimum 100 óra\"            # the sentence\n"),
    ],
    ids=["first", "between", "last"],
)
def test_an_amendment_takes_its_place_by_its_day(
    project: Path, capsys: Capture, day: str, before: str
) -> None:
    hours_target = PROJECT[PROJECT.index("    target:  ") : PROJECT.index("  sessions:")]
    project.write_text(PROJECT.replace(hours_target, AMENDED), encoding="utf-8")
    text = project.read_text(encoding="utf-8")
    assert target(capsys, "hours", "--from", day, "--max", "150", "--source", "x")[0] == 0
    new = f"        - from: {day}\n          max: 150\n          source: x\n"
    assert project.read_bytes() == replaced(text, (before, new + before))


def test_an_amendment_of_a_flow_target_stays_in_flow(project: Path, capsys: Capture) -> None:
    assert target(capsys, "sessions", "--from", "2011-06-01", "--min", "3", "--source", "x")[0] == 0
    assert project.read_bytes() == replaced(
        PROJECT,
        ('    target: {min: 4, source: "4 tréning"}  # a flow target',
         '    target: {min: 4, amendments: [{from: 2011-06-01, min: 3, source: x}], '
         'source: "4 tréning"}  # a flow target'),
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["hours", "--from", "2012-02-01", "--min", "90", "--source", "x"],
         "projects/mini/project.yaml:17:17: error P214"),
        (["hours", "--from", "2011-06-01", "--max", "50", "--source", "x"],
         "projects/mini/project.yaml:17:11: error P211 target minimum 100 is greater than its "
         "maximum 50"),
    ],
    ids=["outside", "min>max"],
)
def test_a_bad_amendment_changes_nothing(
    project: Path, capsys: Capture, args: list[str], message: str
) -> None:
    before = snapshot(project.parent.parent)
    code, out, err = target(capsys, *args)
    assert (code, out) == (1, "")
    assert message in err, err
    assert "E807 nothing was written" in err
    assert snapshot(project.parent.parent) == before


def test_a_second_amendment_of_the_same_day_is_refused(project: Path, capsys: Capture) -> None:
    assert target(capsys, "hours", "--from", "2011-06-15", "--min", "90", "--source", "x")[0] == 0
    before = snapshot(project.parent.parent)
    code, _, err = target(capsys, "hours", "--from", "2011-06-15", "--min", "80", "--source", "y")
    assert code == 1
    assert "error P236 amendments are not in date order: this one is in force from 2011-06-15" in (
        err
    )
    assert snapshot(project.parent.parent) == before


def test_history_shows_the_amendment(project: Path, capsys: Capture) -> None:
    code, _, _ = target(capsys, "hours", "--from", "2011-06-15", "--min", "90", "--source", "1 sz")
    assert code == 0
    assert main(["history", "mini", "hours", "--as-of", AS_OF, "--lang", "en"]) == 0
    shown = capsys.readouterr().out.split("The target and its amendments")[1]
    assert re.search(r"\nas first written +≥ 100 hours +minimum 100 óra\n", shown), shown
    assert re.search(r"\n15 Jun 2011 +≥ 90 hours +1 sz\n", shown), shown
