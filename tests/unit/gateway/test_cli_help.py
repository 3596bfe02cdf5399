"""``python -m clearway_gateway --help`` lists every command the gateway has."""

import pytest

from clearway_gateway.__main__ import run

COMMANDS = ("serve", "migrate", "seed", "dlq", "keys", "tokens", "statistics", "manifest")


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        run(["--help"])
    assert exited.value.code == 0
    listed = capsys.readouterr().out
    for command in COMMANDS:
        assert f"\n    {command} " in listed, command


def test_manifest_import_has_its_own_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run(["manifest", "import", "--help"])
    assert "--dry-run" in capsys.readouterr().out
