"""`szaktar close` / `reopen` end to end: manifest, validate after an edit, log/import refused."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

import szaktar_cli.cli.commands.close  # noqa: F401  # registers close and reopen
from szaktar_cli.cli.main import main
from szaktar_cli.core.closed import month_content
from szaktar_cli.core.model import MANIFEST_ADAPTER, Closing, Reopening, json_schema
from szaktar_cli.read.loader import load_actuals_file
from szaktar_cli.read.places import Locator

DATA = Path(__file__).parent / "data" / "audit"


@pytest.fixture
def projects(tmp_path: Path) -> Path:
    shutil.copytree(DATA, tmp_path / "projects")
    return tmp_path / "projects"


def run(capsys: pytest.CaptureFixture[str], projects: Path, *args: str) -> tuple[int, str, str]:
    code = main([*args, "--projects", str(projects), "--lang", "en"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def close_march(capsys: pytest.CaptureFixture[str], projects: Path) -> str:
    code, out, _ = run(
        capsys, projects, "close", "teams", "2011-03", "--by", "SZ-014", "--date", "2011-04-05"
    )
    assert code == 0
    return out


def events(projects: Path) -> list[Closing | Reopening]:
    text = (projects / "teams" / "closed.yaml").read_text(encoding="utf-8")
    return MANIFEST_ADAPTER.validate_python(yaml.safe_load(text))


def test_close_records_the_month(capsys: pytest.CaptureFixture[str], projects: Path) -> None:
    out = close_march(capsys, projects)
    march = load_actuals_file(projects / "teams" / "actuals" / "2011-03.yaml", Locator())[0].entries
    content = month_content(march)
    assert out == f"teams 2011-03 closed on 5 Apr 2011 by SZ-014: 6 entries, {content.hash}\n"
    (closing,) = events(projects)
    assert isinstance(closing, Closing)
    assert (closing.month, closing.date.isoformat(), closing.by) == (
        "2011-03",
        "2011-04-05",
        "SZ-014",
    )
    assert (closing.hash, closing.entries) == (content.hash, 6)
    data = yaml.safe_load((projects / "teams" / "closed.yaml").read_text(encoding="utf-8"))
    as_json = json.loads(json.dumps(data, default=str))  # YAML dates as the ISO text they are
    jsonschema.validate(as_json, json_schema("closed"))


def test_editing_a_closed_month_fails_validate(
    capsys: pytest.CaptureFixture[str], projects: Path
) -> None:
    close_march(capsys, projects)
    march = projects / "teams" / "actuals" / "2011-03.yaml"
    march.write_text(
        march.read_text(encoding="utf-8").replace("hours: 15", "hours: 16"), encoding="utf-8"
    )
    code = main(["validate", str(projects), "--as-of", "2011-05-01", "--lang", "en"])
    errors = [line for line in capsys.readouterr().err.splitlines() if " error " in line]
    assert code == 1
    assert errors == [
        f"{march}:17:3: error C502 closed month 2011-03: "
        "entry edited after the month was closed on 2011-04-05"
    ]


def test_reopen_keeps_the_history(capsys: pytest.CaptureFixture[str], projects: Path) -> None:
    close_march(capsys, projects)
    march = projects / "teams" / "actuals" / "2011-03.yaml"
    march.write_text(
        march.read_text(encoding="utf-8").replace("hours: 15", "hours: 16"), encoding="utf-8"
    )
    reason = "the funder asked for the hours of 10 March to be corrected"
    code, out, _ = run(
        capsys,
        projects,
        "reopen",
        "teams",
        "2011-03",
        "--reason",
        reason,
        "--by",
        "SZ-002",
        "--date",
        "2011-05-02",
    )
    assert (code, out) == (0, f"teams 2011-03 reopened on 2 May 2011 by SZ-002, reason: {reason}\n")
    assert main(["validate", str(projects), "--as-of", "2011-05-02"]) == 0
    close_again = ["close", "teams", "2011-03", "--by", "SZ-014", "--date", "2011-05-03"]
    assert run(capsys, projects, *close_again)[0] == 0
    assert [(event.action, event.date.isoformat(), event.by) for event in events(projects)] == [
        ("close", "2011-04-05", "SZ-014"),
        ("reopen", "2011-05-02", "SZ-002"),
        ("close", "2011-05-03", "SZ-014"),
    ]
    assert events(projects)[1] == Reopening(
        action="reopen", month="2011-03", date=events(projects)[1].date, by="SZ-002", reason=reason
    )


def test_log_is_refused_in_a_closed_month(
    capsys: pytest.CaptureFixture[str], projects: Path
) -> None:
    close_march(capsys, projects)
    march = projects / "teams" / "actuals" / "2011-03.yaml"
    before = march.read_bytes()
    log = ["log", "teams", "--date", "2011-03-30", "--activity", "consultation", "--hours", "2"]
    code, out, err = run(capsys, projects, *log, "--as-of", "2011-05-01")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "szaktar log: error C504 month 2011-03 is closed (on 2011-04-05 by SZ-014): "
        "nothing was written into it",
        # run from elsewhere, so the command it names says where the data is
        "  hint: if the report must change, reopen the month first: "
        f"szaktar --projects {projects} reopen teams 2011-03 --reason … --by …",
    ]
    assert march.read_bytes() == before
    # the next month is open
    april = ["log", "teams", "--date", "2011-04-30", "--activity", "consultation", "--hours", "2"]
    assert run(capsys, projects, *april, "--as-of", "2011-05-01")[0] == 0


def test_import_is_refused_when_a_row_is_in_a_closed_month(
    capsys: pytest.CaptureFixture[str], projects: Path, tmp_path: Path
) -> None:
    close_march(capsys, projects)
    sheet = tmp_path / "rows.csv"
    sheet.write_text(
        "date,activity,hours\n2011-04-29,consultation,1\n2011-03-31,consultation,2\n",
        encoding="utf-8",
    )
    april = projects / "teams" / "actuals" / "2011-04.yaml"
    before = april.read_bytes()
    code, _, err = run(capsys, projects, "import", "teams", str(sheet), "--as-of", "2011-05-01")
    assert code == 1
    assert f"{sheet}:3:1: error C504 month 2011-03 is closed (on 2011-04-05 by SZ-014)" in err
    assert april.read_bytes() == before  # nothing of the import was written


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["2011-03", "--date", "2011-05-01"],
            "szaktar: 2011-03 is already closed (on 2011-04-05 by SZ-014)",
        ),
        (
            ["2011-04", "--date", "2011-04-30"],
            "szaktar: 2011-04 is not over on 2011-04-30: "
            "a month can be closed from the day after it",
        ),
        (["2011-13", "--date", "2012-01-05"], "szaktar: '2011-13' is not a month (YYYY-MM)"),
    ],
)
def test_close_usage_errors(
    capsys: pytest.CaptureFixture[str], projects: Path, args: list[str], message: str
) -> None:
    close_march(capsys, projects)
    code, _, err = run(capsys, projects, "close", "teams", *args, "--by", "SZ-014")
    assert code == 2
    assert err.splitlines()[-1] == message


def test_reopen_usage_errors(capsys: pytest.CaptureFixture[str], projects: Path) -> None:
    code, _, err = run(
        capsys, projects, "reopen", "teams", "2011-03", "--reason", "x", "--by", "SZ-1"
    )
    assert (code, err) == (2, "szaktar: 2011-03 is not closed\n")
    close_march(capsys, projects)
    code, _, err = run(
        capsys, projects, "reopen", "teams", "2011-03", "--reason", " ", "--by", "SZ-1"
    )
    assert (code, err) == (2, "szaktar: --reason must say why the month is reopened\n")
    manifest = (projects / "teams" / "closed.yaml").read_bytes()
    run(capsys, projects, "reopen", "teams", "2011-03", "--by", "SZ-1")  # --reason is required
    assert (projects / "teams" / "closed.yaml").read_bytes() == manifest
    assert run(capsys, projects, "close", "nope", "2011-03", "--by", "SZ-1")[0] == 2


def test_close_refuses_invalid_data(capsys: pytest.CaptureFixture[str], projects: Path) -> None:
    (projects / "teams" / "actuals" / "2011-03.yaml").write_text(
        "- date: 2011-03-40\n  activity: x\n", encoding="utf-8"
    )
    code, _, _ = run(
        capsys, projects, "close", "teams", "2011-03", "--by", "SZ-014", "--date", "2011-04-05"
    )
    assert code == 1
    assert not (projects / "teams" / "closed.yaml").exists()


def test_schema_of_closed_yaml_is_in_step(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "closed"]) == 0
    shipped = Path(__file__).parent.parent / "schema" / "closed.schema.json"
    assert capsys.readouterr().out == shipped.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("day", "said"), [("2011-04-30", "2011. ápr. 30-án"), ("2011-04-01", "2011. ápr. 1-jén")]
)
def test_a_month_not_over_is_told_in_hungarian_with_the_days_ending(
    capsys: pytest.CaptureFixture[str], projects: Path, day: str, said: str
) -> None:
    code = main(["close", "teams", "2011-04", "--date", day, "--by", "SZ-014",
                 "--projects", str(projects), "--lang", "hu"])
    assert code == 2
    assert capsys.readouterr().err == (
        f"szaktar: a(z) 2011-04 hónap {said} még nem ért véget: "
        "a hónap az utolsó napja után zárható le\n"
    )
