"""render/charts.py: chart data → inline SVG (matplotlib), deterministic and embeddable."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from szaktar_cli.compute.charts import (
    Bar,
    Bars,
    BreakdownBars,
    BurnUp,
    CheckpointMark,
    GroupGrid,
    Point,
    PortfolioBars,
    PortfolioRow,
    Share,
)
from szaktar_cli.render.svg_charts import is_wide, render_svg
from szaktar_cli.render.words import period_label

BURNUP = BurnUp(
    indicator_id="hours",
    unit="hour",
    start=dt.date(2010, 12, 31),
    end=dt.date(2011, 12, 31),
    as_of=dt.date(2011, 3, 15),
    target_min=100,
    target_max=None,
    actual=(
        Point(dt.date(2010, 12, 31), 0),
        Point(dt.date(2011, 1, 31), 10),
        Point(dt.date(2011, 2, 28), 25),
        Point(dt.date(2011, 3, 15), 30),
    ),
    expected=(Point(dt.date(2010, 12, 31), 0), Point(dt.date(2011, 12, 31), 100)),
    forecast=(Point(dt.date(2011, 3, 15), 30), Point(dt.date(2011, 12, 31), 148.6)),
    checkpoints=(CheckpointMark(dt.date(2011, 6, 30), 50, "not_due"),),
)
BARS = Bars(
    "monthly",
    "hour",
    "period",
    8,
    None,
    (
        Bar("2011-01", 8, "met"),
        Bar("2011-02", 3, "missed"),
        Bar("2011-03", 2, "in_progress"),
        Bar("2011-04", None, "not_due"),
    ),
)
GRID = GroupGrid(
    "teams",
    "meeting",
    "team",
    1,
    None,
    ("2011-Q1", "2011-Q2"),
    ("T1", "T2"),
    ((1, None), (0, None)),
    (("met", "not_due"), ("missed", "not_due")),
)
BREAKDOWN = BreakdownBars("hours", "hour", "county", (Share("Csongrád", 20), Share(None, 5)))
PORTFOLIO = PortfolioBars(
    "region",
    (
        PortfolioRow("Dél-Alföld", "a", (("met", 2), ("behind", 1))),
        PortfolioRow("", "b", (("not_started", 3),)),
    ),
)


def _texts(svg: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", text) for text in re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S)
    ]


@pytest.mark.parametrize("chart", [BURNUP, BARS, GRID, BREAKDOWN, PORTFOLIO], ids=lambda c: c.kind)
def test_svg_is_embeddable_and_deterministic(chart: object) -> None:
    svg = render_svg(chart, "p--x", "en")  # type: ignore[arg-type]
    assert svg.startswith("<svg ")
    assert svg.endswith("</svg>")
    assert 'role="img" aria-labelledby="p--x-caption"' in svg
    assert not re.search(r'<svg[^>]* width="', svg)  # scales to its container (viewBox only)
    assert "<metadata>" not in svg
    assert "<?xml" not in svg
    assert "<!DOCTYPE" not in svg
    assert render_svg(chart, "p--x", "en") == svg  # type: ignore[arg-type]


def test_two_charts_on_one_page_do_not_share_ids() -> None:
    first = set(re.findall(r'\sid="([^"]+)"', render_svg(BURNUP, "a--hours", "en")))
    second = set(re.findall(r'\sid="([^"]+)"', render_svg(BURNUP, "b--hours", "en")))
    assert first
    assert not first & second


def test_burnup_words_and_numbers_are_text_in_the_language() -> None:
    texts = _texts(render_svg(BURNUP, "x", "hu"))
    assert "tény (halmozott)" in texts
    assert "elvárt ütem" in texts
    assert "előrejelzés" in texts
    assert "cél: 100 óra" in texts
    assert "ellenőrzőpont: még nem esedékes" in texts
    assert "állapot: 2011. márc. 15." in texts
    assert "30" in texts  # the latest actual, written at the end of the line


def test_bars_say_how_each_period_stands() -> None:
    texts = _texts(render_svg(BARS, "x", "en"))
    assert texts.count("✓") == 1
    assert texts.count("✗") == 1
    for word in ("met", "missed", "in progress", "not yet due", "target: 8 hours"):
        assert word in texts
    assert "Jan 2011" in texts


def test_grid_writes_every_judged_cell() -> None:
    texts = _texts(render_svg(GRID, "x", "hu"))
    assert texts.count("1") >= 1
    assert "0" in texts
    assert "2011. I. n.év" in texts
    assert {"T1", "T2", "teljesült", "elmaradt", "még nem esedékes"} <= set(texts)
    # every cell of every kind that is judged or running shows its figure ("–": none), row by
    # row, between the groups' names and the legend; a period still to come shows nothing
    grid = GroupGrid(
        "teams", "meeting", "team", 1, None, ("2011-Q1", "2011-Q2", "2011-Q3"), ("T1", "T2", "T3"),
        ((11, 4.5, None), (0, None, None), (2, 3, None)),
        (("met", "in_progress", "not_due"), ("missed", "partial", "not_due"),
         ("met", "missed", "not_due")),
    )
    texts = _texts(render_svg(grid, "x", "hu"))
    cells = texts[texts.index("T3") + 1 : texts.index("teljesült")]
    assert cells == ["11", "4,5", "0", "–", "2", "3"]


def test_breakdown_and_portfolio_labels() -> None:
    assert {"Csongrád", "not recorded", "20", "5"} <= set(_texts(render_svg(BREAKDOWN, "x", "en")))
    texts = _texts(render_svg(PORTFOLIO, "x", "en"))
    assert {"Dél-Alföld", "no region", "a", "b", "met", "behind", "not started"} <= set(texts)


@pytest.mark.parametrize(
    ("period", "lang", "shown"),
    [
        ("2011-03", "hu", "2011. márc."),
        ("2011-03", "en", "Mar 2011"),
        ("2011-Q2", "hu", "2011. II. n.év"),
        ("2011-Q2", "en", "Q2 2011"),
        ("2011-H1", "hu", "2011. I. félév"),
        ("2011-H2", "en", "H2 2011"),
        ("2011", "en", "2011"),
    ],
)
def test_period_labels(period: str, lang: str, shown: str) -> None:
    assert period_label(period, lang) == shown  # type: ignore[arg-type]


def test_wide_charts() -> None:
    assert is_wide(GRID)
    assert is_wide(PORTFOLIO)
    assert not is_wide(BARS)
    assert is_wide(
        Bars("m", "hour", "period", 1, None, tuple(Bar(f"{n}", 1, "met") for n in range(17)))
    )
    assert not is_wide(BURNUP)


def test_names_are_text_whatever_they_contain() -> None:
    chart = BreakdownBars("x", "hour", "place", (Share("Kis$Falu & <Nagy>", 3),))
    svg = render_svg(chart, "x", "en")
    assert "Kis$Falu &amp; &lt;Nagy&gt;" in svg
