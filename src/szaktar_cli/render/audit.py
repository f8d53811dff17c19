"""What `plan`, `gaps` and `history` share: one report, drawn as status draws its tables.

A command builds a `Report` — sections of `Table`s for people (render/status.py draws them as
rich, plain, Markdown or GitHub tables), a JSON document and CSV rows for machines — and
`text` picks the writer. Keys, column names and codes in JSON/CSV are English, dates ISO,
numbers raw.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..core.periods import next_period, parse_period
from .status import Section, as_text
from .status_data import number

# Places listed in one cell on screen; csv and json list them all.
MAX_PLACES = 5


@dataclass(slots=True)
class Report:
    sections: list[Section]
    document: Mapping[str, Any]
    columns: tuple[str, ...]
    rows: list[Mapping[str, object]] = field(default_factory=list)


def text(report: Report, fmt: str) -> str:
    """Every format but the rich table: plain, markdown, github, csv, tsv, json."""
    if fmt == "json":
        return json.dumps(report.document, ensure_ascii=False, indent=2) + "\n"
    if fmt in ("csv", "tsv"):
        return csv_text(report.columns, report.rows, "," if fmt == "csv" else "\t")
    return as_text(report.sections, fmt)  # type: ignore[arg-type]


def csv_text(columns: Sequence[str], rows: Iterable[Mapping[str, object]], delimiter: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(
        buffer, delimiter=delimiter, lineterminator="\r\n" if delimiter == "," else "\n"
    )
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row.get(column)) for column in columns])
    return buffer.getvalue()


def cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float | int):
        return str(number(value))
    return str(value)


def place(file: str, line: int) -> str:
    return f"{file}:{line}"


def places(found: Sequence[str]) -> str:
    """A few places in one cell: `a.yaml:3, a.yaml:9, … (+4)`."""
    shown = ", ".join(found[:MAX_PLACES])
    return shown if len(found) <= MAX_PLACES else f"{shown}, … (+{len(found) - MAX_PLACES})"


def runs(labels: Sequence[str]) -> list[tuple[str, int]]:
    """Consecutive period labels merged: `2010-09 – 2011-10` with how many periods it covers."""
    merged: list[tuple[str, str, int]] = []
    for name in labels:
        span = parse_period(name)
        if merged and span is not None:
            first, last, count = merged[-1]
            previous = parse_period(last)
            if previous is not None and next_period(previous) == span:
                merged[-1] = (first, name, count + 1)
                continue
        merged.append((name, name, 1))
    return [
        (first if first == last else f"{first} – {last}", count) for first, last, count in merged
    ]
