"""A target's pace fits its figure and its window (issue 19): a pace day by day only for a
figure that builds up, checkpoints for `schedule`, a `from:` day inside the window, a seasonal
profile that gives the window some work, and no pace at all for a target per period."""

from __future__ import annotations

from ..core.model import PaceProfile
from ..core.periods import periods_between
from ..core.targets import accumulates, indicator_window
from ..read.places import PathPart
from .context import Context

# The diagnostics this module reports (tests/test_diagnostic_codes.py checks them).
CODES: frozenset[str] = frozenset({"P231", "P232", "P233", "P234", "P235"})


def check(context: Context) -> None:
    project = context.project
    for indicator_id, indicator in project.indicators.items():
        target = indicator.target
        if target is None or target.pace is None:
            continue
        path: list[PathPart] = ["indicators", indicator_id, "target", "pace"]
        pace = target.pace
        if target.per is not None:
            context.report_project("P232", path, on_key=True)
            continue
        if pace == "schedule" and not target.schedule:
            context.report_project("P233", path)
        day_by_day = pace == "linear" or isinstance(pace, PaceProfile)
        if day_by_day and not accumulates(project, indicator_id):
            name = pace if isinstance(pace, str) else "monthly" if pace.monthly else "from"
            context.report_project("P231", path, pace=name, kind=indicator.measure.kind)
            continue
        if isinstance(pace, PaceProfile):
            _check_profile(context, indicator_id, pace, path)


def _check_profile(
    context: Context, indicator_id: str, pace: PaceProfile, path: list[PathPart]
) -> None:
    start, deadline = indicator_window(context.project, indicator_id)
    too_early = start is not None and pace.start is not None and pace.start < start
    too_late = deadline is not None and pace.start is not None and pace.start > deadline
    if too_early or too_late:
        context.report_project(
            "P235", [*path, "from"], start=pace.start, first=start or "?", last=deadline or "?"
        )
        return
    origin = pace.start or start
    if pace.monthly is None or origin is None or deadline is None or deadline < origin:
        return
    months = periods_between(origin, deadline, "month")
    if not any(pace.monthly[span.start.month - 1] for span in months):
        context.report_project("P234", [*path, "monthly"], first=origin, last=deadline)
