"""Indicators refer to declared activities, dimensions, phases and indicators, without cycles."""

from __future__ import annotations

from collections.abc import Collection

from ..core.diagnostics import Diagnostic, Text
from ..core.fields import NON_DIMENSION_FIELDS
from ..core.model import Indicator, Measure, Project
from ..core.text import listed, normalize, suggest
from ..read.loader import LeftOut
from ..read.names import field_names
from ..read.places import PathPart
from .context import Context

# The diagnostics this module reports (tests/test_diagnostic_codes.py checks them).
CODES: frozenset[str] = frozenset({"P208", "P209", "P210", "P212", "P213", "P220", "P221"})
# What a reference names: the section of project.yaml, and the parameter that holds the id.
_REFERS_TO = {
    "P208": ("activities", "name"), "P209": ("dimensions", "name"),
    "P212": ("dimensions", "dimension"), "P210": ("indicators", "name"),
    "P220": ("phases", "name"),
}


def to_what_was_set_aside(found: Diagnostic, left_out: Collection[LeftOut]) -> bool:
    """Whether `found` is a reference to a part of project.yaml that `salvage` set aside (its
    own error is reported; an undeclared name would be a second, wrong one)."""
    if found.code not in _REFERS_TO:
        return False
    section, parameter = _REFERS_TO[found.code]
    named = dict(found.params).get(parameter)
    return (section, None) in left_out or (section, str(named)) in left_out


def _indicator(indicator_id: str) -> Text:
    return Text(f"indicator {indicator_id!r}", f"a(z) {indicator_id!r} mutató")


def check(context: Context) -> None:
    project = context.project
    for name in project.dimensions:
        if name in NON_DIMENSION_FIELDS:
            context.report_project("P221", ["dimensions", name], on_key=True, name=name,
                                   fields=", ".join(NON_DIMENSION_FIELDS))
    for indicator_id, indicator in project.indicators.items():
        base: list[PathPart] = ["indicators", indicator_id, "measure"]
        where = _indicator(indicator_id)
        measure = indicator.measure
        for index, activity in enumerate(measure.activities or []):
            if activity not in project.activities:
                context.report_project("P208", [*base, "activities", index], where=where,
                                       name=activity)
        _check_dimensions(context, indicator_id, indicator, base)
        if measure.phase is not None and measure.phase not in project.phases:
            context.report_project("P220", [*base, "phase"], where=where, name=measure.phase)
        if measure.ratio is not None:
            ratio = measure.ratio
            for role in ("numerator", "denominator"):
                ref = getattr(ratio, role)
                if isinstance(ref, str) and ref not in project.indicators:
                    context.report_project("P210", [*base, "ratio", role], where=where, name=ref)
    _check_cycles(context)


def _check_dimensions(
    context: Context, indicator_id: str, indicator: Indicator, base: list[PathPart]
) -> None:
    project = context.project
    attributes = _attribute_dimensions(context)
    names = (*project.dimension_names(), *attributes)
    where = _indicator(indicator_id)
    measure: Measure = indicator.measure
    used: list[tuple[list[PathPart], str, str | None]] = []  # (path, dimension, value)
    if measure.distinct is not None:
        used.append(([*base, "distinct"], measure.distinct, None))
    composition = measure.composition
    if composition is not None and composition.dimension is not None:
        used.append(([*base, "composition", "dimension"], composition.dimension, composition.value))
    for dimension, values in (measure.where or {}).items():
        used.extend(
            ([*base, "where", dimension], dimension, value)
            for value in ([values] if isinstance(values, str) else values)
        )
    target = indicator.target
    if target is not None and target.per_group is not None:
        used.append((["indicators", indicator_id, "target", "per_group"], target.per_group, None))
    for path, dimension, value in used:
        if dimension not in names:
            context.report_project("P209", path, where=where, name=dimension,
                                   suggestion=_dimension_meant(dimension, project, names))
            continue
        declared = project.dimensions.get(dimension)
        allowed = declared.allowed() if declared is not None else attributes.get(dimension)
        if value is not None and allowed is not None and value not in allowed:
            in_order = declared.values if declared is not None else None
            context.report_project("P212", path, where=where, value=value, dimension=dimension,
                                   allowed=listed(in_order or sorted(allowed)),
                                   suggestion=suggest(value, allowed))


def _dimension_meant(name: str, project: Project, names: Collection[str]) -> str | None:
    """The dimension a name stands for, as `import` reads a column's name (`megye` → county,
    a declared dimension by its name), else the closest id."""
    known = field_names(project).get(normalize(name))
    if known is not None and known[0] in names:
        return known[0]
    return suggest(name, names)


def _attribute_dimensions(context: Context) -> dict[str, frozenset[str]]:
    """Attributes of declared values (the `region` of each `team`) are dimensions too: an entry
    that names its team has its team's region. Each maps to the values it takes."""
    found: dict[str, set[str]] = {}
    for dimension in context.project.dimensions.values():
        if isinstance(dimension.values, dict):
            for attributes in dimension.values.values():
                for name, value in attributes.items():
                    found.setdefault(name, set()).add(value)
    return {name: frozenset(values) for name, values in found.items()
            if name not in context.project.dimension_names()}


def _references(measure: Measure) -> list[str]:
    if measure.ratio is None:
        return []
    ratio = measure.ratio
    return [ref for ref in (ratio.numerator, ratio.denominator) if isinstance(ref, str)]


def _check_cycles(context: Context) -> None:
    """Each cycle once, found by a depth-first walk (linear in the number of references)."""
    indicators = context.project.indicators
    graph = {
        name: [ref for ref in _references(indicator.measure) if ref in indicators]
        for name, indicator in indicators.items()
    }
    on_path: set[str] = set()
    done: set[str] = set()
    for root, refs in graph.items():
        if root in done:
            continue
        path, pending = [root], [iter(refs)]
        on_path.add(root)
        while pending:
            ref = next(pending[-1], None)
            if ref is None:
                finished = path.pop()
                on_path.discard(finished)
                done.add(finished)
                pending.pop()
            elif ref in on_path:
                cycle = path[path.index(ref):]
                context.report_project("P213", ["indicators", cycle[0], "measure"],
                                       cycle=" → ".join([*cycle, cycle[0]]))
            elif ref not in done:
                path.append(ref)
                on_path.add(ref)
                pending.append(iter(graph[ref]))
