"""Entry point: runs the Typer app and turns szaktar's exceptions into messages and exit codes.

Exit codes: 0 clean, 1 invalid data, 2 usage error, 3 internal error (a bug: rerun
with --debug for the traceback).
"""

from __future__ import annotations

import errno
import gc
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

import typer

# typer ≥ 0.29 carries its own copy of click (and does not install click): its exceptions are
# the ones a command line raises.
from typer._click.exceptions import ClickException, UsageError

from ..core.errors import EXIT_DATA, EXIT_OK, EXIT_USAGE, DataError, SzaktarError
from ..core.i18n import Lang, detect_lang, in_lang
from .app import app
from .invocation import Invocation
from .output import print_diagnostics, showable_output

EXIT_BUG = 3
# Errors of writing the output (stdout): a full disk, a closed pipe, a device that fails.
_OUTPUT_ERRORS = frozenset({errno.ENOSPC, errno.EPIPE, errno.EIO, errno.EDQUOT, errno.EFBIG})


def _internal_error(error: Exception, *, debug: bool) -> int:
    if debug:
        import traceback  # noqa: PLC0415  # (only for a bug: every run would pay its import)

        traceback.print_exception(error)
    else:
        problem = f"{type(error).__name__}: {error}"
        typer.echo(f"szaktar: internal error: {problem} (run with --debug)", err=True)
    return EXIT_BUG


def _shortened(text: str, length: int = 60) -> str:
    return text if len(text) <= length else f"{text[: length // 2]}…{text[-length // 2 :]}"


def _detach_stdout() -> None:
    """stdout to /dev/null: what is left in its buffer is dropped, not written again at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # not a real file (a test's capture)
        pass
    finally:
        os.close(devnull)


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
    showable_output()
    try:
        result = app(args=args, prog_name="szaktar", standalone_mode=False, obj=invocation)
        sys.stdout.flush()  # a full disk or a closed pipe is told here, not at exit
    except OSError as error:
        if error.errno == errno.ENAMETOOLONG:  # a path given on the command line, or made of one
            lang = invocation.lang or _lang_of(args)
            name = _shortened(str(error.filename))
            typer.echo(
                "szaktar: " + in_lang(f"the name is too long for the file system: {name}",
                                      f"a név túl hosszú a fájlrendszernek: {name}", lang),
                err=True,
            )
            return EXIT_USAGE
        if error.errno not in _OUTPUT_ERRORS:
            return _internal_error(error, debug=debug)
        _detach_stdout()
        if error.errno == errno.EPIPE:
            return EXIT_OK  # the reader closed the pipe (`szaktar status | head`): it has enough
        reason = error.strerror or str(error)
        lang = invocation.lang or _lang_of(args)
        message = in_lang(f"cannot write the output: {reason}",
                          f"a kimenet nem írható: {reason}", lang)
        typer.echo(f"szaktar: {message}", err=True)
        return EXIT_DATA
    except DataError as error:
        lang = invocation.lang or _lang_of(args)
        print_diagnostics(
            error.diagnostics,
            lang,
            program=invocation.program,
            unlisted_warnings=error.unlisted_warnings,
            paths=error.paths,
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
        return _internal_error(error, debug=debug)
    finally:
        if invocation.moved:  # -C: back where it started (a caller in this process goes on)
            os.chdir(invocation.start)
    return result if isinstance(result, int) else 0


def run() -> NoReturn:
    """The program (the `szaktar` script, `python -m szaktar_cli`): main, then exit with its code.

    The objects the run leaves are the operating system's to free: frozen, they are not traced
    again by the collections Python makes while it shuts down (a third of a warm run's time).
    """
    code = main()
    gc.freeze()
    sys.exit(code)
