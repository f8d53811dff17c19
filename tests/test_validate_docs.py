"""The documentation of the format and of the diagnostics stays true to the code.

- docs/diagnostics.md holds the table of diagnostic codes exactly as `szaktar validate
  --list-codes` prints it (to regenerate it:
  `SZAKTAR_UPDATE_GOLDEN=1 pytest tests/test_validate_docs.py`).
- docs/format.md names every key of every model (its complete example is validated by
  tests/test_docs.py, with the rest of the documentation's examples).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from szaktar_cli.cli.main import main
from szaktar_cli.core import fields, model
from szaktar_cli.core.diagnostics import CATALOGUE
from szaktar_cli.render.diagnostics import catalogue_table

DOCS = Path(__file__).parent.parent / "docs"
FORMAT, DIAGNOSTICS = DOCS / "format.md", DOCS / "diagnostics.md"
START, END = "<!-- codes:start -->\n", "<!-- codes:end -->"


def test_the_code_table_is_the_catalogue() -> None:
    path = DIAGNOSTICS
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
    model.Project, model.Grant, model.Activity, model.Plausible, model.Dimension,
    model.EntryBreakdown, model.Category, model.Phase, model.Indicator, model.Measure,
    model.Ratio, model.Composition, model.Target, model.Checkpoint, model.PaceProfile,
    model.Amendment, model.Fact, model.Unknown,
]


@pytest.mark.parametrize("cls", MODELS, ids=lambda cls: cls.__name__)
def test_format_md_documents_every_key(cls: type[BaseModel]) -> None:
    """Each model has a table in docs/format.md whose first column lists exactly its keys."""
    text = FORMAT.read_text(encoding="utf-8")
    section = text.split(f"<!-- keys:{cls.__name__} -->", 1)[1].split("\n\n", 1)[0]
    keys = re.findall(r"^\| `([a-z_]+)`", section, re.MULTILINE)
    assert keys == [field.alias or name for name, field in cls.model_fields.items()]


def test_format_md_documents_every_entry_field() -> None:
    text = FORMAT.read_text(encoding="utf-8")
    section = text.split("<!-- keys:Entry -->", 1)[1].split("\n\n", 1)[0]
    keys = re.findall(r"^\| `([a-z_]+)`", section, re.MULTILINE)
    assert keys == list(fields.ENTRY_FIELDS)
