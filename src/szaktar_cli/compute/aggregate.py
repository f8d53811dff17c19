"""One pass over the entries feeds every indicator: `aggregate` files each entry, by day, under
every indicator that counts it (and by the values of the dimensions asked for, and by the
categories of the breakdowns within entries asked for).

The result, `Aggregates`, answers any date range afterwards (`value`, `group_keys`), so a
status, a monthly export or a burn-up chart never rescans the entries. A pure function of
(project, entries, as_of): no I/O, no clock.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NamedTuple

from ..core.fields import OF_WHICH
from ..core.model import Composition, Entry, EntryBreakdown, Indicator, Project, Unknown
from ..core.statuses import Note

Getter = Callable[[Entry], Any]


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


def _category_adder(category: str) -> Adder:
    """The amount of one category in each entry's of_which (nothing where it is not given)."""

    def add(days: dict[dt.date, Any], day: dt.date, entry: Entry, seq: int) -> None:  # noqa: ARG001
        parts = entry.get(OF_WHICH)
        amount = parts.get(category) if parts is not None else None
        if amount is not None:
            days[day] = days.get(day, 0) + amount

    return add


def _category_share_adder(project: Project, share: Composition) -> Adder:
    """A category's share of the field its breakdown splits. The whole is that field of the
    entries that record the breakdown (any of its categories; one left out counts 0), or of
    every entry with `denominator: all` (one without the breakdown adds 0 to the part)."""
    category = share.category or ""
    breakdown_id = project.breakdown_of().get(category)
    breakdown = project.breakdowns[breakdown_id] if breakdown_id is not None else None
    recorded_only = share.denominator == "recorded"

    def add(days: dict[dt.date, Any], day: dt.date, entry: Entry, seq: int) -> None:  # noqa: ARG001
        if breakdown is None:
            return  # an undeclared category: validate reports it
        whole = entry.get(breakdown.of)
        if whole is None:
            return  # not recorded: neither part nor whole of the share
        parts = entry.get(OF_WHICH) or {}
        if recorded_only and breakdown.categories.keys().isdisjoint(parts):
            return
        held = days.setdefault(day, [0, 0])
        held[1] += whole
        held[0] += parts.get(category, 0)

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
    if measure.sum is not None and measure.category is not None:
        return _category_adder(measure.category), _merge_sum
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
    share = measure.composition
    if share is not None and share.category is not None:
        return _category_share_adder(project, share), _merge_share
    if share is not None and share.dimension is not None and share.value is not None:
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


def splits_into(indicator: Indicator, breakdown: EntryBreakdown) -> bool:
    """Whether the indicator's figure falls into the breakdown's categories: it sums the field
    the breakdown splits (not one category of it)."""
    measure = indicator.measure
    return measure.sum == breakdown.of and measure.category is None


class _Split:
    """An indicator's sum split by the categories of one breakdown within entries: each
    category, the rest of the entries that record the breakdown (in no category), and what the
    entries that record none of its categories add (not recorded)."""

    __slots__ = ("categories", "field", "not_recorded", "other", "series")

    def __init__(self, breakdown: EntryBreakdown) -> None:
        self.field = breakdown.of
        self.categories = frozenset(breakdown.categories)
        self.series: dict[str, _Series] = {}
        self.other = _Series()
        self.not_recorded = _Series()

    def feed(self, entry: Entry, day: dt.date) -> None:
        whole = entry.get(self.field)
        if whole is None:
            return
        rest = whole
        recorded = False
        for name, amount in (entry.get(OF_WHICH) or {}).items():
            if name in self.categories:
                recorded = True
                rest -= amount
                series = self.series.get(name)
                if series is None:
                    series = self.series[name] = _Series()
                _add(series, day, amount)
        _add(self.other if recorded else self.not_recorded, day, rest)


def _add(series: _Series, day: dt.date, amount: float) -> None:
    series.days[day] = series.days.get(day, 0) + amount


class SplitTotals(NamedTuple):
    """An indicator's sum over a date range, split by the categories of a breakdown."""

    parts: dict[str, float]  # each category seen
    other: float  # in entries that record the breakdown, in none of its categories
    not_recorded: float  # in entries that record none of its categories
    recorded_none: bool  # some entry recorded none of them (then not_recorded is shown)


class _Accumulator:
    """What one (non-ratio) indicator collects during the pass."""

    __slots__ = ("add", "groups", "matched", "merge", "splits", "total", "where", "window")

    def __init__(
        self,
        project: Project,
        indicator: Indicator,
        dimensions: Iterable[str],
        breakdowns: Iterable[str] = (),
    ) -> None:
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
        self.splits = {
            name: _Split(project.breakdowns[name])
            for name in breakdowns
            if splits_into(indicator, project.breakdowns[name])
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
        for split in self.splits.values():
            split.feed(entry, day)


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

    def splits(self, indicator_id: str, breakdown: str) -> bool:
        """Whether the indicator was split by the breakdown's categories (`aggregate`'s
        `breakdowns`; only a sum of the field the breakdown splits is)."""
        accumulator = self._accumulators.get(indicator_id)
        return accumulator is not None and breakdown in accumulator.splits

    def split(
        self,
        indicator_id: str,
        breakdown: str,
        first: dt.date | None = None,
        last: dt.date | None = None,
    ) -> SplitTotals:
        """The indicator's sum over [first, last] (open ends allowed) split by the categories of
        the breakdown (it must be one the indicator was split by: `splits`)."""
        split = self._accumulators[indicator_id].splits[breakdown]
        return SplitTotals(
            {name: _merge_sum(series.states(first, last)) for name, series in split.series.items()},
            _merge_sum(split.other.states(first, last)),
            _merge_sum(split.not_recorded.states(first, last)),
            bool(split.not_recorded.days),
        )

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
    breakdowns: Sequence[str] = (),
) -> Aggregates:
    """One pass over `entries` (those dated after `as_of` are skipped) feeding every indicator;
    each is also filed by `dimensions` and split by the categories of `breakdowns` (ids of the
    project's breakdowns within entries)."""
    tracked = _tracked_dimensions(project, dimensions)
    accumulators = {
        name: _Accumulator(project, indicator, sorted(tracked[name]), breakdowns)
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


def group_values_of(project: Project, dimension: str, observed: Iterable[Any]) -> list[str]:
    """The groups of a per_group target: the dimension's declared values (so a silent group still
    counts), then any other value seen; only the values seen when none are declared."""
    declared = project.dimensions.get(dimension)
    listed = list(declared.values) if declared is not None and declared.values is not None else []
    seen = sorted(str(value) for value in observed if value is not None and value not in listed)
    return [*listed, *seen]
