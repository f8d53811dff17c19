"""Finding the data as git finds its repository (cli/location.py, read/repository.py): from the
working directory upwards; `-C` and `--projects` before or after the command; the order
option > environment > szaktar.toml > discovery > default; and every command a hint prints
runs, as printed, from where the user stands."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from szaktar_cli.cli.main import main

DEMO = Path(__file__).parent / "data" / "valid" / "demo"
AS_OF = ("--as-of", "2011-06-30")
# What validate says of the demo project (one warning: a denominator it does not know)
CHECKED, CHECKED_HU = "0 error(s), 1 warning(s)", "0 hiba, 1 figyelmeztetés"
Capture = pytest.CaptureFixture[str]


def run(capsys: Capture, *args: str | Path) -> tuple[int, str, str]:
    code = main([str(arg) for arg in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def office(root: Path, toml: str | None = 'projects = "projects"\nlang = "en"\n') -> Path:
    """A data repository at `root` holding the demo project; its data directory."""
    shutil.copytree(DEMO, root / "projects" / "demo")
    if toml is not None:
        (root / "szaktar.toml").write_text(toml, encoding="utf-8")
    return root / "projects"


def validated(err: str) -> str:
    return err.splitlines()[-1]


@pytest.mark.parametrize("where", [".", "projects", "projects/demo", "projects/demo/actuals"])
def test_the_data_is_found_from_anywhere_inside_the_repository(
    where: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    office(tmp_path)
    monkeypatch.chdir(tmp_path / where)
    code, _, err = run(capsys, "validate", *AS_OF)
    assert (code, validated(err)) == (0, CHECKED)  # in English: szaktar.toml's


def test_a_projects_directory_with_a_project_marks_a_repository_without_szaktar_toml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    office(tmp_path, toml=None)
    monkeypatch.chdir(tmp_path / "projects" / "demo" / "actuals")
    assert run(capsys, "validate", *AS_OF, "--lang", "en")[0] == 0


def test_a_projects_directory_without_a_project_is_not_a_data_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    """`~/projects` full of code is not where szaktar's data is."""
    office(tmp_path / "office", toml=None)
    (tmp_path / "office" / "code" / "projects" / "web").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "office" / "code")
    code, _, err = run(capsys, "validate", *AS_OF, "--lang", "en")
    assert (code, validated(err)) == (0, CHECKED)


def test_the_search_stops_below_a_ceiling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    office(tmp_path)
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    code, _, err = run(capsys, "validate", *AS_OF, "--lang", "en")
    assert code == 1
    assert "error L402 projects does not exist" in err


def test_nothing_found_says_where_szaktar_looked_and_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "status", *AS_OF, "--lang", "en")
    assert code == 1
    assert err.splitlines()[:2] == [
        "projects: error L402 projects does not exist",
        "  hint: szaktar looks for the data from the working directory upwards (a szaktar.toml, "
        "or a projects/ directory with a project); make a data repository with `szaktar init`, "
        "or name the data directory: --projects DIR",
    ]


@pytest.mark.parametrize(
    "arguments",
    [
        ["--projects", "office/projects", "validate"],
        ["validate", "--projects", "office/projects"],
        ["-C", "office", "validate"],
        ["validate", "-C", "office"],
        ["-C", "office/projects/demo", "validate"],
        ["-C", "office", "--projects", "projects", "validate"],  # -C first, as git's
    ],
    ids=" ".join,
)
def test_the_options_that_say_where_go_before_or_after_the_command(
    arguments: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    office(tmp_path / "office")
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, *arguments, *AS_OF)
    assert (code, validated(err)) == (0, CHECKED)
    assert Path.cwd() == tmp_path  # -C moved only the run


def test_c_to_a_directory_that_does_not_exist_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "-C", "nowhere", "status", "--lang", "en")
    assert (code, out) == (2, "")
    assert err == "szaktar: -C nowhere: No such file or directory\n"


def test_the_data_directory_option_then_environment_then_settings_then_discovery(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    """Each of four data directories holds one project of its own name; which is used shows."""
    for name in ("given", "environment", "configured", "projects"):
        shutil.copytree(DEMO, tmp_path / name / name)
        project = tmp_path / name / name / "project.yaml"
        project.write_text(
            project.read_text(encoding="utf-8").replace("id: demo", f"id: {name}"),
            encoding="utf-8",
        )
    monkeypatch.chdir(tmp_path)

    def used(*options: str) -> str:
        code, out, _ = run(capsys, "status", *options, *AS_OF, "--lang", "en", "--format", "json")
        assert code == 0
        return out.split('"id": "', 1)[1].split('"', 1)[0]

    assert used() == "projects"  # discovery: ./projects holds a project
    (tmp_path / "szaktar.toml").write_text('projects = "configured"\n', encoding="utf-8")
    assert used() == "configured"
    monkeypatch.setenv("SZAKTAR_PROJECTS", "environment")
    assert used() == "environment"
    assert used("--projects", "given") == "given"


def test_the_language_option_then_environment_then_settings_then_locale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    office(tmp_path, toml='lang = "hu"\n')
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")

    def summary(*options: str) -> str:
        return validated(run(capsys, "validate", *AS_OF, *options)[2])

    assert summary() == CHECKED_HU  # the office's language before the locale's
    monkeypatch.setenv("SZAKTAR_LANG", "en")
    assert summary() == CHECKED
    assert summary("--lang", "hu") == CHECKED_HU


def test_a_broken_szaktar_toml_stops_every_command_with_its_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    office(tmp_path, toml='projects = "projects"\nlang = "de"\n')
    monkeypatch.chdir(tmp_path / "projects")
    code, out, err = run(capsys, "status", *AS_OF, "--lang", "en")
    assert (code, out) == (1, "")
    assert err == f"{tmp_path}/szaktar.toml:2:1: error L406 lang: hu or en; found text 'de'\n"


def follow_up_of(printed: str) -> list[str]:
    """The command a message prints (`… szaktar log demo --date … --activity …`), with its
    placeholders filled in as a user would."""
    words = shlex.split(printed[printed.index("szaktar ") :])[1:]
    filled = {"--date": "2011-06-01", "--activity": "consultation", "--reason": "a fix"}
    return [filled.get(words[index - 1], word) if word == "…" else word
            for index, word in enumerate(words)]


@pytest.mark.parametrize(
    ("where", "options", "program"),
    [
        ("office", [], "szaktar"),
        ("office/projects/demo", [], "szaktar"),
        (".", ["--projects", "office/projects"], "szaktar --projects office/projects"),
        (".", ["-C", "office"], "szaktar -C office"),
        ("elsewhere", ["--projects", "../office/projects"],
         "szaktar --projects {tmp}/office/projects"),
    ],
)
def test_the_command_new_prints_runs_from_where_the_user_stands(
    where: str,
    options: list[str],
    program: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: Capture,
) -> None:
    office(tmp_path / "office")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / where)
    dates = ["--start", "2011-01-01", "--end", "2011-12-31", "--lang", "en"]
    code, out, _ = run(capsys, "new", "fresh", *dates, *options)
    assert code == 0
    printed = out.splitlines()[-1]
    assert printed.startswith(f"Record with: {program.format(tmp=tmp_path)} log fresh --date")
    code, out, _ = run(capsys, *follow_up_of(printed), "--as-of", "2011-06-30")
    assert code == 0, out
    assert (tmp_path / "office" / "projects" / "fresh" / "actuals" / "2011-06.yaml").is_file()


def test_a_hint_names_the_command_that_runs_from_where_the_user_stands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    """The hint of a refused entry in a closed month names `reopen`, run from outside the data
    repository: the printed command reopens the month."""
    office(tmp_path / "office")
    monkeypatch.chdir(tmp_path)
    where = ["--projects", "office/projects", "--lang", "en"]
    assert run(capsys, "close", "demo", "2011-01", "--by", "SZ-001", "--date", "2011-02-05",
               *where)[0] == 0
    log = ["log", "demo", "--date", "2011-01-25", "--activity", "consultation", *AS_OF]
    code, _, err = run(capsys, *log, *where)
    assert code == 1
    hint = err.splitlines()[-1]
    assert "szaktar --projects office/projects reopen demo 2011-01 --reason …" in hint
    assert run(capsys, *follow_up_of(hint), "--by", "SZ-001", "--date", "2011-06-30")[0] == 0
    assert run(capsys, *log, *where)[0] == 0


def _follow_ups() -> list[tuple[str, str]]:
    """(where, the command) of every follow-up command a message or hint names, both languages."""
    from szaktar_cli.core.diagnostics import CATALOGUE  # noqa: PLC0415
    from szaktar_cli.core.labels import LABELS  # noqa: PLC0415

    texts = [(code, text) for code, entry in CATALOGUE.items()
             for text in (entry.en, entry.hu, entry.hint_en, entry.hint_hu)]
    texts += [(key, text) for key, pair in LABELS.items() for text in pair]
    return [(where, found) for where, text in texts
            for found in re.findall(r"\{szaktar\} [a-z]+[^;`\n]*", text)]


@pytest.mark.parametrize(("where", "follow_up"), _follow_ups())
def test_a_follow_up_command_names_every_option_its_command_requires(
    where: str, follow_up: str
) -> None:
    """`szaktar reopen P M --reason …` would stop at a missing --by: a hint must not name it."""
    from typer.main import get_command  # noqa: PLC0415

    from szaktar_cli.cli.app import app  # noqa: PLC0415

    words = follow_up.split()
    name = re.match(r"[a-z]+", words[1])[0]  # type: ignore[index]  # (`validate{paths}`)
    command = get_command(app).commands[name]  # type: ignore[attr-defined]
    required = [param.opts[0] for param in command.params
                if param.required and param.opts[0].startswith("-")]
    missing = [option for option in required if option not in words]
    assert not missing, f"{where}: {follow_up!r} lacks {missing}"
