"""`szaktar init`: a project office's data repository — its settings, the data directory, the
JSON Schemas where the files' modelines point, a .gitignore, a GitHub Actions workflow and a
pre-commit configuration pinned to this szaktar, a README — never over an existing file.

The generated pre-commit hook is run by pre-commit itself (from PyPI, in the test extra), and
the workflow's commands in a fresh virtual environment; both install szaktar at the pinned
version from a wheel of this source tree, as they would from a package index.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]

from files import snapshot
from gitrepo import git
from szaktar_cli import __version__
from szaktar_cli.cli.main import main
from szaktar_cli.core.model import schema_text
from szaktar_cli.read.yamlio import parse
from test_schema import as_json

ROOT = Path(__file__).parent.parent
MADE = [
    "szaktar.toml",
    ".gitignore",
    ".github/workflows/szaktar.yml",
    ".pre-commit-config.yaml",
    "README.md",
    "projects/.gitkeep",
    "schema/project.schema.json",
    "schema/actuals.schema.json",
    "schema/closed.schema.json",
]
PIN = f"szaktar=={__version__}"
MODELINE = re.compile(r"# yaml-language-server: \$schema=(\S+)")
Capture = pytest.CaptureFixture[str]


def run(capsys: Capture, *args: str | Path) -> tuple[int, str, str]:
    code = main([str(arg) for arg in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_init_makes_a_data_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "init", "iroda", "--lang", "hu")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"Létrejött az adattár itt: iroda (szaktar {__version__}, nyelv: hu):",
        *(f"  {place}" for place in MADE),
        # from here the data is found with -C
        "Új projekt: szaktar -C iroda new PROJEKT_AZONOSÍTÓ --title … --start ÉÉÉÉ-HH-NN "
        "--end ÉÉÉÉ-HH-NN",
    ]
    root = tmp_path / "iroda"
    assert sorted(snapshot(root)) == sorted(MADE)
    assert tomllib.loads((root / "szaktar.toml").read_text(encoding="utf-8")) == {
        "projects": "projects",
        "lang": "hu",
    }
    for kind in ("project", "actuals", "closed"):
        assert (root / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8") == (
            schema_text(kind)
        )
    assert (root / "README.md").read_text(encoding="utf-8").startswith("# A projektiroda adatai")


def test_the_workflow_and_the_hook_pin_the_running_szaktar(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "init", "--lang", "en")[0] == 0
    workflow = yaml.safe_load((tmp_path / ".github/workflows/szaktar.yml").read_text("utf-8"))
    steps = workflow["jobs"]["validate"]["steps"]
    assert [step.get("run") for step in steps if "run" in step] == [
        f'pip install "{PIN}"', "szaktar validate"
    ]
    hooks = yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text("utf-8"))
    hook, layout = hooks["repos"][0]["hooks"]
    assert (hook["entry"], hook["additional_dependencies"]) == ("szaktar validate", [PIN])
    assert re.match(hook["files"], "projects/demo/actuals/2011-03.yaml")
    assert re.match(hook["files"], "szaktar.toml")
    assert not re.match(hook["files"], "README.md")
    # fmt --check gets the files a commit changes: the project files, nothing else
    assert (layout["entry"], layout["additional_dependencies"]) == ("szaktar fmt --check", [PIN])
    assert layout.get("pass_filenames", True)
    for data_file in ("projects/demo/project.yaml", "projects/demo/actuals/2011-03.yml"):
        assert re.match(layout["files"], data_file)
    for other in ("projects/demo/closed.yaml", "szaktar.toml", ".github/workflows/szaktar.yml"):
        assert not re.match(layout["files"], other)
    assert (tmp_path / "README.md").read_text(encoding="utf-8").startswith("# The project office")


def test_init_never_replaces_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "README.md").write_text("# Our own\n", encoding="utf-8")
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "szaktar.yml").write_text("name: x\n", encoding="utf-8")
    before = snapshot(tmp_path)
    code, out, err = run(capsys, "init", "--lang", "en")
    assert (code, out) == (2, "")
    assert err == (
        "szaktar: .github/workflows/szaktar.yml, README.md: already in .; nothing was written\n"
    )
    assert snapshot(tmp_path) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == [".github", "README.md"]


def test_init_twice_refuses_and_names_every_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "init", "--lang", "en")[0] == 0
    before = snapshot(tmp_path)
    code, _, err = run(capsys, "init", ".", "--lang", "en")
    assert code == 2
    assert err.startswith("szaktar: szaktar.toml, .gitignore, .github/workflows/szaktar.yml, ")
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("where", ["projects", "projects/demo", "projects/demo/actuals"])
def test_init_inside_the_data_directory_of_a_repository_refuses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture, where: str
) -> None:
    """A second repository in the data directory of the first would be read as a project."""
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "init", "--lang", "en")[0] == 0
    assert run(capsys, "new", "demo", "--start", "2011-01-01", "--end", "2011-12-31")[0] == 0
    before = snapshot(tmp_path)
    code, out, err = run(capsys, "init", where, "--lang", "en")
    assert (code, out) == (2, "")
    assert err == (
        f"szaktar: {where} is inside the data directory (projects) of the data repository in .; "
        "nothing was written\n"
    )
    assert snapshot(tmp_path) == before


def test_init_around_the_data_an_office_already_has(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    """An existing data directory is kept as it is: no .gitkeep in it, its projects found."""
    demo = Path(__file__).parent / "data" / "valid" / "demo"
    shutil.copytree(demo, tmp_path / "projects" / "demo")
    monkeypatch.chdir(tmp_path / "projects" / "demo")
    code, out, _ = run(capsys, "-C", "../..", "init", "--lang", "en")
    assert code == 0
    assert "  projects/.gitkeep" not in out.splitlines()
    assert out.splitlines()[-1].startswith("Start a project: szaktar new PROJECT_ID")
    assert not (tmp_path / "projects" / ".gitkeep").exists()
    assert run(capsys, "validate", "--as-of", "2011-06-30")[0] == 0


def test_the_modelines_of_written_files_point_at_the_schemas_init_placed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    """Each file `new`, `log` and `close` write names, on its first line, a schema that exists
    in the repository, and the file is valid against it (as an editor would check it)."""
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "init", "--lang", "en")[0] == 0
    monkeypatch.chdir(tmp_path / "projects")  # anywhere in the repository
    for command in (
        ["new", "p", "--start", "2011-01-01", "--end", "2011-12-31"],
        ["log", "p", "--date", "2011-01-10", "--activity", "consultation", "--hours", "2",
         "--as-of", "2011-02-10"],
        ["close", "p", "2011-01", "--by", "SZ-001", "--date", "2011-02-10"],
    ):
        assert run(capsys, *command)[0] == 0, command
    written = [
        tmp_path / "projects/p/project.yaml",
        tmp_path / "projects/p/actuals/2011-01.yaml",
        tmp_path / "projects/p/closed.yaml",
    ]
    for path in written:
        text = path.read_text(encoding="utf-8")
        modeline = MODELINE.match(text)
        assert modeline is not None, path
        schema_path = (path.parent / modeline.group(1)).resolve()
        assert schema_path.parent == tmp_path / "schema"
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        data = parse(text, str(path)).data
        assert list(Draft202012Validator(schema).iter_errors(as_json(data))) == [], path


def test_git_status_after_every_writing_command_shows_data_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "init", "--lang", "en")[0] == 0
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    assert git(tmp_path, "status", "--porcelain", "--untracked-files=all").splitlines() == [
        f"A  {place}" for place in sorted(MADE)
    ]
    git(tmp_path, "-c", "user.name=SZ-001", "-c", "user.email=a@example.org",
        "commit", "-q", "-m", "init")
    (tmp_path / "rows.csv").write_text(
        "date,activity,hours\n2011-02-01,consultation,1\n", encoding="utf-8"
    )
    as_of = ("--as-of", "2011-03-10")
    for command in (
        ["new", "p", "--start", "2011-01-01", "--end", "2011-12-31"],
        ["log", "p", "--date", "2011-01-10", "--activity", "consultation", *as_of],
        ["import", "p", "rows.csv", *as_of],
        ["close", "p", "2011-01", "--by", "SZ-001", "--date", "2011-02-10"],
        ["reopen", "p", "2011-01", "--by", "SZ-001", "--reason", "typo", "--date", "2011-02-11"],
        ["export", "--month", "2011-02", "--excel", "-o", "2011-02.csv", *as_of],
        ["export", "--month", "2011-02", "-o", "2011-02.xlsx", *as_of],
        ["report", "-o", "report.html", *as_of],
    ):
        assert run(capsys, *command)[0] == 0, command
    # data files only: no lock, no temporary file, no export, no .gitignore or .gitkeep of the
    # project's own (the repository's .gitignore covers the data directory)
    assert git(tmp_path, "status", "--porcelain", "--untracked-files=all").splitlines() == [
        "?? projects/p/actuals/2011-01.yaml",
        "?? projects/p/actuals/2011-02.yaml",
        "?? projects/p/closed.yaml",
        "?? projects/p/project.yaml",
    ]


# --- the generated CI, run -------------------------------------------------------------------


@pytest.fixture(scope="module")
def wheels(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel of this source tree: where pip finds szaktar at the pinned version. It is built
    from a copy, so that the build leaves nothing in the tree."""
    source, directory = tmp_path_factory.mktemp("source"), tmp_path_factory.mktemp("wheels")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
    )
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir",
         str(directory), str(source)],
        check=True, capture_output=True, timeout=600,
    )
    return directory


def office_with_a_project(root: Path, capsys: Capture) -> None:
    """An office's repository, as after `szaktar init` and `szaktar new`, under git."""
    assert run(capsys, "init", root, "--lang", "en")[0] == 0
    dates = ["--start", "2011-01-01", "--end", "2011-12-31", "--lang", "en"]
    assert run(capsys, "new", "p", "--projects", root / "projects", *dates)[0] == 0
    git(root, "init", "-q")
    git(root, "add", "-A")


def environment(home: Path, wheels: Path, path: str) -> dict[str, str]:
    return {
        "HOME": str(home),
        "PATH": path,
        "PIP_FIND_LINKS": str(wheels),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "GIT_CONFIG_GLOBAL": "/dev/null",
        "GIT_CONFIG_NOSYSTEM": "1",
        "SZAKTAR_TODAY": "2011-03-10",
        "LANG": "C.UTF-8",
    }


def test_the_pre_commit_hook_validates_the_data(
    tmp_path: Path, wheels: Path, capsys: Capture
) -> None:
    """pre-commit installs szaktar at the pinned version into its own environment and runs the
    hooks: they pass on valid data in the canonical layout; validate fails, with the diagnostic,
    on a broken file; fmt --check on a valid file in another layout, naming it."""
    root = tmp_path / "office"
    office_with_a_project(root, capsys)
    env = environment(tmp_path, wheels, os.environ["PATH"])
    env["PRE_COMMIT_HOME"] = str(tmp_path / "pre-commit")
    hook = [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"]

    def hooks() -> subprocess.CompletedProcess[str]:
        git(root, "add", "-A")
        return subprocess.run(
            hook, cwd=root, env=env, capture_output=True, text=True, timeout=900, check=False
        )

    done = hooks()
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"^szaktar validate\.+Passed$", done.stdout, re.MULTILINE), done.stdout
    assert re.search(r"^szaktar fmt --check\.+Passed$", done.stdout, re.MULTILINE), done.stdout
    month = root / "projects" / "p" / "actuals" / "2011-01.yaml"
    month.write_text("- activity: consultation\n  date: 2011-01-04\n", encoding="utf-8")
    done = hooks()
    assert done.returncode == 1
    assert re.search(r"^szaktar validate\.+Passed$", done.stdout, re.MULTILINE), done.stdout
    assert re.search(r"^szaktar fmt --check\.+Failed$", done.stdout, re.MULTILINE), done.stdout
    assert "Would format projects/p/actuals/2011-01.yaml" in done.stdout
    month.unlink()
    month = root / "projects" / "p" / "actuals" / "2011-02.yaml"
    month.write_text("- date: 2011-02-01\n  activity: consultaton\n", encoding="utf-8")
    done = hooks()
    assert done.returncode == 1
    assert re.search(r"^szaktar validate\.+Failed$", done.stdout, re.MULTILINE), done.stdout
    assert (
        "projects/p/actuals/2011-02.yaml:2:13: error A307 unknown activity kind 'consultaton'"
        in done.stdout
    )


def test_the_workflow_commands_run_in_a_fresh_environment(
    tmp_path: Path, wheels: Path, capsys: Capture
) -> None:
    """Every `run:` of the workflow, the monthly export's (commented out) too, in a new virtual
    environment: szaktar installs at the pinned version, validates, exports."""
    root = tmp_path / "office"
    office_with_a_project(root, capsys)
    text = (root / ".github" / "workflows" / "szaktar.yml").read_text(encoding="utf-8")
    start = text.index("  # monthly-export:")
    uncommented = re.sub(r"(?m)^(\s*)# (schedule:|  - cron)", r"\1\2", text[:start]) + re.sub(
        r"(?m)^(\s*)# ", r"\1", text[start:]
    )
    workflow = yaml.safe_load(uncommented)
    assert workflow[True]["schedule"] == [{"cron": "0 6 5 * *"}]  # YAML 1.1 reads `on` as true
    commands = [
        step["run"] for job in ("validate", "monthly-export")
        for step in workflow["jobs"][job]["steps"] if "run" in step
    ]
    assert commands == [
        f'pip install "{PIN}"', "szaktar validate",
        f'pip install "{PIN}"', "szaktar export --excel -o export.csv",
    ]
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    env = environment(tmp_path, wheels, f"{venv / 'bin'}:/usr/bin:/bin")
    for command in commands:
        done = subprocess.run(
            ["bash", "-c", command], cwd=root, env=env, capture_output=True, text=True,
            timeout=900, check=False,
        )
        assert done.returncode == 0, (command, done.stdout, done.stderr)
    assert (venv / "bin" / "szaktar").is_file()
    # in the office's language (szaktar.toml: en)
    assert (root / "export.csv").read_bytes().startswith(b"\xef\xbb\xbfproject;")
