"""The exception tree of szaktar. Only the CLI catches these; core code raises, never prints.

Problems in a user's files are not exceptions but Diagnostics (see diagnostics.py);
these are for what stops a command as a whole.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

from .diagnostics import Diagnostic
from .i18n import Lang, in_lang

EXIT_OK = 0
EXIT_DATA = 1
EXIT_USAGE = 2


class SzaktarError(Exception):
    """Base of every error szaktar reports to the user, with its message in both languages."""

    exit_code = EXIT_DATA

    def __init__(self, en: str, hu: str | None = None) -> None:
        super().__init__(en)
        self.en = en
        self.hu = hu or en

    def message(self, lang: Lang) -> str:
        return in_lang(self.en, self.hu, lang)


class UsageError(SzaktarError):
    """The command line asks for something impossible (bad option value, unknown project)."""

    exit_code = EXIT_USAGE


class DataError(SzaktarError):
    """The data is invalid; the diagnostics say where (and how many warnings go unlisted)."""

    def __init__(
        self,
        diagnostics: Sequence[Diagnostic],
        unlisted_warnings: int = 0,
        paths: Sequence[str] = (),
    ) -> None:
        count = len([d for d in diagnostics if d.is_error])
        super().__init__(f"{count} error(s) in the data", f"{count} hiba az adatokban")
        self.diagnostics = list(diagnostics)
        self.unlisted_warnings = unlisted_warnings
        self.paths = tuple(paths)  # the projects asked about, whose warnings `validate` lists


class WriteError(SzaktarError):
    """A file could not be written; nothing was changed."""


def did_you_mean(name: str, known: Iterable[str]) -> tuple[str, str]:
    """The closest known name as the end of a message (English, Hungarian), or nothing."""
    close = difflib.get_close_matches(name, list(known), n=1)
    if not close:
        return "", ""
    return f"; did you mean {close[0]!r}?", f"; erre gondoltál: {close[0]!r}?"


def unknown_indicator(project_id: str, indicator_id: str, known: Sequence[str]) -> UsageError:
    listed = ", ".join(known) or "-"
    hint, hint_hu = did_you_mean(indicator_id, known)
    return UsageError(
        f"{project_id} has no indicator {indicator_id!r} (known: {listed}){hint}",
        f"a(z) {project_id} projektnek nincs {indicator_id!r} mutatója (ismert: {listed}){hint_hu}",
    )
