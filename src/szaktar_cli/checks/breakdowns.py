"""Breakdowns within entries: the declarations are consistent, measures name a declared category
of the field they sum, and each entry's `of_which` holds known categories whose parts fit its
whole (and add up to it where the breakdown is exhaustive).

An entry is looked at only when it has an `of_which`: the rest cost one key lookup.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from ..core.diagnostics import Text
from ..core.fields import ENTRY_FIELDS, OF_WHICH, WHOLE_NUMBER_FIELDS
from ..core.model import EntryBreakdown, Measure
from ..core.text import suggest
from ..read.places import PathPart
from .context import Context

# The diagnostics this module reports (tests/test_diagnostic_codes.py checks them).
CODES: frozenset[str] = frozenset(
    {"P250", "P251", "P252", "P253", "A310", "A330", "A331", "A332", "A333"}
)

_BREAKDOWN = Text("breakdown", "a bontás")
_CATEGORY = Text("category", "a kategória")
_A_DIMENSION = Text("a dimension", "egy dimenzióé")
_A_FIELD_OR_DIMENSION = Text("an entry field or a dimension", "egy bejegyzésmezőé vagy dimenzióé")


def check(context: Context) -> None:
    project = context.project
    if project.breakdowns:
        _check_declarations(context)
    breakdown_of = project.breakdown_of()
    _check_measures(context, breakdown_of)
    for actuals in context.loaded.files:
        for index, entry in actuals.items():
            parts = entry.get(OF_WHICH)
            if parts:
                _check_entry(context, (actuals.path, index), entry, parts, breakdown_of)


def _check_declarations(context: Context) -> None:
    project = context.project
    dimensions = frozenset(project.dimension_names())
    taken = dimensions | frozenset(ENTRY_FIELDS)
    declared_in: dict[str, str] = {}
    for breakdown_id, breakdown in project.breakdowns.items():
        base: list[PathPart] = ["breakdowns", breakdown_id]
        if breakdown_id in dimensions:  # `status --by` could not tell them apart
            context.report_project("P251", base, on_key=True, what=_BREAKDOWN, name=breakdown_id,
                                   other=_A_DIMENSION)
        for category in breakdown.categories:
            place: list[PathPart] = [*base, "categories", category]
            first = declared_in.setdefault(category, breakdown_id)
            if first != breakdown_id:
                context.report_project("P250", place, on_key=True, name=category, first=first,
                                       second=breakdown_id)
            if category in taken:  # an import column could not tell them apart
                context.report_project("P251", place, on_key=True, what=_CATEGORY, name=category,
                                       other=_A_FIELD_OR_DIMENSION)


def _check_measures(context: Context, breakdown_of: Mapping[str, str]) -> None:
    project = context.project
    for indicator_id, indicator in project.indicators.items():
        measure = indicator.measure
        base: list[PathPart] = ["indicators", indicator_id, "measure"]
        where = Text(f"indicator {indicator_id!r}", f"a(z) {indicator_id!r} mutató")
        if measure.category is not None:
            breakdown_id = breakdown_of.get(measure.category)
            if breakdown_id is None:
                context.report_project("P252", [*base, "category"], where=where,
                                       name=measure.category,
                                       suggestion=suggest(measure.category, breakdown_of))
            elif measure.sum != project.breakdowns[breakdown_id].of:
                context.report_project("P253", [*base, "category"], category=measure.category,
                                       of=project.breakdowns[breakdown_id].of,
                                       found=_kind_text(measure))
        share = measure.composition.category if measure.composition is not None else None
        if share is not None and share not in breakdown_of:
            context.report_project("P252", [*base, "composition", "category"], where=where,
                                   name=share, suggestion=suggest(share, breakdown_of))


def _kind_text(measure: Measure) -> str:
    kind = measure.kind
    value = getattr(measure, kind)
    return f"{kind}: {value}" if isinstance(value, str) else kind


def _check_entry(
    context: Context,
    place: tuple[str, int],
    entry: Mapping[str, Any],
    parts: Mapping[str, Any],
    breakdown_of: Mapping[str, str],
) -> None:
    file, index = place
    by_breakdown: dict[str, list[tuple[str, float]]] = {}
    for name, amount in parts.items():
        breakdown_id = breakdown_of.get(name)
        if breakdown_id is None:
            context.report("A330", file, [index, OF_WHICH, name], on_key=True, name=str(name),
                           suggestion=suggest(name, breakdown_of))
        else:
            by_breakdown.setdefault(breakdown_id, []).append((name, amount))
    for breakdown_id, counted in by_breakdown.items():
        _check_parts(context, place, entry, breakdown_id, counted)


def _check_parts(
    context: Context,
    place: tuple[str, int],
    entry: Mapping[str, Any],
    breakdown_id: str,
    counted: list[tuple[str, float]],
) -> None:
    """The parts of one breakdown in one entry against the whole they split."""
    file, index = place
    breakdown: EntryBreakdown = context.project.breakdowns[breakdown_id]
    field = breakdown.of
    first = counted[0][0]
    if field in WHOLE_NUMBER_FIELDS:
        for name, amount in counted:
            if not isinstance(amount, int):
                context.report("A310", file, [index, OF_WHICH, name], field=f"{OF_WHICH}.{name}",
                               value=str(amount))
    whole = entry.get(field)
    if whole is None:
        context.report("A333", file, [index, OF_WHICH, first], name=first, field=field)
        return
    total: float = 0
    for name, amount in counted:
        total += amount
        if total > whole and not math.isclose(total, whole):  # the part that tips it over
            context.report("A331", file, [index, OF_WHICH, name], breakdown=breakdown_id,
                           parts=total, field=field, whole=whole)
            return
    if breakdown.exhaustive and not math.isclose(total, whole):
        context.report("A332", file, [index, OF_WHICH, first], breakdown=breakdown_id,
                       parts=total, field=field, whole=whole)
