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
    start = time.perf_counter()
    process = subprocess.Popen(
        case.command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    errors = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if process.stderr:
        process.stderr.close()
    if process.returncode != case.expected_exit:
        raise SystemExit(f"{case.name} failed (exit {process.returncode}):\n{errors}")
    case.wall.append(elapsed)
    case.cpu.append(usage.ru_utime + usage.ru_stime)
    case.rss_kib.append(usage.ru_maxrss)  # KiB on Linux


def szaktar(*arguments: str) -> list[str]:
    # the interpreter running this script, so that a shell shim (pyenv) adds nothing
    return [sys.executable, "-m", "szaktar_cli", *arguments]


def build_cases(data: Path, cache_root: Path) -> list[Case]:
    def fresh_cache(kind: str) -> Callable[[int], dict[str, str]]:
        return lambda number: {"SZAKTAR_CACHE_DIR": str(cache_root / f"{kind}-{number}")}

    def warm_cache(_: int) -> dict[str, str]:
        return {"SZAKTAR_CACHE_DIR": str(cache_root / "warm")}

    python = sys.executable
    validate = szaktar("validate", str(data), "--as-of", AS_OF)
    status = szaktar("status", "--projects", str(data), "--as-of", AS_OF)
    return [
        Case("floor: PyYAML CSafeLoader, gc paused", [python, "-c", FLOOR, str(data)]),
        Case("`szaktar validate` (cold)", validate, fresh_cache("validate")),
        Case("`szaktar status` (cold)", status, fresh_cache("status")),
        Case("`szaktar validate` (warm)", validate, warm_cache),
        Case("`szaktar status` (warm)", status, warm_cache),
        Case("`szaktar --help`", szaktar("--help")),
        Case("`python -c pass`", [python, "-c", "pass"]),
        # for comparison: libyaml giving every value as text, and szaktar's reader alone
        Case("PyYAML CBaseLoader (all text), gc paused", [python, "-c", ALL_TEXT, str(data)]),
        Case("szaktar's reader (yamlio.parse) alone", [python, "-c", READER, str(data)]),
    ]


def table(cases: Sequence[Case]) -> str:
    floor = cases[0]
    floor_wall = statistics.median(floor.wall)
    floor_rss = statistics.median(floor.rss_kib)
    lines = [
        "| case | median s | × floor | CPU s | peak RSS MB | × floor RSS |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for case in cases:
        wall, rss = statistics.median(case.wall), statistics.median(case.rss_kib)
        lines.append(
            f"| {case.name} | {wall:.3f} | {wall / floor_wall:.2f} | "
            f"{statistics.median(case.cpu):.3f} | {rss / 1024:.0f} | {rss / floor_rss:.2f} |"
        )
    return "\n".join(lines)


def goals(cases: Sequence[Case]) -> str:
    """The goals of issue 7, as measured in this run (they are set for 100 000 entries)."""
    wall = {case.name: statistics.median(case.wall) for case in cases}
    rss = {case.name: statistics.median(case.rss_kib) for case in cases}
    floor, floor_rss = wall[cases[0].name], rss[cases[0].name]
    commands = [case.name for case in cases if case.name.startswith("`szaktar")]
    checks = [
        ("cold validate ≤ 1.3× floor", wall["`szaktar validate` (cold)"] / floor, 1.3, "×"),
        ("cold status ≤ 1.3× floor", wall["`szaktar status` (cold)"] / floor, 1.3, "×"),
        ("peak RSS ≤ 1.5× floor's", max(rss[name] for name in commands) / floor_rss, 1.5, "×"),
        ("warm status ≤ 0.5 s", wall["`szaktar status` (warm)"], 0.5, " s"),
        ("`--help` ≤ 0.25 s", wall["`szaktar --help`"], 0.25, " s"),
        ("`--help` ≤ 25× `python -c pass`",
         wall["`szaktar --help`"] / wall["`python -c pass`"], 25, "×"),
    ]
    return "\n".join(
        f"- {label}: {value:.2f}{unit} {'(met)' if value <= bound else '(NOT met)'}"
        for label, value, bound, unit in checks
    )


VERSIONS = """\
import platform, yaml
libyaml = yaml._yaml.get_version_string() if yaml.__with_libyaml__ else "missing (pure Python!)"
print(f"Python {platform.python_version()}, PyYAML {yaml.__version__} with libyaml {libyaml}")
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
    data = args.data or HERE / "data" / str(args.entries)
    # in child processes: this one stays small, for its size is where each child's peak
    # RSS starts (Linux counts the parent's pages a child had before it ran its program)
    generate = [sys.executable, str(HERE / "generate.py"), "--entries", str(args.entries)]
    subprocess.run([*generate, "--out", str(data)], check=True, stdout=subprocess.DEVNULL)
    versions = subprocess.run(
        [sys.executable, "-c", VERSIONS], check=True, capture_output=True, text=True
    ).stdout.strip()
    sources = sorted(data.glob("*/**/*.yaml"))
    size = sum(path.stat().st_size for path in sources)
    base_env = {key: value for key, value in os.environ.items() if not key.startswith("SZAKTAR_")}
    base_env |= {"NO_COLOR": "1", "SZAKTAR_LANG": "en"}
    with tempfile.TemporaryDirectory(prefix="szaktar-bench-") as temporary:
        cases = build_cases(data, Path(temporary))
        warm = [case for case in cases if "(warm)" in case.name]
        run_once(warm[0], 0, base_env)  # fills the warm cache; not counted
        warm[0].wall, warm[0].cpu, warm[0].rss_kib = [], [], []
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
