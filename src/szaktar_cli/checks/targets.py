"""Targets are consistent: min ≤ max (also as amended), amendments in the order they came into
force, each target quotes the document it comes from, and how periods are counted (`periods`,
`partial`) is said only of a target per period."""

from __future__ import annotations

from ..read.places import PathPart
from .context import Context

# The diagnostics this module reports (tests/test_diagnostic_codes.py checks them).
CODES: frozenset[str] = frozenset({"P211", "P215", "P236", "P238"})


def check(context: Context) -> None:
    for indicator_id, indicator in context.project.indicators.items():
        target = indicator.target
        if target is None:
            continue
        base: list[PathPart] = ["indicators", indicator_id, "target"]
        bounds = [(base, target.min, target.max)]
        bounds += [([*base, "schedule", index], point.min, point.max)
                   for index, point in enumerate(target.schedule)]
        # an amendment's bounds as they stand once it is in force (it may change only one)
        for index, amendment in enumerate(target.amendments):
            path: list[PathPart] = [*base, "amendments", index]
            changed = target.in_force(amendment.start)
            if amendment.min is not None or amendment.max is not None:
                bounds.append((path, changed.min, changed.max))
            bounds += [([*path, "schedule", number], point.min, point.max)
                       for number, point in enumerate(amendment.schedule or [])]
            if index and amendment.start <= target.amendments[index - 1].start:
                context.report_project("P236", [*path, "from"], start=amendment.start,
                                       before=target.amendments[index - 1].start)
        for path, low, high in bounds:
            if low is not None and high is not None and low > high:
                context.report_project("P211", [*path, "min"], min=low, max=high)
        if not target.source:
            context.report_project("P215", base, on_key=True)
        if target.per is None:
            for key in ("periods", "partial"):
                if getattr(target, key) is not None:
                    context.report_project("P238", [*base, key], on_key=True, key=key)
