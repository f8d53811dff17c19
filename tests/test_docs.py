"""The documentation shows what szaktar really does, and names only what exists.

Every console block of README.md, docs/*.md and examples/README.md that shows a command
(`$ szaktar …`, `$ cat …`) is run, and what it prints is compared with what the block shows
(a command shown without its output, to type and not to test, goes in a `sh` block):

- A document's blocks run in order, in one temporary directory (a *session*), as a reader
  would type them. A session starts with a copy of the repository's data (`projects/`,
  `examples/projects/`, `schema/` and the test projects the docs use); the marker
  `<!-- session: empty -->` on its own line starts a new one in an empty directory
  (`<!-- session: repository -->` a new one with the copy).
- A block preceded by `<!-- file: PATH -->` is a file the reader writes: its text is written
  to PATH (`<!-- file: PATH bom crlf -->`: with a UTF-8 byte order mark and CRLF line ends,
  as Excel saves a CSV). A block preceded by `<!-- fill: PATH -->` is what the reader types
  into the workbook at PATH, as `;`-separated rows under a copy of its header row (which must
  be the sheet's): each cell as a Hungarian Excel takes it, `2011.03.08.` a date, `1,5` a
  number, anything else text.
- In a console block, `$ ` starts a command (a line ending in `\\` continues it); the lines
  up to the next command are what it prints: what a terminal shows, stderr before stdout,
  trailing spaces and a byte order mark (which a terminal does not show) left out. A line
  `[…]` stands for any number of lines. `szaktar …` runs in this process (piped: plain
  text); `2>/dev/null` after it hides stderr. Anything else runs in bash, with git set up
  with a fixed author and date. A command that fails must be followed by `$ echo $?`,
  which shows its exit code.
- `SZAKTAR_UPDATE_GOLDEN=1 pytest tests/test_docs.py` writes what the commands print into
  the blocks (not into blocks with `[…]`); read the diff before committing it.

Besides: every relative link and anchor resolves, every repository file the prose names
exists, and no tracked file names a file outside the repository.
"""

from __future__ import annotations

import difflib
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pytest

from golden import UPDATE
from markdown import Block, Document
from szaktar_cli.cli.main import main
from workbooks import fill, typed_as_excel

ROOT = Path(__file__).parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), ROOT / "examples" / "README.md"]
# What a "repository" session starts with: the data the documents' examples read.
REPOSITORY_DATA = (
    "projects", "examples/projects", "schema",
    "tests/data/report", "tests/data/audit", "tests/data/breakdowns", "tests/data/contracts",
    "tests/golden/export/projects",
)
ELISION = "[…]"
HIDE_STDERR = "2>/dev/null"
SHELL_SYNTAX = {"|", "||", "&&", ";", ">", ">>", "<", "2>&1", "&"}
# The clock of every commit a document makes.
GIT_DATE = "2010-06-30T16:00:00+02:00"


@dataclass
class Command:
    text: str
    shown: list[str]  # what the block shows it prints
    block: Block
    line: int  # where the command is (1-based)
    first: int  # the index in block.lines of the first line it prints

    @property
    def elided(self) -> bool:
        return ELISION in self.shown


@dataclass
class FileToWrite:
    path: str
    text: str
    options: list[str]


@dataclass
class WorkbookToFill:
    path: str
    rows: list[list[str]]  # the header row, then the rows typed under it


@dataclass
class Session:
    kind: str
    line: int
    steps: list[Command | FileToWrite | WorkbookToFill] = field(default_factory=list)


def commands_of(block: Block) -> list[Command]:
    commands: list[Command] = []
    lines = list(block.lines)
    index = 0
    while index < len(lines):
        if not lines[index].startswith("$ "):
            index += 1
            continue
        text, line = lines[index][2:], block.line + 1 + index
        while text.endswith("\\") and index + 1 < len(lines):
            index += 1
            text = text[:-1].rstrip() + " " + lines[index].strip()
        first = index = index + 1
        while index < len(lines) and not lines[index].startswith("$ "):
            index += 1
        shown = lines[first:index]
        while shown and not shown[-1].strip():
            shown.pop()
        commands.append(Command(text, shown, block, line, first))
    return commands


def shows_commands(block: Block) -> bool:
    return block.lang == "console" and any(line.startswith("$ ") for line in block.lines)


def sessions(doc: Document) -> list[Session]:
    found = [Session("repository", 1)]
    for part in doc.parts():
        marker = part if isinstance(part, tuple) else part.marker
        if marker and marker[0] == "session":
            assert marker[1] in {"empty", "repository"}, f"{doc.path.name}: {marker}"
            found.append(Session(marker[1], part.line if isinstance(part, Block) else 0))
        if not isinstance(part, Block):
            continue
        if part.marker and part.marker[0] == "file":
            path, *options = part.marker[1].split()
            found[-1].steps.append(FileToWrite(path, "\n".join(part.lines) + "\n", options))
        elif part.marker and part.marker[0] == "fill":
            rows = [line.split(";") for line in part.lines]
            found[-1].steps.append(WorkbookToFill(part.marker[1], rows))
        elif shows_commands(part):
            found[-1].steps.extend(commands_of(part))
    return [session for session in found if session.steps]


def doc_sessions() -> list[tuple[Path, int]]:
    return [(path, number) for path in DOCS for number in range(len(sessions(Document.read(path))))]


def shown_by_a_terminal(text: str) -> list[str]:
    lines = [line.rstrip().replace("\ufeff", "") for line in text.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def matches(shown: list[str], printed: list[str]) -> bool:
    """Whether `printed` is `shown`, each `[…]` standing for any number of lines."""
    if ELISION not in shown:
        return shown == printed
    parts: list[list[str]] = [[]]
    for line in shown:
        if line == ELISION:
            parts.append([])
        else:
            parts[-1].append(line)
    head, *middle, tail = parts
    position, end = len(head), len(printed) - len(tail)
    if end < position or printed[:position] != head or printed[end:] != tail:
        return False
    for part in middle:  # each in order, as early as it occurs
        starts = [
            start for start in range(position, end - len(part) + 1)
            if printed[start:start + len(part)] == part
        ]
        if not starts:
            return False
        position = starts[0] + len(part)
    return True


class Reader:
    """Types a session's commands in its directory, as the reader of the document would."""

    def __init__(self, directory: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.directory, self.capsys = directory, capsys
        (home / ".gitconfig").write_text(
            "[user]\n\tname = SZ-014\n\temail = sz-014@example.org\n"
            "[init]\n\tdefaultBranch = main\n",
            encoding="utf-8",
        )
        self.environment = {
            "PATH": os.pathsep.join([str(Path(sys.executable).parent), "/usr/local/bin",
                                     "/usr/bin", "/bin"]),
            "HOME": str(home),
            "LANG": "C.UTF-8",
            "GIT_CONFIG_GLOBAL": str(home / ".gitconfig"),
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_DATE": GIT_DATE,
            "GIT_COMMITTER_DATE": GIT_DATE,
            "GIT_CEILING_DIRECTORIES": str(directory.parent),
        }
        self.exit_code = 0

    def write(self, step: FileToWrite) -> None:
        text = step.text.replace("\n", "\r\n") if "crlf" in step.options else step.text
        path = self.directory / step.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(("\ufeff" if "bom" in step.options else "").encode() + text.encode())

    def fill(self, step: WorkbookToFill) -> None:
        """Type the rows into the workbook's first sheet, under its header."""
        path = self.directory / step.path
        header, *rows = step.rows
        sheet = openpyxl.load_workbook(path, read_only=True).worksheets[0]
        assert [cell.value for cell in next(sheet.iter_rows(max_row=1))][: len(header)] == header
        fill(path, [[typed_as_excel(text) for text in row] for row in rows])

    def run(self, command: str) -> list[str]:
        if command == "echo $?":
            shown, self.exit_code = [str(self.exit_code)], 0
            return shown
        words = shlex.split(command)
        if words[0] != "szaktar":
            done = subprocess.run(
                ["bash", "-c", command], cwd=self.directory, env=self.environment,
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120,
                check=False,
            )
            self.exit_code = done.returncode
            return shown_by_a_terminal(done.stdout)
        hide_stderr = words[-1] == HIDE_STDERR
        arguments = words[1:-1] if hide_stderr else words[1:]
        self.capsys.readouterr()
        self.exit_code = main(arguments)
        captured = self.capsys.readouterr()
        return shown_by_a_terminal(captured.out if hide_stderr else captured.err + captured.out)


def shell_syntax(command: str) -> list[str]:
    """What a `szaktar …` line uses of the shell, beyond `2>/dev/null` at its end."""
    words = shlex.split(command)
    if words[0] != "szaktar":
        return []
    return sorted(SHELL_SYNTAX.intersection(words[1:-1] if words[-1] == HIDE_STDERR else words))


@dataclass
class Problem:
    command: Command
    message: str
    printed: list[str] | None = None  # what the command printed, when it is not what is shown

    def describe(self, path: Path) -> str:
        where = f"{path.relative_to(ROOT)}:{self.command.line}"
        return f"{where}: $ {self.command.text}\n{self.message}"


def replay(session: Session, reader: Reader) -> list[Problem]:
    problems = []
    for index, step in enumerate(session.steps):
        if isinstance(step, FileToWrite):
            reader.write(step)
            continue
        if isinstance(step, WorkbookToFill):
            reader.fill(step)
            continue
        syntax = shell_syntax(step.text)
        if syntax:
            problems.append(Problem(step, f"write it without {syntax}: it runs in-process"))
            continue
        printed = reader.run(step.text)
        if not matches(step.shown, printed):
            diff = difflib.unified_diff(step.shown, printed, "shown", "printed", lineterm="")
            problems.append(Problem(step, "\n".join(diff), printed))
        following = session.steps[index + 1:index + 2]
        shows_code = [getattr(step, "text", "") for step in following] == ["echo $?"]
        if reader.exit_code != 0 and not shows_code:
            problems.append(Problem(step, f"exited {reader.exit_code}: show it (`$ echo $?`)"))
    return problems


@pytest.mark.parametrize(
    ("path", "number"),
    doc_sessions(),
    ids=[f"{path.relative_to(ROOT)}-{number + 1}" for path, number in doc_sessions()],
)
def test_the_commands_print_what_the_docs_show(
    path: Path,
    number: int,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    session = sessions(Document.read(path))[number]
    directory, home = tmp_path / "session", tmp_path / "home"
    directory.mkdir()
    home.mkdir()
    if session.kind == "repository":
        for name in REPOSITORY_DATA:
            shutil.copytree(ROOT / name, directory / name)
    monkeypatch.chdir(directory)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    problems = replay(session, Reader(directory, home, capsys))
    if UPDATE:
        rewritable = [p for p in problems if p.printed is not None and not p.command.elided]
        rewrite(path, rewritable)
        problems = [problem for problem in problems if problem not in rewritable]
    assert not problems, "\n\n".join(problem.describe(path) for problem in problems) + (
        "\n\n(to write what the commands print into the document: SZAKTAR_UPDATE_GOLDEN=1)"
    )


def rewrite(path: Path, problems: list[Problem]) -> None:
    """Show what each command printed in its block (bottom up, so that the line numbers of the
    blocks above stay right)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    for problem in sorted(problems, key=lambda problem: -problem.command.line):
        command = problem.command
        start = command.block.line + command.first  # 0-based index of its first output line
        lines[start:start + len(command.shown)] = problem.printed or []
    path.write_text("\n".join(lines), encoding="utf-8")


# --- names ---------------------------------------------------------------------------------

TOP_LEVEL = {path.name for path in ROOT.iterdir()} - {".git", ".venv"}
EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:")  # https:, mailto:


def test_links_and_anchors_resolve() -> None:
    broken = []
    anchors = {path.resolve(): Document.read(path).anchors() for path in DOCS}
    for path in DOCS:
        for target in Document.read(path).links():
            if EXTERNAL.match(target):
                continue
            file, _, fragment = target.partition("#")
            resolved = (path.parent / file).resolve() if file else path.resolve()
            if not resolved.exists():
                broken.append(f"{path.relative_to(ROOT)}: {target} (no such file)")
            elif fragment and fragment not in anchors.get(resolved, set()):
                broken.append(f"{path.relative_to(ROOT)}: {target} (no such anchor)")
    assert broken == []


# A path in inline code whose first part is a top-level entry of the repository, and not a
# pattern (`projects/<id>/`, `actuals/YYYY-MM.yaml`).
PATTERN_PARTS = re.compile(r"[<>…*{}]|YYYY|\.\.\.")


def test_every_repository_file_the_docs_name_exists() -> None:
    """A path the prose names exists in the repository, or the document's own examples make it
    (it is a file they write, or their commands name it)."""
    missing = []
    for path in DOCS:
        doc = Document.read(path)
        made_here = "\n".join("\n".join(block.lines) for block in doc.blocks()) + "\n".join(
            marker[1] for block in doc.blocks() if (marker := block.marker)
        )
        for span in doc.code_spans():
            named = span.split()[0].split(":")[0] if span.split() else ""
            if "/" not in named or named.split("/")[0] not in TOP_LEVEL:
                continue
            if PATTERN_PARTS.search(named) or (ROOT / named).exists():
                continue
            if named.rstrip("/") not in made_here:
                missing.append(f"{path.relative_to(ROOT)}: {named}")
    assert missing == []


# Names of files outside the repository (built so that this file does not contain them).
OUTSIDE = re.compile(r"\bshared[/]|\b\d{3}_[0-9a-f]{16}\.txt|\b(?:DESIGN|PERFORMANCE)[.]md")


def test_no_tracked_file_names_a_file_outside_the_repository() -> None:
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=False
    )
    if listed.returncode != 0:
        pytest.skip("not a git checkout")
    found = []
    for name in listed.stdout.decode().split("\0"):
        path = ROOT / name
        if not name or not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # a picture
        found += [f"{name}: {match.group()}" for match in OUTSIDE.finditer(text)]
    assert found == []
