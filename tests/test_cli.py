"""cli.main: exceptions become messages and exit codes, in the language asked for."""

from __future__ import annotations

import pytest

from szaktar_cli.cli.main import main


def test_errors_before_a_command_runs_speak_the_language_asked_for(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["status", "--lang", "hu", "--as-of", "2011-02-30"]) == 2
    assert "nem dátum" in capsys.readouterr().err
    assert main(["status", "--lang=en", "--as-of", "2011-02-30"]) == 2
    assert "is not a date" in capsys.readouterr().err
