"""`sapassist ask` about a cipher-suite value, as a real process (plain and --json)."""

from __future__ import annotations

import json
import subprocess
import sys


def ask(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "assistant", "ask", *args],
                          capture_output=True, text=True, timeout=60, check=False)


def test_ask_explains_918() -> None:
    proc = ask("what does ssl/client_ciphersuites 918 mean")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.startswith("What ssl/client_ciphersuites = 918 means")
    assert "918 = 512 + 256 + 128 + 16 + 4 + 2" in out
    assert "Solution Manager 7.0, 7.1 and 7.2" in out and "do not copy 918" in out
    assert "https://sast-solutions.com/blog-en/?p=860" in out


def test_ask_json_names_the_parameter_value_and_explains_an_unknown_value() -> None:
    proc = ask("--json", "ssl/ciphersuites = 2049:PFS:HIGH::EC_P256:EC_HIGH")
    assert proc.returncode == 0 and "Traceback" not in proc.stderr
    out = json.loads(proc.stdout)
    assert out["entities"]["parameter_values"] == [["ssl/ciphersuites", "2049:PFS:HIGH::EC_P256:EC_HIGH"]]
    answer = out["answer"]
    assert "2049 = 2048 + 1" in answer and "| 2048 | not publicly documented | unknown | none |" in answer
    assert "bits above 1024 appear in none of the documented values" in answer
