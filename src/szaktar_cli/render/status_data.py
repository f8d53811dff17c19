"""`szaktar status` for machines: JSON of a documented, stable shape, and CSV/TSV in long format.

Keys, column names and status codes are English; dates ISO; numbers raw (`.` decimals).
The JSON shape is documented in docs/commands.md (status); keep the two in step.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence
from typing import Any

from ..compute.results import IndicatorStatus, ProjectStatus
from ..core.i18n import Lang

# Six decimals keep every figure a person could mean and drop binary noise (0.30000000000000004).
_DIGITS = 6

CSV_COLUMNS: tuple[str, ...] = (
    "project",
    "indicator",
    "row",
    "period",
    "dimension",
    "group",
    "actual",
    "target_min",
    "target_max",
    "per",
    "by",
    "percent",
    "expected_to_date",
    "forecast",
    "status",
    "unit",
    "name",
)


def number(value: float | None) -> float | int | None:
    """A JSON number: whole numbers without a fraction, others rounded to six decimals."""
    if value is None:
        return None
    rounded = round(float(value), _DIGITS)
    return int(rounded) if rounded.is_integer() else rounded


def _target(item: IndicatorStatus) -> dict[str, Any] | None:
    target = item.target
    if target is None:
        return None
    return {
        "min": number(target.min),
        "max": number(target.max),
        "per": target.per,
        "per_group": target.per_group,
        "by": item.deadline.isoformat() if item.deadline else None,
    }


def _indicator(item: IndicatorStatus, lang: Lang) -> dict[str, Any]:
    breakdown = item.breakdown
    return {
        "id": item.id,
        "name": item.display_name(lang),
        "unit": item.unit,
        "actual": number(item.actual),
        "target": _target(item),
        "percent": number(item.percent),
        "expected_to_date": number(item.expected_to_date),
        "forecast": number(item.forecast),
        "status": item.status,
        "periods": [
            {
                "period": period.period,
                "actual": number(period.actual),
                "target_min": number(period.target_min),
                "target_max": number(period.target_max),
                "met": period.met,
                "in_progress": period.in_progress,
            }
            for period in item.periods
        ],
        "groups": [
            {
                "group": group.group,
                "period": group.period,
                "actual": number(group.actual),
                "met": group.met,
                "in_progress": group.in_progress,
                "status": group.state,
            }
            for group in item.groups
        ],
        "breakdown": None
        if breakdown is None
        else {
            "dimension": breakdown.dimension,
            "values": [
                {"value": part.value, "actual": number(part.actual)} for part in breakdown.items
            ],
        },
    }


def as_json(results: Sequence[ProjectStatus], lang: Lang) -> str:
    as_of = results[0].as_of.isoformat() if results else None
    document = {
        "as_of": as_of,
        "projects": [
            {
                "id": result.id,
                "title": result.display_title(lang),
                "start": result.start.isoformat() if result.start else None,
                "end": result.end.isoformat() if result.end else None,
                "indicators": [_indicator(item, lang) for item in result.indicators],
            }
            for result in results
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float | int):
        return str(number(value))
    return str(value)


def _rows(result: ProjectStatus, lang: Lang) -> Iterator[dict[str, object]]:
    for item in result.indicators:
        common = {
            "project": result.id,
            "indicator": item.id,
            "unit": item.unit,
            "name": item.display_name(lang),
        }
        target = item.target
        yield {
            **common,
            "row": "indicator",
            "actual": item.actual,
            "dimension": target.per_group if target else None,
            "target_min": target.min if target else None,
            "target_max": target.max if target else None,
            "per": target.per if target else None,
            "by": item.deadline.isoformat() if target and item.deadline else None,
            "percent": item.percent,
            "expected_to_date": item.expected_to_date,
            "forecast": item.forecast,
            "status": item.status,
        }
        for period in item.periods:
            yield {
                **common,
                "row": "period",
                "period": period.period,
                "actual": period.actual,
                "target_min": period.target_min,
                "target_max": period.target_max,
                "status": period.state,
            }
        for group in item.groups:
            yield {
                **common,
                "row": "group",
                "period": group.period,
                "dimension": target.per_group if target else None,
                "group": group.group,
                "actual": group.actual,
                "status": group.state,
            }
        if item.breakdown is not None:
            for part in item.breakdown.items:
                yield {
                    **common,
                    "row": "breakdown",
                    "dimension": item.breakdown.dimension,
                    "group": part.value,
                    "actual": part.actual,
                }


def as_csv(results: Sequence[ProjectStatus], lang: Lang, delimiter: str = ",") -> str:
    """One row per indicator, then its periods, group cells and breakdown parts (column `row`)."""
    buffer = io.StringIO()
    writer = csv.writer(
        buffer, delimiter=delimiter, lineterminator="\r\n" if delimiter == "," else "\n"
    )
    writer.writerow(CSV_COLUMNS)
    for result in results:
        for row in _rows(result, lang):
            writer.writerow([_text(row.get(column)) for column in CSV_COLUMNS])
    return buffer.getvalue()
