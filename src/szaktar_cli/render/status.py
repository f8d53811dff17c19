"""`szaktar status` for people: the portfolio summary, one table per project, the shortfalls and
breakdowns — as plain text, Markdown or GitHub tables (tabulate) or rich tables on a terminal.

Every table is first built as `Table` (headers, rows of localised strings, the status of each
row), then drawn by one of the writers, so the formats cannot drift apart. Colour is only ever
added to a status word, never instead of one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from ..compute.results import GroupResult, IndicatorStatus, PeriodResult, ProjectStatus
from ..core.i18n import Lang, format_date, format_number, format_percent, format_quantity, label
from ..core.statuses import STATUSES, Status

if TYPE_CHECKING:
    import datetime as dt

    from rich.console import RenderableType

    from ..core.model import Project, Target

TextFormat = Literal["plain", "markdown", "github"]
_TABULATE_FORMATS: dict[TextFormat, str] = {
    "plain": "simple",
    "markdown": "pipe",
    "github": "github",
}
# Shortfalls listed per indicator on screen; csv and json list them all.
MAX_SHORTFALLS = 12
_PROBLEMS: tuple[Status, ...] = ("missed", "behind")  # the worst first
_STYLES: dict[str, str] = {
    "met": "green",
    "on_track": "green",
    "behind": "yellow",
    "missed": "bold red",
    "unknown": "magenta",
    "not_started": "dim",
    "no_target": "dim",
    "in_progress": "cyan",
    "partial": "dim",
}


@dataclass(slots=True)
class Table:
    title: str
    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)
    states: list[str | None] = field(
        default_factory=list
    )  # the status code of each row, for colour
    right: frozenset[int] = frozenset()  # columns of numbers
    state_column: int | None = None
    footer: str | None = None
    optional: frozenset[int] = frozenset()  # columns a narrow terminal may leave out
    optional_note: str | None = None  # says so, when they are left out


@dataclass(frozen=True, slots=True)
class Section:
    """A heading (a project, or the portfolio), a line under it, and its tables."""

    heading: str
    subheading: str | None
    tables: tuple[Table, ...]


# --- cells ---------------------------------------------------------------------------------------


def state_word(state: str, lang: Lang) -> str:
    """A status (`met`, `behind`, …) or a period's state (`in_progress`, `partial`) in words."""
    key = f"status_{state}" if state in STATUSES else f"cell_{state}"
    return label(key, lang)


def quantity(value: float | None, unit: str, lang: Lang, *, decimals: int = 2) -> str:
    return "" if value is None else format_quantity(value, unit, lang, decimals=decimals)


def _dimension_name(project: Project | None, dimension: str, lang: Lang) -> str:
    declared = project.dimensions.get(dimension) if project is not None else None
    if declared is not None:
        name = declared.name_en if lang == "en" and declared.name_en else declared.name
        if name:
            return name
    key = f"export_col_{dimension}"
    from ..core.i18n import LABELS  # noqa: PLC0415  # the standard dimensions are named there

    return label(key, lang) if key in LABELS else dimension


def target_text(
    target: Target | None,
    unit: str,
    lang: Lang,
    *,
    dimension_name: str | None = None,
    deadline: dt.date | None = None,
    project_end: dt.date | None = None,
) -> str:
    """`≥ 3 000 óra`, `≤ 25%`, `1–2 db`, `≥ 64 óra havonta`, `≥ 1 ülés havonta, Csapat szerint`.

    Without `dimension_name` the per-group part is left out (a single group's target)."""
    if target is None:
        return ""
    if target.min is not None and target.max is not None:
        low = format_number(target.min, lang)
        text = f"{low}–{quantity(target.max, unit, lang)}"
    elif target.min is not None:
        text = f"≥ {quantity(target.min, unit, lang)}"
    else:
        text = f"≤ {quantity(target.max, unit, lang)}"
    if target.per is not None:
        text += " " + label(f"export_per_{target.per}", lang)
    if dimension_name is not None:
        text += ", " + label("status_per_group", lang, name=dimension_name)
    if deadline is not None and deadline != project_end:
        text += f" ({label('status_deadline', lang, date=format_date(deadline, lang))})"
    return text


def _cells_met(cells: Sequence[PeriodResult | GroupResult]) -> tuple[int, int]:
    judged = [cell.met for cell in cells if cell.met is not None]
    return judged.count(True), len(judged)


def percent_text(item: IndicatorStatus, lang: Lang) -> str:
    """Percent of the target; for rate and per-group targets, the share of judged cells met."""
    if item.percent is None:
        return ""
    text = format_percent(item.percent, lang)
    target = item.target
    if target is not None and target.per is not None:
        met, judged = _cells_met(item.groups or item.periods)
        key = "status_cells_met" if item.groups else "status_periods_met"
        text += f" ({label(key, lang, met=met, judged=judged)})"
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
    word = state_word(item.status, lang)
    return f"{word} ({label(f'status_note_{item.note}', lang)})" if item.note else word


def _date_or_unknown(value: dt.date | None, lang: Lang) -> str:
    return "?" if value is None else format_date(value, lang)


# --- tables --------------------------------------------------------------------------------------


def summary_table(
    results: Sequence[ProjectStatus], lang: Lang, group_by: str | None = None
) -> Table:
    """One line per project: how many indicators stand how; grouped by a metadata field if asked."""
    grouping = group_by is not None
    headers: list[str] = [
        *([group_by] if group_by is not None else []),
        label("export_col_project", lang).capitalize(),
        label("status_col_indicators", lang),
        *(state_word(status, lang) for status in STATUSES),
    ]
    offset = 1 if grouping else 0
    table = Table(
        label("status_portfolio", lang, as_of=format_date(results[0].as_of, lang))
        if results
        else "",
        headers,
        right=frozenset(range(offset + 1, len(headers))),
    )

    def add(first: list[str], counts: Mapping[Status, int], total: int) -> None:
        table.rows.append([*first, str(total), *(str(counts[status]) for status in STATUSES)])
        worst = next((status for status in _PROBLEMS if counts[status]), None)
        table.states.append(worst)

    if not grouping:
        for result in results:
            add([result.id], result.counts(), len(result.indicators))
        return table
    assert group_by is not None
    none = label("status_not_recorded", lang)
    groups: dict[str, list[ProjectStatus]] = {}
    for result in results:
        groups.setdefault(result.metadata.get(group_by, none), []).append(result)
    for name in sorted(groups, key=lambda text: (text == none, text)):
        members = groups[name]
        for result in members:
            add([name, result.id], result.counts(), len(result.indicators))
        if len(members) > 1:
            totals: dict[Status, int] = {
                status: sum(result.counts()[status] for result in members) for status in STATUSES
            }
            add(
                [name, label("status_total", lang)],
                totals,
                sum(len(result.indicators) for result in members),
            )
    return table


def indicator_table(
    result: ProjectStatus, project: Project | None, lang: Lang, items: Sequence[IndicatorStatus]
) -> Table:
    headers = [
        label(f"status_col_{key}", lang)
        for key in ("indicator", "actual", "target", "percent", "expected", "forecast", "status")
    ]
    table = Table(
        "", headers, right=frozenset({1, 3, 4, 5}), state_column=6,
        optional=frozenset({4, 5}), optional_note=label("status_columns_hidden", lang),
    )
    for item in items:
        dimension = item.target.per_group if item.target is not None else None
        table.rows.append(
            [
                item.display_name(lang),
                actual_text(item, lang),
                target_text(
                    item.target,
                    item.unit,
                    lang,
                    dimension_name=_dimension_name(project, dimension, lang) if dimension else None,
                    deadline=item.deadline,
                    project_end=result.end,
                ),
                percent_text(item, lang),
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
        label(f"status_col_{key}", lang)
        for key in ("indicator", "period", "group", "actual", "target")
    ]
    table = Table(label("status_shortfalls", lang), headers, right=frozenset({3}))
    hidden = 0
    for item in items:
        cells = item.shortfalls()
        for cell in cells[:MAX_SHORTFALLS]:
            group = cell.group if isinstance(cell, GroupResult) else ""
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


def breakdown_table(
    items: Sequence[IndicatorStatus], project: Project | None, lang: Lang
) -> Table | None:
    with_parts = [item for item in items if item.breakdown is not None]
    if not with_parts:
        return None
    dimension = with_parts[0].breakdown.dimension if with_parts[0].breakdown else ""
    name = _dimension_name(project, dimension, lang)
    table = Table(
        label("status_breakdown", lang, dimension=name),
        [label("status_col_indicator", lang), name, label("status_col_actual", lang)],
        right=frozenset({2}),
    )
    for item in with_parts:
        assert item.breakdown is not None
        first = item.display_name(lang)
        for part in item.breakdown.items:
            value = part.value if part.value is not None else label("status_not_recorded", lang)
            table.rows.append([first, value, quantity(part.actual, item.unit, lang)])
            table.states.append(None)
            first = ""
        table.rows.append(
            [first, label("status_total", lang), quantity(item.actual, item.unit, lang)]
        )
        table.states.append(None)
    return table


def sections(
    results: Sequence[ProjectStatus],
    projects: Sequence[Project | None],
    lang: Lang,
    *,
    group_by: str | None = None,
    only_problems: bool = False,
) -> list[Section]:
    """The whole report: the portfolio summary (several projects), then each project's tables."""
    parts: list[Section] = []
    if len(results) > 1 or group_by is not None:
        summary = summary_table(results, lang, group_by)
        parts.append(Section(summary.title, None, (summary,)))
        summary.title = ""
    for result, project in zip(results, projects, strict=True):
        items = [item for item in result.indicators if item.is_problem or not only_problems]
        if only_problems and not items:
            continue
        tables = [indicator_table(result, project, lang, items)]
        tables.extend(
            table
            for table in (shortfall_table(items, lang), breakdown_table(items, project, lang))
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


# --- writers -------------------------------------------------------------------------------------


def _escaped(text: str, fmt: TextFormat) -> str:
    return text if fmt == "plain" else text.replace("|", "\\|").replace("\n", " ")


def as_text(parts: Sequence[Section], fmt: TextFormat) -> str:
    """Plain text (tabulate's `simple`), Markdown (`pipe`) or GitHub tables; no ANSI codes."""
    from tabulate import tabulate  # noqa: PLC0415

    blocks: list[str] = []
    for section in parts:
        if fmt == "plain":
            blocks.append(f"{section.heading}\n{'=' * len(section.heading)}")
        else:
            blocks.append(f"## {_escaped(section.heading, fmt)}")
        if section.subheading:
            blocks.append(section.subheading)
        for table in section.tables:
            if table.title:
                blocks.append(
                    table.title if fmt == "plain" else f"### {_escaped(table.title, fmt)}"
                )
            blocks.append(
                tabulate(
                    [[_escaped(cell, fmt) for cell in row] for row in table.rows],
                    headers=[_escaped(header, fmt) for header in table.headers],
                    tablefmt=_TABULATE_FORMATS[fmt],
                    disable_numparse=True,
                    colalign=[
                        "right" if index in table.right else "left"
                        for index in range(len(table.headers))
                    ],
                )
            )
            if table.footer:
                blocks.append(table.footer)
    return "\n\n".join(blocks) + "\n"


NAME_MIN_WIDTH = 22


def _natural_width(table: Table, columns: Sequence[int]) -> int:
    """The narrowest the table can be drawn: names may wrap down to NAME_MIN_WIDTH."""

    def width(index: int) -> int:
        widest = max([len(table.headers[index]), *(len(row[index]) for row in table.rows)])
        return min(widest, NAME_MIN_WIDTH) if index == 0 else widest

    return sum(width(index) + 3 for index in columns)


def _columns_that_fit(table: Table, width: int | None) -> tuple[list[int], bool]:
    """All columns, or without the optional ones when the table is wider than the terminal."""
    columns = list(range(len(table.headers)))
    if width is None or not table.optional or _natural_width(table, columns) <= width:
        return columns, False
    return [index for index in columns if index not in table.optional], True


def _as_blocks(table: Table, columns: Sequence[int]) -> list[RenderableType]:
    """A table too wide for the terminal even without its optional columns: one block a row,
    the name and status word on the first line, the other cells labelled on the second."""
    from rich.text import Text  # noqa: PLC0415

    blocks: list[RenderableType] = [Text(table.title, style="bold")] if table.title else []
    state_column = table.state_column
    for row, state in zip(table.rows, table.states, strict=True):
        first = Text(row[0], style="bold")
        if state_column is not None and row[state_column]:
            first.append(" — ")
            first.append(row[state_column], style=_STYLES.get(state or "", ""))
        details = " · ".join(
            f"{table.headers[index]}: {row[index]}"
            for index in columns
            if index not in {0, state_column} and row[index]
        )
        blocks += [first, Text("    " + details, style="dim")] if details else [first]
    return blocks


def as_rich(parts: Sequence[Section], width: int | None = None) -> list[RenderableType]:
    """Rich tables for a terminal `width` wide: the status word of each row coloured."""
    from rich import box  # noqa: PLC0415
    from rich.table import Table as RichTable  # noqa: PLC0415
    from rich.text import Text  # noqa: PLC0415

    renderables: list[RenderableType] = []
    for section in parts:
        renderables.append(Text(section.heading, style="bold"))
        if section.subheading:
            renderables.append(Text(section.subheading, style="dim"))
        for table in section.tables:
            columns, narrowed = _columns_that_fit(table, width)
            notes = (table.footer, table.optional_note if narrowed else None)
            if width is not None and _natural_width(table, columns) > width:
                renderables += _as_blocks(table, columns)
                renderables += [Text(note, style="dim") for note in notes if note]
                continue
            drawn = RichTable(title=table.title or None, title_justify="left", box=box.SIMPLE_HEAD)
            for index in columns:
                # numbers and status words are never broken (their column is as wide as its
                # widest cell, only the header may wrap); names wrap between words but keep a
                # readable width on a narrow terminal
                widest = max((len(row[index]) for row in table.rows), default=0)
                unbroken = index in table.right or index == table.state_column
                drawn.add_column(
                    table.headers[index],
                    justify="right" if index in table.right else "left",
                    min_width=widest if unbroken else min(widest, NAME_MIN_WIDTH),
                )
            for row, state in zip(table.rows, table.states, strict=True):
                style = _STYLES.get(state or "", "")
                cells = {index: Text(row[index]) for index in columns}
                if state is not None:
                    column = table.state_column if table.state_column is not None else 0
                    cells[column].stylize(style)
                drawn.add_row(*cells.values())
            renderables.append(drawn)
            renderables += [Text(note, style="dim") for note in notes if note]
        renderables.append(Text(""))
    return renderables
