"""Time szaktar against the YAML parse floor, side by side, each run in a fresh process.

    python benchmarks/run.py --entries 100000 --repeat 5

Writes the synthetic projects (generate.py) to benchmarks/data/<entries>/, then runs every
case `--repeat` times, round-robin (so that a busy machine slows every case alike), and
prints a Markdown table: median wall time, its ratio to the floor, median CPU time and
peak memory (RSS) of the process. The floor is what any tool reading these files with
libyaml must pay: PyYAML's CSafeLoader, the garbage collector paused, parsing every file
and keeping what it read. Cold runs start with an empty cache, warm ones with the cache
that an earlier run filled (nothing changed since).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
AS_OF = "2023-12-31"  # the last day of the generated projects
MID_DATA = "2022-12-31"  # the middle of their data: half the entries come after it
DUPLICATES = 0.005  # the share of likely duplicates (A320) in random data of this size
PORTFOLIO = 25  # projects in the portfolio case (the same entries in all)
# Parse every file with `load(text)`, the garbage collector paused, keeping what was read.
PARSE_ALL = """\
import gc, pathlib, sys
{setup}
gc.disable()
files = sorted(pathlib.Path(sys.argv[1]).rglob("*.yaml"))
data = [load(path.read_text(encoding="utf-8")) for path in files]
gc.enable()
"""
FLOOR = PARSE_ALL.format(setup="import yaml\nload = lambda t: yaml.load(t, yaml.CSafeLoader)")
ALL_TEXT = PARSE_ALL.format(setup="import yaml\nload = lambda t: yaml.load(t, yaml.CBaseLoader)")
READER = PARSE_ALL.format(
    setup="from szaktar_cli.read.yamlio import parse\nload = lambda t: parse(t, 'f')"
)
FAST_READER = PARSE_ALL.format(
    setup="from szaktar_cli.read.fastyaml import parse\nload = lambda t: parse(t, 'f')"
)
# szaktar as if rapidyaml were not installed (`import ryml` fails): the libyaml path alone
WITHOUT_RAPIDYAML = """\
import sys
sys.modules["ryml"] = None
from szaktar_cli.cli.main import run
run()
"""


@dataclass
class Case:
    name: str
    command: list[str]
    # called before each run: returns the environment changes of that run
    prepare: Callable[[int], dict[str, str]] = lambda _: {}
    expected_exit: int = 0  # a case may measure a refusal (exit 1)
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss_kib: list[int] = field(default_factory=list)


def run_once(case: Case, number: int, base_env: dict[str, str]) -> None:
    """One run in a fresh process; its time, CPU time and peak RSS come from wait4's rusage."""
    env = base_env | case.prepare(number)
    # stderr to a file, not a pipe: a run that warns much would fill a pipe no one reads yet
    with tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(case.command, env=env, stdout=subprocess.DEVNULL, stderr=stderr)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        stderr.seek(0)
        errors = stderr.read().decode(errors="replace")
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != case.expected_exit:
        raise SystemExit(f"{case.name} failed (exit {process.returncode}):\n{errors[-5000:]}")
    case.wall.append(elapsed)
    case.cpu.append(usage.ru_utime + usage.ru_stime)
    case.rss_kib.append(usage.ru_maxrss)  # KiB on Linux


def szaktar(*arguments: str) -> list[str]:
    # the interpreter running this script, so that a shell shim (pyenv) adds nothing
    return [sys.executable, "-m", "szaktar_cli", *arguments]


@dataclass(frozen=True)
class DataSets:
    """The generated data the cases read: 4 projects valid without a warning; the same size
    with 0.5% likely duplicates spread over all files; a portfolio of 25 projects."""

    valid: Path
    duplicates: Path
    portfolio: Path


def build_cases(data: DataSets, cache_root: Path, *, rapidyaml: bool) -> list[Case]:
    def fresh_cache(kind: str) -> Callable[[int], dict[str, str]]:
        return lambda number: {"SZAKTAR_CACHE_DIR": str(cache_root / f"{kind}-{number}")}

    def warm_cache(_: int) -> dict[str, str]:
        return {"SZAKTAR_CACHE_DIR": str(cache_root / "warm")}

    def validate(directory: Path) -> list[str]:
        return szaktar("validate", str(directory), "--as-of", AS_OF)

    def status(directory: Path, as_of: str = AS_OF) -> list[str]:
        return szaktar("status", "--projects", str(directory), "--as-of", as_of)

    python = sys.executable
    valid = data.valid
    return [
        Case("floor: PyYAML CSafeLoader, gc paused", [python, "-c", FLOOR, str(valid)]),
        Case("`szaktar validate` (cold)", validate(valid), fresh_cache("validate")),
        Case("`szaktar status` (cold)", status(valid), fresh_cache("status")),
        Case("`szaktar validate` (cold), 0.5% duplicates", validate(data.duplicates),
             fresh_cache("validate-duplicates")),
        Case("`szaktar status` (cold), 0.5% duplicates", status(data.duplicates),
             fresh_cache("status-duplicates")),
        Case("`szaktar status --as-of` mid-data (cold)", status(valid, MID_DATA),
             fresh_cache("status-mid")),
        Case(f"`szaktar status` (cold), {PORTFOLIO} projects", status(data.portfolio),
             fresh_cache("status-portfolio")),
        Case("`szaktar validate` (warm)", validate(valid), warm_cache),
        Case("`szaktar status` (warm)", status(valid), warm_cache),
        Case("`szaktar --help`", szaktar("--help")),
        Case("`python -c pass`", [python, "-c", "pass"]),
        # for comparison: libyaml giving every value as text, and szaktar's reader alone
        Case("PyYAML CBaseLoader (all text), gc paused", [python, "-c", ALL_TEXT, str(valid)]),
        Case("szaktar's reader (yamlio.parse) alone", [python, "-c", READER, str(valid)]),
        # with rapidyaml installed (szaktar[fast]), the commands above use it; these do not
        *([
            Case("szaktar's reader with rapidyaml (fastyaml.parse) alone",
                 [python, "-c", FAST_READER, str(valid)]),
            Case("`szaktar validate` (cold), without rapidyaml",
                 [python, "-c", WITHOUT_RAPIDYAML, *validate(valid)[3:]],
                 fresh_cache("validate-libyaml")),
            Case("`szaktar status` (cold), without rapidyaml",
                 [python, "-c", WITHOUT_RAPIDYAML, *status(valid)[3:]],
                 fresh_cache("status-libyaml")),
        ] if rapidyaml else []),
    ]


def table(cases: Sequence[Case]) -> str:
    """The medians, each with its ratio to the floor's. On a busy machine the CPU time's ratio
    is the steadier: other processes lengthen a run's wall time, hardly its CPU time."""
    floor = cases[0]
    floor_wall = statistics.median(floor.wall)
    floor_cpu = statistics.median(floor.cpu)
    floor_rss = statistics.median(floor.rss_kib)
    lines = [
        "| case | median s | × floor | CPU s | × floor CPU | peak RSS MB | × floor RSS |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for case in cases:
        wall, rss = statistics.median(case.wall), statistics.median(case.rss_kib)
        cpu = statistics.median(case.cpu)
        lines.append(
            f"| {case.name} | {wall:.3f} | {wall / floor_wall:.2f} | {cpu:.3f} | "
            f"{cpu / floor_cpu:.2f} | {rss / 1024:.0f} | {rss / floor_rss:.2f} |"
        )
    return "\n".join(lines)


def goals(cases: Sequence[Case]) -> str:
    """The goals of issue 14, as measured in this run (they are set for 100 000 entries)."""
    wall = {case.name: statistics.median(case.wall) for case in cases}
    rss = {case.name: statistics.median(case.rss_kib) for case in cases}
    floor, floor_rss = wall[cases[0].name], rss[cases[0].name]
    # szaktar as installed (the rows without rapidyaml are for comparison)
    commands = [name for name in wall if name.startswith("`szaktar") and "without" not in name]
    cold = [name for name in commands if "(cold)" in name]
    pass_ = wall["`python -c pass`"]
    warm_status = wall["`szaktar status` (warm)"]
    checks = [
        ("cold validate and status, with and without warnings, ≤ 0.5× floor",
         max(wall[name] for name in cold if "projects" not in name) / floor, 0.5, "×"),
        ("peak RSS ≤ 1.2× floor's", max(rss[name] for name in commands) / floor_rss, 1.2, "×"),
        ("status --as-of mid-data ≤ 1.05× status at the end (5%: a run's noise)",
         wall["`szaktar status --as-of` mid-data (cold)"] / wall["`szaktar status` (cold)"],
         1.05, "×"),
        ("warm status ≤ 0.12 s", warm_status, 0.12, " s"),
        ("warm status ≤ 10× `python -c pass`", warm_status / pass_, 10, "×"),
        ("`--help` ≤ 0.08 s", wall["`szaktar --help`"], 0.08, " s"),
    ]
    return "\n".join(
        f"- {label}: {value:.2f}{unit} {'(met)' if value <= bound else '(NOT met)'}"
        for label, value, bound, unit in checks
    )


VERSIONS = """\
import importlib.metadata, platform, yaml
libyaml = yaml._yaml.get_version_string() if yaml.__with_libyaml__ else "missing (pure Python!)"
try:
    rapidyaml = "rapidyaml " + importlib.metadata.version("rapidyaml")
except importlib.metadata.PackageNotFoundError:
    rapidyaml = "without rapidyaml"
print(f"Python {platform.python_version()}, PyYAML {yaml.__version__} with libyaml {libyaml}, "
      f"{rapidyaml}")
"""


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.ArgumentDefaultsHelpFormatter
    )
    parser.add_argument("--entries", type=int, default=100_000, help="entries in all")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each case")
    parser.add_argument("--data", type=Path, default=None,
                        help="where to write the projects [default: benchmarks/data/<entries>]")
    args = parser.parse_args(argv)
    root = args.data or HERE / "data" / str(args.entries)
    data = DataSets(root, root.with_name(root.name + "-duplicates"),
                    root.with_name(root.name + "-portfolio"))
    # in child processes: this one stays small, for its size is where each child's peak
    # RSS starts (Linux counts the parent's pages a child had before it ran its program)
    generate = [sys.executable, str(HERE / "generate.py"), "--entries", str(args.entries)]
    for out, options in (
        (data.valid, []),
        (data.duplicates, ["--duplicates", str(DUPLICATES)]),
        (data.portfolio, ["--projects", str(PORTFOLIO)]),
    ):
        subprocess.run([*generate, *options, "--out", str(out)], check=True,
                       stdout=subprocess.DEVNULL)
    versions = subprocess.run(
        [sys.executable, "-c", VERSIONS], check=True, capture_output=True, text=True
    ).stdout.strip()
    # szaktar as an installed copy runs: its bytecode compiled (an editable install run with
    # PYTHONDONTWRITEBYTECODE would compile every module on every run)
    rapidyaml_installed = importlib.util.find_spec("ryml") is not None
    package = importlib.util.find_spec("szaktar_cli")
    if package is not None and package.submodule_search_locations:
        subprocess.run([sys.executable, "-m", "compileall", "-q",
                        *package.submodule_search_locations], check=True)
    sources = sorted(data.valid.glob("*/**/*.yaml"))
    size = sum(path.stat().st_size for path in sources)
    base_env = {key: value for key, value in os.environ.items() if not key.startswith("SZAKTAR_")}
    base_env |= {"NO_COLOR": "1", "SZAKTAR_LANG": "en"}
    with tempfile.TemporaryDirectory(prefix="szaktar-bench-") as temporary:
        cases = build_cases(data, Path(temporary), rapidyaml=rapidyaml_installed)
        for case in cases:  # each warm case fills what it keeps in the warm cache; not counted
            if "(warm)" in case.name:
                run_once(case, 0, base_env)
                case.wall, case.cpu, case.rss_kib = [], [], []
        for number in range(args.repeat):
            for case in cases:
                run_once(case, number, base_env)
    print(
        f"{args.entries} entries in {len(sources)} files ({size / 1e6:.1f} MB of YAML), "
        f"median of {args.repeat} run(s); {versions}, {os.cpu_count()} CPUs\n"
    )
    print(table(cases))
    print()
    print("Goals (set for 100 000 entries; with fewer, start-up outweighs parsing):")
    print(goals(cases))


if __name__ == "__main__":
    main()
