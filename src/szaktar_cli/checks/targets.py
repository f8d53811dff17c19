"""Targets are consistent: min ≤ max, each quotes the document it comes from, and how periods are
counted (`periods`, `partial`) is said only of a target per period."""

from __future__ import annotations

from ..read.yamlio import PathPart
from .context import Context

# The diagnostics this module reports (tests/test_diagnostic_codes.py checks them).
CODES: frozenset[str] = frozenset({"P211", "P215", "P238"})


def check(context: Context) -> None:
    for indicator_id, indicator in context.project.indicators.items():
        target = indicator.target
        if target is None:
            continue
        base: list[PathPart] = ["indicators", indicator_id, "target"]
        bounds = [(base, target.min, target.max)]
        bounds += [([*base, "schedule", index], point.min, point.max)
                   for index, point in enumerate(target.schedule)]
        for path, low, high in bounds:
            if low is not None and high is not None and low > high:
                context.report_project("P211", [*path, "min"], min=low, max=high)
        if not target.source:
            context.report_project("P215", base, on_key=True)
        if target.per is None:
            for key in ("periods", "partial"):
                if getattr(target, key) is not None:
                    context.report_project("P238", [*base, key], on_key=True, key=key)
