"""`szaktar plan` drawn: per project, each target not met with the rate it still needs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from ..compute.planning import PlanItem, ProjectPlan, Verdict
from ..core.i18n import Lang, format_date, format_month, format_number
from ..core.labels import label, sentence
from ..core.numbers import json_number
from ..core.statuses import State
from .status import pace_document
from .tables import Report, Section, Table
from .words import pace_text, quantity

# A verdict's word, and the state whose look it takes (that of the status it resembles).
_VERDICTS: Mapping[Verdict, tuple[str, State]] = {
    "needed": ("plan_needed", "on_track"),
    "not_started": ("plan_not_started", "not_started"),
    "not_due": ("status_not_due", "not_due"),
    "unreachable": ("plan_unreachable", "behind"),
    "at_risk": ("plan_at_risk", "behind"),
    "missed": ("plan_missed", "missed"),
    "unknown": ("plan_unknown", "unknown"),
}

COLUMNS: tuple[str, ...] = (
    "project", "indicator", "group", "period", "partial", "checkpoint", "stage", "actual",
    "target_min", "amended", "remaining", "deadline",
    "pace", "days_left", "months_left", "weeks_left", "per_month", "per_week", "best_month",
    "best_month_amount", "verdict", "unit", "name",
)


def report(plans: Sequence[ProjectPlan], lang: Lang) -> Report:
    return Report(
        COLUMNS,
        lambda: [_section(plan, lang) for plan in plans],
        lambda: {
            "as_of": plans[0].as_of.isoformat() if plans else None,
            "projects": [
                {
                    "id": plan.id,
                    "title": plan.display_title(lang),
                    "clear": plan.clear,
                    "items": [_record(item, lang) for item in plan.items],
                }
                for plan in plans
            ],
        },
        lambda: (row for plan in plans for row in _rows(plan, lang)),
    )


def _record(item: PlanItem, lang: Lang) -> dict[str, Any]:
    need, best = item.need, item.best
    return {
        "indicator": item.indicator,
        "name": item.display_name(lang),
        "unit": item.unit,
        "group": item.group,
        "period": item.period,
        "partial": json_number(item.partial),
        "checkpoint": item.checkpoint.isoformat() if item.checkpoint else None,
        "stage": item.stage,
        "actual": json_number(item.actual),
        "target_min": json_number(item.target_min),
        "amended": item.amended.isoformat() if item.amended else None,
        "remaining": json_number(need.remaining) if need else None,
        "deadline": item.deadline.isoformat() if item.deadline else None,
        "pace": pace_document(item.pace),
        "days_left": need.left.days if need else None,
        "months_left": need.left.months if need else None,
        "weeks_left": need.left.weeks if need else None,
        "per_month": json_number(need.per_month) if need else None,
        "per_week": json_number(need.per_week) if need else None,
        "best_month": None
        if best is None
        else {"month": best.month, "amount": json_number(best.amount)},
        "verdict": item.verdict,
    }


def _rows(plan: ProjectPlan, lang: Lang) -> Iterator[dict[str, object]]:
    for item in plan.items:
        record = _record(item, lang)
        best = record.pop("best_month")
        yield {
            "project": plan.id,
            **record,
            "pace": item.pace.model if item.pace else None,
            "best_month": best["month"] if best else None,
            "best_month_amount": best["amount"] if best else None,
        }


def _section(plan: ProjectPlan, lang: Lang) -> Section:
    headers = [
        label(key, lang)
        for key in (
            "plan_col_indicator",
            "plan_col_scope",
            "plan_col_actual",
            "plan_col_target",
            "plan_col_remaining",
            "plan_col_deadline",
            "status_col_pace",
            "plan_col_months_left",
            "plan_col_per_month",
            "plan_col_per_week",
            "plan_col_best_month",
            "plan_col_verdict",
        )
    ]
    table = Table("", headers, right=frozenset({2, 3, 4, 7, 8, 9}), state_column=11)
    for item in plan.items:
        need, unit = item.need, item.unit
        table.rows.append(
            [
                item.display_name(lang),
                _scope(item, lang),
                quantity(item.actual, unit, lang),
                _target(item, lang),
                quantity(need.remaining, unit, lang) if need else "",
                format_date(item.deadline, lang) if item.deadline else "?",
                pace_text(item.pace, lang),
                str(need.left.months) if need else "",
                quantity(need.per_month, unit, lang, decimals=1) if need else "",
                quantity(need.per_week, unit, lang, decimals=1) if need else "",
                _best(item, lang),
                label(_VERDICTS[item.verdict][0], lang),
            ]
        )
        table.states.append(_VERDICTS[item.verdict][1])
    title = label("plan_title", lang, as_of=format_date(plan.as_of, lang))
    if not plan.items:
        nothing = label("plan_nothing" if plan.clear else "plan_no_targets", lang)
        return Section(_heading(plan, lang), f"{sentence(title)} {nothing}", ())
    table.footer = label("plan_clear", lang, count=plan.clear) if plan.clear else None
    return Section(_heading(plan, lang), title, (table,))


def _scope(item: PlanItem, lang: Lang) -> str:
    """The group and the period planned for, or the checkpoint: `to the checkpoint of 31 Dec
    2019`, `after 31 Dec 2019`."""
    if item.checkpoint is not None:
        if item.stage == "to":
            until = format_date(item.checkpoint, lang, "until")
            return label("plan_to_checkpoint", lang, date=until)
        return label("plan_after_checkpoint", lang, date=format_date(item.checkpoint, lang))
    period = item.period
    if period and item.partial is not None:
        period += f" ({label('plan_partial', lang)})"
    return ", ".join(part for part in (item.group, period) if part)


def _target(item: PlanItem, lang: Lang) -> str:
    """The minimum planned for, and the day an amendment set it: `48 hours (amended 15 Jun
    2011)`."""
    target = quantity(item.target_min, item.unit, lang)
    if item.amended is None:
        return target
    return f"{target} ({label('plan_amended', lang, date=format_date(item.amended, lang))})"


def _heading(plan: ProjectPlan, lang: Lang) -> str:
    return f"{plan.display_title(lang)} ({plan.id})"


def _best(item: PlanItem, lang: Lang) -> str:
    if item.best is None:
        return ""
    year, month = (int(part) for part in item.best.month.split("-"))
    amount = format_number(item.best.amount, lang, decimals=1)
    return f"{format_month(dt.date(year, month, 1), lang)}: {amount}"
