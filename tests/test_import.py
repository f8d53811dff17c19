"""`szaktar import`: CSV rows, Hungarian Excel's too, checked first, written all or nothing."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
import yaml

from files import snapshot
from szaktar_cli.cli.main import main
from szaktar_cli.core.text import normalize
from szaktar_cli.read.csv_entries import sniff_delimiter
from szaktar_cli.read.new_entries import to_date as parse_date
from szaktar_cli.read.new_entries import to_number as parse_number
from szaktar_cli.write.table_import import import_table

AS_OF = "2011-12-31"
BOM = "\ufeff"

# As Hungarian Excel saves "CSV UTF-8 (pontosvesszővel tagolt)": BOM, `;`, decimal comma, CRLF.
EXCEL_HU = (
    BOM + "Dátum;Tevékenység;Óra;Résztvevők;Megye;Csapat;Személy;Terület;Megjegyzés;Bizonyíték\r\n"
    "2011.01.05.;Konzultáció;1,5;2;Csongrád;;SZ-003;action;első;JI-7\r\n"
    "2011. 02. 07.;supervision;2;;;T2;;;;\r\n"
    '2011-02-08;Tréning;8;12;;;;elsewhere;"pont; vessző";\r\n'
    ";;;;;;;;;\r\n"
)


def run(
    capsys: pytest.CaptureFixture[str], projects: Path, csv: Path, *args: str
) -> tuple[int, str, str]:
    code = main(
        [
            "import",
            "demo",
            str(csv),
            "--projects",
            str(projects),
            "--as-of",
            AS_OF,
            "--lang",
            "en",
            *args,
        ]
    )
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def write_csv(projects: Path, text: str, name: str = "rows.csv", encoding: str = "utf-8") -> Path:
    path = projects.parent / name
    path.write_bytes(text.encode(encoding))
    return path


def test_hungarian_excel_rows_go_into_their_month_files(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv = write_csv(projects, EXCEL_HU)
    january = projects / "demo" / "actuals" / "2011-01.yaml"
    original = january.read_text(encoding="utf-8")
    code, out, err = run(capsys, projects, csv)
    assert (code, err) == (0, "")
    assert out.startswith(
        "Written to projects/demo/actuals/2011-01.yaml (+1)\n"
        "Written to projects/demo/actuals/2011-02.yaml (+2)\n"
    )
    assert january.read_text(encoding="utf-8") == original + (
        "- date: 2011-01-05\n"
        "  activity: consultation\n"
        "  hours: 1.5\n"
        "  participants: 2\n"
        "  county: Csongrád\n"
        "  person: SZ-003\n"
        "  note: első\n"
        "  evidence: JI-7\n"
        "  area: action\n"
    )
    assert (
        (projects / "demo" / "actuals" / "2011-02.yaml")
        .read_text(encoding="utf-8")
        .endswith(
            "- date: 2011-02-07\n"
            "  activity: supervision\n"
            "  hours: 2\n"
            "  team: T2\n"
            "- date: 2011-02-08\n"
            "  activity: training\n"
            "  hours: 8\n"
            "  participants: 12\n"
            "  note: pont; vessző\n"
            "  area: elsewhere\n"
        )
    )
    assert main(["validate", str(projects), "--as-of", AS_OF]) == 0


def test_a_plain_comma_csv_with_english_headers(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv = write_csv(
        projects, 'date,activity,hours,note\n2011-03-01,coaching,1.25,"Szeged, Tisza-part"\n'
    )
    code, out, _ = run(capsys, projects, csv)
    assert code == 0
    assert "Written to projects/demo/actuals/2011-03.yaml (+1)\n" in out
    text = (projects / "demo" / "actuals" / "2011-03.yaml").read_text(encoding="utf-8")
    assert text.endswith(
        "- date: 2011-03-01\n  activity: coaching\n  hours: 1.25\n  note: Szeged, Tisza-part\n"
    )


def test_every_bad_row_is_reported_with_row_and_column_and_nothing_is_written(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv = write_csv(
        projects,
        "dátum;tevékenység;óra;megye\n"
        "2011-01-05;consultation;1;Csongrád\n"
        "2011-02-30;consultation;1;\n"  # row 3: no such day
        "2011-01-06;konzultálás;abc;Pest\n"  # row 4: three problems
        "2011-01-07;consultation;2;Békés\n",
    )
    before = snapshot(projects.parent)
    code, out, err = run(capsys, projects, csv)
    assert (code, out) == (1, "")
    assert err == (
        "rows.csv:3:1: error R601 column 'dátum': '2011-02-30' is a day that does not exist: "
        "February 2011 has 28 days [A314]\n"
        "rows.csv:4:2: error R601 column 'tevékenység': unknown activity kind "
        "'konzultálás' [A307]\n"
        "  hint: did you mean 'consultation'?\n"  # Konzultáció, by its name
        "rows.csv:4:3: error R601 column 'óra': hours must be a number, not text 'abc' [A309]\n"
        "rows.csv:4:4: error R601 column 'megye': value 'Pest' is not allowed for dimension "
        "'county' (allowed: 'Csongrád', 'Békés', 'Bács-Kiskun') [A308]\n"
    )
    assert snapshot(projects.parent) == before


def test_a_non_utf8_file_is_refused_clearly_and_its_encoding_can_be_named(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv = write_csv(
        projects, "dátum;tevékenység;óra\n2011-01-05;consultation;1\n", encoding="cp1250"
    )
    before = snapshot(projects.parent)
    code, out, err = run(capsys, projects, csv)
    assert (code, out) == (1, "")
    assert err == (
        "rows.csv:1:2: error I701 the file is not valid utf-8 (byte 0xe1)\n"
        "  hint: in Excel save it as 'CSV UTF-8'; or name its encoding: --encoding cp1250\n"
    )
    assert snapshot(projects.parent) == before
    assert run(capsys, projects, csv, "--encoding", "cp1250")[0] == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "date;what;hours\n2011-01-05;x;1\n",
            "rows.csv:1:2: error I703 unknown column 'what'\n"
            "  hint: to import it, declare it in project.yaml: dimensions: {what: {name: what}}\n"
            "rows.csv:1:1: error I704 no column for 'activity' (e.g. activity, tevékenység)\n",
        ),
        (
            "date;activity;dátum\n2011-01-05;consultation;2011-01-05\n",
            "rows.csv:1:3: error I705 columns 'date' and 'dátum' both give 'date'\n",
        ),
        (
            "",
            "rows.csv:1:1: error I702 the file has no header row\n"
            "  hint: the first row names the columns: "
            "date, activity, hours, …\n",
        ),
        (
            "date;activity;tevekenyseg\n",
            "rows.csv:1:3: error I705 columns 'activity' and 'tevekenyseg' both give 'activity'\n",
        ),
        (
            "date;activity\n2011-01-05;consultation;oops\n",
            "rows.csv:2:3: error I706 row has 3 cells, the header 2\n",
        ),
        (
            "date;activity;helyszin;megjegyzes;hourz\n2011-01-05;consultation;Szeged;;1\n",
            "rows.csv:1:5: error I703 unknown column 'hourz'\n  hint: did you mean 'hours'? or to "
            "import it, declare it in project.yaml: dimensions: {hourz: {name: hourz}}\n",
        ),
        (
            "dátum;tevékenység;Helyszín típusa\n2011-01-05;consultation;terem\n",
            "rows.csv:1:3: error I703 unknown column 'Helyszín típusa'\n  hint: did you mean "
            "'helyszín'? or to import it, declare it in project.yaml: dimensions: "
            "{helyszin_tipusa: {name: Helyszín típusa}}\n",
        ),
        (
            "dátum;tevékenység;Emelet, ajtó\n2011-01-05;consultation;2\n",
            "rows.csv:1:3: error I703 unknown column 'Emelet, ajtó'\n  hint: to import it, "
            'declare it in project.yaml: dimensions: {emelet_ajto: {name: "Emelet, ajtó"}}\n',
        ),
    ],
)
def test_header_and_row_shape_problems(
    projects: Path, capsys: pytest.CaptureFixture[str], text: str, expected: str
) -> None:
    csv = write_csv(projects, text)
    before = snapshot(projects.parent)
    code, out, err = run(capsys, projects, csv)
    assert (code, out, err) == (1, "", expected)
    assert snapshot(projects.parent) == before


def test_re_running_an_import_is_refused_or_skips_what_is_there(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv = write_csv(projects, EXCEL_HU)
    assert run(capsys, projects, csv)[0] == 0
    done = snapshot(projects.parent)
    code, out, err = run(capsys, projects, csv)
    assert (code, out) == (1, "")
    assert (
        "rows.csv: error R606 nothing was written: 3 new entry/entries are already recorded\n"
        in err
    )
    assert (
        "rows.csv:2:1: warning R603 the same entry is already recorded at "
        "projects/demo/actuals/2011-01.yaml:18\n" in err
    )
    assert snapshot(projects.parent) == done
    code, out, err = run(capsys, projects, csv, "--skip-duplicates")
    assert code == 0
    assert out == "3 already recorded entries skipped\nNo new entries; nothing was written.\n"
    assert err.count("warning R604 skipped: the same entry is already recorded at") == 3
    assert snapshot(projects.parent) == done
    assert run(capsys, projects, csv, "--allow-duplicates")[0] == 0
    assert snapshot(projects.parent) != done
    assert (
        main(
            [
                "import",
                "demo",
                str(csv),
                "--skip-duplicates",
                "--allow-duplicates",
                "--projects",
                str(projects),
            ]
        )
        == 2
    )


def test_an_import_broken_off_between_two_files_is_completed_by_the_next_command(
    projects: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The month files of an import are written all or none: once every new file is on disk, the
    data directory's journal commits them; a failure (or a crash) between two renames leaves the
    journal, from which the next command completes the import before it reads anything."""
    csv = write_csv(projects, EXCEL_HU)
    clean = projects.parent / "clean"
    shutil.copytree(projects, clean / "projects")
    assert (
        main(["import", "demo", str(csv), "--projects", str(clean / "projects"), "--as-of", AS_OF])
        == 0
    )
    original_replace = Path.replace

    def second_month_fails(self: Path, target: str | Path) -> Path:
        if Path(target).name == "2011-02.yaml":
            raise OSError(28, "No space left on device")
        return original_replace(self, target)

    monkeypatch.setattr(Path, "replace", second_month_fails)
    code, _, err = run(capsys, projects, csv)
    monkeypatch.setattr(Path, "replace", original_replace)
    assert code == 1
    assert err == (
        "szaktar: cannot write projects/demo/actuals/2011-02.yaml: No space left on device; the "
        "write stays in projects/.szaktar.journal; it is completed by the next szaktar command "
        "that reads or writes this data\n"
    )
    assert (projects / ".szaktar.journal").is_file()
    assert main(["validate", "--projects", str(projects), "--as-of", AS_OF]) == 0
    capsys.readouterr()
    assert not (projects / ".szaktar.journal").exists()
    assert not list((projects / "demo" / "actuals").glob(".*.tmp"))
    for month in ("2011-01.yaml", "2011-02.yaml"):
        assert (projects / "demo" / "actuals" / month).read_bytes() == (
            clean / "projects" / "demo" / "actuals" / month
        ).read_bytes()


def test_identical_rows_in_one_file_are_both_recorded_with_a_warning(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv = write_csv(projects, "date,activity,hours\n2011-04-01,coaching,1\n2011-04-01,coaching,1\n")
    code, out, err = run(capsys, projects, csv)
    assert code == 0
    assert err == (
        "rows.csv:3:1: warning R607 the same entry as in row 2\n"
        "  hint: both are recorded; if they are one event, delete a row\n"
    )
    assert "(+2)" in out


def test_dry_run_shows_the_entries_and_writes_nothing(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv = write_csv(projects, "date,activity,hours\n2011-05-02,training,8\n")
    before = snapshot(projects.parent)
    code, out, _ = run(capsys, projects, csv, "--dry-run")
    assert code == 0
    assert out == (
        "Dry run, nothing written; would go to projects/demo/actuals/2011-05.yaml (+1)\n"
        "- date: 2011-05-02\n"
        "  activity: training\n"
        "  hours: 8\n"
        "Indicators fed:\n"
        "  Havi tréningórák (2011-05): 0 → 8 / 8 hours\n"
    )
    assert snapshot(projects.parent) == before


def test_progress_is_reported_by_phase(projects: Path) -> None:
    rows = "".join(f"2011-06-{1 + n % 28:02d},consultation,1,row {n}\n" for n in range(1200))
    csv = write_csv(projects, "date,activity,hours,note\n" + rows)
    calls: list[tuple[str, int, int]] = []
    recording = import_table(
        projects / "demo",
        csv,
        as_of=dt.date(2011, 12, 31),
        progress=lambda phase, done, total: calls.append((phase, done, total)),
    )
    assert recording.written
    size = csv.stat().st_size  # reading goes by the bytes read (the file is read in a stream)
    assert calls == [
        ("read", size, size),  # every 500 rows, as far as the file has been read
        ("read", size, size),
        ("read", size, size),
        ("check", 0, 0),
        ("check", 1, 1),
        ("write", 0, 1),
        ("write", 1, 1),
    ]


@pytest.mark.parametrize(
    ("text", "comma", "whole", "expected"),
    [
        ("1,5", True, False, 1.5),
        ("1.5", True, False, 1.5),
        ("1 236,5", True, False, 1236.5),
        ("1.236,5", True, False, 1236.5),
        ("1\u00a0236", True, True, 1236),
        ("12", False, True, 12),
        ("12,0", True, True, 12),
        ("1,5", False, False, "1,5"),
        ("abc", True, False, "abc"),
        ("-3", True, False, -3),
    ],
)
def test_parse_number(text: str, comma: bool, whole: bool, expected: object) -> None:
    result = parse_number(text, decimal_comma=comma, whole=whole)
    assert result == expected
    assert type(result) is type(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2011-03-14", dt.date(2011, 3, 14)),
        ("2011.03.14.", dt.date(2011, 3, 14)),
        ("2011. 03. 14.", dt.date(2011, 3, 14)),
        ("2011.3.4", dt.date(2011, 3, 4)),
        ("2011.02.30.", "2011-02-30"),  # the ISO form: A314 says why it is no day
        ("14/03/2011", "14/03/2011"),
    ],
)
def test_parse_date(text: str, expected: object) -> None:
    assert parse_date(text) == expected


def test_dialect_and_header_normalisation() -> None:
    assert sniff_delimiter("a;b;c\n1,5;2;3\n") == ";"
    assert sniff_delimiter("a,b,c\n") == ","
    assert sniff_delimiter("a\tb\n") == "\t"
    assert sniff_delimiter("date\n") == ","
    assert normalize("  Résztvevők   SZÁMA ") == "resztvevok szama"


# --- quotes, line breaks and files that are not files (issue 18, items 3 and 15) --------------

UNCLOSED = "date;activity;hours;note\n" + "2011-01-05;consultation;1;\"room 2\n" + "".join(
    f"2011-01-{6 + n % 20:02d};consultation;1;row {n}\n" for n in range(48)
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            UNCLOSED,
            "rows.csv:2:27: error I709 a quote opened here is closed only on line 50: the cell "
            "spans 49 lines",
        ),
        (
            'date;activity;hours;note\n2011-01-05;consultation;1;"first\nsecond"\n',
            "rows.csv:2:27: error I709 a quote opened here is closed only on line 3: the cell "
            "spans 2 lines",
        ),
        (
            'date;activity;hours;note\n2011-01-05;consultation;1;"5" meeting\n',
            "rows.csv:2:27: error I710 a quoted text is followed by more text in its cell",
        ),
        (
            'date;activity;hours;note\n2011-01-05;consultation;1;the "5" meeting\n',
            "rows.csv:2:31: error I710 a quote in the middle of a cell",
        ),
    ],
    ids=["unclosed", "line-break", "quoted-then-more", "quote-inside"],
)
def test_a_quote_out_of_place_is_an_error_where_it_opens_and_nothing_is_written(
    projects: Path, capsys: pytest.CaptureFixture[str], text: str, expected: str
) -> None:
    csv = write_csv(projects, text)
    before = snapshot(projects.parent)
    code, out, err = run(capsys, projects, csv)
    assert (code, out) == (1, "")
    assert err.startswith(expected + "\n"), err
    assert snapshot(projects.parent) == before


def test_a_quoted_cell_with_the_delimiter_or_a_doubled_quote_is_fine(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv = write_csv(
        projects, 'date;activity;hours;note\n2011-01-05;consultation;1;"a; ""b"" c"\n'
    )
    assert run(capsys, projects, csv)[0] == 0
    written = (projects / "demo" / "actuals" / "2011-01.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(written)[-1]["note"] == 'a; "b" c'


@pytest.mark.parametrize("kind", ["fifo", "zero", "directory"])
def test_only_a_regular_file_is_imported(
    projects: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    path = projects.parent / "rows.csv"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "zero":
        path.symlink_to("/dev/zero")
    else:
        path.mkdir()
    code, _, err = run(capsys, projects, path)
    assert code == 2
    assert "rows.csv" in err
    assert "not a regular file" in err or "directory" in err


def test_a_utf16_file_is_named_as_utf16(projects: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "\ufeffdátum\ttevékenység\n2011-01-05\tconsultation\n"
    csv = write_csv(projects, text, encoding="utf-16-le")
    code, _, err = run(capsys, projects, csv)
    assert code == 1
    assert err.startswith("rows.csv:1:1: error I711 the file is UTF-16")
    assert run(capsys, projects, csv, "--encoding", "utf-16")[0] == 0
