"""Run `python -m assistant …` with a pseudo-terminal as standard input, to answer prompts.

The child gets its own session (no controlling terminal), so `getpass` cannot reach the
terminal of whoever runs the tests and reads from our pseudo-terminal instead. The
answer is typed only after the prompt appeared: `getpass` turns echo off (flushing
pending input, as a real terminal loses keys typed too early) before it prints it.
"""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CTRL_D = b"\x04"


@dataclass(slots=True)
class TtyRun:
    returncode: int
    stdout: str
    stderr: str
    prompted: bool


def run_with_tty(args: list[str], answer: bytes | None, *, env: dict[str, str] | None = None,
                 prompt: bytes = b"Password for", timeout: float = 30.0) -> TtyRun:
    """Run the CLI; when `prompt` shows on stderr, type `answer` (e.g. b"pw\\n" or CTRL_D)."""
    master, slave = os.openpty()
    full_env = {k: v for k, v in os.environ.items() if k != "SAPASSIST_PKCS12_PASSWORD"}
    full_env.update(env or {})
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant", *args], cwd=REPO, env=full_env, stdin=slave,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
    )
    os.close(slave)
    assert proc.stdout is not None and proc.stderr is not None
    out, err = bytearray(), bytearray()
    streams = {proc.stdout.fileno(): out, proc.stderr.fileno(): err}
    prompted = False
    end = time.monotonic() + timeout
    try:
        while streams and time.monotonic() < end:
            ready, _, _ = select.select(list(streams), [], [], 0.1)
            for fd in ready:
                chunk = os.read(fd, 65536)
                if not chunk:
                    del streams[fd]
                    continue
                streams[fd] += chunk
            if not prompted and prompt in err:
                prompted = True
                if answer is not None:
                    os.write(master, answer)
        proc.wait(max(0.1, end - time.monotonic()))
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()
        os.close(master)
    return TtyRun(proc.returncode, out.decode(errors="replace"), err.decode(errors="replace"),
                  prompted)
