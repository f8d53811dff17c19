"""A comma before exactly three digits (`1,500`) may group thousands (1500 forint) or be a
decimal comma (1.5 hours): `log` and `import` (a CSV cell, a workbook's text cell) refuse it
alike, with both readings, instead of storing one of them (issue 18)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from files import snapshot
from szaktar_cli.cli.main import main
from szaktar_cli.read.new_entries import to_number

AS_OF = "2011-12-31"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main([*args, "--projects", "projects", "--as-of", AS_OF, "--lang", "en"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize(
    ("option", "written", "field", "readings"),
    [
        ("--value", "1,500", "value", "1500 or 1.5"),
        ("--hours", "12,000", "hours", "12000 or 12"),
        ("--value", "-3,250", "value", "-3250 or -3.25"),
        ("--participants", "2,000", "participants", "2000 or 2"),
    ],
)
def test_log_refuses_a_comma_before_three_digits_with_both_readings(
    projects: Path, capsys: pytest.CaptureFixture[str], option: str, written: str, field: str,
    readings: str,
) -> None:
    before = snapshot(projects)
    code, out, err = run(capsys, "log", "demo", "--date", "2011-03-01", "--activity",
                         "consultation", option, written)
    assert (code, out) == (1, "")
    assert err.startswith(
        f"szaktar log: error R601 {option}: {field}: {written!r} is ambiguous: {readings}? "
        "[A315]\n  hint: "
    ), err
    assert snapshot(projects) == before


def test_import_refuses_it_in_a_csv_cell_and_in_a_workbook_text_cell(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv = projects.parent / "rows.csv"
    csv.write_text("dátum;tevékenység;óra;value\n2011-03-01;consultation;1,5;1,500\n",
                   encoding="utf-8")
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Napló"
    sheet.append(["Dátum", "Tevékenység", "Óra"])
    sheet.append(["2011-03-01", "consultation", "1,500"])
    book.save(projects.parent / "naplo.xlsx")
    before = snapshot(projects)
    assert run(capsys, "import", "demo", "rows.csv")[::2] == (
        1,
        "rows.csv:2:4: error R601 column 'value': value: '1,500' is ambiguous: 1500 or 1.5? "
        "[A315]\n"
        "  hint: a comma before three digits may separate thousands or decimals: write 1500 "
        "for the one, 1.5 for the other\n",
    )
    code, _, err = run(capsys, "import", "demo", "naplo.xlsx")
    assert code == 1
    assert err.startswith("naplo.xlsx:Napló!C2: error R601 column 'Óra': hours: '1,500' is "
                          "ambiguous: 1500 or 1.5? [A315]\n")
    assert snapshot(projects) == before


@pytest.mark.parametrize(
    ("written", "decimal_comma", "number"),
    [
        ("1,5", True, 1.5), ("2,25", True, 2.25), ("1 500", True, 1500), ("1 500", False, 1500),
        ("1 236,5", True, 1236.5), ("1.236,5", True, 1236.5), ("0,500", True, 0.5),
        ("1234,567", True, 1234.567), ("1.5", True, 1.5), ("1.500", False, 1.5),
    ],
)
def test_what_is_not_ambiguous_reads_as_before(
    written: str, decimal_comma: bool, number: float
) -> None:
    assert to_number(written, decimal_comma=decimal_comma) == number


@pytest.mark.parametrize("written", ["1,500", "12,000", "-3,250", "+999,999"])
def test_the_parser_leaves_an_ambiguous_comma_as_text(written: str) -> None:
    assert to_number(written, decimal_comma=True) == written
