"""`szaktar export`: a period's indicators (or raw entries) as CSV, TSV, JSON, Markdown or XLSX."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ...compute.tables import ExportTable, entry_table, indicator_table
from ...core.errors import EXIT_OK, UsageError
from ...core.i18n import Lang
from ...core.periods import split_period
from ...render import export_csv, export_json, export_markdown
from ..app import command
from ..options import (
    AsOfOption,
    ForceOption,
    LangOption,
    OutputOption,
    ProjectIdsArgument,
    choose_period,
    date_option,
)
from ..output import refuse_binary_on_terminal
from ..session import Session


class ExportFormat(StrEnum):
    csv = "csv"
    tsv = "tsv"
    json = "json"
    markdown = "markdown"
    xlsx = "xlsx"


class PerChoice(StrEnum):
    month = "month"
    quarter = "quarter"
    half = "half"
    year = "year"


def _xlsx(table: ExportTable, lang: Lang) -> bytes:
    from ...render import export_xlsx  # noqa: PLC0415  # openpyxl: only for an XLSX

    return export_xlsx.render(table, lang)


@dataclass(frozen=True, slots=True)
class _Format:
    suffix: str  # `-o FILE` with this suffix picks the format
    write: Callable[[ExportTable, Lang], bytes]


# The formats and their writers (render/export_*.py); --excel is a dialect of csv.
_FORMATS: dict[ExportFormat, _Format] = {
    ExportFormat.csv: _Format(".csv", lambda table, lang: export_csv.render(table, "csv", lang)),
    ExportFormat.tsv: _Format(".tsv", lambda table, lang: export_csv.render(table, "tsv", lang)),
    ExportFormat.json: _Format(".json", lambda table, _: export_json.render(table)),
    ExportFormat.markdown: _Format(".md", export_markdown.render),
    ExportFormat.xlsx: _Format(".xlsx", _xlsx),
}


def _chosen_format(given: ExportFormat | None, output: Path | None, *, excel: bool) -> ExportFormat:
    """--format, else the output file's suffix, else csv; --excel is a dialect of csv. A format
    and a file name that say different things (`--format xlsx -o x.csv`) are refused: the file
    would not open as what its name says."""
    by_suffix = {spec.suffix: name for name, spec in _FORMATS.items()}
    named = by_suffix.get(output.suffix.lower()) if output is not None else None
    if given is not None and named is not None and given is not named and output is not None:
        fitting = output.with_suffix(_FORMATS[given].suffix).name
        raise UsageError(
            f"--format {given.value} does not write what -o {output.name} names ({named.value}); "
            f"name the file {fitting}, or leave out --format",
            f"a --format {given.value} nem azt írja, amit a -o {output.name} neve ígér "
            f"({named.value}); legyen a fájl neve {fitting}, vagy hagyd el a --format-ot",
        )
    chosen = given or named or ExportFormat.csv
    if excel and chosen is not ExportFormat.csv:
        named_by = f"-o {output.name}" if given is None and output is not None else None
        what = named_by or f"--format {chosen.value}"
        raise UsageError(
            f"--excel is a CSV dialect; it does not go with {what}",
            f"az --excel CSV-változat; nem adható meg a(z) {what} mellé",
        )
    return chosen


@command("export")
def export(  # keyword-only: Typer passes every parameter by name
    *,
    project_ids: ProjectIdsArgument = None,
    month: Annotated[
        str | None,
        typer.Option(
            "--month",
            metavar="YYYY-MM",
            help="A calendar month (default: the one before the month of --as-of).",
        ),
    ] = None,
    quarter: Annotated[
        str | None, typer.Option("--quarter", metavar="YYYY-Qn", help="A calendar quarter.")
    ] = None,
    date_from: Annotated[
        str | None, typer.Option("--from", metavar="DATE", help="First day of a range.")
    ] = None,
    date_to: Annotated[
        str | None, typer.Option("--to", metavar="DATE", help="Last day of a range.")
    ] = None,
    per: Annotated[
        PerChoice | None,
        typer.Option(
            "--per",
            help="A row (or, with --wide, a column) per calendar month, quarter, half or year.",
        ),
    ] = None,
    output_format: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            help="csv, tsv, json, markdown or xlsx (default: from the suffix of -o, else csv).",
        ),
    ] = None,
    excel: Annotated[
        bool,
        typer.Option(
            "--excel", help="CSV for a Hungarian Excel: BOM, ';', decimal comma, headers in --lang."
        ),
    ] = False,
    entries: Annotated[
        bool, typer.Option("--entries", help="The raw entries of the period, for audit.")
    ] = False,
    wide: Annotated[bool, typer.Option("--wide", help="Periods side by side in columns.")] = False,
    output: OutputOption = None,
    force: ForceOption = False,
    as_of: AsOfOption = None,
    lang: LangOption = None,
) -> int:
    session = Session.of(lang, as_of)
    chosen = _chosen_format(output_format, output, excel=excel)
    if entries and (wide or per is not None):
        raise UsageError(
            "--entries lists entries; --wide and --per are for indicators",
            "az --entries bejegyzéseket listáz; a --wide és a --per a mutatókhoz tartozik",
        )
    if chosen is ExportFormat.xlsx:
        refuse_binary_on_terminal(output)
    period = choose_period(
        session.day,
        month=month,
        quarter=quarter,
        date_from=date_option(date_from, "--from") if date_from is not None else None,
        date_to=date_option(date_to, "--to") if date_to is not None else None,
    )
    workspace = session.load(project_ids or ())
    if entries:
        table = entry_table(workspace.projects, period, session.day, session.lang)
    else:
        parts = split_period(period, per.value if per is not None else None)
        table = indicator_table(
            workspace.projects, period, parts, session.day, session.lang, wide=wide
        )
    if excel:
        data = export_csv.render(table, "excel", session.lang)
    else:
        data = _FORMATS[chosen].write(table, session.lang)
    session.write(data, output, force=force)
    return EXIT_OK
