"""Each entry names a declared activity, known keys, allowed dimension values, a date in place."""

from __future__ import annotations

import datetime as dt

from ..diagnostics import Text
from ..model import ENTRY_FIELDS, NON_DIMENSION_FIELDS
from ..schema_errors import describe, suggest
from . import Context

_TEXT = Text("must be text", "szövegnek kell lennie")


def check(context: Context) -> None:
    project = context.project
    known_keys = frozenset(ENTRY_FIELDS) | frozenset(project.dimensions)
    dimension_keys = frozenset(project.dimension_names()) - frozenset(NON_DIMENSION_FIELDS)
    allowed = {
        name: values
        for name, dimension in project.dimensions.items()
        if (values := dimension.allowed()) is not None
    }
    for actuals in context.loaded.files:
        file = actuals.path
        for index, entry in actuals.items():
            activity = entry.get("activity")
            if activity is not None and activity not in project.activities:
                context.report("A307", file, [index, "activity"], name=activity,
                               suggestion=suggest(activity, project.activities))
            for key, value in entry.items():
                if key not in known_keys:
                    context.report("A301", file, [index, key], on_key=True, key=str(key),
                                   suggestion=suggest(key, known_keys))
                elif key not in dimension_keys:
                    continue
                elif not isinstance(value, str):
                    context.report("A302", file, [index, key], field=key, problem=_TEXT,
                                   found=describe(value))
                elif key in allowed and value not in allowed[key]:
                    context.report("A308", file, [index, key], value=value, dimension=key,
                                   suggestion=suggest(value, allowed[key]))
            when = entry.get("date")
            if when is not None:
                _check_date(context, file, index, when, actuals.month)


def _check_date(context: Context, file: str, index: int, when: dt.date, month: str | None) -> None:
    start, end = context.project.start_date, context.project.end_date
    iso = when.isoformat()
    if (start is not None and when < start) or (end is not None and when > end):
        context.report(
            "A305", file, [index, "date"], date=iso,
            start=start.isoformat() if start else "?", end=end.isoformat() if end else "?",
        )
    if month is not None and iso[:7] != month:
        context.report("A306", file, [index, "date"], date=iso, month=month, expected=iso[:7])
    if context.as_of is not None and when > context.as_of:
        context.report("A323", file, [index, "date"], date=iso, as_of=context.as_of.isoformat())
