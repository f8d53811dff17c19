"""`szaktar history` drawn: the entries behind a figure, then its changes commit by commit."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..compute.history import FigureHistory, Revision, TargetChange
from ..compute.provenance import Contribution
from ..core.i18n import Lang, format_date, format_number, localised
from ..core.labels import label
from ..core.model import Indicator
from ..core.numbers import json_number
from ..read.git import GitNote
from .tables import Report, Section, Table
from .words import bounds_text, place, quantity

COLUMNS: tuple[str, ...] = (
    "kind", "file", "line", "date", "amount", "evidence", "commit", "author", "subject", "before",
    "after", "from", "min", "max", "by", "source",
)
SHORT_COMMIT = 10
# Why a project has no history of changes.
_GIT_NOTES: Mapping[GitNote, str] = {
    "no_git": "history_no_git",
    "not_tracked": "history_not_tracked",
}


def report(found: FigureHistory, indicator: Indicator, lang: Lang) -> Report:
    name = localised(indicator.name, indicator.name_en, lang)
    return Report(
        COLUMNS,
        lambda: [_section(found, indicator, name, lang)],
        lambda: {
            "project": found.project,
            "indicator": found.indicator,
            "name": name,
            "unit": indicator.unit,
            "as_of": found.as_of.isoformat(),
            "value": json_number(found.value),
            "entries": [_entry(item) for item in found.contributions],
            "changes": [_change(item) for item in found.revisions],
            "target_changes": [_target_change(item) for item in found.target_changes],
            "git": found.git,
        },
        lambda: _rows(found),
    )


def _section(found: FigureHistory, indicator: Indicator, name: str, lang: Lang) -> Section:
    value = quantity(found.value, indicator.unit, lang) or "?"
    tables = tuple(
        table
        for table in (
            _entries(found, lang),
            _changes(found, lang),
            _target_changes(found, indicator.unit, lang),
        )
        if table is not None
    )
    subheading = label("history_value", lang, as_of=format_date(found.as_of, lang), value=value)
    if found.git is not None:
        subheading += "\n" + label(_GIT_NOTES[found.git], lang)
    title = label("history_title", lang, indicator=f"{name} ({found.indicator})")
    return Section(title, subheading, tables)


def _amount(value: float | str | None) -> float | int | str | None:
    return value if isinstance(value, str) or value is None else json_number(value)


def _entry(item: Contribution) -> dict[str, Any]:
    return {
        "file": item.file,
        "line": item.line,
        "date": item.date.isoformat(),
        "amount": _amount(item.amount),
        "evidence": item.evidence,
    }


def _change(item: Revision) -> dict[str, Any]:
    """`commit` is null for the changes not committed yet."""
    return {
        "commit": item.commit,
        "date": item.when.isoformat() if item.when else None,
        "author": item.author,
        "subject": item.subject,
        "before": json_number(item.before),
        "after": json_number(item.after),
    }


def _target_change(item: TargetChange) -> dict[str, Any]:
    """`from` is null for the target as first written."""
    return {
        "from": item.start.isoformat() if item.start else None,
        "min": json_number(item.min),
        "max": json_number(item.max),
        "by": item.by.isoformat() if item.by else None,
        "source": item.source,
    }


def _rows(found: FigureHistory) -> Iterator[dict[str, object]]:
    for entry in found.contributions:
        yield {"kind": "entry", **_entry(entry)}
    for change in found.revisions:
        yield {"kind": "change", **_change(change)}
    for target in found.target_changes:
        yield {"kind": "target", **_target_change(target)}


def _entries(found: FigureHistory, lang: Lang) -> Table:
    keys = ("history_col_place", "history_col_date", "history_col_amount", "history_col_evidence")
    headers = [label(key, lang) for key in keys]
    table = Table(label("history_entries", lang), headers, right=frozenset({2}))
    for item in found.contributions:
        amount = (
            item.amount if isinstance(item.amount, str) else format_number(item.amount or 0, lang)
        )
        table.rows.append(
            [place(item.file, item.line), format_date(item.date, lang), amount, item.evidence or ""]
        )
        table.states.append(None)
    if not table.rows:
        table.footer = label("history_no_entries", lang)
    return table


def _changes(found: FigureHistory, lang: Lang) -> Table | None:
    if found.git is not None:
        return None
    keys = (
        "history_col_commit",
        "history_col_date",
        "history_col_author",
        "history_col_subject",
        "history_col_change",
    )
    table = Table(
        label("history_changes", lang), [label(key, lang) for key in keys]
    )

    def figure(value: float | None) -> str:
        return "—" if value is None else format_number(value, lang)

    for item in found.revisions:
        change = f"{figure(item.before)} → {figure(item.after)}"
        if item.commit is None:
            row = ["", "", "", label("history_uncommitted", lang), change]
        else:
            when = format_date(item.when.date(), lang) if item.when else ""
            row = [item.commit[:SHORT_COMMIT], when, item.author or "", item.subject or "", change]
        table.rows.append(row)
        table.states.append(None)
    return table


def _target_changes(found: FigureHistory, unit: str, lang: Lang) -> Table | None:
    """The target as first written, then as each amendment made it, from its day on."""
    if not found.target_changes:
        return None
    keys = ("history_col_from", "status_col_target", "plan_col_deadline", "history_col_source")
    table = Table(label("history_target_changes", lang), [label(key, lang) for key in keys])
    for item in found.target_changes:
        since = label("history_as_written", lang) if item.start is None else format_date(
            item.start, lang
        )
        table.rows.append(
            [
                since,
                bounds_text(item.min, item.max, unit, lang),
                format_date(item.by, lang) if item.by else "",
                item.source or "",
            ]
        )
        table.states.append(None)
    return table
