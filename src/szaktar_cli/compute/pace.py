"""An indicator's window (start, deadline), the pace its minimum calls for, the forecast at the
rate so far, and its series period by period."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise

from ..core.model import Project
from ..core.periods import Period, days_inclusive, periods_between
from .aggregate import Aggregates
from .results import SeriesPoint


def indicator_window(project: Project, indicator_id: str) -> tuple[dt.date | None, dt.date | None]:
    """(start, deadline): the phase's start or the project's; target.by, else the phase's or the
    project's end. Either is None when the project does not know it."""
    indicator = project.indicators[indicator_id]
    phase = project.phases.get(indicator.measure.phase) if indicator.measure.phase else None
    start = phase.start if phase else project.start_date
    end = phase.end if phase else project.end_date
    target = indicator.target
    return start, (target.by if target is not None and target.by is not None else end)


def accumulates(project: Project, indicator_id: str) -> bool:
    """Whether the figure builds up (sum, count, distinct, or one of these over a constant):
    only such figures have a linear pace and a forecast."""
    measure = project.indicators[indicator_id].measure
    if measure.ratio is not None:
        denominator = measure.ratio.denominator
        return isinstance(denominator, float | int) and accumulates(
            project, measure.ratio.numerator
        )
    return measure.kind in ("sum", "count", "distinct")


def never_decreases(project: Project, indicator_id: str) -> bool:
    """Whether the figure can only grow: reaching a minimum (or passing a maximum) is final."""
    measure = project.indicators[indicator_id].measure
    if measure.ratio is not None:
        denominator = measure.ratio.denominator
        return isinstance(denominator, float | int) and never_decreases(
            project, measure.ratio.numerator
        )
    return measure.kind in ("sum", "count", "distinct", "max", "deliverable")


def expected_at(project: Project, indicator_id: str, day: dt.date) -> float | None:
    """The amount the target's minimum calls for by the end of `day`.

    A figure that builds up follows a straight line from 0 the day before the start to the
    minimum at the deadline, through the schedule's checkpoints when there are some. Other
    figures (deliverables, levels, shares) are expected to hold the latest passed checkpoint.
    None without a cumulative minimum, or when the dates needed are unknown.
    """
    target = project.indicators[indicator_id].target
    if target is None or target.min is None or target.per is not None:
        return None
    start, deadline = indicator_window(project, indicator_id)
    checkpoints = [(point.date, point.min) for point in target.schedule if point.min is not None]
    if not accumulates(project, indicator_id):
        passed = [amount for when, amount in checkpoints if when <= day]
        return passed[-1] if passed else None
    points: list[tuple[int, float]] = []
    if start is not None:
        points.append((start.toordinal() - 1, 0.0))
    points.extend((when.toordinal(), amount) for when, amount in checkpoints)
    if deadline is not None:
        points.append((deadline.toordinal(), target.min))
    if not points or (start is None and deadline is None):
        return None
    now = day.toordinal()
    if now <= points[0][0]:
        return points[0][1] if start is not None else None
    for (x0, y0), (x1, y1) in pairwise(points):
        if now <= x1:
            return y0 + (y1 - y0) * (now - x0) / (x1 - x0) if x1 > x0 else y1
    return points[-1][1] if deadline is not None else None


def forecast(
    project: Project,
    indicator_id: str,
    actual: float | None,
    at_deadline: float | None,
    as_of: dt.date,
) -> float | None:
    """The rate so far carried on to the deadline (figures that build up only)."""
    start, deadline = indicator_window(project, indicator_id)
    if (
        actual is None
        or start is None
        or deadline is None
        or not accumulates(project, indicator_id)
    ):
        return None
    if as_of >= deadline:
        return at_deadline
    if as_of < start:
        return None
    return actual * days_inclusive(start, deadline) / days_inclusive(start, as_of)



def period_series(
    aggregates: Aggregates,
    indicator_id: str,
    kind: Period,
    first: dt.date,
    last: dt.date,
) -> list[SeriesPoint]:
    """Each period of `kind` overlapping [first, last]: its value, and the value to its end."""
    project = aggregates.project
    points = []
    for span in periods_between(first, last, kind):
        end = min(span.end, aggregates.as_of)
        points.append(
            SeriesPoint(
                span.label,
                span.start,
                span.end,
                aggregates.value(indicator_id, span.start, end),
                aggregates.value(indicator_id, None, end),
                expected_at(project, indicator_id, span.end),
            )
        )
    return points
