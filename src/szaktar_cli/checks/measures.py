"""A measure's kind fits its indicator: a ratio is not filtered, a share is a percentage."""

from __future__ import annotations

from .context import Context

# The diagnostics this module reports (tests/test_diagnostic_codes.py checks them).
CODES: frozenset[str] = frozenset({"P222", "P223"})


def check(context: Context) -> None:
    for indicator_id, indicator in context.project.indicators.items():
        measure = indicator.measure
        base = ["indicators", indicator_id]
        if measure.ratio is not None:
            # a ratio is computed from its two indicators; filters of its own would do nothing
            filters = [name for name in ("activities", "where") if getattr(measure, name)]
            if filters:
                context.report_project("P222", [*base, "measure", filters[0]], on_key=True,
                                       filters=", ".join(filters))
        if measure.kind in ("ratio", "composition") and indicator.unit != "percent":
            context.report_project("P223", [*base, "unit"], kind=measure.kind, unit=indicator.unit)
