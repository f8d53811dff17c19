"""Every label key is written out where it is used (none is built at run time), every key used
exists, every key is used, and every table of keys covers what it names."""

from __future__ import annotations

import ast
import json
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any, get_args

import pytest

import szaktar_cli
from szaktar_cli.cli import output
from szaktar_cli.compute.entry_sheet import InputKind
from szaktar_cli.compute.planning import Verdict
from szaktar_cli.core.diagnostics import Severity
from szaktar_cli.core.fields import ENTRY_FIELDS
from szaktar_cli.core.labels import (
    FIELD_WORDS,
    LABELS,
    PACE_WORDS,
    PARTIAL_WORDS,
    PERIOD_COUNT_WORDS,
    PERIOD_WORDS,
    UNITS,
)
from szaktar_cli.core.model import PartialPeriods, PeriodCount, Unit
from szaktar_cli.core.periods import Period
from szaktar_cli.core.statuses import LOOKS, NOTE_WORDS, STATUS_WORDS, STATUSES, Note, State
from szaktar_cli.core.targets import PaceModel
from szaktar_cli.read.git import GitNote
from szaktar_cli.render import diagnostics, entry_template, export_cells, history, plan

SOURCE = Path(szaktar_cli.__file__).parent
LABELS_FILE = SOURCE / "core" / "labels.py"


def _modules() -> list[tuple[Path, ast.Module]]:
    paths = sorted(SOURCE.rglob("*.py"))
    return [(path, ast.parse(path.read_text(encoding="utf-8"))) for path in paths]


def _key_arguments() -> list[tuple[Path, int, ast.expr]]:
    """The first argument of every `label(…)` and the index of every `LABELS[…]`."""
    found = []
    for path, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "label" and node.args:
                found.append((path, node.lineno, node.args[0]))
            elif isinstance(node, ast.Subscript) and getattr(node.value, "id", "") == "LABELS":
                found.append((path, node.lineno, node.slice))
    return found


def test_no_key_is_built_at_run_time() -> None:
    built = [
        f"{path.relative_to(SOURCE)}:{line}"
        for path, line, key in _key_arguments()
        if isinstance(key, ast.JoinedStr | ast.BinOp) or (
            isinstance(key, ast.Call) and getattr(key.func, "attr", "") == "format"
        )
    ]
    assert built == []


def test_every_key_written_out_exists() -> None:
    written = {
        key.value
        for _, _, key in _key_arguments()
        if isinstance(key, ast.Constant) and isinstance(key.value, str)
    }
    assert written - set(LABELS) == set()


def test_every_label_is_used() -> None:
    """A key of LABELS appears, in full, in the code (a key only tables name is there too)."""
    texts = {
        node.value
        for path, tree in _modules()
        if path != LABELS_FILE
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }
    tables = {  # the tables in labels.py
        *FIELD_WORDS.values(),
        *PERIOD_WORDS.values(),
        *(word for words in PACE_WORDS.values() for word in words),
        *PERIOD_COUNT_WORDS.values(),
        *PARTIAL_WORDS.values(),
    }
    assert set(LABELS) - texts - tables == set()


def _words(value: Any) -> list[str | None]:
    """The LABELS keys a table's value names."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, tuple):  # a verdict: its word and the state it looks like
        return [value[0]]
    return [value.word, value.legend]  # a Look


ALL_STATES = {state for part in get_args(State) for state in get_args(part)}
TABLES: list[tuple[str, Mapping[Any, Any], set[Any]]] = [
    ("statuses and states", LOOKS, ALL_STATES),
    ("status words", STATUS_WORDS, set(STATUSES)),
    ("notes", NOTE_WORDS, set(get_args(Note))),
    ("target periods", PERIOD_WORDS, set(get_args(Period))),
    ("pace models", PACE_WORDS, set(get_args(PaceModel))),
    ("period counts", PERIOD_COUNT_WORDS, set(get_args(PeriodCount))),
    ("partial periods", PARTIAL_WORDS, set(get_args(PartialPeriods))),
    ("entry fields", FIELD_WORDS, set(ENTRY_FIELDS)),
    ("plan verdicts", plan._VERDICTS, set(get_args(Verdict))),
    ("git notes", history._GIT_NOTES, set(get_args(GitNote))),
    ("severities", diagnostics.SEVERITY_WORDS, set(Severity)),
    ("export titles", export_cells._TITLES, {"indicators", "entries"}),
    ("import phases", output._PHASES, {"read", "check", "write"}),
    # a text column takes any text: it has no message of its own (but a person's code)
    ("template checks", entry_template._RULES, set(get_args(InputKind)) - {"text"}),
]


@pytest.mark.parametrize(
    ("table", "keys"), [(t, k) for _, t, k in TABLES], ids=[n for n, _, _ in TABLES]
)
def test_each_table_of_words_covers_what_it_names(table: Mapping[Any, Any], keys: set[Any]) -> None:
    assert set(table) == keys
    words = [word for value in table.values() for word in _words(value)]
    assert {word for word in words if word is not None} <= set(LABELS)
    # only a state never drawn in a chart has no word in a chart's legend
    assert [key for key, value in table.items() if None in _words(value)] in ([], ["no_target"])


def test_every_unit_has_its_words() -> None:
    assert set(UNITS) == set(get_args(Unit))
    assert all(len(words) == 3 and all(words) for words in UNITS.values())


def test_every_pair_is_english_then_hungarian() -> None:
    """One order everywhere (a spot check on texts whose language is plain to see)."""
    assert LABELS["status_behind"] == ("behind", "lemaradásban")
    assert UNITS["hour"] == ("hour", "hours", "óra")


def test_every_key_is_declared_once() -> None:
    """A key written twice (in one section or in two) would hide one of its meanings: json
    keeps the last."""
    keys: list[str] = []

    def collect(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys.extend(key for key, value in pairs if isinstance(value, list))
        return dict(pairs)

    text = (SOURCE / "core" / "labels.json").read_text(encoding="utf-8")
    json.loads(text, object_pairs_hook=collect)
    assert [key for key, count in Counter(keys).items() if count > 1] == []
