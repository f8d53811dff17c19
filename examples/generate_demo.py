"""Write the SYNTHETIC demo projects under examples/projects/ (invented actuals, not real data).

Two bundled projects are copied with a demo id, a "[DEMO] " title and a warning at the top:
the Dél-alföldi SZAK-TÁR (projects/szaktar-del-alfold → szaktar-demo) and the TÁMOP 5.1.3
coordination (projects/tamop-513-koordinacio → koordinacio-demo, with demo dates, since its
document gives none). Then a month file of invented entries is written for every month from
the start to 2011-11, using only the activities and dimension values the copied project.yaml
declares.

The monthly amounts below are chosen so that `szaktar status --as-of 2011-11-30` shows every
kind of state: met, on track, behind (consultation hours a little below the pace, months short
of the 64 training hours, a month without a management meeting, teams without supervision in
some months), not yet due (the publication and the closing conference, due at the end),
tracked only and unknown; and so that `szaktar gaps` has something
to find (the month without entries, the silent teams). The random choices (days, hours,
persons, places) come from a fixed seed; nothing reads the clock, so the output is the same
bytes on every run.

    python examples/generate_demo.py            # writes examples/projects/
    python examples/generate_demo.py --out DIR  # writes DIR/szaktar-demo, DIR/koordinacio-demo
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import random
import re
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

SEED = 20111130
EXAMPLES = Path(__file__).resolve().parent
REPOSITORY = EXAMPLES.parent
SOURCE_PROJECTS = REPOSITORY / "projects"
DEFAULT_OUT = EXAMPLES / "projects"
LAST_MONTH = "2011-11"  # `--as-of 2011-11-30` is then the middle of both projects

WARNING = "SYNTHETIC DEMO DATA — NOT REAL ACTUALS"
PROJECT_SCHEMA_LINE = "# yaml-language-server: $schema=../../../schema/project.schema.json"
ACTUALS_SCHEMA_LINE = "# yaml-language-server: $schema=../../../../schema/actuals.schema.json"
# The entry keys in the order they are written (a project's own dimensions come before `person`).
FIRST_KEYS = ("date", "activity", "hours", "participants", "count")
LAST_KEYS = ("person", "note", "evidence")

Entry = dict[str, Any]


# --- the copied project.yaml -----------------------------------------------------------------


@dataclass(frozen=True)
class Demo:
    id: str
    source: str  # the bundled project it copies
    dates: tuple[str, str] | None = None  # demo start and end, for a project without dates


SZAKTAR = Demo("szaktar-demo", "szaktar-del-alfold")
KOORDINACIO = Demo("koordinacio-demo", "tamop-513-koordinacio", ("2010-07-01", "2012-06-30"))


def substitute(pattern: str, replacement: str, text: str) -> str:
    """Replace the one line matching `pattern`; fail loudly if the source changed shape."""
    result, found = re.subn(pattern, lambda _: replacement, text, count=2, flags=re.MULTILINE)
    if found != 1:
        raise SystemExit(f"expected one line matching {pattern!r} in the source, found {found}")
    return result


def single_quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def demo_project_text(demo: Demo) -> str:
    """The bundled project.yaml with the demo's id, titles, dates and warning."""
    source = SOURCE_PROJECTS / demo.source / "project.yaml"
    text = source.read_text(encoding="utf-8")
    text = substitute(r"^# yaml-language-server: .*$", PROJECT_SCHEMA_LINE + "\n" + "\n".join((
        f"# {WARNING}.",
        f"# A copy of projects/{demo.source}/project.yaml for the demo: id, title and title_en",
        "# changed; the entries under actuals/ are invented by examples/generate_demo.py.",
        "# Regenerate with `python examples/generate_demo.py`; do not edit by hand.",
        "#",
    )), text)
    text = substitute(r"^id: .*$", f"id: {demo.id}", text)
    loaded = yaml.safe_load(text)
    for key in ("title", "title_en"):
        text = substitute(rf"^{key}: .*$", f"{key}: {single_quoted('[DEMO] ' + loaded[key])}", text)
    if demo.dates is not None:
        for key, day in zip(("start", "end"), demo.dates, strict=True):
            text = substitute(
                rf"^{key}: .*$",
                f"{key}: {day}  # demo date, not from the document (it gives no date)",
                text,
            )
    return text


class Declared:
    """The activities and dimension values of the copied project.yaml: entries use only these."""

    def __init__(self, project_text: str) -> None:
        self.project: dict[str, Any] = yaml.safe_load(project_text)

    def activity(self, name: str) -> str:
        if name not in self.project["activities"]:
            raise SystemExit(f"activity {name!r} is not declared in {self.project['id']}")
        return name

    def values(self, dimension: str) -> list[str]:
        return list(self.project["dimensions"][dimension]["values"])

    def value(self, dimension: str, value: str) -> str:
        if value not in self.values(dimension):
            raise SystemExit(f"{value!r} is not a declared value of {dimension!r}")
        return value

    def attribute(self, dimension: str, value: str, attribute: str) -> str:
        return str(self.project["dimensions"][dimension]["values"][value][attribute])

    def month_range(self) -> list[str]:
        first = dt.date.fromisoformat(str(self.project["start"]))
        months = []
        year, month = first.year, first.month
        while f"{year}-{month:02d}" <= LAST_MONTH:
            months.append(f"{year}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return months


# --- the log being written --------------------------------------------------------------------


@dataclass
class Log:
    """The entries of one demo project, by month, and the random choices behind them."""

    declared: Declared
    rng: random.Random
    entries: dict[str, list[Entry]] = field(default_factory=dict)

    def workday(self, month: str, *, earliest: int = 1, latest: int = 31) -> dt.date:
        year, number = (int(part) for part in month.split("-"))
        last = min(latest, calendar.monthrange(year, number)[1])
        days = [dt.date(year, number, day) for day in range(earliest, last + 1)]
        return self.rng.choice([day for day in days if day.weekday() < 5])

    def add(self, month: str, activity: str, day: dt.date | None = None, **fields: Any) -> None:
        """One entry; with `evidence=True` it gets the next minutes number at writing time."""
        entry: Entry = {
            "date": day or self.workday(month),
            "activity": self.declared.activity(activity),
            **fields,
        }
        self.entries.setdefault(month, []).append(entry)

    def month_files(self, project_id: str) -> dict[str, str]:
        """YYYY-MM → the text of actuals/YYYY-MM.yaml, entries by date, evidence numbered."""
        numbers: dict[int, int] = {}
        files = {}
        for month in sorted(self.entries):
            entries = sorted(self.entries[month], key=lambda entry: entry["date"])
            for entry in entries:
                if entry.get("evidence") is True:
                    year = entry["date"].year
                    numbers[year] = numbers.get(year, 0) + 1
                    entry["evidence"] = f"JEGY-{year}-{numbers[year]:04d}"
            header = "\n".join((
                ACTUALS_SCHEMA_LINE,
                f"# {WARNING}. {project_id}, {month}: synthetic entries invented by",
                f"# examples/generate_demo.py (random seed {SEED}); regenerate, do not edit.",
            ))
            files[month] = header + "\n" + dump([ordered(entry) for entry in entries])
        return files


def ordered(entry: Entry) -> Entry:
    middle = sorted(key for key in entry if key not in FIRST_KEYS + LAST_KEYS)
    return {key: entry[key] for key in (*FIRST_KEYS, *middle, *LAST_KEYS) if key in entry}


def dump(entries: list[Entry]) -> str:
    return yaml.safe_dump(
        entries, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1000
    )


def whole(hours: float) -> float | int:
    """3 rather than 3.0 in the file."""
    return int(hours) if hours == int(hours) else hours


def split(rng: random.Random, total: float, sizes: Iterable[float]) -> list[float | int]:
    """`total` hours as sessions of the given sizes (the last one shorter if needed)."""
    choices = tuple(sizes)
    sessions: list[float | int] = []
    remaining = total
    while remaining > 0:
        hours = min(rng.choice(choices), remaining)
        sessions.append(whole(hours))
        remaining -= hours
    return sessions


# --- szaktar-demo (Dél-alföldi SZAK-TÁR) --------------------------------------------------------
# Hours per month. Consultation: 1 650 hours by 2011-11-30 against a linear pace of about 1 871
# (88%: a little behind, the 90% band missed). Supervision and coaching: 1 300 against about
# 1 279 (on track). Training: 64 hours a month, except the two preparatory months, June 2011
# and the empty August 2011.

EMPTY_MONTH = "2011-08"  # summer break: no entry at all, so no file (`gaps` lists it)
CONSULTATION_HOURS = {
    "2010-11": 60, "2010-12": 90, "2011-01": 110, "2011-02": 130, "2011-03": 150,
    "2011-04": 160, "2011-05": 170, "2011-06": 160, "2011-07": 120, "2011-09": 170,
    "2011-10": 180, "2011-11": 150,
}
SUPERVISION_COACHING_HOURS = {
    "2010-11": 40, "2010-12": 70, "2011-01": 90, "2011-02": 100, "2011-03": 110,
    "2011-04": 120, "2011-05": 120, "2011-06": 120, "2011-07": 90, "2011-09": 140,
    "2011-10": 150, "2011-11": 150,
}
TRAINING_HOURS = {
    "2010-11": 64, "2010-12": 64, "2011-01": 72, "2011-02": 64, "2011-03": 80,
    "2011-04": 72, "2011-05": 64, "2011-06": 56, "2011-07": 64, "2011-09": 72,
    "2011-10": 80, "2011-11": 64,
}
CASE_CONFERENCES = {
    "2010-11": 1, "2010-12": 1, "2011-01": 1, "2011-02": 2, "2011-03": 1, "2011-04": 2,
    "2011-05": 1, "2011-06": 2, "2011-07": 1, "2011-09": 2, "2011-10": 2, "2011-11": 1,
}
# Professionals registered (recruitment) per month: the persons the services reach.
REGISTRATIONS = {
    "2010-10": 60, "2010-11": 45, "2010-12": 25, "2011-01": 15, "2011-02": 12, "2011-03": 10,
    "2011-04": 10, "2011-05": 8, "2011-06": 8, "2011-07": 5, "2011-09": 10, "2011-10": 8,
    "2011-11": 6,
}
# Training curricula developed (distinct topics; 7 of the 10 by 2011-11, pace about 6.2).
CURRICULA = {
    "2010-10": ["kiégés megelőzése", "esetkezelési módszertan"],
    "2010-11": ["konfliktuskezelés"],
    "2011-01": ["jelzőrendszeri együttműködés"],
    "2011-03": ["gyermekvédelmi esetmegbeszélés módszere"],
    "2011-05": ["adósságkezelési tanácsadás alapjai"],
    "2011-10": ["stresszkezelés, önismeret"],
}
# Done once: (month, activity, note). The support network, the service strategy, the
# publication and the closing conference are still ahead in November 2011.
DELIVERABLES = (
    ("2010-10", "needs_assessment_methodology", "az igényfelmérés módszertana elfogadva"),
    ("2011-02", "needs_assessment", "szükséglet- és igényfelmérés zárótanulmánya elfogadva"),
    ("2011-05", "expert_database", "regionális szakember adatbázis átadva"),
    ("2011-09", "dispatcher_centre", "diszpécserközpont megnyitva, Szeged"),
    ("2011-11", "brokering_methodology", "közvetítési módszertan elfogadva"),
)
INTERNAL_MONITORING = ("2010-12", "2011-03", "2011-06", "2011-09")  # none yet in 2011-Q4
CONSORTIUM_BOARD = ("2010-09", "2011-01", "2011-05", "2011-09")
OTHER_EVENTS = {
    "2010-12": ["seminar"], "2011-01": ["workshop"], "2011-02": ["round_table"],
    "2011-03": ["seminar", "advocacy_support"], "2011-04": ["forum"],
    "2011-05": ["seminar", "study_visit"], "2011-06": ["workshop"], "2011-09": ["round_table"],
    "2011-10": ["seminar", "advocacy_support"], "2011-11": ["forum"],
}
PLACES_DEL_ALFOLD = (
    "Szeged", "Szeged", "Szeged", "Hódmezővásárhely", "Makó", "Szentes", "Csongrád",
    "Békéscsaba", "Gyula", "Orosháza", "Kecskemét", "Baja", "Kiskunhalas",
)
CONSULTATION_NOTES = (
    "esetvezetési kérdések", "családgondozói konzultáció", "módszertani tanácsadás",
    "jogszabályi kérdések", "team-konfliktus", "adósságkezelési eset",
    "gyermekvédelmi jelzés kezelése",
)
SUPERVISION_NOTES = (
    "esetszupervízió", "team-szupervízió", "kiégés megelőzése", "szerepkonfliktus",
    "új munkatárs beilleszkedése",
)


def szaktar_entries(declared: Declared, rng: random.Random) -> Log:
    log = Log(declared, rng)

    def place() -> str:
        return rng.choice(PLACES_DEL_ALFOLD)

    personal, online = (declared.value("channel", name)
                        for name in ("személyes", "informatikai rendszer"))
    individual, group = (declared.value("format", name) for name in ("egyéni", "csoportos"))

    codes = [f"SZ-{number:04d}" for number in rng.sample(range(1, 1000), 400)]
    registered: list[str] = []
    experts = [f"SZ-{number:04d}" for number in range(1001, 1025)]
    topics: list[str] = []

    for month in declared.month_range():
        if month == EMPTY_MONTH:
            continue
        log.add(month, "project_management", hours=2, note="havi projektmenedzsment ülés",
                evidence=True)
        if month in INTERNAL_MONITORING:
            log.add(month, "internal_monitoring", note="negyedéves belső monitoring",
                    evidence=True)
        if month in CONSORTIUM_BOARD:
            log.add(month, "consortium_board", participants=rng.randint(6, 9),
                    place="Szeged", evidence=True)
        for deliverable_month, activity, note in DELIVERABLES:
            if deliverable_month == month:
                log.add(month, activity, note=note, evidence=True)
        for _ in range(REGISTRATIONS.get(month, 0)):
            person = codes.pop()
            registered.append(person)
            log.add(month, "recruitment", place=place(), person=person)
        if month == "2010-10":
            for person in experts[:20]:
                log.add(month, "expert_preparation", dt.date(2010, 10, 21), hours=8,
                        place="Szeged", person=person, note="felkészítő nap, 1. alkalom",
                        evidence=True)
        if month == "2010-11":
            log.add(month, "opening_conference", dt.date(2010, 11, 12), hours=6,
                    participants=186, place="Szeged", evidence=True)
            for person in experts[6:]:
                log.add(month, "expert_preparation", dt.date(2010, 11, 4), hours=8,
                        place="Szeged", person=person, note="felkészítő nap, 2. alkalom",
                        evidence=True)
        for topic in CURRICULA.get(month, []):
            topics.append(topic)
            log.add(month, "training_curriculum", topic=topic, evidence=True)

        for hours in split(rng, CONSULTATION_HOURS.get(month, 0), (2, 3, 3, 4, 4)):
            # most consulted professionals are registered; a few come without registering
            person = rng.choice(registered) if rng.random() < 0.85 else codes.pop()
            log.add(month, "consultation", hours=hours, channel=rng.choice(
                (personal, personal, online)), place=place(), person=person,
                note=rng.choice(CONSULTATION_NOTES), evidence=True)
        for hours in split(rng, SUPERVISION_COACHING_HOURS.get(month, 0), (1.5, 2, 3, 4)):
            if hours >= 3:
                log.add(month, "supervision", hours=hours, participants=rng.randint(5, 12),
                        format=group, place=place(), note=rng.choice(SUPERVISION_NOTES),
                        evidence=True)
            elif rng.random() < 0.6:
                log.add(month, "supervision", hours=hours, format=individual, place=place(),
                        person=rng.choice(registered), note=rng.choice(SUPERVISION_NOTES),
                        evidence=True)
            else:
                log.add(month, "coaching", hours=hours, format=individual, place=place(),
                        person=rng.choice(registered), evidence=True)
        for hours in split(rng, TRAINING_HOURS.get(month, 0), (8, 8, 4)):
            log.add(month, "training", hours=hours, participants=rng.randint(10, 22),
                    place=place(), topic=rng.choice(topics), evidence=True)
        for _ in range(CASE_CONFERENCES.get(month, 0)):
            log.add(month, "case_conference", hours=rng.choice((2, 2.5, 3)),
                    participants=rng.randint(6, 14), place=place(),
                    note="esetkonferencia a jelzőrendszer tagjaival", evidence=True)
        for activity in OTHER_EVENTS.get(month, []):
            log.add(month, activity, hours=rng.choice((3, 4, 6)),
                    participants=rng.randint(12, 45), place=place(), evidence=True)
    return log


# --- koordinacio-demo (TÁMOP 5.1.3 coordination, demo dates 2010-07-01 – 2012-06-30) -------------
# Every project team gets a supervision each month, except the silent ones below; each region a
# workshop each quarter (two regions not yet in 2011-Q4); a national workshop each half-year;
# the first 60-hour training done, the second 48 hours in; the short courses behind.

SILENT_TEAMS = {"EM-07": ("2011-03", "2011-04"), "DA-02": ("2011-09",)}
UNSIGNED_TEAM = "EM-09"  # no cooperation agreement yet
SUPERVISORS = tuple(f"SZ-{number:04d}" for number in (712, 718, 725, 731, 744, 750))
REGION_PLACES = {
    "Dél-Dunántúl": "Pécs", "Dél-Alföld": "Szeged", "Észak-Alföld": "Debrecen",
    "Észak-Magyarország": "Miskolc",
}
WORKSHOPS_NOT_YET = {"2011-Q4": ("Dél-Alföld", "Észak-Alföld")}
NATIONAL_WORKSHOPS = {"2010-11": "Eger", "2011-05": "Pécs", "2011-10": "Nyíregyháza"}
INFO_DAYS = {"2010-07": ("Dél-Dunántúl", "Észak-Magyarország"),
             "2010-08": ("Dél-Alföld", "Észak-Alföld")}
# 12-hour blocks of the two 60-hour trainings: the first complete, the second 48 hours in.
LONG_TRAINING_BLOCKS = (
    ("2010-10", 0), ("2010-11", 0), ("2010-12", 0), ("2011-01", 0), ("2011-02", 0),
    ("2011-08", 1), ("2011-09", 1), ("2011-10", 1), ("2011-11", 1),
)
# 8-hour days of the 24-hour courses: K1 done, K2 two days in (40 of 72 hours, behind).
SHORT_COURSE_DAYS = (("2011-03", "K1"), ("2011-04", "K1"), ("2011-04", "K1"),
                     ("2011-10", "K2"), ("2011-11", "K2"))


def quarter_of(month: str) -> str:
    year, number = month.split("-")
    return f"{year}-Q{(int(number) - 1) // 3 + 1}"


def koordinacio_entries(declared: Declared, rng: random.Random) -> Log:
    log = Log(declared, rng)
    teams = declared.values("team")
    regions = declared.values("region")
    supervisor_of = {team: SUPERVISORS[index % len(SUPERVISORS)] for index, team in
                     enumerate(teams)}
    training_topics = declared.values("training_topic")
    guide_topics = declared.values("guide_topic")
    months = declared.month_range()
    # each region's workshop falls in one month of the quarter
    workshop_month = {
        (quarter, region): rng.choice([month for month in months if quarter_of(month) == quarter])
        for quarter in dict.fromkeys(map(quarter_of, months))
        for region in regions
        if region not in WORKSHOPS_NOT_YET.get(quarter, ())
    }

    for month in months:
        for region in INFO_DAYS.get(month, ()):
            log.add(month, "info_day", hours=4, participants=rng.randint(25, 60),
                    place=REGION_PLACES[declared.value("region", region)],
                    region=region, evidence=True)
        if month == "2010-09":
            log.add(month, "opening_conference", dt.date(2010, 9, 23), hours=6,
                    participants=142, place="Budapest", evidence=True)
        if month in ("2010-09", "2010-10"):
            half = teams[:13] if month == "2010-09" else teams[13:]
            for team in half:
                if team != UNSIGNED_TEAM:
                    log.add(month, "cooperation_agreement", team=team, evidence=True)
        for team in teams:
            if month not in SILENT_TEAMS.get(team, ()):
                log.add(month, "supervision", hours=3, participants=rng.randint(4, 9),
                        team=team, person=supervisor_of[team], evidence=True)
        for region in regions:
            if workshop_month.get((quarter_of(month), region)) == month:
                log.add(month, "regional_workshop", hours=6,
                        participants=rng.randint(15, 35), place=REGION_PLACES[region],
                        region=region, evidence=True)
        if month in NATIONAL_WORKSHOPS:
            log.add(month, "national_workshop", hours=16, participants=rng.randint(55, 80),
                    place=NATIONAL_WORKSHOPS[month], evidence=True)
        for block_month, topic in LONG_TRAINING_BLOCKS:
            if block_month == month:
                log.add(month, "long_training", hours=12, participants=rng.randint(18, 25),
                        training_topic=training_topics[topic], evidence=True)
        for day_month, course in SHORT_COURSE_DAYS:
            if day_month == month:
                log.add(month, "short_course", hours=8, participants=rng.randint(15, 25),
                        course=course, evidence=True)
        if month == "2011-06":
            log.add(month, "publication", count=500, note="tapasztalatok az első félévből",
                    evidence=True)
        if month == "2011-10":
            log.add(month, "methodological_guide", guide_topic=guide_topics[0], evidence=True)
        for team in rng.sample(teams, rng.randint(2, 4)):
            log.add(month, "consultation", hours=rng.choice((2, 3, 4)), team=team,
                    note="helyszíni megbeszélés a projekt teammel", evidence=True)
    return log


# --- writing ----------------------------------------------------------------------------------

GENERATORS: dict[Demo, Callable[[Declared, random.Random], Log]] = {
    SZAKTAR: szaktar_entries,
    KOORDINACIO: koordinacio_entries,
}


def generate(out: Path) -> list[Path]:
    """Write every demo project under `out` (replacing earlier copies); return the files."""
    rng = random.Random(SEED)
    written = []
    for demo, entries_of in GENERATORS.items():
        directory = out / demo.id
        if directory.exists():
            shutil.rmtree(directory)
        (directory / "actuals").mkdir(parents=True)
        project_text = demo_project_text(demo)
        project_file = directory / "project.yaml"
        project_file.write_text(project_text, encoding="utf-8")
        written.append(project_file)
        log = entries_of(Declared(project_text), rng)
        for month, text in log.month_files(demo.id).items():
            month_file = directory / "actuals" / f"{month}.yaml"
            month_file.write_text(text, encoding="utf-8")
            written.append(month_file)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="the directory to write the demo projects into")
    arguments = parser.parse_args()
    written = generate(arguments.out)
    print(f"wrote {len(written)} files under {arguments.out}")


if __name__ == "__main__":
    main()
