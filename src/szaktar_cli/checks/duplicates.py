"""Two entries alike in every field are likely one event recorded twice (a warning)."""

from __future__ import annotations

from ..diagnostics import Text
from . import Context


def check(context: Context) -> None:
    seen: dict[frozenset[tuple[str, object]], tuple[str, int]] = {}
    for actuals in context.loaded.files:
        for position, entry in enumerate(actuals.entries):
            try:
                fingerprint = frozenset(entry.items())
            except TypeError:  # a list or mapping in a custom field: already an error (A302/A301)
                continue
            index = actuals.index_of(position)
            first = seen.setdefault(fingerprint, (actuals.path, index))
            if first != (actuals.path, index):
                line, _ = context.locator.position(first[0], [first[1]])
                where = (Text(f"line {line}", f"{line}. sor") if first[0] == actuals.path
                         else f"{first[0]}:{line}")
                context.report("A320", actuals.path, [index], first=where)
