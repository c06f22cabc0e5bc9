"""Running the CLI in-process, as a user would, and reading what it printed."""

from __future__ import annotations

import json
from typing import Any

from typer.testing import CliRunner

from timeline.cli.app import app


def run(*args: str, input: str | None = None) -> Any:
    """Invoke `timeline ARGS...`; the result has .exit_code, .stdout and .stderr."""
    return CliRunner().invoke(app, list(args), input=input)


def run_json(*args: str) -> Any:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr or result.stdout
    return json.loads(result.stdout)
