"""How a target stands, and how each state is shown: one definition per state.

A state is a status of an indicator (`Status`), a state of one period of a rate target
(`CellState`), or `not_due` (a target or a period of which nothing is due yet). Each has its
`Look`: its words (LABELS keys), its symbol, and its colours on a terminal and in a chart; the
report's page colours `.status-<state>` in templates/report.css. Colour only ever repeats a
word or a symbol. The rules that choose a status are in compute/judge.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

Status = Literal[
    "met", "on_track", "not_due", "behind", "missed", "not_started", "no_target", "unknown"
]
# How one period (or one group in a period) of a rate target stands.
CellState = Literal["met", "missed", "in_progress", "partial"]
# How an interim checkpoint of a cumulative target stands.
MilestoneState = Literal["met", "missed", "not_due", "unknown"]
# How one bar or cell of a chart stands: a period's state, "not_due" for the periods still to
# come before the deadline, or the status of a group's running total under a per-group target.
ChartState = Literal[
    "met", "missed", "in_progress", "partial", "not_due", "on_track", "behind", "not_started",
    "unknown",
]
State = Status | ChartState

STATUSES: tuple[Status, ...] = (
    "met",
    "on_track",
    "not_due",
    "behind",
    "missed",
    "not_started",
    "no_target",
    "unknown",
)
PROBLEM_STATUSES: frozenset[str] = frozenset({"behind", "missed"})
# Targets by how they stand, best first (tracked-only indicators left out): a portfolio's bars.
TARGET_STATUSES: tuple[Status, ...] = (
    "met",
    "on_track",
    "not_due",
    "behind",
    "missed",
    "not_started",
    "unknown",
)
# The order of a chart's legend.
CHART_STATES: tuple[ChartState, ...] = (
    "met",
    "on_track",
    "in_progress",
    "behind",
    "missed",
    "partial",
    "not_started",
    "unknown",
    "not_due",
)

# Why a figure or a pace cannot be given (rendered as a note).
Note = Literal["denominator_unknown", "denominator_zero", "pace_unknown"]
NOTE_WORDS: Mapping[Note, str] = {  # LABELS keys
    "denominator_unknown": "status_note_denominator_unknown",
    "denominator_zero": "status_note_denominator_zero",
    "pace_unknown": "status_note_pace_unknown",
}


@dataclass(frozen=True, slots=True)
class Look:
    word: str  # LABELS key: the state in a table, a caption, a summary
    legend: str | None  # LABELS key: the state of a bar or cell in a chart's legend
    symbol: str  # the state without colour: ✓ → ↓ ✗ …
    terminal: str  # rich style of its word on a terminal ("": none)
    fill: str  # chart: the bar's or cell's colour (Okabe–Ito hues, darkened under white text)
    hatch: str  # chart: its pattern, so that a judged bar or cell reads without colour
    ink: str  # chart: a number written on the fill (contrast at least 4.5:1)
    marker: tuple[str, str]  # terminal chart: plotext's glyph and colour of its bar


LOOKS: Mapping[State, Look] = {
    "met": Look(
        "status_met", "cell_met", "✓", "green", "#00785a", "", "#ffffff", ("█", "green")
    ),
    "on_track": Look(
        "status_on_track", "cell_on_track", "→", "green", "#56B4E9", "\\\\", "#0b2540",
        ("░", "cyan"),
    ),
    "behind": Look(
        "status_behind", "cell_behind", "↓", "yellow", "#E69F00", "--", "#111827",
        ("▒", "orange"),
    ),
    "missed": Look(
        "status_missed", "cell_missed", "✗", "bold red", "#b6470b", "///", "#ffffff",
        ("▒", "red"),
    ),
    "not_started": Look(
        "status_not_started", "cell_not_started", "○", "dim", "#e5e7eb", "", "#374151",
        (" ", "gray"),
    ),
    # tracked only: never a bar or cell of a chart (its chart colours are not_started's)
    "no_target": Look(
        "status_no_target", None, "·", "dim", "#e5e7eb", "", "#374151", (" ", "gray")
    ),
    "unknown": Look(
        "status_unknown", "cell_unknown", "?", "magenta", "#9ca3af", "xx", "#111827",
        ("?", "gray"),
    ),
    "in_progress": Look(
        "cell_in_progress", "cell_in_progress", "…", "cyan", "#56B4E9", "\\\\", "#0b2540",
        ("░", "cyan"),
    ),
    "partial": Look(
        "cell_partial", "cell_partial", "~", "dim", "#d1d5db", "..", "#1f2937", ("░", "gray")
    ),
    # nothing due yet: an at_deadline target before its deadline, a period still to come
    "not_due": Look(
        "status_not_due", "status_not_due", "·", "", "#f3f4f6", "", "#6b7280", (" ", "gray")
    ),
}

# The word of each status (the export's status column, the portfolio's counts).
STATUS_WORDS: Mapping[str, str] = {status: LOOKS[status].word for status in STATUSES}
