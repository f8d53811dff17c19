"""Where each entry sits, and which entries make up a figure (`szaktar history`, `szaktar gaps`).

An entry's position among all the project's entries is tracked as an extra dimension
(`ROW`): the engine then files every entry under the indicators that count it, and says
which entries each one counted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from ..core.fields import OF_WHICH
from ..core.model import Entry, Project
from ..read.loader import LoadedProject
from .aggregate import Aggregates, aggregate

ROW = "\x00row"


@dataclass(frozen=True, slots=True)
class PlacedEntry:
    """An entry with the file and the list index it sits at."""

    file: str
    index: int
    entry: Entry


@dataclass(frozen=True, slots=True)
class Contribution:
    """One entry that makes up the figure."""

    file: str
    line: int
    date: dt.date
    amount: float | str | None  # the measured field, 1 for a count, the value for distinct
    evidence: str | None


def placed_entries(loaded: LoadedProject) -> list[PlacedEntry]:
    return [
        PlacedEntry(actuals.path, actuals.index_of(position), entry)
        for actuals in loaded.files
        for position, entry in enumerate(actuals.entries)
    ]


def aggregate_rows(
    project: Project, placed: Sequence[PlacedEntry], as_of: dt.date, dimensions: Sequence[str] = ()
) -> Aggregates:
    """The engine's aggregates that also know which entries each indicator counted:
    `group_keys(indicator_id, ROW)` are their positions in `placed`."""
    rows = [cast(Entry, {**item.entry, ROW: row}) for row, item in enumerate(placed)]
    return aggregate(project, rows, as_of, (ROW, *dimensions))


def contributions(loaded: LoadedProject, indicator_id: str, as_of: dt.date) -> list[Contribution]:
    """The entries counted in the indicator as of `as_of`, in date order, with their place."""
    project = loaded.project
    assert project is not None
    placed = placed_entries(loaded)
    counted = aggregate_rows(project, placed, as_of).group_keys(indicator_id, ROW)
    found = []
    for row in sorted(counted, key=lambda row: (placed[row].entry["date"], row)):
        item = placed[row]
        amount = _amount(project, indicator_id, item.entry)
        if amount is None:  # counted in but adds nothing: no hours, no value of the dimension
            continue
        line = loaded.locator.position(item.file, [item.index])[0]
        found.append(
            Contribution(item.file, line, item.entry["date"], amount, item.entry.get("evidence"))
        )
    return found


def _amount(project: Project, indicator_id: str, entry: Entry) -> float | str | None:
    measure = project.indicators[indicator_id].measure
    if measure.ratio is not None:
        return _amount(project, measure.ratio.numerator, entry)
    category = measure.category or (measure.composition.category if measure.composition else None)
    if category is not None:
        return (entry.get(OF_WHICH) or {}).get(category)
    field = measure.sum or measure.max or measure.last
    if field is not None:
        return entry.get(field)
    dimension = measure.distinct or (measure.composition.dimension if measure.composition else None)
    if dimension is not None:
        value = entry.get(dimension)
        return None if value is None else str(value)
    return 1
