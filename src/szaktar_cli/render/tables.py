"""Reports as tables, and every format they are written in.

A command's report is built once as data: `Section`s of `Table`s for people (headers, rows
of localised strings, the status of each row), a JSON document and CSV rows for machines
(`Report`). The writers below draw it — plain text, Markdown or GitHub tables (tabulate),
CSV, TSV, JSON, or rich tables on a terminal — so the formats cannot drift apart. Colour is
only ever added to a status word, never instead of one. Keys, column names and codes in
JSON and CSV are English, dates ISO, numbers raw.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from ..core.numbers import json_number
from ..core.statuses import LOOKS, State
from ..core.text import one_line

if TYPE_CHECKING:
    from rich.console import RenderableType

TextFormat = Literal["plain", "markdown", "github"]
ReportFormat = Literal["plain", "markdown", "github", "csv", "tsv", "json"]
_TABULATE_FORMATS: dict[TextFormat, str] = {
    "plain": "simple",
    "markdown": "pipe",
    "github": "github",
}


@dataclass(slots=True)
class Table:
    """A table for people: headers and rows of localised strings, and how each row stands."""

    title: str
    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)
    states: list[State | None] = field(default_factory=list)  # how each row stands, for colour
    right: frozenset[int] = frozenset()  # columns of numbers
    state_column: int | None = None
    footer: str | None = None
    optional: frozenset[int] = frozenset()  # columns a narrow terminal may leave out
    optional_note: str | None = None  # says so, when they are left out


@dataclass(frozen=True, slots=True)
class Section:
    """A heading (a project, or the portfolio), a line under it, and its tables."""

    heading: str
    subheading: str | None
    tables: tuple[Table, ...]


@dataclass(frozen=True, slots=True)
class Report:
    """A command's whole output: sections for people, a JSON document and CSV rows (under
    `columns`) for machines. Each part is built when its format is asked for."""

    columns: tuple[str, ...]
    sections: Callable[[], Sequence[Section]]
    document: Callable[[], Mapping[str, Any]]
    rows: Callable[[], Iterable[Mapping[str, object]]]


# --- writers -------------------------------------------------------------------------------------


def _escaped(text: str, fmt: TextFormat) -> str:
    """A cell or heading on one line, without control characters; in Markdown also without
    raw HTML (`<script>`, `<img onerror=…>` are shown as text) and with `|` escaped."""
    return one_line(text) if fmt == "plain" else markdown_text(text)


def _paragraph(text: str, fmt: TextFormat) -> str:
    """Lines szaktar writes under a heading or a table: each escaped, the line breaks kept."""
    return "\n".join(_escaped(line, fmt) for line in text.split("\n"))


def markdown_text(text: str) -> str:
    """Text in a Markdown table cell or heading: shown as written, never read as HTML or as the
    cell's end (issue 18: exports and reports go to GitHub and e-mail)."""
    escaped = one_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return escaped.replace("|", "\\|")


def as_text(parts: Sequence[Section], fmt: TextFormat) -> str:
    """Plain text (tabulate's `simple`), Markdown (`pipe`) or GitHub tables; no ANSI codes."""
    from tabulate import tabulate  # noqa: PLC0415

    blocks: list[str] = []
    for section in parts:
        if fmt == "plain":
            blocks.append(f"{one_line(section.heading)}\n{'=' * len(section.heading)}")
        else:
            blocks.append(f"## {_escaped(section.heading, fmt)}")
        if section.subheading:
            blocks.append(_paragraph(section.subheading, fmt))
        for table in section.tables:
            if table.title:
                blocks.append(
                    one_line(table.title) if fmt == "plain" else f"### {_escaped(table.title, fmt)}"
                )
            blocks.append(
                tabulate(
                    [[_escaped(cell, fmt) for cell in row] for row in table.rows],
                    headers=[_escaped(header, fmt) for header in table.headers],
                    tablefmt=_TABULATE_FORMATS[fmt],
                    disable_numparse=True,
                    colalign=[
                        "right" if index in table.right else "left"
                        for index in range(len(table.headers))
                    ],
                )
            )
            if table.footer:
                blocks.append(_paragraph(table.footer, fmt))
    return "\n\n".join(blocks) + "\n"


NAME_MIN_WIDTH = 22


def _natural_width(table: Table, columns: Sequence[int]) -> int:
    """The narrowest the table can be drawn: names may wrap down to NAME_MIN_WIDTH."""

    def width(index: int) -> int:
        widest = max([len(table.headers[index]), *(len(row[index]) for row in table.rows)])
        return min(widest, NAME_MIN_WIDTH) if index == 0 else widest

    return sum(width(index) + 3 for index in columns)


def _columns_that_fit(table: Table, width: int | None) -> tuple[list[int], bool]:
    """All columns, or without the optional ones when the table is wider than the terminal."""
    columns = list(range(len(table.headers)))
    if width is None or not table.optional or _natural_width(table, columns) <= width:
        return columns, False
    return [index for index in columns if index not in table.optional], True


def _as_blocks(table: Table, columns: Sequence[int]) -> list[RenderableType]:
    """A table too wide for the terminal even without its optional columns: one block a row,
    the name and status word on the first line, the other cells labelled on the second."""
    from rich.text import Text  # noqa: PLC0415

    title = [Text(one_line(table.title), style="bold")] if table.title else []
    blocks: list[RenderableType] = list(title)
    state_column = table.state_column
    for row, state in zip(table.rows, table.states, strict=True):
        first = Text(one_line(row[0]), style="bold")
        if state_column is not None and row[state_column]:
            first.append(" — ")
            first.append(one_line(row[state_column]), style=LOOKS[state].terminal if state else "")
        details = " · ".join(
            f"{one_line(table.headers[index])}: {one_line(row[index])}"
            for index in columns
            if index not in {0, state_column} and row[index]
        )
        blocks += [first, Text("    " + details, style="dim")] if details else [first]
    return blocks


def as_rich(parts: Sequence[Section], width: int | None = None) -> list[RenderableType]:
    """Rich tables for a terminal `width` wide: the status word of each row coloured."""
    from rich import box  # noqa: PLC0415
    from rich.table import Table as RichTable  # noqa: PLC0415
    from rich.text import Text  # noqa: PLC0415

    renderables: list[RenderableType] = []
    for section in parts:
        renderables.append(Text(one_line(section.heading), style="bold"))
        if section.subheading:
            renderables.append(Text(_paragraph(section.subheading, "plain"), style="dim"))
        for table in section.tables:
            columns, narrowed = _columns_that_fit(table, width)
            notes = [
                Text(_paragraph(note, "plain"), style="dim")
                for note in (table.footer, table.optional_note if narrowed else None)
                if note
            ]
            if width is not None and _natural_width(table, columns) > width:
                renderables += _as_blocks(table, columns)
                renderables += notes
                continue
            drawn = RichTable(
                title=one_line(table.title) or None, title_justify="left", box=box.SIMPLE_HEAD
            )
            for index in columns:
                # numbers and status words are never broken (their column is as wide as its
                # widest cell, only the header may wrap); names wrap between words but keep a
                # readable width on a narrow terminal
                widest = max((len(row[index]) for row in table.rows), default=0)
                unbroken = index in table.right or index == table.state_column
                drawn.add_column(
                    one_line(table.headers[index]),
                    justify="right" if index in table.right else "left",
                    min_width=widest if unbroken else min(widest, NAME_MIN_WIDTH),
                )
            for row, state in zip(table.rows, table.states, strict=True):
                style = LOOKS[state].terminal if state else ""
                cells = {index: Text(one_line(row[index])) for index in columns}
                if state is not None:
                    column = table.state_column if table.state_column is not None else 0
                    cells[column].stylize(style)
                drawn.add_row(*cells.values())
            renderables.append(drawn)
            renderables += notes
        renderables.append(Text(""))
    return renderables


def csv_text(columns: Sequence[str], rows: Iterable[Mapping[str, object]], delimiter: str) -> str:
    """RFC 4180 with `,` (CRLF line ends); with tabs, LF."""
    buffer = io.StringIO()
    writer = csv.writer(
        buffer, delimiter=delimiter, lineterminator="\r\n" if delimiter == "," else "\n"
    )
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row.get(column)) for column in columns])
    return buffer.getvalue()


def cell(value: object) -> str:
    """A value as CSV text: empty for nothing, true/false, numbers rounded (json_number)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float | int):
        return str(json_number(value))
    return str(value)


def _json_text(report: Report) -> str:
    return json.dumps(report.document(), ensure_ascii=False, indent=2) + "\n"


# Every format but the rich table (as_rich).
WRITERS: Mapping[ReportFormat, Callable[[Report], str]] = {
    "plain": lambda report: as_text(report.sections(), "plain"),
    "markdown": lambda report: as_text(report.sections(), "markdown"),
    "github": lambda report: as_text(report.sections(), "github"),
    "csv": lambda report: csv_text(report.columns, report.rows(), ","),
    "tsv": lambda report: csv_text(report.columns, report.rows(), "\t"),
    "json": _json_text,
}


@dataclass(frozen=True, slots=True)
class Drawn:
    """A report drawn in one format: its text, or for rich tables (`text` None), the sections
    they are drawn of at the terminal's width. What the cache can keep of a report (whose parts
    are functions), so that a command asked again of unchanged files prints it at once.
    `has_problems`: what the command's exit code says (`status --check`)."""

    text: str | None
    sections: tuple[Section, ...] = ()
    has_problems: bool = False

    @classmethod
    def of(
        cls, report: Report, fmt: ReportFormat | Literal["table"], *, has_problems: bool = False
    ) -> Drawn:
        if fmt == "table":
            return cls(None, tuple(report.sections()), has_problems)
        return cls(WRITERS[fmt](report), has_problems=has_problems)
