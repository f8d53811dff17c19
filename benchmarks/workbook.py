"""Importing workbooks: what `szaktar import FILE.xlsx` costs, against openpyxl reading the same
sheet, each run in a fresh process.

    python benchmarks/workbook.py --rows 100000 --large 1000000

Writes (seeded, the same bytes every time) a project like the README's tutorial and, with
openpyxl's write-only mode, three workbooks of its `szaktar template` layout: `--rows` rows of
entries (at most one import's worth, `MAX_ROWS`); `--large` rows of entries (more than an import
takes: refused with I712 once the row after the limit is read, nothing written); and one row
of entries above `--large` rows formatted to the bottom but empty (as a sheet whose whole
column has a number format: read to the end, every empty row skipped). Then it times, in fresh
processes (run.py's way: the median wall and CPU time, and the peak RSS from `wait4`):

- the floor: openpyxl's read-only mode going through every cell of the `--rows` workbook, as
  any reader of it must;
- `szaktar import --dry-run` of the `--rows` workbook, and of the same rows as a CSV file (the
  pipeline after the reading is one);
- `szaktar import` of the `--large` workbook (exit 1, I712) and of the formatted one.

The workbooks are kept in benchmarks/data/workbooks-<rows>-<large>/.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

from run import Case, run_once, szaktar, table

HERE = Path(__file__).resolve().parent
PROJECT = "naplo"
FIRST_DAY = dt.date(2022, 1, 3)
DAYS = 2 * 365
HEADER = ("Dátum", "Tevékenység", "Óra", "Résztvevők", "Helyszín", "Megjegyzés")
ACTIVITIES = ("Konzultáció", "Konzultáció", "Konzultáció", "Tréning", "Esetkonferencia")
PLACES = ("Szeged", "Szentes", "Makó", "Hódmezővásárhely", "Csongrád")
HOURS = (1, 1.5, 2, 2, 3, 4, 6)
NOTES = (None, None, "csoportos", "telefonos utánkövetés", "esetmegbeszélés módszertana")
PROJECT_YAML = f"""\
id: {PROJECT}
title: Napló (benchmark)
start: {FIRST_DAY.isoformat()}
end: {(FIRST_DAY + dt.timedelta(days=DAYS)).isoformat()}
activities:
  consultation: {{name: Konzultáció, name_en: Consultation}}
  training: {{name: Tréning, name_en: Training}}
  case_conference: {{name: Esetkonferencia, name_en: Case conference}}
dimensions:
  place: {{name: Helyszín, values: [{", ".join(PLACES)}]}}
indicators:
  consultation_hours:
    name: Konzultációs órák
    unit: hour
    measure: {{sum: hours, activities: [consultation]}}
    target: {{min: 100000, source: "benchmark"}}
  participants:
    name: Résztvevők
    unit: person
    measure: {{sum: participants}}
"""
# openpyxl through every cell of the sheet, as szaktar reads it (cells, not only their values)
FLOOR = """\
import sys, openpyxl
sheet = openpyxl.load_workbook(sys.argv[1], read_only=True).worksheets[0]
sheet.reset_dimensions()
cells = sum(1 for row in sheet.iter_rows() for cell in row if cell.value is not None)
"""


def rows(count: int, seed: int) -> list[tuple[object, ...]]:
    """`count` rows of entries, as a diary has them (a few alike rows are real: no duplicates
    are refused in a dry run of a project without entries)."""
    chance = random.Random(seed)
    return [
        (
            FIRST_DAY + dt.timedelta(days=chance.randrange(DAYS)),
            chance.choice(ACTIVITIES),
            chance.choice(HOURS),
            chance.randrange(1, 16),
            chance.choice(PLACES),
            chance.choice(NOTES),
        )
        for _ in range(count)
    ]


def write_workbook(path: Path, count: int, *, formatted: int = 0, seed: int = 1) -> None:
    """A workbook of the template's layout with `count` rows of entries, then `formatted` rows
    that hold nothing but a number format (write-only: streamed to the file)."""
    from openpyxl import Workbook  # noqa: PLC0415  # in the child that writes, not in run.py's
    from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Napló")
    sheet.append(HEADER)
    for row in rows(count, seed):
        sheet.append(row)
    empty = WriteOnlyCell(sheet)
    empty.number_format = "0.0"
    for _ in range(formatted):
        sheet.append([None, None, empty])
    temporary = path.with_suffix(".tmp")
    workbook.save(temporary)
    temporary.replace(path)


def write_csv(path: Path, count: int, seed: int = 1) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        handle.write(";".join(HEADER) + "\n")
        for day, activity, hours, participants, place, note in rows(count, seed):
            hours_text = str(hours).replace(".", ",")
            handle.write(f"{day:%Y.%m.%d.};{activity};{hours_text};{participants};{place};"
                         f"{note or ''}\n")


def prepare(data: Path, count: int, large: int) -> dict[str, Path]:
    """The project and the files to import (made once; kept for the next run)."""
    project = data / "projects" / PROJECT
    project.mkdir(parents=True, exist_ok=True)
    (project / "project.yaml").write_text(PROJECT_YAML, encoding="utf-8")
    files = {
        "rows": data / f"rows-{count}.xlsx",
        "csv": data / f"rows-{count}.csv",
        "large": data / f"rows-{large}.xlsx",
        "formatted": data / f"formatted-{large}.xlsx",
    }
    makers = {
        "rows": lambda path: write_workbook(path, count),
        "csv": lambda path: write_csv(path, count),
        "large": lambda path: write_workbook(path, large, seed=2),
        "formatted": lambda path: write_workbook(path, 1, formatted=large, seed=3),
    }
    for name, path in files.items():
        if not path.exists():
            print(f"writing {path.name} …", file=sys.stderr)
            makers[name](path)
    return files


def import_limit() -> int:
    """MAX_ROWS, asked of a child (importing szaktar here would swell every child's peak RSS)."""
    code = "from szaktar_cli.read.table_entries import MAX_ROWS; print(MAX_ROWS)"
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return int(done.stdout)


def cases(data: Path, files: dict[str, Path], count: int, large: int) -> list[Case]:
    projects = str(data / "projects")
    refused = large > import_limit()

    def importing(path: Path, *more: str) -> list[str]:
        return szaktar("import", PROJECT, str(path), "--projects", projects,
                       "--as-of", "2024-12-31", *more)

    return [
        Case(f"floor: openpyxl read-only, every cell of {count} rows",
             [sys.executable, "-c", FLOOR, str(files["rows"])]),
        Case(f"`szaktar import --dry-run`, {count} rows (xlsx)",
             importing(files["rows"], "--dry-run")),
        Case(f"`szaktar import --dry-run`, {count} rows (CSV)",
             importing(files["csv"], "--dry-run")),
        Case(f"`szaktar import`, {large} rows" + (" (refused: I712)" if refused else ""),
             importing(files["large"], "--dry-run"), expected_exit=1 if refused else 0),
        Case(f"`szaktar import`, 1 row and {large} formatted empty rows",
             importing(files["formatted"], "--dry-run")),
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.ArgumentDefaultsHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=100_000, help="rows of the importable one")
    parser.add_argument("--large", type=int, default=1_000_000, help="rows of the large ones")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each case")
    parser.add_argument("--data", type=Path, default=None,
                        help="where to keep the files [default: benchmarks/data/workbooks-…]")
    args = parser.parse_args(argv)
    data = args.data or HERE / "data" / f"workbooks-{args.rows}-{args.large}"
    files = prepare(data, args.rows, args.large)
    base_env = {key: value for key, value in os.environ.items() if not key.startswith("SZAKTAR_")}
    base_env |= {"NO_COLOR": "1", "SZAKTAR_LANG": "en"}
    with tempfile.TemporaryDirectory(prefix="szaktar-bench-") as temporary:
        base_env["SZAKTAR_CACHE_DIR"] = temporary
        measured = cases(data, files, args.rows, args.large)
        for number in range(args.repeat):
            for case in measured:
                run_once(case, number, base_env)
    sizes = ", ".join(f"{path.name} {path.stat().st_size / 1e6:.1f} MB" for path in files.values())
    print(f"{sizes}; median of {args.repeat} run(s), {os.cpu_count()} CPUs\n")
    print(table(measured))


if __name__ == "__main__":
    main()
