"""What a target means over time: the target in force on a day (its amendments applied), the
window it is judged in, how its figure moves (builds up, saturates, only grows), and the pace it
expects (its model; the curve is in compute/pace.py). The rules that judge it are in
compute/judge.py."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from .model import PaceProfile, Project, Target
from .periods import PeriodSpan, period_of, periods_between


def target_on(project: Project, indicator_id: str, day: dt.date) -> Target | None:
    """The indicator's target in force on `day` (its amendments by then applied), None without
    one."""
    target = project.indicators[indicator_id].target
    return None if target is None else target.in_force(day)


def indicator_window(
    project: Project, indicator_id: str, target: Target | None = None
) -> tuple[dt.date | None, dt.date | None]:
    """(start, deadline): the phase's start or the project's; the target's `by`, else the
    phase's or the project's end. `target`: the one in force (default: as written). Either is
    None when the project does not know it."""
    indicator = project.indicators[indicator_id]
    target = indicator.target if target is None else target
    phase = project.phases.get(indicator.measure.phase) if indicator.measure.phase else None
    start = phase.start if phase else project.start_date
    end = phase.end if phase else project.end_date
    return start, (target.by if target is not None and target.by is not None else end)


def period_origin(
    project: Project, indicator_id: str, target: Target | None = None
) -> dt.date | None:
    """The day a target's periods are counted from: its window's start with `periods: project`,
    None for calendar periods (the default, and when the start is unknown)."""
    target = project.indicators[indicator_id].target if target is None else target
    if target is None or target.periods != "project":
        return None
    return indicator_window(project, indicator_id, target)[0]


def target_periods(
    project: Project, indicator_id: str, target: Target, first: dt.date, last: dt.date
) -> list[PeriodSpan]:
    """The periods of a rate target (`per:`) overlapping [first, last], counted as it says."""
    assert target.per is not None
    return periods_between(first, last, target.per, period_origin(project, indicator_id, target))


def target_period_of(
    project: Project, indicator_id: str, target: Target, day: dt.date
) -> PeriodSpan:
    """The period of a rate target holding `day`, as the target counts them."""
    assert target.per is not None
    return period_of(day, target.per, period_origin(project, indicator_id, target))


def accumulates(project: Project, indicator_id: str) -> bool:
    """Whether the figure builds up (sum, count, distinct, or one of these over a constant):
    only such figures have a pace day by day and a forecast."""
    measure = project.indicators[indicator_id].measure
    if measure.ratio is not None:
        denominator = measure.ratio.denominator
        return isinstance(denominator, float | int) and accumulates(
            project, measure.ratio.numerator
        )
    return measure.kind in ("sum", "count", "distinct")


def counts_anew(project: Project, indicator_id: str) -> bool:
    """Whether each entry can add to the figure as much as the last (sums and counts): a
    distinct count saturates (the same people come back), so it gets no forecast."""
    measure = project.indicators[indicator_id].measure
    if measure.ratio is not None:
        return counts_anew(project, measure.ratio.numerator)
    return measure.kind in ("sum", "count")


def never_decreases(project: Project, indicator_id: str) -> bool:
    """Whether the figure can only grow: reaching a minimum (or passing a maximum) is final."""
    measure = project.indicators[indicator_id].measure
    if measure.ratio is not None:
        denominator = measure.ratio.denominator
        return isinstance(denominator, float | int) and never_decreases(
            project, measure.ratio.numerator
        )
    return measure.kind in ("sum", "count", "distinct", "max", "deliverable")


# --- the pace model ------------------------------------------------------------------------------

PaceModel = Literal["linear", "at_deadline", "schedule", "monthly"]


@dataclass(frozen=True, slots=True)
class Pace:
    """How progress towards a cumulative target is expected (docs/commands.md, the status rules):
    `linear` (from `start` when given), `at_deadline`, `schedule` (through the checkpoints) or
    `monthly` (the `weights` of the calendar months, from `start` when given). `declared`: written
    in the target, else the default for the measure's kind."""

    model: PaceModel
    start: dt.date | None = None
    weights: tuple[float, ...] | None = None
    declared: bool = True

    def document(self) -> dict[str, object]:
        """For machines, under the keys a target writes (`from`, `monthly`): JSON's shape."""
        return {
            "model": self.model,
            "from": self.start.isoformat() if self.start else None,
            "monthly": None if self.weights is None else list(self.weights),
            "declared": self.declared,
        }


def pace_of(project: Project, indicator_id: str, target: Target | None = None) -> Pace | None:
    """The pace that judges a cumulative target: as the target declares it, else by its kind —
    `schedule` with checkpoints, `at_deadline` for a deliverable, `linear` for a figure that
    builds up. None for a rate target, and for a level (largest or last value, a share) without
    checkpoints: such a figure is judged by its value now."""
    indicator = project.indicators[indicator_id]
    target = indicator.target if target is None else target
    if target is None or target.per is not None:
        return None
    declared = target.pace
    if isinstance(declared, PaceProfile):
        weights = None if declared.monthly is None else tuple(declared.monthly)
        return Pace("monthly" if weights else "linear", declared.start, weights)
    if declared is not None:
        return Pace(declared)
    if target.schedule:
        return Pace("schedule", declared=False)
    if indicator.measure.deliverable is not None:
        return Pace("at_deadline", declared=False)
    if accumulates(project, indicator_id):
        return Pace("linear", declared=False)
    return None
