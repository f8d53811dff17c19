"""What is still needed: for each target not yet met, the remaining amount and the rate needed.

Pure functions of (project, entries, as_of); the figures come from the engine (aggregate.py,
judge.py).

Time left is counted from the day after as-of (entries dated on as-of are already in the
actual) to the deadline, both included:
- `days_left`  = deadline − as-of, in days;
- `months_left` = the calendar months those days touch (a deadline later this month: 1);
- `weeks_left` = days_left / 7, rounded up (a started week counts as one).
The rate needed is the remaining amount divided by the months (weeks) left. Only the time the
target's pace gives work counts: from its `from:` day on, and of a seasonal profile only the
months with a positive weight (their days, their weeks). A target due at the deadline
(`at_deadline`) gets no rate: nothing is due before it.

A target *can no longer be met at the best month observed so far* when the rate needed per
month exceeds the largest amount the figure ever grew by in one calendar month (the current
month included); one that has never grown is *not started*. Only figures that build up
(sum, count, distinct) have such a rate; for the others (levels, shares, deliverables) the
remaining amount alone is given.

Rate targets (`per: month|quarter|…`), with or without `per_group`: the period of the day
after as-of is the one still open; each group (or the whole, without groups) that has not
yet reached the minimum in it is *at risk*, with the amount still needed before it ends.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from ..core.i18n import Lang, localised
from ..core.model import Entry, Project, Target
from ..core.periods import days_inclusive, periods_between
from ..core.targets import Pace, accumulates, target_on, target_period_of
from .aggregate import Aggregates, aggregate, group_values_of
from .judge import evaluate_indicators
from .results import IndicatorStatus, Milestone

Verdict = Literal[
    "needed", "not_started", "not_due", "unreachable", "at_risk", "missed", "unknown"
]

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class TimeLeft:
    days: int
    months: int
    weeks: int


def time_left(
    as_of: dt.date,
    deadline: dt.date,
    start: dt.date | None = None,
    weights: Sequence[float] | None = None,
) -> TimeLeft:
    """The days after as-of up to the deadline (none before the start can be used); with the
    `weights` of a seasonal profile, only the months with a positive weight count."""
    last_used = as_of if start is None else max(as_of, start - ONE_DAY)
    if deadline <= last_used:
        return TimeLeft(0, 0, 0)
    first = last_used + ONE_DAY
    months = [
        span
        for span in periods_between(first, deadline, "month")
        if weights is None or weights[span.start.month - 1] > 0
    ]
    days = sum(days_inclusive(max(span.start, first), min(span.end, deadline)) for span in months)
    if days == 0:
        return TimeLeft(0, 0, 0)
    return TimeLeft(days, len(months), math.ceil(days / 7))


def working_time(
    pace: Pace | None, as_of: dt.date, deadline: dt.date, start: dt.date | None
) -> TimeLeft:
    """The time left in which the pace gives work: from its `from:` day, in its months."""
    if pace is None:
        return time_left(as_of, deadline, start)
    begins = pace.start if pace.start is not None else start
    return time_left(as_of, deadline, begins, pace.weights)


@dataclass(frozen=True, slots=True)
class Need:
    remaining: float
    left: TimeLeft
    per_month: float | None  # None: no time left
    per_week: float | None


def need(target: float, actual: float, left: TimeLeft, *, rate: bool = True) -> Need:
    """The rate per month and per week that reaches `target` from `actual` in the time left
    (`rate=False`: the remaining amount only, for figures that do not build up)."""
    remaining = max(0.0, target - actual)
    if left.days == 0 or not rate:
        return Need(remaining, left, None, None)
    return Need(remaining, left, remaining / left.months, remaining / left.weeks)


@dataclass(frozen=True, slots=True)
class BestMonth:
    month: str
    amount: float


def best_month(cumulative: Iterable[tuple[str, float | None]]) -> BestMonth | None:
    """The month the figure grew most in, from its value at the end of each month (in order).

    The growth of a count or a sum is the month's own amount; of a distinct count, the new
    values first seen that month. None when the figure never grew.
    """
    best: BestMonth | None = None
    before = 0.0
    for month, value in cumulative:
        now = before if value is None else value
        growth = now - before
        if growth > 0 and (best is None or growth > best.amount):
            best = BestMonth(month, growth)
        before = now
    return best


# --- The plan of a project ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlanItem:
    """One target (or one group, or the open period of a rate target) that is not met yet."""

    indicator: str
    name: str
    name_en: str | None
    unit: str
    target_min: float
    actual: float | None
    deadline: dt.date | None
    verdict: Verdict
    need: Need | None = None
    best: BestMonth | None = None
    period: str | None = None  # rate targets: the open period
    group: str | None = None  # per_group targets: the group
    pace: Pace | None = None  # the pace the rate is computed under
    partial: float | None = None  # a partial open period: the share of its days in the window
    checkpoint: dt.date | None = None  # the next checkpoint not yet reached, with `stage`:
    stage: Literal["to", "after"] | None = None  # the rate to it, or after it to the target
    amended: dt.date | None = None  # the day of the latest amendment of the target planned for

    def display_name(self, lang: Lang) -> str:
        return localised(self.name, self.name_en, lang)


@dataclass(frozen=True, slots=True)
class ProjectPlan:
    id: str
    title: str
    title_en: str | None
    as_of: dt.date
    items: tuple[PlanItem, ...]
    clear: int  # targets with a minimum that need nothing more now (not listed)

    def display_title(self, lang: Lang) -> str:
        return localised(self.title, self.title_en, lang)


def plan_project(project: Project, entries: Iterable[Entry], as_of: dt.date) -> ProjectPlan:
    aggregates = aggregate(project, entries, as_of)
    items: list[PlanItem] = []
    clear = 0
    for indicator in evaluate_indicators(aggregates).indicators:
        target = indicator.target
        if target is None or target.min is None:
            continue
        goal = _Goal(aggregates, indicator, target.min, target.per_group)
        found = goal.open_period(target) if target.per is not None else goal.cumulative()
        items.extend(found)
        clear += not found
    return ProjectPlan(project.id, project.title, project.title_en, as_of, tuple(items), clear)


@dataclass(frozen=True, slots=True)
class _Goal:
    """One indicator's minimum, planned for as a whole or group by group."""

    aggregates: Aggregates
    indicator: IndicatorStatus
    minimum: float
    dimension: str | None  # per_group

    def groups(self) -> Sequence[str | None]:
        if self.dimension is None:
            return [None]
        observed = self.aggregates.group_keys(self.indicator.id, self.dimension)
        return group_values_of(self.aggregates.project, self.dimension, observed)

    def value(self, first: dt.date | None, last: dt.date, group: str | None) -> float | None:
        return self.aggregates.value(
            self.indicator.id, first, last, dimension=self.dimension, group=group
        )

    def item(self, actual: float | None, verdict: Verdict, **fields: Any) -> PlanItem:
        indicator = self.indicator
        return PlanItem(
            indicator.id,
            indicator.name,
            indicator.name_en,
            indicator.unit,
            fields.pop("target_min", self.minimum),
            actual,
            fields.pop("deadline", indicator.deadline),
            verdict,
            pace=indicator.pace,
            amended=fields.pop(
                "amended", indicator.amendments[-1].start if indicator.amendments else None
            ),
            **fields,
        )

    def cumulative(self) -> list[PlanItem]:
        """The indicator, or each group of a per_group target, short of its minimum; with a
        checkpoint still ahead and not reached, the rate to it, then the rate after it."""
        as_of, deadline = self.aggregates.as_of, self.indicator.deadline
        items = []
        for group in self.groups():
            actual = self.value(None, as_of, group)
            if actual is not None and actual >= self.minimum:
                continue
            checkpoint = self.next_checkpoint() if group is None else None
            if checkpoint is None or checkpoint.min is None:
                items.append(self.toward(actual, group, self.minimum, deadline))
                continue
            day = checkpoint.date
            items.append(
                self.toward(actual, group, checkpoint.min, day, checkpoint=day, stage="to")
            )
            items.append(
                self.toward(
                    actual,
                    group,
                    self.minimum,
                    deadline,
                    since=day,
                    reached=checkpoint.min,
                    checkpoint=day,
                    stage="after",
                )
            )
        return items

    def next_checkpoint(self) -> Milestone | None:
        """The first checkpoint still ahead and not reached: the binding deadline for now."""
        return next(
            (point for point in self.indicator.milestones if point.state == "not_due"), None
        )

    def toward(
        self,
        actual: float | None,
        group: str | None,
        goal: float,
        deadline: dt.date | None,
        *,
        since: dt.date | None = None,
        reached: float = 0.0,
        **fields: Any,
    ) -> PlanItem:
        """What brings the figure from `actual` (or from `reached`, the amount a checkpoint
        before it will have secured) to `goal` by `deadline`, in the time the pace gives work
        after `since` (default: as-of)."""
        aggregates, indicator = self.aggregates, self.indicator
        as_of = aggregates.as_of
        fields = {"group": group, "target_min": goal, "deadline": deadline, **fields}
        if indicator.note is not None or deadline is None:
            return self.item(actual, "unknown", **fields)
        if as_of >= deadline:
            return self.item(actual, "missed", **fields)
        builds_up = accumulates(aggregates.project, indicator.id)
        pace = indicator.pace
        left = working_time(pace, as_of if since is None else since, deadline, indicator.start)
        base = max(actual or 0.0, reached)
        if pace is not None and pace.model == "at_deadline" and deadline == indicator.deadline:
            # nothing is due before the deadline: no rate
            return self.item(actual, "not_due", need=need(goal, base, left, rate=False), **fields)
        needed = need(goal, base, left, rate=builds_up)
        if not builds_up:  # a level without entries (max, last, share) has not started
            verdict: Verdict = "not_started" if actual is None else "needed"
            return self.item(actual, verdict, need=needed, **fields)
        first = indicator.start or aggregates.first_day(indicator.id)
        months = [] if first is None else periods_between(first, as_of, "month")
        best = best_month(
            (span.label, self.value(None, min(span.end, as_of), group)) for span in months
        )
        verdict = "not_started" if best is None else "needed"
        if best is not None and needed.per_month is not None and needed.per_month > best.amount:
            verdict = "unreachable"
        return self.item(actual, verdict, need=needed, best=best, **fields)

    def open_period(self, target: Target) -> list[PlanItem]:
        """The open period (the one of the day after as-of): each group (or the whole) not yet
        at the minimum in it is at risk. A partial period (partly outside the window) needs its
        minimum in proportion to its days inside — or the whole of it with `partial: full`."""
        aggregates, indicator = self.aggregates, self.indicator
        as_of = aggregates.as_of
        start, deadline = indicator.start, indicator.deadline
        if (start is not None and as_of < start) or (deadline is not None and as_of >= deadline):
            return []
        project = aggregates.project
        span = target_period_of(project, indicator.id, target, as_of + ONE_DAY)
        # the period's minimum is the one in force on its last day, as status will judge it
        written = project.indicators[indicator.id].target
        amendments = () if written is None else written.amendments_by(span.end)
        in_force = target_on(project, indicator.id, span.end)
        minimum = self.minimum if in_force is None or in_force.min is None else in_force.min
        period_deadline = span.end if deadline is None else min(span.end, deadline)
        share = span.share_within(start, deadline)
        goal = minimum if share == 1 or target.partial == "full" else minimum * share
        left = time_left(as_of, period_deadline)
        first = span.start if start is None else max(span.start, start)
        items = []
        for group in self.groups():
            actual = self.value(first, as_of, group)
            amount = 0.0 if actual is None else actual
            if amount < goal:
                items.append(
                    self.item(
                        actual,
                        "at_risk",
                        target_min=goal,
                        deadline=period_deadline,
                        need=need(goal, amount, left),
                        period=span.label,
                        group=group,
                        partial=None if share == 1 else share,
                        amended=amendments[-1].start if amendments else None,
                    )
                )
        return items
