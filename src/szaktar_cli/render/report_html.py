"""The board report: one self-contained HTML page (inline CSS, charts as inline SVG).

Nothing on the page asks another host for anything: a Content-Security-Policy forbids it,
so the file works offline, opened from an e-mail attachment. A few lines of inline script
record any script or resource error into the page (`data-errors` on <html>), which the
browser test reads back. The page and its style live in templates/report.html and .css.

Every status is written as a word with a symbol; colour only repeats it.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
from collections.abc import Mapping, Sequence
from functools import cache
from html import escape
from importlib.resources import files
from itertools import groupby
from string import Template

from ..compute.charts import (
    Bars,
    BreakdownBars,
    CategoryBars,
    Chart,
    GroupGrid,
    PortfolioBars,
    ProjectCharts,
    portfolio,
)
from ..compute.results import GroupResult, IndicatorStatus, PeriodResult, ProjectStatus
from ..core.i18n import Lang, format_date, format_number, format_percent, localised
from ..core.labels import format_quantity, label
from ..core.model import Project, Unknown
from ..core.statuses import LOOKS, NOTE_WORDS, State, Status
from .captions import chart_summary, folded_note, indicator_target
from .svg_charts import is_wide, render_svg
from .words import (
    bounds_text,
    breakdown_name,
    dimension_name,
    pace_text,
    partial_note,
    period_label,
)


@cache
def _template(name: str) -> str:
    return files("szaktar_cli").joinpath("templates", name).read_text(encoding="utf-8")


def _policy(page: str) -> str:
    """The page's Content-Security-Policy: nothing from elsewhere, no <base> and no form that
    could send anything; the page's one inline script is allowed by its sha256 (an injected
    one would not run), its inline style as a style."""
    script = re.search(r"<script>(.*?)</script>", page, re.DOTALL)
    assert script is not None, "templates/report.html holds its script"
    digest = base64.b64encode(hashlib.sha256(script.group(1).encode("utf-8")).digest()).decode()
    return (f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; "
            "img-src data:; base-uri 'none'; form-action 'none'")


def el(tag: str, *children: str, **attributes: str | int | None) -> str:
    """An HTML element. Children are HTML already; attribute values are escaped here.

    `class_` gives `class`, `data_kind` gives `data-kind`; None leaves an attribute out.
    """
    attrs = "".join(
        f' {name.rstrip("_").replace("_", "-")}="{escape(str(value))}"'
        for name, value in attributes.items()
        if value is not None
    )
    return f"<{tag}{attrs}>{''.join(children)}</{tag}>"


def text(value: str) -> str:
    return escape(value)


def render_report(
    reports: Sequence[tuple[Project, ProjectCharts]], as_of: dt.date, lang: Lang
) -> str:
    """The whole page: a portfolio overview when there are several projects, then each project."""
    several = len(reports) > 1
    body = []
    if several:
        overview = portfolio([charts.status for _, charts in reports])
        body.append(_portfolio_section(overview, [c.status for _, c in reports], as_of, lang))
        order = {row.project_id: index for index, row in enumerate(overview.rows)}
        reports = sorted(reports, key=lambda report: order[report[0].id])  # as the overview
    body.extend(_project_section(project, charts, lang) for project, charts in reports)
    as_of_text = label("report_as_of", lang, date=format_date(as_of, lang))
    if several:
        as_of_text += " · " + label("report_project_count", lang, count=len(reports))
    page = _template("report.html")
    return Template(page).substitute(
        policy=_policy(page),
        lang=lang,
        title=text(label("report_title", lang)),
        kicker=text(label("report_kicker", lang)),
        as_of=text(as_of_text),
        contents=_contents(reports, lang) if several else "",
        style=_template("report.css"),
        body="\n".join(body),
        footer=text(label("report_generated_by", lang, date=format_date(as_of, lang))),
    )


def _contents(reports: Sequence[tuple[Project, ProjectCharts]], lang: Lang) -> str:
    links = [el("li", el("a", text(label("report_portfolio", lang)), href="#portfolio"))]
    links += [
        el("li", el("a", text(charts.status.display_title(lang)), href=f"#p-{project.id}"))
        for project, charts in reports
    ]
    return el("nav", el("ol", *links), class_="contents", aria_label=label("report_contents", lang))


def _head(*columns: tuple[str, bool], lang: Lang) -> str:
    """A table head: (label key, numeric column)."""
    cells = [
        el("th", text(label(key, lang)), scope="col", class_="num" if numeric else None)
        for key, numeric in columns
    ]
    return el("thead", el("tr", *cells))


# --- Portfolio -------------------------------------------------------------------------------


def _portfolio_section(
    chart: PortfolioBars, statuses: Sequence[ProjectStatus], as_of: dt.date, lang: Lang
) -> str:
    by_id = {status.id: status for status in statuses}
    rows = []
    for group, members in groupby(chart.rows, key=lambda row: row.group):
        name = group or label("report_region_none", lang)
        rows.append(el("tr", el("th", text(name), colspan=4, scope="rowgroup"), class_="group"))
        for row in members:
            status = by_id[row.project_id]
            link = el("a", text(status.display_title(lang)), href=f"#p-{status.id}")
            rows.append(
                el(
                    "tr",
                    el("td", link, el("span", text(status.id), class_="note")),
                    el("td", _period_text(status.start, status.end, lang)),
                    el("td", str(sum(count for _, count in row.counts)), class_="num"),
                    el("td", _status_badges(dict(row.counts), lang)),
                )
            )
    head = _head(
        ("report_col_project", False),
        ("report_period", False),
        ("report_col_targets", True),
        ("report_col_status", False),
        lang=lang,
    )
    field = label("report_col_region", lang) if chart.field == "region" else chart.field
    title = label("report_portfolio_chart", lang, field=field)
    intro = label(
        "report_portfolio_intro", lang, count=len(statuses), date=format_date(as_of, lang)
    )
    return el(
        "section",
        el("h2", text(label("report_portfolio", lang))),
        el("p", text(intro), class_="subtitle"),
        el("table", head, el("tbody", *rows)),
        el("div", _figure(chart, "portfolio-chart", title, "", lang), class_="charts"),
        class_="card",
        id="portfolio",
    )


def _status_badges(counts: Mapping[Status, int], lang: Lang) -> str:
    badges = [_status_badge(status, lang, count) for status, count in counts.items() if count]
    return el("div", *badges, class_="summary-badges") if badges else "–"


def _status_badge(status: State, lang: Lang, count: int | None = None) -> str:
    look = LOOKS[status]
    word = label(look.word, lang)
    symbol = el("span", look.symbol, class_="symbol", aria_hidden="true")
    return el(
        "span",
        symbol,
        text(word if count is None else f"{count} {word}"),
        class_=f"status status-{status}",
        data_status=status,
    )


# --- One project -----------------------------------------------------------------------------


def _project_section(project: Project, charts: ProjectCharts, lang: Lang) -> str:
    status = charts.status
    other_title = project.title if lang == "en" and project.title_en else project.title_en
    targeted = [indicator for indicator in status.indicators if indicator.target is not None]
    tracked = [indicator for indicator in status.indicators if indicator.target is None]
    counts: dict[Status, int] = {
        name: count for name, count in status.counts().items() if name != "no_target"
    }
    by_id = {indicator.id: indicator for indicator in status.indicators}
    parts = [
        el("h2", text(status.display_title(lang))),
        el("p", text(other_title), class_="subtitle") if other_title else "",
        _header_facts(project, lang),
        _status_badges(counts, lang),
    ]
    if targeted:
        parts.append(el("h3", text(label("report_indicators", lang))))
        parts.append(_indicator_table(project, targeted, lang))
        if any(indicator.milestones for indicator in targeted):
            parts.append(el("h3", text(label("status_milestones", lang))))
            parts.append(_milestone_table(targeted, lang))
    if tracked:
        summary = el("summary", text(label("report_tracked", lang, count=len(tracked))))
        parts.append(el("details", summary, _indicator_table(project, tracked, lang, tracked=True)))
    if charts.charts:
        figures = [
            _indicator_figure(project, by_id[c.indicator_id], c, lang) for c in charts.charts
        ]
        parts.append(el("h3", text(label("report_charts", lang))))
        parts.append(el("div", *figures, class_="charts"))
    if charts.breakdowns:
        figures = [
            _breakdown_figure(project, by_id[c.indicator_id], c, lang) for c in charts.breakdowns
        ]
        parts.append(el("h3", text(label("report_breakdowns", lang))))
        parts.append(el("div", *figures, class_="charts"))
    if project.facts:
        parts.append(_facts_table(project, lang))
    return el(
        "section",
        *(part for part in parts if part),
        class_="card project",
        id=f"p-{project.id}",
        data_project=project.id,
    )


def _header_facts(project: Project, lang: Lang) -> str:
    grant = project.grant
    items: list[tuple[str, str]] = []
    if grant is not None:
        reference = text(grant.reference) if grant.reference else _unknown(lang)
        items.append(("report_reference", reference))
        if grant.programme:
            items.append(("report_programme", text(grant.programme)))
        items.append(
            ("report_amount", _amount(grant.amount, grant.currency, grant.funding_rate, lang))
        )
    items.append(("report_lead", text(project.lead) if project.lead else _unknown(lang)))
    items.append(("report_period", _period_text(project.start, project.end, lang)))
    partners = ""
    if project.partners:
        count = label("report_partner_count", lang, count=len(project.partners))
        items.append(("report_partners", text(count)))
        names = el("ul", *(el("li", text(name)) for name in project.partners))
        partners = el("details", el("summary", text(label("report_partners", lang))), names)
    cells = [el("div", el("dt", text(label(key, lang))), el("dd", value)) for key, value in items]
    return el("dl", *cells, class_="facts") + partners


def _unknown(lang: Lang, reason: str | None = None) -> str:
    return el("span", text(label("report_unknown", lang)), class_="unknown", title=reason)


def _amount(
    amount: float | Unknown | None, currency: str, rate: float | Unknown | None, lang: Lang
) -> str:
    if amount is None or isinstance(amount, Unknown):
        return _unknown(lang, amount.unknown if amount else None)
    if currency == "HUF":
        shown = format_quantity(amount, "HUF", lang, decimals=0)
    else:
        shown = f"{format_number(amount, lang, decimals=0)} {currency}"
    if isinstance(rate, float | int):
        shown += " " + label("report_funding_rate", lang, rate=format_percent(rate, lang))
    return text(shown)


def _period_text(start: object, end: object, lang: Lang) -> str:
    def one(value: object) -> str:
        if isinstance(value, dt.date):
            return text(format_date(value, lang))
        return _unknown(lang, value.unknown if isinstance(value, Unknown) else None)

    return f"{one(start)} – {one(end)}"


def _indicator_table(
    project: Project, indicators: Sequence[IndicatorStatus], lang: Lang, *, tracked: bool = False
) -> str:
    columns = [("report_col_indicator", False), ("report_col_actual", True)]
    if not tracked:
        columns += [
            ("report_col_target", False),
            ("status_col_pace", False),
            ("report_col_expected", True),
            ("report_col_forecast", True),
            ("report_col_progress", True),
            ("report_col_status", False),
        ]
    rows = []
    for indicator in indicators:
        name = text(indicator.display_name(lang)) + _indicator_note(indicator, lang)
        cells = [
            el("th", name, scope="row"),
            el("td", _quantity(indicator.actual, indicator.unit, lang), class_="num"),
        ]
        if not tracked:
            cells += [
                el("td", text(indicator_target(project, indicator, lang))),
                el("td", text(pace_text(indicator.pace, lang)) or "–"),
                el("td", _quantity(indicator.expected_to_date, indicator.unit, lang), class_="num"),
                el("td", _quantity(indicator.forecast, indicator.unit, lang), class_="num"),
                el("td", _progress(indicator, lang), class_="num"),
                el("td", _status_badge(indicator.status, lang)),
            ]
        rows.append(el("tr", *cells, data_indicator=indicator.id))
    return el("table", _head(*columns, lang=lang), el("tbody", *rows), class_="indicators")


def _milestone_table(indicators: Sequence[IndicatorStatus], lang: Lang) -> str:
    """Each checkpoint, judged on its own day: the value then against its bounds."""
    head = _head(
        ("report_col_indicator", False),
        ("status_col_checkpoint", False),
        ("report_col_actual", True),
        ("report_col_target", False),
        ("report_col_status", False),
        lang=lang,
    )
    rows = [
        el(
            "tr",
            el("th", text(indicator.display_name(lang)), scope="row"),
            el("td", text(format_date(point.date, lang))),
            el("td", _quantity(point.actual, indicator.unit, lang), class_="num"),
            el("td", text(bounds_text(point.min, point.max, indicator.unit, lang, words=True))),
            el("td", _status_badge(point.state, lang)),
            data_indicator=indicator.id,
            data_checkpoint=point.date.isoformat(),
        )
        for indicator in indicators
        for point in indicator.milestones
    ]
    return el("table", head, el("tbody", *rows), class_="indicators milestones")


def _indicator_note(indicator: IndicatorStatus, lang: Lang) -> str:
    notes = []
    if indicator.done_on is not None:
        notes.append(label("report_done_on", lang, date=format_date(indicator.done_on, lang)))
    if indicator.note is not None:
        notes.append(label(NOTE_WORDS[indicator.note], lang))
    return "".join(el("span", text(note), class_="note") for note in notes)


def _quantity(value: float | None, unit: str, lang: Lang) -> str:
    return "–" if value is None else text(format_quantity(value, unit, lang, decimals=1))


def _progress(indicator: IndicatorStatus, lang: Lang) -> str:
    """The share of the target reached (of the periods or cells met, for a rate target)."""
    percent = indicator.percent
    if percent is None:
        return "–"
    width = max(0.0, min(100.0, percent))
    bar = el("div", el("span", style=f"width:{width:.0f}%"), class_="bar", aria_hidden="true")
    shown = text(format_percent(percent, lang, decimals=0))
    if indicator.groups and not indicator.periods:  # a cumulative target per group: all count
        cells: Sequence[PeriodResult | GroupResult] = indicator.groups
        key = "status_groups_met"
    else:
        cells = [c for c in (indicator.groups or indicator.periods) if c.met is not None]
        key = "report_group_periods_met" if indicator.groups else "status_periods_met"
    partial = partial_note(indicator, lang)
    notes = [el("span", text(partial), class_="note")] if partial else []
    if cells:
        met = sum(1 for cell in cells if cell.met)
        counted = label(key, lang, met=met, judged=len(cells))
        notes.insert(0, el("span", text(counted), class_="note"))
    return el("div", bar, shown, class_="progress") + "".join(notes)


# --- Figures ---------------------------------------------------------------------------------


def _indicator_figure(
    project: Project, indicator: IndicatorStatus, chart: Chart, lang: Lang
) -> str:
    summary = (
        _status_badge(indicator.status, lang) + " " + text(chart_summary(chart, indicator, lang))
    )
    chart_id = f"{project.id}--{indicator.id}"
    return _figure(chart, chart_id, indicator.display_name(lang), summary, lang)


def _breakdown_figure(
    project: Project, indicator: IndicatorStatus, chart: BreakdownBars | CategoryBars, lang: Lang
) -> str:
    if isinstance(chart, CategoryBars):
        by, name, empty = chart.breakdown, breakdown_name(project, chart.breakdown, lang), ""
    else:
        by, name = chart.dimension, dimension_name(project, chart.dimension, lang)
        empty = ", ".join(chart.empty)
    title = label(
        "report_breakdown_title", lang, indicator=indicator.display_name(lang), dimension=name
    )
    summary = text(label("report_breakdown_empty", lang, values=empty)) if empty else ""
    return _figure(chart, f"{project.id}--{indicator.id}--by-{by}", title, summary, lang)


def _figure(chart: Chart, chart_id: str, title: str, summary_html: str, lang: Lang) -> str:
    caption = el(
        "figcaption",
        el("strong", text(title)),
        el("span", summary_html, class_="summary"),
        id=f"{chart_id}-caption",
    )
    return el(
        "figure",
        caption,
        render_svg(chart, chart_id, lang),
        _folded_table(chart, lang),
        class_="chart wide" if is_wide(chart) else "chart",
        id=chart_id,
        data_kind=chart.kind,
    )


def _folded_table(chart: Chart, lang: Lang) -> str:
    """Under a chart that folds groups into "others": a note, and every group in a table."""
    note = folded_note(chart, lang)
    if not note or not isinstance(chart, Bars | GroupGrid | BreakdownBars):
        return ""
    rows: list[tuple[str, list[str]]]  # a group's name, and its cells (HTML)
    if isinstance(chart, Bars):
        columns = [label("report_col_actual", lang), label("report_col_status", lang)]
        rows = [
            (bar.label, [_quantity(bar.value, chart.unit, lang), _status_badge(bar.status, lang)])
            for bar in (*chart.bars, *chart.folded)
        ]
    elif isinstance(chart, GroupGrid):
        columns = [period_label(period, lang) for period in chart.periods]
        every = (
            *zip(chart.groups, chart.values, strict=True),
            *((row.group, row.values) for row in chart.folded),
        )
        rows = [
            (group, [_quantity(value, chart.unit, lang) for value in values])
            for group, values in every
        ]
    else:
        columns = [label("report_col_actual", lang)]
        rows = [
            (
                label("chart_not_recorded", lang) if share.value is None else share.value,
                [_quantity(share.amount, chart.unit, lang)],
            )
            for share in (*chart.items, *chart.folded)
        ]
    names = [label("report_col_group", lang), *columns]
    head = el("thead", el("tr", *(el("th", text(name), scope="col") for name in names)))
    body = el(
        "tbody",
        *(
            el("tr", el("th", text(name), scope="row"), *(el("td", cell) for cell in cells))
            for name, cells in rows
        ),
    )
    total = format_number(len(rows), lang)
    summary = el("summary", text(label("report_folded_table", lang, total=total)))
    note += " " + label("chart_folded_table", lang, total=total)
    return el("p", text(note), class_="note") + el(
        "details", summary, el("table", head, body, class_="groups")
    )


def _facts_table(project: Project, lang: Lang) -> str:
    rows = []
    for fact in project.facts:
        name = localised(fact.label, fact.label_en, lang)
        if isinstance(fact.value, Unknown):
            value = _unknown(lang, fact.value.unknown)
        else:
            value = text(format_quantity(fact.value, fact.unit, lang))
        times = text(label("report_times", lang, count=fact.times)) if fact.times else ""
        rows.append(
            el(
                "tr",
                el("th", text(name), el("span", text(fact.source), class_="note"), scope="row"),
                el("td", value, class_="num"),
                el("td", times),
            )
        )
    heading = el("h3", text(label("report_facts", lang)))
    return heading + el("table", el("tbody", *rows), class_="facts-table")
