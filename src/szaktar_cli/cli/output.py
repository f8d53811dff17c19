"""Where output goes and how it looks: data to stdout, diagnostics to stderr; rich on a terminal,
plain text when piped, with NO_COLOR set or with TERM=dumb.

rich is imported only where a table, a bar or a console is drawn: a command that prints plain
text (or nothing) does not pay for it.
"""

from __future__ import annotations

import codecs
import io
import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING

from ..core.diagnostics import PROGRAM
from ..core.errors import UsageError
from ..core.i18n import Lang
from ..core.labels import label
from ..render import diagnostics as diagnostic_lines

if TYPE_CHECKING:
    from rich.console import Console

    from ..core.diagnostics import Diagnostic
    from ..read.new_entries import Progress

# Below this size (about 2000 rows) an import is over before a bar could say anything; the
# reading phase counts bytes read.
PROGRESS_MIN_BYTES = 100_000
# The phases an import reports (read/new_entries.Progress), in words.
_PHASES: Mapping[str, str] = {
    "read": "import_progress_read",
    "check": "import_progress_check",
    "write": "import_progress_write",
}


# What a console that cannot show a character gets instead (a Hungarian Windows console's
# cp1250 or cp852 has no arrow): the nearest ASCII, else "?".
_ASCII_FALLBACK: Mapping[str, str] = {
    "→": "->", "←": "<-", "–": "-", "—": "-", "“": '"', "”": '"', "„": '"', "’": "'",
    "‘": "'", "…": "...", "✓": "v", "✗": "x", "·": ".", "\u00a0": " ", "\u202f": " ",
}


def _replace_unshowable(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start : error.end]
    return "".join(_ASCII_FALLBACK.get(character, "?") for character in text), error.end


def showable_output() -> None:
    """Output encoding errors never fail a command (one that wrote an entry above all): what
    stdout and stderr cannot encode is written as its nearest ASCII, else as "?"."""
    codecs.register_error("szaktar-showable", _replace_unshowable)
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="szaktar-showable")


def is_terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def color_enabled(stream: IO[str]) -> bool:
    """Colour only on a terminal, never with NO_COLOR set (any value) or TERM=dumb."""
    if "NO_COLOR" in os.environ or os.environ.get("TERM") == "dumb":
        return False
    return is_terminal(stream)


def in_github_actions() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


def make_console(*, stderr: bool = False) -> Console:
    from rich.console import Console  # noqa: PLC0415  # rich: only where a console draws

    stream = sys.stderr if stderr else sys.stdout
    color = color_enabled(stream)
    return Console(
        file=stream,
        stderr=stderr,
        no_color=not color,
        force_terminal=color,
        highlight=False,
        emoji=False,
        soft_wrap=not is_terminal(stream),
    )


def print_diagnostics(
    diagnostics: Sequence[Diagnostic],
    lang: Lang,
    fmt: str | None = None,
    program: str = PROGRAM,
    *,
    unlisted_warnings: int = 0,
    paths: Sequence[str] = (),
) -> None:
    """Diagnostics go to stderr (JSON to stdout), in GitHub's annotation format inside Actions;
    warnings not listed are counted in one line ("4 warnings — `szaktar validate` lists them",
    which validates `paths` if given); a command a hint or that line names starts with
    `program`."""
    chosen = fmt or ("github" if in_github_actions() else "text")
    if chosen == "json":
        sys.stdout.write(diagnostic_lines.as_json(diagnostics, lang, program) + "\n")
        return
    for diagnostic in diagnostics:
        sys.stderr.write(diagnostic_lines.LINE_FORMATS[chosen](diagnostic, lang, program) + "\n")
    if unlisted_warnings:
        line = diagnostic_lines.unlisted(unlisted_warnings, lang, program, paths)
        sys.stderr.write(line + "\n")


def refuse_binary_on_terminal(output: Path | None) -> None:
    """An xlsx workbook goes to a file (`-o`) or to a pipe, never onto the terminal's screen."""
    if output is None and is_terminal(sys.stdout):
        raise UsageError(
            "XLSX is binary: write it to a file with -o FILE or redirect stdout",
            "az XLSX bináris: írd fájlba (-o FÁJL) vagy irányítsd át a kimenetet",
        )


@contextmanager
def progress_bar(lang: Lang) -> Iterator[Progress | None]:
    """A rich progress bar on stderr, only on a terminal, shown once the work is large enough."""
    if not is_terminal(sys.stderr):
        yield None
        return
    from rich.progress import Progress as RichProgress  # noqa: PLC0415
    from rich.progress import TaskID  # noqa: PLC0415

    bar = RichProgress(console=make_console(stderr=True), transient=True)
    tasks: dict[str, TaskID] = {}

    def report(phase: str, done: int, total: int) -> None:
        if not tasks and not (phase == "read" and total >= PROGRESS_MIN_BYTES):
            return  # a small file: no bar at all
        if phase not in tasks:
            if not tasks:
                bar.start()
            tasks[phase] = bar.add_task(
                label(_PHASES[phase], lang), total=total or None
            )
        bar.update(tasks[phase], completed=done, total=total or None)

    try:
        yield report
    finally:
        if tasks:
            bar.stop()
