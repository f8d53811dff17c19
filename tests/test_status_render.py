"""The pieces of the human status output: target wording, status words, colour with words."""

from __future__ import annotations

import datetime as dt
import io

from rich.console import Console

from szaktar_cli.compute.judge import evaluate_project
from szaktar_cli.compute.results import IndicatorStatus, ProjectStatus
from szaktar_cli.core.model import PROJECT_ADAPTER, Target
from szaktar_cli.render.status import sections, summary_table
from szaktar_cli.render.tables import as_rich
from szaktar_cli.render.words import state_word, target_text

D = dt.date


def test_target_wording_in_both_languages():
    assert target_text(Target(min=3000), "hour", "hu") == "≥ 3\xa0000 óra"
    assert target_text(Target(min=3000), "hour", "en") == "≥ 3,000 hours"
    assert target_text(Target(max=25), "percent", "en") == "≤ 25%"
    assert target_text(Target(min=1, max=2), "item", "en") == "1–2 items"
    assert target_text(Target(min=64, per="month"), "hour", "hu") == "≥ 64 óra havonta"
    per_team = Target(min=1, per="quarter", per_group="team")
    assert target_text(per_team, "meeting", "en", dimension_name="Team") == (
        "≥ 1 meeting per quarter, per Team"
    )
    assert target_text(per_team, "meeting", "hu", dimension_name="Csapat") == (
        "≥ 1 ülés negyedévente, Csapat szerint"
    )
    by = target_text(
        Target(min=2), "event", "en", deadline=D(2011, 6, 30), project_end=D(2011, 12, 31)
    )
    assert by == "≥ 2 events (by 30 Jun 2011)"
    assert target_text(
        Target(min=2), "event", "en", deadline=D(2011, 12, 31), project_end=D(2011, 12, 31)
    ) == ("≥ 2 events")
    assert target_text(None, "hour", "en") == ""


def test_state_words():
    assert state_word("behind", "hu") == "lemaradásban"
    assert state_word("on_track", "en") == "on track"
    assert state_word("in_progress", "hu") == "folyamatban"
    assert state_word("partial", "en") == "partial period"


def test_colour_never_comes_without_the_word():
    project = PROJECT_ADAPTER.validate_python(
        {
            "id": "p",
            "title": "P",
            "start": D(2011, 1, 1),
            "end": D(2011, 12, 31),
            "activities": {"a": {"name": "A"}},
            "indicators": {
                "n": {
                    "name": "Alkalmak",
                    "unit": "event",
                    "measure": {"count": "entries"},
                    "target": {"min": 10},
                }
            },
        }
    )
    result = evaluate_project(project, [], D(2012, 1, 1))
    console = Console(file=io.StringIO(), force_terminal=True, color_system="standard", width=120)
    for renderable in as_rich(sections([result], [project], "en")):
        console.print(renderable)
    text = console.file.getvalue()  # type: ignore[attr-defined]
    assert "\x1b[1;31mmissed\x1b[0m" in text  # red, and the word itself


def test_portfolio_grouped_by_a_metadata_field_some_projects_lack():
    def result(project_id: str, metadata: dict[str, str], status: str) -> ProjectStatus:
        item = IndicatorStatus(
            id="n",
            name="N",
            name_en=None,
            unit="event",
            measure="count",
            actual=0,
            target=None,
            start=None,
            deadline=None,
            percent=None,
            expected_to_date=None,
            forecast=None,
            status=status,  # type: ignore[arg-type]
        )
        return ProjectStatus(project_id, "T", None, None, None, metadata, D(2011, 1, 1), (item,))

    results = [
        result("b", {"region": "Dél"}, "behind"),
        result("a", {}, "met"),
        result("c", {"region": "Dél"}, "missed"),
    ]
    table = summary_table(results, "hu", "region")
    assert [row[:5] for row in table.rows] == [
        ["Dél", "b", "1", "0", "0"],
        ["Dél", "c", "1", "0", "0"],
        ["Dél", "Összesen", "2", "0", "0"],
        ["(nincs megadva)", "a", "1", "1", "0"],
    ]
    assert table.states == ["behind", "missed", "missed", None]
