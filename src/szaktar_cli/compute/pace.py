"""An indicator's window (start, deadline), the pace its target expects (issue 19: linear, at the
deadline, from a day, by the schedule, or by a monthly profile), the forecast that follows the
same pace, and the indicator's series period by period.

A pace is a curve: the share of the work expected by the end of each day, 0 before it starts and
1 from the deadline on, straight between its knots (every model is: a monthly profile spreads a
month's weight evenly over its days). The expected amount is the minimum times that share; the
forecast is the amount so far divided by it (what the pace so far gives at the deadline).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import pairwise

from ..core.model import Project, Target
from ..core.periods import Period, days_inclusive, periods_between
from ..core.targets import Pace, accumulates, counts_anew, indicator_window, pace_of, target_on
from .aggregate import Aggregates
from .results import SeriesPoint

_DAY = dt.timedelta(days=1)


# --- the pace model ------------------------------------------------------------------------------


# Tracked-only figures that build up are forecast at their rate so far.
_TRACKED = Pace("linear", declared=False)


@dataclass(frozen=True, slots=True)
class _Curve:
    """A piecewise-linear function of the day: straight between knots (ordinal day, value),
    `before` before the first knot and `after` after the last one (None: unknown there)."""

    knots: tuple[tuple[int, float], ...]
    before: float | None
    after: float | None

    def at(self, day: dt.date) -> float | None:
        now = day.toordinal()
        if now < self.knots[0][0]:
            return self.before
        if now == self.knots[0][0]:
            return self.knots[0][1]
        for (x0, y0), (x1, y1) in pairwise(self.knots):
            if now <= x1:
                return y0 + (y1 - y0) * (now - x0) / (x1 - x0) if x1 > x0 else y1
        return self.after


def _share_curve(
    pace: Pace, start: dt.date | None, deadline: dt.date | None, target: Target | None
) -> _Curve | None:
    """The share of the work a pace expects by each day (0 … 1); None when the dates it needs
    are unknown."""
    if pace.model == "schedule":
        return _schedule_curve(start, deadline, target)
    if deadline is None:
        return None
    end = deadline.toordinal()
    if pace.model == "at_deadline":
        return _Curve(((end - 1, 0.0), (end, 1.0)), 0.0, 1.0)
    origin = pace.start or start
    if origin is None:
        return None
    if pace.weights is None:  # linear, from the start or from `from`
        return _Curve(((origin.toordinal() - 1, 0.0), (end, 1.0)), 0.0, 1.0)
    knots = [(origin.toordinal() - 1, 0.0)]
    total = 0.0
    for span in periods_between(origin, deadline, "month"):
        first, last = max(span.start, origin), min(span.end, deadline)
        share_of_month = days_inclusive(first, last) / days_inclusive(span.start, span.end)
        total += pace.weights[span.start.month - 1] * share_of_month
        knots.append((last.toordinal(), total))
    if total <= 0:
        return None  # no work in the window (validate refuses it: P234)
    return _Curve(tuple((day, amount / total) for day, amount in knots), 0.0, 1.0)


def _schedule_curve(
    start: dt.date | None, deadline: dt.date | None, target: Target | None
) -> _Curve | None:
    """Straight from 0 the day before the start through each checkpoint's minimum to the
    target's at the deadline (as shares of the target's minimum). With an unknown start the
    curve begins at the first checkpoint; with an unknown deadline it ends at the last."""
    if target is None or not target.min:
        return None
    points: list[tuple[int, float]] = []
    if start is not None:
        points.append((start.toordinal() - 1, 0.0))
    points.extend(
        (point.date.toordinal(), point.min / target.min)
        for point in target.schedule
        if point.min is not None
    )
    if deadline is not None:
        points.append((deadline.toordinal(), 1.0))
    if not points or (start is None and deadline is None):
        return None
    return _Curve(
        tuple(points),
        0.0 if start is not None else None,
        1.0 if deadline is not None else None,
    )


def _curve(
    project: Project, indicator_id: str, target: Target | None, pace: Pace | None
) -> _Curve | None:
    if pace is None:
        return None
    start, deadline = indicator_window(project, indicator_id, target)
    return _share_curve(pace, start, deadline, target)


def expected_at(
    project: Project, indicator_id: str, day: dt.date, target: Target | None = None
) -> float | None:
    """The amount the target's minimum calls for by the end of `day`, under its pace.

    A figure that builds up follows its pace's curve from 0 to the minimum at the deadline.
    Other figures (deliverables, levels, shares) are expected to hold the latest passed
    checkpoint (`schedule`), or the minimum from the deadline on (`at_deadline`). None without
    a cumulative minimum, or when the dates needed are unknown.
    """
    target = project.indicators[indicator_id].target if target is None else target
    if target is None or target.min is None or target.per is not None:
        return None
    pace = pace_of(project, indicator_id, target)
    if not accumulates(project, indicator_id):
        if pace is not None and pace.model == "at_deadline":
            deadline = indicator_window(project, indicator_id, target)[1]
            return target.min if deadline is not None and day >= deadline else None
        passed = [point.min for point in target.schedule if point.min is not None
                  and point.date <= day]
        return passed[-1] if passed else None
    curve = _curve(project, indicator_id, target, pace)
    share = None if curve is None else curve.at(day)
    return None if share is None else target.min * share


def expected_line(
    project: Project, indicator_id: str, target: Target | None = None
) -> tuple[tuple[dt.date, float], ...]:
    """The knots of the expected amount from the day before the start to the deadline (a
    figure that builds up, with a minimum): what a burn-up draws (straight between them)."""
    target = project.indicators[indicator_id].target if target is None else target
    if target is None or target.min is None or not accumulates(project, indicator_id):
        return ()
    curve = _curve(project, indicator_id, target, pace_of(project, indicator_id, target))
    if curve is None:
        return ()
    start, _ = indicator_window(project, indicator_id, target)
    knots = list(curve.knots)
    if start is not None and knots[0][0] > start.toordinal() - 1:
        knots.insert(0, (start.toordinal() - 1, 0.0))  # the flat start of a late pace
    return tuple((dt.date.fromordinal(day), target.min * share) for day, share in knots)


def nothing_due(
    project: Project, indicator_id: str, day: dt.date, target: Target | None = None
) -> bool:
    """Whether the pace expects nothing yet by the end of `day`: before the deadline of an
    `at_deadline` target, before a `from:` day, before the first month a seasonal profile
    gives work."""
    target = project.indicators[indicator_id].target if target is None else target
    pace = pace_of(project, indicator_id, target)
    if pace is None or pace.model == "schedule":
        return False
    if pace.model == "at_deadline":
        deadline = indicator_window(project, indicator_id, target)[1]
        return deadline is not None and day < deadline
    curve = _curve(project, indicator_id, target, pace)
    share = None if curve is None else curve.at(day)
    return share == 0


def forecast(
    project: Project,
    indicator_id: str,
    actual: float | None,
    at_deadline: float | None,
    as_of: dt.date,
    *,
    target: Target | None = None,
) -> float | None:
    """What the pace so far gives at the deadline: the actual divided by the share of the work
    the pace expects by now (sums and counts only: a distinct count saturates; none while the
    pace expects nothing yet); after the deadline, the value at the deadline."""
    target = project.indicators[indicator_id].target if target is None else target
    start, deadline = indicator_window(project, indicator_id, target)
    if actual is None or start is None or deadline is None or not counts_anew(
        project, indicator_id
    ) or not accumulates(project, indicator_id):
        return None
    if as_of >= deadline:
        return at_deadline
    if as_of < start:
        return None
    pace = _TRACKED if target is None else pace_of(project, indicator_id, target)
    curve = _curve(project, indicator_id, target, pace)
    if curve is None and pace is not None and pace.model == "schedule":
        curve = _curve(project, indicator_id, target, _TRACKED)  # a schedule of maximums
    share = None if curve is None else curve.at(as_of)
    return actual / share if share else None


def period_series(
    aggregates: Aggregates,
    indicator_id: str,
    kind: Period,
    first: dt.date,
    last: dt.date,
) -> list[SeriesPoint]:
    """Each period of `kind` overlapping [first, last]: its value, and the value to its end."""
    project = aggregates.project
    target = target_on(project, indicator_id, aggregates.as_of)
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
                expected_at(project, indicator_id, span.end, target),
            )
        )
    return points
