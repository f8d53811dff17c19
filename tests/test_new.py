"""`szaktar new`: a project from the commented template that passes validate; never an overwrite."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel

from szaktar_cli.cli.main import main
from szaktar_cli.core import model
from szaktar_cli.write.scaffold import PROJECT_TEMPLATE

TEMPLATE = Path(model.__file__).parents[1] / PROJECT_TEMPLATE


@pytest.fixture
def projects(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path / "projects"


def new(capsys: pytest.CaptureFixture[str], projects: Path, *args: str) -> tuple[int, str, str]:
    code = main(["new", *args, "--projects", str(projects), "--lang", "en"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_new_makes_a_project_that_validates_and_takes_entries(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = new(
        capsys,
        projects,
        "gyermekjolet",
        "--title",
        'Próba: "gyermekjólét" #1',
        "--start",
        "2024-01-01",
        "--end",
        "2025-06-30",
        "--activity",
        "consultation=Konzultáció",
        "--activity",
        "training=Tréning",
        "--track-activities",
    )
    assert (code, err) == (0, "")
    assert out == (
        "Created projects/gyermekjolet (activities: consultation, training).\n"
        "Record with: szaktar log gyermekjolet --date … --activity …\n"
    )
    directory = projects / "gyermekjolet"
    # outside a repository set up by `szaktar init`, a .gitignore of its own (tests/test_init.py:
    # inside one, none)
    assert sorted(str(path.relative_to(directory)) for path in directory.rglob("*")) == [
        ".gitignore",
        "actuals",
        "project.yaml",
    ]
    text = (directory / "project.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/project.schema.json\n")
    data = yaml.safe_load(text)
    assert data["id"] == "gyermekjolet"
    assert data["title"] == 'Próba: "gyermekjólét" #1'
    assert data["activities"] == {
        "consultation": {"name": "Konzultáció"},
        "training": {"name": "Tréning"},
    }
    assert data["indicators"]["training_hours"] == {
        "name": "Tréning – órák",
        "unit": "hour",
        "measure": {"sum": "hours", "activities": ["training"]},
    }
    assert main(["validate", str(projects), "--as-of", "2024-06-01"]) == 0
    assert capsys.readouterr().err == "1 project(s) valid\n"
    assert (
        main(
            [
                "log",
                "gyermekjolet",
                "--projects",
                str(projects),
                "--date",
                "2024-03-05",
                "--activity",
                "training",
                "--hours",
                "6",
                "--as-of",
                "2024-06-01",
                "--lang",
                "en",
            ]
        )
        == 0
    )
    assert "  Tréning – órák: 0 → 6 hours\n" in capsys.readouterr().out
    assert (
        main(
            [
                "status",
                "gyermekjolet",
                "--projects",
                str(projects),
                "--as-of",
                "2024-06-01",
                "--format",
                "csv",
            ]
        )
        == 0
    )
    assert "training_hours" in capsys.readouterr().out


def test_what_new_is_told_is_written_and_what_it_is_not_told_stays_an_example(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = new(
        capsys, projects, "efop", "--start", "2018-03-01", "--end", "2020-02-29",
        "--grant-programme", "EFOP-1.5.3", "--grant-reference", "EFOP-1.5.3-16-2017-00071",
        "--grant-amount", "48 000 000", "--lead", "Példa Alapítvány",
        "--partner", "Első Egyesület", "--partner", "Második: Egyesület",
        "--dimension", "area=Terület", "--dimension", "format",
    )
    assert (code, err) == (0, "")
    text = (projects / "efop" / "project.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert data["grant"] == {
        "programme": "EFOP-1.5.3", "reference": "EFOP-1.5.3-16-2017-00071", "amount": 48000000
    }
    assert (data["lead"], data["partners"]) == (
        "Példa Alapítvány", ["Első Egyesület", "Második: Egyesület"]
    )
    assert data["dimensions"] == {"area": {"name": "Terület"}, "format": {"name": "format"}}
    # no indicators until the contract's are written: no tracked ones nobody asked for
    assert data["indicators"] == {}
    assert "#   funding_rate: 100" in text  # what was not given stays a commented example
    assert main(["validate", str(projects), "--as-of", "2019-06-01"]) == 0
    assert capsys.readouterr().err == "1 project(s) valid\n"


@pytest.mark.parametrize(
    "name",
    ["Második, Egyesület", "[Harmadik]", "Negyedik {K}", "Ötödik, és: hatodik", "#7", "Nyolc]"],
)
def test_a_name_with_what_ends_a_flow_value_is_written_as_given_and_in_fmts_layout(
    projects: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """Partners and a dimension's name stand in […] and {…}: a comma in one is no second one."""
    code, _, err = new(capsys, projects, "p", "--start", "2018-03-01", "--end", "2020-02-29",
                       "--partner", "Első Egyesület", "--partner", name,
                       "--dimension", f"area={name}")
    assert (code, err) == (0, "")
    data = yaml.safe_load((projects / "p" / "project.yaml").read_text(encoding="utf-8"))
    assert data["partners"] == ["Első Egyesület", name]
    assert data["dimensions"] == {"area": {"name": name}}
    assert main(["fmt", "--check", str(projects)]) == 0
    capsys.readouterr()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--activity", "a", "--activity", "a=Más"], "--activity: 'a' is given twice"),
        (["--dimension", "2terulet"], "--dimension: '2terulet' is not an id"),
        (["--grant-amount", "sok"], "--grant-amount: 'sok' is not an amount"),
        (["--grant-amount", "-5"], "--grant-amount: '-5' is not an amount"),
    ],
)
def test_bad_options_of_new_are_usage_errors(
    args: list[str], message: str, projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = new(capsys, projects, "p", *args)
    assert code == 2
    assert message in err
    assert not projects.exists()


def test_without_dates_the_period_is_unknown_and_validate_only_warns(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert new(capsys, projects, "valami")[0] == 0
    data = yaml.safe_load((projects / "valami" / "project.yaml").read_text(encoding="utf-8"))
    assert data["title"] == "valami"
    assert data["start"] == {"unknown": "not given yet: take it from the grant contract"}
    assert list(data["activities"]) == ["consultation"]
    assert main(["validate", str(projects), "--as-of", "2024-06-01"]) == 0
    err = capsys.readouterr().err
    assert "warning P206 the start date is unknown" in err
    assert "0 error(s), 2 warning(s)" in err


def test_an_existing_project_is_never_overwritten(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert new(capsys, projects, "meglevo")[0] == 0
    project_file = projects / "meglevo" / "project.yaml"
    project_file.write_text(
        project_file.read_text(encoding="utf-8") + "# my own notes\n", encoding="utf-8"
    )
    before = project_file.read_bytes()
    code, out, err = new(capsys, projects, "meglevo", "--title", "Más")
    assert (code, out) == (1, "")
    assert err == "szaktar: projects/meglevo already exists; nothing was changed\n"
    assert project_file.read_bytes() == before
    assert sorted(path.name for path in projects.iterdir()) == [
        "meglevo"
    ]  # no temporary left behind


def test_a_non_empty_directory_without_project_yaml_is_not_touched_either(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (projects / "kezdet" / "actuals").mkdir(parents=True)
    (projects / "kezdet" / "actuals" / "2024-01.yaml").write_text(
        "- date: 2024-01-02\n", encoding="utf-8"
    )
    assert new(capsys, projects, "kezdet")[0] == 1
    assert not (projects / "kezdet" / "project.yaml").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["Rossz Név"],
            "szaktar: 'Rossz Név' is not a project id (lowercase letters, digits, - and _)\n",
        ),
        (
            ["jo", "--start", "2024-13-01"],
            "szaktar: --start: '2024-13-01' is not a date (YYYY-MM-DD)\n",
        ),
        (
            ["jo", "--start", "2024-06-01", "--end", "2024-01-01"],
            "szaktar: --start 2024-06-01 is after --end 2024-01-01\n",
        ),
        (
            ["jo", "--activity", "Rossz=Név"],
            "szaktar: --activity: 'Rossz' is not an id (a letter, then letters, digits or _)\n",
        ),
    ],
)
def test_bad_arguments_are_usage_errors(
    projects: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = new(capsys, projects, *args)
    assert (code, out, err) == (2, "", message)
    assert not projects.exists()


def test_a_read_only_data_directory_fails_clearly(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    projects.mkdir()
    if os.geteuid() != 0:
        projects.chmod(0o555)
        undo = ["chmod", "755", str(projects)]
    else:
        chattr = shutil.which("chattr")
        if chattr is None or subprocess.run([chattr, "+i", str(projects)], check=False).returncode:
            pytest.skip("running as root without chattr +i: no way to make a directory unwritable")
        undo = [chattr, "-i", str(projects)]
    try:
        code, out, err = new(capsys, projects, "uj")
    finally:
        subprocess.run(undo, check=True)
    assert (code, out) == (1, "")
    assert err.startswith("szaktar: cannot write projects/uj: ")
    assert err.endswith("; nothing was changed\n")
    assert list(projects.iterdir()) == []


def _keys(*classes: type[BaseModel]) -> set[str]:
    return {field.alias or key for cls in classes for key, field in cls.model_fields.items()}


def test_the_template_explains_every_key_of_the_format() -> None:
    text = TEMPLATE.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/project.schema.json\n")
    keys = _keys(
        model.Project,
        model.Grant,
        model.Activity,
        model.Plausible,
        model.Dimension,
        model.EntryBreakdown,
        model.Category,
        model.Phase,
        model.Ratio,
        model.Composition,
        model.Measure,
        model.Indicator,
        model.Target,
        model.Checkpoint,
        model.PaceProfile,
        model.Amendment,
        model.Fact,
        model.Unknown,
    )
    missing = sorted(key for key in keys if f"{key}:" not in text and f"{key}: " not in text)
    assert missing == []
    for unit in model.Unit.__args__:  # type: ignore[attr-defined]
        assert unit in text
