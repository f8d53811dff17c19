"""The per-file cache: hits, misses, damaged and foreign records, versions, concurrency, opt-out."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from hashlib import sha256
from pathlib import Path
from typing import Any

import pytest
from platformdirs import user_cache_dir

from szaktar_cli.checks import rules
from szaktar_cli.checks.workspace import load_workspace
from szaktar_cli.cli.commands import status as status_command
from szaktar_cli.cli.main import main
from szaktar_cli.compute import judge as compute
from szaktar_cli.core.diagnostics import Diagnostic, diag
from szaktar_cli.core.errors import DataError
from szaktar_cli.core.model import Project
from szaktar_cli.read import cache as cache_module
from szaktar_cli.read import loader, sources, validate
from szaktar_cli.read.cache import MAGIC, FileCache, cache_directory, code_digest
from szaktar_cli.read.loader import LoadedProject

DATA = Path(__file__).parent / "data"
CORPUS = sorted(
    path for kind in ("valid", "invalid") for path in (DATA / kind).iterdir() if path.is_dir()
)
AS_OF = dt.date(2011, 6, 1)
PROJECT = """\
id: tiny
title: Kicsi
start: 2011-01-01
end: 2011-12-31
activities:
  consultation: {name: Konzultáció}
"""
ENTRIES = """\
- date: 2011-01-10
  activity: consultation
  hours: 2
- date: 2011-01-11
  activity: consultation
  hours: 3
"""


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("SZAKTAR_CACHE_DIR", str(directory))
    return directory


@pytest.fixture
def project(tmp_path: Path) -> Path:
    directory = tmp_path / "data" / "tiny"
    (directory / "actuals").mkdir(parents=True)
    (directory / "project.yaml").write_text(PROJECT, encoding="utf-8")
    (directory / "actuals" / "2011-01.yaml").write_text(ENTRIES, encoding="utf-8")
    (directory / "actuals" / "2011-02.yaml").write_text("[]\n", encoding="utf-8")
    return directory


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files actually parsed (not taken from the cache), in order."""
    seen: list[str] = []
    original = loader._load_content

    def counting(file: str, *args: object) -> loader.FileContent:
        seen.append(Path(file).name)
        return original(file, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(loader, "_load_content", counting)
    return seen


def records(cache_dir: Path) -> list[Path]:
    return sorted((cache_dir / cache_module.RECORDS).glob("*.pickle"))


SECRET = b"s" * 32


def anything(_: object) -> bool:
    return True


def entries_of(project: Path) -> list[dict[str, object]]:
    workspace = load_workspace([project], AS_OF, use_cache=True)
    return [dict(entry) for loaded in workspace.projects for entry in loaded.entries()]


# --- hits and misses -------------------------------------------------------------------------


def test_an_unchanged_file_is_not_parsed_again(
    cache_dir: Path, project: Path, parses: list[str]
) -> None:
    first = entries_of(project)
    assert parses == ["2011-01.yaml", "2011-02.yaml"]
    assert len(records(cache_dir)) == 5  # project.yaml, the two files, the project as a whole, and
    # what its checks found
    second = entries_of(project)
    assert parses == ["2011-01.yaml", "2011-02.yaml"]  # nothing parsed the second time
    assert second == first == [
        {"date": dt.date(2011, 1, 10), "activity": "consultation", "hours": 2.0},
        {"date": dt.date(2011, 1, 11), "activity": "consultation", "hours": 3.0},
    ]


def test_cached_entries_are_read_only_when_asked_for(cache_dir: Path, project: Path) -> None:
    cold = load_workspace([project], AS_OF, use_cache=True).projects[0].files[0]
    assert isinstance(cold.stored_entries, list)
    warm = load_workspace([project], AS_OF, use_cache=True).projects[0].files[0]
    assert not isinstance(warm.stored_entries, list)  # still pickled
    assert warm.entries == cold.entries
    assert warm.stored_entries == cold.entries


def test_entries_a_record_may_not_hold_are_not_cached(tmp_path: Path) -> None:
    assert cache_module.Pickled.of([{"date": dt.date(2011, 1, 10)}]) is not None
    assert cache_module.Pickled.of([{"evidence": Path("scan.pdf")}]) is None


def test_a_changed_file_is_parsed_again_and_its_record_replaced(
    cache_dir: Path, project: Path, parses: list[str]
) -> None:
    entries_of(project)
    (project / "actuals" / "2011-01.yaml").write_text(ENTRIES.replace("hours: 3", "hours: 4"))
    changed = entries_of(project)
    assert parses == ["2011-01.yaml", "2011-02.yaml", "2011-01.yaml"]
    assert [entry["hours"] for entry in changed] == [2.0, 4.0]
    assert len(records(cache_dir)) == 5  # one record per file (and for the project as a whole,
    # and the checks), overwritten


def test_the_cached_value_is_kept_for_exactly_that_content_and_name(tmp_path: Path) -> None:
    store = FileCache(tmp_path, b"f" * 32, SECRET)
    source = tmp_path / "2011-01.yaml"
    value = ([{"date": dt.date(2011, 1, 10)}], None, {}, [diag("Y108", "a.yaml", 1, 1)])
    store.store(source, "a.yaml", b"content", value)
    assert store.load(source, "a.yaml", b"content", anything) == value
    assert store.load(source, "a.yaml", b"content!", anything) is None
    assert store.load(source, "other/a.yaml", b"content", anything) is None  # as named in messages
    assert store.load(tmp_path / "2011-02.yaml", "a.yaml", b"content", anything) is None


def test_cached_diagnostics_are_the_ones_a_parse_gives(cache_dir: Path) -> None:
    """Every case of the validate corpus, cold and then warm: the same diagnostics and entries."""
    for case in CORPUS:
        cold = load_workspace([case], AS_OF, use_cache=True)
        warm = load_workspace([case], AS_OF, use_cache=True)
        assert warm.diagnostics == cold.diagnostics, case.name
        assert [p.entries() for p in warm.projects] == [p.entries() for p in cold.projects]
        assert [[(f.origin, f.incomplete) for f in p.files] for p in warm.projects] == [
            [(f.origin, f.incomplete) for f in p.files] for p in cold.projects
        ]
    assert records(cache_dir)


# --- what a project checks and computes to ----------------------------------------------------


@pytest.fixture
def checks_run(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The projects whose checks actually ran (not taken from the cache)."""
    ran: list[str] = []
    original = rules.run_checks

    def counting(loaded: LoadedProject, *args: object) -> list[Diagnostic]:
        ran.append(loaded.name)
        return original(loaded, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(rules, "run_checks", counting)
    return ran


def diagnostics_of(project: Path, as_of: dt.date = AS_OF) -> list[tuple[str, int]]:
    workspace = load_workspace([project], as_of, use_cache=True)
    return [(d.code, d.line) for d in workspace.diagnostics]


def test_checks_are_kept_while_no_file_of_the_project_changes(
    cache_dir: Path, project: Path, checks_run: list[str]
) -> None:
    typo = ENTRIES.replace("consultation\n  hours: 3", "typo\n  hours: 3")
    (project / "actuals" / "2011-01.yaml").write_text(typo)
    expected = [("A307", 5)]  # the second entry's activity
    assert diagnostics_of(project) == expected
    assert diagnostics_of(project) == expected
    assert checks_run == ["tiny"]


@pytest.mark.parametrize(
    "change",
    ["as_of", "project.yaml", "an actuals file", "closed.yaml", "a new file", "a removed file",
     "another file"],
)
def test_checks_run_again_when_an_input_changes(
    cache_dir: Path, project: Path, checks_run: list[str], change: str
) -> None:
    diagnostics_of(project)
    as_of = AS_OF
    if change == "as_of":
        as_of = dt.date(2011, 1, 10)  # the entry of the 11th is then in the future (A323)
    elif change == "project.yaml":
        (project / "project.yaml").write_text(PROJECT.replace("Kicsi", "Nagy"))
    elif change == "an actuals file":
        (project / "actuals" / "2011-02.yaml").write_text("[]\n# later\n")
    elif change == "closed.yaml":
        (project / "closed.yaml").write_text("[]\n")
    elif change == "a new file":
        (project / "actuals" / "2011-03.yaml").write_text("[]\n")
    elif change == "a removed file":
        (project / "actuals" / "2011-02.yaml").unlink()
    else:  # a file no rule reads
        (project / "attendance-2011-01.pdf").write_bytes(b"%PDF-1.4")
        (project / "notes.yaml").write_text("x: 1\n")
    diagnostics = diagnostics_of(project, as_of)
    assert checks_run == (["tiny"] if change == "another file" else ["tiny", "tiny"])
    assert (("A323", 4) in diagnostics) == (change == "as_of")


def test_status_is_computed_once_while_nothing_changes(
    cache_dir: Path,
    project: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    computed: list[str] = []
    original = compute.evaluate_project

    def counting(project: Project, *args: Any, **kwargs: Any) -> compute.ProjectStatus:
        computed.append(project.id)
        return original(project, *args, **kwargs)

    monkeypatch.setattr(compute, "evaluate_project", counting)
    data = str(project.parent)
    command = ["status", "--projects", data, "--as-of", "2011-06-01", "--format", "json"]
    assert main(command) == 0
    first = capsys.readouterr().out
    assert main(command) == 0
    assert capsys.readouterr().out == first
    assert computed == ["tiny"]
    assert main([*command, "--as-of", "2011-06-02"]) == 0  # another day: computed again
    assert main([*command, "--by", "place"]) == 0  # another breakdown: computed again
    assert computed == ["tiny", "tiny", "tiny"]
    capsys.readouterr()


# The bundled projects, asked in many ways: of unchanged files, each answer is the report kept
ASKED = [
    [],
    ["--full"],
    ["--format", "json"],
    ["--format", "csv", "--lang", "en"],
    ["--format", "markdown", "--only-problems"],
    ["--format", "table"],
    ["--group-by", "region"],
    ["--by", "county", "segito-fehervar"],
    ["szaktar-del-alfold", "--check"],
    ["--as-of", "2012-03-31", "--lang", "hu"],
]


def test_a_kept_report_is_the_report_drawn_anew(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = tmp_path / "bundled"
    shutil.copytree(Path(__file__).parents[1] / "projects", data)

    def answer(*asked: str) -> tuple[int, str, str]:
        code = main(["status", "--projects", str(data), "--as-of", "2013-06-30", *asked])
        out, err = capsys.readouterr()
        return code, out, err

    drawn = [answer(*asked, "--no-cache") for asked in ASKED]
    assert len({out for _, out, _ in drawn}) == len(ASKED)  # each asks something else
    assert [answer(*asked) for asked in ASKED] == drawn  # the cache filled
    with monkeypatch.context() as patched:  # then each answer is the one kept
        patched.setattr(status_command, "_report", None)
        assert [answer(*asked) for asked in reversed(ASKED)] == drawn[::-1]


# What a warm `status` does not need: the reader and the parsers (it parses nothing), the models
# and pydantic (it validates nothing), what judges and what draws a report (it prints the one
# drawn before), and the libraries they use
NOT_WARM = (
    "szaktar_cli.read.fastyaml", "szaktar_cli.read.yamlio", "yaml", "ryml",
    "szaktar_cli.read.validate", "szaktar_cli.core.model", "pydantic",
    "szaktar_cli.compute.judge", "szaktar_cli.render.status", "babel", "tabulate",
)
IMPORTED_BY_STATUS = f"""\
import contextlib, io, sys
from szaktar_cli.cli.main import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    main(sys.argv[1:])
print(sorted(name for name in sys.modules if name in {NOT_WARM!r}))
"""


@pytest.mark.parametrize("output_format", ["plain", "json", "table"])
def test_a_warm_status_imports_neither_the_reader_nor_the_models(
    cache_dir: Path, project: Path, output_format: str
) -> None:
    # long enough for rapidyaml, if installed
    (project / "actuals" / "2011-01.yaml").write_text(ENTRIES * 1000, encoding="utf-8")
    close = ["close", "tiny", "2011-02", "--by", "PM-01", "--date", "2011-03-05", "--projects",
             str(project.parent)]
    assert main(close) == 0  # closed.yaml: a warm run validates it no more than the others
    command = [sys.executable, "-c", IMPORTED_BY_STATUS, "status", "--projects",
               str(project.parent), "--as-of", "2011-06-01", "--format", output_format]
    cold, warm = (
        subprocess.run(command, capture_output=True, text=True, check=True, timeout=60).stdout
        for _ in range(2)
    )
    assert cold.strip() != "[]"
    assert warm.strip() == "[]"


# --- a project kept whole ---------------------------------------------------------------------


def kinds_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The kinds of the records read, in order."""
    read: list[str] = []
    original = FileCache.load

    def counting(self: FileCache, *args: Any, **kwargs: Any) -> Any:
        read.append(kwargs.get("kind", args[4] if len(args) > 4 else "file"))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(FileCache, "load", counting)
    return read


def test_a_warm_run_reads_one_record_of_a_project_not_one_of_each_file(
    cache_dir: Path, project: Path, monkeypatch: pytest.MonkeyPatch, parses: list[str]
) -> None:
    expected = diagnostics_of(project)
    read = kinds_read(monkeypatch)
    assert diagnostics_of(project) == expected
    assert read == ["load", "checks"]
    assert entries_of(project) == [  # asked for: from each file's own record
        {"date": dt.date(2011, 1, 10), "activity": "consultation", "hours": 2.0},
        {"date": dt.date(2011, 1, 11), "activity": "consultation", "hours": 3.0},
    ]
    assert parses == ["2011-01.yaml", "2011-02.yaml"]  # (the first run's)


@pytest.mark.parametrize(
    "change", ["an entry", "a misnamed file", "closed.yaml", "a file no rule reads", "the id"]
)
def test_a_project_kept_whole_is_loaded_anew_when_anything_of_it_changes(
    cache_dir: Path, project: Path, change: str
) -> None:
    diagnostics_of(project)
    if change == "an entry":
        typo = ENTRIES.replace("consultation\n  hours: 3", "typo\n  hours: 3")
        (project / "actuals" / "2011-02.yaml").write_text(typo.replace("2011-01", "2011-02"))
    elif change == "a misnamed file":
        (project / "actuals" / "2011-02.yaml").rename(project / "actuals" / "2011-2.yaml")
    elif change == "closed.yaml":
        (project / "closed.yaml").write_text("[{action: close}]\n")
    elif change == "a file no rule reads":
        (project / "notes.txt").write_text("x")
    else:
        (project / "project.yaml").write_text(PROJECT.replace("id: tiny", "id: tiny2"))
    kept = diagnostics_of(project)
    assert kept == [(d.code, d.line) for d in load_workspace([project], AS_OF).diagnostics]
    assert kept != [], change


@pytest.mark.parametrize("processors", [1, 2, 4])
def test_files_are_hashed_alike_on_one_thread_or_several(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, processors: int
) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda _: set(range(processors)), raising=False)
    paths = [tmp_path / f"{index:02}.yaml" for index in range(40)]
    for index, path in enumerate(paths):
        path.write_bytes(bytes(range(256)) * index * 10)
    assert sources.file_digests(paths) == [sha256(path.read_bytes()).digest() for path in paths]
    paths[17].unlink()
    os.mkfifo(paths[17])  # never opened, whichever thread comes to it
    with pytest.raises(sources.UnreadableError):
        sources.file_digests(paths)


def test_entries_whose_record_is_gone_are_read_again_from_their_file(
    cache_dir: Path, project: Path, parses: list[str]
) -> None:
    expected = entries_of(project)
    workspace = load_workspace([project], AS_OF, use_cache=True)  # the project kept whole
    for record in records(cache_dir):  # every actuals file's record gone meanwhile
        if "actuals" in Path(cache_module._source_of(record) or "").parts:
            record.unlink()
    entries = [dict(entry) for loaded in workspace.projects for entry in loaded.entries()]
    assert entries == expected
    assert parses[2:] == ["2011-01.yaml", "2011-02.yaml"]
    assert entries_of(project) == expected  # and their records made again
    assert parses[4:] == []


def test_a_file_changed_after_it_was_hashed_stops_the_run(
    cache_dir: Path, project: Path
) -> None:
    entries_of(project)
    workspace = load_workspace([project], AS_OF, use_cache=True)  # the project kept whole
    shutil.rmtree(cache_dir)
    (project / "actuals" / "2011-01.yaml").write_text(ENTRIES.replace("hours: 2", "hours: 20"))
    with pytest.raises(DataError) as stopped:
        workspace.projects[0].entries()
    assert [d.code for d in stopped.value.diagnostics] == ["L407"]


# --- damaged, foreign and outdated records ------------------------------------------------------


def test_a_truncated_record_is_a_miss_and_is_rebuilt(
    cache_dir: Path, project: Path, parses: list[str]
) -> None:
    expected = entries_of(project)
    for record in records(cache_dir):
        record.write_bytes(record.read_bytes()[:-7])
    assert entries_of(project) == expected
    assert len(parses) == 4  # both files parsed again
    assert entries_of(project) == expected
    assert len(parses) == 4  # and the rebuilt records are used


@pytest.mark.parametrize(
    "content",
    [b"", b"garbage", MAGIC, MAGIC + b"\x00" * 200, b"\x80\x05K\x01."],
    ids=["empty", "text", "magic-only", "zero-header", "bare-pickle"],
)
def test_a_foreign_record_is_ignored(
    cache_dir: Path, project: Path, parses: list[str], content: bytes
) -> None:
    expected = entries_of(project)
    for record in records(cache_dir):
        record.write_bytes(content)
    assert entries_of(project) == expected
    assert len(parses) == 4


def test_a_record_naming_other_classes_is_never_unpickled(tmp_path: Path) -> None:
    """Even with every hash right, only dates and diagnostics may come out of a record."""
    store = FileCache(tmp_path, b"f" * 32, SECRET)
    source = tmp_path / "2011-01.yaml"
    store.store(source, "a.yaml", b"content", [Path("/etc/passwd")])
    assert store.load(source, "a.yaml", b"content", anything) is None


def test_a_record_of_another_version_is_a_miss(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "2011-01.yaml"
    FileCache(tmp_path, code_digest(), SECRET).store(source, "a.yaml", b"content", [1])
    monkeypatch.setattr(cache_module, "__version__", "99.0")
    newer = FileCache(tmp_path, code_digest(), SECRET)
    assert newer.load(source, "a.yaml", b"content", anything) is None


def test_the_fingerprint_follows_szaktars_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = code_digest()
    assert code_digest() == before
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "cache.py").write_text("# one version\n")
    monkeypatch.setattr(cache_module, "__file__", str(package / "cache.py"))
    one = code_digest()
    (package / "cache.py").write_text("# another version\n")
    another = code_digest()
    assert another not in {one, before}
    # a change that keeps the size is a change of its time, as Python tells a stale bytecode
    (package / "cache.py").write_text("# a different version\n")
    os.utime(package / "cache.py", ns=(1, 1))
    same_size = code_digest()
    assert same_size != another
    # the package's data count (labels.json: the words of a kept report), Python's bytecode not
    (package / "labels.json").write_text("{}")
    with_data = code_digest()
    assert with_data != same_size
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "cache.cpython-311.pyc").write_bytes(b"\0")
    assert code_digest() == with_data


# --- concurrency ------------------------------------------------------------------------------

WRITER = """\
import sys
from pathlib import Path
from szaktar_cli.read.cache import FileCache
store = FileCache(Path(sys.argv[1]), b"f" * 32, b"s" * 32)
value = [{"n": n, "text": "x" * 5000} for n in range(200)]
for _ in range(40):
    store.store(Path(sys.argv[1]) / "2011-01.yaml", "a.yaml", b"content", value)
    got = store.load(Path(sys.argv[1]) / "2011-01.yaml", "a.yaml", b"content", lambda _: True)
    assert got is None or got == value, "a half-written record was read"
"""


def test_concurrent_writers_and_readers_see_whole_records(tmp_path: Path) -> None:
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path)], stderr=subprocess.PIPE)
        for _ in range(4)
    ]
    outcomes = [
        (writer.wait(timeout=120), writer.stderr.read() if writer.stderr else b"")
        for writer in writers
    ]
    for writer in writers:
        if writer.stderr:
            writer.stderr.close()
    assert outcomes == [(0, b"")] * 4
    store = FileCache(tmp_path, b"f" * 32, SECRET)
    value = [{"n": n, "text": "x" * 5000} for n in range(200)]
    assert store.load(tmp_path / "2011-01.yaml", "a.yaml", b"content", anything) == value
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".tmp-")] == []


# --- turning it off ---------------------------------------------------------------------------


def test_no_cache_option_neither_reads_nor_writes(
    cache_dir: Path, project: Path, parses: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(project), "--no-cache", "--as-of", "2011-06-01"]) == 0
    assert main(["validate", str(project), "--no-cache", "--as-of", "2011-06-01"]) == 0
    assert len(parses) == 4
    assert not cache_dir.exists()
    assert main(["validate", str(project), "--as-of", "2011-06-01"]) == 0
    assert len(records(cache_dir)) == 5
    capsys.readouterr()


def test_status_takes_no_cache_too(
    cache_dir: Path, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    projects = str(project.parent)
    assert main(["status", "--projects", projects, "--as-of", "2011-06-01", "--no-cache"]) == 0
    assert not cache_dir.exists()
    assert main(["status", "--projects", projects, "--as-of", "2011-06-01"]) == 0
    assert len(records(cache_dir)) == 7  # project.yaml, two files, the project as a whole, the
    # checks, the status and the report drawn of it
    capsys.readouterr()


@pytest.mark.parametrize("value", ["1", "yes"])
def test_the_environment_turns_it_off(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("SZAKTAR_NO_CACHE", value)
    assert cache_directory() is None
    assert FileCache.open() is None


def test_the_default_place_is_the_users_cache_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SZAKTAR_CACHE_DIR")
    monkeypatch.delenv("SZAKTAR_NO_CACHE", raising=False)
    assert cache_directory() == Path(user_cache_dir("szaktar", appauthor=False))
    assert cache_directory(enabled=False) is None


def test_a_cache_directory_that_cannot_be_made_is_no_cache(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    project: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("SZAKTAR_CACHE_DIR", str(blocker))
    assert FileCache.open() is None
    assert main(["validate", str(project), "--as-of", "2011-06-01"]) == 0
    capsys.readouterr()


def test_failing_to_write_a_record_is_not_an_error(tmp_path: Path) -> None:
    store = FileCache(tmp_path / "gone", b"f" * 32, SECRET)  # e.g. removed while szaktar ran
    store.store(tmp_path / "2011-01.yaml", "a.yaml", b"content", [1])
    assert store.load(tmp_path / "2011-01.yaml", "a.yaml", b"content", anything) is None


# --- a file that changes while it is read (issue 18, item 1) -----------------------------------

MISFILED = ENTRIES.replace("2011-01-11", "2011-02-11")  # the second entry in January's file: A306


@pytest.mark.parametrize("changed", ["actuals/2011-01.yaml", "project.yaml"])
def test_a_file_changed_while_it_is_read_is_cached_as_it_was_read(
    cache_dir: Path, project: Path, monkeypatch: pytest.MonkeyPatch, changed: str
) -> None:
    """The cache keys what was loaded by the bytes loaded: a change made between reading a file
    and keying the results must never leave the old results under the new content's key."""
    new_content = {
        "actuals/2011-01.yaml": MISFILED,
        "project.yaml": PROJECT.replace("end: 2011-12-31", "end: 2011-01-10"),  # A305
    }[changed]
    parse = loader.parse

    def parse_then_change(text: str, file: str) -> Any:
        if Path(file).as_posix().endswith(changed) and not (project / "changed").exists():
            (project / changed).write_text(new_content, encoding="utf-8")
            (project / "changed").touch()  # once: the next run reads the new content
        return parse(text, file)

    monkeypatch.setattr(loader, "parse", parse_then_change)
    first = load_workspace([project], AS_OF, use_cache=True)
    assert not first.has_errors()  # what was read: the old content, which is valid
    uncached = load_workspace([project], AS_OF, use_cache=False)
    cached = load_workspace([project], AS_OF, use_cache=True)
    assert uncached.has_errors()  # the new content has an error
    assert [d.code for d in cached.diagnostics] == [d.code for d in uncached.diagnostics]


# --- forged records (issue 18, item 9) --------------------------------------------------------


def forger(cache_dir: Path) -> FileCache:
    """Someone who can write into the cache directory, but does not know the user's secret."""
    return FileCache(cache_dir / cache_module.RECORDS, code_digest(), b"guessed" * 4 + b"....")


def test_a_forged_record_never_changes_the_figures(
    cache_dir: Path, project: Path, parses: list[str]
) -> None:
    expected = entries_of(project)
    month = project / "actuals" / "2011-01.yaml"
    forged = [{"date": dt.date(2011, 1, 10), "activity": "consultation", "hours": 1000.0}]
    pickled = cache_module.Pickled.of(forged)
    for record in records(cache_dir):
        record.unlink()
    file = loader.display_path(month)
    forger(cache_dir).store(month, file, month.read_bytes(), (pickled, None, {}, []))
    assert entries_of(project) == expected


def test_a_record_of_the_wrong_shape_is_a_miss_not_a_crash(
    cache_dir: Path, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    command = ["validate", str(project), "--as-of", "2011-06-01"]
    assert main(command) == 0
    store = FileCache.open()
    assert store is not None
    month = project / "actuals" / "2011-01.yaml"
    for value in ({"not": "a record"}, (1, 2), ("x", None, {}, [])):
        for record in records(cache_dir):
            record.unlink()
        store.store(month, loader.display_path(month), month.read_bytes(), value)
        assert main(command) == 0, value
    capsys.readouterr()


def test_the_secret_is_made_once_and_only_the_user_may_read_it(cache_dir: Path) -> None:
    first = FileCache.open()
    assert first is not None
    secret = cache_dir / cache_module.SECRET_FILE
    assert secret.stat().st_mode & 0o777 == 0o600
    second = FileCache.open()
    assert second is not None
    assert second.secret == first.secret == secret.read_bytes()


@pytest.mark.parametrize("problem", ["readable by others", "a link", "too short"])
def test_a_secret_that_is_not_private_means_no_cache(cache_dir: Path, problem: str) -> None:
    assert FileCache.open() is not None
    secret = cache_dir / cache_module.SECRET_FILE
    if problem == "readable by others":
        secret.chmod(0o644)
    elif problem == "a link":
        moved = cache_dir / "elsewhere"
        secret.rename(moved)
        secret.symlink_to(moved)
    else:
        secret.write_bytes(b"short")
    assert FileCache.open() is None


# --- keeping the cache small (issue 18, item 17) ----------------------------------------------


def test_records_of_files_that_no_longer_exist_are_removed(cache_dir: Path, project: Path) -> None:
    entries_of(project)
    assert len(records(cache_dir)) == 5
    (project / "actuals" / "2011-02.yaml").unlink()
    entries_of(project)  # tidied within the day: nothing goes (the project's and the checks'
    assert len(records(cache_dir)) == 5  # records change)
    (cache_dir / "last-tidy").unlink()  # a day later
    entries_of(project)
    assert len(records(cache_dir)) == 4  # project.yaml, the remaining file, the project as a
    # whole, what the checks found
    shutil.rmtree(project)
    (cache_dir / "last-tidy").unlink()
    FileCache.open().tidy()  # type: ignore[union-attr]
    assert records(cache_dir) == []


def test_records_of_other_formats_and_dead_temporaries_are_removed(
    cache_dir: Path, project: Path
) -> None:
    old = cache_dir / "records-v1"
    old.mkdir(parents=True)
    (old / "a.pickle").write_bytes(b"old")
    entries_of(project)
    assert not old.exists()
    dead = cache_dir / cache_module.RECORDS / ".tmp-killed"
    dead.write_bytes(b"half a record")
    (cache_dir / "last-tidy").unlink()
    entries_of(project)
    assert dead.exists()  # it may be a record being written right now
    os.utime(dead, (1, 1))
    (cache_dir / "last-tidy").unlink()
    entries_of(project)
    assert not dead.exists()


def test_the_cache_stays_under_its_size_bound(
    cache_dir: Path, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entries_of(project)
    largest = max(path.stat().st_size for path in records(cache_dir))
    monkeypatch.setenv("SZAKTAR_CACHE_MAX_MB", str(largest / 1024 / 1024))
    (project / "actuals" / "2011-03.yaml").write_text("[]\n")  # a run that writes a record
    entries_of(project)
    assert 0 < sum(path.stat().st_size for path in records(cache_dir)) <= largest


def test_the_least_recently_used_records_go_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = FileCache(tmp_path / cache_module.RECORDS, b"f" * 32, SECRET)
    store.directory.mkdir()
    (tmp_path / "last-tidy").touch()
    sources = [tmp_path / f"2011-0{month}.yaml" for month in (1, 2, 3)]
    for number, source in enumerate(sources):
        store.store(source, source.name, b"content", [number] * 100)
        os.utime(store._record_path(source, "file"), (1000 + number, 1000 + number))
    assert store.load(sources[0], sources[0].name, b"content", anything) == [0] * 100  # used now
    size = max(path.stat().st_size for path in records(tmp_path))
    monkeypatch.setenv("SZAKTAR_CACHE_MAX_MB", str(2.5 * size / 1024 / 1024))
    store.tidy()
    kept = [source for source in sources
            if store.load(source, source.name, b"content", anything) is not None]
    assert kept == [sources[0], sources[2]]  # the record of 2011-02 was the least recently used


# --- a warm run builds nothing the cache proved (issue 14 §2) ---------------------------------

EVERY_PROJECT = sorted(
    path.parent
    for root in (DATA / "valid", DATA.parent.parent / "projects",
                 DATA.parent.parent / "examples" / "projects")
    for path in root.rglob("project.yaml")
)


@pytest.mark.parametrize("directory", EVERY_PROJECT, ids=lambda path: path.name)
def test_every_project_and_its_status_can_be_kept(directory: Path) -> None:
    """A record may hold what any project and any status are made of: a class left out of the
    unpickler's list would make every warm run compute again, silently."""
    workspace = load_workspace([directory], AS_OF)
    for loaded in workspace.projects:
        assert loaded.project is not None
        assert cache_module.Pickled.of(loaded.project) is not None
        for by in (None, *loaded.project.dimensions, *loaded.project.breakdowns):
            status = compute.evaluate_project(loaded.project, loaded.entries(), AS_OF, by=by)
            assert cache_module.Pickled.of(status) is not None, by


def test_a_warm_run_validates_no_model(
    cache_dir: Path, project: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    command = ["status", "--projects", str(project.parent), "--as-of", "2011-06-01"]
    assert main(command) == 0
    first = capsys.readouterr()

    class NoValidation:
        def __getattr__(self, name: str) -> Any:
            raise AssertionError(f"a warm run used a model ({name})")

    monkeypatch.setattr(validate, "PROJECT_ADAPTER", NoValidation())
    monkeypatch.setattr(validate, "ENTRIES_ADAPTER", NoValidation())
    monkeypatch.setattr(validate, "MANIFEST_ADAPTER", NoValidation())
    assert main(command) == 0
    assert capsys.readouterr() == first
