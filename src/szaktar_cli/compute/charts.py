"""The data behind each chart of the report, as plain values (no drawing, no words).

Pure: built from the status engine's results (judge.py), so that the HTML page, the
terminal chart and the golden tests all see the same numbers. Renderers add the words
and the pixels.

Which chart an indicator gets:
- a cumulative target (no `per`): a burn-up — the running total month by month, the
  target line, the expected amount under the target's pace (a straight line, a step at the
  deadline, a flat start, a seasonal curve, a line through the checkpoints) and the forecast;
- a rate target (`per`): one bar per period, each against the target line;
- a rate target per group (`per` and `per_group`): a groups × periods grid;
- a cumulative target per group: one bar per group against the target line;
- deliverables and figures without any value get no chart (the table says it all).

A chart draws at most MAX_GROUPS groups (teams, places …); the rest are kept in its `folded`
and drawn as one bar (grid row) of their values summed, "others (K)", so that a project of
thousands of groups gets a report of bounded size (`_capped`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Literal, TypeVar, cast

from ..core.model import Entry, Project, Target
from ..core.numbers import rounded
from ..core.statuses import CHART_STATES, TARGET_STATUSES, ChartState, MilestoneState, Status
from ..core.targets import Pace, accumulates, target_periods
from .aggregate import Aggregates, aggregate, group_values_of
from .judge import categories, evaluate_indicator, evaluate_indicators
from .pace import expected_line, period_series
from .results import IndicatorStatus, ProjectStatus

_DAY = dt.timedelta(days=1)
T = TypeVar("T")

# The groups a chart draws one by one; beyond them, one "others" bar (the report's tables and
# `szaktar status` still list every group). 25 is the TÁMOP 5.1.3 coordination's teams: such
# a chart stays whole, and a bar keeps a readable width across the page.
MAX_GROUPS = 25


@dataclass(frozen=True, slots=True)
class Point:
    date: dt.date
    value: float | None


@dataclass(frozen=True, slots=True)
class CheckpointMark:
    """A checkpoint on a burn-up: where it sits (its minimum on its day) and how it stands."""

    date: dt.date
    value: float
    state: MilestoneState


@dataclass(frozen=True, slots=True)
class BurnUp:
    """A cumulative target: the total to date against the line it should follow."""
    indicator_id: str
    unit: str
    start: dt.date  # left edge: the day before the window opens (or before the first entry)
    end: dt.date  # right edge: the deadline, or as-of when it is later or the deadline unknown
    as_of: dt.date
    target_min: float | None
    target_max: float | None
    actual: tuple[Point, ...]  # the running total at each month's end (the last one: as-of)
    expected: tuple[Point, ...]  # the amount the minimum calls for under the pace (its knots)
    forecast: tuple[Point, ...]  # today's total carried on to the deadline at the pace so far
    checkpoints: tuple[CheckpointMark, ...] = ()  # judged: met, missed, not yet due
    pace: Pace | None = None  # the model of the expected line
    kind: Literal["burnup"] = "burnup"


@dataclass(frozen=True, slots=True)
class Bar:
    label: str  # a period label ("2011-03", "2011-Q2" …) or a group's name
    value: float | None
    status: ChartState


@dataclass(frozen=True, slots=True)
class Bars:
    """One bar per period (a rate target) or per group (a cumulative per-group target)."""
    indicator_id: str
    unit: str
    axis: Literal["period", "group"]
    target_min: float | None
    target_max: float | None
    bars: tuple[Bar, ...]
    folded: tuple[Bar, ...] = ()  # groups beyond MAX_GROUPS: drawn as one bar, their sum
    kind: Literal["bars"] = "bars"

    def others(self) -> float | None:
        """The value of the "others" bar: the folded groups' values summed."""
        return _summed(bar.value for bar in self.folded)


@dataclass(frozen=True, slots=True)
class GridRow:
    """One group of a grid, in each period."""
    group: str
    values: tuple[float | None, ...]
    statuses: tuple[ChartState, ...]


@dataclass(frozen=True, slots=True)
class GroupGrid:
    """A per-group rate target: each group (row) in each period (column)."""
    indicator_id: str
    unit: str
    dimension: str
    target_min: float | None
    target_max: float | None
    periods: tuple[str, ...]
    groups: tuple[str, ...]
    values: tuple[tuple[float | None, ...], ...]  # values[group][period]
    statuses: tuple[tuple[ChartState, ...], ...]
    folded: tuple[GridRow, ...] = ()  # groups beyond MAX_GROUPS: drawn as one row, summed
    kind: Literal["grid"] = "grid"

    def others(self) -> tuple[float | None, ...]:
        """The "others" row: in each period, the folded groups' values summed."""
        columns = zip(*(row.values for row in self.folded), strict=True)
        return tuple(_summed(column) for column in columns)


@dataclass(frozen=True, slots=True)
class Share:
    value: str | None  # None: entries that do not record the dimension
    amount: float


@dataclass(frozen=True, slots=True)
class BreakdownBars:
    """An indicator's total split by one dimension (county, place …), largest first."""
    indicator_id: str
    unit: str
    dimension: str
    items: tuple[Share, ...]
    empty: tuple[str, ...] = ()  # declared values without any amount
    folded: tuple[Share, ...] = ()  # values beyond MAX_GROUPS: drawn as one bar, their sum
    kind: Literal["breakdown"] = "breakdown"

    def others(self) -> float:
        """The amount of the "others" bar: the folded values' amounts summed."""
        return sum(share.amount for share in self.folded)


@dataclass(frozen=True, slots=True)
class CategoryBars:
    """An indicator's total split by the categories of a breakdown within entries: each
    category (in the order declared), then the rest and what is not recorded."""
    indicator_id: str
    unit: str
    breakdown: str
    items: tuple[Share, ...]  # value: the category's id
    names: tuple[tuple[str, str | None], ...]  # each category's Hungarian and English name
    other: float | None  # in entries that record the breakdown, in none of its categories
    not_recorded: float | None  # in entries that record none of its categories
    kind: Literal["categories"] = "categories"


@dataclass(frozen=True, slots=True)
class PortfolioRow:
    group: str  # the project's value of the grouping metadata field ("" when it has none)
    project_id: str
    counts: tuple[tuple[Status, int], ...]  # (status, number of indicators), in TARGET_STATUSES


@dataclass(frozen=True, slots=True)
class PortfolioBars:
    """Several projects: how many of each one's targets stand how, grouped (by region)."""
    field: str
    rows: tuple[PortfolioRow, ...]
    kind: Literal["portfolio"] = "portfolio"


IndicatorChart = BurnUp | Bars | GroupGrid
Chart = IndicatorChart | BreakdownBars | CategoryBars | PortfolioBars


@dataclass(frozen=True, slots=True)
class ProjectCharts:
    """Everything the report shows of one project: its status, its charts, its breakdowns."""
    status: ProjectStatus
    charts: tuple[IndicatorChart, ...]  # in the order of the indicators
    breakdowns: tuple[BreakdownBars | CategoryBars, ...]


# Dimensions a project is broken down by, when it declares them; and the measures whose
# parts make sense side by side (a maximum or a share per county would not add up to anything).
BREAKDOWN_DIMENSIONS: tuple[str, ...] = ("county", "place")
BREAKDOWN_MEASURES: frozenset[str] = frozenset({"sum", "count", "distinct"})


def project_charts(project: Project, entries: Iterable[Entry], as_of: dt.date) -> ProjectCharts:
    """One pass over the entries, then every chart of the project."""
    dimensions = tuple(name for name in BREAKDOWN_DIMENSIONS if name in project.dimensions)
    aggregates = aggregate(project, entries, as_of, dimensions, tuple(project.breakdowns))
    status = evaluate_indicators(aggregates)
    charts = tuple(
        chart
        for indicator in status.indicators
        if (chart := indicator_chart(aggregates, indicator)) is not None
    )
    breakdowns = tuple(
        split
        for dimension in dimensions
        for indicator in status.indicators
        if indicator.target is not None and indicator.measure in BREAKDOWN_MEASURES
        if indicator.target.per_group != dimension  # its own chart shows each group already
        if (split := breakdown(aggregates, indicator, dimension)) is not None
    )
    splits = tuple(
        bars
        for breakdown_id in project.breakdowns
        for indicator in status.indicators
        if indicator.target is not None
        if (bars := category_bars(aggregates, indicator, breakdown_id)) is not None
    )
    return ProjectCharts(status, charts, (*breakdowns, *splits))


def tracked_chart(
    project: Project, entries: Iterable[Entry], as_of: dt.date, indicator_id: str
) -> tuple[IndicatorStatus, IndicatorChart | None]:
    """One indicator judged, and its chart (`szaktar chart`): also when it is only tracked."""
    aggregates = aggregate(project, entries, as_of)
    status = evaluate_indicator(aggregates, indicator_id)
    return status, indicator_chart(aggregates, status, tracked=True)


def portfolio(statuses: Iterable[ProjectStatus], field: str = "region") -> PortfolioBars:
    """The projects grouped by a metadata field (projects without it last), each with its counts."""
    rows = []
    for status in statuses:
        counts = {str(name): count for name, count in status.counts().items()}
        rows.append(
            PortfolioRow(
                status.metadata.get(field, ""),
                status.id,
                tuple((name, counts.get(name, 0)) for name in TARGET_STATUSES),
            )
        )
    rows.sort(key=lambda row: (row.group == "", row.group, row.project_id))
    return PortfolioBars(field, tuple(rows))


def indicator_chart(
    aggregates: Aggregates, status: IndicatorStatus, *, tracked: bool = False
) -> IndicatorChart | None:
    """The main chart of an indicator with a target (None: deliverables, figures never known).

    With `tracked`, an indicator without a target gets its burn-up too (`szaktar chart`).
    """
    target = status.target
    if (
        (target is None and not tracked)
        or status.measure == "deliverable"
        or aggregates.problem(status.id)
    ):
        return None
    chart: IndicatorChart | None
    if target is None:
        chart = burnup(aggregates, status)
    elif target.per is not None:
        chart = (
            group_grid(aggregates.project, status, aggregates.as_of)
            if target.per_group
            else period_bars(aggregates.project, status, aggregates.as_of)
        )
    elif target.per_group is not None:
        chart = group_bars(status)
    else:
        chart = burnup(aggregates, status)
    return chart if chart is not None and not _is_empty(chart) else None


def _is_empty(chart: IndicatorChart) -> bool:
    """Nothing to draw: no period or no group yet (dates unknown and no entries)."""
    if isinstance(chart, Bars):
        return not chart.bars
    if isinstance(chart, GroupGrid):
        return not chart.groups or not chart.periods
    return False


def burnup(aggregates: Aggregates, status: IndicatorStatus) -> BurnUp | None:
    """Month by month from the window's start (else the first entry) to as-of or the deadline."""
    project, as_of = aggregates.project, aggregates.as_of
    first = status.start or aggregates.first_day(status.id)
    if first is None or as_of < first:
        return None  # nothing has happened yet
    deadline = status.deadline
    last = as_of if deadline is None else min(as_of, deadline)
    actual = [Point(first - _DAY, 0.0 if accumulates(project, status.id) else None)]
    actual += [
        Point(min(point.end, last), point.cumulative)
        for point in period_series(aggregates, status.id, "month", first, last)
    ]
    target = status.target
    checkpoints = tuple(
        CheckpointMark(point.date, point.min, point.state)
        for point in status.milestones
        if point.min is not None
    )
    line = expected_line(project, status.id, target)
    expected = tuple(Point(day, amount) for day, amount in line)
    forecast: tuple[Point, ...] = ()
    if (
        deadline is not None
        and status.forecast is not None
        and as_of < deadline
        and status.actual is not None
    ):
        forecast = (Point(as_of, status.actual), Point(deadline, status.forecast))
    return BurnUp(
        indicator_id=status.id,
        unit=status.unit,
        start=first - _DAY,
        end=as_of if deadline is None else max(deadline, as_of),
        as_of=as_of,
        target_min=target.min if target else None,
        target_max=target.max if target else None,
        actual=tuple(actual),
        expected=expected,
        forecast=forecast,
        checkpoints=checkpoints,
        pace=status.pace,
    )


def _future_periods(project: Project, status: IndicatorStatus, as_of: dt.date) -> list[str]:
    """The periods after the last judged one, up to the deadline: shown as not yet due."""
    target = status.target
    if target is None or target.per is None or status.deadline is None:
        return []
    if status.periods and status.periods[-1].end >= status.deadline:
        return []  # (also when the last period ends on the last day a date can have)
    after = status.periods[-1].end + _DAY if status.periods else max(status.start or as_of, as_of)
    spans = target_periods(project, status.id, target, after, status.deadline)
    return [span.label for span in spans]


def period_bars(project: Project, status: IndicatorStatus, as_of: dt.date) -> Bars:
    assert status.target is not None
    bars = [Bar(period.period, period.actual, period.state) for period in status.periods]
    bars += [Bar(label, None, "not_due") for label in _future_periods(project, status, as_of)]
    return Bars(status.id, status.unit, "period", status.target.min, status.target.max, tuple(bars))


def group_bars(status: IndicatorStatus) -> Bars:
    """A cumulative per-group target: each group's total, judged like the whole target."""
    assert status.target is not None
    target = status.target
    bars = [Bar(group.group, group.actual, _as_cell(group.state)) for group in status.groups]
    drawn, folded = _capped(
        bars, lambda bar: (_BEHIND_FIRST.index(bar.status), _shortfall(bar.value, target))
    )
    return Bars(status.id, status.unit, "group", target.min, target.max, drawn, folded)


# Which groups a capped chart draws: those a manager has to act on first — missed, then
# behind, … — and of the same state, the farthest from the target.
_BEHIND_FIRST: tuple[ChartState, ...] = (
    "missed", "behind", "not_started", "unknown", "partial", "in_progress", "on_track",
    "not_due", "met",
)


def _shortfall(value: float | None, target: Target) -> float:
    """A key that sorts the groups farthest from their target first: the lowest values under a
    minimum, the highest under a maximum alone."""
    amount = value or 0.0
    return amount if target.min is not None else -amount


def _capped(items: Sequence[T], key: Callable[[T], Any]) -> tuple[tuple[T, ...], tuple[T, ...]]:
    """What a chart draws one by one and what it folds into "others": everything when there are
    at most MAX_GROUPS, else the first MAX_GROUPS by `key` and the rest (in the same order)."""
    if len(items) <= MAX_GROUPS:
        return tuple(items), ()
    ranked = sorted(items, key=key)
    return tuple(ranked[:MAX_GROUPS]), tuple(ranked[MAX_GROUPS:])


def _summed(values: Iterable[float | None]) -> float | None:
    """The sum of the known values (None: none is known)."""
    known = [value for value in values if value is not None]
    return sum(known) if known else None


def _as_cell(state: str) -> ChartState:
    """A cell's state, or a group's status under a cumulative per-group target ("no_target"
    cannot occur: a per-group target is a target)."""
    return state if state in CHART_STATES else "unknown"


def group_grid(project: Project, status: IndicatorStatus, as_of: dt.date) -> GroupGrid:
    assert status.target is not None
    assert status.target.per_group is not None
    periods = [period.period for period in status.periods]
    future = _future_periods(project, status, as_of)
    groups = list(dict.fromkeys(group.group for group in status.groups))
    cells = {(group.group, group.period): group for group in status.groups}
    rows = []
    for name in groups:
        row = [cells[name, period] for period in periods]
        future_cells: list[ChartState] = ["not_due"] * len(future)
        rows.append(
            GridRow(
                name,
                (*(cell.actual for cell in row), *(None for _ in future)),
                (*(_as_cell(cell.state) for cell in row), *future_cells),
            )
        )
    drawn, folded = _capped(rows, _grid_rank(status.target))
    return GroupGrid(
        indicator_id=status.id,
        unit=status.unit,
        dimension=status.target.per_group,
        target_min=status.target.min,
        target_max=status.target.max,
        periods=(*periods, *future),
        groups=tuple(row.group for row in drawn),
        values=tuple(row.values for row in drawn),
        statuses=tuple(row.statuses for row in drawn),
        folded=folded,
    )


def _grid_rank(target: Target) -> Callable[[GridRow], tuple[int, int, float]]:
    """The groups most behind first: the most periods missed, then the fewest met, then the
    farthest from the target over all periods."""
    def rank(row: GridRow) -> tuple[int, int, float]:
        shortfall = sum(_shortfall(value, target) for value in row.values if value is not None)
        return -row.statuses.count("missed"), row.statuses.count("met"), shortfall
    return rank


def breakdown(
    aggregates: Aggregates, status: IndicatorStatus, dimension: str
) -> BreakdownBars | None:
    """The indicator split by `dimension` (aggregated with it); None when no entry records it."""
    observed = aggregates.group_keys(status.id, dimension)
    names: list[str | None] = [*group_values_of(aggregates.project, dimension, observed)]
    if None in observed:
        names.append(None)
    amounts = {
        name: aggregates.value(status.id, None, aggregates.as_of, dimension=dimension, group=name)
        for name in names
    }
    items = sorted(
        (Share(name, amount) for name, amount in amounts.items() if amount),
        key=lambda share: (-share.amount, share.value is None, share.value or ""),
    )
    if not any(share.value is not None for share in items):
        return None
    empty = tuple(name for name, amount in amounts.items() if name is not None and not amount)
    # the largest first (they are sorted so): what is not recorded always has its own bar
    _, folded = _capped([share for share in items if share.value is not None], lambda _: 0)
    folded_values = {share.value for share in folded}
    drawn = tuple(share for share in items if share.value not in folded_values)
    return BreakdownBars(status.id, status.unit, dimension, drawn, empty, folded)


def category_bars(
    aggregates: Aggregates, status: IndicatorStatus, breakdown_id: str
) -> CategoryBars | None:
    """The indicator split by the breakdown's categories (aggregated with it); None when it does
    not sum the field they split, or no entry records any of them."""
    split = categories(aggregates, status.id, breakdown_id)
    if split is None or not any(part.actual for part in split.items):
        return None
    declared = aggregates.project.breakdowns[breakdown_id].categories
    return CategoryBars(
        status.id,
        status.unit,
        breakdown_id,
        tuple(Share(part.value, part.actual or 0) for part in split.items),
        tuple((declared[name].name, declared[name].name_en) for name in declared),
        split.other,
        split.not_recorded,
    )


def as_json(chart: Chart) -> dict[str, Any]:
    """The machine form of a chart's data (ISO dates, 6 decimals): what the golden tests compare."""
    plain = cast(dict[str, Any], _plain(asdict(chart)))
    if not plain.get("folded", True):
        del plain["folded"]  # a chart that folds nothing reads as before there was folding
    if isinstance(chart, BurnUp) and chart.pace is not None:
        plain["pace"] = _plain(chart.pace.document())  # the keys of status --format json
    return plain


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return rounded(value)
    return value
