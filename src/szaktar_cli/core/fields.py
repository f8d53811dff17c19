"""The fields of an entry, by name: what the models (core/model.py) declare and what reading,
checking and writing entries refer to. Kept apart from the models so that knowing a field's name
does not import pydantic (a warm run imports no model)."""

from __future__ import annotations

from typing import Final

MEASURE_FIELDS: tuple[str, ...] = ("hours", "participants", "count", "value")
WHOLE_NUMBER_FIELDS: frozenset[str] = frozenset({"participants", "count"})
STANDARD_DIMENSIONS: tuple[str, ...] = ("place", "county", "partner", "team", "topic", "person")
TEXT_FIELDS: tuple[str, ...] = ("note", "evidence")
# An entry's counts of the categories of its measure fields ("ebből": of whom 9 disadvantaged).
OF_WHICH: Final = "of_which"
ENTRY_FIELDS: tuple[str, ...] = (
    "date", "activity", *MEASURE_FIELDS, OF_WHICH, *STANDARD_DIMENSIONS, *TEXT_FIELDS
)
# Entry fields that are not dimensions: a declared dimension must not take one of these names.
NON_DIMENSION_FIELDS: tuple[str, ...] = (
    "date", "activity", *MEASURE_FIELDS, OF_WHICH, *TEXT_FIELDS
)
