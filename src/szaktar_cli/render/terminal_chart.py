"""Chart data → text for the terminal: plotext for burn-ups and bars, a symbol grid for groups.

The same text with or without colour: every line and bar is told apart by its glyph and
every judged period by its symbol (✓ ✗ …), and a legend in words follows the chart, so
the output piped into a file or an e-mail reads as well as on a terminal.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Any

import plotext

from ..compute.charts import Bars, BurnUp, Chart, GroupGrid, Point
from ..compute.results import IndicatorStatus
from ..core.i18n import Lang, format_date, format_month, format_number
from ..core.labels import format_quantity, label
from ..core.model import Project
from ..core.periods import periods_between
from ..core.statuses import CHART_STATES, LOOKS, ChartState
from .captions import chart_summary, folded_note, indicator_target, others_name
from .words import checkpoint_legend, expected_legend, period_label

# plotext glyphs and colours of each line (the glyphs carry the meaning, colour repeats it)
_ACTUAL = ("braille", "blue")
_EXPECTED = ("·", "gray")
_FORECAST = ("-", "cyan")
_CHECKPOINT = ("◆", "yellow")  # not due yet (or unknown)
_CHECKPOINTS = {"met": ("✓", "green"), "missed": ("✗", "red")}
_TARGET_STYLE = "dotted"


def chart_title(project: Project, status: IndicatorStatus, chart: Chart, lang: Lang) -> str:
    """The indicator, its target and status on one line; the chart in a sentence under it."""
    title = " · ".join(
        part
        for part in (
            status.display_name(lang),
            indicator_target(project, status, lang) if status.target else "",
            label(LOOKS[status.status].word, lang),
        )
        if part and part != "–"
    )
    summary = chart_summary(chart, status, lang)
    return f"{title}\n{summary}" if summary else title


def render_chart(
    chart: Chart, title: str, lang: Lang, *, width: int, height: int, color: bool
) -> str:
    """The chart as text: a title line, the plot, a legend line in words."""
    if isinstance(chart, BurnUp):
        body, legend = _burnup(chart, lang, width, height, color)
    elif isinstance(chart, Bars):
        body, legend = _bars(chart, lang, width, height, color)
    elif isinstance(chart, GroupGrid):
        body, legend = _grid(chart, lang), _cell_legend(_statuses(chart), lang)
    else:
        raise TypeError(f"no terminal chart for {chart.kind}")
    note = folded_note(chart, lang)
    return f"{title}\n\n{body.rstrip()}\n\n{legend}\n" + (f"{note}\n" if note else "")


def _figure(width: int, height: int) -> Any:
    plotext.terminal.limit(width=False, height=False)  # the size asked for, not the one detected
    figure = plotext.figure
    figure.clear()
    figure.plot_size(width, height)
    figure.theme("clear")
    return figure


def _marker(glyph: str, colour: str) -> Any:
    return plotext.marker(glyph, colour)


def _text(figure: Any, color: bool) -> str:
    matrix = figure.build()
    return str(matrix.string(colorless=not color))


def nice_ticks(top: float, count: int = 5) -> list[float]:
    """0 and round steps (1, 2, 2.5 or 5 × 10ⁿ) up to at least `top`."""
    if top <= 0:
        return [0.0, 1.0]
    rough = top / count
    magnitude = 10 ** math.floor(math.log10(rough))
    step = next(factor * magnitude for factor in (1, 2, 2.5, 5, 10) if factor * magnitude >= rough)
    return [round(step * index, 12) for index in range(math.ceil(top / step - 1e-9) + 1)]


def _y_axis(figure: Any, values: Sequence[float], lang: Lang) -> None:
    ticks = nice_ticks(max(values, default=0))
    ruler = figure.ruler("y")
    ruler.lim(0, ticks[-1])
    ruler.ticks(ticks, [format_number(tick, lang, decimals=1) for tick in ticks])


def _burnup(chart: BurnUp, lang: Lang, width: int, height: int, color: bool) -> tuple[str, str]:
    figure = _figure(width, height)

    def days(day: dt.date) -> int:
        return (day - chart.start).days

    def draw(points: Sequence[Point], marker: tuple[str, str]) -> None:
        known = [point for point in points if point.value is not None]
        if known:
            signal = figure.signal(
                [days(p.date) for p in known],
                [p.value for p in known],
                marker=_marker(*marker),
            )
            figure.draw(signal.lines())

    legend = []
    if chart.expected:
        draw(chart.expected, _EXPECTED)
        legend.append(f"{_EXPECTED[0]} {expected_legend(chart.pace, lang)}")
    if chart.forecast:
        draw(chart.forecast, _FORECAST)
        legend.append(f"{_FORECAST[0]} {label('chart_forecast', lang)}")
    draw(chart.actual, _ACTUAL)
    legend.insert(0, f"⣿ {label('chart_actual', lang)}")
    for state in dict.fromkeys(point.state for point in chart.checkpoints):
        points = [point for point in chart.checkpoints if point.state == state]
        glyph = _CHECKPOINTS.get(state, _CHECKPOINT)
        figure.draw(
            figure.signal(
                [days(p.date) for p in points], [p.value for p in points], marker=_marker(*glyph)
            )
        )
        legend.append(f"{glyph[0]} {checkpoint_legend(state, lang)}")
    for bound, key in ((chart.target_min, "chart_target"), (chart.target_max, "chart_target_max")):
        if bound is not None:
            figure.line(bound, style=_TARGET_STYLE, pixel="red")
            legend.append(f"┈ {label(key, lang, value=format_quantity(bound, chart.unit, lang))}")
    if chart.start <= chart.as_of <= chart.end:
        figure.line(days(chart.as_of), orientation="v", style=_TARGET_STYLE)
        legend.append(f"┊ {label('chart_as_of', lang, date=format_date(chart.as_of, lang))}")
    months = periods_between(chart.start + dt.timedelta(days=1), chart.end, "month")
    every = max(1, math.ceil(len(months) / max(2, width // 16)))
    shown = months[::every]
    figure.ruler("x").lim(0, days(chart.end))
    figure.ruler("x").ticks(
        [days(span.start) for span in shown],
        [format_month(span.start, lang) for span in shown],
    )
    values = [
        p.value for p in (*chart.actual, *chart.expected, *chart.forecast) if p.value is not None
    ]
    _y_axis(figure, [*values, chart.target_min or 0, chart.target_max or 0], lang)
    return _text(figure, color), "   ".join(legend)


def _bars(chart: Bars, lang: Lang, width: int, height: int, color: bool) -> tuple[str, str]:
    figure = _figure(width, height)
    positions = list(range(1, len(chart.bars) + 1))
    values = [bar.value or 0 for bar in chart.bars]
    markers = [_marker(*LOOKS[bar.status].marker) for bar in chart.bars]
    figure.draw(figure.bar(positions, values, marker=markers, width=0.7))
    names = [
        period_label(bar.label, lang) if chart.axis == "period" else bar.label for bar in chart.bars
    ]
    if chart.folded:  # a sum of many groups, not judged: its number, not a bar to dwarf the rest
        positions.append(len(positions) + 1)
        names.append(others_name(len(chart.folded), lang))
        others = format_number(chart.others() or 0, lang)
        figure.draw(figure.text(positions[-1], 0, f"Σ {others}", alignment="center"))
    for position, bar in enumerate(chart.bars, start=1):
        if bar.status not in ("not_due", "not_started"):
            figure.draw(
                figure.text(position, bar.value or 0, LOOKS[bar.status].symbol, alignment="center")
            )
    legend = []
    for bound, key in ((chart.target_min, "chart_target"), (chart.target_max, "chart_target_max")):
        if bound is not None:
            figure.line(bound, style=_TARGET_STYLE, pixel="red")
            legend.append(f"┈ {label(key, lang, value=format_quantity(bound, chart.unit, lang))}")
    every = max(1, math.ceil(len(names) / max(2, width // 14)))
    figure.ruler("x").lim(0.4, len(positions) + 0.6)
    figure.ruler("x").ticks(positions[::every], names[::every])
    _y_axis(figure, [*values, chart.target_min or 0, chart.target_max or 0], lang)
    statuses = [bar.status for bar in chart.bars]
    return _text(figure, color), "   ".join([*legend, _cell_legend(statuses, lang)])


def _statuses(chart: GroupGrid) -> list[ChartState]:
    return [status for row in chart.statuses for status in row]


def _cell_legend(statuses: Sequence[ChartState], lang: Lang) -> str:
    shown = [state for state in CHART_STATES if state in statuses]
    return "   ".join(f"{LOOKS[state].symbol} {_legend_word(state, lang)}" for state in shown)


def _legend_word(state: ChartState, lang: Lang) -> str:
    key = LOOKS[state].legend
    assert key is not None  # every state of a chart has its word in a legend
    return label(key, lang)


def _grid(chart: GroupGrid, lang: Lang) -> str:
    """One row per group, one symbol per period; a column header every few periods."""
    others = [others_name(len(chart.folded), lang)] if chart.folded else []
    name_width = max((len(name) for name in (*chart.groups, *others)), default=0) + 2
    header = " " * name_width + "".join(_column_mark(period) for period in chart.periods)
    rows = [
        (
            group.ljust(name_width) + "".join(f"{LOOKS[status].symbol}  " for status in statuses)
        ).rstrip()
        for group, statuses in zip(chart.groups, chart.statuses, strict=True)
    ]
    if chart.folded:  # summed, not judged: numbers where the groups have symbols
        sums = "  ".join("–" if value is None else format_number(value, lang, decimals=1)
                         for value in chart.others())
        rows.append(f"{others[0].ljust(name_width)}{sums}")
    first, last = chart.periods[0], chart.periods[-1]
    span = f"{period_label(first, lang)} – {period_label(last, lang)}"
    return "\n".join([span, header.rstrip(), *rows])


def _column_mark(period: str) -> str:
    """The number of a period in its year (month 1–12, quarter 1–4, half 1–2), 3 columns wide."""
    number = period.partition("-")[2].lstrip("QH") or "1"
    return f"{int(number):<3d}"
