"""A command-line run ends without the collector's passes over everything still alive:
at exit, after the program's own exit handlers, the objects are frozen (cli._freeze_at_exit)."""

from __future__ import annotations

import subprocess
import sys

import pytest

PROBE = (
    "import atexit, gc, sys\n"
    "atexit.register(lambda: print('frozen at exit:', gc.get_freeze_count() > 0))\n"
    "from assistant.cli import main\n"
    "print('frozen before exit:', gc.get_freeze_count() > 0)\n"
    "code = main(sys.argv[1:])\n"
    "print('frozen after main:', gc.get_freeze_count() > 0)\n"
    "sys.exit(code)\n"
)


def test_objects_are_frozen_only_when_the_process_ends() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE, "lookup", "--json", "SCLNT_HTTP407"],
                          capture_output=True, text=True, timeout=60, check=False,
                          stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stdout.splitlines() if line.startswith("frozen")]
    assert lines == ["frozen before exit: False", "frozen after main: False", "frozen at exit: True"]
    assert '"id": "SCLNT_HTTP407"' in done.stdout


@pytest.mark.parametrize(("argv", "bounded"), [
    (["ask", "--json", "421"], True),
    (["lookup", "SCLNT_HTTP407"], True),
    (["list"], True),
    (["check", "https://localhost:1/"], True),
    (["check", "--file", "endpoints.yaml"], False),  # up to 10,000 endpoints: collector on
    (["cert", "ca.pem"], False),
    (["chat"], False),
])
def test_bounded_commands_run_without_the_collector(argv: list[str], bounded: bool) -> None:
    from assistant.cli import _bounded, build_parser

    assert _bounded(build_parser(argv).parse_args(argv)) is bounded
