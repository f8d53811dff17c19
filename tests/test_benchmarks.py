"""The benchmark keeps working: its data is valid and the same every time, and run.py runs.

No timings are asserted here (a test machine's speed is nobody's business); CI runs the
benchmark at 2000 entries, and docs/performance.md shows a run at 100 000.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from benchmark_scripts import BENCHMARKS, load_script
from szaktar_cli.cli.main import main

LAST_DAY = "2023-12-31"


def _run_script(script: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    """A script of benchmarks/ run as CI runs it, in a process of its own; it must succeed."""
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / script), *arguments],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stderr
    return done


generate = load_script("generate")


def contents(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*.yaml")}


def test_the_data_is_the_same_every_time(tmp_path: Path) -> None:
    spec = generate.Spec(entries=300, projects=2, seed=7)
    generate.generate(spec, tmp_path / "one")
    generate.generate(spec, tmp_path / "two")
    assert contents(tmp_path / "one") == contents(tmp_path / "two")
    generate.generate(generate.Spec(entries=300, projects=2, seed=8), tmp_path / "three")
    assert contents(tmp_path / "three") != contents(tmp_path / "one")


def test_the_entries_are_spread_over_projects_and_24_months(tmp_path: Path) -> None:
    directories = generate.generate(generate.Spec(entries=300, projects=2, seed=7), tmp_path)
    assert [directory.name for directory in directories] == ["bench-01", "bench-02"]
    for directory in directories:
        months = sorted(path.stem for path in (directory / "actuals").glob("*.yaml"))
        assert months[0] == "2022-01"
        assert months[-1] == "2023-12"
        assert len(months) == 24
    dashes = sum(
        line.startswith("- date: ")
        for directory in directories
        for path in (directory / "actuals").glob("*.yaml")
        for line in path.read_text(encoding="utf-8").splitlines()
    )
    assert dashes == 300


def test_the_data_is_valid_without_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    generate.generate(generate.Spec(entries=500, projects=3, seed=2011), tmp_path)
    assert main(["validate", str(tmp_path), "--as-of", LAST_DAY, "--lang", "en"]) == 0
    assert capsys.readouterr().err == "3 project(s) valid\n"
    status = ["status", "--projects", str(tmp_path), "--as-of", LAST_DAY, "--format", "csv"]
    assert main(status) == 0
    assert capsys.readouterr().out.count("bench-0") > 3


def test_duplicates_are_likely_duplicates_spread_over_every_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = generate.Spec(entries=2400, projects=1, seed=7, duplicates=0.05)
    generate.generate(spec, tmp_path)
    assert main(["validate", str(tmp_path), "--as-of", LAST_DAY, "--lang", "en"]) == 0
    warnings = [line for line in capsys.readouterr().err.splitlines() if " warning A320 " in line]
    assert 60 < len(warnings) < 180  # 5% of 2400, give or take chance
    assert len({line.split(":")[0] for line in warnings}) == 24  # every month file has some
    without = generate.Spec(entries=2400, projects=1, seed=7)
    generate.generate(without, tmp_path / "without")
    copied = (tmp_path / "bench-01" / "actuals" / "2022-01.yaml").read_text(encoding="utf-8")
    first = (tmp_path / "without" / "bench-01" / "actuals" / "2022-01.yaml").read_text("utf-8")
    assert copied.splitlines()[:8] == first.splitlines()[:8]  # the same entries but the copies


def test_run_prints_the_table_and_the_goals(tmp_path: Path) -> None:
    done = _run_script("run.py", "--entries", "120", "--repeat", "1",
                       "--data", str(tmp_path / "data"))
    lines = done.stdout.splitlines()
    assert lines[0].startswith("120 entries in 100 files")
    assert lines[2] == (
        "| case | median s | × floor | CPU s | × floor CPU | peak RSS MB | × floor RSS |"
    )
    end = lines.index("", 4)
    cases = [line.split(" | ")[0].removeprefix("| ") for line in lines[4:end]]
    assert cases == [
        "floor: PyYAML CSafeLoader, gc paused",
        "`szaktar validate` (cold)",
        "`szaktar status` (cold)",
        "`szaktar validate` (cold), 0.5% duplicates",
        "`szaktar status` (cold), 0.5% duplicates",
        "`szaktar status --as-of` mid-data (cold)",
        "`szaktar status` (cold), 25 projects",
        "`szaktar validate` (warm)",
        "`szaktar status` (warm)",
        "`szaktar --help`",
        "`python -c pass`",
        "PyYAML CBaseLoader (all text), gc paused",
        "szaktar's reader (yamlio.parse) alone",
        *([
            "szaktar's reader with rapidyaml (fastyaml.parse) alone",
            "`szaktar validate` (cold), without rapidyaml",
            "`szaktar status` (cold), without rapidyaml",
        ] if importlib.util.find_spec("ryml") is not None else []),
    ]
    assert lines[4].split(" | ")[2] == "1.00"  # the floor against itself
    assert lines[end + 1].startswith("Goals (set for 100 000 entries")
    assert sum(line.startswith("- ") for line in lines[end + 2:]) == 6


def test_phases_prints_where_the_time_goes(tmp_path: Path) -> None:
    generate.generate(generate.Spec(entries=100, projects=1, seed=7), tmp_path / "data")
    done = _run_script("phases.py", "status", "--projects", str(tmp_path / "data"),
                       "--as-of", LAST_DAY, "--no-cache")
    table = done.stderr.splitlines()
    assert table[:2] == ["| phase | CPU s | share |", "|---|---:|---:|"]
    phases = [line.split(" | ")[0].removeprefix("| ") for line in table[2:]]
    assert phases[0] == "start-up and the rest of the command"
    assert "· · · libyaml: scan, parse, compose nodes (C)" in phases
    assert "· · pydantic validation of entries" in phases
    assert "· · compute" in phases
    assert phases[-1] == "**total**"


HEAVY = ("pydantic", "babel", "openpyxl", "matplotlib", "plotext", "rich", "ruamel", "tabulate")
IMPORTED = f"""\
import contextlib, io, sys
from szaktar_cli.cli.main import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    main(sys.argv[1:])
print(" ".join(sorted({{name.split(".")[0] for name in sys.modules}} & set({HEAVY!r}))))
"""


@pytest.mark.parametrize(
    ("command", "needed"),
    [(["--help"], ""), (["validate", "--no-cache"], "pydantic")],
    ids=["help", "validate"],
)
def test_start_up_imports_only_what_the_command_needs(
    tmp_path: Path, command: list[str], needed: str
) -> None:
    """`--help` and `validate` stay fast to start (docs/performance.md): no heavy imports."""
    generate.generate(generate.Spec(entries=50, projects=1, seed=7), tmp_path)
    arguments = [*command, str(tmp_path), "--as-of", LAST_DAY] if len(command) > 1 else command
    done = subprocess.run(
        [sys.executable, "-c", IMPORTED, *arguments],
        capture_output=True, text=True, timeout=120, check=True,
    )
    assert done.stdout.strip() == needed


def test_workbook_prints_its_table_on_workbooks_made_the_same_every_time(tmp_path: Path) -> None:
    done = _run_script("workbook.py", "--rows", "60", "--large", "150",
                       "--data", str(tmp_path / "data"))
    lines = done.stdout.splitlines()
    assert lines[0].startswith("rows-60.xlsx ")
    cases = [line.split(" | ")[0].removeprefix("| ") for line in lines[4:9]]
    assert cases == [
        "floor: openpyxl read-only, every cell of 60 rows",
        "`szaktar import --dry-run`, 60 rows (xlsx)",
        "`szaktar import --dry-run`, 60 rows (CSV)",
        "`szaktar import`, 150 rows",
        "`szaktar import`, 1 row and 150 formatted empty rows",
    ]
    workbook = load_script("workbook")
    assert workbook.rows(20, 1) == workbook.rows(20, 1) != workbook.rows(20, 2)


def test_the_performance_docs_show_a_run_of_the_benchmark_as_it_is() -> None:
    """docs/performance.md shows what `benchmarks/run.py` prints: its cases (with rapidyaml
    installed) in their order, its columns and its goals; a case or goal added, renamed or
    dropped means a new run to show."""
    run = load_script("run")
    text = (BENCHMARKS.parent / "docs" / "performance.md").read_text(encoding="utf-8")
    shown = text[text.index("### Latest result"):].split("```")[1].splitlines()
    data = run.DataSets(Path("v"), Path("d"), Path("p"))
    cases = [case.name for case in run.build_cases(data, Path("c"), rapidyaml=True)]
    rows = [line for line in shown if line.startswith("| ") and " | " in line]
    assert rows[0] == (
        "| case | median s | × floor | CPU s | × floor CPU | peak RSS MB | × floor RSS |"
    )
    assert [row.split(" | ")[0].removeprefix("| ") for row in rows[1:]] == cases
    assert rows[1].split(" | ")[2] == "1.00"
    measured = run.build_cases(data, Path("c"), rapidyaml=True)
    for case in measured:
        case.wall, case.rss_kib = [1.0], [1]
    goals = [line.split(":")[0] for line in shown if line.startswith("- ")]
    assert goals == [line.split(":")[0] for line in run.goals(measured).splitlines()]


def test_the_performance_docs_show_a_run_of_the_hostile_benchmark_as_it_is() -> None:
    """docs/performance.md's "Large or hostile input" shows what `benchmarks/hostile.py`
    prints: its cases in their order (a case added or renamed means a new run to show)."""
    hostile = load_script("hostile")
    text = (BENCHMARKS.parent / "docs" / "performance.md").read_text(encoding="utf-8")
    shown = text[text.index("## Large or hostile input"):].split("```")[3].splitlines()
    cases = hostile.build_cases(Path("d"), Path("c"), Path("g"), Path("p.html"))
    rows = [line for line in shown if line.startswith("| ") and " | " in line]
    assert [row.split(" | ")[0].removeprefix("| ") for row in rows[1:]] == [
        case.name for case in cases
    ]
    assert "16: the report's page:" in "\n".join(shown)
