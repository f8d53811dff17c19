"""Markdown of `szaktar export` (tabulate's pipe tables): a section and a table per project,
for a board report or a pull request. Headers, numbers and dates in the chosen language;
columns that hold nothing are left out.
"""

from __future__ import annotations

from tabulate import tabulate

from ..compute.tables import ExportTable
from ..core.i18n import Lang
from ..core.labels import label
from .export_cells import export_title, header, human_text
from .tables import markdown_text

_RIGHT_ALIGNED = frozenset({"number", "percent"})


def render(table: ExportTable, lang: Lang = "en") -> bytes:
    # The project column is the section heading; the period's dates are in the title; a column
    # empty in every row would only widen the table.
    shown = [
        index
        for index, column in enumerate(table.columns)
        if index > 0 and not column.detail and any(row[index] is not None for row in table.rows)
    ]
    columns = [table.columns[index] for index in shown]
    title = export_title(table, lang)
    parts = [f"# {markdown_text(title)}"]
    for project in table.projects:
        rows = [
            [
                markdown_text(human_text(column, row[index], lang))
                for column, index in zip(columns, shown, strict=True)
            ]
            for row in table.rows_of(project.id)
        ]
        parts.append(f"## {markdown_text(project.title)} (`{project.id}`)")
        if rows:
            parts.append(
                tabulate(
                    rows,
                    headers=[markdown_text(header(column, lang)) for column in columns],
                    tablefmt="pipe",
                    disable_numparse=True,
                    colalign=[
                        "right" if column.kind in _RIGHT_ALIGNED else "left" for column in columns
                    ],
                )
            )
        else:
            parts.append(label("export_no_rows", lang))
    return ("\n\n".join(parts) + "\n").encode("utf-8")
