"""Every command explains itself: a command without help text fails this test."""

from __future__ import annotations

import typer

from tests.clitools import run
from timeline.cli.app import app


def command_paths(group=None, prefix=()):
    command = typer.main.get_command(app) if group is None else group
    for name, sub in getattr(command, "commands", {}).items():
        yield (*prefix, name), sub
        yield from command_paths(sub, (*prefix, name))


def test_root_help_lists_the_commands() -> None:
    result = run("--help")
    assert result.exit_code == 0
    for name in ("db", "seed", "ingest", "extract"):
        assert name in result.stdout


def test_every_command_has_help_text() -> None:
    paths = list(command_paths())
    assert len(paths) >= 8
    for path, command in paths:
        assert (command.help or "").strip(), f"'timeline {' '.join(path)}' has no help text"
        result = run(*path, "--help")
        assert result.exit_code == 0, path
        assert "Usage:" in result.stdout
        first_line = command.help.strip().splitlines()[0]
        assert first_line.split()[0] in result.stdout, path
