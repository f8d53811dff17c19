"""Two languages for every label; numbers and dates in the locale's format on screen (babel).

Babel's locale data is loaded on first use, so commands that print no numbers
(and `--help`) do not pay for it.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from babel import Locale

Lang = Literal["hu", "en"]
LANGS: tuple[Lang, ...] = ("hu", "en")
_LOCALES: Mapping[Lang, str] = {"hu": "hu_HU", "en": "en_GB"}


def detect_lang(environ: Mapping[str, str] | None = None) -> Lang:
    """SZAKTAR_LANG, else the environment's locale (LC_ALL, LC_MESSAGES, LANG); else English."""
    env = os.environ if environ is None else environ
    explicit = env.get("SZAKTAR_LANG", "").strip().lower()
    if explicit in LANGS:
        return "hu" if explicit == "hu" else "en"
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(variable, "")
        if value:
            return "hu" if value.lower().startswith("hu") else "en"
    return "en"


# Labels shared by the renderers: key -> (Hungarian, English).
LABELS: dict[str, tuple[str, str]] = {
    "error": ("hiba", "error"),
    "warning": ("figyelmeztetés", "warning"),
    "hint": ("tipp", "hint"),
    "summary_clean": ("{files} projekt rendben", "{files} project(s) valid"),
    "summary_problems": (
        "{errors} hiba, {warnings} figyelmeztetés",
        "{errors} error(s), {warnings} warning(s)",
    ),
    # szaktar export: column headers (export_col_<key>), titles, target periods
    "export_col_project": ("projekt", "project"),
    "export_col_title": ("projekt címe", "project title"),
    "export_col_indicator": ("mutató", "indicator"),
    "export_col_indicator_name": ("mutató neve", "indicator name"),
    "export_col_unit": ("mértékegység", "unit"),
    "export_col_period": ("időszak", "period"),
    "export_col_actual": ("tény az időszakban", "actual in period"),
    "export_col_cumulative": ("tény halmozottan", "cumulative actual"),
    "export_col_target_min": ("cél (min.)", "target (min)"),
    "export_col_target_max": ("cél (max.)", "target (max)"),
    "export_col_target_per": ("cél gyakorisága", "target per"),
    "export_col_percent": ("teljesítés", "percent"),
    "export_col_status": ("állapot", "status"),
    "export_col_period_start": ("időszak kezdete", "period start"),
    "export_col_period_end": ("időszak vége", "period end"),
    "export_col_as_of": ("állapot napja", "as of"),
    "export_col_indicators": ("mutatók", "indicators"),
    "export_col_entries": ("bejegyzések", "entries"),
    "export_col_date": ("dátum", "date"),
    "export_col_activity": ("tevékenység", "activity"),
    "export_col_activity_name": ("tevékenység neve", "activity name"),
    "export_col_hours": ("óra", "hours"),
    "export_col_participants": ("résztvevők", "participants"),
    "export_col_count": ("darab", "count"),
    "export_col_value": ("érték", "value"),
    "export_col_place": ("helyszín", "place"),
    "export_col_county": ("megye", "county"),
    "export_col_partner": ("partner", "partner"),
    "export_col_team": ("csapat", "team"),
    "export_col_topic": ("téma", "topic"),
    "export_col_person": ("személy (kód)", "person (code)"),
    "export_col_note": ("megjegyzés", "note"),
    "export_col_evidence": ("igazolás", "evidence"),
    "export_per_month": ("havonta", "per month"),
    "export_per_quarter": ("negyedévente", "per quarter"),
    "export_per_half": ("félévente", "per half-year"),
    "export_per_year": ("évente", "per year"),
    "export_sheet_summary": ("Összesítő", "Summary"),
    "export_title_indicators": (
        "Mutatók, {period} (állapot: {as_of})", "Indicators, {period} (as of {as_of})"
    ),
    "export_title_entries": (
        "Bejegyzések, {period} (állapot: {as_of})", "Entries, {period} (as of {as_of})"
    ),
    "export_no_rows": ("Ebben az időszakban nincs adat.", "No data in this period."),
    # szaktar report / chart: charts (chart_*), cell states (cell_*), the page (report_*)
    "chart_actual": ("tény (halmozott)", "actual (cumulative)"),
    "chart_expected": ("elvárt ütem", "expected pace"),
    "chart_forecast": ("előrejelzés", "forecast"),
    "chart_target": ("cél: {value}", "target: {value}"),
    "chart_target_max": ("felső korlát: {value}", "maximum: {value}"),
    "chart_checkpoint": ("ellenőrzőpont", "checkpoint"),
    "chart_as_of": ("állapot: {date}", "as of {date}"),
    "chart_not_recorded": ("nincs megadva", "not recorded"),
    "cell_met": ("teljesült", "met"),
    "cell_missed": ("elmaradt", "missed"),
    "cell_in_progress": ("folyamatban", "in progress"),
    "cell_partial": ("részidőszak", "partial period"),
    "cell_future": ("még nem esedékes", "not yet due"),
    "cell_on_track": ("terv szerint halad", "on track"),
    "cell_behind": ("lemaradásban", "behind"),
    "cell_not_started": ("még nem kezdődött", "not started"),
    "cell_unknown": ("nem megállapítható", "unknown"),
    "period_quarter": ("{year}. {roman}. n.év", "Q{number} {year}"),
    "period_half": ("{year}. {roman}. félév", "H{number} {year}"),
    "report_title": ("Mutatók állása", "Indicator report"),
    "report_portfolio": ("Portfólió", "Portfolio"),
    "report_as_of": ("Állapot: {date}", "As of {date}"),
    "report_reference": ("Azonosító", "Reference"),
    "report_programme": ("Program", "Programme"),
    "report_amount": ("Támogatás", "Grant"),
    "report_lead": ("Kedvezményezett", "Lead beneficiary"),
    "report_period": ("Időtartam", "Period"),
    "report_partners": ("Partnerek", "Partners"),
    "report_unknown": ("nem ismert", "unknown"),
    "report_indicators": ("Mutatók", "Indicators"),
    "report_col_indicator": ("Mutató", "Indicator"),
    "report_col_actual": ("Tény", "Actual"),
    "report_col_target": ("Cél", "Target"),
    "report_col_expected": ("Elvárt mára", "Expected by now"),
    "report_col_forecast": ("Előrejelzés", "Forecast"),
    "report_col_progress": ("Teljesítés", "Progress"),
    "report_col_status": ("Állapot", "Status"),
    "report_col_region": ("Régió", "Region"),
    "report_col_project": ("Projekt", "Project"),
    "report_charts": ("Grafikonok", "Charts"),
    "report_breakdowns": ("Megoszlások", "Breakdowns"),
    "report_breakdown_title": ("{indicator} – {dimension} szerint", "{indicator} by {dimension}"),
    "report_breakdown_empty": ("Bejegyzés nélkül: {values}", "No entries: {values}"),
    "report_facts": (
        "A dokumentumban szereplő további eredmények",
        "Further results given in the document",
    ),
    "report_times": ("{count} alkalommal", "{count} times"),
    "report_done_on": ("teljesült: {date}", "done on {date}"),
    "report_min": ("legalább {value}", "at least {value}"),
    "report_max": ("legfeljebb {value}", "at most {value}"),
    "report_by": ("{target} ({date}-ig)", "{target} by {date}"),
    "report_burnup_summary": (
        "Eddig {actual}; mára elvárt {expected}; a határidőre előre jelzett {forecast}.",
        "So far {actual}; expected by now {expected}; forecast for the deadline {forecast}.",
    ),
    "report_cells_summary": (
        "{met} / {judged} lezárt időszak teljesült{in_progress}.",
        "{met} of {judged} closed periods met{in_progress}.",
    ),
    "report_cells_in_progress": ("; {count} folyamatban", "; {count} in progress"),
    "report_actual_summary": ("Eddig {actual}.", "So far {actual}."),
    "report_groups_summary": (
        "{met} / {count} csoport érte el a célt.",
        "{met} of {count} groups have reached the target.",
    ),
    "report_group_periods_met": ("{met}/{judged} csoport-időszak", "{met}/{judged} group-periods"),
    "report_grid_summary": (
        "{met} / {judged} lezárt csoport-időszak teljesült{in_progress}.",
        "{met} of {judged} closed group-periods met{in_progress}.",
    ),
    "report_generated_by": ("Készült a szaktar programmal, {date} állapot szerint.",
                            "Made with szaktar, as of {date}."),
    "report_region_none": ("régió nélkül", "no region"),
    "report_contents": ("Tartalom", "Contents"),
    "report_kicker": ("Jelentés a testületnek", "Report to the board"),
    "report_project_count": ("{count} projekt", "{count} projects"),
    "report_col_targets": ("Célok", "Targets"),
    "report_portfolio_intro": (
        "{count} projekt, {date} állapot szerint.",
        "{count} projects as of {date}.",
    ),
    "report_portfolio_chart": ("A célok állása projektenként, {field} szerint csoportosítva",
                               "Targets by status, per project, grouped by {field}"),
    "report_targets_axis": ("célok száma", "number of targets"),
    "report_tracked": ("Csak követett mutatók ({count})", "Tracked-only indicators ({count})"),
    "report_partner_count": ("{count} partner", "{count} partners"),
    "report_funding_rate": ("({rate} támogatási intenzitás)", "({rate} funded)"),
    "report_each_group": (
        "{target}, {dimension} szerint egyenként",
        "{target}, for each {dimension}",
    ),
    # status words of compute.Status (status_<status>), shared by every renderer
    "status_met": ("teljesült", "met"),
    "status_on_track": ("terv szerint halad", "on track"),
    "status_behind": ("lemaradásban", "behind"),
    "status_missed": ("nem teljesült", "missed"),
    "status_not_started": ("még nem kezdődött", "not started"),
    "status_no_target": ("csak követett", "tracked only"),
    "status_unknown": ("nem megállapítható", "unknown"),
    # szaktar status: notes (status_note_<compute.Note>), headers, titles
    "status_note_denominator_unknown": ("a nevező nem ismert", "denominator unknown"),
    "status_note_denominator_zero": ("a nevező nulla", "denominator is zero"),
    "status_note_pace_unknown": (
        "ütem nem számolható: a kezdet vagy a határidő nem ismert",
        "no pace: start or deadline unknown",
    ),
    "status_col_indicators": ("Mutatók", "Indicators"),
    "status_columns_hidden": (
        "A várható és az előrejelzett érték keskeny terminálon nem fér ki; --format plain mutatja.",
        "Expected and forecast values do not fit a narrow terminal; --format plain shows them.",
    ),
    "status_col_indicator": ("Mutató", "Indicator"),
    "status_col_actual": ("Tény", "Actual"),
    "status_col_target": ("Cél", "Target"),
    "status_col_percent": ("%", "%"),
    "status_col_expected": ("Várható mostanáig", "Expected to date"),
    "status_col_forecast": ("Előrejelzés", "Forecast"),
    "status_col_status": ("Állapot", "Status"),
    "status_col_period": ("Időszak", "Period"),
    "status_col_group": ("Csoport", "Group"),
    "status_total": ("Összesen", "Total"),
    "status_portfolio": ("Portfólió, állapot: {as_of}", "Portfolio as of {as_of}"),
    "status_project_dates": ("{start} – {end}, állapot: {as_of}", "{start} – {end}, as of {as_of}"),
    "status_shortfalls": ("Elmaradások", "Shortfalls"),
    "status_breakdown": ("Bontás: {dimension}", "Breakdown by {dimension}"),
    "status_more": (
        "… és még {count} (mind: --format csv vagy json)",
        "… and {count} more (all of them: --format csv or json)",
    ),
    "status_not_recorded": ("(nincs megadva)", "(not recorded)"),
    "status_not_done": ("nincs kész", "not done"),
    "status_deadline": ("határidő: {date}", "by {date}"),
    "status_per_group": ("{name} szerint", "per {name}"),
    "status_periods_met": ("{met}/{judged} időszak", "{met}/{judged} periods"),
    "status_groups_met": ("{met}/{judged} csoport", "{met}/{judged} groups"),
    "status_cells_met": ("{met}/{judged} csoport×időszak", "{met}/{judged} group-periods"),
    "status_no_problems": ("Nincs lemaradás.", "No indicator is behind or missed."),
    # szaktar plan: what is still needed (plan_col_*, verdicts plan_<verdict>)
    "plan_title": ("Ami még hátravan, állapot: {as_of}", "Still needed as of {as_of}"),
    "plan_col_indicator": ("Mutató", "Indicator"),
    "plan_col_scope": ("Csoport / időszak", "Group / period"),
    "plan_col_actual": ("Eddig", "So far"),
    "plan_col_target": ("Cél", "Target"),
    "plan_col_remaining": ("Hátravan", "Remaining"),
    "plan_col_deadline": ("Határidő", "Deadline"),
    "plan_col_months_left": ("Hónap", "Months left"),
    "plan_col_per_month": ("Havonta kell", "Needed a month"),
    "plan_col_per_week": ("Hetente kell", "Needed a week"),
    "plan_col_best_month": ("Legjobb hónap eddig", "Best month so far"),
    "plan_col_verdict": ("Értékelés", "Verdict"),
    "plan_needed": ("még hátravan", "still needed"),
    "plan_not_started": ("még nem kezdődött", "not started"),
    "plan_unreachable": (
        "a legjobb hónap ütemével sem érhető el", "out of reach at the best month's pace"
    ),
    "plan_at_risk": ("veszélyben", "at risk"),
    "plan_missed": ("nem teljesült", "missed"),
    "plan_unknown": ("nem megállapítható", "unknown"),
    "plan_clear": (
        "{count} cél teljesült, vagy most nem kell hozzá több.",
        "{count} target(s) met or needing nothing more now.",
    ),
    "plan_nothing": ("Egyik célhoz sem kell most több.", "No target needs more now."),
    "plan_no_targets": ("Nincs minimumot előíró cél.", "No target sets a minimum."),
    # szaktar gaps: the missing-data report (gaps_col_*)
    "gaps_title": ("Hiányzó adatok, állapot: {as_of}", "Missing data as of {as_of}"),
    "gaps_empty_months": ("Hónapok bejegyzés nélkül", "Months with no entries"),
    "gaps_silent_groups": ("Csoportok bejegyzés nélkül", "Groups with nothing logged"),
    "gaps_after_as_of": ("A vizsgált nap utáni bejegyzések", "Entries dated after as-of"),
    "gaps_unsplit": (
        "Bontások, amelyek részei nem adják ki az összeget", "Breakdowns whose parts miss the total"
    ),
    "gaps_col_month": ("Hónap", "Month"),
    "gaps_col_count": ("Hány", "How many"),
    "gaps_col_indicator": ("Mutató", "Indicator"),
    "gaps_col_group": ("Csoport", "Group"),
    "gaps_col_periods": ("Időszakok", "Periods"),
    "gaps_col_place": ("Hely", "Place"),
    "gaps_col_date": ("Dátum", "Date"),
    "gaps_col_activity": ("Tevékenység", "Activity"),
    "gaps_col_dimension": ("Bontás", "Broken down by"),
    "gaps_col_total": ("Összesen", "Total"),
    "gaps_col_parts": ("Részek összege", "Sum of parts"),
    "gaps_col_difference": ("Eltérés", "Difference"),
    "gaps_col_entries": ("Bejegyzések érték nélkül", "Entries without a value"),
    "gaps_whole_window": ("az eddigi teljes időszak", "the whole period so far"),
    "gaps_none": ("Nincs hiányzó adat.", "No missing data found."),
    "gaps_count": ("{count} hiány", "{count} gap(s)"),
    # szaktar history: where a figure comes from (history_col_*)
    "history_title": ("{indicator}: honnan jön a szám", "{indicator}: where the figure comes from"),
    "history_value": ("Érték, állapot: {as_of}: {value}", "Value as of {as_of}: {value}"),
    "history_entries": ("A számot adó bejegyzések", "Entries making up the figure"),
    "history_changes": ("Változások commitonként", "Changes commit by commit"),
    "history_col_place": ("Hely", "Place"),
    "history_col_date": ("Dátum", "Date"),
    "history_col_amount": ("Mennyiség", "Amount"),
    "history_col_evidence": ("Igazolás", "Evidence"),
    "history_col_commit": ("Commit", "Commit"),
    "history_col_author": ("Szerző", "Author"),
    "history_col_subject": ("Leírás", "Subject"),
    "history_col_change": ("Előtte → utána", "Before → after"),
    "history_uncommitted": ("(nem commitolt változás)", "(uncommitted changes)"),
    "history_no_entries": ("Egy bejegyzés sem adja a számot.", "No entry makes up the figure."),
    "history_no_git": (
        "Az adatkönyvtár nincs git tárolóban (vagy a git nem érhető el), "
        "így a szám változásai nem követhetők.",
        "The data directory is not in a git repository (or git is not available): "
        "the changes of the figure cannot be traced.",
    ),
    "history_not_tracked": (
        "A projekt fájljai még nincsenek commitolva: nincs változástörténet.",
        "The project's files are not committed yet: there is no history of changes.",
    ),
    # szaktar close / reopen
    "close_done": (
        "{project} {month} lezárva ({date}, {by}): {entries} bejegyzés, {hash}",
        "{project} {month} closed on {date} by {by}: {entries} entries, {hash}",
    ),
    "reopen_done": (
        "{project} {month} újranyitva ({date}, {by}), indok: {reason}",
        "{project} {month} reopened on {date} by {by}, reason: {reason}",
    ),
    # szaktar log / import / new
    "recorded_written": (
        "Beírva: {file} (+{count})",
        "Written to {file} (+{count})",
    ),
    "recorded_dry_run": (
        "Próba (--dry-run), semmi sem íródott ki; ide kerülne: {file} (+{count})",
        "Dry run, nothing written; would go to {file} (+{count})",
    ),
    "recorded_skipped": (
        "{count} már rögzített bejegyzés kihagyva",
        "{count} already recorded entries skipped",
    ),
    "recorded_nothing": (
        "Nincs új bejegyzés; semmi sem íródott ki.",
        "No new entries; nothing was written.",
    ),
    "recorded_indicators": ("Érintett mutatók:", "Indicators fed:"),
    "import_progress_read": ("Sorok olvasása", "Reading rows"),
    "import_progress_check": ("Ellenőrzés", "Checking"),
    "import_progress_write": ("Fájlok írása", "Writing files"),
    "new_created": (
        "Létrejött: {directory} (tevékenységek: {activities}).\n"
        "Rögzítés: szaktar log {project} --date … --activity …",
        "Created {directory} (activities: {activities}).\n"
        "Record with: szaktar log {project} --date … --activity …",
    ),
}

UNITS: dict[str, tuple[str, str, str]] = {
    # unit: (Hungarian, English singular, English plural)
    "hour": ("óra", "hour", "hours"),
    "person": ("fő", "person", "persons"),
    "event": ("alkalom", "event", "events"),
    "item": ("db", "item", "items"),
    "copy": ("példány", "copy", "copies"),
    "topic": ("téma", "topic", "topics"),
    "organisation": ("szervezet", "organisation", "organisations"),
    "settlement": ("település", "settlement", "settlements"),
    "meeting": ("ülés", "meeting", "meetings"),
    "percent": ("%", "%", "%"),
    "HUF": ("Ft", "HUF", "HUF"),
    "team": ("csapat", "team", "teams"),
    "project": ("projekt", "project", "projects"),
    "day": ("nap", "day", "days"),
}


def label(key: str, lang: Lang, **params: object) -> str:
    hu, en = LABELS[key]
    return (hu if lang == "hu" else en).format(**params)


def sentence(text: str) -> str:
    """End a text with one full stop: a Hungarian date (`2024. ápr. 1.`) already has one."""
    return text if text.endswith(".") else text + "."


def unit_label(unit: str, lang: Lang, amount: float | None = None) -> str:
    names = UNITS.get(unit)
    if names is None:
        return unit
    if lang == "hu":
        return names[0]
    return names[1] if amount == 1 else names[2]


@cache
def _babel_locale(lang: Lang) -> Locale:
    from babel import Locale  # noqa: PLC0415  # heavy: loaded on first use

    return Locale.parse(_LOCALES[lang])


def format_number(value: float, lang: Lang, *, decimals: int = 2) -> str:
    """`3 000` in Hungarian, `3,000` in English; at most `decimals` fraction digits."""
    from babel.numbers import format_decimal  # noqa: PLC0415

    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return str(format_decimal(value, format=pattern, locale=_babel_locale(lang)))


def format_percent(value: float, lang: Lang, *, decimals: int = 1) -> str:
    from babel.numbers import format_percent as babel_percent  # noqa: PLC0415

    pattern = "#,##0" + ("." + "#" * decimals if decimals else "") + "%"
    return str(babel_percent(value / 100, format=pattern, locale=_babel_locale(lang)))


def format_date(value: dt.date, lang: Lang) -> str:
    from babel.dates import format_date as babel_date  # noqa: PLC0415

    return str(babel_date(value, format="medium", locale=_babel_locale(lang)))


def format_month(value: dt.date, lang: Lang) -> str:
    """The month of a date: `2011. márc.`, `Mar 2011`."""
    from babel.dates import format_skeleton  # noqa: PLC0415

    return str(format_skeleton("yMMM", value, locale=_babel_locale(lang)))


def format_quantity(value: float, unit: str, lang: Lang, *, decimals: int = 2) -> str:
    """A number with its unit: `3 000 óra`, `3,000 hours`, `75%`."""
    if unit == "percent":
        return format_percent(value, lang)
    return f"{format_number(value, lang, decimals=decimals)} {unit_label(unit, lang, value)}"
