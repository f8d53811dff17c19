"""Entry point: runs the Typer app and turns szaktar's exceptions into messages and exit codes.

Exit codes: 0 clean, 1 invalid data, 2 usage error, 3 internal error (a bug: rerun
with --debug for the traceback).
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Sequence

import click

from .app import app
from .commands import register_all
from .errors import EXIT_USAGE, DataError, SzaktarError
from .i18n import detect_lang

EXIT_BUG = 3


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args or bool(os.environ.get("SZAKTAR_DEBUG"))
    register_all()
    try:
        result = app(args=args, prog_name="szaktar", standalone_mode=False)
    except DataError as error:
        from .commands.common import print_diagnostics  # noqa: PLC0415

        print_diagnostics(error.diagnostics, "hu" if error.lang == "hu" else "en")
        return error.exit_code
    except SzaktarError as error:
        click.echo(f"szaktar: {error.message(detect_lang())}", err=True)
        return error.exit_code
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return 130
    except click.exceptions.ClickException as error:
        error.show()
        return EXIT_USAGE if isinstance(error, click.exceptions.UsageError) else error.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # noqa: BLE001  # a bug in szaktar: never a bare traceback by default
        if debug:
            traceback.print_exc()
        else:
            click.echo(f"szaktar: internal error: {type(error).__name__}: {error} (run with --debug)", err=True)
        return EXIT_BUG
    return result if isinstance(result, int) else 0
