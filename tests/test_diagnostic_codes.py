"""Each module that reports diagnostics declares the codes it reports (`CODES`): declared ==
reported (found in its code), and together they are the catalogue, which docs/diagnostics.md
documents (tests/test_validate_docs.py)."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from types import ModuleType

import pytest

from szaktar_cli.checks import (
    breakdowns,
    closed,
    dates,
    duplicates,
    entries,
    measures,
    pace,
    plausibility,
    references,
    targets,
    values,
)
from szaktar_cli.core import diagnostics
from szaktar_cli.read import (
    csv_entries,
    loader,
    repository,
    schema_errors,
    table_entries,
    validate,
    xlsx_entries,
    yamlio,
)
from szaktar_cli.write import (
    amend,
    editing,
    formatting,
    recording,
    rename,
    table_import,
    target,
)

REPORTERS: tuple[ModuleType, ...] = (
    breakdowns, closed, dates, duplicates, entries, measures, pace, plausibility, references,
    targets, values, yamlio, loader, validate, schema_errors, csv_entries, table_entries,
    xlsx_entries,
    recording, table_import, repository, formatting, editing, amend, rename, target,
)
CODE = re.compile(r"[YPALCRIE]\d{3}")
# The codes logic looks for, by their names in core/diagnostics.py.
NAMED = {
    name: value
    for name, value in vars(diagnostics).items()
    if name.isupper() and isinstance(value, str) and CODE.fullmatch(value)
}


def reported(module: ModuleType) -> set[str]:
    """The codes a module's code writes out (outside its declaration), and those it reports by
    their names (the first argument of `diag` or `report`)."""
    tree = ast.parse(Path(str(module.__file__)).read_text(encoding="utf-8"))
    declaration = next(
        node for node in tree.body
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "CODES"
    )
    inside = {id(node) for node in ast.walk(declaration)}
    found = set()
    for node in ast.walk(tree):
        if id(node) in inside:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.update(CODE.findall(node.value) if CODE.fullmatch(node.value) else ())
        elif isinstance(node, ast.Call) and node.args and _reports(node.func):
            first = node.args[0]
            if isinstance(first, ast.Name) and first.id in NAMED:
                found.add(NAMED[first.id])
    return found


def _reports(function: ast.expr) -> bool:
    name = function.id if isinstance(function, ast.Name) else getattr(function, "attr", "")
    return name in {"diag", "report", "report_project"}


@pytest.mark.parametrize("module", REPORTERS, ids=lambda module: module.__name__)
def test_a_module_declares_exactly_the_codes_it_reports(module: ModuleType) -> None:
    assert set(module.CODES) == reported(module)


def test_the_modules_report_every_code_of_the_catalogue() -> None:
    assert set().union(*(module.CODES for module in REPORTERS)) == set(diagnostics.CATALOGUE)


def test_every_rule_declares_its_codes() -> None:
    from szaktar_cli.checks import rules  # noqa: PLC0415

    assert {rule.__module__ for rule in rules.RULES} == {
        module.__name__ for module in REPORTERS if module.__name__.startswith("szaktar_cli.checks")
    }
