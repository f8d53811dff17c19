"""Indicators from entries: actual, target, pace, forecast and status, as pure functions.

Everything here is a function of (project, entries, as_of) — no I/O, no clock.

- `aggregate(project, entries, as_of, dimensions=())` makes ONE pass over the entries and
  files every entry under each indicator that counts it, by day (and by the values of
  the requested dimensions). The result, `Aggregates`, answers any date range afterwards
  (`value`, `group_keys`), so a status, a monthly export or a burn-up chart never rescans
  the entries.
- `evaluate_project(project, entries, as_of, by=None) -> ProjectStatus` judges every
  indicator against its target; `evaluate_indicators` does it from ready `Aggregates`.
- `period_series`, `expected_at`, `indicator_window` are the building blocks for export,
  report, plan and log.

The status rules (thresholds, deadlines, partial periods) are given in words in docs/commands.md.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any, Literal, cast

from ..core.model import Entry, Indicator, Period, Project, Target, Unknown
from ..core.periods import PeriodSpan, days_inclusive, periods_between

Status = Literal["met", "on_track", "behind", "missed", "not_started", "no_target", "unknown"]
CellState = Literal["met", "missed", "in_progress", "partial"]

STATUSES: tuple[Status, ...] = (
    "met",
    "on_track",
    "behind",
    "missed",
    "not_started",
    "no_target",
    "unknown",
)
PROBLEM_STATUSES: frozenset[str] = frozenset({"behind", "missed"})
# A cumulative minimum is on track while the actual is at least this share of the amount
# expected by now: logging lags by days or weeks, and a 10% band absorbs that without
# hiding a real shortfall.
ON_TRACK_SHARE = 0.9

# Why a figure or a pace cannot be given (rendered as a note).
Note = Literal["denominator_unknown", "denominator_zero", "pace_unknown"]

Getter = Callable[[Entry], Any]


# --- Results -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PeriodResult:
    """One period of a rate target (or of a series): its actual and how it stands."""

    period: str
    start: dt.date
    end: dt.date
    actual: float | None
    target_min: float | None
    target_max: float | None
    state: CellState

    @property
    def met(self) -> bool | None:
        """True/False when judged; None in progress or when only partly inside the window."""
        return None if self.state in ("in_progress", "partial") else self.state == "met"

    @property
    def in_progress(self) -> bool:
        return self.state == "in_progress"


@dataclass(frozen=True, slots=True)
class GroupResult:
    """One group (a value of the per_group dimension), in one period or over the whole window."""

    group: str
    period: str | None
    actual: float | None
    state: CellState | Status

    @property
    def met(self) -> bool | None:
        if self.state == "met":
            return True
        return False if self.state in PROBLEM_STATUSES else None

    @property
    def in_progress(self) -> bool:
        return self.state == "in_progress"


@dataclass(frozen=True, slots=True)
class BreakdownItem:
    value: str | None  # None: entries that do not record the dimension
    actual: float | None


@dataclass(frozen=True, slots=True)
class Breakdown:
    dimension: str
    items: tuple[BreakdownItem, ...]


@dataclass(frozen=True, slots=True)
class IndicatorStatus:
    id: str
    name: str
    name_en: str | None
    unit: str
    measure: str  # its kind: sum, count, distinct, max, last, ratio, composition, deliverable
    actual: float | None
    target: Target | None
    start: dt.date | None  # the window the indicator is judged in: phase or project start
    deadline: dt.date | None  # target.by, else the phase's or the project's end
    percent: float | None
    expected_to_date: float | None
    forecast: float | None
    status: Status
    note: Note | None = None
    done_on: dt.date | None = None  # deliverables: the date of the first matching entry
    periods: tuple[PeriodResult, ...] = ()
    groups: tuple[GroupResult, ...] = ()
    breakdown: Breakdown | None = None

    def display_name(self, lang: str) -> str:
        return self.name_en if lang == "en" and self.name_en else self.name

    @property
    def is_problem(self) -> bool:
        return self.status in PROBLEM_STATUSES

    def shortfalls(self) -> tuple[PeriodResult | GroupResult, ...]:
        """The judged periods and group cells that fell short of the target."""
        cells: Iterable[PeriodResult | GroupResult] = self.groups if self.groups else self.periods
        return tuple(cell for cell in cells if cell.met is False)


@dataclass(frozen=True, slots=True)
class ProjectStatus:
    id: str
    title: str
    title_en: str | None
    start: dt.date | None
    end: dt.date | None
    metadata: Mapping[str, str]
    as_of: dt.date
    indicators: tuple[IndicatorStatus, ...]

    def display_title(self, lang: str) -> str:
        return self.title_en if lang == "en" and self.title_en else self.title

    def counts(self) -> dict[Status, int]:
        counts = dict.fromkeys(STATUSES, 0)
        for indicator in self.indicators:
            counts[indicator.status] += 1
        return counts

    @property
    def has_problems(self) -> bool:
        return any(indicator.is_problem for indicator in self.indicators)


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    """One period of an indicator's series: the value in the period and the value to its end."""

    period: str
    start: dt.date
    end: dt.date
    value: float | None
    cumulative: float | None
    expected: float | None  # the target pace at the period's end (None without a pace)


# --- One pass over the entries --------------------------------------------------------------


def dimension_getter(project: Project, dimension: str) -> Getter:
    """An entry's value of `dimension`: its own field, else an attribute of another one's value.

    E.g. `region` of an entry that names only its `team`, when the team values declare a region.
    """
    sources = [
        (name, mapping)
        for name, declared in project.dimensions.items()
        if name != dimension and isinstance(declared.values, dict)
        for mapping in [
            {
                value: attrs[dimension]
                for value, attrs in declared.values.items()
                if dimension in attrs
            }
        ]
        if mapping
    ]
    if not sources:
        return lambda entry: entry.get(dimension)

    def value_of(entry: Entry) -> Any:
        own = entry.get(dimension)
        if own is not None:
            return own
        for name, mapping in sources:
            source = entry.get(name)
            if source in mapping:
                return mapping[source]
        return None

    return value_of


Adder = Callable[[dict[dt.date, Any], dt.date, Entry, int], None]
Merger = Callable[[list[Any]], float | None]


def _field_adder(name: str, combine: Callable[[Any, Any], Any]) -> Adder:
    def add(days: dict[dt.date, Any], day: dt.date, entry: Entry, seq: int) -> None:  # noqa: ARG001
        amount = entry.get(name)
        if amount is not None:
            held = days.get(day)
            days[day] = amount if held is None else combine(held, amount)

    return add


def _count_add(days: dict[dt.date, Any], day: dt.date, entry: Entry, seq: int) -> None:  # noqa: ARG001
    days[day] = days.get(day, 0) + 1


def _distinct_adder(getter: Getter) -> Adder:
    def add(days: dict[dt.date, Any], day: dt.date, entry: Entry, seq: int) -> None:  # noqa: ARG001
        value = getter(entry)
        if value is not None:
            days.setdefault(day, set()).add(value)

    return add


def _last_adder(name: str) -> Adder:
    def add(days: dict[dt.date, Any], day: dt.date, entry: Entry, seq: int) -> None:
        amount = entry.get(name)
        if amount is not None:
            days[day] = max(
                days.get(day, (day, -1, None)), (day, seq, amount), key=lambda held: held[1]
            )

    return add


def _deliverable_add(days: dict[dt.date, Any], day: dt.date, entry: Entry, seq: int) -> None:  # noqa: ARG001
    days.setdefault(day, True)


def _composition_adder(getter: Getter, wanted: str, weight: str) -> Adder:
    def add(days: dict[dt.date, Any], day: dt.date, entry: Entry, seq: int) -> None:  # noqa: ARG001
        value = getter(entry)
        amount = 1 if weight == "entries" else entry.get(weight)
        if value is None or amount is None:
            return  # not recorded: neither part nor whole of the share
        held = days.setdefault(day, [0, 0])
        held[1] += amount
        if value == wanted:
            held[0] += amount

    return add


def _merge_sum(states: list[Any]) -> float:
    total: float = sum(states)
    return total


def _merge_distinct(states: list[Any]) -> float:
    return len(set().union(*states))


def _merge_max(states: list[Any]) -> float | None:
    return max(states) if states else None


def _merge_last(states: list[Any]) -> float | None:
    return max(states, key=lambda held: (held[0], held[1]))[2] if states else None


def _merge_done(states: list[Any]) -> float:
    return 1 if states else 0


def _merge_share(states: list[Any]) -> float | None:
    whole = sum(held[1] for held in states)
    return None if whole == 0 else 100 * sum(held[0] for held in states) / whole


def _reducer(project: Project, indicator: Indicator) -> tuple[Adder, Merger]:
    measure = indicator.measure
    if measure.sum is not None:
        return _field_adder(measure.sum, lambda held, amount: held + amount), _merge_sum
    if measure.count is not None:
        return _count_add, _merge_sum
    if measure.distinct is not None:
        return _distinct_adder(dimension_getter(project, measure.distinct)), _merge_distinct
    if measure.max is not None:
        return _field_adder(measure.max, max), _merge_max
    if measure.last is not None:
        return _last_adder(measure.last), _merge_last
    if measure.composition is not None:
        share = measure.composition
        getter = dimension_getter(project, share.dimension)
        return _composition_adder(getter, share.value, share.weight), _merge_share
    return _deliverable_add, _merge_done


class _Series:
    """Day → aggregated state of the entries of that day; any date range is read by bisection."""

    __slots__ = ("_keys", "days")

    def __init__(self) -> None:
        self.days: dict[dt.date, Any] = {}
        self._keys: list[dt.date] | None = None

    def states(self, first: dt.date | None, last: dt.date | None) -> list[Any]:
        if self._keys is None:
            self._keys = sorted(self.days)
        keys = self._keys
        low = 0 if first is None else bisect_left(keys, first)
        high = len(keys) if last is None else bisect_right(keys, last)
        return [self.days[key] for key in keys[low:high]]

    def first_day(self) -> dt.date | None:
        return min(self.days) if self.days else None


class _Accumulator:
    """What one (non-ratio) indicator collects during the pass."""

    __slots__ = ("add", "groups", "matched", "merge", "total", "where", "window")

    def __init__(self, project: Project, indicator: Indicator, dimensions: Iterable[str]) -> None:
        measure = indicator.measure
        self.add, self.merge = _reducer(project, indicator)
        self.total = _Series()
        self.matched = _Series()  # day -> number of matching entries (the indicator "started")
        self.where = [
            (
                dimension_getter(project, name),
                frozenset([allowed] if isinstance(allowed, str) else allowed),
            )
            for name, allowed in (measure.where or {}).items()
        ]
        phase = project.phases.get(measure.phase) if measure.phase else None
        self.window = (phase.start, phase.end) if phase else None
        self.groups: dict[str, tuple[Getter, dict[Any, _Series]]] = {
            name: (dimension_getter(project, name), {}) for name in dimensions
        }

    def feed(self, entry: Entry, day: dt.date, seq: int) -> None:
        if self.window is not None and not self.window[0] <= day <= self.window[1]:
            return
        for getter, allowed in self.where:
            if getter(entry) not in allowed:
                return
        matched = self.matched.days
        matched[day] = matched.get(day, 0) + 1
        self.add(self.total.days, day, entry, seq)
        for getter, by_value in self.groups.values():
            key = getter(entry)
            series = by_value.get(key)
            if series is None:
                series = by_value[key] = _Series()
            self.add(series.days, day, entry, seq)


class Aggregates:
    """The entries of one project filed under every indicator, by day (and by dimension value).

    Built by `aggregate`; read-only afterwards. Entries after `as_of` are not counted.
    """

    def __init__(
        self, project: Project, as_of: dt.date, accumulators: dict[str, _Accumulator]
    ) -> None:
        self.project = project
        self.as_of = as_of
        self._accumulators = accumulators

    def _indicator(self, indicator_id: str) -> Indicator:
        return self.project.indicators[indicator_id]

    def value(
        self,
        indicator_id: str,
        first: dt.date | None = None,
        last: dt.date | None = None,
        *,
        dimension: str | None = None,
        group: Any = None,
    ) -> float | None:
        """The indicator over [first, last] (open ends allowed), optionally for one dimension value.

        None when there is nothing to take a level from (max, last or a share without
        entries) or the ratio's denominator is unknown or zero.
        """
        ratio = self._indicator(indicator_id).measure.ratio
        if ratio is not None:
            numerator = self.value(ratio.numerator, first, last, dimension=dimension, group=group)
            denominator = self._denominator(ratio.denominator, first, last, dimension, group)
            if numerator is None or denominator is None or denominator == 0:
                return None
            return 100 * numerator / denominator
        accumulator = self._accumulators[indicator_id]
        if dimension is None:
            series: _Series | None = accumulator.total
        else:
            series = accumulator.groups[dimension][1].get(group)
        return accumulator.merge([] if series is None else series.states(first, last))

    def _denominator(
        self,
        denominator: str | float | Unknown,
        first: dt.date | None,
        last: dt.date | None,
        dimension: str | None,
        group: Any,
    ) -> float | None:
        if isinstance(denominator, Unknown):
            return None
        if isinstance(denominator, str):
            return self.value(denominator, first, last, dimension=dimension, group=group)
        return denominator

    def matched(
        self, indicator_id: str, first: dt.date | None = None, last: dt.date | None = None
    ) -> int:
        """How many entries the indicator counted in [first, last] (a ratio: its numerator's)."""
        ratio = self._indicator(indicator_id).measure.ratio
        if ratio is not None:
            return self.matched(ratio.numerator, first, last)
        return sum(self._accumulators[indicator_id].matched.states(first, last))

    def first_day(self, indicator_id: str) -> dt.date | None:
        """The date of the first entry the indicator counted."""
        ratio = self._indicator(indicator_id).measure.ratio
        if ratio is not None:
            return self.first_day(ratio.numerator)
        return self._accumulators[indicator_id].matched.first_day()

    def group_keys(self, indicator_id: str, dimension: str) -> list[Any]:
        """The values of `dimension` seen in the indicator's entries (None: not recorded)."""
        ratio = self._indicator(indicator_id).measure.ratio
        if ratio is not None:
            references = [ratio.numerator] + (
                [ratio.denominator] if isinstance(ratio.denominator, str) else []
            )
            return list(
                dict.fromkeys(key for ref in references for key in self.group_keys(ref, dimension))
            )
        return list(self._accumulators[indicator_id].groups[dimension][1])

    def problem(self, indicator_id: str) -> Note | None:
        """Why the indicator's value cannot be given at all, whatever the entries."""
        ratio = self._indicator(indicator_id).measure.ratio
        if ratio is None:
            return None
        if isinstance(ratio.denominator, Unknown):
            return "denominator_unknown"
        if not isinstance(ratio.denominator, str) and ratio.denominator == 0:
            return "denominator_zero"
        return self.problem(ratio.numerator) or (
            self.problem(ratio.denominator) if isinstance(ratio.denominator, str) else None
        )


def _tracked_dimensions(project: Project, extra: Sequence[str]) -> dict[str, set[str]]:
    """Per indicator, the dimensions to file entries by: `extra`, per_group, what ratios need."""
    needed: dict[str, set[str]] = {name: set(extra) for name in project.indicators}
    pending = [
        (name, indicator.target.per_group)
        for name, indicator in project.indicators.items()
        if indicator.target is not None and indicator.target.per_group is not None
    ]
    while pending:
        name, dimension = pending.pop()
        if dimension in needed[name]:
            continue
        needed[name].add(dimension)
        ratio = project.indicators[name].measure.ratio
        if ratio is not None:
            pending.extend(
                (ref, dimension)
                for ref in (ratio.numerator, ratio.denominator)
                if isinstance(ref, str)
            )
    return needed


def aggregate(
    project: Project,
    entries: Iterable[Entry],
    as_of: dt.date | None = None,
    dimensions: Sequence[str] = (),
) -> Aggregates:
    """One pass over `entries` (those dated after `as_of` are skipped) feeding every indicator."""
    tracked = _tracked_dimensions(project, dimensions)
    accumulators = {
        name: _Accumulator(project, indicator, sorted(tracked[name]))
        for name, indicator in project.indicators.items()
        if indicator.measure.ratio is None
    }
    every_activity: list[_Accumulator] = []
    by_activity: dict[str, list[_Accumulator]] = {name: [] for name in project.activities}
    for name, accumulator in accumulators.items():
        activities = project.indicators[name].measure.activities
        if activities is None:
            every_activity.append(accumulator)
        else:
            for activity in activities:
                by_activity.setdefault(activity, []).append(accumulator)
    routes = {
        activity: (*listeners, *every_activity) for activity, listeners in by_activity.items()
    }
    fallback = tuple(every_activity)
    cutoff = as_of or dt.date.max
    for seq, entry in enumerate(entries):
        day = entry["date"]
        if day > cutoff:
            continue
        for accumulator in routes.get(entry["activity"], fallback):
            accumulator.feed(entry, day, seq)
    return Aggregates(project, cutoff, accumulators)


# --- Windows, pace and forecast ---------------------------------------------------------------


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


def _forecast(
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


# --- Judging ------------------------------------------------------------------------------


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
    builds_up: bool  # accumulates: has a linear pace
    as_of: dt.date
    start: dt.date | None
    deadline: dt.date | None


def _judge(case: _Case, low: float | None, high: float | None, rules: _Rules) -> Status:
    """Status of a cumulative target (docs/commands.md gives the rules in words)."""
    as_of, start, deadline = rules.as_of, rules.start, rules.deadline
    if case.unknown:
        return "unknown"
    if deadline is not None and as_of > deadline:
        return "met" if _within(case.at_deadline, low, high) else "missed"
    if start is not None and as_of < start:
        return "not_started"
    value = case.now
    if value is None:
        return "not_started"
    if high is not None and not _at_most(value, high):
        return "missed" if rules.grows else "behind"
    if low is None or _at_least(value, low):
        return "met" if rules.grows and high is None else "on_track"
    if case.expected is not None:
        return "on_track" if _at_least(value, ON_TRACK_SHARE * case.expected) else "behind"
    if not case.started:
        return "not_started"
    return "unknown" if rules.builds_up else "behind"


def _cell_state(span: PeriodSpan, value: float | None, target: Target, rules: _Rules) -> CellState:
    if not span.within(rules.start, rules.deadline):
        return "partial"
    if rules.as_of < span.end:
        return "in_progress"
    return "met" if _within(value, target.min, target.max) else "missed"


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
    return "on_track"


def group_values_of(project: Project, dimension: str, observed: Iterable[Any]) -> list[str]:
    """The groups of a per_group target: the dimension's declared values (so a silent group still
    counts), then any other value seen; only the values seen when none are declared."""
    declared = project.dimensions.get(dimension)
    listed = list(declared.values) if declared is not None and declared.values is not None else []
    seen = sorted(str(value) for value in observed if value is not None and value not in listed)
    return [*listed, *seen]


def _percent(value: float | None, target: Target) -> float | None:
    bound = target.min if target.min is not None else target.max
    if value is None or not bound:
        return None
    return 100 * value / bound


def _share_met(states: Sequence[str]) -> float | None:
    judged = [state for state in states if state in ("met", "missed")]
    return 100 * judged.count("met") / len(judged) if judged else None


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
    return periods_between(first, last, target.per)


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
        actual = aggregates.value(indicator_id, span.start, span.end)
        if dimension is None:
            state = _cell_state(span, actual, target, rules)
        else:
            cells = []
            for group in names:
                amount = aggregates.value(
                    indicator_id, span.start, span.end, dimension=dimension, group=group
                )
                cell = _cell_state(span, amount, target, rules)
                cells.append(cell)
                groups.append(GroupResult(group, span.label, amount, cell))
            state = _combine_cells(cells)
        periods.append(
            PeriodResult(span.label, span.start, span.end, actual, target.min, target.max, state)
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
    deadline: dt.date | None,
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
    expected = expected_at(aggregates.project, indicator_id, as_of)
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
    )
    if target.per_group is not None:
        dimension = target.per_group
        groups = []
        for group in group_values_of(
            project, dimension, aggregates.group_keys(indicator_id, dimension)
        ):
            case = _case(aggregates, indicator_id, deadline, dimension, group)
            groups.append(
                GroupResult(group, None, case.now, _judge(case, target.min, target.max, rules))
            )
        states = [group.state for group in groups]
        percent = 100 * states.count("met") / len(states) if states else None
        return _Judgement(
            _group_status([cast(Status, state) for state in states]), percent, groups=tuple(groups)
        )
    case = _case(aggregates, indicator_id, deadline)
    return _Judgement(
        _judge(case, target.min, target.max, rules),
        _percent(case.now, target),
        case.expected,
        _forecast(project, indicator_id, case.now, case.at_deadline, as_of),
    )


def evaluate_indicator(
    aggregates: Aggregates, indicator_id: str, by: str | None = None
) -> IndicatorStatus:
    project, as_of = aggregates.project, aggregates.as_of
    indicator = project.indicators[indicator_id]
    start, deadline = indicator_window(project, indicator_id)
    target = indicator.target
    actual = aggregates.value(indicator_id, None, as_of)
    problem = aggregates.problem(indicator_id)
    if target is None:
        at_deadline = (
            actual
            if deadline is None or deadline >= as_of
            else aggregates.value(indicator_id, None, deadline)
        )
        judgement = _Judgement(
            "no_target", forecast=_forecast(project, indicator_id, actual, at_deadline, as_of)
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
        note=note,
        done_on=aggregates.first_day(indicator_id) if is_deliverable else None,
        periods=judgement.periods,
        groups=judgement.groups,
        breakdown=_breakdown(aggregates, indicator_id, by) if by is not None else None,
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


def evaluate_project(
    project: Project, entries: Iterable[Entry], as_of: dt.date, *, by: str | None = None
) -> ProjectStatus:
    """Every indicator of the project as of `as_of`; `by` adds a breakdown by that dimension."""
    return evaluate_indicators(aggregate(project, entries, as_of, (by,) if by else ()), by)


# --- Series for export, report and plan -----------------------------------------------------


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
