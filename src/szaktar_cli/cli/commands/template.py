"""`szaktar template`: the entry workbook of a project, to fill in and import."""

from __future__ import annotations

from ...compute.entry_sheet import entry_sheet
from ...core.errors import EXIT_OK, DataError, UsageError
from ...read.loader import load_project_file
from ...read.places import Locator
from ..app import command
from ..options import LangOption, OutputOption, ProjectDirectoryArgument
from ..output import refuse_binary_on_terminal
from ..session import Session

SUFFIX = ".xlsx"


@command("template")
def template(
    project_id: ProjectDirectoryArgument,
    *,
    output: OutputOption = None,
    lang: LangOption = None,
) -> int:
    session = Session.of(lang, dated=False)
    if output is not None and output.suffix.lower() != SUFFIX:
        fitting = output.with_suffix(SUFFIX).name
        raise UsageError(
            f"-o {output.name}: the template is an xlsx workbook; name it {fitting}",
            f"-o {output.name}: a sablon xlsx munkafüzet; legyen a neve {fitting}",
        )
    refuse_binary_on_terminal(output)
    project, problems = load_project_file(session.directory(project_id), Locator())
    if project is None or any(problem.is_error for problem in problems):
        raise DataError(problems)
    from ...render import entry_template  # noqa: PLC0415  # openpyxl: only for a workbook

    session.write(entry_template.render(entry_sheet(project), session.lang), output)
    return EXIT_OK
