"""Charts of many groups (issue 18, item 16): a chart draws at most MAX_GROUPS groups, the rest
as one "others (K)" bar of their values summed, with a note; the report's tables keep every
group; so a project of thousands of teams and places makes a report of bounded size.

The projects are generated (benchmarks/hostile.py's `write_groups`, which its benchmark case
measures at 3 000 teams × 6 000 places): one session in each place, the teams in turn.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from benchmark_scripts import load_script
from szaktar_cli.checks.workspace import load_workspace
from szaktar_cli.cli.main import main
from szaktar_cli.compute.charts import (
    MAX_GROUPS,
    Bars,
    BreakdownBars,
    GroupGrid,
    ProjectCharts,
    as_json,
    project_charts,
)
from szaktar_cli.render.captions import folded_note
from szaktar_cli.render.svg_charts import render_svg

AS_OF = "2011-12-31"


def _charts(root: Path, teams: int, places: int) -> ProjectCharts:
    load_script("hostile").write_groups(root, teams, places)
    workspace = load_workspace([root], dt.date.fromisoformat(AS_OF))
    assert not workspace.has_errors()
    loaded = workspace.projects[0]
    assert loaded.project is not None
    return project_charts(loaded.project, loaded.entries(), dt.date.fromisoformat(AS_OF))


def _chart(charts: ProjectCharts, indicator_id: str, kind: type) -> object:
    every = (*charts.charts, *charts.breakdowns)
    return next(c for c in every if c.indicator_id == indicator_id and isinstance(c, kind))


@pytest.fixture(scope="module")
def one_too_many(tmp_path_factory: pytest.TempPathFactory) -> ProjectCharts:
    """MAX_GROUPS + 1 teams; 60 places: the first 8 teams (of 26) get 3 sessions, the rest 2."""
    return _charts(tmp_path_factory.mktemp("groups"), MAX_GROUPS + 1, 60)


def test_a_chart_of_one_group_too_many_draws_the_most_behind_and_others(
    one_too_many: ProjectCharts,
) -> None:
    chart = _chart(one_too_many, "sessions_per_team", Bars)
    assert isinstance(chart, Bars)
    assert len(chart.bars) == MAX_GROUPS
    assert len(chart.folded) == 1
    # at least 3 each: the 18 teams of 2 sessions are behind, drawn first; of the 8 that met
    # it, 7 are drawn and the last one folded: the "others" bar is its 3 sessions
    assert [bar.value for bar in chart.bars] == [2] * 18 + [3] * 7
    assert {bar.status for bar in chart.bars[:18]} == {"missed"}
    assert chart.others() == 3
    assert sum(bar.value or 0 for bar in chart.bars) + (chart.others() or 0) == 60
    assert as_json(chart)["folded"] == [{"label": "T0007", "value": 3, "status": "met"}]


def test_a_grid_of_one_group_too_many_sums_the_folded_row_in_each_period(
    one_too_many: ProjectCharts,
) -> None:
    grid = _chart(one_too_many, "sessions_per_team_quarterly", GroupGrid)
    assert isinstance(grid, GroupGrid)
    assert len(grid.groups) == MAX_GROUPS
    assert len(grid.folded) == 1
    for column in range(len(grid.periods)):
        drawn = sum(row[column] or 0 for row in grid.values)
        assert drawn + (grid.others()[column] or 0) == 15  # 60 places, 5 a month
    assert grid.others() == grid.folded[0].values


def test_a_breakdown_of_many_places_draws_the_largest_and_sums_the_rest(
    one_too_many: ProjectCharts,
) -> None:
    places = _chart(one_too_many, "sessions", BreakdownBars)
    assert isinstance(places, BreakdownBars)
    assert len(places.items) == MAX_GROUPS
    assert len(places.folded) == 60 - MAX_GROUPS
    assert places.others() == 60 - MAX_GROUPS  # one session in each place


def test_a_chart_of_at_most_max_groups_is_drawn_whole(tmp_path: Path) -> None:
    charts = _charts(tmp_path, MAX_GROUPS, 50)
    chart = _chart(charts, "sessions_per_team", Bars)
    assert isinstance(chart, Bars)
    assert [bar.label for bar in chart.bars] == [f"T{number:04d}" for number in range(MAX_GROUPS)]
    assert not chart.folded
    assert "folded" not in as_json(chart)  # the goldens of such charts are as they were
    assert folded_note(chart, "en") == ""


def test_the_note_says_what_is_folded_in_both_languages(one_too_many: ProjectCharts) -> None:
    chart = _chart(one_too_many, "sessions_per_team", Bars)
    places = _chart(one_too_many, "sessions", BreakdownBars)
    assert folded_note(chart, "en") == (
        "The 25 groups most behind are drawn one by one; the other 1 together, as "
        "“others (1)”, their values summed."
    )
    assert folded_note(chart, "hu") == (
        "A rajz a 25 leginkább lemaradt csoportot egyenként mutatja, a többi 1 csoportot "
        "együtt, „egyéb (1)” néven, az értékeik összegével."
    )
    assert folded_note(places, "en") == (
        "The 25 largest are drawn one by one; the other 35 together, as “others (35)”, "
        "their amounts summed."
    )
    assert folded_note(places, "hu") == (
        "A rajz a 25 legnagyobbat egyenként mutatja, a többi 35 értéket együtt, „egyéb (35)” "
        "néven, az összegükkel."
    )
    assert isinstance(chart, Bars)
    assert ">egyéb (1)<" in render_svg(chart, "c", "hu")
    assert ">others (1)<" in render_svg(chart, "c", "en")


def test_the_terminal_chart_shows_others_and_the_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], one_too_many: ProjectCharts
) -> None:
    root = tmp_path / "projects"
    load_script("hostile").write_groups(root, MAX_GROUPS + 1, 60)
    for indicator in ("sessions_per_team", "sessions_per_team_quarterly"):
        code = main(["chart", "groups", indicator, "--projects", str(root), "--as-of", AS_OF,
                     "--lang", "en"])
        assert code == 0
        out = capsys.readouterr().out
        assert "others (1)" in out
        assert out.rstrip().endswith("their values summed.")
    lines = out.splitlines()
    grid = _chart(one_too_many, "sessions_per_team_quarterly", GroupGrid)
    assert isinstance(grid, GroupGrid)
    sums = next(line for line in lines if line.startswith("others (1)")).split()[2:]
    assert sums == [str(round(value or 0)) for value in grid.others()]


def test_a_report_of_3000_teams_and_6000_places_is_bounded_and_lists_every_group(
    tmp_path: Path,
) -> None:
    root = tmp_path / "projects"
    load_script("hostile").write_groups(root, 3000, 6000)
    output = tmp_path / "report.html"
    code = main(["report", "--projects", str(root), "--as-of", AS_OF, "--lang", "en",
                 "-o", str(output)])
    assert code == 0
    page = output.read_text(encoding="utf-8")
    assert len(page.encode()) < 3_000_000  # 28 MB when every group was drawn
    figure = page[page.index('id="groups--sessions_per_team"'):]
    figure = figure[:figure.index("</figure>")]
    teams = re.findall(r'<tr><th scope="row">(T\d{4})</th>', figure)
    assert sorted(teams) == [f"T{number:04d}" for number in range(3000)]
    assert "The table under the chart lists all 3,000." in figure
    places = page[page.index('id="groups--sessions--by-place"'):]
    places = places[:places.index("</figure>")]
    assert len(re.findall(r'<tr><th scope="row">H\d{5}</th>', places)) == 6000


def test_the_docs_name_the_cap() -> None:
    """docs/commands.md gives the number of groups a chart draws (report and chart)."""
    docs = (Path(__file__).parent.parent / "docs" / "commands.md").read_text(encoding="utf-8")
    report = docs[docs.index("## `szaktar report`"):docs.index("## `szaktar chart`")]
    chart = docs[docs.index("## `szaktar chart`"):docs.index("## `szaktar close`")]
    assert f"at most **{MAX_GROUPS} groups**" in report
    assert f"a chart draws at most {MAX_GROUPS} groups" in chart
