"""Workbooks as a user leaves them: a template filled in, a formula's value saved as Excel saves
it (openpyxl saves formulas without their values), a sheet's dimension gone stale."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path

import openpyxl
import pytest


def fill(
    path: Path, rows: Sequence[Sequence[object]], sheet: str | None = None, first: int = 2
) -> None:
    """Type `rows` into the sheet (the first, unless named) from row `first`, as a user would:
    each value into its cell as it is (no check of Excel's stops it, as when pasting)."""
    workbook = openpyxl.load_workbook(path)
    target = workbook[sheet] if sheet is not None else workbook.worksheets[0]
    for row_number, row in enumerate(rows, start=first):
        for column_number, value in enumerate(row, start=1):
            cell = target.cell(row_number, column_number)
            cell.value = value
            shown = target.column_dimensions[cell.column_letter].number_format
            if isinstance(value, dt.date) and shown != "General":
                cell.number_format = shown  # a day typed takes its column's format
    workbook.save(path)


HUNGARIAN_DAY = re.compile(r"(\d{4})\.(\d{2})\.(\d{2})\.")
DECIMAL = re.compile(r"\d+(,\d+)?")


def typed_as_excel(text: str) -> object:
    """What a Hungarian Excel makes of what is typed into a cell: a day, a number, or text
    (nothing, for nothing)."""
    day = HUNGARIAN_DAY.fullmatch(text)
    if day:
        return dt.date(*(int(part) for part in day.groups()))
    if DECIMAL.fullmatch(text):
        number = float(text.replace(",", "."))
        return int(number) if number.is_integer() else number
    return text or None


def type_into(path: Path, cells: Mapping[str, object], sheet: str | None = None) -> None:
    """Type each value into its cell (`{"B5": "Konzultáció"}`), the others left as they are."""
    workbook = openpyxl.load_workbook(path)
    target = workbook[sheet] if sheet is not None else workbook.worksheets[0]
    for reference, value in cells.items():
        target[reference].value = value
    workbook.save(path)


def sheet_part(archive: zipfile.ZipFile, title: str) -> str:
    """The archive's part that holds the sheet titled `title`."""
    workbook = archive.read("xl/workbook.xml").decode()
    relations = archive.read("xl/_rels/workbook.xml.rels").decode()
    match = re.search(rf'<sheet [^>]*name="{re.escape(title)}"[^>]*r:id="(\w+)"', workbook)
    assert match is not None, title
    target = re.search(rf'Id="{match.group(1)}"[^>]*Target="([^"]+)"', relations) or re.search(
        rf'Target="([^"]+)"[^>]*Id="{match.group(1)}"', relations
    )
    assert target is not None
    return "xl/" + target.group(1).removeprefix("/xl/")


def rewrite_sheet(path: Path, title: str, change: object) -> None:
    """Rewrite the XML of one sheet of the workbook at `path` with `change(xml) -> xml`."""
    with zipfile.ZipFile(path) as archive:
        part = sheet_part(archive, title)
        items = [(info, archive.read(info.filename)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in items:
            changed = change(data.decode()).encode() if info.filename == part else data  # type: ignore[operator]
            archive.writestr(info, changed)


def save_values(path: Path, title: str, values: Mapping[str, object]) -> None:
    """Save each formula's value as Excel does (`{"C7": 4, "D5": "#DIV/0!"}`): an error value
    as one (t="e"), text as a string, a number as a number."""

    def change(xml: str) -> str:
        for reference, value in values.items():
            kind = ' t="e"' if str(value).startswith("#") else ' t="str"' if isinstance(
                value, str) else ""
            xml, found = re.subn(
                rf'<c r="{reference}"([^>]*)><f>(.*?)</f><v\s*/>',
                rf'<c r="{reference}"\1{kind}><f>\2</f><v>{value}</v>',
                xml,
            )
            assert found == 1, reference
        return xml

    rewrite_sheet(path, title, change)


def soffice() -> str:
    """LibreOffice's program, or the test is skipped saying how to install it."""
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        pytest.skip(
            "LibreOffice is not installed (Debian: apt-get install libreoffice-calc); "
            ".ci/run installs it where apt-get is available"
        )
    return program


def convert(source: Path, target_format: str, out: Path) -> Path:
    """LibreOffice, headless, converts `source` (`xlsx`, `csv:…` with a filter's options)."""
    out.mkdir(parents=True, exist_ok=True)
    profile = out / "profile"
    subprocess.run(
        [
            soffice(), f"-env:UserInstallation=file://{profile}", "--headless",
            "--convert-to", target_format, "--outdir", str(out), str(source),
        ],
        check=True, capture_output=True, timeout=180,
    )
    suffix = target_format.split(":", 1)[0]
    return out / f"{source.stem}.{suffix}"
