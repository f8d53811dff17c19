"""Diagnostics: every problem found in a user's files is a small value, never an exception.

A diagnostic names a stable code; the code's catalogue entry gives its severity and
its message and hint templates in Hungarian and English. Positions are 1-based; a
line of 0 means "the file or directory as a whole" (only P201, A312, A313, L401, L402, L403,
L410, L411 and E807, whose problem has no place inside a file); a problem of what a command was
given (R6xx, E802, E803) names the command (`szaktar log`) with line 0.

A hint that names a follow-up command writes it `{szaktar} reopen …`: the command line fills
in how the user runs szaktar on this data from where they stand (`szaktar`, or with the
option that finds the data), so that the command it prints runs as printed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum

from .i18n import Lang, format_number, in_lang


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Code:
    """One entry of the catalogue: a stable code with its texts in both languages."""

    code: str
    severity: Severity
    en: str
    hu: str
    hint_en: str = ""
    hint_hu: str = ""


@dataclass(frozen=True, slots=True)
class Text:
    """A template parameter that reads differently in each language ("a list" / "lista")."""

    en: str
    hu: str

    def __str__(self) -> str:
        return self.en


E = Severity.ERROR
W = Severity.WARNING

# The hint of every change to a closed month (C501–C503).
_UNDO_OR_REOPEN = (
    "undo the change, or reopen the month: {szaktar} reopen {project} {month} --reason … --by …",
    "vond vissza a változást, vagy nyisd újra: "
    "{szaktar} reopen {project} {month} --reason … --by …",
)
# What a template writes for the follow-up command when nothing else is known.
PROGRAM = "szaktar"

# The message of two values of one dimension that look alike (P241 declared, A331 in entries).
_LOOKS_ALIKE = (
    "value {value} differs from {other} {what}",
    "a(z) {value} érték a(z) {other} értéktől {what} tér el",
)

# The catalogue. Codes are stable: tools and CI configurations refer to them.
# Y: the YAML text itself; P: project.yaml; A: actuals files; L: the data directory;
# C: closed months; R: recording; I: importing; E: editing in place.
_CATALOGUE: tuple[Code, ...] = (
    Code("Y101", E, "YAML syntax error: {problem}", "YAML szintaktikai hiba: {problem}",
         "{hint}", "{hint}"),
    Code(
        "Y102", E, "tab character used for indentation", "tabulátor a behúzásban",
        "indent with spaces", "szóközökkel húzd be a sorokat",
    ),
    Code("Y103", E, "duplicate key {key!r}", "ismétlődő kulcs: {key!r}",
         "the first value would be silently lost; keep one",
         "az első érték csendben elveszne; csak egyet hagyj meg"),
    Code("Y104", E, "undefined alias {alias!r}", "nem definiált hivatkozás (alias): {alias!r}"),
    Code("Y105", E, "aliases expand to more than {limit} nodes",
         "a hivatkozások (aliasok) több mint {limit} csomópontra bomlanak ki",
         "write the values out; aliases can expand to huge documents",
         "írd ki az értékeket; a hivatkozások óriásira fújhatják a dokumentumot"),
    Code("Y106", E, "nesting deeper than {limit} levels",
         "{limit} szintnél mélyebb egymásba ágyazás"),
    Code("Y107", E, "the file is not valid UTF-8 (byte 0x{byte:02x})",
         "a fájl nem érvényes UTF-8 (0x{byte:02x} bájt)",
         "save the file as UTF-8", "mentsd el a fájlt UTF-8 kódolással"),
    Code("Y108", E, "the file is empty", "a fájl üres"),
    Code("Y109", E, "expected {expected}, found {found}", "{expected} helyett ez áll itt: {found}"),
    Code("Y110", E, "{value!r} is not {kind}", "{value!r} nem {kind}",
         "write it as one; quoted, it is text",
         "írd át ilyenné; idézőjelek között szöveg"),
    Code("P201", E, "project.yaml is missing", "hiányzik a project.yaml"),
    Code("P202", E, "project id {id!r} differs from its directory name {directory!r}",
         "a projekt azonosítója ({id!r}) eltér a könyvtár nevétől ({directory!r})"),
    Code("P203", E, "unknown key {key!r}", "ismeretlen kulcs: {key!r}",
         "did you mean {suggestion!r}?", "erre gondoltál: {suggestion!r}?"),
    Code("P204", E, "{where}: {problem}; found {found}",
         "{where}: {problem}, de ez áll itt: {found}",
         "did you mean {suggestion!r}?", "erre gondoltál: {suggestion!r}?"),
    Code("P224", E, "{where}: {value!r} is a day that does not exist: {reason}",
         "{where}: {value!r} nem létező nap: {reason}"),
    Code("P205", E, "missing required key {key!r}", "hiányzó kötelező kulcs: {key!r}"),
    Code("P206", W, "{what} is unknown: {reason}", "{what} ismeretlen: {reason}",
         "figures that depend on it are reported as unknown",
         "az ettől függő számok állapota ismeretlen lesz"),
    Code("P207", E, "the project starts ({start}) after it ends ({end})",
         "a projekt kezdete ({start}) későbbi, mint a vége ({end})"),
    Code("P208", E, "{where} refers to an undeclared activity {name!r}",
         "{where} nem deklarált tevékenységre hivatkozik: {name!r}"),
    Code("P209", E, "{where} refers to an undeclared dimension {name!r}",
         "{where} nem deklarált dimenzióra hivatkozik: {name!r}",
         "did you mean {suggestion!r}?", "erre gondoltál: {suggestion!r}?"),
    Code("P210", E, "{where} refers to an unknown indicator {name!r}",
         "{where} ismeretlen mutatóra hivatkozik: {name!r}"),
    Code("P211", E, "target minimum {min} is greater than its maximum {max}",
         "a cél minimuma ({min}) nagyobb, mint a maximuma ({max})"),
    Code("P212", E,
         "{where}: value {value!r} is not allowed for dimension {dimension!r} (allowed: {allowed})",
         "{where}: a(z) {value!r} érték nem megengedett a(z) {dimension!r} dimenzióban "
         "(megengedett: {allowed})",
         "did you mean {suggestion!r}?", "erre gondoltál: {suggestion!r}?"),
    Code("P213", E, "indicators refer to each other in a cycle: {cycle}",
         "a mutatók körben hivatkoznak egymásra: {cycle}"),
    Code("P214", E, "{what} ({when}) lies outside the project period {start} – {end}",
         "{what} ({when}) a projekt időszakán ({start} – {end}) kívül esik"),
    Code("P215", W, "target has no source quote", "a célhoz nincs forrásidézet",
         "quote the sentence of the grant document it comes from",
         "idézd a támogatási dokumentum mondatát, amelyből a cél származik"),
    Code("P216", E, "schedule checkpoints are not in date order",
         "az ütemterv ellenőrzőpontjai nincsenek időrendben"),
    Code("P218", E, "a measure needs exactly one kind ({kinds}); found {given}",
         "a mérőszámnak pontosan egy fajtája lehet ({kinds}); itt: {given}"),
    Code("P219", E, "a target needs min, max or both", "a célhoz min, max vagy mindkettő kell",
         "an indicator that is only tracked has no target",
         "a csak követett mutatónak nincs célja"),
    Code("P220", E, "{where} refers to an undeclared phase {name!r}",
         "{where} nem deklarált szakaszra hivatkozik: {name!r}"),
    Code("P221", E, "dimension {name!r} has the name of an entry field",
         "a(z) {name!r} dimenzió neve egy bejegyzésmező neve",
         "choose another name; entry fields are: {fields}",
         "válassz más nevet; a bejegyzés mezői: {fields}"),
    Code("P222", E, "a ratio takes no {filters}: they would be ignored",
         "az arány nem szűrhető ({filters}): a szűrés hatástalan volna",
         "filter the numerator's and the denominator's indicators instead",
         "a számláló és a nevező mutatóját szűrd"),
    Code("P223", E, "a {kind} is a percentage: its unit must be 'percent', not {unit!r}",
         "a(z) {kind} százalék: a mértékegysége 'percent' kell legyen, nem {unit!r}"),
    # P23x: how a target is judged over time (its pace, its periods, its amendments).
    Code("P230", E, "a pace written as a mapping needs from, monthly or both",
         "a leképezésként megadott ütemhez from, monthly vagy mindkettő kell",
         "or name a pace: linear, at_deadline, schedule",
         "vagy nevezz meg egy ütemet: linear, at_deadline, schedule"),
    Code("P231", E, "the pace {pace!r} cannot judge a {kind} measure",
         "a(z) {pace!r} ütem nem illik a(z) {kind} mérőszámhoz",
         "a {kind} does not build up day by day: only at_deadline or schedule can judge it",
         "a(z) {kind} nem napról napra gyűlik: csak at_deadline vagy schedule illik hozzá"),
    Code("P232", E, "a target per period takes no pace",
         "az időszakonkénti célnak nincs üteme",
         "each period is judged on its own; remove pace",
         "minden időszakot önmagában ítélünk meg; töröld a pace kulcsot"),
    Code("P233", E, "the pace 'schedule' needs checkpoints",
         "a 'schedule' ütemhez ellenőrzőpontok kellenek",
         "give the interim values in schedule:, or choose another pace",
         "add meg a részhatáridőket a schedule: alatt, vagy válassz más ütemet"),
    Code("P234", E, "the monthly weights give no work from {first} to {last}",
         "a havi súlyok szerint {first} és {last} között nincs munka",
         "give at least one month of the target's window a positive weight",
         "a cél időszakának legalább egy hónapja kapjon pozitív súlyt"),
    Code("P235", E, "the pace starts on {start}, outside the target's window {first} – {last}",
         "az ütem kezdete ({start}) a cél időszakán ({first} – {last}) kívül esik"),
    Code("P236", E, "amendments are not in date order: this one is in force from {start}, the one "
         "before it from {before}",
         "a módosítások nincsenek időrendben: ennek hatálybalépése {start}, az előzőé {before}",
         "list the amendments in the order they came into force, each from a later day",
         "a módosításokat hatálybalépésük sorrendjében, mindig későbbi naptól add meg"),
    Code("P237", E, "an amendment needs min, max, by or schedule",
         "a módosításhoz min, max, by vagy schedule kell",
         "an amendment says what it changes in the target",
         "a módosítás megmondja, mit változtat a célon"),
    Code("P238", E, "{key} applies only to a target per period (per:)",
         "a(z) {key} csak időszakonkénti célnál (per:) értelmes",
         "a cumulative target has no periods; remove it, or give per:",
         "a halmozott célnak nincsenek időszakai; töröld, vagy add meg a per: kulcsot"),
    # Breakdowns within entries (`breakdowns:` in project.yaml, `of_which:` in an entry).
    Code("P250", E, "category {name!r} is declared in breakdown {first!r} and again in {second!r}",
         "a(z) {name!r} kategória a(z) {first!r} és a(z) {second!r} bontásban is szerepel",
         "a category id names one category of one breakdown: rename one of them",
         "egy kategóriaazonosító egyetlen bontás egy kategóriáját jelöli: nevezd át az egyiket"),
    Code("P251", E, "{what} {name!r} has the same id as {other}",
         "{what} azonosítója ({name!r}) ugyanaz, mint {other}",
         "an import column or `status --by` could not tell them apart: choose another id",
         "egy importált oszlop vagy a `status --by` nem tudná megkülönböztetni őket: "
         "válassz más azonosítót"),
    Code("P252", E, "{where} refers to an undeclared category {name!r}",
         "{where} nem deklarált kategóriára hivatkozik: {name!r}",
         "did you mean {suggestion!r}?", "erre gondoltál: {suggestion!r}?"),
    Code("P253", E, "category {category!r} splits {of}: it goes with sum: {of}, not with {found}",
         "a(z) {category!r} kategória a(z) {of} mezőt bontja: a sum: {of} mellé való, "
         "nem ehhez: {found}"),
    Code("P254", E,
         "a composition takes dimension and value (and weight), or category and denominator "
         "(recorded or all); found {given}",
         "az összetétel vagy dimension és value (és weight), vagy category és denominator "
         "(recorded vagy all) megadásával írható le; itt: {given}"),
    # Values in normal form (core/text.py, checks/values.py).
    Code("P240", E, "value {value} {what}", "a(z) {value} érték: {what}",
         "write it as {normal}", "írd így: {normal}"),
    Code("P241", W, *_LOOKS_ALIKE,
         "if they are one value, keep one of them",
         "ha egy értékről van szó, csak egyet hagyj meg"),
    Code("P242", E, "{field} holds a control character ({character}) at character {position}",
         "a(z) {field} mezőben vezérlőkarakter ({character}) áll a(z) {position}. helyen",
         "a title or a name is one line, and no text holds a control character (ESC, BEL, NUL…), "
         "which a terminal or a CI log would act on: remove it",
         "a cím vagy a név egy sor, és szöveg nem tartalmazhat vezérlőkaraktert (ESC, BEL, NUL…), "
         "amit egy terminál vagy CI-napló végrehajtana: töröld"),
    Code("A301", E, "unknown key {key!r}", "ismeretlen kulcs: {key!r}",
         "did you mean {suggestion!r}?", "erre gondoltál: {suggestion!r}?"),
    Code("A302", E, "{field}: {problem}; found {found}",
         "{field}: {problem}, de ez áll itt: {found}",
         "did you mean {suggestion!r}?", "erre gondoltál: {suggestion!r}?"),
    Code("A303", E, "missing required key {key!r}", "hiányzó kötelező kulcs: {key!r}"),
    Code("A304", E, "{value!r} is not a valid date", "{value!r} nem érvényes dátum",
         "write dates as YYYY-MM-DD", "a dátum formája ÉÉÉÉ-HH-NN"),
    Code("A314", E, "{value!r} is a day that does not exist: {reason}",
         "{value!r} nem létező nap: {reason}"),
    Code("A305", E, "entry dated {date} lies outside the project period {start} – {end}",
         "a(z) {date} dátumú bejegyzés a projekt időszakán ({start} – {end}) kívül esik"),
    Code("A306", E, "entry dated {date} is in the file of {month}",
         "a(z) {date} dátumú bejegyzés a(z) {month} hónap fájljában van",
         "move it to actuals/{expected}.yaml", "tedd át az actuals/{expected}.yaml fájlba"),
    Code("A307", E, "unknown activity kind {name!r}", "ismeretlen tevékenységfajta: {name!r}",
         "did you mean {suggestion!r}?", "erre gondoltál: {suggestion!r}?"),
    Code("A308", E,
         "value {value!r} is not allowed for dimension {dimension!r} (allowed: {allowed})",
         "a(z) {value!r} érték nem megengedett a(z) {dimension!r} dimenzióban "
         "(megengedett: {allowed})",
         "did you mean {suggestion!r}?", "erre gondoltál: {suggestion!r}?"),
    Code("A309", E, "{field} must be a number, not {found}",
         "a(z) {field} mezőnek számnak kell lennie, nem {found}"),
    Code("A310", E, "{field} must be a whole number of zero or more, not {value}",
         "a(z) {field} mező nemnegatív egész szám kell legyen, nem {value}"),
    Code("A311", E, "{field} must not be negative ({value})",
         "a(z) {field} nem lehet negatív ({value})"),
    Code("A315", E, "{field}: {value!r} is ambiguous: {grouped} or {decimal}?",
         "{field}: a(z) {value!r} kétértelmű: {grouped} vagy {decimal}?",
         "a comma before three digits may separate thousands or decimals: write {grouped} "
         "for the one, {decimal} for the other",
         "a három számjegy előtti vessző ezreseket is, tizedeseket is elválaszthat: "
         "írd így: {grouped} az egyikhez, {decimal} a másikhoz"),
    Code("A312", E, "file name {name!r} is not of the form YYYY-MM.yaml",
         "a(z) {name!r} fájlnév nem ÉÉÉÉ-HH.yaml alakú"),
    Code("A313", E, "{name!r} and {other!r} are both the file of {month}",
         "a(z) {name!r} és a(z) {other!r} is a(z) {month} hónap fájlja",
         "keep one: move the entries of one into the other",
         "csak az egyiket tartsd meg: az egyik bejegyzéseit tedd át a másikba"),
    Code("A320", W, "likely duplicate of the entry at {first}",
         "valószínűleg ugyanaz, mint ez a bejegyzés: {first}",
         "an event is recorded once; delete one of them, or tell them apart in `note`",
         "egy eseményt egyszer rögzítünk; töröld az egyiket, "
         "vagy különböztesd meg őket a `note` mezőben"),
    Code("A321", W, "person {value!r} looks like a real name",
         "a(z) {value!r} személy valódi névnek tűnik",
         "persons are pseudonymous codes such as SZ-014",
         "a személyeket álnév-kóddal jelöljük, pl. SZ-014"),
    Code("A322", W, "{field}: {value} in one {activity!r} entry is implausible (more than {limit})",
         "{field}: egy {activity!r} bejegyzésben {value} valószínűtlen (több, mint {limit})",
         "if it is right, declare the activity's limit in project.yaml: plausible: {{{field}: …}}",
         "ha helyes, add meg a tevékenység határát a project.yaml-ban: plausible: {{{field}: …}}"),
    Code("A323", W, "entry dated {date} lies after the as-of date {as_of}",
         "a(z) {date} dátumú bejegyzés későbbi, mint a vizsgálat napja ({as_of})"),
    Code("A330", E, "unknown category {name!r}", "ismeretlen kategória: {name!r}",
         "did you mean {suggestion!r}?", "erre gondoltál: {suggestion!r}?"),
    Code("A331", E,
         "the categories of {breakdown!r} add up to {parts}, more than {field} ({whole})",
         "a(z) {breakdown!r} bontás kategóriái együtt {parts}, több, mint a(z) {field} ({whole})",
         "a category is a part of the entry's {field}: check both",
         "a kategória a bejegyzés {field} mezőjének része: ellenőrizd mindkettőt"),
    Code("A332", E,
         "the categories of {breakdown!r} add up to {parts}, not to {field} ({whole}): "
         "the breakdown is exhaustive",
         "a(z) {breakdown!r} bontás kategóriái együtt {parts}, nem a(z) {field} ({whole}): "
         "a bontás teljes",
         "give every category of it (0 for none), or declare the breakdown exhaustive: false",
         "add meg minden kategóriáját (0, ha nincs), vagy legyen a bontás exhaustive: false"),
    Code("A333", E, "category {name!r} splits {field}, which the entry does not give",
         "a(z) {name!r} kategória a(z) {field} mezőt bontja, de a bejegyzésben nincs {field}",
         "give the entry's {field}: its categories are parts of it",
         "add meg a bejegyzés {field} mezőjét: a kategóriák ennek részei"),
    Code("A340", E, "{field} is empty", "a(z) {field} mező üres",
         "leave the key out when there is no value", "ha nincs értéke, hagyd el a kulcsot"),
    Code("A341", W, *_LOOKS_ALIKE,
         "the two are counted apart; if they are one value, write {other}",
         "a kettő külön számít; ha egy értékről van szó, írd így: {other}"),
    Code("A342", E, "{field} holds a control character ({character}) at character {position}",
         "a(z) {field} mezőben vezérlőkarakter ({character}) áll a(z) {position}. helyen",
         "a control character (ESC, BEL, NUL, a carriage return…) is never part of a value, and a "
         "terminal or a CI log would act on it: remove it",
         "vezérlőkarakter (ESC, BEL, NUL, kocsivissza…) nem lehet egy érték része, és egy "
         "terminál vagy CI-napló végrehajtaná: töröld"),
    Code("L401", E, "no project directory found in {path}", "nincs projektkönyvtár itt: {path}",
         "a project is a directory holding project.yaml; start one: {szaktar} new PROJECT_ID",
         "a projekt egy project.yaml-t tartalmazó könyvtár; újat így kezdhetsz: "
         "{szaktar} new PROJEKT_AZONOSÍTÓ"),
    Code("L402", E, "{path} does not exist", "nem létezik: {path}",
         "szaktar looks for the data from the working directory upwards (a szaktar.toml, or a "
         "projects/ directory with a project); make a data repository with `szaktar init`, or "
         "name the data directory: --projects DIR",
         "a szaktar a munkakönyvtártól felfelé keresi az adatokat (egy szaktar.toml-t, vagy "
         "projektet tartalmazó projects/ könyvtárat); adattárat a `szaktar init` hoz létre, "
         "vagy add meg az adatkönyvtárat: --projects KÖNYVTÁR"),
    Code("L403", E, "cannot read {path}: {reason}", "nem olvasható: {path}: {reason}"),
    # szaktar.toml, the settings of a data repository (written by `szaktar init`).
    Code("L404", E, "TOML syntax error: {problem}", "TOML szintaktikai hiba: {problem}"),
    Code("L405", E, "unknown setting {key!r} (known: {known})",
         "ismeretlen beállítás: {key!r} (ismertek: {known})",
         "did you mean {suggestion!r}?", "erre gondoltál: {suggestion!r}?"),
    Code("L406", E, "{key}: {problem}; found {found}", "{key}: {problem}, de ez áll itt: {found}"),
    Code("L407", E, "{path} changed while szaktar was reading it",
         "{path} megváltozott, miközben a szaktar olvasta",
         "another program wrote it meanwhile; run the command again",
         "közben egy másik program írt bele; futtasd újra a parancsot"),
    # What a project directory holds that szaktar does not read (read/loader.py).
    Code("L410", W, "file {path} is not read by szaktar",
         "a szaktar nem olvassa ezt a fájlt: {path}",
         "did you mean {suggestion}?", "erre gondoltál: {suggestion}?"),
    Code("L411", W, "folder {path} ({count} file(s)) is not read by szaktar",
         "a szaktar nem olvassa ezt a mappát: {path} ({count} fájl)",
         "did you mean {suggestion}?", "erre gondoltál: {suggestion}?"),
    # C: closed months (closed.yaml, written by `szaktar close` / `reopen`).
    Code("C501", E, "closed month {month}: entry added after the month was closed on {closed}",
         "lezárt hónap ({month}): a lezárás ({closed}) után új bejegyzés került bele",
         *_UNDO_OR_REOPEN),
    Code("C502", E, "closed month {month}: entry edited after the month was closed on {closed}",
         "lezárt hónap ({month}): a bejegyzés a lezárás ({closed}) után megváltozott",
         *_UNDO_OR_REOPEN),
    Code("C503", E,
         "closed month {month}: {count} entry/entries ({dates}) removed after closing on {closed}",
         "lezárt hónap ({month}): a lezárás ({closed}) után {count} bejegyzés törlődött ({dates})",
         *_UNDO_OR_REOPEN),
    Code("C504", E, "month {month} is closed (on {closed} by {by}): nothing was written into it",
         "a(z) {month} hónap le van zárva ({closed}, {by}): semmi nem került bele",
         "if the report must change, reopen the month first: {szaktar} reopen {project} {month} "
         "--reason … --by …",
         "ha a jelentést javítani kell, előbb nyisd újra: {szaktar} reopen {project} {month} "
         "--reason … --by …"),
    Code("C508", E,
         "the change alters entries of closed month {month} (closed on {closed} by {by}): "
         "nothing was written",
         "a változás a lezárt {month} hónap bejegyzéseit érinti ({closed}, {by}): semmi sem "
         "változott",
         "to change them anyway, --reopen-closed --reason … --by … reopens the month and closes "
         "it again (both recorded in closed.yaml)",
         "ha mégis változniuk kell: a --reopen-closed --reason … --by … újranyitja és újra "
         "lezárja a hónapot (mindkettő bekerül a closed.yaml-ba)"),
    Code("C505", E, "month {month} is reopened but it is not closed",
         "a(z) {month} hónapot újranyitják, de nincs lezárva"),
    Code("C506", E, "month {month} is closed again without being reopened",
         "a(z) {month} hónapot újranyitás nélkül zárják le ismét"),
    Code("C507", E, "{where}: {problem}", "{where}: {problem}"),
    # R: recording (szaktar log / import). R601/R602 carry a problem of a new entry to the
    # place the user gave it (a CSV cell, a command-line option); {inner} is its own code.
    Code("R601", E, "{where}{message} [{inner}]", "{where}{message} [{inner}]", "{hint}", "{hint}"),
    Code("R602", W, "{where}{message} [{inner}]", "{where}{message} [{inner}]", "{hint}", "{hint}"),
    Code("R603", W, "the same entry is already recorded at {where}",
         "ugyanez a bejegyzés már rögzítve van: {where}"),
    Code("R604", W, "skipped: the same entry is already recorded at {where}",
         "kihagyva: ugyanez a bejegyzés már rögzítve van: {where}"),
    Code("R605", E,
         "nothing was written: the project has errors besides the new entries",
         "semmi sem íródott ki: a projektben az új bejegyzéseken kívül is vannak hibák",
         "they are listed here; fix them first (`{szaktar} validate` shows them too)",
         "itt vannak felsorolva; előbb javítsd ki őket (a `{szaktar} validate` is mutatja őket)"),
    Code("R606", E, "nothing was written: {count} new entry/entries are already recorded",
         "semmi sem íródott ki: {count} új bejegyzés már rögzítve van",
         "--skip-duplicates leaves them out (e.g. when re-running an import); "
         "--allow-duplicates records them again",
         "a --skip-duplicates kihagyja őket (pl. egy import megismétlésekor); "
         "az --allow-duplicates újra rögzíti őket"),
    Code("R607", W, "the same entry as in row {first}",
         "ugyanaz a bejegyzés, mint a(z) {first}. sorban",
         "both are recorded; if they are one event, delete a row",
         "mindkettő rögzítésre kerül; ha egy eseményről van szó, törölj egy sort"),
    # I: importing a CSV file or a workbook (szaktar import); the line is the spreadsheet row
    # (header = 1).
    Code("I701", E, "the file is not valid {encoding} (byte 0x{byte:02x})",
         "a fájl nem érvényes {encoding} (0x{byte:02x} bájt)",
         "in Excel save it as 'CSV UTF-8'; or name its encoding: --encoding cp1250",
         "Excelben mentsd 'CSV UTF-8' formában; vagy add meg a kódolását: --encoding cp1250"),
    Code("I702", E, "the file has no header row", "a fájlnak nincs fejléc sora",
         "the first row names the columns: date, activity, hours, …",
         "az első sor nevezi meg az oszlopokat: dátum, tevékenység, óra, …"),
    Code("I703", E, "unknown column {name!r}", "ismeretlen oszlop: {name!r}",
         "{meant}to import it, declare it in project.yaml: dimensions: {{{dimension}: {{name: "
         "{yaml_name}}}}}",
         "{meant}ha importálni kell, vedd fel a project.yaml-ba: dimensions: {{{dimension}: "
         "{{name: {yaml_name}}}}}"),
    Code("I704", E, "no column for {field!r} (e.g. {aliases})",
         "hiányzik a(z) {field!r} oszlop (pl. {aliases})"),
    Code("I705", E, "columns {first!r} and {second!r} both give {field!r}",
         "a(z) {first!r} és a(z) {second!r} oszlop is a(z) {field!r} mezőt adja"),
    Code("I706", E, "row has {found} cells, the header {expected}",
         "a sorban {found} cella van, a fejlécben {expected}"),
    Code("I707", E, "CSV syntax error: {problem}", "CSV szintaktikai hiba: {problem}"),
    Code("I708", E, "column {header!r} holds {found!r}, not {expected!r}",
         "a(z) {header!r} oszlopban {found!r} áll, nem {expected!r}",
         "a row exported from elsewhere, or edited: correct the cell, or empty it",
         "máshonnan exportált vagy átírt sor: javítsd a cellát, vagy töröld a tartalmát"),
    Code("I709", E,
         "a quote opened here is closed only on line {last}: the cell spans {count} lines",
         "az itt nyitott idézőjel csak a(z) {last}. sorban zárul: a cella {count} sorra terjed ki",
         "a cell is one line: close the quote in its cell, or write a line break of a note as a "
         "space; nothing was written",
         "egy cella egy sor: zárd be az idézőjelet a cellájában, a megjegyzés sortörése helyett "
         "írj szóközt; semmi sem íródott ki"),
    Code("I710", E, "{what}", "{what}",
         "a quote may only enclose a whole cell (\"…\"), and a quote inside it is written twice "
         "(\"\"); nothing was written",
         "idézőjel csak egy egész cellát zárhat közre (\"…\"), a benne álló idézőjelet kétszer "
         "kell írni (\"\"); semmi sem íródott ki"),
    Code("I711", E, "the file is UTF-16 (as Excel saves 'Unicode text')",
         "a fájl UTF-16 kódolású (ahogy az Excel a 'Unicode szöveg' formát menti)",
         "name its encoding: --encoding utf-16; or in Excel save it as 'CSV UTF-8'",
         "add meg a kódolását: --encoding utf-16; vagy Excelben mentsd 'CSV UTF-8' formában"),
    Code("I712", E, "more than {limit} rows of entries: one import takes at most {limit}",
         "több mint {limit} bejegyzéssor: egy import legfeljebb {limit} sort vesz fel",
         "split the file (a file a year, say) and import the parts one after the other; "
         "nothing was written",
         "oszd részekre a fájlt (például évenként), és importáld a részeket egymás után; "
         "semmi sem íródott ki"),
    # Workbooks (szaktar import FILE.xlsx): a place is a cell of a sheet (naplo.xlsx:Napló!C14).
    Code("I713", E, "not an xlsx workbook szaktar can read: {reason}",
         "nem olvasható xlsx munkafüzetként: {reason}",
         "save it in Excel or LibreOffice as 'Excel Workbook (.xlsx)'; a CSV file is imported "
         "under a .csv name",
         "mentsd el Excelben vagy LibreOffice-ban 'Excel-munkafüzet (.xlsx)' formában; a "
         "CSV-fájlt .csv néven importáld"),
    Code("I714", E, "the workbook is encrypted (protected by a password)",
         "a munkafüzet titkosított (jelszóval védett)",
         "save a copy without the password (Excel: File › Info › Protect Workbook › Encrypt "
         "with Password, emptied) and import that",
         "ments el egy jelszó nélküli másolatot (Excel: Fájl › Információ › Munkafüzet "
         "védelme › Titkosítás jelszóval, a jelszót törölve), és azt importáld"),
    Code("I715", E, "the cell holds a formula ({formula}) whose value is not saved in the file",
         "a cellában képlet áll ({formula}), de az értékét nem tárolja a fájl",
         "open the workbook in Excel or LibreOffice and save it (that saves the formulas' "
         "values), or type the value; the row is checked once the cell is fixed",
         "nyisd meg a munkafüzetet Excelben vagy LibreOffice-ban, és mentsd el (így "
         "eltárolja a képletek értékét), vagy írd be az értéket; a sort a cella javítása "
         "után ellenőrzi"),
    Code("I716", E, "the cell holds the error value {value}",
         "a cellában hibaérték áll: {value}",
         "correct the formula or the value; the row is checked once the cell is fixed",
         "javítsd a képletet vagy az értéket; a sort a cella javítása után ellenőrzi"),
    # E: editing in place (szaktar fmt, rename, amend, target).
    Code("E801", E, "line {number} is not in an entry ({what})",
         "a(z) {number}. sor nem bejegyzésben van ({what})",
         "the entries of this file start at lines {starts}",
         "a fájl bejegyzései ezeken a sorokon kezdődnek: {starts}"),
    Code("E802", E, "no entry matches {criteria}", "egy bejegyzés sem felel meg: {criteria}",
         "entries of that day: {places}", "az aznapi bejegyzések: {places}"),
    Code("E803", E, "{count} entries match {criteria}: {places}",
         "{count} bejegyzés felel meg: {criteria}: {places}",
         "choose one by FILE:LINE, or give more of its note",
         "válassz egyet FÁJL:SOR alakban, vagy adj meg többet a megjegyzéséből"),
    Code("E804", E, "{what} is shared through the anchor &{anchor}: changing it here would "
         "change it at {where} too",
         "a(z) {what} a(z) &{anchor} horgonnyal közös: ha itt változna, itt is megváltozna: "
         "{where}",
         "write the value out where it is to change, instead of the alias",
         "írd ki az értéket ott, ahol változnia kell, a hivatkozás (alias) helyett"),
    Code("E805", E, "left as it is: {reason}", "változatlanul maradt: {reason}"),
    Code("E806", E, "{name!r} exists already", "{name!r} már létezik",
         "choose another name", "válassz másik nevet"),
    Code("E807", E, "nothing was written: the change would add the error(s) above",
         "semmi sem változott: a változás a fenti hibá(ka)t okozná"),
    Code("E808", E, "indicator {indicator} has no target to amend",
         "a(z) {indicator} mutatónak nincs módosítható célja",
         "set it first: {szaktar} target {project} {indicator} --min … --source …",
         "előbb add meg: {szaktar} target {project} {indicator} --min … --source …"),
)

CATALOGUE: Mapping[str, Code] = {code.code: code for code in _CATALOGUE}
WARNINGS = frozenset(code.code for code in _CATALOGUE if code.severity is Severity.WARNING)

# Codes that logic looks for (besides reporting them).
DUPLICATE_KEY = "Y103"  # the data still reads: the last of the keys is kept
LIKELY_DUPLICATE = "A320"
AFTER_AS_OF = "A323"
CLOSED_MONTH_CHANGED = frozenset({"C501", "C502", "C503"})  # entries added, edited, removed
UNREADABLE_HEADER = frozenset({"I704", "I705"})  # no row of the CSV file can be read
# Problems of a change that say by themselves that nothing was written (else E807 says it).
REFUSING = frozenset({"C504", "C508", "E801", "E802", "E803", "E804", "E806", "E808"})


def _localise(value: object, lang: Lang) -> object:
    """Parameters as the reader expects them: quantities (floats) in the locale's number format
    (30, not 30.0; 2,5 in Hungarian), dates as written in the files (ISO), Text in its language.
    Integers are counts and codes (a line number, a byte) and stay as they are."""
    if isinstance(value, Text):
        return in_lang(value.en, value.hu, lang)
    if isinstance(value, float):
        return format_number(value, lang, decimals=6)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _format(template: str, params: Mapping[str, object], lang: Lang, program: str) -> str:
    """Fill a template; a hint whose parameter is absent (no suggestion found) is empty.
    `program` is how a follow-up command starts (`{szaktar}`)."""
    values = {key: _localise(value, lang) for key, value in params.items()}
    try:
        return template.format_map({"szaktar": program, **values})
    except KeyError:
        return ""


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem at one place. `params` fill the catalogue's templates. In a workbook the
    place is a cell of a sheet: `line` is its row, `column` its column (1 = A)."""

    code: str
    file: str
    line: int = 0
    column: int = 0
    params: tuple[tuple[str, object], ...] = ()
    sheet: str = ""  # the workbook's sheet the place is in; "" for a text file

    @property
    def place(self) -> str:
        """`file:line:column`, the file alone (line 0), or a workbook's cell as a spreadsheet
        names it: `naplo.xlsx:Napló!C14`."""
        if self.sheet:
            cell = f"!{cell_name(self.line, self.column)}" if self.line else ""
            return f"{self.file}:{sheet_reference(self.sheet)}{cell}"
        return f"{self.file}:{self.line}:{self.column}" if self.line else self.file

    @property
    def severity(self) -> Severity:
        return CATALOGUE[self.code].severity

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def message(self, lang: Lang = "en", program: str = PROGRAM) -> str:
        entry = CATALOGUE[self.code]
        return _format(in_lang(entry.en, entry.hu, lang), dict(self.params), lang, program)

    def hint(self, lang: Lang = "en", program: str = PROGRAM) -> str:
        """`program`: how a command the hint names starts (`szaktar --projects data`)."""
        entry = CATALOGUE[self.code]
        template = in_lang(entry.hint_en, entry.hint_hu, lang)
        return _format(template, dict(self.params), lang, program)

    def in_sheet(self, sheet: str) -> Diagnostic:
        """The same problem at the same row and column of `sheet`, a sheet of the workbook."""
        return replace(self, sheet=sheet)

    def sort_key(self) -> tuple[str, str, int, int, str]:
        return (self.file, self.sheet, self.line, self.column, self.code)


def diag(code: str, file: str, line: int = 0, column: int = 0, **params: object) -> Diagnostic:
    """Build a diagnostic; the keyword arguments fill the code's templates.

    A parameter given as None is left out: a hint that needs it (a suggestion that was
    not found) is then not shown.
    """
    if code not in CATALOGUE:
        raise KeyError(code)  # a bug in szaktar, not in the user's data
    given = tuple(sorted((key, value) for key, value in params.items() if value is not None))
    return Diagnostic(code, file, line, column, given)


def cell_name(row: int, column: int) -> str:
    """A cell as a spreadsheet names it: (14, 3) → C14, (1, 28) → AB1."""
    letters = ""
    while column > 0:
        column, remainder = divmod(column - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return f"{letters}{row}"


def sheet_reference(title: str) -> str:
    """A sheet's title as a formula refers to it: quoted when it holds more than letters,
    digits and `_` (`'Napló 2011'`, a quote in it doubled)."""
    if title.replace("_", "a").isalnum():
        return title
    return "'" + title.replace("'", "''") + "'"


def sorted_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """By place and code, each once; those of one place and code in the order they were found."""
    return sorted(dict.fromkeys(diagnostics), key=Diagnostic.sort_key)


def has_errors(diagnostics: Iterable[Diagnostic], *, strict: bool = False) -> bool:
    return any(d.is_error or strict for d in diagnostics)
