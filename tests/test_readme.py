"""README documents every command (as sqlite-utils tests its docs), and every --help works."""

from __future__ import annotations

from pathlib import Path

import pytest

from szaktar_cli.cli.commands import COMMANDS
from szaktar_cli.cli.main import main

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def _command_names() -> list[str]:
    return sorted(COMMANDS)  # each one registers (tests/test_cli.py)


def test_the_commands_are_the_expected_ones() -> None:
    assert _command_names() == sorted(
        ["init", "validate", "schema", "status", "export", "report", "chart", "log", "import",
         "new", "plan", "gaps", "close", "reopen", "history", "template", "fmt", "amend",
         "rename", "target"]
    )


@pytest.mark.parametrize("name", _command_names())
def test_readme_has_a_section_for_each_command(name: str) -> None:
    assert f"szaktar {name}" in README
    assert f"`szaktar {name}" in README


@pytest.mark.parametrize("name", _command_names())
def test_help_of_each_command(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([name, "--help"]) == 0
    assert "Usage: szaktar " + name in capsys.readouterr().out


def test_readme_starts_with_the_two_commands() -> None:
    first_block = README.split("```console\n", 1)[1].split("```", 1)[0].splitlines()
    assert first_block == ["pip install . && szaktar status", "pip install -e '.[test]' && pytest"]



def test_the_status_example_is_what_the_command_prints(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(Path(__file__).parent.parent)
    command = (
        "szaktar status szaktar-demo --projects examples/projects --as-of 2011-11-30 --lang en \\\n"
        "      --only-problems 2>/dev/null"
    )
    shown = README.split(f"$ {command}\n", 1)[1].split("```", 1)[0]
    arguments = command.replace("\\\n", "").split()[1:-1]  # stdout only: no 2>/dev/null
    assert main(arguments) == 0
    assert capsys.readouterr().out == shown


def test_the_files_the_tutorial_writes_pass_the_pre_commit_hook_init_writes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The hook runs `szaktar fmt --check` on the data: the tutorial's commit must pass it."""
    blocks = README.split("<!-- file: ")[1:]
    assert blocks
    for block in blocks:
        path, text = block.split(" -->\n```yaml\n", 1)
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text.split("```", 1)[0], encoding="utf-8")
    assert main(["fmt", "--check", str(tmp_path / "projects")]) == 0, capsys.readouterr()
