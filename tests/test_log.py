"""`szaktar log`: one entry, checked as validate checks it; a bad one changes no file at all."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from files import snapshot
from szaktar_cli.cli.main import main
from szaktar_cli.core.fields import MEASURE_FIELDS, WHOLE_NUMBER_FIELDS
from szaktar_cli.read import loader, yamlio
from szaktar_cli.read.loader import load_project
from szaktar_cli.read.places import Locator
from szaktar_cli.write.manifest import event_text, new_closing

AS_OF = "2011-12-31"


def log(
    capsys: pytest.CaptureFixture[str], projects: Path, *args: str, lang: str = "en"
) -> tuple[int, str, str]:
    code = main(
        ["log", "demo", "--projects", str(projects), "--as-of", AS_OF, "--lang", lang, *args]
    )
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_log_appends_and_prints_the_entry_and_the_indicators_it_feeds(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = log(
        capsys,
        projects,
        "--date",
        "2011-01-25",
        "--activity",
        "consultation",
        "--hours",
        "1,5",
        "--county",
        "Békés",
        "--person",
        "SZ-002",
        lang="hu",
    )
    assert (code, err) == (0, "")
    # by hand: consultation hours 3 + 1.5; counties Csongrád + Békés; persons SZ-001 + SZ-002
    assert out == (
        "Beírva: projects/demo/actuals/2011-01.yaml (+1)\n"
        "- date: 2011-01-25\n"
        "  activity: consultation\n"
        "  hours: 1.5\n"
        "  county: Békés\n"
        "  person: SZ-002\n"
        "Érintett mutatók:\n"
        "  Konzultációs órák: 3 → 4,5 / 100 óra\n"
        "  Elért megyék: 1 → 2 település\n"
        "  Elért szakemberek: 1 → 2 fő\n"
    )


def test_a_per_period_and_per_group_target_is_shown_for_the_entry_period_and_group(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = log(
        capsys,
        projects,
        "--date",
        "2011-01-27",
        "--activity",
        "supervision",
        "--hours",
        "2",
        "--team",
        "T2",
    )
    assert code == 0
    assert "  Szupervíziós és coaching órák: 2 → 4 / 50 hours\n" in out
    assert "  Szupervízió csapatonként (2011-01, T2): 0 → 1 / 1 event\n" in out


def test_dry_run_shows_and_changes_nothing(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(projects.parent)
    code, out, _ = log(
        capsys,
        projects,
        "--date",
        "2011-03-01",
        "--activity",
        "training",
        "--hours",
        "8",
        "--dry-run",
    )
    assert code == 0
    assert out.startswith("Dry run, nothing written; would go to ")
    assert "  Havi tréningórák (2011-03): 0 → 8 / 8 hours\n" in out
    assert snapshot(projects.parent) == before


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["--date", "2011-02-30", "--activity", "consultation"],
            "szaktar log: error R601 --date: '2011-02-30' is a day that does not exist: "
            "February 2011 has 28 days [A314]",
        ),
        (
            ["--date", "tegnap", "--activity", "consultation"],
            "szaktar log: error R601 --date: 'tegnap' is not a valid date [A304]",
        ),
        (
            ["--date", "2011-01-05", "--activity", "konzultálás"],
            "szaktar log: error R601 --activity: unknown activity kind 'konzultálás' [A307]\n"
            "  hint: did you mean 'consultation'?",
        ),
        (
            ["--date", "2010-12-31", "--activity", "consultation"],
            "szaktar log: error R601 --date: entry dated 2010-12-31 lies outside the project "
            "period 2011-01-01 – 2011-12-31 [A305]",
        ),
        (
            ["--date", "2011-01-05", "--activity", "consultation", "--county", "Pest"],
            "szaktar log: error R601 --county: value 'Pest' is not allowed for dimension "
            "'county' (allowed: 'Csongrád', 'Békés', 'Bács-Kiskun') [A308]",
        ),
        (
            ["--date", "2011-01-05", "--activity", "consultation", "--hours", "-2"],
            "szaktar log: error R601 --hours: hours must not be negative (-2) [A311]",
        ),
        (
            ["--date", "2011-01-05", "--activity", "consultation", "--participants", "2,5"],
            "szaktar log: error R601 --participants: participants must be a whole number",
        ),
        (
            ["--date", "2011-01-05", "--activity", "consultation", "--dim", "colour=red"],
            "szaktar log: error R601 --dim colour: unknown key 'colour' [A301]",
        ),
    ],
)
def test_a_bad_entry_is_reported_at_its_option_and_nothing_changes(
    projects: Path, capsys: pytest.CaptureFixture[str], args: list[str], expected: str
) -> None:
    before = snapshot(projects.parent)
    code, out, err = log(capsys, projects, *args)
    assert (code, out) == (1, "")
    assert expected in err
    assert snapshot(projects.parent) == before


def test_every_problem_of_the_entry_is_reported_at_once(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = log(
        capsys,
        projects,
        "--date",
        "2011-01-05",
        "--activity",
        "konzultálás",
        "--hours",
        "abc",
        "--county",
        "Pest",
    )
    assert code == 1
    assert sorted(
        line.split(" [")[-1] for line in err.splitlines() if line.startswith("szaktar log")
    ) == [
        "A307]",
        "A308]",
        "A309]",
    ]


def test_an_unknown_project_is_a_usage_error(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(projects.parent)
    code = main(
        ["log", "nope", "--projects", str(projects), "--date", "2011-01-05", "--activity", "x"]
    )
    assert code == 2
    assert capsys.readouterr().err == "szaktar: unknown project: nope (known: demo)\n"
    assert snapshot(projects.parent) == before


def test_the_same_entry_twice_is_refused_unless_allowed(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [
        "--date",
        "2011-01-20",
        "--activity",
        "supervision",
        "--hours",
        "2",
        "--team",
        "T1",
    ]  # as in the file
    before = snapshot(projects.parent)
    code, _, err = log(capsys, projects, *args)
    assert code == 1
    assert "warning R603 the same entry is already recorded at " in err
    assert "projects/demo/actuals/2011-01.yaml:9\n" in err  # the second entry of the file
    assert "error R606 nothing was written: 1 new entry/entries are already recorded" in err
    assert snapshot(projects.parent) == before
    code, out, _ = log(capsys, projects, *args, "--allow-duplicates")
    assert code == 0
    assert "(+1)" in out


def test_a_warning_about_the_entry_is_shown_and_the_entry_written(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = log(
        capsys,
        projects,
        "--date",
        "2011-01-05",
        "--activity",
        "consultation",
        "--person",
        "Kovács Anna",
    )
    assert code == 0
    assert err == (
        "szaktar log: warning R602 --person: person 'Kovács Anna' looks like a real name [A321]\n"
        "  hint: persons are pseudonymous codes such as SZ-014\n"
    )
    assert "person: Kovács Anna" in (projects / "demo" / "actuals" / "2011-01.yaml").read_text(
        encoding="utf-8"
    )
    assert out.startswith("Written to ")


def test_errors_elsewhere_in_the_project_stop_the_write(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (projects / "demo" / "actuals" / "2011-02.yaml").write_text(
        "- date: 2011-02-03\n  activity: unknown_kind\n", encoding="utf-8"
    )
    before = snapshot(projects.parent)
    code, _, err = log(capsys, projects, "--date", "2011-01-05", "--activity", "consultation")
    assert code == 1
    assert "actuals/2011-02.yaml:2:13: error A307 unknown activity kind 'unknown_kind'" in err
    assert "error R605 nothing was written: the project has errors besides the new entries" in err
    assert snapshot(projects.parent) == before


def test_an_empty_month_file_an_error_for_validate_is_simply_filled(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    month = projects / "demo" / "actuals" / "2011-02.yaml"
    month.write_text("# February\n", encoding="utf-8")
    code, _, _ = log(capsys, projects, "--date", "2011-02-05", "--activity", "consultation")
    assert code == 0
    assert (
        month.read_text(encoding="utf-8")
        == "# February\n- date: 2011-02-05\n  activity: consultation\n"
    )


def test_a_closed_month_takes_no_new_entry(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    entries = load_project(projects / "demo", Locator()).entries()
    closing = new_closing("2011-01", dt.date(2011, 2, 5), "SZ-001", entries)
    (projects / "demo" / "closed.yaml").write_text(event_text(closing), encoding="utf-8")
    before = snapshot(projects.parent)
    code, _, err = log(capsys, projects, "--date", "2011-01-25", "--activity", "consultation")
    assert code == 1
    assert err == (
        "szaktar log: error C504 month 2011-01 is closed (on 2011-02-05 by SZ-001): "
        "nothing was written into it\n"
        "  hint: if the report must change, reopen the month first: "
        "szaktar reopen demo 2011-01 --reason … --by …\n"
    )
    assert snapshot(projects.parent) == before


def test_an_entry_after_the_as_of_date_is_written_with_a_warning(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "log",
            "demo",
            "--projects",
            str(projects),
            "--as-of",
            "2011-01-31",
            "--lang",
            "en",
            "--date",
            "2011-02-02",
            "--activity",
            "consultation",
            "--hours",
            "1",
        ]
    )
    captured = capsys.readouterr()
    assert code == 0
    assert (
        "warning R602 --date: entry dated 2011-02-02 lies after the as-of date 2011-01-31 [A323]"
        in captured.err
    )
    # the indicators count every recorded entry, also one dated after the as-of day
    assert "  Consultation hours: 3 → 4 / 100 hours\n" in captured.out


# --- a directory that cannot be written -----------------------------------------------------------


@contextmanager
def unwritable(directory: Path) -> Iterator[None]:
    """Make `directory` unwritable: chmod for a normal user; as root (chmod does not stop root)
    the immutable attribute, if the file system and capabilities allow it; else skip."""
    if os.geteuid() != 0:
        mode = directory.stat().st_mode
        directory.chmod(0o555)
        try:
            yield
        finally:
            directory.chmod(mode)
        return
    chattr = shutil.which("chattr")
    if (
        chattr is None
        or subprocess.run(
            [chattr, "+i", str(directory)], capture_output=True, check=False
        ).returncode
    ):
        pytest.skip("running as root without chattr +i: no way to make a directory unwritable")
    try:
        yield
    finally:
        subprocess.run([chattr, "-i", str(directory)], check=True)


@pytest.mark.parametrize("lock_exists", [False, True])
def test_a_read_only_directory_fails_clearly_and_changes_nothing(
    projects: Path, capsys: pytest.CaptureFixture[str], lock_exists: bool
) -> None:
    actuals = projects / "demo" / "actuals"
    if lock_exists:  # a write before left the lock file: then the temporary file is what fails
        assert log(capsys, projects, "--date", "2011-01-03", "--activity", "coaching")[0] == 0
    before = snapshot(projects.parent)
    with unwritable(actuals):
        code, out, err = log(capsys, projects, "--date", "2011-01-05", "--activity", "consultation")
    assert (code, out) == (1, "")
    assert err.startswith("szaktar: cannot write projects/demo/actuals/2011-01.yaml")
    assert err.endswith("; nothing was changed\n")
    assert snapshot(projects.parent) == before


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            b"- date: 2011-01-10\n  activity: consultation\n  note: caf\xe9\n",
            "projects/demo/actuals/2011-01.yaml:3:12: error Y107 the file is not valid UTF-8 "
            "(byte 0xe9)\n",
        ),
        (
            b"- date: 2011-01-10\n  activity: [consultation\n",
            "projects/demo/actuals/2011-01.yaml:3:1: error Y101 YAML syntax error: ",
        ),
    ],
)
def test_a_month_file_that_does_not_read_is_not_appended_to(
    projects: Path, capsys: pytest.CaptureFixture[str], content: bytes, expected: str
) -> None:
    (projects / "demo" / "actuals" / "2011-01.yaml").write_bytes(content)
    before = snapshot(projects.parent)
    code, out, err = log(capsys, projects, "--date", "2011-01-12", "--activity", "consultation")
    assert (code, out) == (1, "")
    assert expected in err
    assert "error R605 nothing was written" in err
    assert snapshot(projects.parent) == before


def test_the_help_says_what_each_option_takes_and_log_takes_what_it_says(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--participants 1,5` is refused: the help of a count does not promise a decimal comma,
    and what the help promises (a decimal comma, a Hungarian date) is taken."""
    assert main(["log", "--help"]) == 0
    lines = capsys.readouterr().out.splitlines()

    def help_of(option: str) -> str:
        return next(line for line in lines if line.strip().startswith(f"{option} "))

    for field in MEASURE_FIELDS:
        code, _, err = log(capsys, projects, "--date", "2011-01-25", "--activity",
                           "consultation", f"--{field}", "1,5", "--dry-run")
        if field in WHOLE_NUMBER_FIELDS:
            assert "A whole number" in help_of(f"--{field}")
            assert "comma" not in help_of(f"--{field}")
            assert code == 1
            assert f"{field} must be a whole number of zero or more, not 1.5" in err
        else:
            assert "a decimal comma is fine (1,5)" in help_of(f"--{field}")
            assert (code, err) == (0, "")
    assert "YYYY-MM-DD (or 2011.03.14.)" in help_of("--date")
    code, out, _ = log(capsys, projects, "--date", "2011.03.14.", "--activity", "consultation",
                       "--dry-run")
    assert code == 0
    assert "- date: 2011-03-14" in out


def test_log_writes_into_the_months_yml_file_when_that_is_the_one_there(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    actuals = projects / "demo" / "actuals"
    (actuals / "2011-01.yaml").rename(actuals / "2011-01.yml")
    before = (actuals / "2011-01.yml").read_bytes()
    code, out, err = log(capsys, projects, "--date", "2011-01-25", "--activity", "consultation")
    assert (code, err) == (0, "")
    assert out.startswith("Written to projects/demo/actuals/2011-01.yml (+1)\n")
    assert not (actuals / "2011-01.yaml").exists()
    after = (actuals / "2011-01.yml").read_bytes()
    assert after.startswith(before)
    assert after[len(before):] == b"- date: 2011-01-25\n  activity: consultation\n"


@pytest.mark.parametrize("linked", ["actuals/2011-01.yaml", "closed.yaml"])
def test_a_linked_data_file_is_not_replaced_by_a_copy(
    projects: Path, capsys: pytest.CaptureFixture[str], linked: str
) -> None:
    """A month file or closed.yaml that is a link (issue 18, item 7): szaktar does not write
    through it, nor replace the link with a file; it says so and changes nothing."""
    demo = projects / "demo"
    target = projects.parent / "elsewhere.yaml"
    path = demo / linked
    if linked == "closed.yaml":
        target.write_text("[]\n", encoding="utf-8")
    else:
        target.write_bytes(path.read_bytes())
        path.unlink()
    path.symlink_to(target)
    before = target.read_bytes()
    if linked == "closed.yaml":
        command = ["close", "demo", "2011-01", "--by", "SZ-1", "--date", "2011-02-05",
                   "--projects", str(projects), "--lang", "en"]
        code = main(command)
        err = capsys.readouterr().err
    else:
        code, _, err = log(capsys, projects, "--date", "2011-01-25", "--activity", "consultation")
    assert code == 1
    assert f"demo/{linked} is a symbolic link" in err
    assert path.is_symlink()
    assert target.read_bytes() == before


def test_log_parses_only_what_it_adds_to_a_month_it_has_read_before(
    projects: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 18 item 14: `log` into a month of 200 000 entries parsed the whole month twice
    (13.6 s, 1.09 GB). The month as it was comes from the cache; of the month as it will be,
    only the added text is parsed (benchmarks/hostile.py measures it)."""
    month = projects / "demo" / "actuals" / "2011-03.yaml"
    month.write_text(
        "".join(
            f"- date: 2011-03-{1 + number % 28:02d}\n  activity: training\n  hours: 1\n"
            f"  note: n{number}\n"
            for number in range(300)
        ),
        encoding="utf-8",
    )
    assert main(["validate", str(projects / "demo"), "--as-of", AS_OF]) == 0  # reads it
    parsed: list[int] = []  # the lengths of the month's texts parsed
    whole, in_full = yamlio._parse_whole, loader._parsed

    def counted(text: str, file: str, first_line: int = 0) -> yamlio.Parsed:
        if file.endswith("2011-03.yaml"):
            parsed.append(len(text))
        return whole(text, file, first_line)

    def counted_in_full(raw: bytes, file: str) -> yamlio.Parsed:
        if file.endswith("2011-03.yaml"):
            parsed.append(len(raw))
        return in_full(raw, file)

    monkeypatch.setattr(yamlio, "_parse_whole", counted)
    monkeypatch.setattr(loader, "_parsed", counted_in_full)
    code, _, errors = log(capsys, projects, "--date", "2011-03-05", "--activity", "training",
                          "--hours", "2")
    assert code == 0, errors
    assert 0 < sum(parsed) < 200
    parsed.clear()
    assert main(["validate", str(projects / "demo"), "--as-of", AS_OF]) == 0
    assert parsed == []  # what log wrote is in the cache
    monkeypatch.setattr(loader, "_parsed", in_full)
    monkeypatch.setattr(yamlio, "_parse_whole", whole)
    loaded = load_project(projects / "demo", Locator())  # parsed in full: the same entries
    entries = [entry for actuals in loaded.files for entry in actuals.entries
               if actuals.month == "2011-03"]
    assert len(entries) == 301
    assert entries[-1] == {"date": dt.date(2011, 3, 5), "activity": "training", "hours": 2}
