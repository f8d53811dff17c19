"""Write synthetic projects in szaktar's real format, for benchmarks: N entries over 24 months.

The output is deterministic for a given (--entries, --projects, --seed, --duplicates): the
same bytes on every machine, so timings of two runs compare the same work. The data is valid
(no errors, and no warnings unless --duplicates asks for them), shaped like a busy service's
log: a date, an activity, hours, participants, a place and a note on every entry, and sometimes
a person code, a team or a county. `--duplicates 0.005` writes that share of the entries twice
(each the copy of the entry before it, so a likely duplicate, warning A320), spread over every
file, as random data has them.

    python benchmarks/generate.py --entries 100000 --out benchmarks/data/100000
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

DEFAULT_OUT = Path(__file__).resolve().parent / "data"
FIRST_MONTH = dt.date(2022, 1, 1)
MONTHS = 24

ACTIVITIES: dict[str, tuple[str, str]] = {
    "consultation": ("Konzultáció", "Consultation"),
    "supervision": ("Szupervízió", "Supervision"),
    "coaching": ("Coaching", "Coaching"),
    "training": ("Tréning", "Training"),
    "case_conference": ("Esetkonferencia", "Case conference"),
    "info_day": ("Információs nap", "Information day"),
}
# How often each activity occurs (a consultation service logs mostly consultations).
ACTIVITY_WEIGHTS = (50, 12, 8, 15, 10, 5)
HOURS = (1, 1.5, 2, 2, 3, 3, 4, 6, 8)
PLACES = (
    "Szeged", "Hódmezővásárhely", "Makó", "Szentes", "Csongrád", "Békéscsaba", "Gyula",
    "Orosháza", "Kecskemét", "Baja", "Kiskunhalas", "Kalocsa", "Kiskunfélegyháza", "Mórahalom",
)
COUNTIES = ("Csongrád-Csanád", "Békés", "Bács-Kiskun")
TEAMS = tuple(f"T{number:02d}" for number in range(1, 9))
NOTES = (
    "családsegítő szolgálat munkatársaival",
    "gyermekvédelmi esetmegbeszélés",
    "idősgondozás, házi segítségnyújtás",
    "adósságkezelési tanácsadás",
    "új munkatársak bevezetése",
    "közösségi ház, délutáni csoport",
    "telefonos utánkövetés",
    "iskolai szociális munka",
    "krízishelyzet, azonnali segítség",
    "team szupervízió, havi alkalom",
    "esetkonferencia a jelzőrendszer tagjaival",
    "módszertani konzultáció",
)


@dataclass(frozen=True)
class Spec:
    entries: int
    projects: int
    seed: int
    duplicates: float = 0.0  # the share of entries that repeat the entry before them


def month_start(index: int) -> dt.date:
    year, month = divmod(FIRST_MONTH.month - 1 + index, 12)
    return dt.date(FIRST_MONTH.year + year, month + 1, 1)


def month_days(index: int) -> int:
    return (month_start(index + 1) - month_start(index)).days


def project_yaml(project_id: str, number: int) -> str:
    start = FIRST_MONTH
    end = month_start(MONTHS) - dt.timedelta(days=1)
    activities = "\n".join(
        f"  {key}: {{name: {hu}, name_en: {en}}}" for key, (hu, en) in ACTIVITIES.items()
    )
    teams = "\n".join(f"      {team}: {{region: Dél-Alföld}}" for team in TEAMS)
    return f"""\
# Synthetic project written by benchmarks/generate.py (not real data).
id: {project_id}
title: Szintetikus mérőprojekt {number}
title_en: Synthetic benchmark project {number}
grant:
  programme: TÁMOP 5.4.4
  reference: BENCH-{number:03d}
  amount: 105069720
  currency: HUF
  funding_rate: 100
lead: Mérő Alapítvány
partners: [Első Egyesület, Második Egyesület]
start: {start.isoformat()}
end: {end.isoformat()}
metadata: {{region: Dél-Alföld, programme: TÁMOP}}
phases:
  first: {{name: Első szakasz, start: {start.isoformat()}, end: 2022-12-31}}
  second: {{name: Második szakasz, start: 2023-01-01, end: {end.isoformat()}}}
activities:
{activities}
dimensions:
  county:
    name: Megye
    values: [{", ".join(COUNTIES)}]
  team:
    name: Csapat
    values:
{teams}
indicators:
  consultation_hours:
    name: Konzultációs órák
    name_en: Consultation hours
    unit: hour
    measure: {{sum: hours, activities: [consultation]}}
    target: {{min: 3000, source: "minimum 3000 konzultációs óra"}}
  supervision_coaching_hours:
    name: Szupervíziós és coaching órák
    unit: hour
    measure: {{sum: hours, activities: [supervision, coaching]}}
    target: {{min: 2050, source: "2050 szupervíziós és/vagy coach óra"}}
  training_hours_monthly:
    name: Havi tréningórák
    unit: hour
    measure: {{sum: hours, activities: [training]}}
    target: {{min: 64, per: month, source: "a tréningek havi óraszáma minimum 64 óra"}}
  supervision_per_team:
    name: Szupervízió csapatonként
    unit: event
    measure: {{count: entries, activities: [supervision]}}
    target:
      min: 1
      per: month
      per_group: team
      source: "minden csapat havonta szupervíziót kap"
  case_conferences:
    name: Esetkonferenciák
    unit: event
    measure: {{count: entries, activities: [case_conference]}}
    target:
      min: 25
      source: "legalább 25 esetkonferencia"
      schedule:
        - {{date: 2022-12-31, min: 10}}
  counties_reached:
    name: Elért megyék
    unit: settlement
    measure: {{distinct: county}}
    target: {{min: 3, source: "mindhárom megye"}}
  persons_reached:
    name: Elért szakemberek
    unit: person
    measure: {{distinct: person}}
  largest_session:
    name: Legnagyobb létszám
    unit: person
    measure: {{max: participants, activities: [info_day]}}
    target: {{min: 40, source: "legalább 40 fős információs nap"}}
  training_participants:
    name: Képzésen résztvevők
    unit: person
    measure: {{sum: participants, activities: [training], phase: second}}
    target: {{min: 500, source: "a második szakaszban 500 résztvevő"}}
"""


def entry_yaml(rng: random.Random, when: dt.date, seen: set[tuple[object, ...]]) -> str:
    """One entry; regenerated until it differs from every other (else `validate` warns A320)."""
    while True:
        activity = rng.choices(tuple(ACTIVITIES), ACTIVITY_WEIGHTS)[0]
        fields: dict[str, object] = {
            "date": when.isoformat(),
            "activity": activity,
            "hours": rng.choice(HOURS),
            "participants": rng.randint(1, 60 if activity in {"training", "info_day"} else 12),
            "place": rng.choice(PLACES),
            "note": rng.choice(NOTES),
        }
        if rng.random() < 0.4:
            fields["person"] = f"SZ-{rng.randint(1, 400):03d}"
        if activity == "supervision" or rng.random() < 0.1:
            fields["team"] = rng.choice(TEAMS)
        if rng.random() < 0.3:
            fields["county"] = rng.choice(COUNTIES)
        key = tuple(fields.items())
        if key not in seen:
            seen.add(key)
            break
    lines = [f"- date: {fields.pop('date')}"]
    lines += [f"  {name}: {value}" for name, value in fields.items()]
    return "\n".join(lines) + "\n"


def generate(spec: Spec, out: Path) -> list[Path]:
    """Write `spec.projects` project directories under `out` (replacing them); return them."""
    rng = random.Random(spec.seed)
    # its own stream, so that the entries that are not copies are the same with or without them
    copies = random.Random(f"{spec.seed}-duplicates")
    directories: list[Path] = []
    # Projects differ in size (a programme has small and large ones): weights 1, 2, 3, …
    weights = [number + 1 for number in range(spec.projects)]
    counts = [spec.entries * weight // sum(weights) for weight in weights]
    counts[-1] += spec.entries - sum(counts)
    for number, count in enumerate(counts, start=1):
        project_id = f"bench-{number:02d}"
        directory = out / project_id
        if directory.exists():
            shutil.rmtree(directory)
        (directory / "actuals").mkdir(parents=True)
        (directory / "project.yaml").write_text(project_yaml(project_id, number), encoding="utf-8")
        seen: set[tuple[object, ...]] = set()
        for month in range(MONTHS):
            in_month = count // MONTHS + (1 if month < count % MONTHS else 0)
            days = sorted(rng.randint(1, month_days(month)) for _ in range(in_month))
            first = month_start(month)
            entries: list[str] = []
            for day in days:
                again = bool(entries) and copies.random() < spec.duplicates
                when = first.replace(day=day)
                entries.append(entries[-1] if again else entry_yaml(rng, when, seen))
            body = "".join(entries)
            header = "# Synthetic entries written by benchmarks/generate.py.\n"
            path = directory / "actuals" / f"{first:%Y-%m}.yaml"
            path.write_text(header + (body or "[]\n"), encoding="utf-8")
        directories.append(directory)
    return directories


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.ArgumentDefaultsHelpFormatter
    )
    parser.add_argument("--entries", type=int, default=10_000, help="entries in all")
    parser.add_argument("--projects", type=int, default=4, help="number of projects")
    parser.add_argument("--seed", type=int, default=2011, help="random seed")
    parser.add_argument("--duplicates", type=float, default=0.0,
                        help="share of the entries written twice (likely duplicates, A320)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory")
    args = parser.parse_args(argv)
    directories = generate(
        Spec(args.entries, args.projects, args.seed, args.duplicates), args.out
    )
    size = sum(path.stat().st_size for folder in directories for path in folder.rglob("*.yaml"))
    print(f"{args.entries} entries, {len(directories)} projects, {size / 1e6:.1f} MB: {args.out}")


if __name__ == "__main__":
    main()
