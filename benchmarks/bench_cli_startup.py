"""Fresh-process cost of `sapassist ask --json`, plain `ask`, `lookup --json` and `list`.

Each command runs ~20 times as a new process (warm knowledge-base cache) and is compared
with a bare `python -c pass` measured in the same run: budget +130 ms for `ask --json`,
+250 ms for plain `ask`.

    .venv/bin/python benchmarks/bench_cli_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from _stats import Timing, summarize  # noqa: E402

QUESTION = "HTTP error 407 occured: SSL handshake with github.com:443 failed: SSSLERR_SSL_READ (-58)"
COMMANDS: list[tuple[str, list[str], float | None]] = [
    ("ask --json", ["-m", "assistant", "ask", "--json", QUESTION], 130.0),
    ("ask (plain)", ["-m", "assistant", "ask", QUESTION], 250.0),
    ("lookup --json", ["-m", "assistant", "lookup", "--json", "SCLNT_HTTP421"], None),
    ("list", ["-m", "assistant", "list"], None),
]


def run_many(argv: list[str], runs: int, env: dict[str, str]) -> Timing:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, *argv], env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=False)
        samples.append((time.perf_counter() - start) * 1000)
    return summarize(samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, XDG_CACHE_HOME=f"{home}/cache", XDG_CONFIG_HOME=f"{home}/config",
                   XDG_DATA_HOME=f"{home}/data", SAPASSIST_CONFIG=f"{home}/config/none.toml")
        env.pop("SAPASSIST_KB_PATH", None)
        env.pop("SAPASSIST_NO_CACHE", None)
        subprocess.run([sys.executable, *COMMANDS[0][1]], env=env, cwd=ROOT,
                       stdout=subprocess.DEVNULL, check=False)  # build the cache once
        bare = run_many(["-c", "pass"], args.runs, env)
        print(bare.line("python -c pass (baseline)"))
        failed = False
        for label, argv, budget in COMMANDS:
            timing = run_many(argv, args.runs, env)
            over = timing.median - bare.median
            verdict = ""
            if budget is not None:
                ok = over <= budget
                failed |= not ok
                verdict = f"   budget +{budget:.0f} ms: {'ok' if ok else 'OVER'}"
            print(timing.line(label) + f"; +{over:.1f} ms over bare (median){verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
