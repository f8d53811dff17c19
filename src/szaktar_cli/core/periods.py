"""Periods: months, quarters, halves and years — calendar ones, or counted from a project's first
day (`origin`: a half-year of a project starting on 1 March runs March–August) — with their
labels; and any range of days an export reports (`ReportPeriod`).

Labels are stable and sortable: `2011-03`, `2011-Q1`, `2011-H1`, `2011` for calendar periods; a
period counted from an origin is labelled with its days, `2011-03-01/2011-08-31` (as an export
labels a range), unless it is exactly a calendar period.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

Period = Literal["month", "quarter", "half", "year"]
PERIOD_KINDS: tuple[Period, ...] = ("month", "quarter", "half", "year")
# A month as files and closed.yaml name it: `2011-03`.
MONTH = r"\d{4}-(0[1-9]|1[0-2])"
_MONTH = re.compile(MONTH)
_MONTHS_IN: dict[Period, int] = {"month": 1, "quarter": 3, "half": 6, "year": 12}
_LABEL = re.compile(r"(\d{4})(?:-(?:(0[1-9]|1[0-2])|Q([1-4])|H([12])))?")


@dataclass(frozen=True, slots=True, order=True)
class PeriodSpan:
    """One period: its first and last day (both inclusive), kind and label; `origin` is the day
    periods are counted from (None: calendar periods)."""

    start: dt.date
    end: dt.date
    kind: Period
    label: str
    origin: dt.date | None = None

    def within(self, first: dt.date | None, last: dt.date | None) -> bool:
        """Whether the whole period lies inside [first, last] (an unknown bound does not cut it)."""
        return (first is None or first <= self.start) and (last is None or self.end <= last)

    def share_within(self, first: dt.date | None, last: dt.date | None) -> float:
        """The share of the period's days inside [first, last] (1 when it lies wholly inside)."""
        low = self.start if first is None else max(self.start, first)
        high = self.end if last is None else min(self.end, last)
        return days_inclusive(low, high) / days_inclusive(self.start, self.end)


def month_of(day: dt.date) -> str:
    """The label of the month holding `day`: `2011-03`."""
    return f"{day.year:04d}-{day.month:02d}"


def month_span(text: str) -> PeriodSpan | None:
    """`2011-03` as its month; None for anything else (`2011-3`, ` 2011-03`, `2011-13`)."""
    return parse_period(text) if _MONTH.fullmatch(text) else None


def month_end(year: int, month: int) -> dt.date:
    if month == 12:  # also of 9999, the last year a date can have
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def _label(kind: Period, year: int, first_month: int) -> str:
    if kind == "month":
        return f"{year}-{first_month:02d}"
    if kind == "quarter":
        return f"{year}-Q{(first_month - 1) // 3 + 1}"
    if kind == "half":
        return f"{year}-H{(first_month - 1) // 6 + 1}"
    return str(year)


def _span(kind: Period, year: int, first_month: int) -> PeriodSpan:
    last_month = first_month + _MONTHS_IN[kind] - 1
    return PeriodSpan(
        dt.date(year, first_month, 1),
        month_end(year, last_month),
        kind,
        _label(kind, year, first_month),
    )


def _months_after(origin: dt.date, months: int) -> dt.date:
    """The day `months` months after `origin` (the same day of the month, or the month's last)."""
    total = origin.year * 12 + origin.month - 1 + months
    year, month = divmod(total, 12)
    return dt.date(year, month + 1, min(origin.day, month_end(year, month + 1).day))


def _counted_span(kind: Period, origin: dt.date, index: int) -> PeriodSpan:
    """The `index`-th period of `kind` counted from `origin` (0: the one starting on it)."""
    size = _MONTHS_IN[kind]
    start = _months_after(origin, index * size)
    end = _months_after(origin, (index + 1) * size) - dt.timedelta(days=1)
    return PeriodSpan(start, end, kind, ReportPeriod(start, end).label, origin)


def period_of(day: dt.date, kind: Period, origin: dt.date | None = None) -> PeriodSpan:
    """The period of `kind` holding `day`: a calendar one, or one counted from `origin`."""
    size = _MONTHS_IN[kind]
    if origin is None:
        return _span(kind, day.year, (day.month - 1) // size * size + 1)
    months = (day.year - origin.year) * 12 + day.month - origin.month
    index = months // size
    span = _counted_span(kind, origin, index)
    if day < span.start:
        return _counted_span(kind, origin, index - 1)
    if day > span.end:
        return _counted_span(kind, origin, index + 1)
    return span


def next_period(span: PeriodSpan) -> PeriodSpan:
    return period_of(span.end + dt.timedelta(days=1), span.kind, span.origin)


def periods_between(
    first: dt.date, last: dt.date, kind: Period, origin: dt.date | None = None
) -> list[PeriodSpan]:
    """Every period of `kind` that overlaps [first, last], in order (empty when last < first):
    calendar periods, or periods counted from `origin`."""
    spans: list[PeriodSpan] = []
    if last < first:
        return spans
    span = period_of(first, kind, origin)
    while span.start <= last:
        spans.append(span)
        if span.end == dt.date.max:  # no period after the last day there is
            break
        span = next_period(span)
    return spans


def parse_period(text: str) -> PeriodSpan | None:
    """`2011-03`, `2011-Q1`, `2011-H2` or `2011` as a period; None for anything else."""
    match = _LABEL.fullmatch(text.strip())
    if match is None:
        return None
    year = int(match.group(1))
    if not dt.MINYEAR <= year <= dt.MAXYEAR:  # year 0 (or 10000) has no days
        return None
    month, quarter, half = match.group(2), match.group(3), match.group(4)
    if month is not None:
        return _span("month", year, int(month))
    if quarter is not None:
        return _span("quarter", year, (int(quarter) - 1) * 3 + 1)
    if half is not None:
        return _span("half", year, (int(half) - 1) * 6 + 1)
    return _span("year", year, 1)


def days_inclusive(first: dt.date, last: dt.date) -> int:
    """Number of days from `first` to `last`, both counted (0 when last < first)."""
    return max(0, (last - first).days + 1)


# --- any range of days, as an export reports it -----------------------------------------------


@dataclass(frozen=True, slots=True)
class ReportPeriod:
    """A closed range of days; its label is a calendar label when it is exactly a calendar
    period (`2010-03`, `2010-Q1`, `2010-H2`, `2010`), else an ISO 8601 interval."""

    start: dt.date
    end: dt.date

    @property
    def label(self) -> str:
        for kind in PERIOD_KINDS:
            span = period_of(self.start, kind)
            if (span.start, span.end) == (self.start, self.end):
                return span.label
        return f"{self.start.isoformat()}/{self.end.isoformat()}"

    def clipped(self, as_of: dt.date) -> dt.date:
        """The day the period's figures are evaluated at: its end, unless as-of comes earlier."""
        return min(self.end, as_of)


def previous_month(as_of: dt.date) -> ReportPeriod:
    """The last complete month before `as_of`: the month before the one `as_of` falls in."""
    span = period_of(period_of(as_of, "month").start - dt.timedelta(days=1), "month")
    return ReportPeriod(span.start, span.end)


def split_period(period: ReportPeriod, per: Period | None) -> list[ReportPeriod]:
    """The calendar months (quarters, …) the period spans, clipped to it; itself without `per`."""
    if per is None:
        return [period]
    return [
        ReportPeriod(max(span.start, period.start), min(span.end, period.end))
        for span in periods_between(period.start, period.end, per)
    ]
