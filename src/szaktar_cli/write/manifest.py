"""Closing and reopening a month: the event appended to `closed.yaml`, and its text.

The events' models are in core/model.py, which months are closed and what a month's hash
is in core/closed.py. The event is appended under the file's lock, and only if the manifest
stays valid.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import yaml

from ..core.closed import closed_months, entries_of_month, month_content
from ..core.diagnostics import Diagnostic
from ..core.errors import DataError, UsageError
from ..core.i18n import format_date
from ..core.model import Closing, Entry, Reopening
from ..core.periods import month_span
from ..read.loader import LoadedProject, load_manifest, manifest_path
from ..read.places import Locator
from .atomic import data_lock, read_current, remove_leftovers, write_files_atomically
from .yaml_text import append_items


def close_month(loaded: LoadedProject, month: str, on: dt.date, by: str) -> Closing:
    """Close `month` of a loaded (valid) project on the day `on`: the event is appended.

    The caller holds the data directory's lock (`data_lock`) from before it loaded the project:
    so the month's hash is of the entries there are when it is closed.
    """
    event = closing_event(loaded.closed, loaded.entries(), month, on, by)
    _append(loaded.directory, event)
    return event


def reopen_month(directory: Path, month: str, on: dt.date, by: str, reason: str) -> Reopening:
    """Reopen a closed month. The entries are not read: reopening is how a changed closed month
    is made valid again; a manifest with errors stops it (their diagnostics say where)."""
    with data_lock(directory):
        events, problems = load_manifest(directory, Locator())
        if any(problem.is_error for problem in problems):
            raise DataError(problems)
        event = reopening_event(events, month, on, by, reason)
        _append(directory, event)
    return event


def _append(directory: Path, event: Closing | Reopening) -> None:
    """Append the event to closed.yaml (under its lock), if the manifest stays valid."""

    def check(content: bytes) -> list[Diagnostic]:
        return load_manifest(directory, Locator(), content)[1]

    problems = append_to_list_file(
        manifest_path(directory), event_lines(event), MANIFEST_HEADER.splitlines(), check
    )
    if problems:
        raise DataError(problems)


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
            f"a(z) {month} hónap {format_date(on, 'hu', 'on')} még nem ért véget: "
            "a hónap az utolsó napja után zárható le",
        )
    closed = closed_months(events).get(month)
    if closed is not None:
        raise UsageError(
            f"{month} is already closed (on {closed.date.isoformat()} by {closed.by})",
            f"a(z) {month} már le van zárva ({closed.date.isoformat()}, {closed.by})",
        )
    return new_closing(month, on, by, entries_of_month(entries, month))


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
    return Reopening(action="reopen", month=month, date=on, by=by, reason=reason)


def _last_day(month: str) -> dt.date:
    span = month_span(month)
    if span is None:
        raise UsageError(
            f"{month!r} is not a month (YYYY-MM)", f"a(z) {month!r} nem hónap (ÉÉÉÉ-HH)"
        )
    return span.end


def append_to_list_file(
    path: Path,
    lines: Sequence[str],
    header: Sequence[str],
    check: Callable[[bytes], Sequence[Diagnostic]],
) -> list[Diagnostic]:
    """Append one item (its lines, `- key: …`) to a YAML list file such as closed.yaml.

    Under the data directory's lock: read, append, `check` the whole new content, and write it
    only when the check finds no error (those errors are returned; nothing is written then).
    """
    with data_lock(path.parent):
        remove_leftovers([path])
        new = append_items(read_current(path), [lines], header)
        problems = [problem for problem in check(new) if problem.is_error]
        if not problems:
            write_files_atomically({path: new})
    return problems
