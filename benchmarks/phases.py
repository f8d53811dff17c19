"""Where one szaktar command spends its CPU time, by phase, without a profiler's distortion.

    python benchmarks/phases.py status --projects benchmarks/data/100000 --as-of 2023-12-31

Runs the command in this process with the main steps of the read path wrapped in timers
(CPU time, `time.process_time`), then prints, to stderr, a Markdown table: each phase with
its seconds and share. Nested phases are indented; what is not in a phase is start-up
(interpreter, imports, options) and the rest of the command. cProfile attributes time
unevenly here (libyaml calls Python for every node), so it is not used.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from szaktar_cli.checks import workspace
from szaktar_cli.cli import session
from szaktar_cli.cli.commands import status as status_command
from szaktar_cli.cli.main import main
from szaktar_cli.compute import judge
from szaktar_cli.read import cache, fastyaml, loader, places, validate, yamlio

spent: Counter[str] = Counter()

# (owner, attribute, label); a label's depth is its number of leading "  "
PHASES: list[tuple[Any, str, str]] = [
    (session, "load_workspace", "load and check"),
    (workspace, "load_project", "  read the files"),
    (loader, "load_project_file", "    project.yaml"),
    (loader, "parse", "    parse the YAML (fastyaml.parse)"),
    (fastyaml, "load_fast", "      rapidyaml, JSON and values (with szaktar[fast])"),
    (yamlio._Loader, "get_single_node", "      libyaml: scan, parse, compose nodes (C)"),
    (yamlio._Loader, "construct_document", "      values from the nodes (Python)"),
    (yamlio, "_depth_problem", "      nesting pre-scan"),
    (validate, "ENTRIES_ADAPTER", "    pydantic validation of entries"),
    (cache.FileCache, "store", "    cache: write records"),
    (cache.FileCache, "load", "    cache: read records"),
    (workspace, "_checked", "  checks (or their cached result)"),
    (places.Locator, "position", "  places of the diagnostics (in reading and checks)"),
    (workspace, "_project_inputs", "    digest of each project's files"),
    (workspace.Workspace, "remember_all", "status: the report (or the one the cache kept)"),
    (workspace.Workspace, "remember", "  results (or the cached ones)"),
    (judge, "evaluate_project", "    compute"),
    (status_command, "show_drawn", "status: print"),
]
TOP_LEVEL = {label for _, _, label in PHASES if not label.startswith(" ")}


def timed(function: Callable[..., Any], label: str) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[label] += time.process_time() - start

    return wrapper


class TimedAdapter:
    """Stands in for validate.ENTRIES_ADAPTER, pydantic's validator of the entries."""

    def __init__(self, adapter: Any, label: str) -> None:
        self.validate_python = timed(adapter.validate_python, label)


def run(argv: list[str]) -> int:
    for owner, attribute, label in PHASES:
        original = getattr(owner, attribute)
        if attribute == "ENTRIES_ADAPTER":
            setattr(owner, attribute, TimedAdapter(original, label))
        else:
            setattr(owner, attribute, timed(original, label))
    try:
        return main(argv)
    finally:
        report(time.process_time())


def report(total: float) -> None:
    outside = total - sum(seconds for label, seconds in spent.items() if label in TOP_LEVEL)
    rows = [("start-up and the rest of the command", outside)]
    rows += [(label, spent[label]) for _, _, label in PHASES if spent[label] > 0]
    lines = ["| phase | CPU s | share |", "|---|---:|---:|"]
    for label, seconds in rows:
        depth = (len(label) - len(label.lstrip(" "))) // 2
        name = "· " * depth + label.strip()
        lines.append(f"| {name} | {seconds:.3f} | {seconds / total:.0%} |")
    lines.append(f"| **total** | **{total:.3f}** | |")
    sys.stderr.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    raise SystemExit(run(sys.argv[1:]))
