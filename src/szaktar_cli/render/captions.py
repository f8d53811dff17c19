"""What a chart says in words: its target, and the chart in one sentence (its caption in the
report, its title and summary in the terminal)."""

from __future__ import annotations

from ..compute.charts import Bars, BreakdownBars, BurnUp, Chart, GroupGrid
from ..compute.results import IndicatorStatus
from ..core.i18n import Lang, format_number
from ..core.labels import format_quantity, label
from ..core.model import Project
from .words import dimension_name, target_text, with_amendment


def indicator_target(project: Project, indicator: IndicatorStatus, lang: Lang) -> str:
    """`legalább 3 000 óra`, `at least 64 hours per month, for each team`, `… by 31 Aug 2012`,
    and what an amendment changed (`… (amended 15 Jun 2011; originally at least 3,000 hours)`)."""
    target = indicator.target
    if target is None:
        return "–"
    group = target.per_group
    text = target_text(
        target,
        indicator.unit,
        lang,
        words=True,
        dimension_name=dimension_name(project, group, lang) if group is not None else None,
        deadline=target.by,
    )
    return with_amendment(text, indicator, lang, words=True)


def chart_summary(chart: Chart, indicator: IndicatorStatus, lang: Lang) -> str:
    """The chart in one sentence: for readers who do not see it, and for everyone's first glance."""
    unit = indicator.unit
    if isinstance(chart, BurnUp):
        if indicator.expected_to_date is None and indicator.forecast is None:
            text = label(
                "report_actual_summary", lang, actual=_plain_quantity(indicator.actual, unit, lang)
            )
        else:
            text = label(
                "report_burnup_summary",
                lang,
                actual=_plain_quantity(indicator.actual, unit, lang),
                expected=_plain_quantity(indicator.expected_to_date, unit, lang),
                forecast=_plain_quantity(indicator.forecast, unit, lang),
            )
        judged = [point.state for point in chart.checkpoints if point.state in ("met", "missed")]
        if judged:
            met = judged.count("met")
            text += " " + label("report_checkpoints_summary", lang, met=met, judged=len(judged))
        return text
    if isinstance(chart, Bars) and chart.axis == "group":
        bars = (*chart.bars, *chart.folded)  # every group, drawn or folded into "others"
        met = sum(1 for bar in bars if bar.status == "met")
        return label("report_groups_summary", lang, met=met, count=len(bars))
    if isinstance(chart, Bars | GroupGrid):
        if isinstance(chart, Bars):
            states = [bar.status for bar in chart.bars]
        else:
            rows = (*chart.statuses, *(row.statuses for row in chart.folded))
            states = [state for row in rows for state in row]
        met, missed, running = (states.count(name) for name in ("met", "missed", "in_progress"))
        extra = label("report_cells_in_progress", lang, count=running) if running else ""
        key = "report_grid_summary" if isinstance(chart, GroupGrid) else "report_cells_summary"
        return label(key, lang, met=met, judged=met + missed, in_progress=extra)
    return ""


def _plain_quantity(value: float | None, unit: str, lang: Lang) -> str:
    return "–" if value is None else format_quantity(value, unit, lang, decimals=1)


def folded_note(chart: Chart, lang: Lang) -> str:
    """What a chart of many groups leaves out of drawing one by one ("" when it draws all)."""
    if not isinstance(chart, Bars | GroupGrid | BreakdownBars) or not chart.folded:
        return ""
    key = "chart_folded_largest" if isinstance(chart, BreakdownBars) else "chart_folded_behind"
    drawn = len(chart.groups if isinstance(chart, GroupGrid) else _named(chart))
    return label(
        key, lang, shown=format_number(drawn, lang), count=format_number(len(chart.folded), lang)
    )


def _named(chart: Bars | BreakdownBars) -> list[object]:
    """The groups drawn one by one (what is not recorded is no group)."""
    if isinstance(chart, Bars):
        return list(chart.bars)
    return [share for share in chart.items if share.value is not None]


def others_name(count: int, lang: Lang) -> str:
    """The bar (grid row) of the groups folded together: `others (2 975)`."""
    return label("chart_others", lang, count=format_number(count, lang))
