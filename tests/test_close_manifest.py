"""Closed months (core/closed.py, write/manifest.py) and the closed-month rule of `validate`."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from szaktar_cli.cli.main import main
from szaktar_cli.core import closed as closing
from szaktar_cli.core import model
from szaktar_cli.core.model import ENTRIES_ADAPTER, Entry
from szaktar_cli.read.loader import load_actuals_file
from szaktar_cli.read.places import Locator
from szaktar_cli.write import manifest

AFTER_CLOSING = "after the month was closed on 2011-02-03"

DEMO = Path(__file__).parent / "data" / "valid" / "demo"


def entries(*items: dict[str, object]) -> list[Entry]:
    return ENTRIES_ADAPTER.validate_python(list(items))


A = {"date": "2011-01-10", "activity": "consultation", "hours": 3, "county": "Csongrád"}
B = {"date": "2011-01-20", "activity": "supervision", "hours": 2, "team": "T1"}
C = {"date": "2011-01-31", "activity": "training", "hours": 8}


def test_hash_ignores_order_key_order_and_number_spelling() -> None:
    first = closing.month_content(entries(A, B, C))
    reordered = closing.month_content(
        entries(C, {"hours": 2.0, "team": "T1", "activity": "supervision", "date": "2011-01-20"}, A)
    )
    assert first == reordered
    assert first.entries == 3
    assert first.hash.startswith("sha256:")
    assert len(first.hash) == len("sha256:") + 64


def test_hash_ignores_comments_and_layout(tmp_path: Path) -> None:
    block = tmp_path / "2011-01.yaml"
    block.write_text("- date: 2011-01-10\n  activity: consultation\n  hours: 3\n", encoding="utf-8")
    flow = tmp_path / "other" / "2011-01.yaml"
    flow.parent.mkdir()
    flow.write_text(
        "# a comment added later\n"
        "-   {hours: 3.0,   activity: 'consultation', date: 2011-01-10}  # same\n",
        encoding="utf-8",
    )
    parsed = [load_actuals_file(path, Locator())[0].entries for path in (block, flow)]
    assert closing.month_content(parsed[0]) == closing.month_content(parsed[1])


def test_any_entry_change_changes_the_hash() -> None:
    base = closing.month_content(entries(A, B)).hash
    assert closing.month_content(entries(A, B, C)).hash != base  # added
    assert closing.month_content(entries(A)).hash != base  # removed
    assert closing.month_content(entries(A, B | {"hours": 2.5})).hash != base  # edited
    assert closing.month_content(entries(A, B | {"note": "x"})).hash != base  # a field added


def _closing(*items: dict[str, object]) -> model.Closing:
    return manifest.new_closing("2011-01", dt.date(2011, 2, 3), "SZ-014", entries(*items))


def test_compare_names_added_edited_and_removed() -> None:
    closed = _closing(A, B, C)
    assert not closing.compare(closed, entries(C, A, B))
    change = closing.compare(
        closed, entries(A, B | {"hours": 2.5}, {"date": "2011-01-05", "activity": "x"})
    )
    assert change.changed == (
        closing.ChangedEntry(1, "edited"),  # B changed: an entry of 2011-01-20 left and one came
        closing.ChangedEntry(2, "added"),  # nothing of 2011-01-05 left
    )
    assert change.removed == ("2011-01-31",)  # C


def test_compare_same_day_added_and_edited() -> None:
    closed = _closing(A, B)
    change = closing.compare(closed, entries(A | {"hours": 4}, B, A | {"hours": 5}))
    assert change.changed == (closing.ChangedEntry(0, "edited"), closing.ChangedEntry(2, "added"))
    assert change.removed == ()


def test_closed_months_follow_the_last_event() -> None:
    close_jan = _closing(A)
    reopen_jan = model.Reopening(
        action="reopen", month="2011-01", date=dt.date(2011, 3, 1), by="SZ-014", reason="correction"
    )
    close_feb = manifest.new_closing("2011-02", dt.date(2011, 3, 2), "SZ-014", [])
    assert closing.closed_months([close_jan]) == {"2011-01": close_jan}
    assert closing.closed_months([close_jan, close_feb, reopen_jan]) == {"2011-02": close_feb}
    again = close_jan.model_copy(update={"date": dt.date(2011, 3, 5)})
    assert closing.closed_months([close_jan, reopen_jan, again]) == {"2011-01": again}


def test_event_text_round_trips() -> None:
    event = _closing(A, B)
    text = manifest.MANIFEST_HEADER + manifest.event_text(event)
    assert model.MANIFEST_ADAPTER.validate_python(yaml.safe_load(text)) == [event]
    assert text.splitlines()[4:7] == ["- action: close", "  month: 2011-01", "  date: 2011-02-03"]


# --- the rule, through `szaktar validate` ---------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    directory = tmp_path / "demo"
    shutil.copytree(DEMO, directory)
    return directory


def write_manifest(directory: Path, *events: model.Closing | model.Reopening) -> None:
    text = manifest.MANIFEST_HEADER + "".join(manifest.event_text(event) for event in events)
    (directory / "closed.yaml").write_text(text, encoding="utf-8")


def close_january(directory: Path) -> None:
    loaded = load_actuals_file(directory / "actuals" / "2011-01.yaml", Locator())[0]
    write_manifest(
        directory, manifest.new_closing("2011-01", dt.date(2011, 2, 3), "SZ-014", loaded.entries)
    )


def validate(directory: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["validate", str(directory), "--as-of", "2011-12-31", "--lang", "en"])
    errors = [line for line in capsys.readouterr().err.splitlines() if ": error " in line]
    return code, errors


def test_untouched_closed_month_validates(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    close_january(project)
    month_file = project / "actuals" / "2011-01.yaml"
    month_file.write_text(
        "# reformatted, same entries\n" + month_file.read_text(encoding="utf-8"), encoding="utf-8"
    )
    assert validate(project, capsys) == (0, [])


def test_edited_added_and_removed_entries_are_named(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    close_january(project)
    month_file = project / "actuals" / "2011-01.yaml"
    text = month_file.read_text(encoding="utf-8")
    text = text.replace("  hours: 2\n", "  hours: 2.5\n")  # the supervision of 2011-01-20
    text += "- date: 2011-01-31\n  activity: consultation\n  hours: 1\n"
    month_file.write_text(text, encoding="utf-8")
    code, errors = validate(project, capsys)
    assert code == 1
    file = str(month_file)
    assert errors == [
        f"{file}:9:3: error C502 closed month 2011-01: entry edited {AFTER_CLOSING}",
        f"{file}:18:3: error C501 closed month 2011-01: entry added {AFTER_CLOSING}",
    ]


def test_removed_entries_when_the_file_is_gone(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    close_january(project)
    (project / "actuals" / "2011-01.yaml").unlink()
    code, errors = validate(project, capsys)
    assert code == 1
    assert errors == [
        f"{project / 'closed.yaml'}:5:3: error C503 closed month 2011-01: 3 entry/entries "
        "(2011-01-10, 2011-01-20, 2011-01-31) removed after closing on 2011-02-03"
    ]


def test_a_reopened_month_may_change(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    close_january(project)
    (project / "closed.yaml").write_text(
        (project / "closed.yaml").read_text(encoding="utf-8")
        + manifest.event_text(
            model.Reopening(
                action="reopen",
                month="2011-01",
                date=dt.date(2011, 3, 1),
                by="SZ-014",
                reason="fix",
            )
        ),
        encoding="utf-8",
    )
    (project / "actuals" / "2011-01.yaml").unlink()
    assert validate(project, capsys) == (0, [])


def test_manifest_problems(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "closed.yaml").write_text(
        "- action: reopen\n  month: 2011-01\n  date: 2011-03-01\n  by: SZ-014\n  reason: x\n"
        "- action: close\n  month: 2011-13\n  date: 2011-03-01\n  by: SZ-014\n"
        "  hash: sha256:00\n  entries: 0\n",
        encoding="utf-8",
    )
    code, errors = validate(project, capsys)
    assert code == 1
    manifest = project / "closed.yaml"
    assert errors == [
        f"{manifest}:7:10: error C507 1.month: String should match pattern "
        "'^\\d{4}-(0[1-9]|1[0-2])$'",
        f"{manifest}:10:9: error C507 1.hash: String should match pattern "
        "'^sha256:[0-9a-f]{64}$'",
    ]
    (project / "closed.yaml").write_text(
        "- action: reopen\n  month: 2011-01\n  date: 2011-03-01\n  by: SZ-014\n  reason: x\n",
        encoding="utf-8",
    )
    assert validate(project, capsys)[1] == [
        f"{manifest}:1:3: error C505 month 2011-01 is reopened but it is not closed"
    ]
