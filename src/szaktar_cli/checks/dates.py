"""The project's dates: unknowns are warned about, the period is ordered, deadlines lie inside it."""

from __future__ import annotations

import datetime as dt

from ..model import Unknown
from . import Context


def check(context: Context) -> None:
    project = context.project
    for key, what in (("start", "start date"), ("end", "end date")):
        value = getattr(project, key)
        if isinstance(value, Unknown):
            context.report_project("P206", [key], what=what, reason=value.unknown)
    if project.grant is not None:
        for key, what in (("amount", "grant amount"), ("funding_rate", "funding rate")):
            value = getattr(project.grant, key)
            if isinstance(value, Unknown):
                context.report_project("P206", ["grant", key], what=what, reason=value.unknown)
    for indicator_id, indicator in project.indicators.items():
        ratio = indicator.measure.ratio
        if ratio is not None and isinstance(ratio.denominator, Unknown):
            context.report_project(
                "P206", ["indicators", indicator_id, "measure", "ratio", "denominator"],
                what=f"denominator of {indicator_id!r}", reason=ratio.denominator.unknown,
            )
    for index, fact in enumerate(project.facts):
        if isinstance(fact.value, Unknown):
            context.report_project("P206", ["facts", index, "value"], what=fact.label, reason=fact.value.unknown)
    start, end = project.start_date, project.end_date
    if start is not None and end is not None and start > end:
        context.report_project("P207", ["start"], start=start.isoformat(), end=end.isoformat())
        return
    for phase_id, phase in project.phases.items():
        if phase.start > phase.end:
            context.report_project("P207", ["phases", phase_id, "start"], start=phase.start, end=phase.end)
        for key in ("start", "end"):
            _inside(context, ["phases", phase_id, key], f"phase {phase_id!r} {key}", getattr(phase, key))
    for indicator_id, indicator in project.indicators.items():
        target = indicator.target
        if target is None:
            continue
        base: list[str | int] = ["indicators", indicator_id, "target"]
        if target.by is not None:
            _inside(context, [*base, "by"], "deadline", target.by)
        dates = [point.date for point in target.schedule]
        for index, when in enumerate(dates):
            _inside(context, [*base, "schedule", index, "date"], "checkpoint", when)
        if dates != sorted(dates):
            context.report_project("P216", [*base, "schedule"])


def _inside(context: Context, path: list[str | int], what: str, when: dt.date) -> None:
    start, end = context.project.start_date, context.project.end_date
    if (start is not None and when < start) or (end is not None and when > end):
        context.report_project(
            "P214", path, what=what, when=when.isoformat(),
            start=start.isoformat() if start else "?", end=end.isoformat() if end else "?",
        )
