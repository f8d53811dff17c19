"""The options commands share, and the reading of option values.

Every value given on the command line is checked here; a bad one is a usage error (exit 2)
that names the option (`--as-of: '2011-02-30' is not a date`). Option names belong to this
layer only: nothing below the command line knows them.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..core.errors import UsageError
from ..core.i18n import Lang, detect_lang
from ..core.periods import Period, ReportPeriod, parse_period, previous_month

if TYPE_CHECKING:
    from ..core.model import Project


class LangChoice(StrEnum):
    hu = "hu"
    en = "en"


LangOption = Annotated[
    LangChoice | None,
    typer.Option(
        "--lang",
        help="Language of labels and messages. [default: $SZAKTAR_LANG, else szaktar.toml's, "
        "else the locale's]",
    ),
]
NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Parse every file again; neither read nor write the cache (also SZAKTAR_NO_CACHE=1).",
    ),
]
ProjectIdsArgument = Annotated[
    list[str] | None,
    typer.Argument(metavar="[PROJECT_ID]...", help="Projects (ids) to include. [default: all]"),
]
ProjectArgument = Annotated[str, typer.Argument(metavar="PROJECT_ID", help="The project.")]
# the project a command writes into
ProjectDirectoryArgument = Annotated[
    str, typer.Argument(metavar="PROJECT_ID", help="The project's id (its directory name).")
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", metavar="FILE",
        help="Write to FILE, atomically: a new file or one szaktar wrote; never a link, a "
        "device or a file of the data directory (-o -: stdout). [default: stdout]",
    ),
]
ForceOption = Annotated[
    bool,
    typer.Option("--force", help="Let -o replace a file szaktar did not write."),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help="The day to report as of, YYYY-MM-DD. "
        "[default: $SZAKTAR_TODAY, else today's local date]",
    ),
]
def resolve_lang(choice: LangChoice | None, configured: Lang | None = None) -> Lang:
    """`--lang`, else SZAKTAR_LANG, else the data repository's, else the locale's."""
    if choice is None:
        return detect_lang(configured=configured)
    return "hu" if choice is LangChoice.hu else "en"


# The editing commands' dry run (`amend`, `rename`, `target`).
DryRunOption = Annotated[
    bool, typer.Option("--dry-run", help="Show what would change; change nothing.")
]


def date_option(value: str, option: str) -> dt.date:
    """An option's date (YYYY-MM-DD)."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(
            f"{option}: {value!r} is not a date (YYYY-MM-DD)",
            f"{option}: a(z) {value!r} nem dátum (ÉÉÉÉ-HH-NN)",
        ) from None


def resolve_as_of(value: str | None, today: dt.date | None = None) -> dt.date:
    """`--as-of`, else SZAKTAR_TODAY (for reproducible scripts), else the clock's local date
    (the day in the computer's time zone, as its user lives it, not UTC's)."""
    if value is not None:
        return date_option(value, "--as-of")
    pinned = os.environ.get("SZAKTAR_TODAY")
    if pinned:
        return date_option(pinned, "SZAKTAR_TODAY")
    return today or dt.date.today()


def required_text(value: str, option: str, en: str, hu: str) -> str:
    """An option's text, stripped; empty is a usage error (`en`/`hu` say what it is for)."""
    if not value.strip():
        raise UsageError(f"{option} {en}", f"a {option} {hu}")
    return value.strip()


# --- status ------------------------------------------------------------------------------------


def _known_breakdowns(project: Project) -> set[str]:
    """What a project can be broken down by: its entry dimensions, with the attributes its
    dimension values declare, and its breakdowns within entries."""
    names = set(project.dimension_names()) | set(project.breakdowns)
    for dimension in project.dimensions.values():
        if isinstance(dimension.values, dict):
            names.update(key for attributes in dimension.values.values() for key in attributes)
    return names


def check_breakdown(projects: Sequence[Project], by: str | None, group_by: str | None) -> None:
    """`--by` names a dimension or a breakdown, and `--group-by` a metadata field, of at least
    one project."""
    if (
        by is not None
        and projects
        and not any(by in _known_breakdowns(project) for project in projects)
    ):
        known = ", ".join(
            sorted(set().union(*(_known_breakdowns(project) for project in projects)))
        )
        raise UsageError(
            f"--by: no project has the dimension or breakdown {by!r} (known: {known})",
            f"--by: egyik projektnek sincs {by!r} dimenziója vagy bontása (ismert: {known})",
        )
    if (
        group_by is not None
        and projects
        and not any(group_by in project.metadata for project in projects)
    ):
        known = ", ".join(sorted({key for project in projects for key in project.metadata})) or "-"
        raise UsageError(
            f"--group-by: no project has the metadata field {group_by!r} (known: {known})",
            f"--group-by: egyik projekt metadata mezői között sincs {group_by!r} (ismert: {known})",
        )


# --- export: the period ------------------------------------------------------------------------


def _calendar_period(
    text: str, kind: Period, option: str, shape: str, shape_hu: str
) -> ReportPeriod:
    span = parse_period(text)
    if span is None or span.kind != kind:
        raise UsageError(
            f"{option}: {text!r} is not {shape}", f"{option}: a(z) {text!r} nem {shape_hu}"
        )
    return ReportPeriod(span.start, span.end)


def parse_month(text: str) -> ReportPeriod:
    return _calendar_period(text, "month", "--month", "a month (YYYY-MM)", "hónap (ÉÉÉÉ-HH)")


def parse_quarter(text: str) -> ReportPeriod:
    return _calendar_period(
        text,
        "quarter",
        "--quarter",
        "a quarter (YYYY-Qn, n = 1..4)",
        "negyedév (ÉÉÉÉ-Qn, n = 1..4)",
    )


def choose_period(
    as_of: dt.date,
    *,
    month: str | None = None,
    quarter: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> ReportPeriod:
    """The period from the options (given at most one way), else the last complete month."""
    ways = [
        name for name, given in (("--month", month), ("--quarter", quarter)) if given is not None
    ]
    if date_from is not None or date_to is not None:
        ways.append("--from/--to")
    if len(ways) > 1:
        both = ", ".join(ways)
        raise UsageError(
            f"give the period one way only (given: {both})",
            f"az időszakot csak egyféleképpen add meg ({both})",
        )
    if month is not None:
        period = parse_month(month)
    elif quarter is not None:
        period = parse_quarter(quarter)
    elif date_from is not None and date_to is not None:
        if date_from > date_to:
            raise UsageError(
                f"--from {date_from} is after --to {date_to}",
                f"a --from ({date_from}) későbbi, mint a --to ({date_to})",
            )
        period = ReportPeriod(date_from, date_to)
    elif date_from is not None or date_to is not None:
        raise UsageError("--from and --to go together", "a --from és a --to csak együtt adható meg")
    else:
        period = previous_month(as_of)
    if period.start > as_of:
        raise UsageError(
            f"the period {period.label} starts after the as-of date {as_of}",
            f"a(z) {period.label} időszak a vizsgálat napja ({as_of}) után kezdődik",
        )
    return period




# --- new ---------------------------------------------------------------------------------------

_PROJECT_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")
# a project's id is its directory's name, and file names are bounded (255 bytes, often less)
_PROJECT_ID_LENGTH = 100
_ACTIVITY_ID = re.compile(r"[a-z][a-z0-9_]*")


def new_project_id(project_id: str) -> str:
    if not _PROJECT_ID.fullmatch(project_id):
        raise UsageError(
            f"{project_id!r} is not a project id (lowercase letters, digits, - and _)",
            f"a(z) {project_id!r} nem projektazonosító (kisbetűk, számjegyek, - és _)",
        )
    if len(project_id) > _PROJECT_ID_LENGTH:
        raise UsageError(
            f"a project id longer than {_PROJECT_ID_LENGTH} characters ({len(project_id)})",
            f"{_PROJECT_ID_LENGTH} karakternél hosszabb projektazonosító ({len(project_id)})",
        )
    return project_id


def project_dates(start: str | None, end: str | None) -> tuple[dt.date | None, dt.date | None]:
    """`new`'s `--start` and `--end`, in order."""
    first = date_option(start, "--start") if start is not None else None
    last = date_option(end, "--end") if end is not None else None
    if first is not None and last is not None and first > last:
        raise UsageError(
            f"--start {first} is after --end {last}",
            f"a --start ({first}) későbbi, mint az --end ({last})",
        )
    return first, last


def named_ids(items: Sequence[str], option: str) -> list[tuple[str, str]]:
    """`consultation=Konzultáció` → (id, name); a bare id is its own name; an id twice is a
    usage error."""
    found: dict[str, str] = {}
    for item in items:
        key, _, name = item.partition("=")
        key = key.strip()
        if not _ACTIVITY_ID.fullmatch(key):
            raise UsageError(
                f"{option}: {key!r} is not an id (a letter, then letters, digits or _)",
                f"{option}: a(z) {key!r} nem azonosító (betű, utána betűk, számjegyek, _)",
            )
        if key in found:
            raise UsageError(f"{option}: {key!r} is given twice", f"{option}: a(z) {key!r} kétszer")
        found[key] = name.strip() or key
    return list(found.items())


def amount(value: str, option: str) -> int | float:
    """A sum of money, `48000000` or `48 000 000` (or with a decimal point)."""
    from ..read.new_entries import to_number  # noqa: PLC0415  # (the commands that take one)

    number = to_number(value, decimal_comma=False)
    if isinstance(number, str) or number < 0:
        raise UsageError(
            f"{option}: {value!r} is not an amount (48000000, 48 000 000)",
            f"{option}: a(z) {value!r} nem összeg (48000000, 48 000 000)",
        )
    return number
