"""What the engine says about a project: frozen values, the same for every renderer.

`ProjectStatus` holds an `IndicatorStatus` per indicator (actual, target, pace, forecast,
status), with the periods of a rate target (`PeriodResult`), the groups of a per-group
target (`GroupResult`), a breakdown by a dimension (`Breakdown`) or by the categories of a
breakdown within entries (`Categories`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..core.i18n import Lang, localised
from ..core.model import Amendment, Target
from ..core.statuses import (
    PROBLEM_STATUSES,
    STATUSES,
    CellState,
    MilestoneState,
    Note,
    Status,
)
from ..core.targets import Pace


@dataclass(frozen=True, slots=True)
class PeriodResult:
    """One period of a rate target (or of a series): its actual and how it stands."""

    period: str
    start: dt.date
    end: dt.date
    actual: float | None
    target_min: float | None  # the bounds it is judged against (prorated: `partial: prorate`)
    target_max: float | None
    state: CellState
    partial: float | None = None  # partly outside the window: the share of its days inside

    @property
    def met(self) -> bool | None:
        """True/False when judged; None in progress or when a partial period is left out."""
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
class Categories:
    """An indicator's total split by the categories of a breakdown within entries (of_which):
    the categories, the rest, and what is not recorded add up to the total."""

    breakdown: str
    exhaustive: bool
    items: tuple[BreakdownItem, ...]  # each category, in the order declared
    other: float | None  # in entries that record the breakdown, in none of its categories;
    # None when the breakdown is exhaustive (its categories leave no rest)
    not_recorded: float | None  # in entries that record none of its categories; None: no such


@dataclass(frozen=True, slots=True)
class Milestone:
    """An interim checkpoint of a cumulative target (`schedule:`), judged on its own: the value
    at the end of its day against its bounds once the day has come (`met`, `missed`), before it
    `not_due` — unless a figure that only grows already settled it (reached early: `met`)."""

    date: dt.date
    min: float | None
    max: float | None
    actual: float | None  # at the end of its day; before the day, so far
    state: MilestoneState
    source: str | None = None

    @property
    def missed(self) -> bool:
        return self.state == "missed"


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
    pace: Pace | None = None  # the model that judged a cumulative target (None: a rate or a level)
    note: Note | None = None
    done_on: dt.date | None = None  # deliverables: the date of the first matching entry
    periods: tuple[PeriodResult, ...] = ()
    groups: tuple[GroupResult, ...] = ()
    breakdown: Breakdown | None = None
    categories: Categories | None = None
    milestones: tuple[Milestone, ...] = ()
    # the amendments in force on as-of (`target` is the target they make), and the target as the
    # contract first wrote it, `by` its deadline then (None when no amendment is in force)
    amendments: tuple[Amendment, ...] = ()
    original: Target | None = None

    def display_name(self, lang: Lang) -> str:
        return localised(self.name, self.name_en, lang)

    @property
    def is_problem(self) -> bool:
        """Behind, missed, or a checkpoint missed (while the final target may still be on track)."""
        return self.status in PROBLEM_STATUSES or bool(self.missed_milestones())

    def missed_milestones(self) -> tuple[Milestone, ...]:
        return tuple(milestone for milestone in self.milestones if milestone.missed)

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

    def display_title(self, lang: Lang) -> str:
        return localised(self.title, self.title_en, lang)

    def counts(self) -> dict[Status, int]:
        counts = dict.fromkeys(STATUSES, 0)
        for indicator in self.indicators:
            counts[indicator.status] += 1
        return counts

    @property
    def has_problems(self) -> bool:
        return any(indicator.is_problem for indicator in self.indicators)

    def checkpoints_missed(self) -> int:
        return sum(len(indicator.missed_milestones()) for indicator in self.indicators)

    def worst(self) -> IndicatorStatus | None:
        """The indicator that stands worst: missed, then behind, then one with a checkpoint
        missed; among them the one furthest from its target (the lowest percent). None when
        nothing stands badly."""
        rank = {"missed": 0, "behind": 1}
        problems = [indicator for indicator in self.indicators if indicator.is_problem]
        return min(
            problems,
            key=lambda item: (
                rank.get(item.status, 2),
                item.percent is None,
                item.percent if item.percent is not None else 0.0,
            ),
            default=None,
        )


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    """One period of an indicator's series: the value in the period and the value to its end."""

    period: str
    start: dt.date
    end: dt.date
    value: float | None
    cumulative: float | None
    expected: float | None  # the target pace at the period's end (None without a pace)


