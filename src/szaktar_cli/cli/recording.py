"""What `szaktar log` and `szaktar import` share: reading their options into entries and a
duplicate policy, and printing what they wrote."""

from __future__ import annotations

import codecs
import sys
from collections.abc import Mapping, Sequence

from ..compute.changes import indicator_changes
from ..core.errors import DataError, UsageError
from ..core.fields import WHOLE_NUMBER_FIELDS
from ..read.new_entries import (
    FieldOrigin,
    NewEntry,
    Origin,
    category_cell,
    put,
    to_date,
    to_number,
)
from ..render.recording import recording_text
from ..write.recording import DuplicatePolicy, Recording
from .session import Session

LOG_ORIGIN = "szaktar log"
# log's options → entry field, in the order of the format
LOG_TEXT_OPTIONS = ("place", "county", "partner", "team", "topic", "person", "note", "evidence")
LOG_NUMBER_OPTIONS = ("hours", "participants", "count", "value")


def duplicate_policy(*, skip: bool, allow: bool) -> DuplicatePolicy:
    if skip and allow:
        raise UsageError(
            "--skip-duplicates and --allow-duplicates exclude each other",
            "a --skip-duplicates és az --allow-duplicates kizárja egymást",
        )
    return "skip" if skip else "allow" if allow else "refuse"


def entry_from_options(
    options: Mapping[str, str | None], dimensions: Sequence[str], categories: Sequence[str] = ()
) -> NewEntry:
    """`szaktar log`'s entry as given (`--dim KEY=VALUE`, `--of-which CATEGORY=N`); each field
    remembers the option it came from."""
    fields: dict[str, object] = {}
    cells: dict[str, FieldOrigin] = {}
    for key, text in options.items():
        cells[key] = FieldOrigin(0, f"--{key}", f"--{key}")
        if text is None:
            continue
        if key == "date":
            fields[key] = to_date(text)
        elif key in LOG_NUMBER_OPTIONS:
            fields[key] = to_number(text, decimal_comma=True, whole=key in WHOLE_NUMBER_FIELDS)
        else:
            fields[key] = text
    for key, value in pairs(dimensions, "--dim", "KEY=VALUE", "KULCS=ÉRTÉK"):
        fields[key] = value
        cells[key] = FieldOrigin(0, f"--dim {key}", f"--dim {key}")
    for name, amount in pairs(categories, "--of-which", "CATEGORY=N", "KATEGÓRIA=SZÁM"):
        # a whole number stays whole, as a file would hold it; what is not a number stays text
        put(fields, category_cell(name), to_number(amount, decimal_comma=True, whole=True))
        cells[category_cell(name)] = FieldOrigin(0, f"--of-which {name}", f"--of-which {name}")
    return NewEntry(fields, Origin(LOG_ORIGIN, 0, cells))


def pairs(items: Sequence[str], option: str, shape: str, shape_hu: str) -> list[tuple[str, str]]:
    """`KEY=VALUE` options as (key, value), stripped."""
    pairs = []
    for item in items:
        key, separator, value = item.partition("=")
        if not separator or not key.strip():
            raise UsageError(
                f"{option}: {item!r} is not {shape}", f"{option}: {item!r} nem {shape_hu} alakú"
            )
        pairs.append((key.strip(), value.strip()))
    return pairs


def checked_encoding(encoding: str) -> str:
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise UsageError(
            f"--encoding: unknown encoding {encoding!r}",
            f"--encoding: ismeretlen kódolás: {encoding!r}",
        ) from None
    return encoding


def show_recording(session: Session, recording: Recording, *, show_entries: bool = True) -> None:
    """What was written (or, in a dry run, would be): an error in a new entry (or in the
    project) stops the command with the diagnostics; the indicators the entries feed follow."""
    if not recording.ok:
        raise DataError(recording.diagnostics)
    session.print_input(recording.diagnostics)
    changes = indicator_changes(recording.before, recording.after, recording.added())
    sys.stdout.write(recording_text(recording, changes, session.lang, show_entries=show_entries))
