"""What `szaktar log` and `szaktar import` print: the entries written, and the indicators they fed.

"Fed" means the indicator counts at least one of the new entries and its value changes;
it is shown before → after, over all recorded entries (also those dated after today), with its
target: "Konzultációs órák: 1 236 → 1 239 / 3 000 óra". A target per period (or per
group) is shown for the period (group) of the new entries when they share one.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.i18n import Lang, format_number, format_percent, label, unit_label
from ..core.periods import period_of
from ..write.recording import Recording


@dataclass(frozen=True, slots=True)
class IndicatorChange:
    indicator_id: str
    name: str
    unit: str
    scope: str | None  # the period or group the values are of ("2011-03", "T1"), None: all
    before: float | None
    after: float | None
    target: float | None


def indicator_changes(recording: Recording, lang: Lang) -> list[IndicatorChange]:
    """The indicators the written (or, in a dry run, planned) entries feed, before → after."""
    from ..compute.aggregate import aggregate  # noqa: PLC0415

    before, after = recording.before, recording.after
    if before is None or after is None or after.project is None:
        return []
    project = after.project
    added = [entry for change in recording.changes for entry in change.entries]
    old = aggregate(project, before.entries())
    new = aggregate(project, after.entries())
    changes: list[IndicatorChange] = []
    for indicator_id, indicator in project.indicators.items():
        if new.matched(indicator_id) == old.matched(indicator_id):
            continue
        target = indicator.target
        first = last = None
        scope: str | None = None
        dimension: str | None = None
        group: object = None
        bound = None if target is None else target.min if target.min is not None else target.max
        if target is not None and target.per is not None:
            spans = {period_of(entry["date"], target.per) for entry in added}
            if len(spans) == 1:
                span = spans.pop()
                first, last, scope = span.start, span.end, span.label
            else:
                bound = None  # a total over several periods has no target of its own
        if target is not None and target.per_group is not None:
            groups = {entry.get(target.per_group) for entry in added}
            if len(groups) == 1 and None not in groups:
                dimension, group = target.per_group, groups.pop()
                scope = f"{scope}, {group}" if scope else str(group)
            else:
                bound = None
        was = old.value(indicator_id, first, last, dimension=dimension, group=group)
        now = new.value(indicator_id, first, last, dimension=dimension, group=group)
        if was == now:
            continue  # counted, but without effect (a distinct value already seen, a smaller max)
        name = indicator.name_en if lang == "en" and indicator.name_en else indicator.name
        changes.append(IndicatorChange(indicator_id, name, indicator.unit, scope, was, now, bound))
    return changes


def _number(value: float | None, unit: str, lang: Lang) -> str:
    if value is None:
        return "–"
    return format_percent(value, lang) if unit == "percent" else format_number(value, lang)


def change_line(change: IndicatorChange, lang: Lang) -> str:
    """`Konzultációs órák: 1 236 → 1 239 / 3 000 óra`."""
    name = f"{change.name} ({change.scope})" if change.scope else change.name
    before, after = (
        _number(change.before, change.unit, lang),
        _number(change.after, change.unit, lang),
    )
    text = f"{name}: {before} → {after}"
    if change.target is not None:
        text += f" / {_number(change.target, change.unit, lang)}"
    if change.unit != "percent":
        amount = change.target if change.target is not None else change.after
        text += f" {unit_label(change.unit, lang, amount)}"
    return text


def recording_text(recording: Recording, lang: Lang, *, show_entries: bool = True) -> str:
    """The files written (in a dry run: to be written), their new entries, the indicators fed."""
    lines: list[str] = []
    written = "recorded_written" if recording.written else "recorded_dry_run"
    for change in recording.changes:
        lines.append(label(written, lang, file=change.file, count=len(change.entries)))
        if show_entries:
            lines.extend(change.block.rstrip("\r\n").replace("\r\n", "\n").split("\n"))
    if recording.skipped:
        lines.append(label("recorded_skipped", lang, count=len(recording.skipped)))
    if not recording.changes:
        lines.append(label("recorded_nothing", lang))
    changes = indicator_changes(recording, lang)
    if changes:
        lines.append(label("recorded_indicators", lang))
        lines.extend(f"  {change_line(change, lang)}" for change in changes)
    return "\n".join(lines) + "\n"
