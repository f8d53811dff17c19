"""The Typer application: its commands are registered lazily, from the table in commands/.

Kept light: importing this module must not import pydantic, babel, openpyxl, matplotlib or
rich, so that `szaktar --help` starts fast; a command's module, with whatever it imports, is
imported only when that command runs.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Annotated, Any, TypeVar

import typer
from typer._click import Command as ClickCommand
from typer._click import Context, HelpFormatter, Parameter
from typer.core import TyperCommand, TyperGroup
from typer.main import get_command_from_info

from .. import __version__
from .commands import COMMANDS
from .invocation import LOCATION_PARAMETERS, DirectoryOption, ProjectsOption

F = TypeVar("F", bound=Callable[..., Any])


class _LazyCommands(Mapping[str, ClickCommand]):
    """The commands by name; a command's module is imported when the command is looked up.

    A command that reads or writes data gets the options that say where the data is (`-C`,
    `--projects`) from the group, so that they go before or after its name."""

    def __init__(self, built: Mapping[str, ClickCommand], location: Sequence[Parameter]) -> None:
        self._location = list(location)
        # commands whose modules were imported before the group was built
        self._built = {name: self._located(name, command) for name, command in built.items()}

    def _located(self, name: str, command: ClickCommand) -> ClickCommand:
        if COMMANDS[name].data:
            command.params.extend(self._location)
        return command

    def __getitem__(self, name: str) -> ClickCommand:
        if name not in self._built:
            if name not in COMMANDS:
                raise KeyError(name)
            importlib.import_module(f"{__package__}.commands.{COMMANDS[name].module}")
            info = next(info for info in app.registered_commands if info.name == name)
            built = get_command_from_info(
                info,
                pretty_exceptions_short=app.pretty_exceptions_short,
                rich_markup_mode=app.rich_markup_mode,
            )
            self._built[name] = self._located(name, built)
        return self._built[name]

    def __iter__(self) -> Iterator[str]:
        return iter(COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS)


class LazyGroup(TyperGroup):
    """szaktar's group of commands: listed from the table, each imported when it runs."""

    def __init__(self, **attributes: Any) -> None:
        super().__init__(**attributes)
        location = [param for param in self.params if param.name in LOCATION_PARAMETERS]
        self.commands = _LazyCommands(self.commands, location)  # type: ignore[assignment]

    def list_commands(self, ctx: Context) -> list[str]:  # noqa: ARG002
        return list(COMMANDS)

    def format_commands(self, ctx: Context, formatter: HelpFormatter) -> None:
        """The list of commands, with the help the table gives them (no module is imported)."""
        listed = [TyperCommand(name, help=command.help) for name, command in COMMANDS.items()]
        TyperGroup(commands=listed).format_commands(ctx, formatter)


app = typer.Typer(
    name="szaktar",
    cls=LazyGroup,
    help="Track the output indicators of grant-funded projects from YAML files. "
    "/ Pályázati projektek indikátorainak követése YAML fájlokból.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help text: rich's help panels import markdown and syntax highlighting, which
    # doubles the start-up time of `szaktar --help` (docs/performance.md, Start-up).
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def command(name: str) -> Callable[[F], F]:
    """Register a function as the command `name`, with the help the table in commands/ gives it."""
    return app.command(name, help=COMMANDS[name].help)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"szaktar {__version__}")
        raise typer.Exit


@app.callback()
def main_options(
    directory: DirectoryOption = None,  # taken by its callback (cli/invocation.py)
    projects: ProjectsOption = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the traceback of an internal error.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """szaktar: indicators of grant-funded projects, from YAML files in git."""
