"""What the editing commands print: the files `fmt` formats (or would), the lines `amend`,
`rename` and `target` change, and the indicators whose value changes."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Sequence

from ..compute.changes import IndicatorChange
from ..compute.results import IndicatorStatus
from ..core.i18n import Lang, format_date
from ..core.labels import label
from ..write.amend import Amended
from ..write.editing import FileEdit
from ..write.formatting import Formatting
from ..write.rename import Renamed, Renaming
from ..write.target import TargetSet, Terms
from . import words
from .recording import change_line
from .status import percent_text, status_text


def formatting_text(formatting: Formatting, lang: Lang, *, check: bool) -> str:
    """A line per file formatted (`--check`: to format), then how many were and were not."""
    changed = formatting.changed
    key = "fmt_would_format" if check else "fmt_formatted"
    lines = [label(key, lang, file=file.file) for file in changed]
    summary = "fmt_summary_check" if check else "fmt_summary"
    unchanged = len(formatting.files) - len(changed)
    lines.append(label(summary, lang, changed=len(changed), unchanged=unchanged))
    return "\n".join(lines) + "\n"


def changed_lines(edit: FileEdit) -> list[str]:
    """The lines a change removes (`-`) and adds (`+`), as a diff shows them, without context."""
    old = edit.old.decode("utf-8-sig").splitlines()
    new = edit.new.decode("utf-8-sig").splitlines()
    return [
        line for line in difflib.unified_diff(old, new, lineterm="", n=0)
        if line[:1] in "-+" and not line.startswith(("---", "+++"))
    ]


def target_text(
    target: TargetSet,
    terms: Terms,
    states: Sequence[IndicatorStatus | None],
    day: dt.date,
    lang: Lang,
) -> str:
    """What was written into project.yaml (the lines of the target that change), and the
    indicator's status before → after."""
    lines = [] if target.written else [label("edit_dry_run", lang)]
    if terms.start is None:
        lines.append(label("target_set", lang, indicator=terms.indicator, file=target.file))
    else:
        start = format_date(terms.start, lang)
        lines.append(label(
            "target_amended", lang, indicator=terms.indicator, start=start, file=target.file
        ))
    for edit in target.edits:
        lines.extend(changed_lines(edit))
    before, after = states
    if before is not None and after is not None:
        lines.append(label(
            "target_status", lang, date=format_date(day, lang),
            before=_judged(before, lang), after=_judged(after, lang),
        ))
    return "\n".join(lines) + "\n"


def _judged(item: IndicatorStatus, lang: Lang) -> str:
    """`≥ 3 000 óra, lemaradásban, 41%` (the target as `status` shows it)."""
    deadline = item.deadline if item.target is not None and item.target.by is not None else None
    target = words.target_text(item.target, item.unit, lang, deadline=deadline)
    parts = [target, status_text(item, lang), percent_text(item, lang)]
    return ", ".join(part for part in parts if part)


def amended_text(amended: Amended, changes: Sequence[IndicatorChange], lang: Lang) -> str:
    """The entry's lines before and after, and the indicators whose value changes."""
    place = f"{amended.file}:{amended.line}"
    if amended.moved_to is not None:
        heading = label("amend_moved", lang, place=place, file=amended.moved_to)
    else:
        heading = label("amend_deleted" if amended.deleted else "amend_amended", lang, place=place)
    lines = [] if amended.written else [label("edit_dry_run", lang)]
    lines.append(heading)
    for edit in amended.edits:
        lines.extend(changed_lines(edit))
    lines.extend(indicator_lines(changes, lang))
    return "\n".join(lines) + "\n"


def indicator_lines(changes: Sequence[IndicatorChange], lang: Lang) -> list[str]:
    if not changes:
        return [label("edit_no_indicators", lang)]
    return [label("edit_indicators", lang), *(f"  {change_line(c, lang)}" for c in changes)]


_KINDS = {
    "activity": "rename_kind_activity",
    "indicator": "rename_kind_indicator",
    "dimension": "rename_kind_dimension",
    "dimension-value": "rename_kind_dimension_value",
    "category": "rename_kind_category",
}


def renamed_text(renamed: Renamed, renaming: Renaming, lang: Lang) -> str:
    """How many names were replaced in each file, and the months reopened and closed again."""
    kind = label(_KINDS[renaming.kind], lang, dimension=renaming.dimension)
    count = sum(renamed.places.values())
    lines = [] if renamed.written else [label("edit_dry_run", lang)]
    lines.append(
        label("rename_done", lang, kind=kind, old=renaming.old, new=renaming.new, count=count)
    )
    lines.extend(f"  {file}: {places}" for file, places in renamed.places.items())
    if renamed.reopened is not None and renamed.reclosed:
        by, reason = renamed.reopened.by, renamed.reopened.reason
        months = ", ".join(renamed.reclosed)
        lines.append(label("rename_reclosed", lang, by=by, reason=reason, months=months))
    return "\n".join(lines) + "\n"
