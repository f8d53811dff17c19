"""The corpus: each case under tests/data/{invalid,valid}/ is a project directory, and the
`<case>.expected.txt` beside it is exactly what `szaktar validate . --lang en --as-of 2011-06-01`
prints there (diagnostics with file, line, column, code, message and hint; no summary line).
It lies beside the directory, not in it: validate reports a file in a project it does not read.

Regenerate after a deliberate change with
`SZAKTAR_UPDATE_GOLDEN=1 pytest tests/test_validate_corpus.py`, and read the diff before committing.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from golden import golden_text
from szaktar_cli.cli.main import main
from szaktar_cli.core.diagnostics import CATALOGUE

DATA = Path(__file__).parent / "data"
INVALID = sorted(path for path in (DATA / "invalid").iterdir() if path.is_dir())
VALID = sorted(path for path in (DATA / "valid").iterdir() if path.is_dir())
AS_OF = "2011-06-01"
# `file:line:col: severity CODE message`, or `file: severity CODE message` for a whole file
DIAGNOSTIC = re.compile(
    r"^(?P<file>[^:\s]+)(?::(?P<line>\d+):(?P<column>\d+))?: "
    r"(?P<severity>error|warning) (?P<code>[A-Z]\d{3}) "
)
# Codes about a file or directory as a whole: no place inside a file to point at.
FILE_LEVEL_CODES = frozenset(
    {"P201", "A312", "A313", "L401", "L402", "L403", "L407", "L410", "L411"}
)
# The families of codes `validate` reports on files: the YAML text, project.yaml, actuals, the
# data directory. (Other families belong to other commands' inputs and are tested with them.)
FAMILIES = ("Y", "P", "A", "L")
# A file that cannot be read cannot be committed as a case (tested in test_validate_cli.py),
# nor can `.` not exist (L402: tests/test_location.py), nor a file change while it is read
# (L407: tests/test_cache.py).
NOT_IN_CORPUS = frozenset({"L402", "L403", "L407"})


Capture = pytest.CaptureFixture[str]


def validate_here(
    directory: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> tuple[int, str]:
    monkeypatch.chdir(directory)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    code = main(["validate", ".", "--as-of", AS_OF, "--lang", "en"])
    lines = capsys.readouterr().err.splitlines()
    if lines and not DIAGNOSTIC.match(lines[-1]) and not lines[-1].startswith(" "):
        lines.pop()  # the summary (a szaktar.toml that stops the command stops it before)
    return code, "".join(line + "\n" for line in lines)


def expected_file(directory: Path) -> Path:
    return directory.with_name(directory.name + ".expected.txt")


def expected_of(directory: Path, actual: str) -> str:
    return golden_text(expected_file(directory), actual)


def diagnostic_lines(text: str) -> list[re.Match[str]]:
    return [match for line in text.splitlines() if (match := DIAGNOSTIC.match(line))]


@pytest.mark.parametrize("directory", INVALID, ids=lambda path: path.name)
def test_invalid_case(directory: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture) -> None:
    code, actual = validate_here(directory, monkeypatch, capsys)
    assert actual == expected_of(directory, actual)
    assert validate_here(directory, monkeypatch, capsys) == (code, actual)  # from the cache
    found = diagnostic_lines(actual)
    assert found, "an invalid case must report something"
    assert code == (1 if any(match["severity"] == "error" for match in found) else 0)
    # the case is named after the code it is about
    assert directory.name[:4].upper() in {match["code"] for match in found}


@pytest.mark.parametrize("directory", VALID, ids=lambda path: path.name)
def test_valid_case(directory: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture) -> None:
    code, actual = validate_here(directory, monkeypatch, capsys)
    assert actual == expected_of(directory, actual)
    assert validate_here(directory, monkeypatch, capsys) == (code, actual)  # from the cache
    assert code == 0
    assert all(match["severity"] == "warning" for match in diagnostic_lines(actual))


def test_every_diagnostic_has_a_place_unless_it_is_about_a_whole_file() -> None:
    for directory in INVALID + VALID:
        for match in diagnostic_lines(expected_file(directory).read_text(encoding="utf-8")):
            if match["code"] in FILE_LEVEL_CODES:
                assert match["line"] is None, match.string
            else:
                assert int(match["line"]) >= 1, match.string
                assert int(match["column"]) >= 1, match.string


def test_the_corpus_shows_every_code() -> None:
    shown = {
        match["code"]
        for directory in INVALID
        for match in diagnostic_lines(expected_file(directory).read_text(encoding="utf-8"))
    }
    assert shown == {code for code in CATALOGUE if code.startswith(FAMILIES)} - NOT_IN_CORPUS


def test_the_corpus_is_large_enough() -> None:
    assert len(INVALID) >= 45
