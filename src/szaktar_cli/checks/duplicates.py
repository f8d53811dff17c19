"""Two entries alike in every field are likely one event recorded twice (a warning).

Entries are bucketed by the hash of their fields and compared only within a bucket: no
copy of each entry's fields is kept (100 000 of them would keep the garbage collector busy).
"""

from __future__ import annotations

from ..core.diagnostics import LIKELY_DUPLICATE, Text
from ..core.model import Entry, entry_identity
from .context import Context

# The diagnostics this module reports (tests/test_diagnostic_codes.py checks them).
CODES: frozenset[str] = frozenset({LIKELY_DUPLICATE})


def check(context: Context) -> None:
    seen: dict[int, list[tuple[str, int, Entry]]] = {}
    for actuals in context.loaded.files:
        for position, entry in enumerate(actuals.entries):
            try:
                key = hash(entry_identity(entry))
            except TypeError:  # a list or mapping in a custom field: already an error (A302/A301)
                continue
            index = actuals.index_of(position)
            bucket = seen.setdefault(key, [])
            first = next((held for held in bucket if held[2] == entry), None)
            if first is None:
                bucket.append((actuals.path, index, entry))
                continue
            where: Text | str | None = None  # (not worked out for a warning only counted)
            if context.lists(LIKELY_DUPLICATE):
                line, _ = context.loaded.locator.position(first[0], [first[1]])
                where = (Text(f"line {line}", f"{line}. sor") if first[0] == actuals.path
                         else f"{first[0]}:{line}")
            context.report(LIKELY_DUPLICATE, actuals.path, [index], first=where)
