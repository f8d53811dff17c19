"""What a change of entries changes: the indicators whose value it changes, before → after.

New entries (log, import) "feed" an indicator that counts one of them and whose value changes;
an entry amended or deleted changes the indicators that counted it before or count it after.
Values are over all recorded entries (also those dated after today), with the target. A target
per period (or per group) is given for the period (group) of the entries touched when they
share one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..core.model import Entry
from ..core.targets import target_period_of
from ..read.loader import LoadedProject
from .aggregate import aggregate


@dataclass(frozen=True, slots=True)
class IndicatorChange:
    indicator_id: str
    name: str
    name_en: str | None
    unit: str
    scope: str | None  # the period or group the values are of ("2011-03", "T1"), None: all
    before: float | None
    after: float | None
    target: float | None


def indicator_changes(
    before: LoadedProject | None, after: LoadedProject | None, touched: Sequence[Entry]
) -> list[IndicatorChange]:
    """The indicators whose value changes from the project `before` to `after` the `touched`
    entries were (or would be) written, added, changed or removed: before → after."""
    if before is None or after is None or after.project is None:
        return []
    project = after.project
    old = aggregate(project, before.entries())
    new = aggregate(project, after.entries())
    changes: list[IndicatorChange] = []
    for indicator_id, indicator in project.indicators.items():
        target = indicator.target
        first = last = None
        scope: str | None = None
        dimension: str | None = None
        group: object = None
        bound = None if target is None else target.min if target.min is not None else target.max
        if target is not None and target.per is not None:
            spans = {
                target_period_of(project, indicator_id, target, entry["date"]) for entry in touched
            }
            if len(spans) == 1:
                span = spans.pop()
                first, last, scope = span.start, span.end, span.label
            else:
                bound = None  # a total over several periods has no target of its own
        if target is not None and target.per_group is not None:
            groups = {entry.get(target.per_group) for entry in touched}
            if len(groups) == 1 and None not in groups:
                dimension, group = target.per_group, groups.pop()
                scope = f"{scope}, {group}" if scope else str(group)
            else:
                bound = None
        was = old.value(indicator_id, first, last, dimension=dimension, group=group)
        now = new.value(indicator_id, first, last, dimension=dimension, group=group)
        if was == now:
            continue  # counted, but without effect (a distinct value already seen, a smaller max)
        name, name_en, unit = indicator.name, indicator.name_en, indicator.unit
        changes.append(IndicatorChange(indicator_id, name, name_en, unit, scope, was, now, bound))
    return changes


