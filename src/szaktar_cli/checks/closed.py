"""A closed month's entries must not change: each entry added or edited since, and the removed ones,
are errors naming the month (see core/closed.py for what counts as a change)."""

from __future__ import annotations

from ..core.closed import closed_months, compare
from ..core.model import Closing, Entry
from ..core.periods import month_of
from ..read.loader import display_path, manifest_path
from ..read.places import PathPart
from .context import Context

# The diagnostics this module reports (tests/test_diagnostic_codes.py checks them).
CODES: frozenset[str] = frozenset({"C501", "C502", "C503"})


def check(context: Context) -> None:
    loaded = context.loaded
    events = loaded.closed
    closed = closed_months(events)
    if not closed:
        return
    # each entry of a closed month, with the file and the list index it sits at
    placed: dict[str, list[tuple[Entry, str, int]]] = {month: [] for month in closed}
    for actuals in loaded.files:
        for position, entry in enumerate(actuals.entries):
            month = month_of(entry["date"])
            if month in placed:
                placed[month].append((entry, actuals.path, actuals.index_of(position)))
    for month, closing in closed.items():
        event = next(index for index, candidate in enumerate(events) if candidate is closing)
        _check_month(context, closing, placed[month], event)


def _check_month(
    context: Context, closing: Closing, placed: list[tuple[Entry, str, int]], event: int
) -> None:
    """`event` is the closing's index in closed.yaml, where a month with no entries left points."""
    change = compare(closing, [entry for entry, _, _ in placed])
    month, closed, project = closing.month, closing.date.isoformat(), context.project.id
    for changed in change.changed:
        _, file, index = placed[changed.position]
        code = "C501" if changed.kind == "added" else "C502"
        context.report(code, file, [index], month=month, closed=closed, project=project)
    if change.removed:
        path: list[PathPart] = []
        if placed:
            file = placed[0][1]
        else:  # the month has no entries left: point at its closing in the manifest
            file, path = display_path(manifest_path(context.loaded.directory)), [event]
        dates = ", ".join(dict.fromkeys(change.removed))
        context.report(
            "C503", file, path, month=month, closed=closed, project=project,
            count=len(change.removed), dates=dates,
        )
