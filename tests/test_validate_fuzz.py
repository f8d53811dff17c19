"""Whatever the files hold, `validate` reports diagnostics and exits 0 or 1: never a traceback.

Hypothesis writes arbitrary text and bytes, and mutations of a valid project, into a
project's files and runs the real command on them. Every diagnostic it reports must
carry a place (line and column ≥ 1) unless its code is about a file as a whole.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from szaktar_cli.cli.main import main

VALID = Path(__file__).parent / "data" / "valid"
DEMO = VALID / "demo"
PROJECT_TEXT = (DEMO / "project.yaml").read_text(encoding="utf-8")
ACTUALS_TEXT = (DEMO / "actuals" / "2011-01.yaml").read_text(encoding="utf-8")
# a second project with what the demo lacks: phases, a schedule, facts, a deadline
OTHER_PROJECT_TEXT = (VALID / "phases-and-schedule" / "project.yaml").read_text(encoding="utf-8")
FILE_LEVEL_CODES = frozenset({"P201", "A312", "A313", "L401", "L403", "L410", "L411"})
# Characters that mean something to YAML, so that generated text reaches the parser's corners.
YAML_ALPHABET = " \n\t-:?,[]{}#&*!|>'\"%@`.0123456789abcdeyz_~\\\ufeff\r"

# 150 examples a test keep the file near half a minute; SZAKTAR_FUZZ_EXAMPLES=5000 for a long hunt.
FUZZ = settings(
    max_examples=int(os.environ.get("SZAKTAR_FUZZ_EXAMPLES", "150")),
    deadline=None,  # the first run pays for imports; what matters is that nothing raises
    suppress_health_check=[HealthCheck.too_slow],
)


def validate(project: bytes, actuals: bytes) -> dict[str, object]:
    """Write a project with one actuals file, run `szaktar validate --format json` on it."""
    with tempfile.TemporaryDirectory() as folder:
        directory = Path(folder) / "demo"
        (directory / "actuals").mkdir(parents=True)
        (directory / "project.yaml").write_bytes(project)
        (directory / "actuals" / "2011-01.yaml").write_bytes(actuals)
        stdout, stderr = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            code = main(["validate", str(directory), "--format", "json", "--as-of", "2011-06-01"])
    assert code in (0, 1), stderr.getvalue()
    assert stderr.getvalue() == ""
    report: dict[str, Any] = json.loads(stdout.getvalue())
    for record in report["diagnostics"]:
        if record["code"] not in FILE_LEVEL_CODES:
            assert record["line"] >= 1, record
            assert record["column"] >= 1, record
    assert (code == 1) == (report["summary"]["errors"] > 0)
    return report


def as_bytes(text: str) -> bytes:
    return text.encode("utf-8", errors="surrogatepass")


@pytest.mark.parametrize("crlf", [False, True])
def test_the_unmutated_demo_is_valid(crlf: bool) -> None:
    def encode(text: str) -> bytes:
        return as_bytes(text.replace("\n", "\r\n") if crlf else text)

    report = validate(encode(PROJECT_TEXT), encode(ACTUALS_TEXT))
    assert report["summary"] == {"errors": 0, "warnings": 1}


@FUZZ
@given(st.text() | st.text(alphabet=YAML_ALPHABET))
def test_any_text_as_actuals(text: str) -> None:
    validate(as_bytes(PROJECT_TEXT), text.encode("utf-8"))


@FUZZ
@given(st.binary())
def test_any_bytes_as_actuals(raw: bytes) -> None:
    validate(as_bytes(PROJECT_TEXT), raw)


@FUZZ
@given(st.text() | st.text(alphabet=YAML_ALPHABET))
def test_any_text_as_project(text: str) -> None:
    validate(text.encode("utf-8"), as_bytes(ACTUALS_TEXT))


@FUZZ
@given(st.binary())
def test_any_bytes_as_project(raw: bytes) -> None:
    validate(raw, as_bytes(ACTUALS_TEXT))


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """A few edits of a valid file: lines deleted, duplicated or swapped, characters changed."""
    lines = text.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        index = draw(st.integers(0, len(lines) - 1))
        edit = draw(st.sampled_from(["delete", "duplicate", "swap", "replace", "insert"]))
        if edit == "delete":
            del lines[index]
        elif edit == "duplicate":
            lines.insert(index, lines[index])
        elif edit == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        else:
            line = lines[index]
            at = draw(st.integers(0, len(line)))
            char = draw(st.sampled_from(YAML_ALPHABET) | st.characters())
            cut = at + 1 if edit == "replace" else at
            lines[index] = line[:at] + char + line[cut:]
    return "".join(lines)


@FUZZ
@given(mutated(ACTUALS_TEXT))
def test_mutated_actuals(text: str) -> None:
    validate(as_bytes(PROJECT_TEXT), as_bytes(text))


@FUZZ
@given(mutated(PROJECT_TEXT) | mutated(OTHER_PROJECT_TEXT))
def test_mutated_project(text: str) -> None:
    validate(as_bytes(text), as_bytes(ACTUALS_TEXT))


@FUZZ
@given(mutated(PROJECT_TEXT), mutated(ACTUALS_TEXT))
def test_both_files_mutated(project: str, actuals: str) -> None:
    validate(as_bytes(project), as_bytes(actuals))
