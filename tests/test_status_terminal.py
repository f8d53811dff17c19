"""The rich tables fit the terminal: optional columns give way first, then rows become blocks."""

from __future__ import annotations

from rich.console import Console

from szaktar_cli.render.tables import Section, Table, as_rich

HEADERS = ["Indicator", "Actual", "Target", "%", "Expected to date", "Forecast", "Status"]
ROW = ["Consultation hours", "1,650 hours", "≥ 3,000 hours", "55%", "1,871.4 hours",
       "2,645.1 hours", "behind"]


def _drawn(width: int) -> str:
    table = Table("", HEADERS, [ROW], ["behind"], right=frozenset({1, 3, 4, 5}), state_column=6,
                  optional=frozenset({4, 5}), optional_note="(hidden)")
    console = Console(width=width, record=True, no_color=True, force_terminal=False)
    for renderable in as_rich([Section("Project", "", [table])], width):
        console.print(renderable)
    return console.export_text()


def test_a_wide_terminal_shows_every_column() -> None:
    text = _drawn(140)
    assert "Expected to date" in text
    assert "2,645.1 hours" in text
    assert "(hidden)" not in text


def test_a_medium_terminal_hides_the_optional_columns_and_says_so() -> None:
    text = _drawn(85)
    assert "Expected to date" not in text
    assert "1,650 hours" in text
    assert "behind" in text
    assert "(hidden)" in text


def test_a_narrow_terminal_gets_one_block_per_row() -> None:
    text = _drawn(60)
    assert text.splitlines()[1:3] == [
        "Consultation hours — behind",
        "    Actual: 1,650 hours · Target: ≥ 3,000 hours · %: 55%",
    ]
