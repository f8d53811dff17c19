"""JSON of `szaktar export`: English keys, ISO dates, numbers as numbers, codes as they are."""

from __future__ import annotations

import datetime as dt
import json

from ..compute.tables import Cell, ExportTable


def _value(value: Cell) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def render(table: ExportTable) -> bytes:
    document = {
        "kind": table.kind,
        "period": {
            "label": table.period.label,
            "start": table.period.start.isoformat(),
            "end": table.period.end.isoformat(),
        },
        "as_of": table.as_of.isoformat(),
        "projects": [{"id": project.id, "title": project.title} for project in table.projects],
        "rows": [
            {column.key: _value(value) for column, value in zip(table.columns, row, strict=True)}
            for row in table.rows
        ],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
