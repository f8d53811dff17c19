"""Breakdowns within one entry (issue 12 §3): a session of 15 people of whom 9 are disadvantaged
is one entry. Figures by hand on tests/data/breakdowns/efop-kepzes (four sessions):

    2019-03-04  training           6 h  15 people  disadvantaged 9, female 10, male 5
    2019-03-11  training           6 h  12 people  disadvantaged 3, female 7,  male 5
    2019-03-18  accredited_course 30 h  20 people                  female 12, male 8
    2019-04-01  training           4 h   8 people  (nothing recorded)
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from szaktar_cli.checks.workspace import load_workspace
from szaktar_cli.cli.main import main
from szaktar_cli.compute.aggregate import aggregate
from szaktar_cli.compute.judge import evaluate_project
from szaktar_cli.core.model import Entry, Project, entry_identity
from szaktar_cli.read.loader import LoadedProject

DATA = Path(__file__).parent / "data" / "breakdowns"
INVALID = Path(__file__).parent / "data" / "invalid"
AS_OF = dt.date(2019, 6, 30)
Capture = pytest.CaptureFixture[str]


def efop() -> tuple[LoadedProject, Project]:
    workspace = load_workspace([DATA], AS_OF)
    assert workspace.diagnostics == []
    loaded = workspace.projects[0]
    assert loaded.project is not None
    return loaded, loaded.project


def test_a_category_is_summed_and_its_share_is_of_the_declared_denominator() -> None:
    loaded, project = efop()
    figures = aggregate(project, loaded.entries(), AS_OF)
    assert figures.value("trainees") == 15 + 12 + 20 + 8
    assert figures.value("disadvantaged_trainees") == 9 + 3
    # recorded: only the two sessions that say how many were disadvantaged make the whole
    assert figures.value("disadvantaged_share") == pytest.approx(100 * 12 / (15 + 12))
    # all: every session with participants; the two without the breakdown add 0 to the part
    assert figures.value("disadvantaged_share_of_all") == pytest.approx(100 * 12 / 55)
    # one session does not double its hours: 6 + 6 + 30 + 4
    assert figures.value("training_hours") == 46


def test_a_date_range_counts_the_categories_of_its_entries_only() -> None:
    loaded, project = efop()
    figures = aggregate(project, loaded.entries(), AS_OF, breakdowns=("gender",))
    march = figures.split("trainees", "gender", dt.date(2019, 3, 1), dt.date(2019, 3, 31))
    assert march.parts == {"female": 10 + 7 + 12, "male": 5 + 5 + 8}
    assert march.not_recorded == 0
    april = figures.split("trainees", "gender", dt.date(2019, 4, 1), dt.date(2019, 4, 30))
    assert april.parts == {"female": 0, "male": 0}
    assert april.not_recorded == 8
    assert figures.value("disadvantaged_trainees", None, dt.date(2019, 3, 10)) == 9


def test_status_by_an_exhaustive_breakdown_adds_up_to_the_total() -> None:
    loaded, project = efop()
    status = evaluate_project(project, loaded.entries(), AS_OF, by="gender")
    trainees = status.indicators[0]
    assert trainees.breakdown is None
    split = trainees.categories
    assert split is not None
    assert [(part.value, part.actual) for part in split.items] == [("female", 29), ("male", 18)]
    assert split.other is None  # exhaustive: no rest
    assert split.not_recorded == 8
    assert trainees.actual == 29 + 18 + 8
    # a count of categories is not a sum of the field: no breakdown
    assert {item.id for item in status.indicators if item.categories} == {"trainees"}


def test_status_by_a_breakdown_that_is_not_exhaustive_shows_the_rest() -> None:
    loaded, project = efop()
    split = evaluate_project(project, loaded.entries(), AS_OF, by="disadvantaged").indicators[0]
    assert split.categories is not None
    assert [(part.value, part.actual) for part in split.categories.items] == [("disadvantaged", 12)]
    assert split.categories.other == (15 - 9) + (12 - 3)
    assert split.categories.not_recorded == 20 + 8
    assert split.actual == 12 + 15 + 28


def test_status_by_breakdown_in_csv_and_json(capsys: Capture) -> None:
    args = ["status", "--projects", str(DATA), "--as-of", "2019-06-30", "--by", "disadvantaged"]
    assert main([*args, "--format", "csv"]) == 0
    rows = [line.split(",")[2:7] for line in capsys.readouterr().out.splitlines()]
    assert ["category", "", "disadvantaged", "disadvantaged", "12"] in rows
    assert ["no_category", "", "disadvantaged", "", "15"] in rows
    assert ["category", "", "disadvantaged", "", "28"] in rows
    assert main([*args, "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert '"categories": {\n            "breakdown": "disadvantaged",' in out


def test_by_names_a_breakdown_or_a_dimension(capsys: Capture) -> None:
    assert main(["status", "--projects", str(DATA), "--as-of", "2019-06-30", "--by", "age"]) == 2
    assert "no project has the dimension or breakdown 'age'" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        # the parts exceed the whole at the category that tips them over: gender's male
        ("a331-parts-more-than-whole", "actuals/2011-01.yaml:9:32: error A331 the categories of "
         "'gender' add up to 15, more than participants (12)"),
        ("a332-exhaustive-parts-miss-the-whole", "actuals/2011-01.yaml:9:22: error A332 the "
         "categories of 'gender' add up to 10, not to participants (12): the breakdown is "
         "exhaustive"),
    ],
)
def test_parts_are_checked_against_the_whole_at_their_place(
    case: str, expected: str, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(INVALID / case)
    assert main(["validate", ".", "--as-of", "2011-06-01", "--lang", "en"]) == 1
    assert expected in capsys.readouterr().err.splitlines()


def test_entries_alike_but_for_their_categories_are_not_duplicates(
    tmp_path: Path, capsys: Capture
) -> None:
    project = tmp_path / "efop-kepzes"
    shutil.copytree(DATA / "efop-kepzes", project)
    sessions = [
        "- {date: 2019-05-06, activity: training, participants: 10, "
        f"of_which: {{female: {female}, male: {10 - female}}}}}\n"
        for female in (4, 5, 5)
    ]
    (project / "actuals" / "2019-05.yaml").write_text("".join(sessions), encoding="utf-8")
    assert main(["validate", str(project), "--as-of", "2019-06-30", "--lang", "en"]) == 0
    err = capsys.readouterr().err
    assert err.count("A320") == 1
    assert "2019-05.yaml:3:3: warning A320 likely duplicate of the entry at line 2" in err


def test_an_entry_identity_takes_its_categories_in_any_order() -> None:
    day = dt.date(2019, 3, 4)
    first: Entry = {"date": day, "activity": "training", "of_which": {"female": 1, "male": 2}}
    second: Entry = {"date": day, "activity": "training", "of_which": {"male": 2, "female": 1}}
    third: Entry = {"date": day, "activity": "training", "of_which": {"male": 1, "female": 2}}
    assert entry_identity(first) == entry_identity(second) != entry_identity(third)
