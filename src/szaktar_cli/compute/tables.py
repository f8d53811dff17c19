"""What `szaktar export` exports: the indicators (or the raw entries) of a period, as a typed table.

Pure: no files, no terminal. The writers in `render/export_*.py` turn an `ExportTable`
into bytes. Columns carry a stable English key (the CSV/JSON header), a kind (how a
writer types and formats the cells) and a LABELS key (the header in a human format, which
the writers word).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from ..core.fields import MEASURE_FIELDS, OF_WHICH, STANDARD_DIMENSIONS, TEXT_FIELDS
from ..core.i18n import Lang, localised
from ..core.labels import (
    FIELD_WORDS,
    PACE_WORDS,
    PARTIAL_WORDS,
    PERIOD_COUNT_WORDS,
    PERIOD_WORDS,
)
from ..core.model import Entry, Project
from ..core.numbers import rounded
from ..core.periods import ReportPeriod
from ..core.statuses import STATUS_WORDS, STATUSES
from ..read.loader import LoadedProject
from .aggregate import aggregate
from .judge import evaluate_indicators
from .results import IndicatorStatus

# --- the table ----------------------------------------------------------------------------

ColumnKind = Literal["text", "number", "percent", "date", "unit", "code"]
Cell = str | float | dt.date | None
Row = tuple[Cell, ...]


@dataclass(frozen=True, slots=True)
class Column:
    """`key`: the machine header (stable, English). The header in a human format is the LABELS
    entry `heading` (and `suffix`, e.g. a period), else `en`/`hu` (a project's own dimension):
    the writers word it. `codes` names the values of a `code` column (value → LABELS key). A
    `detail` column repeats what a report's title says (the period's dates); Markdown leaves it
    out.
    """

    key: str
    kind: ColumnKind
    en: str = ""
    hu: str = ""
    codes: Mapping[str, str] = field(default_factory=dict)
    detail: bool = False
    heading: str | None = None
    suffix: str = ""


@dataclass(frozen=True, slots=True)
class Grid:
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class ProjectHeading:
    id: str
    title: str


@dataclass(frozen=True, slots=True)
class ExportTable:
    """The rows of one export (the first cell of a row is its project id) and a summary of
    them, one row per project."""

    kind: Literal["indicators", "entries"]
    period: ReportPeriod
    as_of: dt.date
    projects: tuple[ProjectHeading, ...]
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    summary: Grid

    def rows_of(self, project_id: str) -> tuple[Row, ...]:
        return tuple(row for row in self.rows if row[0] == project_id)


def _column(
    header: str,
    kind: ColumnKind,
    codes: Mapping[str, str] | None = None,
    suffix: str = "",
    *,
    detail: bool = False,
) -> Column:
    """A column headed by the LABELS entry `header` (and `suffix`, e.g. a period); its machine
    key is the header's key without `export_col_`."""
    key = header.removeprefix("export_col_")
    return Column(
        f"{key}_{suffix}" if suffix else key,
        kind,
        codes=codes or {},
        detail=detail,
        heading=header,
        suffix=suffix,
    )


_SUMMARY_HEAD = (_column("export_col_project", "text"), _column("export_col_title", "text"))


# --- indicators ---------------------------------------------------------------------------

_PACE_CODES = {model: words[0] for model, words in PACE_WORDS.items()}


@dataclass(frozen=True, slots=True)
class _Figures:
    """One indicator in one part of the period, evaluated as of the part's (capped) end."""

    part: ReportPeriod
    day: dt.date
    status: IndicatorStatus
    actual: float | None
    cumulative: float | None


def _project_figures(
    project: Project, entries: Sequence[Entry], part: ReportPeriod, as_of: dt.date
) -> list[_Figures]:
    day = part.clipped(as_of)
    aggregates = aggregate(project, entries, day)
    return [
        _Figures(
            part,
            day,
            status,
            rounded(aggregates.value(status.id, part.start, day)),
            rounded(aggregates.value(status.id, None, day)),
        )
        for status in evaluate_indicators(aggregates).indicators
    ]


def _indicator_columns(parts: Sequence[ReportPeriod], *, wide: bool) -> tuple[Column, ...]:
    head = (
        _column("export_col_project", "text"),
        _column("export_col_indicator", "text"),
        _column("export_col_indicator_name", "text"),
        _column("export_col_unit", "unit"),
    )
    judged = (
        _column("export_col_target_min", "number"),
        _column("export_col_target_max", "number"),
        _column("export_col_target_per", "code", PERIOD_WORDS),
        _column("export_col_target_periods", "code", PERIOD_COUNT_WORDS),
        _column("export_col_target_partial", "code", PARTIAL_WORDS),
        _column("export_col_target_amended", "date"),
        _column("export_col_target_original_min", "number"),
        _column("export_col_target_original_max", "number"),
        _column("export_col_pace", "code", _PACE_CODES),
        _column("export_col_percent", "percent"),
        _column("export_col_status", "code", STATUS_WORDS),
        _column("export_col_checkpoints_missed", "text"),
    )
    if wide:
        actuals = tuple(_column("export_col_actual", "number", suffix=part.label) for part in parts)
        return (
            *head,
            *actuals,
            _column("export_col_cumulative", "number"),
            *judged,
            _column("export_col_as_of", "date", detail=True),
        )
    return (
        *head,
        _column("export_col_period", "text"),
        _column("export_col_actual", "number"),
        _column("export_col_cumulative", "number"),
        *judged,
        _column("export_col_period_start", "date", detail=True),
        _column("export_col_period_end", "date", detail=True),
        _column("export_col_as_of", "date", detail=True),
    )


def _judged_cells(figures: _Figures) -> Row:
    """Target, percent and status, as `szaktar status` gives them on the figures' day."""
    status = figures.status
    target = status.target
    bounds: Row = (None,) * 8
    if target is not None:
        counted = None if target.per is None else target.periods or "calendar"
        partial = None if target.per is None else target.partial or "skip"
        original = status.original
        amended = (
            (status.amendments[-1].start, original.min, original.max)
            if status.amendments and original is not None
            else (None, None, None)
        )
        bounds = (target.min, target.max, target.per, counted, partial, *amended)
    pace = None if status.pace is None else status.pace.model
    missed = ", ".join(point.date.isoformat() for point in status.missed_milestones()) or None
    return (*bounds, pace, rounded(status.percent), status.status, missed)


def _indicator_rows(
    project_id: str, in_parts: Sequence[_Figures], lang: Lang, *, wide: bool
) -> list[Row]:
    """The rows of one indicator, given its figures part by part."""
    last = in_parts[-1]
    head = (project_id, last.status.id, last.status.display_name(lang), last.status.unit)
    if wide:
        actuals = (figures.actual for figures in in_parts)
        return [(*head, *actuals, last.cumulative, *_judged_cells(last), last.day)]
    return [
        (
            *head,
            figures.part.label,
            figures.actual,
            figures.cumulative,
            *_judged_cells(figures),
            figures.part.start,
            figures.part.end,
            figures.day,
        )
        for figures in in_parts
    ]


def indicator_table(
    projects: Sequence[LoadedProject],
    period: ReportPeriod,
    parts: Sequence[ReportPeriod],
    as_of: dt.date,
    lang: Lang,
    *,
    wide: bool = False,
) -> ExportTable:
    """Each indicator in each part of the period: the actual in the part and to its end, the
    target, and percent and status as of the part's end (or as-of, when earlier).

    Long: a row per project, indicator and part. Wide: a row per project and indicator, the
    parts' actuals side by side, the rest as of the last part. The summary counts each
    project's indicators by status at the end of the last part.
    """
    rows: list[Row] = []
    summary: list[Row] = []
    headings: list[ProjectHeading] = []
    for loaded, project in _valid_projects(projects):
        headings.append(_heading(project, lang))
        entries = loaded.entries()
        by_part = [_project_figures(project, entries, part, as_of) for part in parts]
        for in_parts in zip(*by_part, strict=True):
            rows.extend(_indicator_rows(project.id, in_parts, lang, wide=wide))
        counts = Counter(figures.status.status for figures in by_part[-1])
        statuses = (float(counts[status]) for status in STATUSES)
        summary.append((project.id, headings[-1].title, float(len(by_part[-1])), *statuses))
    summary_columns = (
        *_SUMMARY_HEAD,
        _column("export_col_indicators", "number"),
        *(Column(status, "number", heading=STATUS_WORDS[status]) for status in STATUSES),
    )
    return ExportTable(
        "indicators",
        period,
        as_of,
        tuple(headings),
        _indicator_columns(parts, wide=wide),
        tuple(rows),
        Grid(summary_columns, tuple(summary)),
    )


# --- raw entries (--entries) ---------------------------------------------------------------


def entry_table(
    projects: Sequence[LoadedProject], period: ReportPeriod, as_of: dt.date, lang: Lang
) -> ExportTable:
    """Every entry of the period (up to as-of), for audit: all measures, the categories of the
    breakdowns within entries (a column each, headed by its id: `import` reads them back),
    dimensions and texts.

    The summary gives each project's number of entries and the sums of their measures.
    """
    valid = _valid_projects(projects)
    dimensions = _dimension_columns([project for _, project in valid])
    categories = _category_columns([project for _, project in valid])
    measures = tuple(_column(FIELD_WORDS[field], "number") for field in MEASURE_FIELDS)
    columns = (
        _column("export_col_project", "text"),
        _column("export_col_date", "date"),
        _column("export_col_activity", "text"),
        _column("export_col_activity_name", "text"),
        *measures,
        *categories,
        *dimensions,
        *(_column(FIELD_WORDS[field], "text") for field in TEXT_FIELDS),
    )
    last_day = period.clipped(as_of)
    rows: list[Row] = []
    summary: list[Row] = []
    for loaded, project in valid:
        entries = sorted(
            (entry for entry in loaded.entries() if period.start <= entry["date"] <= last_day),
            key=lambda entry: entry["date"],
        )
        rows.extend(
            _entry_row(
                project,
                entry,
                ([column.key for column in categories], [column.key for column in dimensions]),
                lang,
            )
            for entry in entries
        )
        totals = (
            rounded(sum(_number(entry.get(field)) or 0.0 for entry in entries))
            for field in MEASURE_FIELDS
        )
        summary.append((project.id, _heading(project, lang).title, float(len(entries)), *totals))
    headings = tuple(_heading(project, lang) for _, project in valid)
    summary_columns = (*_SUMMARY_HEAD, _column("export_col_entries", "number"), *measures)
    return ExportTable(
        "entries",
        period,
        as_of,
        headings,
        columns,
        tuple(rows),
        Grid(summary_columns, tuple(summary)),
    )


def _dimension_columns(projects: Sequence[Project]) -> list[Column]:
    """The standard dimensions, then each project's own, headed by the name its project gives."""
    columns = {name: _column(FIELD_WORDS[name], "text") for name in STANDARD_DIMENSIONS}
    for project in projects:
        for name, dimension in project.dimensions.items():
            if name not in columns:
                hungarian = dimension.name or name
                columns[name] = Column(name, "text", dimension.name_en or hungarian, hungarian)
    return list(columns.values())


def _category_columns(projects: Sequence[Project]) -> list[Column]:
    """A column per category of the projects' breakdowns within entries, headed by its names."""
    columns: dict[str, Column] = {}
    for project in projects:
        for breakdown in project.breakdowns.values():
            for name, category in breakdown.categories.items():
                english = category.name_en or category.name
                columns.setdefault(name, Column(name, "number", english, category.name))
    return list(columns.values())


def _entry_row(
    project: Project,
    entry: Entry,
    keys: tuple[Sequence[str], Sequence[str]],  # of the category and the dimension columns
    lang: Lang,
) -> Row:
    fields: dict[str, object] = dict(entry)
    parts = entry.get(OF_WHICH) or {}
    categories, dimensions = keys
    activity = project.activities.get(entry["activity"])
    return (
        project.id,
        entry["date"],
        entry["activity"],
        localised(activity.name, activity.name_en, lang) if activity else None,
        *(_number(fields.get(field)) for field in MEASURE_FIELDS),
        *(_number(parts.get(name)) for name in categories),
        *(_text(fields.get(name)) for name in dimensions),
        *(_text(fields.get(field)) for field in TEXT_FIELDS),
    )


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _heading(project: Project, lang: Lang) -> ProjectHeading:
    return ProjectHeading(project.id, localised(project.title, project.title_en, lang))


def _valid_projects(projects: Sequence[LoadedProject]) -> list[tuple[LoadedProject, Project]]:
    return [(loaded, loaded.project) for loaded in projects if loaded.project is not None]
