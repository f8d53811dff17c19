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
from szaktar_cli.compute.charts import CategoryBars, project_charts
from szaktar_cli.compute.gaps import find_gaps
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


# --- recording: import (a column per category) and log (--of-which) ----------------------------


@pytest.fixture
def empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data directory with efop-kepzes's project.yaml and no entries yet."""
    directory = tmp_path / "projects" / "efop-kepzes"
    (directory / "actuals").mkdir(parents=True)
    shutil.copy(DATA / "efop-kepzes" / "project.yaml", directory)
    monkeypatch.chdir(tmp_path)
    return tmp_path / "projects"


def recorded(projects: Path) -> list[Entry]:
    workspace = load_workspace([projects], AS_OF)
    assert [d for d in workspace.diagnostics if d.is_error] == []
    return workspace.projects[0].entries()


def record(capsys: Capture, *args: str) -> tuple[int, str, str]:
    code = main([*args, "--projects", "projects", "--as-of", "2019-06-30", "--lang", "en"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# As Hungarian Excel saves it: BOM, `;`, decimal comma, CRLF; categories headed by their names.
EXCEL_HU = (
    "\ufeffDátum;Tevékenység;Óra;Résztvevők;Hátrányos helyzetű;Nő;Férfi\r\n"
    "2019.03.04.;Képzés;6;15;9;10;5\r\n"
    "2019.03.18.;Akkreditált képzés;4,5;20;;12;8\r\n"
)


def test_import_reads_a_column_per_category_in_the_excel_dialect(
    empty: Path, capsys: Capture
) -> None:
    (empty.parent / "rows.csv").write_bytes(EXCEL_HU.encode("utf-8"))
    code, out, err = record(capsys, "import", "efop-kepzes", "rows.csv")
    assert (code, err) == (0, "")
    assert "Disadvantaged trainees: 0 → 9 persons" in out
    assert [entry.get("of_which") for entry in recorded(empty)] == [
        {"disadvantaged": 9, "female": 10, "male": 5},
        {"female": 12, "male": 8},
    ]
    written = (empty / "efop-kepzes" / "actuals" / "2019-03.yaml").read_text(encoding="utf-8")
    assert "  of_which: {disadvantaged: 9, female: 10, male: 5}\n" in written


def test_import_reports_parts_over_the_whole_at_their_cell(empty: Path, capsys: Capture) -> None:
    (empty.parent / "rows.csv").write_bytes(EXCEL_HU.replace(";12;8", ";12;9").encode("utf-8"))
    code, out, err = record(capsys, "import", "efop-kepzes", "rows.csv")
    assert (code, out) == (1, "")
    assert err.splitlines()[0] == (
        "rows.csv:3:7: error R601 column 'Férfi': the categories of 'gender' add up to 21, "
        "more than participants (20) [A331]"
    )
    assert recorded(empty) == []


def test_log_takes_the_categories_of_its_entry(empty: Path, capsys: Capture) -> None:
    entry = ("log", "efop-kepzes", "--date", "2019-03-04", "--activity", "training",
             "--participants", "15")
    code, _, err = record(capsys, *entry, "--of-which", "disadvantaged=9",
                          "--of-which", "female=10", "--of-which", "male=5")
    assert (code, err) == (0, "")
    assert recorded(empty)[0].get("of_which") == {"disadvantaged": 9, "female": 10, "male": 5}
    code, _, err = record(capsys, *entry, "--of-which", "female=10", "--of-which", "femal=5")
    assert code == 1
    assert err.splitlines() == [
        "szaktar log: error R601 --of-which femal: unknown category 'femal' [A330]",
        "  hint: did you mean 'female'?",
        "szaktar log: error R601 --of-which female: the categories of 'gender' add up to 10, "
        "not to participants (15): the breakdown is exhaustive [A332]",
        "  hint: give every category of it (0 for none), or declare the breakdown "
        "exhaustive: false",
    ]
    assert record(capsys, *entry, "--of-which", "female")[0] == 2


@pytest.mark.parametrize("dialect", [(), ("--excel", "--lang", "hu")])
def test_export_entries_reads_back_with_import(
    empty: Path, capsys: Capture, dialect: tuple[str, ...]
) -> None:
    """The round trip: the entries exported, imported into an empty copy, are the same."""
    code = main(["export", "--projects", str(DATA), "--as-of", "2019-06-30", "--entries",
                 "--from", "2019-03-01", "--to", "2019-06-30", "-o", "entries.csv", *dialect])
    assert code == 0
    header = (empty.parent / "entries.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert ("disadvantaged,female,male" in header) or ("hátrányos helyzetű;nő;férfi" in header)
    capsys.readouterr()
    code, _, err = record(capsys, "import", "efop-kepzes", "entries.csv")
    assert (code, err) == (0, "")
    original, _ = efop()
    assert recorded(empty) == original.entries()


def test_import_checks_the_context_columns_of_an_export(empty: Path, capsys: Capture) -> None:
    rows = (
        "project,date,activity,activity_name,participants,female,male\n"
        "efop-kepzes,2019-03-04,training,Képzés,3,1,2\n"
        "other,2019-03-05,training,Accredited course,3,1,2\n"
    )
    (empty.parent / "rows.csv").write_text(rows, encoding="utf-8")
    code, _, err = record(capsys, "import", "efop-kepzes", "rows.csv")
    assert code == 1
    assert err.splitlines()[::2] == [
        "rows.csv:3:1: error I708 column 'project' holds 'other', not 'efop-kepzes'",
        "rows.csv:3:4: error I708 column 'activity_name' holds 'Accredited course', not 'Képzés'",
    ]


def test_gaps_lists_the_entries_an_indicator_needs_a_breakdown_of() -> None:
    loaded, _ = efop()
    gaps = find_gaps(loaded, AS_OF)
    needing = {found.indicator: found for found in gaps.unsplit}
    # the sum of a category, and both shares, need `disadvantaged`; trainees needs nothing
    assert set(needing) == {
        "disadvantaged_trainees", "disadvantaged_share", "disadvantaged_share_of_all"
    }
    found = needing["disadvantaged_share"]
    assert found.dimension == "disadvantaged"
    # the accredited course (2019-03-18) and the April session say nothing of it
    assert [(place.date, place.line) for place in found.entries] == [
        (dt.date(2019, 3, 18), 12),
        (dt.date(2019, 4, 1), 2),
    ]


def test_the_report_splits_what_a_breakdown_splits(tmp_path: Path) -> None:
    loaded, project = efop()
    charts = project_charts(project, loaded.entries(), AS_OF)
    splits = {
        (bars.indicator_id, bars.breakdown): bars
        for bars in charts.breakdowns
        if isinstance(bars, CategoryBars)
    }
    # only trainees has a target among the sums of participants
    assert set(splits) == {("trainees", "disadvantaged"), ("trainees", "gender")}
    gender = splits["trainees", "gender"]
    assert [(share.value, share.amount) for share in gender.items] == [("female", 29), ("male", 18)]
    assert gender.names == (("nő", "female"), ("férfi", "male"))
    assert (gender.other, gender.not_recorded) == (None, 8)
    disadvantaged = splits["trainees", "disadvantaged"]
    assert (disadvantaged.other, disadvantaged.not_recorded) == (15, 28)
    page = tmp_path / "report.html"
    assert main(["report", "--projects", str(DATA), "--as-of", "2019-06-30", "--lang", "en",
                 "-o", str(page)]) == 0
    html = page.read_text(encoding="utf-8")
    assert 'id="efop-kepzes--trainees--by-gender"' in html
    assert "Trainees by Gender" in html
    assert ">in no category<" in html
