"""The documentation of the format and of `validate` stays true to the code.

- README.md holds the table of diagnostic codes exactly as `szaktar validate
  --list-codes` prints it (to regenerate it:
  `SZAKTAR_UPDATE_GOLDEN=1 pytest tests/test_validate_docs.py`).
- README.md names every key of every model, and its complete example validates.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from szaktar_cli import model
from szaktar_cli.cli import main
from szaktar_cli.diagnostics import CATALOGUE
from szaktar_cli.render.diagnostics import catalogue_table

README = Path(__file__).parent.parent / "README.md"
START, END = "<!-- codes:start -->\n", "<!-- codes:end -->"


def test_the_code_table_is_the_catalogue() -> None:
    path = README
    text = path.read_text(encoding="utf-8")
    before, rest = text.split(START)
    table, after = rest.split(END)
    if os.environ.get("SZAKTAR_UPDATE_GOLDEN"):
        path.write_text(before + START + catalogue_table("en") + END + after, encoding="utf-8")
        table = catalogue_table("en")
    assert table == catalogue_table("en"), "regenerate: SZAKTAR_UPDATE_GOLDEN=1 pytest " + __file__
    listed = re.findall(r"^\| ([A-Z]\d{3}) \|", table, re.MULTILINE)
    assert listed == list(CATALOGUE)


def test_list_codes_prints_the_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--list-codes", "--lang", "en"]) == 0
    assert capsys.readouterr().out == catalogue_table("en")


MODELS: list[type[BaseModel]] = [
    model.Project, model.Grant, model.Activity, model.Dimension, model.Phase, model.Indicator,
    model.Measure, model.Ratio, model.Composition, model.Target, model.Checkpoint, model.Fact,
    model.Unknown,
]


@pytest.mark.parametrize("cls", MODELS, ids=lambda cls: cls.__name__)
def test_format_md_documents_every_key(cls: type[BaseModel]) -> None:
    """Each model has a table in README.md whose first column lists exactly its keys."""
    text = README.read_text(encoding="utf-8")
    section = text.split(f"<!-- keys:{cls.__name__} -->", 1)[1].split("\n\n", 1)[0]
    keys = re.findall(r"^\| `([a-z_]+)`", section, re.MULTILINE)
    assert keys == list(cls.model_fields)


def test_format_md_documents_every_entry_field() -> None:
    text = README.read_text(encoding="utf-8")
    section = text.split("<!-- keys:Entry -->", 1)[1].split("\n\n", 1)[0]
    keys = re.findall(r"^\| `([a-z_]+)`", section, re.MULTILINE)
    assert keys == list(model.ENTRY_FIELDS)


def example_files() -> dict[str, str]:
    """The complete example of README.md: code blocks whose first line names their file."""
    text = README.read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n# file: (\S+)\n(.*?)```", text, re.DOTALL)
    return dict(blocks)


def test_the_complete_example_validates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    files = example_files()
    assert "projects/pelda-halozat/project.yaml" in files
    assert any("/actuals/" in name for name in files)
    for name, body in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    code = main(["validate", "--as-of", "2011-06-30", "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 0, err
    assert [line.split(": ", 1)[1] for line in err.splitlines() if ": warning " in line] == [
        "warning P206 the denominator of 'reached_share' is unknown: "
        "A régió szakembereinek száma nem ismert."
    ]
