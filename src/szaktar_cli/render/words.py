"""The words every renderer shares: quantities, status words, targets, dimension and period names,
places in files. Numbers and dates in the language's format (babel)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ..core.i18n import Lang, format_date, format_month, format_number, localised
from ..core.labels import FIELD_WORDS, PACE_WORDS, PERIOD_WORDS, format_quantity, label
from ..core.numbers import SHOWN_DIGITS
from ..core.periods import next_period, parse_period
from ..core.statuses import LOOKS, State

if TYPE_CHECKING:
    from ..compute.results import IndicatorStatus, PeriodResult
    from ..core.model import Project, Target
    from ..core.targets import Pace

# Places listed in one cell on screen; csv and json list them all.
MAX_PLACES = 5
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def quantity(
    value: float | None, unit: str, lang: Lang, *, decimals: int = SHOWN_DIGITS
) -> str:
    return "" if value is None else format_quantity(value, unit, lang, decimals=decimals)


def state_word(state: State, lang: Lang) -> str:
    """A status (`met`, `behind`, …) or a period's state (`in_progress`, `partial`) in words."""
    return label(LOOKS[state].word, lang)


# How many partial periods were judged how, by the target's `partial:` (LABELS keys).
_PARTIAL_COUNTS: Mapping[str, str] = {
    "skip": "status_partial_skip",
    "prorate": "status_partial_prorate",
    "full": "status_partial_full",
}


def partial_note(item: IndicatorStatus, lang: Lang) -> str | None:
    """How many periods lay partly outside the window and what was done with them: `1 partial
    period left out`, `… prorated`, `… judged in full`; None when there are none."""
    target = item.target
    count = sum(period.partial is not None for period in item.periods)
    if target is None or not count:
        return None
    return label(_PARTIAL_COUNTS[target.partial or "skip"], lang, count=count)


def with_amendment(text: str, item: IndicatorStatus, lang: Lang, *, words: bool = False) -> str:
    """A target's text and, when amendments changed it, how the contract first put it:
    `≥ 2,500 hours (by 30 Jun 2012) (amended 15 Jun 2011; originally ≥ 3,000 hours (by 31 Aug
    2012))` (with `words`, as the report and the chart write targets)."""
    original = item.original
    if original is None or not item.amendments:
        return text
    # the original deadline only where an amendment moved it
    moved = original.by if original.by != item.deadline else None
    first = target_text(original, item.unit, lang, words=words, deadline=moved)
    since = format_date(item.amendments[-1].start, lang)
    return f"{text} ({label('status_target_amended', lang, date=since, original=first)})"


def period_target_text(period: PeriodResult, target: Target, unit: str, lang: Lang) -> str:
    """What one period of a rate target was judged against: the target in force on its last day
    (`≥ 64 hours per month`), or a partial period's minimum (`≥ 2.02 events (prorated)`)."""
    if period.partial is not None:
        return partial_target_text(period.target_min, target.partial, unit, lang)
    text = bounds_text(period.target_min, period.target_max, unit, lang)
    return f"{text} {label(PERIOD_WORDS[target.per], lang)}" if target.per else text


def partial_target_text(minimum: float | None, partial: str | None, unit: str, lang: Lang) -> str:
    """The minimum of a partial period: `≥ 2.02 events (prorated)`, `≥ 3 events (in full)`."""
    key = "partial_target_full" if partial == "full" else "partial_target_prorated"
    return label(key, lang, target=bounds_text(minimum, None, unit, lang))


def pace_text(pace: Pace | None, lang: Lang) -> str:
    """`linear`, `at the deadline`, `seasonal from 1 Mar 2011`; nothing without a pace."""
    if pace is None:
        return ""
    plain, dated = PACE_WORDS[pace.model]
    if pace.start is None:
        return label(plain, lang)
    return label(dated, lang, date=format_date(pace.start, lang, "from"))


def checkpoint_legend(state: State, lang: Lang) -> str:
    """A checkpoint in a chart's legend, with how it stands: `checkpoint missed`."""
    return label("chart_checkpoint", lang, state=state_word(state, lang))


def expected_legend(pace: Pace | None, lang: Lang) -> str:
    """The expected line in a chart's legend, with its model: `expected pace: at the deadline`."""
    if pace is None:
        return label("chart_expected", lang)
    return label("chart_expected_model", lang, pace=pace_text(pace, lang))


def dimension_name(project: Project | None, dimension: str, lang: Lang) -> str:
    """The name the project gives a dimension, else the standard dimension's, else its id."""
    declared = project.dimensions.get(dimension) if project is not None else None
    if declared is not None:
        name = localised(declared.name or "", declared.name_en, lang)
        if name:
            return name
    key = FIELD_WORDS.get(dimension)  # the standard dimensions are named there
    return label(key, lang) if key is not None else dimension


def breakdown_name(project: Project | None, breakdown_id: str, lang: Lang) -> str:
    """The name the project gives a breakdown within entries, else its id."""
    declared = project.breakdowns.get(breakdown_id) if project is not None else None
    name = localised(declared.name or "", declared.name_en, lang) if declared is not None else ""
    return name or breakdown_id


def category_name(project: Project | None, breakdown_id: str, category: str, lang: Lang) -> str:
    """The name the project gives a category of a breakdown, else its id."""
    declared = project.breakdowns.get(breakdown_id) if project is not None else None
    named = declared.categories.get(category) if declared is not None else None
    return localised(named.name, named.name_en, lang) if named is not None else category


def bounds_text(
    low: float | None, high: float | None, unit: str, lang: Lang, *, words: bool = False
) -> str:
    """A minimum and/or maximum: `≥ 3 000 óra`, `≤ 25%`, `1–2 db`; with `words`, `legalább
    3 000 óra`, `at least 1, at most 2 items`."""
    if words:
        bounds = [
            label(key, lang, value=format_quantity(bound, unit, lang))
            for key, bound in (("report_min", low), ("report_max", high))
            if bound is not None
        ]
        return ", ".join(bounds)
    if low is not None and high is not None:
        return f"{format_number(low, lang)}–{quantity(high, unit, lang)}"
    if low is not None:
        return f"≥ {quantity(low, unit, lang)}"
    return f"≤ {quantity(high, unit, lang)}"


def target_text(
    target: Target | None,
    unit: str,
    lang: Lang,
    *,
    words: bool = False,
    dimension_name: str | None = None,
    deadline: dt.date | None = None,
    project_end: dt.date | None = None,
) -> str:
    """A target in a table cell: `≥ 3 000 óra`, `≤ 25%`, `1–2 db`, `≥ 64 óra havonta`,
    `≥ 1 ülés havonta, Csapat szerint`, `≥ 2 events (by 30 Jun 2011)`; with `words`, as the
    report writes it: `legalább 3 000 óra`, `at least 64 hours per month, for each team`,
    `… by 31 Aug 2012`.

    Without `dimension_name` the per-group part is left out (a single group's target); the
    deadline is shown when it is not the project's end."""
    if target is None:
        return ""
    text = bounds_text(target.min, target.max, unit, lang, words=words)
    if target.per is not None:
        text += " " + label(PERIOD_WORDS[target.per], lang)
        if target.periods == "project":
            text += ", " + label("status_project_periods", lang)
    if dimension_name is not None:
        if words:
            text = label("report_each_group", lang, target=text, dimension=dimension_name)
        else:
            text += ", " + label("status_per_group", lang, name=dimension_name)
    if deadline is not None and deadline != project_end:
        if words:
            until = format_date(deadline, lang, "until")
            text = label("report_by", lang, target=text, date=until)
        else:
            date = format_date(deadline, lang)
            text += f" ({label('status_deadline', lang, date=date)})"
    return text


def period_label(period: str, lang: Lang) -> str:
    """`2011-03` → `2011. márc.` / `Mar 2011`; `2011-Q2` → `2011. II. n.év` / `Q2 2011`; a
    period counted from a project's start, `2011-03-01/2011-08-31` → `2011. márc. – 2011. aug.`
    (whole months; else its first and last day)."""
    if "/" in period:
        first, last = (dt.date.fromisoformat(day) for day in period.split("/"))
        whole_months = first.day == 1 and (last + dt.timedelta(days=1)).day == 1
        shown = format_month if whole_months else format_date
        return f"{shown(first, lang)} – {shown(last, lang)}"
    year, _, part = period.partition("-")
    if not part:
        return year
    if part[0] in "QH":
        key = "period_quarter" if part[0] == "Q" else "period_half"
        return label(key, lang, year=year, number=int(part[1:]), roman=_ROMAN[int(part[1:])])
    return format_month(dt.date(int(year), int(part), 1), lang)


def place(file: str, line: int) -> str:
    return f"{file}:{line}"


def places(found: Sequence[str]) -> str:
    """A few places in one cell: `a.yaml:3, a.yaml:9, … (+4)`."""
    shown = ", ".join(found[:MAX_PLACES])
    return shown if len(found) <= MAX_PLACES else f"{shown}, … (+{len(found) - MAX_PLACES})"


def runs(labels: Sequence[str]) -> list[tuple[str, int]]:
    """Consecutive period labels merged: `2010-09 – 2011-10` with how many periods it covers."""
    merged: list[tuple[str, str, int]] = []
    for name in labels:
        span = parse_period(name)
        if merged and span is not None:
            first, last, count = merged[-1]
            previous = parse_period(last)
            if previous is not None and next_period(previous) == span:
                merged[-1] = (first, name, count + 1)
                continue
        merged.append((name, name, 1))
    return [
        (first if first == last else f"{first} – {last}", count) for first, last, count in merged
    ]
