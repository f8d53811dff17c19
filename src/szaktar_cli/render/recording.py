"""What `szaktar log` and `szaktar import` print: the entries written, and the indicators they
fed (compute/changes.py), before → after with the target: "Konzultációs órák: 1 236 → 1 239 /
3 000 óra"."""

from __future__ import annotations

from collections.abc import Sequence

from ..compute.changes import IndicatorChange
from ..core.i18n import Lang, format_number, format_percent, localised
from ..core.labels import label, unit_label
from ..write.recording import Recording


def _number(value: float | None, unit: str, lang: Lang) -> str:
    if value is None:
        return "–"
    return format_percent(value, lang) if unit == "percent" else format_number(value, lang)


def change_line(change: IndicatorChange, lang: Lang) -> str:
    """`Konzultációs órák: 1 236 → 1 239 / 3 000 óra`."""
    named = localised(change.name, change.name_en, lang)
    name = f"{named} ({change.scope})" if change.scope else named
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


def recording_text(
    recording: Recording,
    changes: Sequence[IndicatorChange],
    lang: Lang,
    *,
    show_entries: bool = True,
) -> str:
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
    if changes:
        lines.append(label("recorded_indicators", lang))
        lines.extend(f"  {change_line(change, lang)}" for change in changes)
    return "\n".join(lines) + "\n"
