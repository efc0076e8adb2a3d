"""A command that was asked for `--json` and cannot run (a usage error, unreadable input,
no knowledge base) still prints one JSON object on standard output — what went wrong and
the exit code — besides the message on standard error: a script reading the JSON gets
something to read, and the exit code stays non-zero."""

from __future__ import annotations

import json
import sys

USAGE = 2


def print_json_error(message: str, exit_code: int = USAGE) -> int:
    """`{"error": message, "exit_code": exit_code}` on standard output; returns the code."""
    sys.stdout.write(json.dumps({"error": message, "exit_code": exit_code}) + "\n")
    sys.stdout.flush()
    return exit_code
