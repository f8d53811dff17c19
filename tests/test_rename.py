"""`szaktar rename`: every kind of name renamed where it is written and nowhere else (byte for
byte: the old name's bytes become the new one's, nothing else changes), every figure of
`status` the same before and after; a closed month refused or reopened and closed again; every
bad input refused with the tree unchanged."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from files import snapshot
from szaktar_cli.cli.main import main

ROOT = Path(__file__).parent
AS_OF = "2011-12-31"
Capture = pytest.CaptureFixture[str]


def run(capsys: Capture, *args: str) -> tuple[int, str, str]:
    code = main([*args, "--lang", "en"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def figures(capsys: Capture, project: str, as_of: str) -> object:
    """Every figure of `status` (JSON), with the indicators in their order."""
    code, out, _ = run(capsys, "status", project, "--as-of", as_of, "--format", "json")
    assert code == 0
    return json.loads(out)


def texts(projects: Path) -> dict[str, str]:
    return {
        str(path.relative_to(projects)): path.read_text(encoding="utf-8")
        for path in sorted(projects.rglob("*.yaml"))
    }


@pytest.mark.parametrize(
    ("args", "replacements"),
    [
        (
            ["activity", "demo", "supervision", "szupervizio"],
            {"demo/project.yaml": [("  supervision: {name", "  szupervizio: {name"),
                                   ("[supervision, coaching]", "[szupervizio, coaching]"),
                                   ("activities: [supervision]}", "activities: [szupervizio]}")],
             "demo/actuals/2011-01.yaml": [("activity: supervision", "activity: szupervizio")]},
        ),
        (
            ["indicator", "demo", "persons_reached", "szakemberek"],
            {"demo/project.yaml": [("  persons_reached:\n", "  szakemberek:\n"),
                                   ("numerator: persons_reached", "numerator: szakemberek")]},
        ),
        (
            ["dimension", "demo", "team", "csapat"],
            {"demo/project.yaml": [("  team:\n    values: {T1", "  csapat:\n    values: {T1"),
                                   ("per_group: team", "per_group: csapat")],
             "demo/actuals/2011-01.yaml": [("  team: T1", "  csapat: T1")]},
        ),
        (
            ["dimension-value", "demo", "area", "action", "akcioterulet"],
            {"demo/project.yaml": [("values: [action, elsewhere]",
                                    "values: [akcioterulet, elsewhere]"),
                                   ("value: action}", "value: akcioterulet}")],
             "demo/actuals/2011-01.yaml": [("area: action", "area: akcioterulet")]},
        ),
        (
            ["dimension-value", "demo", "team", "T1", "Csapat 1"],
            {"demo/project.yaml": [("{T1: {region", "{\"Csapat 1\": {region")],
             "demo/actuals/2011-01.yaml": [("team: T1", "team: Csapat 1")]},
        ),
    ],
    ids=["activity", "indicator", "dimension", "dimension-value", "value-with-attributes"],
)
def test_a_name_changes_where_it_is_written_and_nowhere_else(
    projects: Path, capsys: Capture, args: list[str], replacements: dict[str, list[tuple[str, str]]]
) -> None:
    before = texts(projects)
    status = figures(capsys, "demo", AS_OF)
    code, out, err = run(capsys, "rename", *args, "--as-of", AS_OF)
    assert (code, err) == (0, ""), err
    expected = dict(before)
    for file, pairs in replacements.items():
        for old, new in pairs:
            assert expected[file].count(old) == 1, (file, old)
            expected[file] = expected[file].replace(old, new)
    assert texts(projects) == expected
    old, new = args[-2:]  # in the figures, the name appears as itself: renamed too
    assert figures(capsys, "demo", AS_OF) == json.loads(
        json.dumps(status, ensure_ascii=False).replace(f'"{old}"', f'"{new}"')
    )
    count = sum(len(pairs) for pairs in replacements.values())
    assert out.splitlines()[0].endswith(f"in {count} place(s):")
    assert main(["validate", "--as-of", AS_OF]) == 0


@pytest.fixture
def training(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "data" / "breakdowns" / "efop-kepzes",
                    tmp_path / "projects" / "efop-kepzes")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "projects"


def test_a_category_is_renamed_in_its_breakdown_measures_and_entries(
    training: Path, capsys: Capture
) -> None:
    before = texts(training)
    status = figures(capsys, "efop-kepzes", "2020-12-31")
    code, out, _ = run(capsys, "rename", "category", "efop-kepzes", "female", "woman",
                       "--as-of", "2020-12-31")
    assert code == 0
    changed = texts(training)
    assert changed["efop-kepzes/project.yaml"] == before["efop-kepzes/project.yaml"].replace(
        "      female: {name: nő", "      woman: {name: nő"
    )
    for file, text in before.items():
        if "actuals" in file:
            assert changed[file] == text.replace("female: ", "woman: ")
    assert figures(capsys, "efop-kepzes", "2020-12-31") == status
    assert "in 4 place(s)" in out


# --- closed months --------------------------------------------------------------------------


@pytest.fixture
def closed_march(projects: Path, capsys: Capture) -> Path:
    march = projects / "demo" / "actuals" / "2011-03.yaml"
    march.write_text("- date: 2011-03-02\n  activity: supervision\n  team: T2\n", "utf-8")
    assert main(["close", "demo", "2011-03", "--by", "SZ-1", "--date", "2011-04-05"]) == 0
    capsys.readouterr()
    return projects


def test_a_rename_that_changes_a_closed_month_is_refused(
    closed_march: Path, capsys: Capture
) -> None:
    before = snapshot(closed_march.parent)
    code, out, err = run(capsys, "rename", "activity", "demo", "supervision", "szupervizio",
                         "--as-of", AS_OF)
    assert (code, out) == (1, "")
    assert err == (
        "projects/demo/actuals/2011-03.yaml:2:13: error C508 the change alters entries of closed "
        "month 2011-03 (closed on 2011-04-05 by SZ-1): nothing was written\n"
        "  hint: to change them anyway, --reopen-closed --reason … --by … reopens the month and "
        "closes it again (both recorded in closed.yaml)\n"
    )
    assert snapshot(closed_march.parent) == before
    # a name the closed month does not use is renamed as usual
    assert run(capsys, "rename", "activity", "demo", "coaching", "coach", "--as-of", AS_OF)[0] == 0


def test_reopened_and_closed_again_when_asked(closed_march: Path, capsys: Capture) -> None:
    code, out, _ = run(capsys, "rename", "activity", "demo", "supervision", "szupervizio",
                       "--reopen-closed", "--reason", "egységes nevek", "--by", "SZ-2",
                       "--as-of", "2011-06-30")
    assert code == 0
    assert out.splitlines()[-1] == (
        "Reopened and closed again by SZ-2 (egységes nevek): 2011-03"
    )
    manifest = (closed_march / "demo" / "closed.yaml").read_text(encoding="utf-8")
    assert manifest.count("- action: reopen\n  month: 2011-03\n  date: 2011-06-30\n  by: SZ-2\n"
                          "  reason: egységes nevek\n") == 1
    assert manifest.count("- action: close\n  month: 2011-03\n  date: 2011-06-30\n") == 1
    assert main(["validate", "--as-of", AS_OF]) == 0


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["thing", "demo", "a", "b"], 2, "KIND is one of activity, indicator, dimension"),
        (["activity", "nope", "a", "b"], 2, "unknown project: nope"),
        (["activity", "demo", "supervison", "x"], 2, "did you mean 'supervision'?"),
        (["activity", "demo", "supervision"], 2, "rename activity takes OLD NEW"),
        (["dimension-value", "demo", "action", "x"], 2, "takes DIMENSION OLD NEW"),
        (["dimension-value", "demo", "aera", "action", "x"], 2, "did you mean 'area'?"),
        (["activity", "demo", "supervision", "Szupervízió"], 2, "is not an id"),
        (["activity", "demo", "supervision", "supervision"], 2, "is its name already"),
        (["dimension", "demo", "place", "helyszin"], 2, "place is a field of the format"),
        (["dimension-value", "demo", "area", "action", " x"], 2, "is not a value as szaktar"),
        (["activity", "demo", "supervision", "coaching"], 1,
         "projects/demo/project.yaml:17:3: error E806 'coaching' exists already"),
        (["dimension", "demo", "area", "place"], 1, "error E806 'place' exists already"),
        (["dimension-value", "demo", "area", "action", "elsewhere"], 1,
         "error E806 'elsewhere' exists already"),
        (["activity", "demo", "supervision", "x", "--reason", "r"], 2,
         "--reason and --by go with --reopen-closed"),
        (["activity", "demo", "supervision", "x", "--reopen-closed", "--by", "SZ-1"], 2,
         "--reason must say why"),
    ],
)
def test_bad_input_changes_nothing(
    projects: Path, capsys: Capture, args: list[str], code: int, message: str
) -> None:
    before = snapshot(projects.parent)
    got, out, err = run(capsys, "rename", *args, "--as-of", AS_OF)
    assert (got, out) == (code, "")
    assert message in err
    assert snapshot(projects.parent) == before


def test_a_dry_run_writes_nothing(projects: Path, capsys: Capture) -> None:
    before = snapshot(projects.parent)
    code, out, _ = run(capsys, "rename", "activity", "demo", "supervision", "x", "--dry-run",
                       "--as-of", AS_OF)
    assert code == 0
    assert out.startswith("Dry run, nothing written:\nRenamed activity supervision → x in 4 ")
    assert snapshot(projects.parent) == before
