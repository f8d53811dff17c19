"""Indicators must refer to declared activities, dimensions, phases and indicators, without cycles."""

from __future__ import annotations

from ..model import Indicator, Measure
from . import Context


def check(context: Context) -> None:
    project = context.project
    for indicator_id, indicator in project.indicators.items():
        base = ["indicators", indicator_id, "measure"]
        where = f"indicator {indicator_id!r}"
        measure = indicator.measure
        for index, activity in enumerate(measure.activities or []):
            if activity not in project.activities:
                context.report_project("P208", [*base, "activities", index], where=where, name=activity)
        _check_dimensions(context, indicator_id, indicator, base)
        if measure.phase is not None and measure.phase not in project.phases:
            context.report_project("P210", [*base, "phase"], where=where, name=measure.phase)
        if measure.ratio is not None:
            ratio = measure.ratio
            for role in ("numerator", "denominator"):
                ref = getattr(ratio, role)
                if isinstance(ref, str) and ref not in project.indicators:
                    context.report_project("P210", [*base, "ratio", role], where=where, name=ref)
    _check_cycles(context)


def _check_dimensions(context: Context, indicator_id: str, indicator: Indicator, base: list[str | int]) -> None:
    project = context.project
    names = project.dimension_names()
    where = f"indicator {indicator_id!r}"
    measure: Measure = indicator.measure
    used: list[tuple[list[str | int], str, str | None]] = []  # (path, dimension, value)
    if measure.distinct is not None:
        used.append(([*base, "distinct"], measure.distinct, None))
    if measure.composition is not None:
        used.append(([*base, "composition", "dimension"], measure.composition.dimension, measure.composition.value))
    for dimension, values in (measure.where or {}).items():
        for value in [values] if isinstance(values, str) else values:
            used.append(([*base, "where", dimension], dimension, value))
    target = indicator.target
    if target is not None and target.per_group is not None:
        used.append((["indicators", indicator_id, "target", "per_group"], target.per_group, None))
    for path, dimension, value in used:
        if dimension not in names:
            context.report_project("P209", path, where=where, name=dimension)
            continue
        declared = project.dimensions.get(dimension)
        allowed = declared.allowed() if declared is not None else None
        if value is not None and allowed is not None and value not in allowed:
            context.report_project("P212", path, where=where, value=value, dimension=dimension)


def _references(measure: Measure) -> list[str]:
    if measure.ratio is None:
        return []
    return [ref for ref in (measure.ratio.numerator, measure.ratio.denominator) if isinstance(ref, str)]


def _check_cycles(context: Context) -> None:
    indicators = context.project.indicators
    graph = {name: [ref for ref in _references(ind.measure) if ref in indicators] for name, ind in indicators.items()}
    reported: set[frozenset[str]] = set()
    for start in graph:
        stack: list[tuple[str, list[str]]] = [(start, [start])]
        while stack:
            node, trail = stack.pop()
            for ref in graph[node]:
                if ref == start:
                    cycle = frozenset(trail)
                    if cycle not in reported:
                        reported.add(cycle)
                        context.report_project(
                            "P213", ["indicators", start, "measure"], cycle=" → ".join([*trail, start])
                        )
                elif ref not in trail:
                    stack.append((ref, [*trail, ref]))
