"""Diagnostics as yamllint prints them, as GitHub Actions annotations, or as JSON."""

from __future__ import annotations

import json
import shlex
import string
from collections.abc import Callable, Mapping, Sequence

from ..core.diagnostics import CATALOGUE, PROGRAM, Diagnostic, Severity
from ..core.i18n import Lang, in_lang
from ..core.labels import label
from ..core.text import one_line

SEVERITY_WORDS: Mapping[Severity, str] = {Severity.ERROR: "error", Severity.WARNING: "warning"}


def as_text(diagnostic: Diagnostic, lang: Lang, program: str = PROGRAM) -> str:
    """`file:line:col: error A305 message` and, on the next line, the hint (a command it names
    starts with `program`)."""
    severity = label(SEVERITY_WORDS[diagnostic.severity], lang)
    place = one_line(diagnostic.place)  # a file or a sheet may be named with what a terminal runs
    text = f"{place}: {severity} {diagnostic.code} {one_line(diagnostic.message(lang, program))}"
    hint = one_line(diagnostic.hint(lang, program))
    return f"{text}\n  {label('hint', lang)}: {hint}" if hint else text


def _escape_github(value: str, *, property_value: bool = False) -> str:
    """A workflow command's escapes, on a line that holds no other control character."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    value = one_line(value)
    if property_value:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def as_github(diagnostic: Diagnostic, lang: Lang, program: str = PROGRAM) -> str:
    """A workflow command: `::error file=…,line=…,col=…,title=CODE::message`."""
    command = "error" if diagnostic.is_error else "warning"
    properties = [f"file={_escape_github(diagnostic.file, property_value=True)}"]
    if diagnostic.line:
        properties += [f"line={diagnostic.line}", f"col={diagnostic.column}"]
    properties.append(f"title={_escape_github(diagnostic.code, property_value=True)}")
    message = diagnostic.message(lang, program)
    if diagnostic.sheet:  # GitHub places a line of a text file: the cell goes into the message
        message = f"{diagnostic.place.removeprefix(diagnostic.file + ':')}: {message}"
    hint = diagnostic.hint(lang, program)
    if hint:
        message = f"{message} ({hint})"
    return f"::{command} {','.join(properties)}::{_escape_github(message)}"


# One line (and its hint) per diagnostic: yamllint's text, or a GitHub Actions annotation.
LINE_FORMATS: Mapping[str, Callable[[Diagnostic, Lang, str], str]] = {
    "text": as_text,
    "github": as_github,
}


def as_json(diagnostics: Sequence[Diagnostic], lang: Lang, program: str = PROGRAM) -> str:
    records = [
        {
            "file": d.file,
            **({"sheet": d.sheet} if d.sheet else {}),  # a workbook's: line and column are a cell's
            "line": d.line,
            "column": d.column,
            "severity": d.severity.value,
            "code": d.code,
            "message": d.message(lang, program),
            "hint": d.hint(lang, program) or None,
        }
        for d in diagnostics
    ]
    errors = sum(1 for d in diagnostics if d.is_error)
    summary = {"errors": errors, "warnings": len(diagnostics) - errors}
    return json.dumps({"diagnostics": records, "summary": summary}, ensure_ascii=False, indent=2)


def summary(diagnostics: Sequence[Diagnostic], projects: int, lang: Lang) -> str:
    errors = sum(1 for d in diagnostics if d.is_error)
    warnings = len(diagnostics) - errors
    if not diagnostics:
        return label("summary_clean", lang, files=projects)
    return label("summary_problems", lang, errors=errors, warnings=warnings)


def unlisted(
    warnings: int, lang: Lang, program: str = PROGRAM, paths: Sequence[str] = ()
) -> str:
    """The one line that stands for the warnings a command other than `validate` does not list
    (the command it names starts with `program`, and validates `paths`: the projects a command
    was asked about, when it was asked about some)."""
    key = "warnings_unlisted_one" if warnings == 1 else "warnings_unlisted"
    named = "".join(f" {shlex.quote(path)}" for path in paths)
    return label(key, lang, count=warnings, szaktar=program, paths=named)


def _template(text: str) -> str:
    """A message template for a reader: `{key!r}` becomes ‹key› (`{szaktar}`: szaktar),
    Markdown's `|` is escaped."""
    parts = [
        literal + (PROGRAM if field == "szaktar" else f"‹{field}›" if field else "")
        for literal, field, _, _ in string.Formatter().parse(text)
    ]
    return "".join(parts).replace("|", "\\|")


def catalogue_table(lang: Lang) -> str:
    """Every diagnostic code as a Markdown table (docs/diagnostics.md holds it, tested)."""
    headers = (
        in_lang("code", "kód", lang),
        in_lang("severity", "súlyosság", lang),
        in_lang("message", "üzenet", lang),
        in_lang("hint", "tipp", lang),
    )
    rows = [f"| {' | '.join(headers)} |", "|---|---|---|---|"]
    for entry in CATALOGUE.values():
        message = in_lang(entry.en, entry.hu, lang)
        hint = in_lang(entry.hint_en, entry.hint_hu, lang)
        severity = label(SEVERITY_WORDS[entry.severity], lang)
        rows.append(f"| {entry.code} | {severity} | {_template(message)} | {_template(hint)} |")
    return "\n".join(rows) + "\n"
