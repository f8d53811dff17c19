"""Closed months: the manifest (`closed.yaml`) and the content hash of a month's entries.

When a month's report has gone to the funder, the month is closed: an event appended
to `closed.yaml` records the month, the day, who closed it and a hash of the month's
entries. The manifest is an append-only log, like the actuals: `reopen` appends an
event with its reason, so the history stays in the file (and in git).

The hash covers the *parsed* entries, not the bytes of the file: reformatting,
reordering or commenting a file changes nothing, while an entry added, edited or
removed does. Each entry also leaves a short fingerprint (its date and 10 hex digits
of its own hash), so that a change can be named: which kind, on which day.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from .diagnostics import Diagnostic, diag
from .errors import UsageError
from .loader import display_path, read_yaml
from .model import Entry, IsoDate
from .periods import month_end
from .yamlio import Locator, PathPart

MANIFEST_FILE = "closed.yaml"
# The diagnostics of a closed month changed since: entries added, edited, removed.
CHANGE_CODES = frozenset({"C501", "C502", "C503"})
MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"
FINGERPRINT_DIGITS = 10

Month = Annotated[str, Field(pattern=MONTH_PATTERN, description="The month, YYYY-MM.")]


class _Event(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    month: Month
    date: IsoDate = Field(description="The day the month was closed or reopened.")
    by: str = Field(min_length=1, description="Who did it (free text, e.g. a pseudonymous code).")


class Closing(_Event):
    """A month closed: its entries are frozen as `hash` (and named by `fingerprints`)."""

    action: Literal["close"]
    hash: str = Field(
        pattern=r"^sha256:[0-9a-f]{64}$", description="sha256 of the month's canonical entries."
    )
    entries: int = Field(ge=0, description="How many entries the month had.")
    fingerprints: list[Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2} [0-9a-f]{10}$")]] = Field(
        default_factory=list, description="'YYYY-MM-DD hash10' of each entry, sorted."
    )


class Reopening(_Event):
    """A closed month opened again for correction; the reason is kept."""

    action: Literal["reopen"]
    reason: str = Field(min_length=1)


ManifestEvent = Annotated[Closing | Reopening, Field(discriminator="action")]
MANIFEST_ADAPTER: TypeAdapter[list[ManifestEvent]] = TypeAdapter(list[ManifestEvent])


def manifest_json_schema() -> dict[str, Any]:
    schema = MANIFEST_ADAPTER.json_schema()
    draft = "https://json-schema.org/draft/2020-12/schema"
    return {"$schema": draft, "title": "szaktar closed.yaml", **schema}


# --- content hash ----------------------------------------------------------------------


def canonical(entry: Entry) -> str:
    """One entry as sorted-key JSON with ISO dates: equal for equal parsed entries."""
    return json.dumps(entry, sort_keys=True, default=str, ensure_ascii=False, separators=(",", ":"))


def fingerprint(entry: Entry) -> str:
    return f"{entry['date'].isoformat()} {_short_hash(canonical(entry))}"


@dataclass(frozen=True, slots=True)
class MonthContent:
    hash: str
    entries: int
    fingerprints: tuple[str, ...]


def month_content(entries: Iterable[Entry]) -> MonthContent:
    """The hash of a month's entries, independent of their order in the files."""
    texts = sorted((canonical(entry), entry["date"].isoformat()) for entry in entries)
    digest = hashlib.sha256("\n".join(text for text, _ in texts).encode()).hexdigest()
    prints = sorted(f"{day} {_short_hash(text)}" for text, day in texts)
    return MonthContent(f"sha256:{digest}", len(texts), tuple(prints))


def _short_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:FINGERPRINT_DIGITS]


# --- state and changes -------------------------------------------------------------------


def closed_months(events: Sequence[Closing | Reopening]) -> dict[str, Closing]:
    """The months closed now: those whose last event is a closing."""
    state: dict[str, Closing] = {}
    for event in events:
        if isinstance(event, Closing):
            state[event.month] = event
        else:
            state.pop(event.month, None)
    return state


@dataclass(frozen=True, slots=True)
class ChangedEntry:
    """An entry now in a closed month that was not there, as it is, when the month was closed."""

    position: int  # index into the current entries of the month
    kind: Literal["added", "edited"]


@dataclass(frozen=True, slots=True)
class MonthChange:
    changed: tuple[ChangedEntry, ...]
    removed: tuple[str, ...]  # dates of entries gone since the closing

    def __bool__(self) -> bool:
        return bool(self.changed or self.removed)


def compare(closing: Closing, entries: Sequence[Entry]) -> MonthChange:
    """How the month's entries differ from the closed state.

    An entry whose fingerprint is new counts as *edited* when an entry of the same day
    disappeared at the same time, otherwise as *added*; what remains gone is *removed*.
    """
    if month_content(entries).hash == closing.hash:
        return MonthChange((), ())
    current = [fingerprint(entry) for entry in entries]
    gone = Counter(closing.fingerprints) - Counter(current)
    unmatched = Counter(current) - Counter(closing.fingerprints)
    gone_by_day = Counter(print_.split()[0] for print_ in gone.elements())
    changed: list[ChangedEntry] = []
    for position, print_ in enumerate(current):
        if unmatched[print_] == 0:
            continue
        unmatched[print_] -= 1
        day = print_.split()[0]
        if gone_by_day[day] > 0:
            gone_by_day[day] -= 1
            changed.append(ChangedEntry(position, "edited"))
        else:
            changed.append(ChangedEntry(position, "added"))
    return MonthChange(tuple(changed), tuple(sorted(gone_by_day.elements())))


# --- reading the manifest -----------------------------------------------------------------


def manifest_path(project_dir: Path) -> Path:
    return project_dir / MANIFEST_FILE


def load_manifest(
    project_dir: Path, locator: Locator, raw: bytes | None = None
) -> tuple[list[Closing | Reopening], list[Diagnostic]]:
    """The events of `closed.yaml` (none when the file does not exist) and its problems;
    `raw`: the content it is about to have."""
    path = manifest_path(project_dir)
    if raw is None and not path.is_file():
        return [], []
    file = display_path(path)
    if raw is not None:
        locator.remember(file, raw.decode("utf-8-sig", errors="replace"))
    data, diagnostics, ok = read_yaml(path, file, raw)
    if not ok:
        return [], diagnostics
    try:
        events = MANIFEST_ADAPTER.validate_python(data if data is not None else [])
    except ValidationError as error:
        return [], [*diagnostics, *_schema_diagnostics(error, data, file, locator)]
    return events, [*diagnostics, *_sequence_problems(events, file, locator)]


def _schema_diagnostics(
    error: ValidationError, data: Any, file: str, locator: Locator
) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    for detail in error.errors(include_url=False):
        path = _data_path(data, detail["loc"])
        line, column = locator.position(file, path)
        where = ".".join(str(part) for part in path) or "closed.yaml"
        problems.append(diag("C507", file, line, column, where=where, problem=detail["msg"]))
    return problems


def _data_path(data: Any, loc: Sequence[int | str]) -> list[PathPart]:
    """pydantic's location without the discriminator tags ('close', 'reopen')."""
    path: list[PathPart] = []
    node = data
    for part in loc:
        if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            path.append(part)
        elif isinstance(node, dict) and (part in node or part == loc[-1]):
            node = node.get(part)
            path.append(part)
    return path


def _sequence_problems(
    events: Sequence[Closing | Reopening], file: str, locator: Locator
) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    closed: set[str] = set()
    for index, event in enumerate(events):
        line, column = locator.position(file, [index])
        if isinstance(event, Closing):
            if event.month in closed:
                problems.append(diag("C506", file, line, column, month=event.month))
            closed.add(event.month)
        elif event.month not in closed:
            problems.append(diag("C505", file, line, column, month=event.month))
        else:
            closed.discard(event.month)
    return problems


def refuse_closed(project_dir: Path, new: Iterable[tuple[Entry, str, int]]) -> list[Diagnostic]:
    """C504 for each new entry dated in a closed month, at the place it comes from
    (`file`, `line`: the CSV row, or 0 for the command line)."""
    events, _ = load_manifest(project_dir, Locator())
    closed = closed_months(events)
    refused = []
    for entry, file, line in new:
        closing = closed.get(entry["date"].isoformat()[:7])
        if closing is not None:
            refused.append(
                diag(
                    "C504",
                    file,
                    line,
                    1 if line else 0,
                    month=closing.month,
                    closed=closing.date.isoformat(),
                    by=closing.by,
                    project=project_dir.name,
                )
            )
    return refused


# --- writing (the text; store.py writes it) -------------------------------------------------

MANIFEST_HEADER = (
    "# yaml-language-server: $schema=../../schema/closed.schema.json\n"
    "# Closed months of this project, written by `szaktar close` and `szaktar reopen`.\n"
    "# An append-only log: a month is closed while its last event is `close`.\n"
    "# `validate` reports any change to a closed month's entries. Do not edit by hand.\n"
)


def event_lines(event: Closing | Reopening) -> list[str]:
    return event_text(event).splitlines()


def event_text(event: Closing | Reopening) -> str:
    """One event as a YAML list item, keys in a readable order, fingerprints on one line each."""
    import yaml  # noqa: PLC0415

    data: dict[str, object] = {"action": event.action, **event.model_dump(exclude={"action"})}
    text = yaml.safe_dump(
        [data], sort_keys=False, allow_unicode=True, default_flow_style=False, width=200
    )
    return str(text)


def new_closing(month: str, on: dt.date, by: str, entries: Iterable[Entry]) -> Closing:
    content = month_content(entries)
    return Closing(
        action="close",
        month=month,
        date=on,
        by=by,
        hash=content.hash,
        entries=content.entries,
        fingerprints=list(content.fingerprints),
    )


def closing_event(
    events: Sequence[Closing | Reopening],
    entries: Iterable[Entry],
    month: str,
    on: dt.date,
    by: str,
) -> Closing:
    """The event that closes `month` on the day `on`; a month must be over and open to close."""
    last_day = _last_day(month)
    if on <= last_day:
        raise UsageError(
            f"{month} is not over on {on.isoformat()}: a month can be closed from the day after it",
            f"a(z) {month} hónap {on.isoformat()}-n még nem ért véget: "
            "a hónap az utolsó napja után zárható le",
        )
    closed = closed_months(events).get(month)
    if closed is not None:
        raise UsageError(
            f"{month} is already closed (on {closed.date.isoformat()} by {closed.by})",
            f"a(z) {month} már le van zárva ({closed.date.isoformat()}, {closed.by})",
        )
    return new_closing(month, on, _who(by), entries_of_month(entries, month))


def reopening_event(
    events: Sequence[Closing | Reopening], month: str, on: dt.date, by: str, reason: str
) -> Reopening:
    """The event that opens a closed month again, with the reason it must change."""
    _last_day(month)
    closed = closed_months(events).get(month)
    if closed is None:
        raise UsageError(f"{month} is not closed", f"a(z) {month} nincs lezárva")
    if on < closed.date:
        raise UsageError(
            f"{month} was closed on {closed.date.isoformat()}, after {on.isoformat()}",
            f"a(z) {month} lezárása ({closed.date.isoformat()}) későbbi, mint {on.isoformat()}",
        )
    if not reason.strip():
        raise UsageError("--reason must say why the month is reopened", "a --reason nem lehet üres")
    return Reopening(action="reopen", month=month, date=on, by=_who(by), reason=reason.strip())


def _last_day(month: str) -> dt.date:
    if re.fullmatch(MONTH_PATTERN, month) is None:
        raise UsageError(
            f"{month!r} is not a month (YYYY-MM)", f"a(z) {month!r} nem hónap (ÉÉÉÉ-HH)"
        )
    return month_end(int(month[:4]), int(month[5:]))


def _who(by: str) -> str:
    if not by.strip():
        raise UsageError("--by must name who does it", "a --by nem lehet üres")
    return by.strip()


def entries_of_month(entries: Iterable[Entry], month: str) -> list[Entry]:
    return [entry for entry in entries if entry["date"].isoformat()[:7] == month]
