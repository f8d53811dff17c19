"""The commands: name → the module that defines it, and its help.

A command's module is imported only when the command runs (or its own `--help` is asked
for): `szaktar --help` lists the commands from this table alone, so start-up stays fast
whatever a command's module imports. Each module registers its command with `@command(name)`
(cli/app.py), which gives it the help below.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Command:
    module: str  # below szaktar_cli.cli.commands
    help: str  # in English / in Hungarian; its first sentence is its line in `szaktar --help`
    data: bool = True  # it reads or writes the data: it takes -C and --projects


COMMANDS: Mapping[str, Command] = {
    "init": Command(
        "init",
        "Set up a project office's data repository: projects/, the schemas, CI, pre-commit."
        " / Adattár létrehozása.",
        data=False,
    ),
    "validate": Command(
        "validate",
        "Check project files and actuals; report all problems as file:line:col.\n"
        "/ Adatok ellenőrzése.",
    ),
    "schema": Command(
        "schema",
        "Print the JSON Schema (Draft 2020-12) of a file kind. / A fájlok JSON sémája.",
        data=False,
    ),
    "export": Command(
        "export",
        "Export a period's indicators against targets (or its entries) for the board.\n"
        "/ Egy időszak mutatói a célokhoz mérve (vagy bejegyzései) táblázatba.",
    ),
    "status": Command(
        "status",
        "Indicators against targets, with pace and forecast. / Mutatók állása a célokhoz képest.",
    ),
    "report": Command(
        "report",
        "Board report: one HTML page with charts, readable offline.\n"
        "/ Jelentés a testületnek: egyetlen, offline is olvasható HTML oldal grafikonokkal.",
    ),
    "chart": Command(
        "chart",
        "Draw one indicator in the terminal: a burn-up, or bars per period for a rate target.\n"
        "/ Egy mutató grafikonja a terminálban.",
    ),
    "log": Command("log", "Record one entry in actuals/YYYY-MM.yaml. / Egy bejegyzés rögzítése."),
    "import": Command(
        "import_",
        "Import entries from a CSV file (also Hungarian Excel's) or an xlsx workbook.\n"
        "/ Bejegyzések CSV-fájlból vagy xlsx munkafüzetből.",
    ),
    "template": Command(
        "template",
        "An xlsx entry workbook for a project, with drop-down lists; fill it, then import it.\n"
        "/ Kitölthető Excel-napló legördülő listákkal.",
    ),
    "fmt": Command(
        "fmt",
        "Put project and actuals files in the canonical layout; values and comments kept."
        " / Fájlok egységes elrendezése.",
    ),
    "amend": Command(
        "amend",
        "Set or remove fields of one entry, or delete it; the rest of its file stays as it is."
        " / Egy bejegyzés javítása.",
    ),
    "rename": Command(
        "rename",
        "Rename an activity, indicator, dimension, value or category in every file at once."
        " / Átnevezés minden fájlban.",
    ),
    "target": Command(
        "target",
        "Set an indicator's target, or record a dated contract amendment of it."
        " / Cél megadása, szerződésmódosítás rögzítése.",
    ),
    "new": Command(
        "new",
        "Create projects/<id>/project.yaml from a commented template, and actuals/. / Új projekt.",
    ),
    "plan": Command(
        "plan",
        "What is still needed: remaining amount and rate per month and week. / Ami még hátravan.",
    ),
    "gaps": Command(
        "gaps",
        "Missing data: empty months, silent groups, future entries, parts off the total."
        " / Hiányok.",
    ),
    "close": Command(
        "close",
        "Close a reported month: later changes to its entries fail validate. / Hónap lezárása.",
    ),
    "reopen": Command(
        "reopen",
        "Reopen a closed month; the reason stays in closed.yaml and in git."
        " / Hónap újranyitása.",
    ),
    "history": Command(
        "history",
        "Where a figure comes from: its entries and its changes in git. / Honnan jön a szám.",
    ),
}
