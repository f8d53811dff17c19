"""The entry workbook of a project (`szaktar template`): which columns it has and what each
allows — a pure function of project.yaml; render/entry_template.py draws it.

The columns are the entry fields the project uses, in the order of the format: the date, the
activity, the measure fields its indicators and breakdowns read, a column per category of its
breakdowns within entries, its dimensions (those declared, and the standard ones an indicator
reads: a `distinct`, a `where`, a `per_group`, a composition's), then the note and the
evidence. Each is headed by a name `import` reads back, in either language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from ..core.fields import MEASURE_FIELDS, STANDARD_DIMENSIONS, TEXT_FIELDS, WHOLE_NUMBER_FIELDS
from ..core.labels import FIELD_WORDS
from ..core.model import Project
from ..read.new_entries import category_cell
from .tables import Column

# What a column's cells take: a day of the project, one of its choices, a whole number or a
# decimal of zero or more, any number, or text.
InputKind = Literal["date", "choice", "whole", "decimal", "number", "text"]
_MEASURE_KINDS: dict[str, InputKind] = {
    "hours": "decimal",
    "participants": "whole",
    "count": "whole",
    "value": "number",
}


@dataclass(frozen=True, slots=True)
class EntryColumn:
    """A column of the entry sheet: its key and header, what its cells take, and for a choice
    the allowed values as (English, Hungarian) pairs; for a category, the field it splits."""

    column: Column
    kind: InputKind
    choices: tuple[tuple[str, str], ...] = ()
    splits: Column | None = None


@dataclass(frozen=True, slots=True)
class EntrySheet:
    """The columns of the entry workbook, and the project's days (None where unknown)."""

    project: str
    columns: tuple[EntryColumn, ...]
    start: dt.date | None
    end: dt.date | None


def entry_sheet(project: Project) -> EntrySheet:
    """The columns of `project`'s entry workbook (see the module)."""
    measures = [key for key in MEASURE_FIELDS if key in _measure_fields(project)]
    columns = [
        EntryColumn(_field("date"), "date"),
        EntryColumn(
            _field("activity"),
            "choice",
            tuple((item.name_en or item.name, item.name) for item in project.activities.values()),
        ),
        *(EntryColumn(_field(key), _MEASURE_KINDS[key]) for key in measures),
        *_categories(project),
        *(_dimension(project, key) for key in _dimensions(project)),
        *(EntryColumn(_field(key), "text") for key in TEXT_FIELDS),
    ]
    return EntrySheet(project.id, tuple(columns), project.start_date, project.end_date)


def _field(key: str) -> Column:
    return Column(key, "text", heading=FIELD_WORDS[key])


def _measure_fields(project: Project) -> set[str]:
    """The measure fields the indicators and the breakdowns within entries read."""
    found: set[str] = {breakdown.of for breakdown in project.breakdowns.values()}
    for measure in (indicator.measure for indicator in project.indicators.values()):
        found.update(field for field in (measure.sum, measure.max, measure.last) if field)
        composition = measure.composition
        if composition is not None and composition.category is None:
            found.add(composition.weight)
    return found & set(MEASURE_FIELDS)


def _dimensions(project: Project) -> list[str]:
    """The dimensions declared, and the standard ones an indicator reads: standard ones first."""
    read = set(project.dimensions)
    for indicator in project.indicators.values():
        measure, target = indicator.measure, indicator.target
        read.update(measure.where or {})
        if measure.distinct is not None:
            read.add(measure.distinct)
        if measure.composition is not None and measure.composition.dimension is not None:
            read.add(measure.composition.dimension)
        if target is not None and target.per_group is not None:
            read.add(target.per_group)
    return [key for key in project.dimension_names() if key in read]


def _dimension(project: Project, key: str) -> EntryColumn:
    declared = project.dimensions.get(key)
    if declared is not None and declared.name is not None:
        column = Column(key, "text", declared.name_en or declared.name, declared.name)
    elif key in STANDARD_DIMENSIONS:
        column = _field(key)
    else:
        column = Column(key, "text", key, key)
    if declared is None or declared.values is None:
        return EntryColumn(column, "text")
    return EntryColumn(column, "choice", tuple((value, value) for value in declared.values))


def _categories(project: Project) -> Iterator[EntryColumn]:
    for breakdown in project.breakdowns.values():
        kind: InputKind = "whole" if breakdown.of in WHOLE_NUMBER_FIELDS else "decimal"
        for key, category in breakdown.categories.items():
            column = Column(category_cell(key), "number", category.name_en or category.name,
                            category.name)
            yield EntryColumn(column, kind, splits=_field(breakdown.of))
