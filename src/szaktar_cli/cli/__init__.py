"""The command line: the Typer app, the options every command shares, one module a command."""
