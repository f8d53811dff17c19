"""The project's dates: unknowns are warned about, periods are ordered, deadlines lie inside."""

from __future__ import annotations

import datetime as dt

from ..core.diagnostics import Text
from ..core.model import Checkpoint, Unknown
from ..read.places import PathPart
from .context import Context

# The diagnostics this module reports (tests/test_diagnostic_codes.py checks them).
CODES: frozenset[str] = frozenset({"P206", "P207", "P214", "P216"})


def check(context: Context) -> None:
    _warn_unknowns(context)
    project = context.project
    start, end = project.start_date, project.end_date
    if start is not None and end is not None and start > end:
        context.report_project("P207", ["start"], start=start, end=end)
        return
    for phase_id, phase in project.phases.items():
        if phase.start > phase.end:
            context.report_project("P207", ["phases", phase_id, "start"], start=phase.start,
                                   end=phase.end)
        for key, when in (("start", phase.start), ("end", phase.end)):
            what = Text(f"the {key} of phase {phase_id!r}",
                        f"a(z) {phase_id!r} szakasz {'kezdete' if key == 'start' else 'vége'}")
            _inside(context, ["phases", phase_id, key], what, when)
    for indicator_id, indicator in project.indicators.items():
        target = indicator.target
        if target is None:
            continue
        base: list[PathPart] = ["indicators", indicator_id, "target"]
        if target.by is not None:
            _inside(context, [*base, "by"], Text("the deadline", "a határidő"), target.by)
        _check_schedule(context, base, target.schedule)
        for index, amendment in enumerate(target.amendments):
            path: list[PathPart] = [*base, "amendments", index]
            _inside(context, [*path, "from"], Text("the amendment", "a módosítás"),
                    amendment.start)
            if amendment.by is not None:
                _inside(context, [*path, "by"], Text("the deadline", "a határidő"), amendment.by)
            _check_schedule(context, path, amendment.schedule or [])


def _check_schedule(context: Context, base: list[PathPart], schedule: list[Checkpoint]) -> None:
    """A schedule's checkpoints lie inside the project, in date order."""
    dates = [point.date for point in schedule]
    for index, when in enumerate(dates):
        _inside(context, [*base, "schedule", index, "date"],
                Text("the checkpoint", "az ellenőrzőpont"), when)
    if dates != sorted(dates):
        context.report_project("P216", [*base, "schedule"])


def _warn_unknowns(context: Context) -> None:
    """P206 for each value written as {unknown: reason}."""
    project = context.project
    unknowns: list[tuple[list[PathPart], Text, object]] = [
        (["start"], Text("the start date", "a kezdő dátum"), project.start),
        (["end"], Text("the end date", "a záró dátum"), project.end),
    ]
    if project.grant is not None:
        unknowns += [
            (["grant", "amount"], Text("the grant amount", "a támogatás összege"),
             project.grant.amount),
            (["grant", "funding_rate"], Text("the funding rate", "a támogatási intenzitás"),
             project.grant.funding_rate),
        ]
    for indicator_id, indicator in project.indicators.items():
        ratio = indicator.measure.ratio
        if ratio is not None:
            unknowns.append((
                ["indicators", indicator_id, "measure", "ratio", "denominator"],
                Text(f"the denominator of {indicator_id!r}", f"a(z) {indicator_id!r} nevezője"),
                ratio.denominator,
            ))
    unknowns += [
        (["facts", index, "value"], Text(fact.label_en or fact.label, fact.label), fact.value)
        for index, fact in enumerate(project.facts)
    ]
    for path, what, value in unknowns:
        if isinstance(value, Unknown):
            context.report_project("P206", path, what=what, reason=value.unknown)


def _inside(context: Context, path: list[PathPart], what: Text, when: dt.date) -> None:
    start, end = context.project.start_date, context.project.end_date
    if (start is not None and when < start) or (end is not None and when > end):
        context.report_project("P214", path, what=what, when=when,
                               start=start or "?", end=end or "?")
