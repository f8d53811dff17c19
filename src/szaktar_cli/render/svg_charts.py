"""Chart data → inline SVG, drawn by matplotlib.

Deterministic output: a fixed hash salt per chart (unique ids when several SVGs share a
page), text kept as text (`svg.fonttype: none`, so the page's DOM holds the labels), and
no date in the metadata. matplotlib is slow to load: only `szaktar report` imports this module.

Colour never carries meaning alone: lines differ in style and are named in the legend;
missed periods are hatched and every grid cell shows its number; the page repeats each
status in words.
"""

# ruff: noqa: E402 (matplotlib is imported after its logger is silenced, and the backend chosen)
from __future__ import annotations

import io
import logging
import math
import re
import warnings
from collections.abc import Callable, Iterable
from typing import Any

# matplotlib speaks to the console through its logger ("building the font cache", a temporary
# cache directory, a font not found) and through warnings (see render_svg). What it says is no
# use to szaktar's user, and stderr is for the diagnostics: its log goes nowhere, from its
# import on (the cache messages come while it is imported).
logging.getLogger("matplotlib").addHandler(logging.NullHandler())
logging.getLogger("matplotlib").propagate = False

import matplotlib

matplotlib.use("Agg")  # no display: SVG only

from matplotlib.axes import Axes  # after the backend is chosen
from matplotlib.collections import PatchCollection
from matplotlib.dates import AutoDateLocator, num2date
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ..compute.charts import (
    Bars,
    BreakdownBars,
    BurnUp,
    CategoryBars,
    Chart,
    GroupGrid,
    Point,
    PortfolioBars,
)
from ..core.i18n import Lang, format_date, format_month, format_number, localised
from ..core.labels import format_quantity, label
from ..core.statuses import CHART_STATES, LOOKS, TARGET_STATUSES, ChartState
from .captions import others_name
from .words import checkpoint_legend, expected_legend, period_label

# Okabe–Ito hues (distinguishable with the common colour-vision deficiencies); the colours of
# each state (a bar, a cell) are its Look in core/statuses.py.
ACTUAL = "#0072B2"
TARGET = "#1f2937"
EXPECTED = "#6b7280"
FORECAST = "#56B4E9"
CHECKPOINT = "#E69F00"
OTHERS = "#d1d5db"  # the groups folded into one bar: not judged, so no state's colour

# Figure widths match the page's columns (a chart in a half column, a wide one across the
# card), so that the 10 pt text of every chart shows at about the page's own text size.
WIDTH_IN = 5.2
WIDE_WIDTH_IN = 10.9
_STYLE: dict[Any, Any] = {  # matplotlib rcParams
    "svg.fonttype": "none",
    "text.parse_math": False,  # a "$" in a place or team name is text, not TeX
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#9ca3af",
    "axes.labelcolor": "#374151",
    "axes.grid": True,
    "axes.axisbelow": True,
    "grid.color": "#e5e7eb",
    "grid.linewidth": 0.8,
    "xtick.color": "#374151",
    "ytick.color": "#374151",
    "legend.frameon": False,
    "hatch.color": "#ffffff",
    "hatch.linewidth": 0.8,
}

# Matplotlib numbers its groups (figure_1, axes_1 …) afresh in every SVG; on a page with
# many charts those ids would repeat, and nothing refers to them.
_GROUP_ID = re.compile(r' id="[A-Za-z][\w.]*_\d+"')
_PROLOGUE = re.compile(r"\A.*?(?=<svg)", re.DOTALL)
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.DOTALL)
_SIZE = re.compile(r' width="[\d.]+pt" height="[\d.]+pt"')


def render_svg(chart: Chart, chart_id: str, lang: Lang) -> str:
    """One chart as an `<svg>` element to inline in HTML (it scales to its container)."""
    # matplotlib's warnings are dropped, as its log is: the SVG keeps text as text, which the
    # browser draws with its own fonts, so a glyph missing from matplotlib's font (CJK, an
    # emoji, Fraktur) is missing from nothing shown, and no other is the user's to act on.
    with (
        warnings.catch_warnings(action="ignore"),
        matplotlib.rc_context({**_STYLE, "svg.hashsalt": f"szaktar:{chart_id}"}),
    ):
        width = WIDE_WIDTH_IN if is_wide(chart) else WIDTH_IN
        figure = Figure(figsize=(width, _height(chart)), layout="constrained")
        _DRAW[chart.kind](figure, chart, lang)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = _PROLOGUE.sub("", buffer.getvalue(), count=1)
    svg = _SIZE.sub(
        f' class="chart-svg" role="img" aria-labelledby="{chart_id}-caption"', svg, count=1
    )
    return _METADATA.sub("", _GROUP_ID.sub("", svg), count=1).strip()


def is_wide(chart: Chart) -> bool:
    """Charts that need the whole width of the page: grids, the portfolio, many bars."""
    return isinstance(chart, GroupGrid | PortfolioBars) or (
        isinstance(chart, Bars) and len(chart.bars) > 16
    )


def _height(chart: Chart) -> float:
    if isinstance(chart, PortfolioBars):
        return 1.0 + 0.3 * (len(chart.rows) + len({row.group for row in chart.rows}))
    if isinstance(chart, GroupGrid):
        return 1.6 + 0.24 * (len(chart.groups) + bool(chart.folded))
    if isinstance(chart, BreakdownBars | CategoryBars):
        return 0.9 + 0.3 * len(_parts(chart, "en"))
    return 3.4


def _number_axis(axis: Any, lang: Lang, *, whole: bool = False) -> None:
    """Locale-formatted ticks; whole numbers only for counts (no `0,5 meetings`)."""
    axis.set_major_locator(MaxNLocator(nbins=6, min_n_ticks=2 if whole else 3, integer=whole))
    axis.set_major_formatter(FuncFormatter(lambda value, _: format_number(value, lang, decimals=1)))


def _target_lines(ax: Axes, chart: BurnUp | Bars, lang: Lang) -> list[Any]:
    lines = []
    for bound, key in ((chart.target_min, "chart_target"), (chart.target_max, "chart_target_max")):
        if bound is not None:
            text = label(key, lang, value=format_quantity(bound, chart.unit, lang))
            lines.append(ax.axhline(bound, color=TARGET, linestyle="-.", linewidth=1.4, label=text))
    return lines


def _xy(points: tuple[Point, ...]) -> tuple[list[Any], list[float]]:
    """Dates and values as matplotlib takes them (an unknown value leaves a gap)."""
    return [point.date for point in points], [
        _NAN if point.value is None else point.value for point in points
    ]


_NAN = float("nan")


# A judged checkpoint's marker: its shape says how it stands without colour (a diamond: not due).
_CHECKPOINT_MARKERS: dict[str, str] = {"met": "P", "missed": "X"}


def _draw_burnup(figure: Figure, chart: Chart, lang: Lang) -> None:
    assert isinstance(chart, BurnUp)
    ax: Axes = figure.add_subplot()
    paces = ((chart.expected, EXPECTED, ":", expected_legend(chart.pace, lang)),
             (chart.forecast, FORECAST, "--", label("chart_forecast", lang)))
    for points, colour, style, shown in paces:
        if points:
            ax.plot(*_xy(points), color=colour, linestyle=style, linewidth=2, label=shown)
    _target_lines(ax, chart, lang)
    for state in dict.fromkeys(point.state for point in chart.checkpoints):
        points = tuple(Point(p.date, p.value) for p in chart.checkpoints if p.state == state)
        ax.plot(
            *_xy(points),
            linestyle="none",
            marker=_CHECKPOINT_MARKERS.get(state, "D"),
            markersize=8,
            color=CHECKPOINT if state not in _CHECKPOINT_MARKERS else LOOKS[state].fill,
            markeredgecolor=TARGET,
            label=checkpoint_legend(state, lang),
        )
    dates, values = _xy(chart.actual)
    ax.plot(
        dates,
        values,
        color=ACTUAL,
        linewidth=2.6,
        marker="o",
        markersize=3.5,
        label=label("chart_actual", lang),
    )
    known = [point for point in chart.actual if point.value is not None]
    if known:
        last = known[-1]
        ax.annotate(
            format_number(last.value or 0, lang),
            (last.date, last.value or 0),
            xytext=(4, 6),
            textcoords="offset points",
            color=ACTUAL,
            fontweight="bold",
        )
    if chart.start <= chart.as_of <= chart.end:
        ax.axvline(chart.as_of, color="#9ca3af", linewidth=1)  # type: ignore[arg-type]
        ax.annotate(
            label("chart_as_of", lang, date=format_date(chart.as_of, lang)),
            (chart.as_of, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(-3, -2),
            textcoords="offset points",
            ha="right",
            va="top",
            color="#4b5563",
            fontsize=8,
        )
    ax.set_xlim(chart.start, chart.end)  # type: ignore[arg-type]
    everything = [*values, *(_xy(chart.forecast)[1]), chart.target_min or 0, chart.target_max or 0]
    top = max((value for value in everything if not math.isnan(value)), default=0)
    ax.set_ylim(0, (top or 1) * 1.12)
    locator = AutoDateLocator(minticks=3, maxticks=5)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: _month_tick(x, lang)))
    _number_axis(ax.yaxis, lang, whole=chart.unit not in _FRACTIONAL_UNITS)
    figure.legend(loc="outside lower center", ncols=3, fontsize=9)


def _month_tick(number: float, lang: Lang) -> str:
    return format_month(num2date(number).date(), lang)  # type: ignore[no-untyped-call]


_BACKING = {"boxstyle": "round,pad=0.15", "linewidth": 0}

# Units whose amounts are not counted one by one.
_FRACTIONAL_UNITS = frozenset({"hour", "percent", "HUF", "day"})


def _status_patches(statuses: Iterable[ChartState], lang: Lang) -> list[Any]:
    present = set(statuses)
    shown = [state for state in CHART_STATES if state in present]
    return [
        Patch(
            facecolor=LOOKS[state].fill,
            hatch=LOOKS[state].hatch,
            edgecolor=_edge(state),
            label=label(LOOKS[state].legend or LOOKS[state].word, lang),
        )
        for state in shown
    ]


def _edge(state: ChartState) -> str:
    return "#9ca3af" if state in ("not_due", "partial") else LOOKS[state].fill


# The states whose symbol a bar carries: judged bars say how they stand without colour.
_MARKED: frozenset[ChartState] = frozenset({"met", "missed", "behind"})


def _draw_bars(figure: Figure, chart: Chart, lang: Lang) -> None:
    assert isinstance(chart, Bars)
    ax: Axes = figure.add_subplot()
    positions = list(range(len(chart.bars)))
    for position, bar in zip(positions, chart.bars, strict=True):
        ax.bar(
            position,
            bar.value or 0,
            width=0.75,
            color=LOOKS[bar.status].fill,
            hatch=LOOKS[bar.status].hatch,
            edgecolor=_edge(bar.status),
            linewidth=0.8,
        )
        if bar.status in _MARKED:  # even at zero height
            ax.annotate(
                LOOKS[bar.status].symbol,
                (position, bar.value or 0),
                xytext=(0, 2),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=8,
                color=LOOKS[bar.status].fill,
                fontweight="bold",
            )
    handles = _target_lines(ax, chart, lang) + _status_patches(
        (bar.status for bar in chart.bars), lang
    )
    names = [
        period_label(bar.label, lang) if chart.axis == "period" else bar.label for bar in chart.bars
    ]
    if chart.folded:
        # not judged, and a sum of many groups: it would dwarf the others' bars and the
        # target's line, so its number is written on it and the axis ends above the rest
        others = chart.others() or 0
        ax.bar(len(positions), others, width=0.75, color=OTHERS, edgecolor=EXPECTED,
               linewidth=0.8)
        ax.annotate(format_number(others, lang), (len(positions), 1.0),
                    xycoords=("data", "axes fraction"), xytext=(0, -2),
                    textcoords="offset points", ha="center", va="top", fontsize=8,
                    rotation=90, color=TARGET)
        positions.append(len(positions))
        names.append(others_name(len(chart.folded), lang))
    crowded = len(positions) > 8
    ax.set_xticks(
        positions,
        names,
        rotation=60 if crowded else 0,
        ha="right" if crowded else "center",
        rotation_mode="anchor",
        fontsize=8,
    )
    ax.grid(visible=False, axis="x")
    ax.set_xlim(-0.6, len(positions) - 0.4)
    top = max(
        [bar.value or 0 for bar in chart.bars] + [chart.target_min or 0, chart.target_max or 0]
    )
    ax.set_ylim(0, (top or 1) * 1.12)
    _number_axis(ax.yaxis, lang, whole=chart.unit not in _FRACTIONAL_UNITS)
    columns = 5 if is_wide(chart) else 3
    figure.legend(
        handles=handles, loc="outside upper left", fontsize=9, ncols=min(len(handles), columns)
    )


def _draw_grid(figure: Figure, chart: Chart, lang: Lang) -> None:
    assert isinstance(chart, GroupGrid)
    ax: Axes = figure.add_subplot()
    cells: dict[ChartState, list[Rectangle]] = {}
    for row, (values, statuses) in enumerate(zip(chart.values, chart.statuses, strict=True)):
        for column, (value, status) in enumerate(zip(values, statuses, strict=True)):
            cells.setdefault(status, []).append(Rectangle((column, row), 1, 1))
            if status != "not_due":
                text = "–" if value is None else format_number(value, lang, decimals=1)
                ax.text(
                    column + 0.5,
                    row + 0.5,
                    text,
                    ha="center",
                    va="center",
                    fontsize=7,
                    color=LOOKS[status].ink,
                    fontweight="bold",
                    # on a hatched cell the number gets a plain backing to stay legible
                    bbox=_BACKING | {"facecolor": LOOKS[status].fill}
                    if LOOKS[status].hatch
                    else None,
                    in_layout=False,  # inside the axes: no need to measure hundreds of labels
                )
    for status, rectangles in cells.items():  # one collection per state: fast, and a small SVG
        ax.add_collection(
            PatchCollection(
                rectangles,
                facecolor=LOOKS[status].fill,
                hatch=LOOKS[status].hatch or None,
                edgecolor="#ffffff",
                linewidth=1.2,
            ),
            autolim=False,
        )
    names = list(chart.groups)
    if chart.folded:  # the groups folded into one row: their sums, not judged
        row = len(names)
        names.append(others_name(len(chart.folded), lang))
        for column, value in enumerate(chart.others()):
            text = "–" if value is None else format_number(value, lang, decimals=1)
            ax.text(column + 0.5, row + 0.5, text, ha="center", va="center", fontsize=7,
                    color=TARGET, fontweight="bold", in_layout=False)
        squares = [Rectangle((column, row), 1, 1) for column in range(len(chart.periods))]
        ax.add_collection(
            PatchCollection(squares, facecolor=OTHERS, edgecolor="#ffffff", linewidth=1.2),
            autolim=False,
        )
    ax.set_xlim(0, len(chart.periods))
    ax.set_ylim(len(names), 0)
    crowded = len(chart.periods) > 8
    ax.set_xticks(
        [column + 0.5 for column in range(len(chart.periods))],
        [period_label(period, lang) for period in chart.periods],
        rotation=60 if crowded else 0,
        ha="right" if crowded else "center",
        rotation_mode="anchor",
        fontsize=8,
    )
    ax.set_yticks([row + 0.5 for row in range(len(names))], names, fontsize=8)
    ax.tick_params(length=0)
    ax.grid(visible=False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    handles = _status_patches((status for row in chart.statuses for status in row), lang)
    figure.legend(handles=handles, loc="outside upper left", ncols=len(handles), fontsize=9)


def _parts(chart: BreakdownBars | CategoryBars, lang: Lang) -> list[tuple[str, float]]:
    """The bars of a breakdown, named: by a dimension, its values (largest first) and what is
    not recorded; by the categories of a breakdown within entries, each category in the order
    declared, then the rest and what is not recorded."""
    not_recorded = label("chart_not_recorded", lang)
    if isinstance(chart, BreakdownBars):
        parts = [
            (not_recorded if item.value is None else item.value, item.amount)
            for item in chart.items
        ]
        if chart.folded:
            parts.append((others_name(len(chart.folded), lang), chart.others()))
        return parts
    parts = [
        (localised(name, name_en, lang), item.amount)
        for item, (name, name_en) in zip(chart.items, chart.names, strict=True)
    ]
    if chart.other is not None:
        parts.append((label("chart_no_category", lang), chart.other))
    if chart.not_recorded is not None:
        parts.append((not_recorded, chart.not_recorded))
    return parts


def _draw_breakdown(figure: Figure, chart: Chart, lang: Lang) -> None:
    assert isinstance(chart, BreakdownBars | CategoryBars)
    ax: Axes = figure.add_subplot()
    names, amounts = zip(*_parts(chart, lang), strict=True)
    bars = ax.barh(range(len(names)), amounts, color=ACTUAL, height=0.65)
    ax.bar_label(
        bars, labels=[format_number(amount, lang) for amount in amounts], padding=3, fontsize=9
    )
    ax.set_yticks(range(len(names)), names)
    ax.invert_yaxis()
    ax.grid(visible=False, axis="y")
    ax.margins(x=0.12)
    _number_axis(ax.xaxis, lang, whole=chart.unit not in _FRACTIONAL_UNITS)


def _draw_portfolio(figure: Figure, chart: Chart, lang: Lang) -> None:
    """Stacked bars: one row per project, under a bold header row per group (region)."""
    assert isinstance(chart, PortfolioBars)
    ax: Axes = figure.add_subplot()
    names: list[str] = []
    headers: list[int] = []
    group: str | None = None
    for row in chart.rows:
        if row.group != group:
            group = row.group
            headers.append(len(names))
            names.append(group or label("report_region_none", lang))
        left = 0
        for status, count in row.counts:
            if count:
                ax.barh(
                    len(names),
                    count,
                    left=left,
                    height=0.7,
                    color=LOOKS[status].fill,
                    hatch=LOOKS[status].hatch,
                    edgecolor="#ffffff",
                    linewidth=0.8,
                )
                left += count
        names.append(row.project_id)
    ax.set_yticks(range(len(names)), names, fontsize=8)
    for index in headers:
        ax.get_yticklabels()[index].set_fontweight("bold")
    ax.set_ylim(len(names) - 0.5, -0.5)
    ax.tick_params(axis="y", length=0)
    ax.grid(visible=False, axis="y")
    _number_axis(ax.xaxis, lang, whole=True)
    ax.set_xlabel(label("report_targets_axis", lang), fontsize=9)

    shown = [
        status
        for status in TARGET_STATUSES
        if any(dict(row.counts).get(status) for row in chart.rows)
    ]
    handles = [
        Patch(
            facecolor=LOOKS[status].fill,
            hatch=LOOKS[status].hatch,
            edgecolor="#ffffff",
            label=label(LOOKS[status].word, lang),
        )
        for status in shown
    ]
    figure.legend(handles=handles, loc="outside upper left", ncols=min(len(handles), 6), fontsize=9)


_DRAW: dict[str, Callable[[Figure, Chart, Lang], None]] = {
    "portfolio": _draw_portfolio,
    "burnup": _draw_burnup,
    "bars": _draw_bars,
    "grid": _draw_grid,
    "breakdown": _draw_breakdown,
    "categories": _draw_breakdown,
}
