"""cli/: exceptions become messages and exit codes, in the language asked for; the commands are
registered lazily, from the table in cli/commands/."""

from __future__ import annotations

import gc
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from szaktar_cli.cli import main as entry
from szaktar_cli.cli.app import app
from szaktar_cli.cli.commands import COMMANDS
from szaktar_cli.cli.main import main


def test_errors_before_a_command_runs_speak_the_language_asked_for(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["status", "--lang", "hu", "--as-of", "2011-02-30"]) == 2
    assert "nem dátum" in capsys.readouterr().err
    assert main(["status", "--lang=en", "--as-of", "2011-02-30"]) == 2
    assert "is not a date" in capsys.readouterr().err


def test_the_program_exits_with_mains_code_leaving_its_objects_untraced(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(entry, "main", lambda: 1)
    try:
        with pytest.raises(SystemExit) as exit_:
            entry.run()
        assert exit_.value.code == 1
        assert gc.get_freeze_count() > 0  # not collected again while the interpreter shuts down
    finally:
        gc.unfreeze()


def test_python_m_szaktar_cli_is_the_program() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "szaktar_cli", "status", "--as-of", "2011-02-30"],
        capture_output=True, text=True, check=False, timeout=60,
    )
    assert done.returncode == 2
    assert "2011-02-30" in done.stderr


@pytest.mark.parametrize("name", list(COMMANDS))
def test_each_command_is_defined_by_its_module_with_the_help_of_the_table(name: str) -> None:
    importlib.import_module(f"szaktar_cli.cli.commands.{COMMANDS[name].module}")
    defined = [info for info in app.registered_commands if info.name == name]
    assert [info.help for info in defined] == [COMMANDS[name].help]
    assert defined[0].callback is not None
    assert defined[0].callback.__doc__ is None  # the help is the table's, written once


def test_help_lists_the_commands_without_importing_their_modules() -> None:
    shown = """\
import contextlib, io, sys
from szaktar_cli.cli.main import main
with contextlib.redirect_stdout(io.StringIO()) as out:
    main(["--help"])
print(out.getvalue())
print(sorted(name for name in sys.modules if name.startswith("szaktar_cli.cli.commands.")))
"""
    done = subprocess.run(
        [sys.executable, "-c", shown], capture_output=True, text=True, check=True, timeout=60
    )
    listing, imported = done.stdout.rstrip().rsplit("\n", 1)
    assert imported == "[]"
    for name in COMMANDS:
        assert f"\n  {name} " in listing


# What only the editing commands need: their YAML tree and layout (and no round-trip library).
EDITING_ONLY = ("ruamel", "szaktar_cli.write.yaml_tree", "szaktar_cli.write.yaml_edit",
                "szaktar_cli.write.layout", "szaktar_cli.write.editing")


@pytest.mark.parametrize(
    ("args", "imported"),
    [
        (["--help"], []),
        (["status", "--projects", "projects", "--as-of", "2011-06-30"], []),
        (["validate", "--projects", "projects", "--as-of", "2011-06-30"], []),
        (["fmt", "--check", "--projects", "projects"],
         ["szaktar_cli.write.editing", "szaktar_cli.write.layout", "szaktar_cli.write.yaml_edit",
          "szaktar_cli.write.yaml_tree"]),
    ],
    ids=["--help", "status", "validate", "fmt"],
)
def test_only_the_editing_commands_import_the_editing_machinery(
    args: list[str], imported: list[str]
) -> None:
    ran = f"""\
import contextlib, io, sys
from szaktar_cli.cli.main import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    main({args!r})
print(sorted(name for name in sys.modules if name.startswith({EDITING_ONLY!r})))
"""
    root = Path(__file__).parent.parent
    done = subprocess.run(
        [sys.executable, "-c", ran], capture_output=True, text=True, check=True, timeout=60,
        cwd=root,
    )
    assert done.stdout.strip() == repr(imported)


@pytest.mark.parametrize("name", list(COMMANDS))
def test_the_help_of_as_of_says_that_its_default_is_the_local_date(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not UTC's day: just after midnight in Budapest it is already the next day."""
    assert main([name, "--help"]) == 0
    out = capsys.readouterr().out
    if "--as-of" in out:
        assert "today's local date" in " ".join(out.replace("│", " ").split())
