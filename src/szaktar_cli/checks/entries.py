"""Each entry names a declared activity, known keys, allowed dimension values, a date in place.

This rule sees every entry (100 000 of them in a large data set), so it spends per entry
only set operations and date comparisons; a message is built only for a problem.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from ..core.diagnostics import AFTER_AS_OF, Text
from ..core.fields import ENTRY_FIELDS, NON_DIMENSION_FIELDS, STANDARD_DIMENSIONS
from ..core.periods import month_of, month_span
from ..core.text import describe, listed, suggest
from ..read.names import activity_meant
from ..read.places import PathPart
from .context import Context

# The diagnostics this module reports (tests/test_diagnostic_codes.py checks them).
CODES: frozenset[str] = frozenset({"A301", "A302", "A305", "A306", "A307", "A308", AFTER_AS_OF})

_TEXT = Text("must be text", "szövegnek kell lennie")


def check(context: Context) -> None:
    project = context.project
    known_keys = frozenset(ENTRY_FIELDS) | frozenset(project.dimensions)
    allowed = {
        name: values
        for name, dimension in project.dimensions.items()
        if (values := dimension.allowed()) is not None
    }
    # standard dimensions are text already (the schema says so); the project's own ones and
    # those with a closed list of values are looked at here
    looked_at = (frozenset(project.dimensions) - frozenset(STANDARD_DIMENSIONS)
                 - frozenset(NON_DIMENSION_FIELDS)) | frozenset(allowed)
    start, end = project.start_date, project.end_date
    first, last = start or dt.date.min, end or dt.date.max  # an unknown bound lets all through
    as_of = context.as_of or dt.date.max
    for actuals in context.loaded.files:
        file = actuals.path
        month_first, month_last = _days_of(actuals.month)
        for index, entry in actuals.items():
            activity = entry.get("activity")
            if activity is not None and activity not in project.activities:
                context.report("A307", file, [index, "activity"], name=activity,
                               suggestion=activity_meant(str(activity), project))
            if not known_keys.issuperset(entry):
                for key in entry.keys() - known_keys:
                    context.report("A301", file, [index, key], on_key=True, key=str(key),
                                   suggestion=suggest(key, known_keys))
            if not looked_at.isdisjoint(entry):
                _check_dimensions(context, (file, index), entry, looked_at, allowed)
            when = entry.get("date")
            if when is None:
                continue
            place: list[PathPart] = [index, "date"]
            if not first <= when <= last:
                context.report("A305", file, place, date=when, start=start or "?", end=end or "?")
            if not month_first <= when <= month_last:
                context.report("A306", file, place, date=when, month=actuals.month,
                               expected=month_of(when))
            if when > as_of:
                context.report(AFTER_AS_OF, file, place, date=when, as_of=as_of)


def _days_of(month: str | None) -> tuple[dt.date, dt.date]:
    """The first and last day of the month an actuals file is named after (`2011-03`); a file
    not named after a month takes any date (its name is reported as A312)."""
    span = month_span(month) if month is not None else None
    return (dt.date.min, dt.date.max) if span is None else (span.start, span.end)


def _check_dimensions(
    context: Context,
    place: tuple[str, int],
    entry: Mapping[str, Any],
    looked_at: frozenset[str],
    allowed: Mapping[str, frozenset[str]],
) -> None:
    file, index = place
    for key in looked_at.intersection(entry):
        value = entry[key]
        if not isinstance(value, str):
            context.report("A302", file, [index, key], field=key, problem=_TEXT,
                           found=describe(value))
        elif key in allowed and value not in allowed[key]:
            context.report("A308", file, [index, key], value=value, dimension=key,
                           allowed=listed(context.project.dimensions[key].values or ()),
                           suggestion=suggest(value, allowed[key]))
