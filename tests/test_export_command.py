"""`szaktar export` end to end: a golden file per format, the bundled Szociális Háló figures of
March 2010, writing with -o, and the refusals (usage errors, invalid data, XLSX to a terminal).

Goldens: tests/golden/export/, exports of tests/golden/export/projects. Regenerate after a
deliberate change with `SZAKTAR_UPDATE_GOLDEN=1 pytest tests/test_export_command.py` and read
the diff before committing it (for the .xlsx, open it).
"""

from __future__ import annotations

import csv
import io
import shutil
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from golden import golden_bytes
from szaktar_cli.cli.main import main

GOLDEN = Path(__file__).parent / "golden" / "export"
PROJECTS = GOLDEN / "projects"
BUNDLED = Path(__file__).parent.parent / "projects"
MARCH_2011 = ["--month", "2011-03", "--as-of", "2011-04-15", "--projects", str(PROJECTS)]

GOLDEN_CASES = {
    "indicators.csv": [*MARCH_2011, "--lang", "en"],
    "indicators-excel-hu.csv": [*MARCH_2011, "--excel", "--lang", "hu"],
    "indicators.tsv": [*MARCH_2011, "--format", "tsv", "--lang", "en"],
    "indicators.json": [*MARCH_2011, "--format", "json", "--lang", "en"],
    "indicators-hu.md": [*MARCH_2011, "--format", "markdown", "--lang", "hu"],
    "indicators-hu.xlsx": [*MARCH_2011, "--format", "xlsx", "--lang", "hu"],
    "quarter-per-month-wide.csv": [
        "--quarter",
        "2011-Q1",
        "--per",
        "month",
        "--wide",
        "--as-of",
        "2011-04-15",
        "--projects",
        str(PROJECTS),
        "--lang",
        "en",
    ],
    "entries.csv": [*MARCH_2011, "--entries", "--lang", "en"],
    "entries-excel-hu.csv": [*MARCH_2011, "--entries", "--excel", "--lang", "hu"],
    "entries-en.md": [*MARCH_2011, "--entries", "--format", "markdown", "--lang", "en"],
}


def export(args: list[str], capsysbinary: pytest.CaptureFixture[bytes]) -> tuple[int, bytes, str]:
    code = main(["export", *args])
    captured = capsysbinary.readouterr()
    return code, captured.out, captured.err.decode("utf-8")


def _members(data: bytes) -> dict[str, bytes]:
    """An XLSX by its parts: equal parts are an equal workbook whatever zlib compresses them to."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_golden(name: str, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    code, out, err = export(GOLDEN_CASES[name], capsysbinary)
    assert code == 0, err
    expected = golden_bytes(GOLDEN / name, out)
    if name.endswith(".xlsx"):
        assert _members(out) == _members(expected)
    else:
        assert out.decode("utf-8") == expected.decode("utf-8")


def test_same_input_same_bytes(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    for fmt in ("csv", "tsv", "json", "markdown", "xlsx"):
        first = export([*MARCH_2011, "--format", fmt], capsysbinary)[1]
        assert export([*MARCH_2011, "--format", fmt], capsysbinary)[1] == first


# --- the bundled projects ------------------------------------------------------------------


def test_march_2010_of_szocialis_halo(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    """Seed 000's log: round tables on 2010-03-02 and 2010-03-30, 10 participants each, and
    before them 11 + 40 + 55 + 22 + 7 participants (and a forum without a count) since October
    2009; SZETA is the only partner named, at the lectures of November and January."""
    args = [
        "--month",
        "2010-03",
        "--as-of",
        "2010-04-01",
        "--projects",
        str(BUNDLED),
        "--lang",
        "en",
    ]
    code, out, err = export(args, capsysbinary)
    assert code == 0, err
    rows = [
        row
        for row in csv.DictReader(io.StringIO(out.decode("utf-8")))
        if row["project"] == "szocialis-halo"
    ]
    figures = {row["indicator"]: (row["actual"], row["cumulative"], row["status"]) for row in rows}
    assert figures == {
        "events_held": ("2", "8", "no_target"),
        "participations": ("20", "155", "no_target"),
        "round_table_meetings": ("2", "3", "no_target"),
        "round_table_participants": ("20", "27", "no_target"),
        "lectures": ("0", "2", "no_target"),
        "lecture_participants": ("0", "62", "no_target"),
        "conferences": ("0", "1", "no_target"),
        "distinct_partners": ("0", "1", "no_target"),
    }
    assert {
        (row["period"], row["period_start"], row["period_end"], row["as_of"]) for row in rows
    } == {("2010-03", "2010-03-01", "2010-03-31", "2010-03-31")}


def test_march_2010_entries_of_szocialis_halo(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    args = [
        "szocialis-halo",
        "--month",
        "2010-03",
        "--as-of",
        "2010-04-01",
        "--projects",
        str(BUNDLED),
        "--entries",
    ]
    code, out, err = export(args, capsysbinary)
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out.decode("utf-8"))))
    assert [(row["date"], row["activity"], row["participants"]) for row in rows] == [
        ("2010-03-02", "round_table", "10"),
        ("2010-03-30", "round_table", "10"),
    ]


def test_default_period_is_the_month_before_as_of(
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    explicit = export(
        ["--month", "2010-03", "--as-of", "2010-04-20", "--projects", str(BUNDLED)], capsysbinary
    )
    default = export(["--as-of", "2010-04-20", "--projects", str(BUNDLED)], capsysbinary)
    assert default[0] == 0
    assert default[1] == explicit[1]


def test_bundled_xlsx_has_a_sheet_per_project(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    target = tmp_path / "board.xlsx"
    code, out, err = export(
        [
            "--month",
            "2010-03",
            "--as-of",
            "2010-04-01",
            "--projects",
            str(BUNDLED),
            "-o",
            str(target),
        ],
        capsysbinary,
    )
    assert (code, out) == (0, b""), err
    workbook = load_workbook(target)
    projects = sorted(path.name for path in BUNDLED.iterdir() if (path / "project.yaml").is_file())
    assert workbook.sheetnames == ["Summary", *projects]
    summary = workbook["Summary"]
    assert [cell.value for cell in summary["A"]][1:] == projects
    sheet = workbook["szocialis-halo"]
    assert (sheet.freeze_panes, sheet.auto_filter.ref) == ("A2", "A1:V9")
    header = [cell.value for cell in sheet[1]]
    row = {header[index]: cell.value for index, cell in enumerate(sheet[3])}
    assert (row["indicator"], row["actual in period"], row["cumulative actual"]) == (
        "participations",
        20,
        155,
    )


# --- writing a file ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("file_name", "golden"),
    [
        ("march.csv", "indicators.csv"),
        ("march.json", "indicators.json"),
        ("march.tsv", "indicators.tsv"),
    ],
)
def test_output_file_format_follows_its_suffix(
    file_name: str, golden: str, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    target = tmp_path / file_name
    code, out, _ = export([*MARCH_2011, "--lang", "en", "-o", str(target)], capsysbinary)
    assert (code, out) == (0, b"")
    assert target.read_bytes() == (GOLDEN / golden).read_bytes()
    assert sorted(path.name for path in tmp_path.iterdir()) == [file_name]  # no temporary, no lock


def test_output_replaces_a_file_szaktar_wrote_and_another_only_with_force(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    target = tmp_path / "march.md"
    target.write_text("old report\n")
    code, _, err = export([*MARCH_2011, "--lang", "en", "-o", str(target)], capsysbinary)
    assert code == 2
    assert "was not written by szaktar; --force replaces it" in err
    assert target.read_text() == "old report\n"
    command = [*MARCH_2011, "--lang", "hu", "-o", str(target)]
    assert export([*command, "--force"], capsysbinary)[0] == 0
    assert target.read_bytes() == (GOLDEN / "indicators-hu.md").read_bytes()
    assert export([*MARCH_2011, "--lang", "en", "-o", str(target)], capsysbinary)[0] == 0  # its own
    assert target.read_bytes() == export([*MARCH_2011, "--lang", "en", "--format", "markdown"],
                                         capsysbinary)[1]


@pytest.mark.parametrize("where", ["month file", "project.yaml", "device", "link", "folder"])
def test_output_never_replaces_what_is_not_an_output(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes], where: str
) -> None:
    """`-o` is for a new file or one szaktar wrote (issue 18, item 6): not the data, not a
    device, not through a link, not a folder; `-o -` is stdout."""
    data = tmp_path / "projects"
    shutil.copytree(BUNDLED / "szocialis-halo", data / "szocialis-halo")
    link = tmp_path / "link.csv"
    link.symlink_to(tmp_path / "elsewhere.csv")
    (tmp_path / "folder.csv").mkdir()
    target = {
        "month file": data / "szocialis-halo" / "actuals" / "2010-03.yaml",
        "project.yaml": data / "szocialis-halo" / "project.yaml",
        "device": Path("/dev/null"),
        "link": link,
        "folder": tmp_path / "folder.csv",
    }[where]
    before = target.read_bytes() if target.is_file() else None
    command = ["--month", "2010-03", "--as-of", "2010-04-15", "--projects", str(data),
               "--format", "csv", "--lang", "en", "-o", str(target), "--force"]
    code, _, err = export(command, capsysbinary)
    assert code == 2, err
    assert err.splitlines()[-1].startswith("szaktar: -o: ")
    if before is not None:
        assert target.read_bytes() == before
    assert not (tmp_path / "elsewhere.csv").exists()
    code, out, _ = export([*command[:-3], "-o", "-"], capsysbinary)
    assert code == 0
    assert out.startswith(b"project,")


def test_an_interrupted_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    target = tmp_path / "march.csv"
    target.write_text("old\n")

    def fail(self: Path, other: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", fail)
    code, _, err = export([*MARCH_2011, "-o", str(target), "--force"], capsysbinary)
    assert code == 1
    assert "No space left on device" in err
    assert target.read_text() == "old\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["march.csv"]


def test_invalid_data_gives_diagnostics_and_no_file(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    project = tmp_path / "projects" / "hibas"
    (project / "actuals").mkdir(parents=True)
    (project / "project.yaml").write_text(
        "id: hibas\ntitle: Hibás\nstart: 2011-01-01\nend: 2011-12-31\n"
        "activities: {meeting: {name: Ülés}}\n"
    )
    (project / "actuals" / "2011-03.yaml").write_text("- date: 2011-03-05\n  activity: meting\n")
    target = tmp_path / "march.csv"
    code, out, err = export(
        [
            "--month",
            "2011-03",
            "--as-of",
            "2011-04-15",
            "--projects",
            str(tmp_path / "projects"),
            "-o",
            str(target),
        ],
        capsysbinary,
    )
    assert (code, out) == (1, b"")
    assert "A307" in err
    assert "2011-03.yaml:2:" in err
    assert not target.exists()


# --- refusals ------------------------------------------------------------------------------


def test_xlsx_is_not_written_to_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    monkeypatch.setattr("szaktar_cli.cli.output.is_terminal", lambda stream: True)
    code, out, err = export([*MARCH_2011, "--format", "xlsx"], capsysbinary)
    assert (code, out) == (2, b"")
    assert "-o FILE" in err or "-o FÁJL" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--excel", "--format", "json"], "--excel"),
        (["--entries", "--wide"], "--entries"),
        (["--entries", "--per", "month"], "--entries"),
        (["--month", "2011-3"], "--month"),
        (["--month", "2011-03", "--quarter", "2011-Q1"], "--month"),
        (["--from", "2011-03-01"], "--from"),
        (["--from", "2011-03-01", "--to", "2011-3-31"], "--to"),
        (["--month", "2011-05"], "2011-05"),
    ],
)
def test_usage_errors(
    args: list[str], message: str, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    code, out, err = export(
        [*args, "--as-of", "2011-04-15", "--projects", str(PROJECTS)], capsysbinary
    )
    assert (code, out) == (2, b"")
    assert message in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xlsx", "-o", "x.csv"],
         "--format xlsx does not write what -o x.csv names (csv); name the file x.xlsx, or leave "
         "out --format"),
        (["--format", "csv", "-o", "tabla.XLSX"],
         "--format csv does not write what -o tabla.XLSX names (xlsx); name the file tabla.csv"),
        (["--excel", "-o", "x.xlsx"], "--excel is a CSV dialect; it does not go with -o x.xlsx"),
        (["--excel", "--format", "json"], "it does not go with --format json"),
    ],
)
def test_a_format_and_a_file_name_that_disagree_are_refused(
    args: list[str],
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = export([*args, *MARCH_2011, "--lang", "en"], capsysbinary)
    assert (code, out) == (2, b"")
    assert message in err
    assert list(tmp_path.iterdir()) == []


def test_a_file_name_the_format_does_not_know_takes_the_format(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    output = tmp_path / "tabla.txt"
    code, _, _ = export(["--format", "tsv", "-o", str(output), *MARCH_2011], capsysbinary)
    assert code == 0
    assert b"\t" in output.read_bytes()


def test_unknown_project_is_a_usage_error(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    code, _, err = export(["nincs-ilyen", *MARCH_2011], capsysbinary)
    assert code == 2
    assert "nincs-ilyen" in err


def test_one_project_only(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    code, out, _ = export(["masodik", *MARCH_2011], capsysbinary)
    assert code == 0
    assert {row["project"] for row in csv.DictReader(io.StringIO(out.decode("utf-8")))} == {
        "masodik"
    }
