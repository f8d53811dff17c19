"""What was forgotten: the missing-data report of a project as of a day.

Four kinds of gap, each over the periods that are over by as-of (the period still running is
the plan's business, not a gap yet):

- **empty months**: calendar months from the project's start (else its first entry) with no
  entry at all;
- **silent groups**: for a `per_group` target, the groups (e.g. teams) whose figure is nothing
  in a period (each period of a rate target; the whole window so far without `per`);
- **entries after as-of**: dated in the future of the report (also a `validate` warning);
- **partial periods short**: a period of a rate target partly outside the window (`partial:`),
  over by as-of, whose value fell short of its share of the minimum (its prorated minimum; the
  whole minimum with `partial: full`) — also when such periods are left out of the judgement
  (`skip`), so that nothing is left unsaid;
- **checkpoints missed**: an interim checkpoint of a target (`schedule:`) whose day has come
  and whose value fell short (a problem of its own, whatever the final target's status);
- **breakdowns that do not add up**: an indicator broken down by a dimension — the
  `per_group` dimension of its target, or the dimension of a composition — has its parts
  (the figure for each value of the dimension) and its total (the figure over all its
  entries). The parts add up to the total only when every entry counted in the total names a
  value of that dimension; each indicator with entries that do not is listed, with those
  entries and, for sums and counts, the total, the sum of the parts and the difference.
  Likewise an indicator that needs a breakdown within entries — it sums a category, or gives
  a category's share — lists the entries it counts that give the field the breakdown splits
  but none of its categories (`dimension` is then the breakdown's id).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from ..core.fields import OF_WHICH
from ..core.i18n import Lang, localised
from ..core.model import Indicator, Project
from ..core.periods import month_of, periods_between
from ..core.targets import indicator_window, target_on, target_periods
from ..read.loader import LoadedProject
from .aggregate import Aggregates, dimension_getter, group_values_of
from .judge import evaluate_indicators
from .provenance import ROW, PlacedEntry, aggregate_rows, placed_entries
from .results import IndicatorStatus, Milestone


@dataclass(frozen=True, slots=True)
class Place:
    file: str
    line: int
    date: dt.date
    activity: str


@dataclass(frozen=True, slots=True)
class SilentGroup:
    indicator: str
    dimension: str
    group: str
    periods: tuple[str, ...]  # the silent periods; () when silent over the whole window so far


@dataclass(frozen=True, slots=True)
class UnsplitBreakdown:
    indicator: str
    dimension: str
    total: float | None  # sums and counts only
    parts: float | None
    entries: tuple[Place, ...]  # counted in the total, without a value of the dimension

    @property
    def difference(self) -> float | None:
        return None if self.total is None or self.parts is None else self.total - self.parts


@dataclass(frozen=True, slots=True)
class PartialShortfall:
    indicator: str
    unit: str
    period: str
    group: str | None
    actual: float | None
    minimum: float  # the partial period's minimum: prorated, or whole with `partial: full`
    treatment: str  # the target's `partial:` (skip, prorate, full)


@dataclass(frozen=True, slots=True)
class MissedCheckpoint:
    indicator: str
    unit: str
    milestone: Milestone


@dataclass(frozen=True, slots=True)
class ProjectGaps:
    id: str
    title: str
    title_en: str | None
    as_of: dt.date
    empty_months: tuple[str, ...]
    silent_groups: tuple[SilentGroup, ...]
    after_as_of: tuple[Place, ...]
    unsplit: tuple[UnsplitBreakdown, ...]
    missed_checkpoints: tuple[MissedCheckpoint, ...] = ()
    partial_shortfalls: tuple[PartialShortfall, ...] = ()

    def display_title(self, lang: Lang) -> str:
        return localised(self.title, self.title_en, lang)

    @property
    def count(self) -> int:
        return (
            len(self.empty_months)
            + len(self.silent_groups)
            + len(self.after_as_of)
            + len(self.unsplit)
            + len(self.missed_checkpoints)
            + len(self.partial_shortfalls)
        )


def find_gaps(loaded: LoadedProject, as_of: dt.date) -> ProjectGaps:
    project = loaded.project
    assert project is not None
    placed = placed_entries(loaded)

    def place(item: PlacedEntry) -> Place:
        line = loaded.locator.position(item.file, [item.index])[0]
        return Place(item.file, line, item.entry["date"], item.entry["activity"])

    breakdowns = {
        indicator_id: dimension
        for indicator_id, indicator in project.indicators.items()
        if (dimension := breakdown_dimension(indicator)) is not None
    }
    aggregates = aggregate_rows(project, placed, as_of, sorted(set(breakdowns.values())))
    future = sorted(
        (place(item) for item in placed if item.entry["date"] > as_of),
        key=lambda found: (found.date, found.file, found.line),
    )
    statuses = evaluate_indicators(aggregates).indicators
    unsplit = [
        found
        for indicator_id, dimension in breakdowns.items()
        if (found := _unsplit(aggregates, placed, indicator_id, dimension, place)) is not None
    ]
    unsplit += [
        found
        for indicator_id, breakdown_id in _needed_breakdowns(project).items()
        if (found := _unrecorded(aggregates, placed, indicator_id, breakdown_id, place))
    ]
    return ProjectGaps(
        project.id,
        project.title,
        project.title_en,
        as_of,
        tuple(_empty_months(project, placed, as_of)),
        tuple(_silent_groups(aggregates)),
        tuple(future),
        tuple(unsplit),
        tuple(
            MissedCheckpoint(status.id, status.unit, milestone)
            for status in statuses
            for milestone in status.missed_milestones()
        ),
        tuple(found for status in statuses for found in _partial_shortfalls(status, as_of)),
    )


def breakdown_dimension(indicator: Indicator) -> str | None:
    """The dimension an indicator is broken down by: its target's groups or its composition's."""
    if indicator.target is not None and indicator.target.per_group is not None:
        return indicator.target.per_group
    composition = indicator.measure.composition
    return composition.dimension if composition is not None else None


def _needed_breakdowns(project: Project) -> dict[str, str]:
    """Indicator → the breakdown within entries it needs: it sums or shares one of its
    categories."""
    breakdown_of = project.breakdown_of()
    needed = {}
    for indicator_id, indicator in project.indicators.items():
        measure = indicator.measure
        share = measure.composition
        category = measure.category or (share.category if share is not None else None)
        if category is not None and category in breakdown_of:
            needed[indicator_id] = breakdown_of[category]
    return needed


def _unrecorded(
    aggregates: Aggregates,
    placed: list[PlacedEntry],
    indicator_id: str,
    breakdown_id: str,
    place: Callable[[PlacedEntry], Place],
) -> UnsplitBreakdown | None:
    """The entries the indicator counts that give the field the breakdown splits, but none of
    its categories."""
    breakdown = aggregates.project.breakdowns[breakdown_id]
    missing = [
        row
        for row in aggregates.group_keys(indicator_id, ROW)
        if breakdown.of in (entry := placed[row].entry)
        and breakdown.categories.keys().isdisjoint(entry.get(OF_WHICH) or {})
    ]
    if not missing:
        return None
    entries = tuple(place(placed[row]) for row in sorted(missing))
    return UnsplitBreakdown(indicator_id, breakdown_id, None, None, entries)


def _empty_months(project: Project, placed: list[PlacedEntry], as_of: dt.date) -> list[str]:
    logged = {month_of(item.entry["date"]) for item in placed}
    first = project.start_date or min((item.entry["date"] for item in placed), default=None)
    if first is None:
        return []
    last = as_of if project.end_date is None else min(as_of, project.end_date)
    return [
        span.label
        for span in periods_between(first, last, "month")
        if span.end <= as_of and span.label not in logged
    ]


def _silent_groups(aggregates: Aggregates) -> list[SilentGroup]:
    project, as_of = aggregates.project, aggregates.as_of
    found = []
    for indicator_id in project.indicators:
        target = target_on(project, indicator_id, as_of)
        if target is None or target.per_group is None:
            continue
        dimension = target.per_group
        start, deadline = indicator_window(project, indicator_id, target)
        first = start or aggregates.first_day(indicator_id)
        if first is None:
            continue
        last = as_of if deadline is None else min(as_of, deadline)
        if last < first:
            continue
        # (label, first day, last day) of each period judged; one open window without `per`
        windows: list[tuple[str | None, dt.date | None, dt.date]] = (
            [(None, None, last)]
            if target.per is None
            else [
                (span.label, span.start, span.end)
                for span in target_periods(project, indicator_id, target, first, last)
                if span.end <= as_of and span.within(start, deadline)
            ]
        )
        observed = aggregates.group_keys(indicator_id, dimension)
        for group in group_values_of(project, dimension, observed):
            silent = [
                label
                for label, low, high in windows
                if not aggregates.value(indicator_id, low, high, dimension=dimension, group=group)
            ]
            if silent:
                labels = tuple(label for label in silent if label is not None)
                found.append(SilentGroup(indicator_id, dimension, group, labels))
    return found


def _unsplit(
    aggregates: Aggregates,
    placed: list[PlacedEntry],
    indicator_id: str,
    dimension: str,
    place: Callable[[PlacedEntry], Place],
) -> UnsplitBreakdown | None:
    project = aggregates.project
    value_of = dimension_getter(project, dimension)
    missing = [
        row
        for row in aggregates.group_keys(indicator_id, ROW)
        if value_of(placed[row].entry) is None
    ]
    if not missing:
        return None
    total = parts = None
    if project.indicators[indicator_id].measure.kind in ("sum", "count"):
        total = aggregates.value(indicator_id)
        observed = aggregates.group_keys(indicator_id, dimension)
        parts = sum(
            aggregates.value(indicator_id, dimension=dimension, group=group) or 0
            for group in group_values_of(project, dimension, observed)
        )
    entries = tuple(place(placed[row]) for row in sorted(missing))
    return UnsplitBreakdown(indicator_id, dimension, total, parts, entries)


def _partial_shortfalls(status: IndicatorStatus, as_of: dt.date) -> list[PartialShortfall]:
    """The partial periods over by as-of (each group's, with `per_group`) short of their
    minimum: as judged (`prorate`, `full`), or against the prorated minimum when left out."""
    target = status.target
    if target is None or target.per is None or target.min is None:
        return []
    treatment = target.partial or "skip"
    found: list[PartialShortfall] = []
    for period in status.periods:
        if period.partial is None or period.target_min is None:
            continue
        last = period.end if status.deadline is None else min(period.end, status.deadline)
        if as_of < last:
            continue  # still running: plan's business
        minimum = period.target_min * (period.partial if treatment == "skip" else 1)
        cells: list[tuple[str | None, float | None, str]] = (
            [
                (group.group, group.actual, group.state)
                for group in status.groups
                if group.period == period.period
            ]
            if target.per_group is not None
            else [(None, period.actual, period.state)]
        )
        found.extend(
            PartialShortfall(
                status.id, status.unit, period.period, group, actual, minimum, treatment
            )
            for group, actual, state in cells
            # judged (prorate, full): as judged; left out (skip): against its prorated minimum
            if state == "missed" or (state == "partial" and (actual or 0) < minimum)
        )
    return found
