"""`szaktar template`: the entry workbook (its columns, checks, lists, bytes), and the round trip
template → filled in as a user fills it → `szaktar import` → status figures worked out by hand
(issue: Excel round trip)."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.datavalidation import DataValidation

from files import snapshot
from szaktar_cli.cli.main import main
from szaktar_cli.compute.entry_sheet import entry_sheet
from szaktar_cli.read.loader import load_project_file
from szaktar_cli.read.places import Locator
from szaktar_cli.render import entry_template
from workbooks import convert, fill, save_values, type_into

DATA = Path(__file__).parent / "data"
DIARY = DATA / "workbook" / "naplo"
DEMO = DATA / "valid" / "demo"


@pytest.fixture
def projects(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data directory with the diary project (and the demo project), as the working
    directory's `projects/`."""
    shutil.copytree(DIARY, tmp_path / "projects" / "naplo")
    shutil.copytree(DEMO, tmp_path / "projects" / "demo")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "projects"


def szaktar(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main([*args, "--projects", "projects"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def template(
    capsys: pytest.CaptureFixture[str], name: str = "naplo.xlsx", lang: str = "hu",
    project: str = "naplo",
) -> Path:
    assert szaktar(capsys, "template", project, "-o", name, "--lang", lang) == (0, "", "")
    return Path(name)


def validations(sheet: openpyxl.worksheet.worksheet.Worksheet) -> dict[str, DataValidation]:
    """The sheet's checks by the first column they hold for."""
    return {str(check.sqref).split(":")[0].rstrip("0123456789"): check
            for check in sheet.data_validations.dataValidation}


# --- the workbook -------------------------------------------------------------------------


def test_the_columns_are_the_fields_the_project_uses_headed_so_that_import_reads_them(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook = openpyxl.load_workbook(template(capsys))
    assert workbook.sheetnames == ["Napló", "Listák"]
    entries, lists = workbook["Napló"], workbook["Listák"]
    assert [cell.value for cell in entries[1]] == [
        "Dátum", "Tevékenység", "Óra", "Résztvevők", "Nő", "Férfi", "Helyszín", "Megjegyzés",
        "Igazolás",
    ]
    assert entries.freeze_panes == "A2"
    assert entries.max_row == 1  # nothing but the header
    assert lists.sheet_state == "hidden"
    assert lists.protection.sheet
    assert [[cell.value for cell in column if cell.value] for column in lists.iter_cols()] == [
        ["Tevékenység", "Konzultáció", "Tréning"],
        ["Helyszín", "Szeged", "Szentes", "Makó", "Hódmezővásárhely, Kossuth tér"],
    ]
    assert entries.column_dimensions["A"].number_format == "yyyy.mm.dd."
    assert entries.column_dimensions["G"].number_format == "@"  # text stays as typed


def test_each_column_checks_what_is_typed_with_a_message_and_an_alert(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    checks = validations(openpyxl.load_workbook(template(capsys))["Napló"])
    assert sorted(checks) == ["A", "B", "C", "D", "E", "F", "G"]  # not the note, nor the evidence
    summary = {
        column: (check.type, check.operator, check.formula1, check.formula2, str(check.sqref))
        for column, check in checks.items()
    }
    assert summary == {
        "A": ("date", "between", "40603", "40968", "A2:A1048576"),  # 2011-03-01 … 2012-02-29
        "B": ("list", None, "'Listák'!$A$2:$A$3", None, "B2:B1048576"),
        "C": ("decimal", "greaterThanOrEqual", "0", None, "C2:C1048576"),
        "D": ("whole", "greaterThanOrEqual", "0", None, "D2:D1048576"),
        "E": ("whole", "greaterThanOrEqual", "0", None, "E2:E1048576"),
        "F": ("whole", "greaterThanOrEqual", "0", None, "F2:F1048576"),
        "G": ("list", None, "'Listák'!$B$2:$B$5", None, "G2:G1048576"),
    }
    assert all(
        check.showInputMessage and check.showErrorMessage and check.errorStyle == "stop"
        and check.allow_blank and not check.showDropDown  # (True would hide the arrow)
        for check in checks.values()
    )
    assert (checks["A"].promptTitle, checks["A"].prompt, checks["A"].error) == (
        "Dátum",
        "Egy nap 2011. márc. 1. és 2012. febr. 29. között.",
        "Nem a projekt időszakába eső nap (2011. márc. 1. – 2012. febr. 29.).",
    )
    assert checks["E"].prompt == "Résztvevők, ebből nő. Egész szám, 0 vagy több."
    assert checks["B"].error == "Nincs a listában: válassz a legördülő listából."


def test_in_english_the_sheet_the_headers_and_the_messages_are_english(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook = openpyxl.load_workbook(template(capsys, lang="en"))
    assert workbook.sheetnames == ["Entries", "Lists"]
    assert [cell.value for cell in workbook["Entries"][1]] == [
        "Date", "Activity", "Hours", "Participants", "Female", "Male", "Place", "Note",
        "Evidence",
    ]
    assert [cell.value for cell in workbook["Lists"]["A"] if cell.value] == [
        "Activity", "Consultation", "Training"
    ]
    checks = validations(workbook["Entries"])
    assert checks["A"].prompt == "A day from 1 Mar 2011 to 29 Feb 2012."
    assert checks["C"].prompt == "A number, 0 or more (1.5, say)."
    assert workbook["Entries"].column_dimensions["A"].number_format == "yyyy-mm-dd"


def test_a_project_s_dimensions_and_the_ones_its_indicators_read_are_columns(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook = openpyxl.load_workbook(template(capsys, project="demo"))
    assert [cell.value for cell in workbook["Napló"][1]] == [
        "Dátum", "Tevékenység", "Óra", "Résztvevők", "Megye", "Csapat", "Személy (kód)",
        "Terület", "Megjegyzés", "Igazolás",
    ]
    checks = validations(workbook["Napló"])
    assert checks["G"].prompt == "Álnév-kód (például SZ-014), soha nem valódi név."
    assert checks["G"].type is None  # any text: the message only
    assert [cell.value for cell in workbook["Listák"]["C"] if cell.value] == ["Csapat", "T1", "T2"]


def test_the_same_project_gives_the_same_bytes(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = template(capsys, "first.xlsx").read_bytes()
    second = template(capsys, "second.xlsx").read_bytes()
    assert first == second
    assert template(capsys, "english.xlsx", lang="en").read_bytes() != first
    properties = openpyxl.load_workbook(Path("first.xlsx")).properties
    assert (properties.creator, properties.title) == ("szaktar", "naplo – napló")
    assert properties.created == properties.modified == entry_template.STAMP


def test_without_o_the_workbook_goes_to_stdout_and_a_wrong_name_is_refused(
    projects: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    assert main(["template", "naplo", "--projects", "projects", "--lang", "hu"]) == 0
    piped = capsysbinary.readouterr().out
    assert main(["template", "naplo", "--projects", "projects", "--lang", "hu", "-o",
                 "naplo.xlsx"]) == 0
    assert piped == Path("naplo.xlsx").read_bytes()
    capsysbinary.readouterr()
    assert main(["template", "naplo", "--projects", "projects", "-o", "naplo.csv"]) == 2
    assert b"-o naplo.csv: the template is an xlsx workbook; name it naplo.xlsx" in (
        capsysbinary.readouterr().err
    )
    assert not Path("naplo.csv").exists()
    assert main(["template", "nincs", "--projects", "projects", "-o", "x.xlsx"]) == 2


def test_a_project_that_does_not_load_makes_no_template(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = projects / "naplo" / "project.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("unit: hour", "unit: hours"),
                    encoding="utf-8")
    code, out, err = szaktar(capsys, "template", "naplo", "-o", "naplo.xlsx", "--lang", "en")
    assert (code, out) == (1, "")
    assert "projects/naplo/project.yaml:" in err
    assert not Path("naplo.xlsx").exists()


def test_the_columns_of_a_project_worked_out_from_its_yaml() -> None:
    project, _ = load_project_file(DIARY, Locator())
    assert project is not None
    sheet = entry_sheet(project)
    assert [(column.column.key, column.kind) for column in sheet.columns] == [
        ("date", "date"), ("activity", "choice"), ("hours", "decimal"),
        ("participants", "whole"), ("of_which.female", "whole"), ("of_which.male", "whole"),
        ("place", "choice"), ("note", "text"), ("evidence", "text"),
    ]
    assert (sheet.start, sheet.end) == (dt.date(2011, 3, 1), dt.date(2012, 2, 29))


# --- the round trip -----------------------------------------------------------------------

# As the assistant types them: a date cell, a date typed as text, a decimal, a place from the
# list; row 5 with an activity typed by hand past the list's check (a typo), row 6 with a day
# that does not exist typed as text, row 7 with a formula (openpyxl saves none of its values).
FILLED: list[list[object]] = [
    [dt.date(2011, 3, 8), "Konzultáció", 1.5, 1, 1, 0, "Szeged"],
    [dt.date(2011, 3, 10), "Konzultáció", 2, 3, 2, 1, "Szentes", "csoportos"],
    ["2011.03.15.", "Tréning", 8, 14, 9, 5, "Szentes", "esetmegbeszélés módszertana"],
    [dt.date(2011, 3, 24), "Konzultálás", 4.5, 1, 0, 1, "Szeged"],
    ["2011.02.30.", "Konzultáció", 3, 2, 1, 1, "Makó"],
    [dt.date(2011, 3, 31), "Konzultáció", "=C2*2", 2, 2, 0, "Hódmezővásárhely, Kossuth tér"],
]


def status(capsys: pytest.CaptureFixture[str]) -> dict[str, float]:
    code, out, _ = szaktar(capsys, "status", "naplo", "--format", "json", "--as-of", "2011-03-31")
    assert code == 0
    return {item["id"]: item["actual"] for item in json.loads(out)["projects"][0]["indicators"]}


def test_round_trip_the_problems_at_their_cells_then_the_figures_by_hand(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook = template(capsys)
    fill(workbook, FILLED)
    before = snapshot(projects)
    code, out, err = szaktar(capsys, "import", "naplo", "naplo.xlsx", "--as-of", "2011-03-31",
                             "--lang", "en")
    assert (code, out) == (1, "")
    assert err == (
        "naplo.xlsx:Napló!C7: error I715 the cell holds a formula (=C2*2) whose value is not "
        "saved in the file\n"
        "  hint: open the workbook in Excel or LibreOffice and save it (that saves the formulas' "
        "values), or type the value; the row is checked once the cell is fixed\n"
        "naplo.xlsx:Napló!B5: error R601 column 'Tevékenység': unknown activity kind "
        "'Konzultálás' [A307]\n"
        "  hint: did you mean 'consultation'?\n"
        "naplo.xlsx:Napló!A6: error R601 column 'Dátum': '2011-02-30' is a day that does not "
        "exist: February 2011 has 28 days [A314]\n"
    )
    assert snapshot(projects) == before  # nothing written

    # the fixes: the activity from the list, a day that exists, the formula's value saved
    type_into(workbook, {"B5": "Konzultáció", "A6": dt.date(2011, 3, 28)})
    save_values(workbook, "Napló", {"C7": 3})
    code, out, err = szaktar(capsys, "import", "naplo", "naplo.xlsx", "--as-of", "2011-03-31",
                             "--lang", "en")
    assert (code, err) == (0, "")
    assert out.startswith("Written to projects/naplo/actuals/2011-03.yaml (+6)\n")
    # consultation hours: 1.5 + 2 + 4.5 + 3 + 3 (row 7's formula, =C2*2) = 14
    # participants: 1 + 3 + 14 + 1 + 2 + 2 = 23; of whom women: 1 + 2 + 9 + 0 + 1 + 2 = 15
    assert status(capsys) == {"consultation_hours": 14, "participants": 23, "women": 15}

    # the diary goes on: two more rows, imported again; only the new ones are added
    fill(workbook, [[dt.date(2011, 3, 29), "Tréning", 6, 12, 6, 6, "Makó"],
                    [dt.date(2011, 3, 30), "Konzultáció", 1, 1, 0, 1, "Szeged"]], first=8)
    save_values(workbook, "Napló", {"C7": 3})  # as Excel saves them again
    code, out, err = szaktar(capsys, "import", "naplo", "naplo.xlsx", "--as-of", "2011-03-31",
                             "--lang", "en", "--skip-duplicates")
    assert code == 0, err
    assert err.count("warning R604 skipped") == 6
    assert out.startswith("Written to projects/naplo/actuals/2011-03.yaml (+2)\n"
                          "6 already recorded entries skipped\n")
    assert status(capsys) == {"consultation_hours": 15, "participants": 36, "women": 21}


def test_a_template_in_one_language_imports_in_the_other(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook = template(capsys, lang="en")
    fill(workbook, [[dt.date(2011, 3, 8), "Consultation", 1.5, 1, 1, 0, "Szeged"]])
    code, out, err = szaktar(capsys, "import", "naplo", "naplo.xlsx", "--as-of", "2011-03-31",
                             "--lang", "hu")
    assert (code, err) == (0, "")
    assert out.startswith("Beírva: projects/naplo/actuals/2011-03.yaml (+1)\n")
    written = (projects / "naplo" / "actuals" / "2011-03.yaml").read_text(encoding="utf-8")
    assert written.endswith(
        "- date: 2011-03-08\n  activity: consultation\n  hours: 1.5\n  participants: 1\n"
        "  of_which: {female: 1, male: 0}\n  place: Szeged\n"
    ), written


def test_an_empty_template_imports_nothing(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template(capsys)
    assert szaktar(capsys, "import", "naplo", "naplo.xlsx", "--as-of", "2011-03-31",
                   "--lang", "en") == (0, "No new entries; nothing was written.\n", "")


# --- LibreOffice ---------------------------------------------------------------------------


def test_libreoffice_keeps_the_headers_the_lists_and_the_checks(
    projects: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    workbook = template(capsys)
    as_csv = convert(workbook, "csv:Text - txt - csv (StarCalc):59,34,76,1", tmp_path / "csv")
    with as_csv.open(encoding="utf-8", newline="") as handle:
        assert next(csv.reader(handle, delimiter=";")) == [
            "Dátum", "Tevékenység", "Óra", "Résztvevők", "Nő", "Férfi", "Helyszín", "Megjegyzés",
            "Igazolás",
        ]
    saved = openpyxl.load_workbook(convert(workbook, "xlsx", tmp_path / "xlsx"))
    assert saved["Listák"].sheet_state == "hidden"
    checks = validations(saved["Napló"])
    assert (checks["B"].type, checks["B"].formula1) == ("list", "$Listák.$A$2:$A$3") or (
        checks["B"].type, checks["B"].formula1.replace("'", "")) == ("list", "Listák!$A$2:$A$3")
    assert (checks["G"].type, checks["A"].type, checks["D"].type) == ("list", "date", "whole")
    assert checks["B"].prompt == "Válassz a listából."


def test_a_workbook_libreoffice_saved_gives_its_formulas_values(
    projects: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    workbook = template(capsys)
    fill(workbook, [FILLED[0], [dt.date(2011, 3, 9), "Konzultáció", "=C2*2", 1, 1, 0]])
    saved = convert(workbook, "xlsx", tmp_path / "saved")
    code, out, err = szaktar(capsys, "import", "naplo", str(saved), "--as-of", "2011-03-31",
                             "--lang", "en", "--dry-run")
    assert (code, err) == (0, "")
    assert "  hours: 3\n" in out
