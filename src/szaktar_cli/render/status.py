"""`szaktar status` drawn: for people the portfolio summary, one table per project, the shortfalls
and breakdowns; for machines JSON of a documented, stable shape and CSV/TSV in long format.

The JSON shape is documented in docs/commands.md (status); keep the two in step. Keys, column names
and status codes in JSON and CSV are English; dates ISO; numbers raw.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from ..compute.results import (
    Categories,
    GroupResult,
    IndicatorStatus,
    PeriodResult,
    ProjectStatus,
)
from ..core.i18n import Lang, format_date, format_percent
from ..core.labels import label
from ..core.numbers import json_number
from ..core.statuses import NOTE_WORDS, STATUSES, Status
from ..core.targets import Pace
from .tables import Report, Section, Table
from .words import (
    bounds_text,
    breakdown_name,
    category_name,
    dimension_name,
    pace_text,
    partial_note,
    period_target_text,
    quantity,
    state_word,
    target_text,
    with_amendment,
)

if TYPE_CHECKING:
    import datetime as dt

    from ..core.model import Project

# Shortfalls listed per indicator on screen; csv and json list them all.
MAX_SHORTFALLS = 12
_PROBLEMS: tuple[Status, ...] = ("missed", "behind")  # the worst first
# The summary's columns of counts: the statuses, and the checkpoints missed after `missed`.
_AFTER_MISSED = STATUSES.index("missed") + 1


def report(
    results: Sequence[ProjectStatus],
    projects: Sequence[Project | None],
    lang: Lang,
    *,
    group_by: str | None = None,
    only_problems: bool = False,
    overview: str | None = None,
) -> Report:
    """`overview`: for people, the portfolio summary only, ending with this line (how to see
    more); machines always get every figure."""
    return Report(
        COLUMNS,
        lambda: sections(
            results, projects, lang, group_by=group_by, only_problems=only_problems,
            overview=overview,
        ),
        lambda: _document(results, lang),
        lambda: (row for result in results for row in _rows(result, lang)),
    )


# --- cells ---------------------------------------------------------------------------------------


def _cells_met(cells: Sequence[PeriodResult | GroupResult]) -> tuple[int, int]:
    judged = [cell.met for cell in cells if cell.met is not None]
    return judged.count(True), len(judged)


def percent_text(item: IndicatorStatus, lang: Lang) -> str:
    """Percent of the target; for rate and per-group targets, the share of judged cells met."""
    target = item.target
    partial = partial_note(item, lang)
    if item.percent is None:
        return partial or ""
    text = format_percent(item.percent, lang)
    if target is not None and target.per is not None:
        met, judged = _cells_met(item.groups or item.periods)
        key = "status_cells_met" if item.groups else "status_periods_met"
        details = [label(key, lang, met=met, judged=judged), *([partial] if partial else [])]
        text += f" ({'; '.join(details)})"
    elif target is not None and target.per_group is not None:
        met = sum(group.state == "met" for group in item.groups)
        text += f" ({label('status_groups_met', lang, met=met, judged=len(item.groups))})"
    return text


def actual_text(item: IndicatorStatus, lang: Lang) -> str:
    if item.measure == "deliverable":
        if item.done_on is None:
            return label("status_not_done", lang)
        return label("report_done_on", lang, date=format_date(item.done_on, lang))
    return quantity(item.actual, item.unit, lang)


def status_text(item: IndicatorStatus, lang: Lang) -> str:
    """The status word, with its note, and the checkpoints missed (the final target's status
    stays what it is: `on track, 1 checkpoint missed`)."""
    word = state_word(item.status, lang)
    if item.note:
        word = f"{word} ({label(NOTE_WORDS[item.note], lang)})"
    missed = len(item.missed_milestones())
    return f"{word}, {label('status_checkpoints_missed', lang, count=missed)}" if missed else word


def _date_or_unknown(value: dt.date | None, lang: Lang) -> str:
    return "?" if value is None else format_date(value, lang)


# --- tables --------------------------------------------------------------------------------------


def summary_table(
    results: Sequence[ProjectStatus], lang: Lang, group_by: str | None = None
) -> Table:
    """One line per project: how many indicators stand how, how many checkpoints were missed,
    and the indicator that stands worst; grouped by a metadata field if asked."""
    grouping = group_by is not None
    headers: list[str] = [
        *([group_by] if group_by is not None else []),
        label("export_col_project", lang).capitalize(),
        label("status_col_indicators", lang),
        *(state_word(status, lang) for status in STATUSES[:_AFTER_MISSED]),
        label("status_col_checkpoints_missed", lang),
        *(state_word(status, lang) for status in STATUSES[_AFTER_MISSED:]),
        label("status_col_worst", lang),
    ]
    offset = 1 if grouping else 0
    counted = range(offset + 1, offset + 3 + len(STATUSES))
    quiet = {STATUSES.index(status) + 1 for status in ("not_started", "no_target", "unknown")}
    table = Table(
        label("status_portfolio", lang, as_of=format_date(results[0].as_of, lang))
        if results
        else "",
        headers,
        right=frozenset(counted),
        optional=frozenset({offset + 1, *(offset + 2 + index for index in quiet)}),
        optional_note=label("status_summary_columns_hidden", lang),
    )

    def add(first: list[str], members: Sequence[ProjectStatus]) -> None:
        counts = {
            status: sum(result.counts()[status] for result in members) for status in STATUSES
        }
        total = sum(len(result.indicators) for result in members)
        missed = sum(result.checkpoints_missed() for result in members)
        worst = _worst_text(members[0], lang) if len(members) == 1 else ""
        numbers = [str(counts[status]) for status in STATUSES]
        numbers.insert(_AFTER_MISSED, str(missed))
        table.rows.append([*first, str(total), *numbers, worst])
        table.states.append(next((status for status in _PROBLEMS if counts[status]), None))

    if not grouping:
        for result in results:
            add([result.id], [result])
        return table
    assert group_by is not None
    none = label("status_not_recorded", lang)
    groups: dict[str, list[ProjectStatus]] = {}
    for result in results:
        groups.setdefault(result.metadata.get(group_by, none), []).append(result)
    for name in sorted(groups, key=lambda text: (text == none, text)):
        members = groups[name]
        for result in members:
            add([name, result.id], [result])
        if len(members) > 1:
            add([name, label("status_total", lang)], members)
    return table


def _worst_text(result: ProjectStatus, lang: Lang) -> str:
    """The indicator that stands worst, how it stands and how far it is (`Consultation hours:
    behind, 55%`); empty when none stands badly."""
    item = result.worst()
    if item is None:
        return ""
    percent = f", {format_percent(item.percent, lang)}" if item.percent is not None else ""
    return f"{item.display_name(lang)}: {status_text(item, lang)}{percent}"


def indicator_table(
    result: ProjectStatus, project: Project | None, lang: Lang, items: Sequence[IndicatorStatus]
) -> Table:
    headers = [
        label(key, lang)
        for key in (
            "status_col_indicator",
            "status_col_actual",
            "status_col_target",
            "status_col_percent",
            "status_col_pace",
            "status_col_expected",
            "status_col_forecast",
            "status_col_status",
        )
    ]
    table = Table(
        "", headers, right=frozenset({1, 3, 5, 6}), state_column=7,
        optional=frozenset({4, 5, 6}), optional_note=label("status_columns_hidden", lang),
    )
    for item in items:
        dimension = item.target.per_group if item.target is not None else None
        target = target_text(
            item.target,
            item.unit,
            lang,
            dimension_name=dimension_name(project, dimension, lang) if dimension else None,
            deadline=item.deadline,
            project_end=result.end,
        )
        table.rows.append(
            [
                item.display_name(lang),
                actual_text(item, lang),
                with_amendment(target, item, lang),
                percent_text(item, lang),
                pace_text(item.pace, lang),
                quantity(item.expected_to_date, item.unit, lang, decimals=1),
                quantity(item.forecast, item.unit, lang, decimals=1),
                status_text(item, lang),
            ]
        )
        table.states.append(item.status)
    return table


def shortfall_table(items: Sequence[IndicatorStatus], lang: Lang) -> Table | None:
    """The judged periods (and group × period cells) that fell short, a few per indicator."""
    headers = [
        label(key, lang)
        for key in (
            "status_col_indicator",
            "status_col_period",
            "status_col_group",
            "status_col_actual",
            "status_col_target",
        )
    ]
    table = Table(label("status_shortfalls", lang), headers, right=frozenset({3}))
    hidden = 0
    for item in items:
        cells = item.shortfalls()
        periods = {period.period: period for period in item.periods}
        for cell in cells[:MAX_SHORTFALLS]:
            group = cell.group if isinstance(cell, GroupResult) else ""
            period = periods.get(cell.period or "")
            if period is not None and item.target is not None:
                target = period_target_text(period, item.target, item.unit, lang)
            else:
                target = target_text(item.target, item.unit, lang)
            table.rows.append(
                [
                    item.display_name(lang),
                    cell.period or "",
                    group,
                    quantity(cell.actual, item.unit, lang),
                    target,
                ]
            )
            table.states.append("missed")
        hidden += max(0, len(cells) - MAX_SHORTFALLS)
    if not table.rows:
        return None
    if hidden:
        table.footer = label("status_more", lang, count=hidden)
    return table


def milestone_table(items: Sequence[IndicatorStatus], lang: Lang) -> Table | None:
    """Every checkpoint of the indicators shown, each judged on its own day."""
    headers = [
        label(key, lang)
        for key in (
            "status_col_indicator",
            "status_col_checkpoint",
            "status_col_actual",
            "status_col_target",
            "status_col_status",
        )
    ]
    table = Table(label("status_milestones", lang), headers, right=frozenset({2}), state_column=4)
    for item in items:
        for milestone in item.milestones:
            table.rows.append(
                [
                    item.display_name(lang),
                    format_date(milestone.date, lang),
                    quantity(milestone.actual, item.unit, lang),
                    bounds_text(milestone.min, milestone.max, item.unit, lang),
                    state_word(milestone.state, lang),
                ]
            )
            table.states.append(milestone.state)
    return table if table.rows else None


def breakdown_table(
    items: Sequence[IndicatorStatus], project: Project | None, lang: Lang
) -> Table | None:
    """The indicators broken down by a dimension, or by the categories of a breakdown within
    entries: each part, then the total."""
    with_parts = [item for item in items if item.breakdown or item.categories]
    if not with_parts:
        return None
    first = with_parts[0]
    if first.categories is not None:
        name = breakdown_name(project, first.categories.breakdown, lang)
    else:
        name = dimension_name(project, first.breakdown.dimension if first.breakdown else "", lang)
    table = Table(
        label("status_breakdown", lang, dimension=name),
        [label("status_col_indicator", lang), name, label("status_col_actual", lang)],
        right=frozenset({2}),
    )
    total = label("status_total", lang)
    for item in with_parts:
        indicator = item.display_name(lang)
        for part, amount in [*_parts(item, project, lang), (total, item.actual)]:
            table.rows.append([indicator, part, quantity(amount, item.unit, lang)])
            table.states.append(None)
            indicator = ""
    return table


def _parts(
    item: IndicatorStatus, project: Project | None, lang: Lang
) -> list[tuple[str, float | None]]:
    """The parts of an indicator's breakdown, named: they add up to its total."""
    not_recorded = label("status_not_recorded", lang)
    split = item.categories
    if split is None:
        assert item.breakdown is not None
        return [
            (part.value if part.value is not None else not_recorded, part.actual)
            for part in item.breakdown.items
        ]
    parts = [
        (category_name(project, split.breakdown, part.value or "", lang), part.actual)
        for part in split.items
    ]
    if split.other is not None:
        parts.append((label("status_no_category", lang), split.other))
    if split.not_recorded is not None:
        parts.append((not_recorded, split.not_recorded))
    return parts


def sections(
    results: Sequence[ProjectStatus],
    projects: Sequence[Project | None],
    lang: Lang,
    *,
    group_by: str | None = None,
    only_problems: bool = False,
    overview: str | None = None,
) -> list[Section]:
    """The whole report: the portfolio summary (several projects), then each project's tables.

    `overview`: the portfolio summary only (the first screen), ending with how to see a project
    in full — this text names the commands (`szaktar status …`)."""
    parts: list[Section] = []
    if len(results) > 1 or group_by is not None:
        summary = summary_table(results, lang, group_by)
        parts.append(Section(summary.title, None, (summary,)))
        summary.title = ""
        if overview is not None:
            summary.footer = overview
            return parts
    for result, project in zip(results, projects, strict=True):
        items = [item for item in result.indicators if item.is_problem or not only_problems]
        if only_problems and not items:
            continue
        tables = [indicator_table(result, project, lang, items)]
        tables.extend(
            table
            for table in (
                milestone_table(items, lang),
                shortfall_table(items, lang),
                breakdown_table(items, project, lang),
            )
            if table is not None
        )
        subheading = label(
            "status_project_dates",
            lang,
            start=_date_or_unknown(result.start, lang),
            end=_date_or_unknown(result.end, lang),
            as_of=format_date(result.as_of, lang),
        )
        parts.append(
            Section(f"{result.display_title(lang)} ({result.id})", subheading, tuple(tables))
        )
    if only_problems and len(parts) == (1 if len(results) > 1 or group_by is not None else 0):
        parts.append(Section(label("status_no_problems", lang), None, ()))
    return parts


def overview_hint(results: Sequence[ProjectStatus], lang: Lang, program: str) -> str:
    """How to see more than the first screen: one project in full (the one that stands worst,
    as the example), and all of them."""
    worst = min(
        results,
        key=lambda result: (
            not result.has_problems,
            -sum(result.counts()[status] for status in _PROBLEMS),
        ),
    )
    return label("status_overview_hint", lang, szaktar=program, project=worst.id)


# --- for machines -------------------------------------------------------------------------------

COLUMNS: tuple[str, ...] = (
    "project", "indicator", "row", "period", "dimension", "group", "actual", "target_min",
    "target_max", "per", "by", "amended", "original_min", "original_max", "original_by", "pace",
    "pace_from", "percent", "expected_to_date", "forecast", "status", "partial", "unit", "name",
)


def pace_document(pace: Pace | None) -> dict[str, Any] | None:
    """A pace for machines (`Pace.document`), its weights as JSON numbers."""
    if pace is None:
        return None
    document = pace.document()
    if pace.weights is not None:
        document["monthly"] = [json_number(weight) for weight in pace.weights]
    return document


def _target(item: IndicatorStatus) -> dict[str, Any] | None:
    target = item.target
    if target is None:
        return None
    return {
        "min": json_number(target.min),
        "max": json_number(target.max),
        "per": target.per,
        "periods": None if target.per is None else target.periods or "calendar",
        "partial": None if target.per is None else target.partial or "skip",
        "per_group": target.per_group,
        "by": item.deadline.isoformat() if item.deadline else None,
        "amendments": [
            {
                "from": amendment.start.isoformat(),
                "min": json_number(amendment.min),
                "max": json_number(amendment.max),
                "by": amendment.by.isoformat() if amendment.by else None,
                "source": amendment.source,
            }
            for amendment in item.amendments
        ],
        "original": None
        if item.original is None
        else {
            "min": json_number(item.original.min),
            "max": json_number(item.original.max),
            "by": item.original.by.isoformat() if item.original.by else None,
        },
    }


def _indicator(item: IndicatorStatus, lang: Lang) -> dict[str, Any]:
    breakdown = item.breakdown
    return {
        "id": item.id,
        "name": item.display_name(lang),
        "unit": item.unit,
        "actual": json_number(item.actual),
        "target": _target(item),
        "pace": pace_document(item.pace),
        "percent": json_number(item.percent),
        "expected_to_date": json_number(item.expected_to_date),
        "forecast": json_number(item.forecast),
        "status": item.status,
        "milestones": [
            {
                "date": milestone.date.isoformat(),
                "min": json_number(milestone.min),
                "max": json_number(milestone.max),
                "actual": json_number(milestone.actual),
                "state": milestone.state,
                "source": milestone.source,
            }
            for milestone in item.milestones
        ],
        "periods": [
            {
                "period": period.period,
                "actual": json_number(period.actual),
                "target_min": json_number(period.target_min),
                "target_max": json_number(period.target_max),
                "met": period.met,
                "in_progress": period.in_progress,
                "partial": json_number(period.partial),
            }
            for period in item.periods
        ],
        "groups": [
            {
                "group": group.group,
                "period": group.period,
                "actual": json_number(group.actual),
                "met": group.met,
                "in_progress": group.in_progress,
                "status": group.state,
            }
            for group in item.groups
        ],
        "breakdown": None
        if breakdown is None
        else {
            "dimension": breakdown.dimension,
            "values": [
                {"value": part.value, "actual": json_number(part.actual)}
                for part in breakdown.items
            ],
        },
        "categories": None if item.categories is None else _categories(item.categories),
    }


def _categories(split: Categories) -> dict[str, Any]:
    return {
        "breakdown": split.breakdown,
        "exhaustive": split.exhaustive,
        "values": [
            {"category": part.value, "actual": json_number(part.actual)} for part in split.items
        ],
        "other": json_number(split.other),
        "not_recorded": json_number(split.not_recorded),
    }


def _document(results: Sequence[ProjectStatus], lang: Lang) -> dict[str, Any]:
    return {
        "as_of": results[0].as_of.isoformat() if results else None,
        "projects": [
            {
                "id": result.id,
                "title": result.display_title(lang),
                "start": result.start.isoformat() if result.start else None,
                "end": result.end.isoformat() if result.end else None,
                "indicators": [_indicator(item, lang) for item in result.indicators],
            }
            for result in results
        ],
    }


def _rows(result: ProjectStatus, lang: Lang) -> Iterator[dict[str, object]]:
    for item in result.indicators:
        common = {
            "project": result.id,
            "indicator": item.id,
            "unit": item.unit,
            "name": item.display_name(lang),
        }
        target = item.target
        yield {
            **common,
            "row": "indicator",
            "actual": item.actual,
            "dimension": target.per_group if target else None,
            "target_min": target.min if target else None,
            "target_max": target.max if target else None,
            "per": target.per if target else None,
            "by": item.deadline.isoformat() if target and item.deadline else None,
            "amended": item.amendments[-1].start.isoformat() if item.amendments else None,
            "original_min": item.original.min if item.original else None,
            "original_max": item.original.max if item.original else None,
            "original_by": item.original.by.isoformat()
            if item.original and item.original.by
            else None,
            "pace": item.pace.model if item.pace else None,
            "pace_from": item.pace.start.isoformat() if item.pace and item.pace.start else None,
            "percent": item.percent,
            "expected_to_date": item.expected_to_date,
            "forecast": item.forecast,
            "status": item.status,
        }
        for milestone in item.milestones:
            yield {
                **common,
                "row": "milestone",
                "period": milestone.date.isoformat(),
                "actual": milestone.actual,
                "target_min": milestone.min,
                "target_max": milestone.max,
                "status": milestone.state,
            }
        for period in item.periods:
            yield {
                **common,
                "row": "period",
                "period": period.period,
                "actual": period.actual,
                "target_min": period.target_min,
                "target_max": period.target_max,
                "status": period.state,
                "partial": period.partial,
            }
        for group in item.groups:
            yield {
                **common,
                "row": "group",
                "period": group.period,
                "dimension": target.per_group if target else None,
                "group": group.group,
                "actual": group.actual,
                "status": group.state,
            }
        if item.breakdown is not None:
            for part in item.breakdown.items:
                yield {
                    **common,
                    "row": "breakdown",
                    "dimension": item.breakdown.dimension,
                    "group": part.value,
                    "actual": part.actual,
                }
        split = item.categories
        if split is not None:
            # `dimension` holds the breakdown; `group` the category, empty where not recorded
            parts = [("category", part.value, part.actual) for part in split.items]
            if split.other is not None:
                parts.append(("no_category", None, split.other))
            if split.not_recorded is not None:
                parts.append(("category", None, split.not_recorded))
            for row, category, actual in parts:
                yield {
                    **common,
                    "row": row,
                    "dimension": split.breakdown,
                    "group": category,
                    "actual": actual,
                }
