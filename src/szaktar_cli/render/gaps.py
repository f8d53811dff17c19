"""`szaktar gaps` drawn: per project, the months, groups, dates and breakdowns with data missing."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from ..compute.gaps import Place, ProjectGaps
from ..core.i18n import Lang, format_date, format_number
from ..core.labels import label, sentence
from ..core.numbers import json_number
from .tables import Report, Section, Table
from .words import (
    bounds_text,
    partial_target_text,
    period_label,
    place,
    places,
    quantity,
    runs,
)

COLUMNS: tuple[str, ...] = (
    "project", "kind", "period", "indicator", "dimension", "group", "file", "line", "date",
    "activity", "total", "parts", "difference", "actual", "target_min", "target_max",
)


def report(found: Sequence[ProjectGaps], lang: Lang) -> Report:
    return Report(
        COLUMNS,
        lambda: [_section(gaps, lang) for gaps in found],
        lambda: {
            "as_of": found[0].as_of.isoformat() if found else None,
            "projects": [_document(gaps, lang) for gaps in found],
        },
        lambda: (row for gaps in found for row in _rows(gaps)),
    )


def _place(found: Place) -> dict[str, Any]:
    return {
        "file": found.file,
        "line": found.line,
        "date": found.date.isoformat(),
        "activity": found.activity,
    }


def _document(gaps: ProjectGaps, lang: Lang) -> dict[str, Any]:
    return {
        "id": gaps.id,
        "title": gaps.display_title(lang),
        "gaps": gaps.count,
        "empty_months": list(gaps.empty_months),
        "silent_groups": [
            {
                "indicator": silent.indicator,
                "dimension": silent.dimension,
                "group": silent.group,
                "periods": list(silent.periods),
            }
            for silent in gaps.silent_groups
        ],
        "after_as_of": [_place(found) for found in gaps.after_as_of],
        "unsplit": [
            {
                "indicator": unsplit.indicator,
                "dimension": unsplit.dimension,
                "total": json_number(unsplit.total),
                "parts": json_number(unsplit.parts),
                "difference": json_number(unsplit.difference),
                "entries": [_place(found) for found in unsplit.entries],
            }
            for unsplit in gaps.unsplit
        ],
        "missed_checkpoints": [
            {
                "indicator": missed.indicator,
                "date": missed.milestone.date.isoformat(),
                "actual": json_number(missed.milestone.actual),
                "min": json_number(missed.milestone.min),
                "max": json_number(missed.milestone.max),
            }
            for missed in gaps.missed_checkpoints
        ],
        "partial_shortfalls": [
            {
                "indicator": short.indicator,
                "period": short.period,
                "group": short.group,
                "actual": json_number(short.actual),
                "min": json_number(short.minimum),
                "partial": short.treatment,
            }
            for short in gaps.partial_shortfalls
        ],
    }


def _rows(gaps: ProjectGaps) -> Iterator[dict[str, object]]:
    """One row per gap: an empty month, a silent group in a period, an entry (column `kind`)."""
    for month in gaps.empty_months:
        yield {"project": gaps.id, "kind": "empty_month", "period": month}
    for silent in gaps.silent_groups:
        common = {
            "project": gaps.id,
            "kind": "silent_group",
            "indicator": silent.indicator,
            "dimension": silent.dimension,
            "group": silent.group,
        }
        for period in silent.periods or (None,):
            yield {**common, "period": period}
    for found in gaps.after_as_of:
        yield {"project": gaps.id, "kind": "after_as_of", **_place(found)}
    for unsplit in gaps.unsplit:
        for found in unsplit.entries:
            yield {
                "project": gaps.id,
                "kind": "unsplit",
                "indicator": unsplit.indicator,
                "dimension": unsplit.dimension,
                **_place(found),
                "total": unsplit.total,
                "parts": unsplit.parts,
                "difference": unsplit.difference,
            }
    for short in gaps.partial_shortfalls:
        yield {
            "project": gaps.id,
            "kind": "partial_shortfall",
            "period": short.period,
            "indicator": short.indicator,
            "group": short.group,
            "actual": short.actual,
            "target_min": short.minimum,
        }
    for missed in gaps.missed_checkpoints:
        yield {
            "project": gaps.id,
            "kind": "missed_checkpoint",
            "indicator": missed.indicator,
            "date": missed.milestone.date.isoformat(),
            "actual": missed.milestone.actual,
            "target_min": missed.milestone.min,
            "target_max": missed.milestone.max,
        }


def _section(gaps: ProjectGaps, lang: Lang) -> Section:
    heading = f"{gaps.display_title(lang)} ({gaps.id})"
    title = label("gaps_title", lang, as_of=format_date(gaps.as_of, lang))
    if not gaps.count:
        return Section(heading, f"{sentence(title)} {label('gaps_none', lang)}", ())
    tables = [
        table
        for table in (
            _empty_months(gaps, lang),
            _silent_groups(gaps, lang),
            _after_as_of(gaps, lang),
            _unsplit(gaps, lang),
            _partial_shortfalls(gaps, lang),
            _missed_checkpoints(gaps, lang),
        )
        if table.rows
    ]
    return Section(
        heading, f"{title}: {label('gaps_count', lang, count=gaps.count)}", tuple(tables)
    )


def _table(
    key: str, lang: Lang, columns: Sequence[str], right: frozenset[int] = frozenset()
) -> Table:
    headers = [label(column, lang) for column in columns]
    return Table(label(key, lang), headers, right=right)


def _add(table: Table, row: list[str]) -> None:
    table.rows.append(row)
    table.states.append(None)


def _empty_months(gaps: ProjectGaps, lang: Lang) -> Table:
    columns = ("gaps_col_month", "gaps_col_count")
    table = _table("gaps_empty_months", lang, columns, frozenset({1}))
    for months, count in runs(gaps.empty_months):
        _add(table, [months, str(count)])
    return table


def _silent_groups(gaps: ProjectGaps, lang: Lang) -> Table:
    columns = ("gaps_col_indicator", "gaps_col_group", "gaps_col_periods")
    table = _table("gaps_silent_groups", lang, columns)
    for silent in gaps.silent_groups:
        periods = ", ".join(
            text if count == 1 else f"{text} ({count})" for text, count in runs(silent.periods)
        )
        _add(table, [silent.indicator, silent.group, periods or label("gaps_whole_window", lang)])
    return table


def _after_as_of(gaps: ProjectGaps, lang: Lang) -> Table:
    columns = ("gaps_col_place", "gaps_col_date", "gaps_col_activity")
    table = _table("gaps_after_as_of", lang, columns)
    for found in gaps.after_as_of:
        _add(table, [place(found.file, found.line), format_date(found.date, lang), found.activity])
    return table


def _unsplit(gaps: ProjectGaps, lang: Lang) -> Table:
    columns = (
        "gaps_col_indicator",
        "gaps_col_dimension",
        "gaps_col_total",
        "gaps_col_parts",
        "gaps_col_difference",
        "gaps_col_entries",
    )
    table = _table("gaps_unsplit", lang, columns, frozenset({2, 3, 4}))

    def amount(value: float | None) -> str:
        return "" if value is None else format_number(value, lang)

    for unsplit in gaps.unsplit:
        where = places([place(found.file, found.line) for found in unsplit.entries])
        _add(
            table,
            [
                unsplit.indicator,
                unsplit.dimension,
                amount(unsplit.total),
                amount(unsplit.parts),
                amount(unsplit.difference),
                where,
            ],
        )
    return table


def _missed_checkpoints(gaps: ProjectGaps, lang: Lang) -> Table:
    columns = (
        "gaps_col_indicator", "status_col_checkpoint", "gaps_col_actual", "status_col_target"
    )
    table = _table("gaps_missed_checkpoints", lang, columns, frozenset({2}))
    for missed in gaps.missed_checkpoints:
        point = missed.milestone
        _add(
            table,
            [
                missed.indicator,
                format_date(point.date, lang),
                quantity(point.actual, missed.unit, lang),
                bounds_text(point.min, point.max, missed.unit, lang),
            ],
        )
    return table


def _partial_shortfalls(gaps: ProjectGaps, lang: Lang) -> Table:
    columns = (
        "gaps_col_indicator", "status_col_period", "gaps_col_group", "status_col_actual",
        "status_col_target",
    )
    table = _table("gaps_partial_shortfalls", lang, columns, frozenset({3}))
    for short in gaps.partial_shortfalls:
        target = partial_target_text(short.minimum, short.treatment, short.unit, lang)
        _add(
            table,
            [
                short.indicator,
                period_label(short.period, lang),
                short.group or "",
                quantity(short.actual, short.unit, lang),
                target,
            ],
        )
    return table
