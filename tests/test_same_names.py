"""`log` and `import` take the same things (read/names.py): an activity by its id or its name, a
dimension or a breakdown's category by its name, a declared value without its case or accents —
whatever the case, accents and spacing — and record the project's own ids and values; what
matches nothing is refused by both alike, with what was probably meant."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from szaktar_cli.cli.main import main

DATA = Path(__file__).parent / "data"
Capture = pytest.CaptureFixture[str]


def copy(tmp_path: Path, source: Path) -> Path:
    projects = tmp_path / "projects"
    shutil.copytree(source, projects / source.name)
    return projects


def log(capsys: Capture, projects: Path, project: str, *args: str) -> tuple[int, str]:
    code = main(["log", project, *args, "--projects", str(projects), "--lang", "en"])
    return code, capsys.readouterr().err


def import_(capsys: Capture, projects: Path, project: str, csv: str) -> tuple[int, str]:
    sheet = projects.parent / "rows.csv"
    sheet.write_text(csv, encoding="utf-8")
    code = main(["import", project, str(sheet), "--projects", str(projects), "--lang", "en"])
    return code, capsys.readouterr().err


@pytest.mark.parametrize(
    ("log_options", "csv"),
    [
        (
            ["--activity", "KONZULTACIO", "--county", "csongrad", "--team", "t1",
             "--dim", "Terület=ACTION", "--hours", "2"],
            "dátum;tevékenység;óra;megye;csapat;terület\n"
            "2011-01-25;KONZULTACIO;2;csongrad;t1;ACTION\n",
        ),
        (
            ["--activity", "  szupervízió ", "--team", "T2", "--dim", "terulet=elsewhere"],
            "date,activity,team,Terület\n2011-01-25,  szupervízió ,T2,elsewhere\n",
        ),
        (
            ["--activity", "Needs assessment"],
            "Dátum,Tevékenység\n2011-01-25,needs-assessment\n",
        ),
    ],
    ids=["names without accents or case", "spacing", "the English name"],
)
def test_log_and_import_record_the_same_entry_from_the_same_names(
    log_options: list[str], csv: str, tmp_path: Path, capsys: Capture
) -> None:
    logged = copy(tmp_path / "log", DATA / "valid" / "demo")
    imported = copy(tmp_path / "import", DATA / "valid" / "demo")
    as_of = ["--as-of", "2011-02-01"]
    assert log(capsys, logged, "demo", "--date", "2011-01-25", *log_options, *as_of) == (0, "")
    assert import_(capsys, imported, "demo", csv) == (0, "")
    month = Path("demo", "actuals", "2011-01.yaml")
    written = (logged / month).read_text(encoding="utf-8")
    assert written == (imported / month).read_text(encoding="utf-8")
    entry = written.split("\n- ")[-1]
    assert "activity: " in entry
    assert not any(word in entry for word in ("KONZULTACIO", "csongrad", "ACTION", "Terület"))


def test_a_category_by_its_name_in_log_as_in_import(tmp_path: Path, capsys: Capture) -> None:
    logged = copy(tmp_path / "log", DATA / "breakdowns" / "efop-kepzes")
    imported = copy(tmp_path / "import", DATA / "breakdowns" / "efop-kepzes")
    code, err = log(capsys, logged, "efop-kepzes", "--date", "2019-05-06", "--activity", "képzés",
                    "--participants", "15", "--of-which", "Hátrányos helyzetű=9",
                    "--of-which", "nő=10", "--of-which", "ferfi=5", "--as-of", "2019-06-30")
    assert (code, err) == (0, "")
    csv = "dátum;tevékenység;résztvevők;hátrányos helyzetű;nő;férfi\n2019-05-06;Képzés;15;9;10;5\n"
    assert import_(capsys, imported, "efop-kepzes", csv) == (0, "")
    month = Path("efop-kepzes", "actuals", "2019-05.yaml")
    written = (logged / month).read_text(encoding="utf-8")
    assert written == (imported / month).read_text(encoding="utf-8")
    assert "of_which: {disadvantaged: 9, female: 10, male: 5}" in written


@pytest.mark.parametrize(
    ("log_options", "column", "cell", "problem"),
    [
        (["--activity", "konzultálás"], "tevékenység", "konzultálás",
         "unknown activity kind 'konzultálás' [A307]\n  hint: did you mean 'consultation'?"),
        (["--activity", "consultation", "--county", "Csongrad megye"], "megye", "Csongrad megye",
         "value 'Csongrad megye' is not allowed for dimension 'county' (allowed: 'Csongrád', "
         "'Békés', 'Bács-Kiskun') [A308]\n  hint: did you mean 'Csongrád'?"),
    ],
)
def test_what_matches_nothing_is_refused_alike_with_what_was_meant(
    log_options: list[str], column: str, cell: str, problem: str, tmp_path: Path, capsys: Capture
) -> None:
    logged = copy(tmp_path / "log", DATA / "valid" / "demo")
    imported = copy(tmp_path / "import", DATA / "valid" / "demo")
    code, err = log(capsys, logged, "demo", "--date", "2011-01-25", *log_options,
                    "--as-of", "2011-02-01")
    assert code == 1
    assert problem in err
    other = "consultation" if column != "tevékenység" else None
    header = "dátum;tevékenység" + (f";{column}" if other else "")
    row = "2011-01-25;" + (f"{other};{cell}" if other else cell)
    code, err = import_(capsys, imported, "demo", f"{header}\n{row}\n")
    assert code == 1
    assert problem in err
