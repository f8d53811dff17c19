"""`szaktar export`: a period's indicators (or raw entries) as CSV, TSV, JSON, Markdown or XLSX."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ...core.errors import EXIT_OK, UsageError
from ..app import (
    AsOfOption,
    LangOption,
    OutputOption,
    ProjectIdsArgument,
    ProjectsOption,
    app,
    parse_date,
    resolve_as_of,
    resolve_lang,
    resolve_projects,
)
from ..output import is_terminal

if TYPE_CHECKING:
    from ...compute.tables import ExportTable
    from ...core.i18n import Lang


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


_FORMAT_OF_SUFFIX = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".json": "json",
    ".md": "markdown",
    ".xlsx": "xlsx",
}


def _chosen_format(given: ExportFormat | None, output: Path | None, *, excel: bool) -> str:
    """--format, else the output file's suffix, else csv; --excel is a dialect of csv."""
    if given is not None:
        chosen = given.value
    elif output is not None:
        chosen = _FORMAT_OF_SUFFIX.get(output.suffix.lower(), "csv")
    else:
        chosen = "csv"
    if excel and chosen != "csv":
        raise UsageError(
            f"--excel is a CSV dialect; it does not go with --format {chosen}",
            f"az --excel CSV-változat; nem adható meg a --format {chosen} mellé",
        )
    return chosen


@app.command()
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
    projects: ProjectsOption = None,
    as_of: AsOfOption = None,
    lang: LangOption = None,
) -> int:
    """Export a period's indicators against targets (or its entries) for the board.
    / Egy időszak mutatói a célokhoz mérve (vagy bejegyzései) táblázatba."""
    from ...compute import tables as core  # noqa: PLC0415
    from .common import load_valid  # noqa: PLC0415

    language = resolve_lang(lang)
    day = resolve_as_of(as_of)
    chosen = _chosen_format(output_format, output, excel=excel)
    if entries and (wide or per is not None):
        raise UsageError(
            "--entries lists entries; --wide and --per are for indicators",
            "az --entries bejegyzéseket listáz; a --wide és a --per a mutatókhoz tartozik",
        )
    if chosen == "xlsx" and output is None and is_terminal(sys.stdout):
        raise UsageError(
            "XLSX is binary: write it to a file with -o FILE or redirect stdout",
            "az XLSX bináris: írd fájlba (-o FÁJL) vagy irányítsd át a kimenetet",
        )
    period = core.choose_period(
        day,
        month=month,
        quarter=quarter,
        date_from=parse_date(date_from, "--from") if date_from is not None else None,
        date_to=parse_date(date_to, "--to") if date_to is not None else None,
    )
    workspace = load_valid(resolve_projects(projects), day, language, project_ids or ())
    if entries:
        table = core.entry_table(workspace.projects, period, day, language)
    else:
        parts = core.split_period(period, per.value if per is not None else None)
        table = core.indicator_table(workspace.projects, period, parts, day, language, wide=wide)
    data = _render(table, chosen, language, excel=excel)
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        from ...write.atomic import write_file_atomically  # noqa: PLC0415

        write_file_atomically(output, data)
    return EXIT_OK


def _render(table: ExportTable, chosen: str, lang: Lang, *, excel: bool) -> bytes:
    from ...render import export_csv, export_json, export_markdown, export_xlsx  # noqa: PLC0415

    if chosen == "json":
        return export_json.render(table)
    if chosen == "markdown":
        return export_markdown.render(table, lang)
    if chosen == "xlsx":
        return export_xlsx.render(table, lang)
    return export_csv.render(table, "excel" if excel else "tsv" if chosen == "tsv" else "csv", lang)
