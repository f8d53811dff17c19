"""Targets are consistent: min ≤ max, and each quotes the document it comes from."""

from __future__ import annotations

from . import Context


def check(context: Context) -> None:
    for indicator_id, indicator in context.project.indicators.items():
        target = indicator.target
        if target is None:
            continue
        base: list[str | int] = ["indicators", indicator_id, "target"]
        if target.min is not None and target.max is not None and target.min > target.max:
            context.report_project("P211", [*base, "min"], min=target.min, max=target.max)
        for index, point in enumerate(target.schedule):
            if point.min is not None and point.max is not None and point.min > point.max:
                context.report_project("P211", [*base, "schedule", index, "min"], min=point.min, max=point.max)
        if not target.source:
            context.report_project("P215", base, on_key=True)
