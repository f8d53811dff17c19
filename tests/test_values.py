"""Values in one normal form (issue 18, item 4): what is counted is the value without what no one
sees; `log` and `import` store it so; an empty value is refused; look-alikes are warned about.

The corpus holds the diagnostics themselves (tests/data/invalid/a340-*, a341-*, p240-*, p241-*).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from szaktar_cli.cli.main import main
from szaktar_cli.core.text import normal_text, shown, what_differs

PROJECT = """\
id: places
title: Helyszínek
start: 2011-01-01
end: 2011-12-31
activities:
  consultation: {name: Konzultáció}
dimensions:
  county:
    values: [Csongrád, Békés]
indicators:
  settlements:
    name: Települések
    unit: settlement
    measure: {distinct: place}
  teams:
    name: Csapatok
    unit: team
    measure: {distinct: team}
    target: {min: 3, source: "legalább 3 csapat"}
"""
# The same settlement and team as a user's spreadsheet may give them (issue 18, item 4).
VARIANTS = ["Szeged", "Szeged ", "Szeged\u200b", "Szeged\u00a0", "Sze\u00adged", "\ufeffSzeged",
            " Szeged", "Szeged  "]
DECOMPOSED = "Csongra\u0301d"


def _quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=True)  # a YAML double-quoted scalar, escapes and all


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "projects" / "places"
    (directory / "actuals").mkdir(parents=True)
    (directory / "project.yaml").write_text(PROJECT, encoding="utf-8")
    lines = []
    for day, value in enumerate([*VARIANTS, DECOMPOSED, "Csongrád"], start=1):
        lines += [f"- date: 2011-01-{day:02d}", "  activity: consultation",
                  f"  place: {_quoted(value)}", f"  team: {_quoted(value)}"]
    lines += ["- date: 2011-01-20", "  activity: consultation", f"  county: {_quoted(DECOMPOSED)}"]
    (directory / "actuals" / "2011-01.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return directory


def status(capsys: pytest.CaptureFixture[str]) -> dict[str, dict[str, object]]:
    command = ["status", "--projects", "projects", "--as-of", "2011-12-31", "--format", "json"]
    assert main(command) == 0, capsys.readouterr().err
    (project,) = json.loads(capsys.readouterr().out)["projects"]
    return {indicator["id"]: indicator for indicator in project["indicators"]}


def test_look_alike_spellings_of_one_value_are_one_value(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    indicators = status(capsys)
    assert indicators["settlements"]["actual"] == 2  # Szeged and Csongrád, not 10
    assert indicators["teams"]["actual"] == 2  # so a target of 3 teams is not met by 2
    assert indicators["teams"]["status"] != "met"
    assert main(["validate", "projects", "--as-of", "2011-12-31", "--no-cache"]) == 0
    assert capsys.readouterr().err.endswith("1 project(s) valid\n")  # county: Csongrád allowed


def test_log_stores_the_normal_form(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    command = ["log", "places", "--date", "2011-02-01", "--activity", "consultation",
               "--place", "\u00a0Szeged\u200b ", "--county", DECOMPOSED, "--note", "két  szó",
               "--projects", "projects", "--as-of", "2011-12-31"]
    assert main(command) == 0, capsys.readouterr().err
    capsys.readouterr()
    written = (project / "actuals" / "2011-02.yaml").read_text(encoding="utf-8")
    assert "  place: Szeged\n  county: Csongrád\n  note: két  szó\n" in written  # note: as given


@pytest.mark.parametrize("blank", ["", "   ", "\u200b", "\u00a0"])
def test_log_refuses_an_empty_value(
    project: Path, capsys: pytest.CaptureFixture[str], blank: str
) -> None:
    before = (project / "actuals" / "2011-01.yaml").read_bytes()
    command = ["log", "places", "--date", "2011-01-25", "--activity", "consultation",
               "--place", blank, "--projects", "projects", "--as-of", "2011-12-31",
               "--lang", "en"]
    assert main(command) == 1
    err = capsys.readouterr().err
    assert "szaktar log: error R601 --place: place is empty [A340]" in err
    assert (project / "actuals" / "2011-01.yaml").read_bytes() == before


def test_import_matches_headers_and_stores_values_in_normal_form(
    project: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_text(
        "\ufeffdátum;tevékeny\u00adség;helyszín\u200b;megye\n"
        f"2011.03.01.;consultation;Szeged\u00a0;{DECOMPOSED}\n"
        "2011.03.02.;consultation;\u200b;\n",
        encoding="utf-8",
    )
    command = ["import", "places", str(rows), "--projects", "projects", "--as-of", "2011-12-31"]
    assert main(command) == 0, capsys.readouterr().err
    capsys.readouterr()
    written = (project / "actuals" / "2011-03.yaml").read_text(encoding="utf-8")
    assert "  place: Szeged\n  county: Csongrád\n" in written
    assert written.count("place:") == 1  # a cell of nothing but a zero-width space is empty


def test_a_look_alike_of_a_recorded_value_is_warned_about_when_logged(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    command = ["log", "places", "--date", "2011-02-01", "--activity", "consultation",
               "--place", "szeged", "--projects", "projects", "--as-of", "2011-12-31",
               "--lang", "en"]
    assert main(command) == 0
    err = capsys.readouterr().err
    assert "warning R602 --place: value 'szeged' differs from 'Szeged' only by case [A341]" in err


# --- the normal form itself -------------------------------------------------------------------


def test_what_differs_says_it_in_words() -> None:
    assert what_differs(DECOMPOSED).en == "is decomposed (NFD)"
    assert what_differs("Szeged\u200b").en == "has a zero-width space"
    assert what_differs(" Szeged").en == "starts with a space"
    assert what_differs("Szeged\u00a0").en == "ends with a space"
    assert what_differs("Sze\u00a0ged").en.startswith("has a space other than a plain one")
    assert what_differs("Sze  ged").hu == "két szóköz áll egymás után"
    assert what_differs("\ufeffSze\u00adged").en == "has a soft hyphen, has a byte order mark"
    assert what_differs("Szeged").en == ""
    assert shown(DECOMPOSED) == "'Csongra\\u0301d'"
    assert shown("Szeged\u00a0\u200b") == "'Szeged\\xa0\\u200b'"


@given(st.text())
def test_the_normal_form_is_stable_and_says_what_it_changed(value: str) -> None:
    normal = normal_text(value)
    assert normal_text(normal) == normal
    assert normal == normal.strip()
    assert "  " not in normal
    assert (what_differs(value).en == "") == (normal == value)
