"""`szaktar import FILE.xlsx`: a workbook's sheet read as the CSV file's rows are (one
TableReader), typed cells as typed, problems at their cells, and every bad workbook refused
with a clear message and nothing written."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import msoffcrypto.format.ooxml
import openpyxl
import pytest

from files import snapshot
from szaktar_cli.cli.main import main
from szaktar_cli.core.diagnostics import Diagnostic, cell_name, diag
from szaktar_cli.read import table_entries
from szaktar_cli.render.diagnostics import as_github, as_json, as_text
from workbooks import rewrite_sheet, save_values

AS_OF = "2011-12-31"
HEADER = ["Dátum", "Tevékenység", "Óra", "Résztvevők", "Megye", "Megjegyzés"]


def run(capsys: pytest.CaptureFixture[str], path: Path, *args: str) -> tuple[int, str, str]:
    code = main(["import", "demo", str(path), "--projects", "projects", "--as-of", AS_OF,
                 "--lang", "en", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def workbook(
    rows: list[list[object]], name: str = "naplo.xlsx", title: str = "Napló",
    header: list[object] | None = None,
) -> Path:
    """A workbook of one sheet: the header, then the rows (as openpyxl saves it)."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    sheet.append(HEADER if header is None else header)
    for row in rows:
        sheet.append(row)
    path = Path(name)
    book.save(path)
    return path


def recorded(projects: Path, month: str = "2011-03") -> str:
    return (projects / "demo" / "actuals" / f"{month}.yaml").read_text(encoding="utf-8")


def test_typed_cells_are_read_as_typed_and_text_cells_as_csv_reads_them(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = workbook([
        [dt.datetime(2011, 3, 8), "Konzultáció", 1.5, 2, "csongrád", "első"],
        ["2011.03.09.", "supervision", "1,5", "3", None, 42],
        [dt.date(2011, 3, 10), "Tréning", 0.1 + 0.2, 12.0, "Békés", dt.date(2011, 3, 1)],
        [],  # an empty row in the middle
        [None, None, None, None, None, "   "],  # a row of nothing but a space
    ])
    code, out, err = run(capsys, path)
    assert (code, err) == (0, ""), err
    assert out.startswith("Written to projects/demo/actuals/2011-03.yaml (+3)\n")
    assert recorded(projects).endswith(
        "- date: 2011-03-08\n  activity: consultation\n  hours: 1.5\n  participants: 2\n"
        "  county: Csongrád\n  note: első\n"
        "- date: 2011-03-09\n  activity: supervision\n  hours: 1.5\n  participants: 3\n"
        '  note: "42"\n'
        "- date: 2011-03-10\n  activity: training\n  hours: 0.3\n  participants: 12\n"
        '  county: Békés\n  note: "2011-03-01"\n'
    )


def test_a_cell_that_is_no_value_of_its_field_is_told_at_its_cell(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = workbook([
        [dt.datetime(2011, 3, 8, 10, 30), "Konzultáció", True, 1.5, None, None],
        [40610, "Konzultáció", 2, 1, None, None],
        # a duration typed as 1:30 (Excel makes it a time) in the hours column: an hour and a half
        [dt.date(2011, 3, 9), "Konzultáció", dt.time(1, 30), 1, "Pest", None],
    ])
    before = snapshot(projects)
    code, out, err = run(capsys, path)
    assert (code, out) == (1, "")
    assert [line for line in err.splitlines() if not line.startswith("  ")] == [
        "naplo.xlsx:Napló!A2: error R601 column 'Dátum': '2011-03-08 10:30:00' is not a valid "
        "date [A304]",
        "naplo.xlsx:Napló!C2: error R601 column 'Óra': hours must be a number, not true [A309]",
        "naplo.xlsx:Napló!D2: error R601 column 'Résztvevők': participants must be a whole "
        "number of zero or more, not 1.5 [A310]",
        "naplo.xlsx:Napló!A3: error R601 column 'Dátum': '40610' is not a valid date [A304]",
        "naplo.xlsx:Napló!E4: error R601 column 'Megye': value 'Pest' is not allowed for "
        "dimension 'county' (allowed: 'Csongrád', 'Békés', 'Bács-Kiskun') [A308]",
    ]
    code, out, _ = run(capsys, workbook([[dt.date(2011, 3, 9), "Konzultáció", dt.time(1, 30), 1],
                                         [dt.date(2011, 3, 10), "Konzultáció",
                                          dt.timedelta(hours=26, minutes=15), 1]]), "--dry-run")
    assert code == 0
    assert "  hours: 1.5\n" in out
    assert "  hours: 26.25\n" in out
    assert snapshot(projects) == before


def test_a_formula_gives_the_value_the_file_saved_or_is_refused_at_its_cell(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = workbook([
        [dt.date(2011, 3, 8), "Konzultáció", "=1+1", 1, None, '="első "&"alkalom"'],
        [dt.date(2011, 3, 9), "Konzultáció", "=1/0", 1, None, None],
        [dt.date(2011, 3, 10), "Konzultáció", "=SUM(C2:C3)", 1, None, None],
        [dt.date(2011, 3, 11), "Konzultáció", "#N/A", 1, None, None],  # typed: an error value
    ])
    before = snapshot(projects)
    code, out, err = run(capsys, path)  # openpyxl saved no value of any formula
    assert (code, out) == (1, "")
    assert re.findall(r"^naplo\.xlsx:\S+ error \w+ .*$", err, re.MULTILINE)[:4] == [
        "naplo.xlsx:Napló!C2: error I715 the cell holds a formula (=1+1) whose value is not "
        "saved in the file",
        "naplo.xlsx:Napló!F2: error I715 the cell holds a formula (=\"első \"&\"alkalom\") whose "
        "value is not saved in the file",
        "naplo.xlsx:Napló!C3: error I715 the cell holds a formula (=1/0) whose value is not saved "
        "in the file",
        "naplo.xlsx:Napló!C4: error I715 the cell holds a formula (=SUM(C2:C3)) whose value is "
        "not saved in the file",
    ]
    assert snapshot(projects) == before

    save_values(path, "Napló", {"C2": 2, "F2": "első alkalom", "C3": "#DIV/0!", "C4": 2})
    code, out, err = run(capsys, path)
    assert (code, out) == (1, "")
    assert err.startswith(
        "naplo.xlsx:Napló!C3: error I716 the cell holds the error value #DIV/0!\n"
        "  hint: correct the formula or the value; the row is checked once the cell is fixed\n"
        "naplo.xlsx:Napló!C5: error I716 the cell holds the error value #N/A\n"
    ), err
    assert snapshot(projects) == before

    path = workbook([[dt.date(2011, 3, 8), "Konzultáció", "=1+1", 1, None, '="első "&"alkalom"']])
    save_values(path, "Napló", {"C2": 2, "F2": "első alkalom"})
    assert run(capsys, path)[0] == 0
    assert recorded(projects).endswith("  hours: 2\n  participants: 1\n  note: első alkalom\n")


def test_empty_rows_at_the_end_and_a_stale_dimension_change_nothing(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Napló"
    sheet.append(HEADER)
    sheet.append([dt.date(2011, 3, 8), "Konzultáció", 1, 1])
    sheet.append([dt.date(2011, 3, 9), "Konzultáció", 2, 1])
    for row in range(4, 3000):  # formatted to the bottom, as a whole column is
        sheet.cell(row, 3).number_format = "0.0"
    book.save("naplo.xlsx")
    # the sheet says it ends at B2 (a program that wrote it did not count): a reader that
    # trusts it would miss a row and two columns
    rewrite_sheet(Path("naplo.xlsx"), "Napló",
                  lambda xml: re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:B2"', xml))
    code, out, err = run(capsys, Path("naplo.xlsx"))
    assert (code, err) == (0, "")
    assert out.startswith("Written to projects/demo/actuals/2011-03.yaml (+2)\n")
    assert recorded(projects).endswith("  hours: 2\n  participants: 1\n")


def test_re_importing_with_more_rows_adds_only_the_new_ones(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows: list[list[object]] = [[dt.date(2011, 3, day), "Konzultáció", 1, 1] for day in (8, 9)]
    assert run(capsys, workbook(rows))[0] == 0
    rows.append([dt.date(2011, 3, 10), "Konzultáció", 1, 1])
    code, out, err = run(capsys, workbook(rows))
    assert code == 1
    assert "error R606 nothing was written: 2 new entry/entries are already recorded" in err
    assert "naplo.xlsx:Napló!A2: warning R603 the same entry is already recorded at" in err
    code, out, _ = run(capsys, workbook(rows), "--skip-duplicates")
    assert code == 0
    assert out.startswith("Written to projects/demo/actuals/2011-03.yaml (+1)\n"
                          "2 already recorded entries skipped\n")


def test_the_sheet_is_the_one_named_else_the_template_s_else_the_first_visible_one(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = openpyxl.Workbook()
    hidden = book.active
    assert hidden is not None
    hidden.title = "Régi"
    hidden.append(["nem", "fejléc"])
    hidden.sheet_state = "hidden"
    other = book.create_sheet("Összesítő")
    other.append(["Összesen", 3])
    for title, day in (("Napló 2011", 8), ("Napló", 9)):
        sheet = book.create_sheet(title)
        sheet.append(HEADER)
        sheet.append([dt.date(2011, 3, day), "Konzultáció", 1, 1])
    book.active = 1
    book.save("naplo.xlsx")
    path = Path("naplo.xlsx")
    assert "2011-03-09" in run(capsys, path, "--dry-run")[1]
    assert "2011-03-08" in run(capsys, path, "--dry-run", "--sheet", "napló 2011")[1]
    code, out, err = run(capsys, path, "--sheet", "Összesítő")
    assert (code, out) == (1, "")
    assert err.startswith("naplo.xlsx:Összesítő!A1: error I702 the file has no header row\n")
    code, _, err = run(capsys, path, "--sheet", "Munka1")
    assert code == 2
    assert "naplo.xlsx has no sheet 'Munka1' (its sheets: 'Régi', 'Összesítő', 'Napló 2011', " \
           "'Napló')" in err
    del book["Napló"]
    book.save(path)
    assert "2011-03-08" not in run(capsys, path, "--dry-run")[1]  # the first visible: Összesítő
    code, _, err = run(capsys, path, "--sheet", "Napló 2011", "--encoding", "cp1250")
    assert code == 2
    assert "--encoding is for a CSV file" in err


def test_a_place_in_a_sheet_whose_name_has_a_space_is_quoted_as_a_formula_quotes_it(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = workbook([[dt.date(2011, 3, 8), "konzultálás", 1, 1]], title="Napló 2011")
    code, _, err = run(capsys, path)
    assert code == 1
    assert err.startswith("naplo.xlsx:'Napló 2011'!B2: error R601 column 'Tevékenység': ")


def test_the_header_in_either_language_and_a_first_row_of_data(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    english = ["Date", "Activity", "Hours", "Participants", "County", "Note"]
    row: list[object] = [dt.date(2011, 3, 8), "Consultation", 1, 1, "Békés", "angol"]
    assert run(capsys, workbook([row], header=english), "--lang", "hu")[0] == 0
    before = snapshot(projects)
    code, out, err = run(capsys, workbook([row], header=row))
    assert (code, out) == (1, "")
    assert err == (
        "naplo.xlsx:Napló!A1: error I702 the file has no header row\n"
        "  hint: the first row names the columns: date, activity, hours, …\n"
    )
    code, _, err = run(capsys, workbook([], header=[]))
    assert err.startswith("naplo.xlsx:Napló!A1: error I702 the file has no header row\n")
    code, _, err = run(capsys, workbook([row], header=["Dátum", "Megjegyzés"]))
    assert code == 1
    assert err.startswith(
        "naplo.xlsx:Napló!A1: error I704 no column for 'activity' (e.g. activity, tevékenység)"
    )
    assert snapshot(projects) == before


def test_a_csv_file_whose_first_row_is_data_has_no_header_row(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Path("rows.csv").write_text("2011-03-08;Konzultáció;1\n", encoding="utf-8")
    code, _, err = run(capsys, Path("rows.csv"))
    assert (code, err.splitlines()[0]) == (1, "rows.csv:1:1: error I702 the file has no header row")


def _encrypted(path: Path) -> Path:
    target = path.with_name("titkos.xlsx")
    with path.open("rb") as source, target.open("wb") as out:
        msoffcrypto.format.ooxml.OOXMLFile(source).encrypt("jelszó", out)
    return target


def _ole_file(path: Path) -> Path:
    """A compound file that is no encrypted workbook (an .xls's container)."""
    encrypted = _encrypted(path).read_bytes()
    path.write_bytes(encrypted.replace("EncryptedPackage".encode("utf-16-le"),
                                       "WorkbookPackage!".encode("utf-16-le")))
    return path


def _truncated(path: Path) -> Path:
    path.write_bytes(path.read_bytes()[:-200])
    return path


def _ods(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    return path


def _zip_of_something_else(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    return path


def _text(path: Path) -> Path:
    path.write_text("Dátum;Tevékenység\n2011.03.08.;Konzultáció\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (_text, "error I713 not an xlsx workbook szaktar can read: it is not a zip archive, as an "
                "xlsx workbook is (a CSV or text file with another name?)"),
        (_encrypted, "error I714 the workbook is encrypted (protected by a password)"),
        (_ole_file, "error I713 not an xlsx workbook szaktar can read: it is an Excel 97–2003 "
                    "workbook (.xls)"),
        (_ods, "error I713 not an xlsx workbook szaktar can read: it is an OpenDocument "
               "spreadsheet (.ods)"),
        (_truncated, "error I713 not an xlsx workbook szaktar can read: the archive is damaged"),
        (_zip_of_something_else, "error I713 not an xlsx workbook szaktar can read: the archive "
                                 "is damaged"),
    ],
    ids=["text", "encrypted", "xls", "ods", "truncated", "other-zip"],
)
def test_a_file_that_is_no_readable_workbook_is_named_for_what_it_is(
    projects: Path, capsys: pytest.CaptureFixture[str], make: object, expected: str
) -> None:
    path = make(workbook([[dt.date(2011, 3, 8), "Konzultáció", 1, 1]]))  # type: ignore[operator]
    before = snapshot(projects)
    code, out, err = run(capsys, path)
    assert (code, out) == (1, "")
    assert err.startswith(f"{path.name}: {expected}"), err
    assert "\n  hint: " in err
    assert snapshot(projects) == before


def test_a_workbook_under_another_name_is_read_as_one_and_csv_options_do_not_apply(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = workbook([[dt.date(2011, 3, 8), "Konzultáció", 1, 1]], name="naplo.csv")
    assert run(capsys, path, "--dry-run")[0] == 0
    Path("rows.csv").write_text("date;activity\n2011-03-08;consultation\n", encoding="utf-8")
    code, _, err = run(capsys, Path("rows.csv"), "--sheet", "Napló")
    assert code == 2
    assert "--sheet is for a workbook (.xlsx); rows.csv is read as CSV" in err


def test_more_rows_than_an_import_takes_are_refused_without_reading_on(
    projects: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(table_entries, "MAX_ROWS", 3)
    rows: list[list[object]] = [[dt.date(2011, 3, day), "Konzultáció", 1, 1] for day in range(1, 6)]
    before = snapshot(projects)
    code, out, err = run(capsys, workbook(rows))
    assert (code, out) == (1, "")
    assert err == (
        "naplo.xlsx:Napló!A5: error I712 more than 3 rows of entries: one import takes at most 3\n"
        "  hint: split the file (a file a year, say) and import the parts one after the other; "
        "nothing was written\n"
    )
    Path("rows.csv").write_text(
        "date;activity\n" + "".join(f"2011-03-0{day};consultation\n" for day in range(1, 6)),
        encoding="utf-8",
    )
    code, _, err = run(capsys, Path("rows.csv"))
    assert (code, err.splitlines()[0]) == (
        1, "rows.csv:5:1: error I712 more than 3 rows of entries: one import takes at most 3"
    )
    assert snapshot(projects) == before


@pytest.mark.parametrize(
    ("row", "column", "name"),
    [(14, 3, "C14"), (1, 1, "A1"), (2, 26, "Z2"), (2, 27, "AA2"), (9, 16384, "XFD9")],
)
def test_cell_names(row: int, column: int, name: str) -> None:
    assert cell_name(row, column) == name


def test_a_place_in_a_sheet_in_every_format() -> None:
    found = diag("I716", "naplo.xlsx", 14, 3, value="#N/A").in_sheet("Napló")
    assert found.place == "naplo.xlsx:Napló!C14"
    assert as_text(found, "en").startswith("naplo.xlsx:Napló!C14: error I716 ")
    assert as_github(found, "en").startswith(
        "::error file=naplo.xlsx,line=14,col=3,title=I716::Napló!C14: the cell holds"
    )
    assert '"sheet": "Napló",\n      "line": 14,' in as_json([found], "en")
    whole = Diagnostic("I714", "titkos.xlsx")
    assert whole.place == "titkos.xlsx"
    assert "sheet" not in as_json([whole], "en")
    assert diag("I702", "naplo.xlsx").in_sheet("It's").place == "naplo.xlsx:'It''s'"
