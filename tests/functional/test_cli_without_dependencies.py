"""`python3 -m assistant` from a fresh clone, with an interpreter that lacks the
dependencies (the README's Quick start builds .venv for them), says what to do instead of
ending in a traceback from deep inside the first command that needs one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("argv", [["lookup", "421"], ["ask", "SCLNT_HTTP407"], ["--version"]])
def test_python_m_assistant_without_site_packages_names_the_missing_packages(argv: list[str]) -> None:
    # -S: no site-packages, so textual, pyyaml, markdown-it-py … are not importable; the
    # package itself is found in the working directory, as in a fresh clone.
    done = subprocess.run([sys.executable, "-S", "-m", "assistant", *argv], cwd=ROOT,
                          capture_output=True, text=True, timeout=60, check=False,
                          stdin=subprocess.DEVNULL)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert "markdown-it-py" in done.stderr and "make run" in done.stderr
    assert done.stdout == ""
