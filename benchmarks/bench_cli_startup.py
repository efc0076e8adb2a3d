"""Fresh-process cost of `sapassist ask --json`, plain `ask`, `lookup --json` and `list`.

Each command runs `--runs` times as a new process (warm knowledge-base cache, bytecode
compiled once beforehand, as an installed program has it) and is compared, in the same
run and interleaved round by round so a load spike hits all alike, with a bare
`python -c pass` and with the same command from the previous code (`--previous REF`,
default `main`, unpacked with `git archive`; `--previous ''` skips it). The machine is
shared, so the median and the minimum of the wall clock are printed, and the median
CPU time (user + system, which other work on the cores disturbs less); budget +130 ms for
`ask --json` and +250 ms for plain `ask`, on the median.

    .venv/bin/python benchmarks/bench_cli_startup.py [--runs N] [--previous REF]
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from _stats import Timing, summarize  # noqa: E402

QUESTION = "HTTP error 407 occured: SSL handshake with github.com:443 failed: SSSLERR_SSL_READ (-58)"
COMMANDS: list[tuple[str, list[str], float | None]] = [
    ("ask --json", ["-m", "assistant", "ask", "--json", QUESTION], 130.0),
    ("ask --json (clean words)", ["-m", "assistant", "ask", "--json", "SCLNT_HTTP407 SSL error"], 130.0),
    ("ask (plain)", ["-m", "assistant", "ask", QUESTION], 250.0),
    ("lookup --json", ["-m", "assistant", "lookup", "--json", "SCLNT_HTTP421"], None),
    ("list", ["-m", "assistant", "list"], None),
]


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def run_once(argv: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """(wall ms, CPU ms) of one fresh process. CPU time (user + system) varies less than
    the wall clock when other work shares the cores."""
    cpu, start = _children_cpu(), time.perf_counter()
    subprocess.run([sys.executable, *argv], env=env, cwd=cwd, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)
    return (time.perf_counter() - start) * 1000, (_children_cpu() - cpu) * 1000


def unpack_previous(ref: str, into: Path) -> Path | None:
    """The package as it is at `ref`, unpacked into `into` (None when git cannot give it)."""
    done = subprocess.run(["git", "archive", "--format=tar", ref, "assistant", "knowledge"],
                          cwd=ROOT, capture_output=True, check=False)
    if done.returncode != 0:
        print(f"previous code: git archive {ref} failed: {done.stderr.decode(errors='replace').strip()}")
        return None
    with tarfile.open(fileobj=io.BytesIO(done.stdout)) as tar:
        tar.extractall(into, filter="data")
    return into


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--previous", default="main", metavar="REF",
                        help="git ref of the code to compare with in the same run ('' for none)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, XDG_CACHE_HOME=f"{home}/cache", XDG_CONFIG_HOME=f"{home}/config",
                   XDG_DATA_HOME=f"{home}/data", SAPASSIST_CONFIG=f"{home}/config/none.toml")
        for name in ("SAPASSIST_KB_PATH", "SAPASSIST_NO_CACHE", "PYTHONDONTWRITEBYTECODE"):
            env.pop(name, None)
        trees = {"now": ROOT}
        if args.previous:
            previous = unpack_previous(args.previous, Path(home) / "previous")
            if previous is not None:
                trees[f"previous ({args.previous})"] = previous
        for tree in trees.values():  # the kb cache and the bytecode, written once
            for _, argv, _ in COMMANDS:
                run_once(argv, env, tree)
        samples: dict[tuple[str, str], list[tuple[float, float]]] = {}
        for _ in range(args.runs):
            samples.setdefault(("bare", ""), []).append(run_once(["-c", "pass"], env, ROOT))
            for label, argv, _ in COMMANDS:
                for name, tree in trees.items():
                    samples.setdefault((label, name), []).append(run_once(argv, env, tree))
        bare = summarize([wall for wall, _ in samples[("bare", "")]])
        bare_cpu = summarize([cpu for _, cpu in samples[("bare", "")]])
        print(bare.line("python -c pass (baseline)") + f"; CPU median {bare_cpu.median:.1f} ms")
        failed = False
        for label, _, budget in COMMANDS:
            for name in trees:
                timing: Timing = summarize([wall for wall, _ in samples[(label, name)]])
                cpu = summarize([cpu for _, cpu in samples[(label, name)]])
                over, over_min = timing.median - bare.median, timing.minimum - bare.minimum
                verdict = ""
                if budget is not None and name == "now":
                    ok = over <= budget
                    failed |= not ok
                    verdict = f"   budget +{budget:.0f} ms: {'ok' if ok else 'OVER'}"
                print(timing.line(f"{label} [{name}]")
                      + f"; +{over:.1f} ms over bare (median), +{over_min:.1f} (min), "
                      f"CPU +{cpu.median - bare_cpu.median:.1f} (median){verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
