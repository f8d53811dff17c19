"""What `export --entries` writes as CSV, `import` reads back as it was (issue 18, "Also"):
the apostrophe that keeps a spreadsheet from running a text cell as a formula is read as the
text mark a spreadsheet reads it as, and a text that starts with an apostrophe of its own keeps it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from szaktar_cli.cli.main import main
from szaktar_cli.core.text import FORMULA_TRIGGERS, text_marked, without_text_mark

NOTES = ["=SUM(A1)", "+36 20 123", "-3 visitors @home", "@home", "'=quoted", "''+twice", "'plain"]
AS_OF = ["--as-of", "2011-03-31"]


@given(st.text())
def test_a_marked_text_reads_back_as_it_was(text: str) -> None:
    marked = text_marked(text)
    assert without_text_mark(marked) == text
    assert not marked.startswith(FORMULA_TRIGGERS)  # a spreadsheet runs none of them


@pytest.mark.parametrize("dialect", [[], ["--excel"], ["--format", "tsv"]])
def test_exported_entries_import_as_they_were(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    dialect: list[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["init", "--lang", "en"]) == 0
    assert main(["new", "p", "--title", "T", "--start", "2011-01-01", "--end", "2011-12-31"]) == 0
    for day, note in enumerate(NOTES, start=1):
        assert main(["log", "p", "--date", f"2011-03-{day:02}", "--activity", "consultation",
                     "--note", note, "--evidence", note, *AS_OF]) == 0
    month = tmp_path / "projects" / "p" / "actuals" / "2011-03.yaml"
    written = month.read_bytes()
    suffix = ".tsv" if "tsv" in dialect else ".csv"
    assert main(["export", "--entries", "--from", "2011-03-01", "--to", "2011-03-31", *dialect,
                 "-o", f"entries{suffix}", *AS_OF]) == 0
    month.unlink()
    capsys.readouterr()
    assert main(["import", "p", f"entries{suffix}", *AS_OF]) == 0
    assert month.read_bytes() == written
