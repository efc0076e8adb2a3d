"""Drive a program in a real terminal (tmux) and time what the user sees.

A private tmux server (its own socket, `-L`) so no other tmux session is touched; it is
killed when the `Terminal` closes. Times are from sending the key (or the resize) until
the screen shows the expected result — `capture-pane` polled as fast as it returns — or,
when the result cannot be predicted (a theme switch), until the screen last changed
before it stayed still for `settle` seconds.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import time
from collections.abc import Callable, Sequence
from pathlib import Path


def available() -> bool:
    return shutil.which("tmux") is not None


class Terminal:
    def __init__(self, argv: Sequence[str], *, width: int, height: int, env: dict[str, str], cwd: Path) -> None:
        self.socket = f"sapassist-bench-{os.getpid()}-{time.monotonic_ns()}"
        self.width, self.height = width, height
        command = " ".join(shlex.quote(a) for a in argv)
        env_args = [f"{k}={v}" for k, v in env.items() if k in ENV_PASSED]
        self.started = time.perf_counter()
        self._tmux(
            "new-session", "-d", "-s", "bench", "-x", str(width), "-y", str(height),
            "-c", str(cwd), "env", *env_args, "TERM=xterm-256color", "COLORTERM=truecolor",
            "sh", "-c", command,
        )
        self._tmux("set-option", "-t", "bench", "status", "off")

    def _tmux(self, *args: str) -> str:
        out = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=False)
        return out.stdout

    def capture(self, *, escapes: bool = False) -> str:
        return self._tmux("capture-pane", "-p", *(["-e"] if escapes else []), "-t", "bench")

    def send(self, *keys: str) -> None:
        self._tmux("send-keys", "-t", "bench", *keys)

    def resize(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self._tmux("resize-window", "-t", "bench", "-x", str(width), "-y", str(height))

    def wait_for(self, predicate: Callable[[str], bool], *, timeout: float = 120.0, escapes: bool = False) -> float:
        """Seconds from now until the screen satisfies `predicate`."""
        start = time.perf_counter()
        while True:
            if predicate(self.capture(escapes=escapes)):
                return time.perf_counter() - start
            if time.perf_counter() - start > timeout:
                raise TimeoutError(f"screen never matched; last screen:\n{self.capture()}")
            time.sleep(0.001)

    def time_until_still(self, action: Callable[[], None], *, settle: float = 0.4, timeout: float = 60.0) -> float:
        """Seconds from `action` until the last change of the screen (colours included)
        before it stayed unchanged for `settle` seconds."""
        before = self.capture(escapes=True)
        start = time.perf_counter()
        action()
        last_change, last = None, before
        while True:
            now = time.perf_counter()
            screen = self.capture(escapes=True)
            if screen != last:
                last, last_change = screen, now
            if last_change is not None and now - last_change >= settle:
                return last_change - start
            if now - start > timeout:
                raise TimeoutError("the screen never settled")
            time.sleep(0.001)

    def close(self) -> None:
        self._tmux("kill-server")


ENV_PASSED = ("PYTHONPATH", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "SAPASSIST_CONFIG", "PATH", "HOME")
