"""Every command, every parameter, hostile values: a clean one-line refusal or an answer,
never an internal error (exit 70) or a traceback, and nothing raw on the terminal.

Found by the adversarial review: `event show 99999999999999999999999` (OverflowError),
`report ... -p since=99999999999999999999`, `export --title $'A\\nB'` (AssertionError).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer

from tests.clitools import run
from timeline.cli.app import app
from timeline.cli.errors import INTERNAL_ERROR_EXIT

HOSTILE = {
    "huge": "99999999999999999999999",
    "huge negative": "-99999999999999999999",
    "control": "a\nb\r\x1b[2J\x07\u202eevil\x00",
    "empty": "",
}


def _commands(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    subcommands = getattr(command, "commands", None)
    if subcommands:
        for name, sub in sorted(subcommands.items()):
            yield from _commands(sub, (*path, name))
    else:
        yield path


ROOT = typer.main.get_command(app)
COMMANDS = list(_commands(ROOT))


def _leaf(path: tuple[str, ...]) -> Any:
    command = ROOT
    for name in path:
        command = command.commands[name]  # type: ignore[attr-defined]
    return command


def _invocations(path: tuple[str, ...], value: str) -> Iterator[list[str]]:
    """The command with its arguments all set to `value`, then each option set to it."""
    params = [p for p in _leaf(path).params if p.name != "help"]
    arguments = [value for p in params if p.param_type_name == "argument"]
    yield [*path, *arguments]
    for param in params:
        if param.param_type_name == "option" and not param.is_flag and param.opts:
            yield [*path, *arguments, param.opts[0], value]


@pytest.mark.slow
@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_hostile_values_never_crash_a_command(
    path: tuple[str, ...], seeded_templates, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    url = seeded_templates.copy("sqlite", tmp_path)
    monkeypatch.chdir(tmp_path)
    if path[:2] == ("db", "downgrade"):
        pytest.skip("covered by tests/test_migrations.py: hostile revisions are names")
    for value in HOSTILE.values():
        for args in _invocations(path, value):
            result = run("--db", url, *args, input="")
            shown = repr(args)
            assert result.exit_code != INTERNAL_ERROR_EXIT, (shown, result.stderr)
            assert "Traceback" not in result.stderr + result.stdout, shown
            errors = [x for x in result.stderr.splitlines() if x.startswith("timeline: error:")]
            if result.exit_code != 0:
                assert errors, (shown, result.exit_code, result.stderr)
            for line in errors:
                assert line.isprintable(), (shown, line)
