"""`szaktar schema`: the committed copies under schema/ are current, and the files validate.

Regenerate the copies after changing model.py:

    szaktar schema project > schema/project.schema.json
    szaktar schema actuals > schema/actuals.schema.json
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]

from szaktar_cli.cli.main import main
from szaktar_cli.read.yamlio import parse

ROOT = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data"
KINDS = ("project", "actuals")


def schema_output(kind: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["schema", kind]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("kind", KINDS)
def test_the_committed_schema_is_current(kind: str, capsys: pytest.CaptureFixture[str]) -> None:
    committed = (ROOT / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8")
    regenerate = f"szaktar schema {kind} > schema/{kind}.schema.json"
    assert schema_output(kind, capsys) == committed, regenerate


@pytest.mark.parametrize("kind", KINDS)
def test_the_schema_is_draft_2020_12(kind: str, capsys: pytest.CaptureFixture[str]) -> None:
    schema = json.loads(schema_output(kind, capsys))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    titles = {"project": "szaktar project.yaml", "actuals": "szaktar actuals/YYYY-MM.yaml"}
    assert schema["title"] == titles[kind]
    Draft202012Validator.check_schema(schema)


def validator(kind: str) -> Draft202012Validator:
    schema = json.loads((ROOT / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def as_json(value: Any) -> Any:
    """What a YAML value is in JSON: dates become ISO text, keys become text."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    return value


def load(path: Path) -> Any:
    """Read as `validate` reads (an impossible date stays text, as in JSON)."""
    parsed = parse(path.read_bytes().decode("utf-8-sig"), str(path))
    return as_json(parsed.data)


def kind_of(path: Path) -> str:
    return "actuals" if path.parent.name == "actuals" else "project"


PROJECT_DIRS = sorted(path.parent for path in (ROOT / "projects").glob("*/project.yaml"))
VALID_DIRS = sorted(path for path in (DATA / "valid").iterdir() if path.is_dir())
FILES = [
    path
    for directory in PROJECT_DIRS + VALID_DIRS
    for path in [directory / "project.yaml", *sorted((directory / "actuals").glob("*.y*ml"))]
]


@pytest.mark.parametrize("path", FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_valid_file_validates_against_the_schema(path: Path) -> None:
    errors = [error.message for error in validator(kind_of(path)).iter_errors(load(path))]
    assert errors == []


def test_the_bundled_projects_are_there() -> None:
    assert len(PROJECT_DIRS) == 5


@pytest.mark.parametrize("directory", PROJECT_DIRS + VALID_DIRS, ids=lambda path: path.name)
def test_project_files_name_their_schema(directory: Path) -> None:
    """The first line gives editors (yaml-language-server) the schema: completion and checks."""
    first = (directory / "project.yaml").read_text(encoding="utf-8-sig").splitlines()[0]
    pattern = r"# yaml-language-server: \$schema=(\.\./)+schema/project\.schema\.json"
    assert re.fullmatch(pattern, first)
    target = first.split("=", 1)[1]
    assert (directory / target).resolve() == (ROOT / "schema" / "project.schema.json").resolve()


# Invalid cases whose problem the schema alone can see (a wrong type, key or shape). The others
# need the project (undeclared activities, dates outside the period) or YAML itself (syntax,
# duplicate keys), or are beyond JSON: NaN and infinity are not JSON numbers, and a key that
# is not text becomes text in JSON.
SCHEMA_CODES = frozenset({"P203", "P204", "P205", "P218", "P219", "P254", "A302", "A303", "A304",
                          "A309", "A310", "A311", "Y109"})
BEYOND_JSON = frozenset({"p204-nan-grant-amount", "a309-nan-and-infinity", "a302-key-is-not-text",
                         "a302-null-key"})
# A schema code that needs the project: whether a category counts whole people is its field's.
NEEDS_THE_PROJECT = frozenset({"a310-fractional-category"})
FIRST = re.compile(r"^(?P<file>[^:\s]+):\d+:\d+: error (?P<code>[A-Z]\d{3}) ", re.MULTILINE)


def schema_cases() -> list[tuple[str, Path]]:
    cases: list[tuple[str, Path]] = []
    for directory in sorted((DATA / "invalid").iterdir()):
        if not directory.is_dir():
            continue
        expected = directory.with_name(directory.name + ".expected.txt")
        found = FIRST.finditer(expected.read_text(encoding="utf-8"))
        files = {match["file"] for match in found if match["code"] in SCHEMA_CODES}
        if files and directory.name not in BEYOND_JSON | NEEDS_THE_PROJECT:
            cases.extend((directory.name, directory / file) for file in sorted(files))
    return cases


@pytest.mark.parametrize(("case", "path"), schema_cases(), ids=lambda value: str(value)[-40:])
def test_the_schema_rejects_what_validate_rejects_as_a_schema_error(case: str, path: Path) -> None:
    assert list(validator(kind_of(path)).iter_errors(load(path))), case
