"""The exception tree of szaktar. Only the CLI catches these; core code raises, never prints.

Problems in a user's files are not exceptions but Diagnostics (see diagnostics.py);
these are for what stops a command as a whole.
"""

from __future__ import annotations

from collections.abc import Sequence

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

    def __init__(self, diagnostics: Sequence[Diagnostic], unlisted_warnings: int = 0) -> None:
        count = len([d for d in diagnostics if d.is_error])
        super().__init__(f"{count} error(s) in the data", f"{count} hiba az adatokban")
        self.diagnostics = list(diagnostics)
        self.unlisted_warnings = unlisted_warnings


class WriteError(SzaktarError):
    """A file could not be written; nothing was changed."""
