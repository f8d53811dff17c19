"""Bounded cost on large or hostile input (issue 18, items 13–17): each case in a fresh process,
its median wall time, CPU time and peak RSS (run.py's way), beside the floor of the run: parsing
the same month file with PyYAML's CSafeLoader, the garbage collector paused.

    python benchmarks/hostile.py --entries 200000 --keys 200000 --rows 1000000 --repeat 3

Writes (seeded, the same bytes every time) to benchmarks/data/hostile-<entries>/:

- 13: one entry with `--keys` unknown keys: `validate` reports each (A301) at its place;
- 14: a project whose month holds `--entries` entries: `log` of one more entry, after a
  `validate` filled the cache (the month as it was comes from the cache, and of the month as
  it will be only the added text is parsed), and with no cache at all;
- 15: a CSV file of `--rows` rows: `import` refuses it once the row after the 100 000 an
  import takes is read (I712, nothing written), reading it as a stream; and `import
  /dev/zero` is refused before anything is read;
- 16: a project of `--teams` teams and `--places` places (one entry in each place):
  `report`, no cache; each chart draws at most MAX_GROUPS groups and folds the rest into
  "others", the tables list every group (the page's size is printed after the table);
- 17: `validate` with the cache bounded to 1 MB (`SZAKTAR_CACHE_MAX_MB=1`): the records that
  do not fit are evicted after the run.

    python benchmarks/hostile.py --teams 3000 --places 6000 ...
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from run import Case, run_once, szaktar, table

HERE = Path(__file__).resolve().parent
PROJECT = "hostile"
AS_OF = "2011-12-31"
PROJECT_YAML = f"""\
id: {PROJECT}
title: Nagy hónap (benchmark)
start: 2011-01-01
end: 2011-12-31
activities:
  consultation: {{name: Konzultáció, name_en: Consultation}}
  training: {{name: Tréning, name_en: Training}}
indicators:
  consultation_hours:
    name: Konzultációs órák
    unit: hour
    measure: {{sum: hours, activities: [consultation]}}
    target: {{min: 100}}
  participants:
    name: Résztvevők
    unit: person
    measure: {{sum: participants}}
"""
FLOOR = """\
import gc, sys, yaml
gc.disable()
data = yaml.load(open(sys.argv[1], encoding="utf-8").read(), yaml.CSafeLoader)
"""


def write_month(path: Path, entries: int, seed: int = 1) -> None:
    """`entries` distinct entries of March 2011 (a note each: no two are duplicates)."""
    generator = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for number in range(entries):
            activity = generator.choice(("consultation", "consultation", "training"))
            out.write(
                f"- date: 2011-03-{1 + number % 31:02d}\n  activity: {activity}\n"
                f"  hours: {generator.choice((1, 1.5, 2, 3))}\n"
                f"  participants: {generator.randint(1, 12)}\n  note: alkalom {number}\n"
            )


def write_project(root: Path, entries: int) -> Path:
    directory = root / "projects" / PROJECT
    (directory / "actuals").mkdir(parents=True, exist_ok=True)
    (directory / "project.yaml").write_text(PROJECT_YAML, encoding="utf-8")
    write_month(directory / "actuals" / "2011-03.yaml", entries)
    return directory


def write_keys(root: Path, keys: int) -> Path:
    directory = root / "keys" / PROJECT
    (directory / "actuals").mkdir(parents=True, exist_ok=True)
    (directory / "project.yaml").write_text(PROJECT_YAML, encoding="utf-8")
    unknown = "".join(f"  unknown_{number}: {number}\n" for number in range(keys))
    (directory / "actuals" / "2011-03.yaml").write_text(
        f"- date: 2011-03-01\n  activity: consultation\n  hours: 1\n{unknown}", encoding="utf-8"
    )
    return directory


GROUPS_PROJECT = """\
id: {project}
title: Sok csoport (benchmark)
start: 2011-01-01
end: 2011-12-31
activities:
  session: {{name: Foglalkozás, name_en: Session}}
dimensions:
  team:
    name: Projekt team
    name_en: Project team
    values: [{teams}]
  place: {{name: Település, name_en: Place}}
indicators:
  sessions:
    name: Foglalkozások
    unit: event
    measure: {{count: entries, activities: [session]}}
    target: {{min: {total}, source: benchmark}}
  sessions_per_team:
    name: Foglalkozások teamenként
    unit: event
    measure: {{count: entries, activities: [session]}}
    target: {{min: 3, per_group: team, source: benchmark}}
  sessions_per_team_quarterly:
    name: Foglalkozások teamenként, negyedévente
    unit: event
    measure: {{count: entries, activities: [session]}}
    target: {{min: 1, per: quarter, per_group: team, source: benchmark}}
"""


def write_groups(root: Path, teams: int, places: int, project: str = "groups") -> Path:
    """A project of `teams` declared teams and `places` places (issue 18, item 16): one short
    entry in each place, the teams taking them in turn, spread over the year; so that every
    team, place and quarter is a group of some chart."""
    directory = root / project
    (directory / "actuals").mkdir(parents=True, exist_ok=True)
    names = [f"T{number:04d}" for number in range(teams)]
    (directory / "project.yaml").write_text(
        GROUPS_PROJECT.format(project=project, teams=", ".join(names), total=places),
        encoding="utf-8",
    )
    months: dict[int, list[str]] = {}
    for number in range(places):
        month = 1 + number % 12
        months.setdefault(month, []).append(
            f"- {{date: 2011-{month:02d}-{1 + number % 28:02d}, activity: session, "
            f"team: {names[number % teams]}, place: H{number:05d}}}\n"
        )
    for month, lines in months.items():
        (directory / "actuals" / f"2011-{month:02d}.yaml").write_text(
            "".join(lines), encoding="utf-8"
        )
    return directory


def write_rows(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write("date,activity,hours,participants,note\n")
        for number in range(rows):
            day, people = 1 + number % 30, 1 + number % 9
            out.write(f"2011-04-{day:02d},consultation,1,{people},sor {number}\n")


def build_cases(data: Path, cache_root: Path, groups: Path, page: Path) -> list[Case]:
    """`groups`: the directory write_groups wrote to; `page`: where the report goes."""
    projects = data / "projects"
    month = projects / PROJECT / "actuals" / "2011-03.yaml"
    pristine = data / "2011-03.yaml"

    def restored(cache: str) -> dict[str, str]:
        """The month as generated (an earlier run's log added to it), and the cache named."""
        shutil.copyfile(pristine, month)
        return {"SZAKTAR_CACHE_DIR": str(cache_root / cache)}

    def warm(_: int) -> dict[str, str]:
        environment = restored("warm")
        subprocess.run(  # fills the cache with the month as it is; not measured
            szaktar("validate", str(projects / PROJECT), "--as-of", AS_OF),
            env=os.environ | environment, check=True, capture_output=True,
        )
        return environment

    def bounded(number: int) -> dict[str, str]:
        return {"SZAKTAR_CACHE_DIR": str(cache_root / f"bounded-{number}"),
                "SZAKTAR_CACHE_MAX_MB": "1"}

    log = szaktar("log", PROJECT, "--projects", str(projects), "--date", "2011-03-05",
                  "--activity", "consultation", "--hours", "2", "--as-of", AS_OF)
    import_rows = szaktar("import", PROJECT, str(data / "rows.csv"), "--projects", str(projects),
                          "--as-of", AS_OF)
    import_zero = szaktar("import", PROJECT, "/dev/zero", "--projects", str(projects),
                          "--as-of", AS_OF)
    keys = szaktar("validate", str(data / "keys" / PROJECT), "--as-of", AS_OF, "--no-cache")
    return [
        Case("floor: PyYAML CSafeLoader of the month, gc paused",
             [sys.executable, "-c", FLOOR, str(pristine)]),
        Case("13: `validate`, one entry of many unknown keys", keys, expected_exit=1),
        Case("14: `log` one entry into the month (cache filled by validate)", log, warm),
        Case("14: `log` one entry into the month (no cache)", [*log[:3], *log[3:]],
             lambda _: restored("none") | {"SZAKTAR_NO_CACHE": "1"}),
        Case("15: `import` of the CSV rows (refused after 100 000: I712)", import_rows,
             expected_exit=1),
        Case("15: `import /dev/zero` (refused: not a regular file)", import_zero,
             expected_exit=2),
        Case("16: `report` of many teams and places (no cache)",
             szaktar("report", "--projects", str(groups), "--as-of", AS_OF, "--lang", "en",
                     "-o", str(page), "--force"),
             lambda _: {"SZAKTAR_NO_CACHE": "1"}),
        Case("17: `validate` with the cache bounded to 1 MB",
             szaktar("validate", str(projects / PROJECT), "--as-of", AS_OF), bounded),
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=200_000, help="entries in the month")
    parser.add_argument("--keys", type=int, default=200_000, help="unknown keys in one entry")
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows of the CSV file")
    parser.add_argument("--teams", type=int, default=3_000, help="teams of the report's case")
    parser.add_argument("--places", type=int, default=6_000, help="places of the report's case")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each case")
    args = parser.parse_args(argv)
    data = HERE / "data" / f"hostile-{args.entries}-{args.keys}-{args.rows}"
    if not (data / "2011-03.yaml").exists():
        directory = write_project(data, args.entries)
        shutil.copyfile(directory / "actuals" / "2011-03.yaml", data / "2011-03.yaml")
        write_keys(data, args.keys)
        write_rows(data / "rows.csv", args.rows)
    groups = HERE / "data" / f"hostile-groups-{args.teams}-{args.places}"
    if not (groups / "groups" / "project.yaml").exists():
        write_groups(groups, args.teams, args.places)
    base_env = {key: value for key, value in os.environ.items() if not key.startswith("SZAKTAR_")}
    base_env |= {"NO_COLOR": "1", "SZAKTAR_LANG": "en"}
    with tempfile.TemporaryDirectory(prefix="szaktar-hostile-") as temporary:
        page = Path(temporary) / "report.html"
        cases = build_cases(data, Path(temporary), groups, page)
        for number in range(args.repeat):
            for case in cases:
                run_once(case, number, base_env)
        bounded = Path(temporary)
        sizes = [sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())
                 for folder in bounded.glob("bounded-*")]
        size = page.stat().st_size
    print(f"{args.entries} entries in one month, one entry of {args.keys} keys, a CSV file of "
          f"{args.rows} rows, {args.teams} teams × {args.places} places; median of "
          f"{args.repeat} run(s), {os.cpu_count()} CPUs\n")
    print(table(cases))
    print(f"\n16: the report's page: {size / 1e6:.2f} MB")
    print(f"\n17: the bounded cache after each run: at most {max(sizes) / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
