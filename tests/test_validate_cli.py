"""`szaktar validate` as a command: formats, exit codes, languages, where it looks."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
import yaml

from szaktar_cli.cli.main import main
from szaktar_cli.read import sources

ROOT = Path(__file__).parent.parent
CASES = Path(__file__).parent / "data" / "invalid"
VALID = Path(__file__).parent / "data" / "valid"
AS_OF = ["--as-of", "2011-06-01"]
Capture = pytest.CaptureFixture[str]


@pytest.fixture(autouse=True)
def _outside_github_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("SZAKTAR_PROJECTS", raising=False)


def run(capsys: Capture, *args: str | Path) -> tuple[int, str, str]:
    code = main(["validate", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_valid_project_exits_0_with_a_summary(capsys: Capture) -> None:
    code, out, err = run(capsys, VALID / "minimal", *AS_OF, "--lang", "en")
    assert (code, out, err) == (0, "", "1 project(s) valid\n")


def test_the_bundled_projects_are_valid(monkeypatch: pytest.MonkeyPatch, capsys: Capture) -> None:
    monkeypatch.chdir(ROOT)
    code, _, err = run(capsys, "--lang", "en")  # no path: ./projects
    assert code == 0, err
    assert " 0 error(s)" in f" {err.splitlines()[-1]}"


def test_errors_exit_1_and_go_to_stderr(capsys: Capture) -> None:
    code, out, err = run(capsys, CASES / "a307-unknown-activity", *AS_OF, "--lang", "en")
    assert code == 1
    assert out == ""
    assert err.endswith("1 error(s), 0 warning(s)\n")
    assert ":2:13: error A307 unknown activity kind 'consultaton'\n" in err
    assert "\n  hint: did you mean 'consultation'?\n" in err


def test_warnings_alone_exit_0_but_1_with_strict(capsys: Capture) -> None:
    case = CASES / "a322-more-than-24-hours"
    assert run(capsys, case, *AS_OF)[0] == 0
    assert run(capsys, case, *AS_OF, "--strict")[0] == 1


def test_hungarian_messages_are_hungarian_throughout(
    monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    monkeypatch.chdir(CASES / "y109-actuals-is-a-mapping")
    _, _, err = run(capsys, ".", "--lang", "hu")
    assert err.splitlines() == [
        "actuals/2011-01.yaml:1:1: hiba Y109 bejegyzések listája helyett ez áll itt: leképezés",
        "1 hiba, 0 figyelmeztetés",
    ]


def test_numbers_in_messages_are_as_people_write_them(capsys: Capture) -> None:
    case = CASES / "a322-more-than-24-hours"
    english = run(capsys, case, *AS_OF, "--lang", "en")[2]
    assert "A322 hours: 30 in one 'consultation' entry" in english
    assert "A322 hours: egy 'consultation' bejegyzésben 30" in run(
        capsys, case, *AS_OF, "--lang", "hu"
    )[2]


def test_json_goes_to_stdout(monkeypatch: pytest.MonkeyPatch, capsys: Capture) -> None:
    monkeypatch.chdir(CASES / "a301-unknown-key-with-suggestion")
    code, out, err = run(capsys, ".", *AS_OF, "--format", "json", "--lang", "en")
    assert (code, err) == (1, "")
    report = json.loads(out)
    assert report == {
        "diagnostics": [
            {
                "file": "actuals/2011-01.yaml",
                "line": 4,
                "column": 3,
                "severity": "error",
                "code": "A301",
                "message": "unknown key 'participant'",
                "hint": "did you mean 'participants'?",
            }
        ],
        "summary": {"errors": 1, "warnings": 0},
    }


def test_github_annotations_inside_github_actions(
    monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.chdir(CASES / "a308-dimension-value-not-allowed")
    code, out, err = run(capsys, ".", *AS_OF, "--lang", "en")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "::error file=actuals/2011-01.yaml,line=5,col=11,title=A308::"
        "value 'Csongrad' is not allowed for dimension 'county' "
        "(allowed: 'Csongrád', 'Békés', 'Bács-Kiskun') (did you mean 'Csongrád'?)",
        "1 error(s), 0 warning(s)",
    ]


def test_an_explicit_format_wins_over_github_actions(
    monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.chdir(CASES / "a308-dimension-value-not-allowed")
    _, _, err = run(capsys, ".", *AS_OF, "--lang", "en", "--format", "text")
    assert err.startswith("actuals/2011-01.yaml:5:11: error A308 ")


def test_a_file_level_annotation_has_no_line(
    monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    monkeypatch.chdir(CASES / "a312-file-name-not-a-month")
    _, _, err = run(capsys, ".", *AS_OF, "--lang", "en", "--format", "github")
    assert err.splitlines()[0] == (
        "::error file=actuals/januar.yaml,title=A312::"
        "file name 'januar.yaml' is not of the form YYYY-MM.yaml"
    )


@pytest.mark.parametrize(
    "args",
    [["--bogus"], ["--as-of", "2011-13-01"], ["--as-of", "tomorrow"], ["--format", "xml"],
     ["--lang", "de"]],
    ids=["unknown option", "impossible as-of", "free-text as-of", "unknown format", "language"],
)
def test_usage_errors_exit_2(args: list[str], capsys: Capture) -> None:
    code, out, err = run(capsys, VALID / "minimal", *args)
    assert code == 2
    assert out == ""
    assert "internal error" not in err


def test_the_data_directory_comes_from_the_option_or_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: Capture
) -> None:
    shutil.copytree(CASES / "a307-unknown-activity", tmp_path / "a307-unknown-activity")
    monkeypatch.chdir(tmp_path)  # no ./projects here
    assert run(capsys, "--projects", tmp_path, *AS_OF)[0] == 1
    monkeypatch.setenv("SZAKTAR_PROJECTS", str(tmp_path))
    code, _, err = run(capsys, *AS_OF, "--lang", "en")
    assert code == 1
    assert "a307-unknown-activity/actuals/2011-01.yaml:2:13: error A307" in err


def test_several_paths_and_a_file_inside_a_project(
    monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    monkeypatch.chdir(CASES)
    code, _, err = run(capsys, "a307-unknown-activity/actuals/2011-01.yaml", "a311-negative-hours",
                       *AS_OF, "--lang", "en")
    assert code == 1
    assert [line.split(": ")[0] for line in err.splitlines() if ": error " in line] == [
        "a307-unknown-activity/actuals/2011-01.yaml:2:13",
        "a311-negative-hours/actuals/2011-01.yaml:3:10",
    ]


def test_a_path_without_projects_is_reported(tmp_path: Path, capsys: Capture) -> None:
    (tmp_path / "empty").mkdir()
    code, _, err = run(capsys, tmp_path / "empty", "--lang", "en")
    assert code == 1
    assert "error L401 no project directory found in" in err


def test_a_path_that_does_not_exist_is_reported_with_where_szaktar_looks(
    tmp_path: Path, capsys: Capture
) -> None:
    code, _, err = run(capsys, tmp_path / "nothing-here", "--lang", "en")
    assert code == 1
    assert err.splitlines()[:2] == [
        f"{tmp_path / 'nothing-here'}: error L402 {tmp_path / 'nothing-here'} does not exist",
        "  hint: szaktar looks for the data from the working directory upwards (a szaktar.toml, "
        "or a projects/ directory with a project); make a data repository with `szaktar init`, "
        "or name the data directory: --projects DIR",
    ]


def test_an_unreadable_file_is_a_diagnostic(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: Capture
) -> None:
    project = tmp_path / "minimal"
    shutil.copytree(VALID / "minimal", project)
    original = sources._open_regular

    def refuse(path: Path) -> tuple[int, os.stat_result]:
        if path.name == "project.yaml":
            raise sources.UnreadableError.of(PermissionError(13, "Permission denied"))
        return original(path)

    monkeypatch.setattr(sources, "_open_regular", refuse)
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "minimal", *AS_OF, "--lang", "en")
    assert code == 1
    assert err.splitlines()[0] == (
        "minimal/project.yaml: error L403 cannot read minimal/project.yaml: Permission denied"
    )


def test_the_pre_commit_hook_runs_validate_once_on_yaml_changes() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(hook for hook in hooks if hook["id"] == "szaktar-validate")
    assert {key: hook[key] for key in ("id", "entry", "language", "pass_filenames", "files")} == {
        "id": "szaktar-validate",
        "entry": "szaktar validate",
        "language": "python",
        "pass_filenames": False,
        "files": r"\.ya?ml$",
    }
