"""The export writers (render/export_*.py) on a hand-made table: CSV quoting, the Excel dialect
read back with the csv module, JSON types, Markdown escaping, XLSX read back with openpyxl, and
formula-injection neutralisation in every spreadsheet format."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import time
import zipfile

import pytest
from openpyxl import load_workbook

from szaktar_cli.compute.tables import Column, ExportTable, Grid, ProjectHeading
from szaktar_cli.core.periods import ReportPeriod
from szaktar_cli.core.statuses import STATUS_WORDS
from szaktar_cli.core.text import FORMULA_TRIGGERS, text_marked
from szaktar_cli.render import export_csv, export_json, export_markdown, export_xlsx
from szaktar_cli.render.export_cells import plain_number

D = dt.date
COLUMNS = (
    Column("project", "text", "project", "projekt"),
    Column("date", "date", "date", "dátum"),
    Column("hours", "number", "hours", "óra"),
    Column("percent", "percent", "percent", "teljesítés"),
    Column("unit", "unit", "unit", "mértékegység"),
    Column("status", "code", "status", "állapot", codes=STATUS_WORDS),
    Column("note", "text", "note", "megjegyzés"),
)
ROWS = (
    ("p1", D(2011, 3, 3), 2.5, 36.5, "hour", "on_track", 'vessző, "idézet"\nsor'),
    ("p1", D(2011, 3, 20), -5.0, None, "person", "no_target", None),
    ("p2", D(2011, 3, 25), 3000.0, 100.0, "hour", "met", "| cső"),
)
SUMMARY = Grid(
    (Column("project", "text", "project", "projekt"), Column("rows", "number", "rows", "sorok")),
    (("p1", 2.0), ("p2", 1.0)),
)
TABLE = ExportTable(
    "indicators",
    ReportPeriod(D(2011, 3, 1), D(2011, 3, 31)),
    D(2011, 4, 15),
    (ProjectHeading("p1", "Első"), ProjectHeading("p2", "Második")),
    COLUMNS,
    ROWS,
    SUMMARY,
)
# Every trigger, a text that only contains one, and a negative number (which stays a number).
ATTACKS = ('=HYPERLINK("http://x")', "+36 1 234", "-5 fő", "@SUM(A1)", "\tbehúzott", "\rsor", "a=b")
INJECTION = ExportTable(
    "entries",
    TABLE.period,
    TABLE.as_of,
    (ProjectHeading("p1", "Első"),),
    (
        Column("project", "text", "project", "projekt"),
        Column("value", "number", "value", "érték"),
        Column("note", "text", "note", "megjegyzés"),
    ),
    tuple(("p1", -7.0, attack) for attack in ATTACKS),
    Grid((Column("project", "text", "project", "projekt"),), (("p1",),)),
)


def test_plain_numbers_have_no_fraction_when_whole() -> None:
    assert [plain_number(value) for value in (10.0, 2.5, -3.5, 3000.0, 0.1)] == [
        "10",
        "2.5",
        "-3.5",
        "3000",
        "0.1",
    ]
    assert plain_number(2.5, ",") == "2,5"


def test_csv_is_rfc_4180_with_english_keys_and_codes() -> None:
    data = export_csv.render(TABLE, "csv", "hu")
    assert data.decode("utf-8") == (
        "project,date,hours,percent,unit,status,note\r\n"
        'p1,2011-03-03,2.5,36.5,hour,on_track,"vessző, ""idézet""\nsor"\r\n'
        "p1,2011-03-20,-5,,person,no_target,\r\n"
        "p2,2011-03-25,3000,100,hour,met,| cső\r\n"
    )
    assert not data.startswith(b"\xef\xbb\xbf")
    assert (
        list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))[1][6]
        == 'vessző, "idézet"\nsor'
    )


def test_tsv_uses_tabs() -> None:
    assert export_csv.render(TABLE, "tsv").decode("utf-8").split("\r\n")[:2] == [
        "project\tdate\thours\tpercent\tunit\tstatus\tnote",
        'p1\t2011-03-03\t2.5\t36.5\thour\ton_track\t"vessző, ""idézet""\nsor"',
    ]


def test_excel_dialect_reads_back_with_bom_semicolons_and_decimal_commas() -> None:
    data = export_csv.render(TABLE, "excel", "hu")
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows == [
        ["projekt", "dátum", "óra", "teljesítés", "mértékegység", "állapot", "megjegyzés"],
        ["p1", "2011-03-03", "2,5", "36,5", "óra", "terv szerint halad", 'vessző, "idézet"\nsor'],
        ["p1", "2011-03-20", "-5", "", "fő", "csak követett", ""],
        ["p2", "2011-03-25", "3000", "100", "óra", "teljesült", "| cső"],
    ]
    assert csv.Sniffer().sniff(text.splitlines()[0]).delimiter == ";"
    english = list(
        csv.reader(
            io.StringIO(export_csv.render(TABLE, "excel", "en").decode("utf-8-sig")), delimiter=";"
        )
    )
    assert english[0][5] == "status"
    assert english[1][4:6] == ["hours", "on track"]


def test_json_keeps_types() -> None:
    document = json.loads(export_json.render(TABLE))
    assert document["kind"] == "indicators"
    assert document["period"] == {"label": "2011-03", "start": "2011-03-01", "end": "2011-03-31"}
    assert document["as_of"] == "2011-04-15"
    assert document["projects"] == [{"id": "p1", "title": "Első"}, {"id": "p2", "title": "Második"}]
    assert document["rows"][1] == {
        "project": "p1",
        "date": "2011-03-20",
        "hours": -5,
        "percent": None,
        "unit": "person",
        "status": "no_target",
        "note": None,
    }
    assert isinstance(document["rows"][0]["hours"], float)
    assert isinstance(document["rows"][2]["hours"], int)


def test_markdown_has_a_section_per_project_and_escapes_pipes() -> None:
    text = export_markdown.render(TABLE, "hu").decode("utf-8")
    assert text.startswith("# Mutatók, 2011-03 (állapot: 2011-04-15)\n\n## Első (`p1`)\n\n| dátum")
    assert "## Második (`p2`)" in text
    assert "\\| cső" in text
    assert "3\xa0000" in text  # Hungarian grouping: a no-break space
    assert "36,5%" in text
    assert "terv szerint halad" in text
    assert 'vessző, "idézet" sor' in text  # a line break would end the table row


def _workbook(data: bytes):  # type: ignore[no-untyped-def]
    return load_workbook(io.BytesIO(data))


def test_xlsx_reads_back_typed_with_frozen_filterable_sheets() -> None:
    workbook = _workbook(export_xlsx.render(TABLE, "hu"))
    assert workbook.sheetnames == ["Összesítő", "p1", "p2"]
    summary = workbook["Összesítő"]
    assert [[cell.value for cell in row] for row in summary.iter_rows()] == [
        ["projekt", "sorok"],
        ["p1", 2],
        ["p2", 1],
    ]
    sheet = workbook["p1"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:G3"
    assert workbook["p2"].auto_filter.ref == "A1:G2"
    assert [cell.value for cell in sheet[1]] == [
        "projekt",
        "dátum",
        "óra",
        "teljesítés",
        "mértékegység",
        "állapot",
        "megjegyzés",
    ]
    assert all(cell.font.b for cell in sheet[1])
    _, date, hours, percent, unit, status, note = sheet[2]
    assert (date.value, date.number_format, date.is_date) == (
        dt.datetime(2011, 3, 3),
        "yyyy-mm-dd",
        True,
    )
    assert (hours.value, hours.data_type, hours.number_format) == (2.5, "n", "#,##0.0#")
    assert (percent.value, percent.number_format) == (0.365, "0.0%")
    assert (unit.value, status.value) == ("óra", "terv szerint halad")
    assert note.value == 'vessző, "idézet"\nsor'
    assert (sheet["C3"].value, sheet["C3"].number_format) == (-5, "#,##0")
    assert sheet["D3"].value is None
    assert workbook["p2"]["C2"].value == 3000
    assert sheet.column_dimensions["A"].width == len("projekt") + 2
    assert sheet.column_dimensions["F"].width == len("terv szerint halad") + 2
    assert workbook.properties.creator == "szaktar"
    assert workbook.properties.created == workbook.properties.modified == dt.datetime(2011, 4, 15)


def test_xlsx_is_the_same_bytes_whatever_the_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    first = export_xlsx.render(TABLE, "en")
    monkeypatch.setattr(time, "time", lambda: 2_000_000_000.0)
    second = export_xlsx.render(TABLE, "en")
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_sheet_titles_are_short_and_unique() -> None:
    long_id = "a-very-long-project-identifier-of-forty"
    table = ExportTable(
        "indicators",
        TABLE.period,
        TABLE.as_of,
        (
            ProjectHeading("summary", "S"),
            ProjectHeading(long_id, "L"),
            ProjectHeading(long_id + "2", "M"),
        ),
        COLUMNS,
        (),
        SUMMARY,
    )
    names = _workbook(export_xlsx.render(table, "en")).sheetnames
    assert names == ["Summary", "summary~2", long_id[:31], long_id[:29] + "~2"]


# --- formula injection --------------------------------------------------------------------


def test_every_trigger_is_neutralised_and_nothing_else() -> None:
    assert FORMULA_TRIGGERS == ("=", "+", "-", "@", "\t", "\r")
    assert [text_marked(text) for text in ATTACKS] == ["'" + text for text in ATTACKS[:-1]] + [
        "a=b"
    ]


@pytest.mark.parametrize("dialect", ["csv", "tsv", "excel"])
def test_delimited_text_cells_are_neutralised_numbers_stay_numbers(dialect: str) -> None:
    data = export_csv.render(INJECTION, dialect, "hu")  # type: ignore[arg-type]
    delimiter = {"csv": ",", "tsv": "\t", "excel": ";"}[dialect]
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter))[
        1:
    ]
    assert [row[2] for row in rows] == ["'" + text for text in ATTACKS[:-1]] + ["a=b"]
    assert {row[1] for row in rows} == {"-7"}


def test_xlsx_text_cells_never_run_numbers_stay_numbers() -> None:
    sheet = _workbook(export_xlsx.render(INJECTION, "en"))["p1"]
    notes = [sheet.cell(row, 3) for row in range(2, 2 + len(ATTACKS))]
    # XML keeps a carriage return as a line feed
    assert [cell.value for cell in notes] == [text.replace("\r", "\n") for text in ATTACKS]
    assert {cell.data_type for cell in notes} == {"s"}  # text, not a formula ("f")
    assert [cell.quotePrefix for cell in notes] == [True] * 6 + [False]
    values = [sheet.cell(row, 2) for row in range(2, 2 + len(ATTACKS))]
    assert {(cell.value, cell.data_type) for cell in values} == {(-7, "n")}


def test_xlsx_archive_holds_no_formula() -> None:
    with zipfile.ZipFile(io.BytesIO(export_xlsx.render(INJECTION, "en"))) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/")]
        assert sheets
        assert not any(b"<f>" in archive.read(name) for name in sheets)
