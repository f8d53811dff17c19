"""Entry point: runs the Typer app and turns szaktar's exceptions into messages and exit codes.

Exit codes: 0 clean, 1 invalid data, 2 usage error, 3 internal error (a bug: rerun
with --debug for the traceback).
"""

from __future__ import annotations

import gc
import os
import sys
import traceback
from collections.abc import Sequence

import typer

# typer ≥ 0.29 carries its own copy of click (and does not install click): its exceptions are
# the ones a command line raises.
from typer._click.exceptions import ClickException, UsageError

from ..core.errors import EXIT_USAGE, DataError, SzaktarError
from ..core.i18n import Lang, detect_lang
from .app import app
from .invocation import Invocation
from .output import print_diagnostics

EXIT_BUG = 3


def _lang_of(args: Sequence[str]) -> Lang:
    """The language asked for with `--lang X` / `--lang=X` (as the command read it), else the
    environment's: what an error that stops a command is told in."""
    for index, arg in enumerate(args):
        value = arg.partition("=")[2] if arg.startswith("--lang=") else None
        if arg == "--lang" and index + 1 < len(args):
            value = args[index + 1]
        if value in {"hu", "en"}:
            return "hu" if value == "hu" else "en"
    return detect_lang()


def main(argv: Sequence[str] | None = None) -> int:
    # A run builds up to millions of objects that live until it ends, and little cyclic
    # garbage: a collection every 700 allocations (Python's default) costs ~10% of a run.
    gc.set_threshold(100_000, 20, 100)
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args or bool(os.environ.get("SZAKTAR_DEBUG"))
    invocation = Invocation()
    try:
        result = app(args=args, prog_name="szaktar", standalone_mode=False, obj=invocation)
    except DataError as error:
        lang = invocation.lang or _lang_of(args)
        print_diagnostics(
            error.diagnostics,
            lang,
            program=invocation.program,
            unlisted_warnings=error.unlisted_warnings,
        )
        return error.exit_code
    except SzaktarError as error:
        typer.echo(f"szaktar: {error.message(invocation.lang or _lang_of(args))}", err=True)
        return error.exit_code
    except typer.Abort:
        typer.echo("Aborted.", err=True)
        return 130
    except ClickException as error:
        error.show()
        return EXIT_USAGE if isinstance(error, UsageError) else error.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a bug in szaktar: never a bare traceback by default
        if debug:
            traceback.print_exc()
        else:
            problem = f"{type(error).__name__}: {error}"
            typer.echo(f"szaktar: internal error: {problem} (run with --debug)", err=True)
        return EXIT_BUG
    finally:
        if invocation.moved:  # -C: back where it started (a caller in this process goes on)
            os.chdir(invocation.start)
    return result if isinstance(result, int) else 0
