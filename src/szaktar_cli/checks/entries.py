"""Each entry names a declared activity, known keys, allowed dimension values, and a date in place."""

from __future__ import annotations

from ..model import ENTRY_FIELDS, STANDARD_DIMENSIONS
from ..schema_errors import suggest
from . import Context


def check(context: Context) -> None:
    project = context.project
    activities = project.activities
    known_keys = frozenset(ENTRY_FIELDS) | frozenset(project.dimensions)
    dimension_keys = frozenset(STANDARD_DIMENSIONS) | frozenset(project.dimensions)
    allowed = {
        name: values
        for name, dimension in project.dimensions.items()
        if (values := dimension.allowed()) is not None
    }
    start, end = project.start_date, project.end_date
    as_of = context.as_of
    for actuals in context.loaded.files:
        file = actuals.path
        for position, entry in enumerate(actuals.entries):
            index = actuals.index_of(position)
            activity = entry["activity"]
            if activity not in activities:
                hint = suggest(activity, activities)
                params: dict[str, object] = {"name": activity} | ({"suggestion": hint} if hint else {})
                context.report("A307", file, [index, "activity"], **params)
            if len(entry) > 2:
                for key, value in entry.items():
                    if key not in known_keys:
                        hint = suggest(key, known_keys)
                        params = {"key": key} | ({"suggestion": hint} if hint else {})
                        context.report("A301", file, [index, key], on_key=True, **params)
                    elif key in dimension_keys:
                        if not isinstance(value, str):
                            context.report("A302", file, [index, key], message=f"{key} must be text")
                        elif key in allowed and value not in allowed[key]:
                            hint = suggest(value, allowed[key])
                            params = {"value": value, "dimension": key} | ({"suggestion": hint} if hint else {})
                            context.report("A308", file, [index, key], **params)
            when = entry["date"]
            iso = when.isoformat()
            if (start is not None and when < start) or (end is not None and when > end):
                context.report(
                    "A305", file, [index, "date"], date=iso,
                    start=start.isoformat() if start else "?", end=end.isoformat() if end else "?",
                )
            if actuals.month is not None and iso[:7] != actuals.month:
                context.report("A306", file, [index, "date"], date=iso, month=actuals.month, expected=iso[:7])
            if as_of is not None and when > as_of:
                context.report("A323", file, [index, "date"], date=iso, as_of=as_of.isoformat())
