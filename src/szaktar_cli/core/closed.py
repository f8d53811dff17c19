"""Closed months: which months are closed, and how a month's entries changed since.

When a month's report has gone to the funder, the month is closed: an event appended
to `closed.yaml` (its models are in model.py) records the month, the day, who closed it
and a hash of the month's entries. The manifest is an append-only log, like the actuals:
`reopen` appends an event with its reason, so the history stays in the file (and in git).

The hash covers the *parsed* entries, not the bytes of the file: reformatting,
reordering or commenting a file changes nothing, while an entry added, edited or
removed does. Each entry also leaves a short fingerprint (its date and 10 hex digits
of its own hash), so that a change can be named: which kind, on which day.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from .model import Closing, Entry, Reopening
from .periods import month_of

FINGERPRINT_DIGITS = 10



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




def entries_of_month(entries: Iterable[Entry], month: str) -> list[Entry]:
    return [entry for entry in entries if month_of(entry["date"]) == month]
