"""Judging every indicator against its target: the status rules, as pure functions.

`evaluate_project(project, entries, as_of, by=None) -> ProjectStatus` judges every indicator;
`evaluate_indicators` does it from ready `Aggregates`. The rules (thresholds, deadlines,
partial periods) are given in words in docs/commands.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from ..checks.workspace import Workspace
from ..core.model import Entry, Project, Target
from ..core.periods import PeriodSpan
from ..core.statuses import CellState, MilestoneState, Note, Status
from ..core.targets import (
    accumulates,
    indicator_window,
    never_decreases,
    pace_of,
    target_on,
    target_periods,
)
from .aggregate import Aggregates, aggregate, group_values_of
from .pace import expected_at, forecast, nothing_due
from .results import (
    Breakdown,
    BreakdownItem,
    Categories,
    GroupResult,
    IndicatorStatus,
    Milestone,
    PeriodResult,
    ProjectStatus,
)

# A cumulative minimum is on track while the actual is at least this share of the amount
# expected by now: logging lags by days or weeks, and a 10% band absorbs that without
# hiding a real shortfall.
ON_TRACK_SHARE = 0.9


# Sums of decimal hours carry binary noise (0.1 + 0.2 > 0.3): comparisons allow for it.
_EPSILON = 1e-9


def _at_least(value: float, bound: float) -> bool:
    return value >= bound - _EPSILON * max(1.0, abs(bound))


def _at_most(value: float, bound: float) -> bool:
    return value <= bound + _EPSILON * max(1.0, abs(bound))


def _within(value: float | None, low: float | None, high: float | None) -> bool:
    if value is None:
        return low is None
    return (low is None or _at_least(value, low)) and (high is None or _at_most(value, high))


@dataclass(frozen=True, slots=True)
class _Case:
    """What a cumulative judgement needs to know about one figure (an indicator or one group)."""

    now: float | None
    at_deadline: float | None
    started: bool
    expected: float | None
    unknown: bool = False


@dataclass(frozen=True, slots=True)
class _Rules:
    """How a cumulative figure is judged: its nature and its window."""

    grows: bool  # can only grow: a reached minimum or a passed maximum is final
    builds_up: bool  # accumulates: has a pace day by day
    as_of: dt.date
    start: dt.date | None
    deadline: dt.date | None
    nothing_due: bool = False  # the pace expects nothing yet (pace.nothing_due)


def _judge(case: _Case, low: float | None, high: float | None, rules: _Rules) -> Status:
    """Status of a cumulative target (docs/commands.md gives the rules in words)."""
    as_of, start, deadline = rules.as_of, rules.start, rules.deadline
    if case.unknown:
        return "unknown"
    if deadline is not None and as_of >= deadline:
        return "met" if _within(case.at_deadline, low, high) else "missed"
    if start is not None and as_of < start:
        return "not_started"
    value = case.now
    if value is None:
        return "not_due" if rules.nothing_due else "not_started"
    if high is not None and not _at_most(value, high):
        return "missed" if rules.grows else "behind"
    if low is None or _at_least(value, low):
        return "met" if rules.grows and high is None else "on_track"
    if rules.nothing_due:
        return "not_due"
    if case.expected is not None:
        return "on_track" if _at_least(value, ON_TRACK_SHARE * case.expected) else "behind"
    if not case.started:
        return "not_started"
    return "unknown" if rules.builds_up else "behind"


@dataclass(frozen=True, slots=True)
class _Period:
    """One period of a rate target as it is judged: its days inside the window, the share of its
    days they are (1: wholly inside), and the bounds it is judged against (None: a partial period
    left out, `partial: skip`)."""

    span: PeriodSpan
    first: dt.date
    last: dt.date
    share: float
    bounds: tuple[float | None, float | None] | None


def _period(span: PeriodSpan, target: Target, rules: _Rules) -> _Period:
    """A partial period — partly before the start or after the deadline — is left out (`skip`,
    the default), judged against the bounds in proportion to its days inside (`prorate`), or
    against the whole bounds (`full`)."""
    first = span.start if rules.start is None else max(span.start, rules.start)
    last = span.end if rules.deadline is None else min(span.end, rules.deadline)
    share = span.share_within(rules.start, rules.deadline)
    bounds: tuple[float | None, float | None] | None = (target.min, target.max)
    if share < 1 and target.partial in (None, "skip"):
        bounds = None
    elif share < 1 and target.partial == "prorate":
        low, high = target.min, target.max
        bounds = (None if low is None else low * share, None if high is None else high * share)
    return _Period(span, first, last, share, bounds)


def _cell_state(period: _Period, value: float | None, rules: _Rules) -> CellState:
    if period.bounds is None:
        return "partial"
    if rules.as_of < period.last:
        return "in_progress"
    return "met" if _within(value, *period.bounds) else "missed"


def _combine_cells(states: Sequence[CellState]) -> CellState:
    """A period of a per-group target: met when every group met it."""
    if "partial" in states:
        return "partial"
    if "in_progress" in states:
        return "in_progress"
    return "missed" if "missed" in states else "met"


def _rate_status(
    states: Sequence[str],
    *,
    started: bool,
    as_of: dt.date,
    start: dt.date | None,
    deadline: dt.date | None,
) -> Status:
    judged = [state for state in states if state in ("met", "missed")]
    failed = "missed" in judged
    if deadline is not None and as_of > deadline:
        return "missed" if failed else "met" if judged else "unknown"
    if start is not None and as_of < start:
        return "not_started"
    if failed:
        return "behind"
    return "on_track" if started or judged else "not_started"


def _group_status(states: Sequence[Status]) -> Status:
    worst: tuple[Status, ...] = ("missed", "behind", "unknown")
    for status in worst:
        if status in states:
            return status
    if states and all(state == "met" for state in states):
        return "met"
    if all(state == "not_started" for state in states):
        return "not_started"
    return "not_due" if "not_due" in states and "on_track" not in states else "on_track"


def _percent(value: float | None, target: Target) -> float | None:
    bound = target.min if target.min is not None else target.max
    if value is None or not bound:
        return None
    return 100 * value / bound


def _share_met(states: Sequence[str]) -> float | None:
    judged = [state for state in states if state in ("met", "missed")]
    return 100 * judged.count("met") / len(judged) if judged else None


def categories(aggregates: Aggregates, indicator_id: str, breakdown_id: str) -> Categories | None:
    """The indicator split by the breakdown's categories (in the order declared); None when its
    figure does not fall into them (it does not sum the field they split)."""
    if not aggregates.splits(indicator_id, breakdown_id):
        return None
    breakdown = aggregates.project.breakdowns[breakdown_id]
    totals = aggregates.split(indicator_id, breakdown_id, None, aggregates.as_of)
    return Categories(
        breakdown_id,
        breakdown.exhaustive,
        tuple(BreakdownItem(name, totals.parts.get(name, 0)) for name in breakdown.categories),
        None if breakdown.exhaustive else totals.other,
        totals.not_recorded if totals.recorded_none else None,
    )


def _breakdown(aggregates: Aggregates, indicator_id: str, dimension: str) -> Breakdown:
    observed = aggregates.group_keys(indicator_id, dimension)
    values: list[str | None] = [*group_values_of(aggregates.project, dimension, observed)]
    if None in observed:
        values.append(None)
    items = tuple(
        BreakdownItem(
            value,
            aggregates.value(
                indicator_id, None, aggregates.as_of, dimension=dimension, group=value
            ),
        )
        for value in values
    )
    return Breakdown(dimension, items)


@dataclass(frozen=True, slots=True)
class _Judgement:
    status: Status
    percent: float | None = None
    expected: float | None = None
    forecast: float | None = None
    periods: tuple[PeriodResult, ...] = ()
    groups: tuple[GroupResult, ...] = ()


def _spans(
    aggregates: Aggregates,
    indicator_id: str,
    target: Target,
    start: dt.date | None,
    deadline: dt.date | None,
) -> list[PeriodSpan]:
    """The periods from the start (else the first entry) to as-of or the deadline."""
    assert target.per is not None
    first = start or aggregates.first_day(indicator_id)
    if first is None:
        return []
    last = aggregates.as_of if deadline is None else min(aggregates.as_of, deadline)
    return target_periods(aggregates.project, indicator_id, target, first, last)


def _judge_rate(
    aggregates: Aggregates,
    indicator_id: str,
    target: Target,
    start: dt.date | None,
    deadline: dt.date | None,
) -> _Judgement:
    as_of = aggregates.as_of
    rules = _Rules(grows=False, builds_up=False, as_of=as_of, start=start, deadline=deadline)
    spans = _spans(aggregates, indicator_id, target, start, deadline)
    dimension = target.per_group
    groups: list[GroupResult] = []
    periods: list[PeriodResult] = []
    names = (
        []
        if dimension is None
        else group_values_of(
            aggregates.project, dimension, aggregates.group_keys(indicator_id, dimension)
        )
    )
    for span in spans:
        # a period is judged against the target in force on its last day: a month reported
        # keeps the target it was reported against
        in_force = target_on(aggregates.project, indicator_id, span.end) or target
        period = _period(span, in_force, rules)
        actual = aggregates.value(indicator_id, period.first, period.last)
        if dimension is None:
            state = _cell_state(period, actual, rules)
        else:
            cells = []
            for group in names:
                amount = aggregates.value(
                    indicator_id, period.first, period.last, dimension=dimension, group=group
                )
                cell = _cell_state(period, amount, rules)
                cells.append(cell)
                groups.append(GroupResult(group, span.label, amount, cell))
            state = _combine_cells(cells)
        low, high = period.bounds or (in_force.min, in_force.max)
        periods.append(
            PeriodResult(
                span.label,
                span.start,
                span.end,
                actual,
                low,
                high,
                state,
                partial=None if period.share == 1 else period.share,
            )
        )
    states = (
        [group.state for group in groups]
        if dimension is not None
        else [period.state for period in periods]
    )
    status = _rate_status(
        states,
        started=aggregates.matched(indicator_id) > 0,
        as_of=as_of,
        start=start,
        deadline=deadline,
    )
    return _Judgement(status, _share_met(states), periods=tuple(periods), groups=tuple(groups))


def _case(
    aggregates: Aggregates,
    indicator_id: str,
    target: Target,
    deadline: dt.date | None,
    *,
    dimension: str | None = None,
    group: Any = None,
) -> _Case:
    as_of = aggregates.as_of
    now = aggregates.value(indicator_id, None, as_of, dimension=dimension, group=group)
    at_deadline = (
        now
        if deadline is None or deadline >= as_of
        else aggregates.value(indicator_id, None, deadline, dimension=dimension, group=group)
    )
    if dimension is None:
        started = aggregates.matched(indicator_id) > 0
    else:
        started = now is not None and now != 0
    expected = expected_at(aggregates.project, indicator_id, as_of, target)
    return _Case(
        now, at_deadline, started, expected, unknown=aggregates.problem(indicator_id) is not None
    )


def _judge_cumulative(
    aggregates: Aggregates,
    indicator_id: str,
    target: Target,
    start: dt.date | None,
    deadline: dt.date | None,
) -> _Judgement:
    project, as_of = aggregates.project, aggregates.as_of
    rules = _Rules(
        never_decreases(project, indicator_id),
        accumulates(project, indicator_id),
        as_of,
        start,
        deadline,
        nothing_due(project, indicator_id, as_of, target),
    )
    if target.per_group is not None:
        dimension = target.per_group
        groups = []
        for group in group_values_of(
            project, dimension, aggregates.group_keys(indicator_id, dimension)
        ):
            case = _case(
                aggregates, indicator_id, target, deadline, dimension=dimension, group=group
            )
            groups.append(
                GroupResult(group, None, case.now, _judge(case, target.min, target.max, rules))
            )
        states = [group.state for group in groups]
        percent = 100 * states.count("met") / len(states) if states else None
        return _Judgement(
            _group_status([cast(Status, state) for state in states]), percent, groups=tuple(groups)
        )
    case = _case(aggregates, indicator_id, target, deadline)
    return _Judgement(
        _judge(case, target.min, target.max, rules),
        _percent(case.now, target),
        case.expected,
        forecast(project, indicator_id, case.now, case.at_deadline, as_of, target=target),
    )


def _milestones(
    aggregates: Aggregates, indicator_id: str, target: Target
) -> tuple[Milestone, ...]:
    """Each checkpoint of a cumulative target, judged on its own (docs/commands.md): once its day
    has come (as-of on it or later: the value at the end of that day), met or missed; before,
    not due — unless a figure that only grows has already reached its minimum (met, for good)
    or passed its maximum (missed, for good). A figure that cannot be computed: unknown.

    With amendments, a checkpoint whose day has come is the one in force on that day; the
    others are those of the target in force now (`target`)."""
    project, as_of = aggregates.project, aggregates.as_of
    written = project.indicators[indicator_id].target
    if target.per is not None or written is None:
        return ()
    versions = [written, *(written.in_force(change.start) for change in written.amendments)]
    points = sorted(
        {
            point
            for version in versions
            for point in version.schedule
            if point in (written.in_force(point.date) if point.date <= as_of else target).schedule
        },
        key=lambda point: point.date,
    )
    grows = never_decreases(project, indicator_id)
    unknown = aggregates.problem(indicator_id) is not None
    judged = []
    for point in points:
        due = point.date <= as_of
        value = aggregates.value(indicator_id, None, point.date if due else as_of)
        state: MilestoneState
        if unknown:
            state = "unknown"
        elif due:
            state = "met" if _within(value, point.min, point.max) else "missed"
        elif grows and value is not None and point.max is not None and not _at_most(
            value, point.max
        ):
            state = "missed"
        elif grows and point.min is not None and value is not None and _within(
            value, point.min, point.max
        ):
            state = "met"
        else:
            state = "not_due"
        judged.append(Milestone(point.date, point.min, point.max, value, state, point.source))
    return tuple(judged)


def evaluate_indicator(
    aggregates: Aggregates, indicator_id: str, by: str | None = None
) -> IndicatorStatus:
    project, as_of = aggregates.project, aggregates.as_of
    indicator = project.indicators[indicator_id]
    target = target_on(project, indicator_id, as_of)
    start, deadline = indicator_window(project, indicator_id, target)
    actual = aggregates.value(indicator_id, None, as_of)
    problem = aggregates.problem(indicator_id)
    if target is None:
        at_deadline = (
            actual
            if deadline is None or deadline >= as_of
            else aggregates.value(indicator_id, None, deadline)
        )
        judgement = _Judgement(
            "no_target", forecast=forecast(project, indicator_id, actual, at_deadline, as_of)
        )
    elif target.per is not None:
        judgement = _judge_rate(aggregates, indicator_id, target, start, deadline)
    else:
        judgement = _judge_cumulative(aggregates, indicator_id, target, start, deadline)
    note: Note | None = problem
    ratio = indicator.measure.ratio
    denominator = ratio.denominator if ratio is not None else None
    if note is None and actual is None and isinstance(denominator, str):
        # nothing in the denominator yet: the share has no value
        note = "denominator_zero" if aggregates.value(denominator, None, as_of) == 0 else None
    if note is None and judgement.status == "unknown":
        note = "pace_unknown"
    is_deliverable = indicator.measure.deliverable is not None
    written = indicator.target
    amendments = () if written is None else written.amendments_by(as_of)
    # the target as first written, its deadline the one it had (`by`, else the window's end)
    original = (
        written.model_copy(update={"by": indicator_window(project, indicator_id, written)[1]})
        if written is not None and amendments
        else None
    )
    # `by` names a dimension, or a breakdown within entries whose categories split the figure
    split_by = by if by is not None and by in project.breakdowns else None
    dimension = by if split_by is None else None
    return IndicatorStatus(
        id=indicator_id,
        name=indicator.name,
        name_en=indicator.name_en,
        unit=indicator.unit,
        measure=indicator.measure.kind,
        actual=actual,
        target=target,
        start=start,
        deadline=deadline,
        percent=judgement.percent,
        expected_to_date=judgement.expected,
        forecast=judgement.forecast,
        status=judgement.status,
        pace=None if target is None else pace_of(project, indicator_id, target),
        note=note,
        done_on=aggregates.first_day(indicator_id) if is_deliverable else None,
        periods=judgement.periods,
        groups=judgement.groups,
        breakdown=_breakdown(aggregates, indicator_id, dimension) if dimension else None,
        categories=categories(aggregates, indicator_id, split_by) if split_by else None,
        milestones=() if target is None else _milestones(aggregates, indicator_id, target),
        amendments=amendments,
        original=original,
    )


def evaluate_indicators(aggregates: Aggregates, by: str | None = None) -> ProjectStatus:
    project = aggregates.project
    return ProjectStatus(
        id=project.id,
        title=project.title,
        title_en=project.title_en,
        start=project.start_date,
        end=project.end_date,
        metadata=dict(project.metadata),
        as_of=aggregates.as_of,
        indicators=tuple(evaluate_indicator(aggregates, name, by) for name in project.indicators),
    )


def evaluate_workspace(workspace: Workspace, as_of: dt.date, by: str | None) -> list[ProjectStatus]:
    """Every project of a checked workspace, as `evaluate_project` judges it; while no file of a
    project changed, the workspace's cache keeps the result (docs/performance.md)."""
    return [
        workspace.remember(
            loaded,
            "status",
            f"{as_of} {by}",
            ProjectStatus,
            lambda loaded=loaded, project=project: evaluate_project(  # type: ignore[misc]
                project, loaded.entries(), as_of, by=by
            ),
        )
        for loaded in workspace.projects
        if (project := loaded.project) is not None
    ]


def evaluate_project(
    project: Project, entries: Iterable[Entry], as_of: dt.date, *, by: str | None = None
) -> ProjectStatus:
    """Every indicator of the project as of `as_of`; `by` adds a breakdown by that dimension, or
    by the categories of that breakdown within entries."""
    if by is not None and by in project.breakdowns:
        return evaluate_indicators(aggregate(project, entries, as_of, breakdowns=(by,)), by)
    return evaluate_indicators(aggregate(project, entries, as_of, (by,) if by else ()), by)


