"""Every word szaktar prints that is not the user's: labels in English and Hungarian (English
first, as every pair of texts in szaktar), and the units of figures.

A key is always written out in full where it is used (no key is built at run time), so that
tests/test_labels.py can check that every key used exists and every key is used.
"""

from __future__ import annotations

from collections.abc import Mapping

from .i18n import Lang, format_number, format_percent, in_lang

LABELS: dict[str, tuple[str, str]] = {
    "error": ("error", "hiba"),
    "warning": ("warning", "figyelmeztetés"),
    "hint": ("hint", "tipp"),
    "summary_clean": ("{files} project(s) valid", "{files} projekt rendben"),
    "summary_problems": (
        "{errors} error(s), {warnings} warning(s)",
        "{errors} hiba, {warnings} figyelmeztetés",
    ),
    # szaktar export: column headers (export_col_<key>), titles, target periods
    "export_col_project": ("project", "projekt"),
    "export_col_title": ("project title", "projekt címe"),
    "export_col_indicator": ("indicator", "mutató"),
    "export_col_indicator_name": ("indicator name", "mutató neve"),
    "export_col_unit": ("unit", "mértékegység"),
    "export_col_period": ("period", "időszak"),
    "export_col_actual": ("actual in period", "tény az időszakban"),
    "export_col_cumulative": ("cumulative actual", "tény halmozottan"),
    "export_col_target_min": ("target (min)", "cél (min.)"),
    "export_col_target_max": ("target (max)", "cél (max.)"),
    "export_col_target_per": ("target per", "cél gyakorisága"),
    "export_col_percent": ("percent", "teljesítés"),
    "export_col_status": ("status", "állapot"),
    "export_col_period_start": ("period start", "időszak kezdete"),
    "export_col_period_end": ("period end", "időszak vége"),
    "export_col_as_of": ("as of", "állapot napja"),
    "export_col_indicators": ("indicators", "mutatók"),
    "export_col_entries": ("entries", "bejegyzések"),
    "export_col_date": ("date", "dátum"),
    "export_col_activity": ("activity", "tevékenység"),
    "export_col_activity_name": ("activity name", "tevékenység neve"),
    "export_col_hours": ("hours", "óra"),
    "export_col_participants": ("participants", "résztvevők"),
    "export_col_count": ("count", "darab"),
    "export_col_value": ("value", "érték"),
    "export_col_place": ("place", "helyszín"),
    "export_col_county": ("county", "megye"),
    "export_col_partner": ("partner", "partner"),
    "export_col_team": ("team", "csapat"),
    "export_col_topic": ("topic", "téma"),
    "export_col_person": ("person (code)", "személy (kód)"),
    "export_col_note": ("note", "megjegyzés"),
    "export_col_evidence": ("evidence", "igazolás"),
    "export_per_month": ("per month", "havonta"),
    "export_per_quarter": ("per quarter", "negyedévente"),
    "export_per_half": ("per half-year", "félévente"),
    "export_per_year": ("per year", "évente"),
    "export_sheet_summary": ("Summary", "Összesítő"),
    "export_title_indicators": (
        "Indicators, {period} (as of {as_of})",
        "Mutatók, {period} (állapot: {as_of})",
    ),
    "export_title_entries": (
        "Entries, {period} (as of {as_of})",
        "Bejegyzések, {period} (állapot: {as_of})",
    ),
    "export_no_rows": ("No data in this period.", "Ebben az időszakban nincs adat."),
    # szaktar report / chart: charts (chart_*), cell states (cell_*), the page (report_*)
    "chart_actual": ("actual (cumulative)", "tény (halmozott)"),
    "chart_expected": ("expected pace", "elvárt ütem"),
    "chart_forecast": ("forecast", "előrejelzés"),
    "chart_target": ("target: {value}", "cél: {value}"),
    "chart_target_max": ("maximum: {value}", "felső korlát: {value}"),
    "chart_checkpoint": ("checkpoint", "ellenőrzőpont"),
    "chart_as_of": ("as of {date}", "állapot: {date}"),
    "chart_not_recorded": ("not recorded", "nincs megadva"),
    "cell_met": ("met", "teljesült"),
    "cell_missed": ("missed", "elmaradt"),
    "cell_in_progress": ("in progress", "folyamatban"),
    "cell_partial": ("partial period", "részidőszak"),
    "cell_future": ("not yet due", "még nem esedékes"),
    "cell_on_track": ("on track", "terv szerint halad"),
    "cell_behind": ("behind", "lemaradásban"),
    "cell_not_started": ("not started", "még nem kezdődött"),
    "cell_unknown": ("unknown", "nem megállapítható"),
    "period_quarter": ("Q{number} {year}", "{year}. {roman}. n.év"),
    "period_half": ("H{number} {year}", "{year}. {roman}. félév"),
    "report_title": ("Indicator report", "Mutatók állása"),
    "report_portfolio": ("Portfolio", "Portfólió"),
    "report_as_of": ("As of {date}", "Állapot: {date}"),
    "report_reference": ("Reference", "Azonosító"),
    "report_programme": ("Programme", "Program"),
    "report_amount": ("Grant", "Támogatás"),
    "report_lead": ("Lead beneficiary", "Kedvezményezett"),
    "report_period": ("Period", "Időtartam"),
    "report_partners": ("Partners", "Partnerek"),
    "report_unknown": ("unknown", "nem ismert"),
    "report_indicators": ("Indicators", "Mutatók"),
    "report_col_indicator": ("Indicator", "Mutató"),
    "report_col_actual": ("Actual", "Tény"),
    "report_col_target": ("Target", "Cél"),
    "report_col_expected": ("Expected by now", "Elvárt mára"),
    "report_col_forecast": ("Forecast", "Előrejelzés"),
    "report_col_progress": ("Progress", "Teljesítés"),
    "report_col_status": ("Status", "Állapot"),
    "report_col_region": ("Region", "Régió"),
    "report_col_project": ("Project", "Projekt"),
    "report_charts": ("Charts", "Grafikonok"),
    "report_breakdowns": ("Breakdowns", "Megoszlások"),
    "report_breakdown_title": ("{indicator} by {dimension}", "{indicator} – {dimension} szerint"),
    "report_breakdown_empty": ("No entries: {values}", "Bejegyzés nélkül: {values}"),
    "report_facts": (
        "Further results given in the document",
        "A dokumentumban szereplő további eredmények",
    ),
    "report_times": ("{count} times", "{count} alkalommal"),
    "report_done_on": ("done on {date}", "teljesült: {date}"),
    "report_min": ("at least {value}", "legalább {value}"),
    "report_max": ("at most {value}", "legfeljebb {value}"),
    "report_by": ("{target} by {date}", "{target} ({date}-ig)"),
    "report_burnup_summary": (
        "So far {actual}; expected by now {expected}; forecast for the deadline {forecast}.",
        "Eddig {actual}; mára elvárt {expected}; a határidőre előre jelzett {forecast}.",
    ),
    "report_cells_summary": (
        "{met} of {judged} closed periods met{in_progress}.",
        "{met} / {judged} lezárt időszak teljesült{in_progress}.",
    ),
    "report_cells_in_progress": ("; {count} in progress", "; {count} folyamatban"),
    "report_actual_summary": ("So far {actual}.", "Eddig {actual}."),
    "report_groups_summary": (
        "{met} of {count} groups have reached the target.",
        "{met} / {count} csoport érte el a célt.",
    ),
    "report_group_periods_met": ("{met}/{judged} group-periods", "{met}/{judged} csoport-időszak"),
    "report_grid_summary": (
        "{met} of {judged} closed group-periods met{in_progress}.",
        "{met} / {judged} lezárt csoport-időszak teljesült{in_progress}.",
    ),
    "report_generated_by": (
        "Made with szaktar, as of {date}.",
        "Készült a szaktar programmal, {date} állapot szerint.",
    ),
    "report_region_none": ("no region", "régió nélkül"),
    "report_contents": ("Contents", "Tartalom"),
    "report_kicker": ("Report to the board", "Jelentés a testületnek"),
    "report_project_count": ("{count} projects", "{count} projekt"),
    "report_col_targets": ("Targets", "Célok"),
    "report_portfolio_intro": (
        "{count} projects as of {date}.",
        "{count} projekt, {date} állapot szerint.",
    ),
    "report_portfolio_chart": (
        "Targets by status, per project, grouped by {field}",
        "A célok állása projektenként, {field} szerint csoportosítva",
    ),
    "report_targets_axis": ("number of targets", "célok száma"),
    "report_tracked": ("Tracked-only indicators ({count})", "Csak követett mutatók ({count})"),
    "report_partner_count": ("{count} partners", "{count} partner"),
    "report_funding_rate": ("({rate} funded)", "({rate} támogatási intenzitás)"),
    "report_each_group": (
        "{target}, for each {dimension}",
        "{target}, {dimension} szerint egyenként",
    ),
    # status words of compute.Status (status_<status>), shared by every renderer
    "status_met": ("met", "teljesült"),
    "status_on_track": ("on track", "terv szerint halad"),
    "status_behind": ("behind", "lemaradásban"),
    "status_missed": ("missed", "nem teljesült"),
    "status_not_started": ("not started", "még nem kezdődött"),
    "status_no_target": ("tracked only", "csak követett"),
    "status_unknown": ("unknown", "nem megállapítható"),
    # szaktar status: notes (status_note_<compute.Note>), headers, titles
    "status_note_denominator_unknown": ("denominator unknown", "a nevező nem ismert"),
    "status_note_denominator_zero": ("denominator is zero", "a nevező nulla"),
    "status_note_pace_unknown": (
        "no pace: start or deadline unknown",
        "ütem nem számolható: a kezdet vagy a határidő nem ismert",
    ),
    "status_col_indicators": ("Indicators", "Mutatók"),
    "status_columns_hidden": (
        "Expected and forecast values do not fit a narrow terminal; --format plain shows them.",
        "A várható és az előrejelzett érték keskeny terminálon nem fér ki; --format plain mutatja.",
    ),
    "status_col_indicator": ("Indicator", "Mutató"),
    "status_col_actual": ("Actual", "Tény"),
    "status_col_target": ("Target", "Cél"),
    "status_col_percent": ("%", "%"),
    "status_col_expected": ("Expected to date", "Várható mostanáig"),
    "status_col_forecast": ("Forecast", "Előrejelzés"),
    "status_col_status": ("Status", "Állapot"),
    "status_col_period": ("Period", "Időszak"),
    "status_col_group": ("Group", "Csoport"),
    "status_total": ("Total", "Összesen"),
    "status_portfolio": ("Portfolio as of {as_of}", "Portfólió, állapot: {as_of}"),
    "status_project_dates": ("{start} – {end}, as of {as_of}", "{start} – {end}, állapot: {as_of}"),
    "status_shortfalls": ("Shortfalls", "Elmaradások"),
    "status_breakdown": ("Breakdown by {dimension}", "Bontás: {dimension}"),
    "status_more": (
        "… and {count} more (all of them: --format csv or json)",
        "… és még {count} (mind: --format csv vagy json)",
    ),
    "status_not_recorded": ("(not recorded)", "(nincs megadva)"),
    "status_not_done": ("not done", "nincs kész"),
    "status_deadline": ("by {date}", "határidő: {date}"),
    "status_per_group": ("per {name}", "{name} szerint"),
    "status_periods_met": ("{met}/{judged} periods", "{met}/{judged} időszak"),
    "status_groups_met": ("{met}/{judged} groups", "{met}/{judged} csoport"),
    "status_cells_met": ("{met}/{judged} group-periods", "{met}/{judged} csoport×időszak"),
    "status_no_problems": ("No indicator is behind or missed.", "Nincs lemaradás."),
    # szaktar plan: what is still needed (plan_col_*, verdicts plan_<verdict>)
    "plan_title": ("Still needed as of {as_of}", "Ami még hátravan, állapot: {as_of}"),
    "plan_col_indicator": ("Indicator", "Mutató"),
    "plan_col_scope": ("Group / period", "Csoport / időszak"),
    "plan_col_actual": ("So far", "Eddig"),
    "plan_col_target": ("Target", "Cél"),
    "plan_col_remaining": ("Remaining", "Hátravan"),
    "plan_col_deadline": ("Deadline", "Határidő"),
    "plan_col_months_left": ("Months left", "Hónap"),
    "plan_col_per_month": ("Needed a month", "Havonta kell"),
    "plan_col_per_week": ("Needed a week", "Hetente kell"),
    "plan_col_best_month": ("Best month so far", "Legjobb hónap eddig"),
    "plan_col_verdict": ("Verdict", "Értékelés"),
    "plan_needed": ("still needed", "még hátravan"),
    "plan_not_started": ("not started", "még nem kezdődött"),
    "plan_unreachable": (
        "out of reach at the best month's pace",
        "a legjobb hónap ütemével sem érhető el",
    ),
    "plan_at_risk": ("at risk", "veszélyben"),
    "plan_missed": ("missed", "nem teljesült"),
    "plan_unknown": ("unknown", "nem megállapítható"),
    "plan_clear": (
        "{count} target(s) met or needing nothing more now.",
        "{count} cél teljesült, vagy most nem kell hozzá több.",
    ),
    "plan_nothing": ("No target needs more now.", "Egyik célhoz sem kell most több."),
    "plan_no_targets": ("No target sets a minimum.", "Nincs minimumot előíró cél."),
    # szaktar gaps: the missing-data report (gaps_col_*)
    "gaps_title": ("Missing data as of {as_of}", "Hiányzó adatok, állapot: {as_of}"),
    "gaps_empty_months": ("Months with no entries", "Hónapok bejegyzés nélkül"),
    "gaps_silent_groups": ("Groups with nothing logged", "Csoportok bejegyzés nélkül"),
    "gaps_after_as_of": ("Entries dated after as-of", "A vizsgált nap utáni bejegyzések"),
    "gaps_unsplit": (
        "Breakdowns whose parts miss the total",
        "Bontások, amelyek részei nem adják ki az összeget",
    ),
    "gaps_col_month": ("Month", "Hónap"),
    "gaps_col_count": ("How many", "Hány"),
    "gaps_col_indicator": ("Indicator", "Mutató"),
    "gaps_col_group": ("Group", "Csoport"),
    "gaps_col_periods": ("Periods", "Időszakok"),
    "gaps_col_place": ("Place", "Hely"),
    "gaps_col_date": ("Date", "Dátum"),
    "gaps_col_activity": ("Activity", "Tevékenység"),
    "gaps_col_dimension": ("Broken down by", "Bontás"),
    "gaps_col_total": ("Total", "Összesen"),
    "gaps_col_parts": ("Sum of parts", "Részek összege"),
    "gaps_col_difference": ("Difference", "Eltérés"),
    "gaps_col_entries": ("Entries without a value", "Bejegyzések érték nélkül"),
    "gaps_whole_window": ("the whole period so far", "az eddigi teljes időszak"),
    "gaps_none": ("No missing data found.", "Nincs hiányzó adat."),
    "gaps_count": ("{count} gap(s)", "{count} hiány"),
    # szaktar history: where a figure comes from (history_col_*)
    "history_title": ("{indicator}: where the figure comes from", "{indicator}: honnan jön a szám"),
    "history_value": ("Value as of {as_of}: {value}", "Érték, állapot: {as_of}: {value}"),
    "history_entries": ("Entries making up the figure", "A számot adó bejegyzések"),
    "history_changes": ("Changes commit by commit", "Változások commitonként"),
    "history_col_place": ("Place", "Hely"),
    "history_col_date": ("Date", "Dátum"),
    "history_col_amount": ("Amount", "Mennyiség"),
    "history_col_evidence": ("Evidence", "Igazolás"),
    "history_col_commit": ("Commit", "Commit"),
    "history_col_author": ("Author", "Szerző"),
    "history_col_subject": ("Subject", "Leírás"),
    "history_col_change": ("Before → after", "Előtte → utána"),
    "history_uncommitted": ("(uncommitted changes)", "(nem commitolt változás)"),
    "history_no_entries": ("No entry makes up the figure.", "Egy bejegyzés sem adja a számot."),
    "history_no_git": (
        "The data directory is not in a git repository (or git is not available): the changes of "
        "the figure cannot be traced.",
        "Az adatkönyvtár nincs git tárolóban (vagy a git nem érhető el), így a szám változásai "
        "nem követhetők.",
    ),
    "history_not_tracked": (
        "The project's files are not committed yet: there is no history of changes.",
        "A projekt fájljai még nincsenek commitolva: nincs változástörténet.",
    ),
    # szaktar close / reopen
    "close_done": (
        "{project} {month} closed on {date} by {by}: {entries} entries, {hash}",
        "{project} {month} lezárva ({date}, {by}): {entries} bejegyzés, {hash}",
    ),
    "reopen_done": (
        "{project} {month} reopened on {date} by {by}, reason: {reason}",
        "{project} {month} újranyitva ({date}, {by}), indok: {reason}",
    ),
    # szaktar log / import / new
    "recorded_written": ("Written to {file} (+{count})", "Beírva: {file} (+{count})"),
    "recorded_dry_run": (
        "Dry run, nothing written; would go to {file} (+{count})",
        "Próba (--dry-run), semmi sem íródott ki; ide kerülne: {file} (+{count})",
    ),
    "recorded_skipped": (
        "{count} already recorded entries skipped",
        "{count} már rögzített bejegyzés kihagyva",
    ),
    "recorded_nothing": (
        "No new entries; nothing was written.",
        "Nincs új bejegyzés; semmi sem íródott ki.",
    ),
    "recorded_indicators": ("Indicators fed:", "Érintett mutatók:"),
    "import_progress_read": ("Reading rows", "Sorok olvasása"),
    "import_progress_check": ("Checking", "Ellenőrzés"),
    "import_progress_write": ("Writing files", "Fájlok írása"),
    "new_created": (
        "Created {directory} (activities: {activities}).\nRecord with: szaktar log {project} "
        "--date … --activity …",
        "Létrejött: {directory} (tevékenységek: {activities}).\nRögzítés: szaktar log {project} "
        "--date … --activity …",
    ),
}

UNITS: dict[str, tuple[str, str, str]] = {
    # unit: (English singular, English plural, Hungarian)
    "hour": ("hour", "hours", "óra"),
    "person": ("person", "persons", "fő"),
    "event": ("event", "events", "alkalom"),
    "item": ("item", "items", "db"),
    "copy": ("copy", "copies", "példány"),
    "topic": ("topic", "topics", "téma"),
    "organisation": ("organisation", "organisations", "szervezet"),
    "settlement": ("settlement", "settlements", "település"),
    "meeting": ("meeting", "meetings", "ülés"),
    "percent": ("%", "%", "%"),
    "HUF": ("HUF", "HUF", "Ft"),
    "team": ("team", "teams", "csapat"),
    "project": ("project", "projects", "projekt"),
    "day": ("day", "days", "nap"),
}

# The words of a target's period (`≥ 64 óra havonta`), and the names of an entry's fields.
PERIOD_WORDS: Mapping[str, str] = {  # by Period
    "month": "export_per_month",
    "quarter": "export_per_quarter",
    "half": "export_per_half",
    "year": "export_per_year",
}
FIELD_WORDS: Mapping[str, str] = {  # every field of an entry (model.ENTRY_FIELDS)
    "date": "export_col_date",
    "activity": "export_col_activity",
    "hours": "export_col_hours",
    "participants": "export_col_participants",
    "count": "export_col_count",
    "value": "export_col_value",
    "place": "export_col_place",
    "county": "export_col_county",
    "partner": "export_col_partner",
    "team": "export_col_team",
    "topic": "export_col_topic",
    "person": "export_col_person",
    "note": "export_col_note",
    "evidence": "export_col_evidence",
}


def label(key: str, lang: Lang, **params: object) -> str:
    return in_lang(*LABELS[key], lang).format(**params)


def sentence(text: str) -> str:
    """End a text with one full stop: a Hungarian date (`2024. ápr. 1.`) already has one."""
    return text if text.endswith(".") else text + "."


def unit_label(unit: str, lang: Lang, amount: float | None = None) -> str:
    names = UNITS.get(unit)
    if names is None:
        return unit
    singular, plural, hungarian = names
    return in_lang(singular if amount == 1 else plural, hungarian, lang)


def format_quantity(value: float, unit: str, lang: Lang, *, decimals: int = 2) -> str:
    """A number with its unit: `3 000 óra`, `3,000 hours`, `75%`."""
    if unit == "percent":
        return format_percent(value, lang)
    return f"{format_number(value, lang, decimals=decimals)} {unit_label(unit, lang, value)}"
