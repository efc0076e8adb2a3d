"""Benchmark `sapassist trace` on a 100 MB generated dev_icm (level 3, 12 threads interleaved).

Prints median/p99 and peak resident memory against a naive baseline in the same run:

1. the reader in-process (`read_files`: stream, filter, assemble) — target median ≤ 5 s;
2. `sapassist trace --json FILE` as a fresh process (read + analyse every handshake +
   JSON), wall time and peak RSS — targets ≤ 5 s and ≤ 150 MB;
3. naive baseline, also a fresh process: read the whole file, decode it, split it into
   lines and search each line for the handshake summary (what a quick script does) —
   wall time and peak RSS.

The trace uses the line shapes of tests/support/dev_icm.py (public traces): 12 threads, 60
other lines per handshake, 40 partners, one handshake in five dumps its chain as PEM.
Run: .venv/bin/python benchmarks/bench_trace.py [--quick] [--mb N]
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks._stats import summarize  # noqa: E402

PARTNERS = 40

NAIVE = r"""
import re, sys
data = open(sys.argv[1], "rb").read().decode("utf-8", "replace")
pat = re.compile(r"SSL handshake with (\S+):(\d+) failed: (\w+)")
found = [m.groups() for line in data.splitlines() if (m := pat.search(line))]
print(len(found))
"""


def make_trace(path: Path, megabytes: int) -> int:
    """Write the trace; returns the number of handshakes in it."""
    from tests.support import certs, dev_icm

    sc = certs.good_chain()
    rnd = random.Random(1)
    threads = [str(140101169288960 + i * 4096) for i in range(12)]
    blocks: dict[str, list[str]] = {t: [] for t in threads}
    n = 0
    for t in threads:  # one template of about 1 MB (threads interleaved), repeated
        block = blocks[t]
        for _ in range(8):
            block += dev_icm.noise(t, 60, rnd)
            hs = dev_icm.Handshake(host=f"p{n % PARTNERS}.partner.example", thread=t, handle=n,
                                   code=rnd.choice(["SSSLERR_PEER_CERT_UNTRUSTED", "SSSLRC_CONN_CLOSED", None]),
                                   certs=[sc.leaf.cert, sc.intermediate.cert] if n % 5 == 0 else [])
            block += dev_icm.prefixed(t, hs.lines())
            n += 1
    template = "\n".join(dev_icm.interleave(list(blocks.values()), 3)) + "\n"
    written, k = 0, 0
    with path.open("w") as f:
        f.write("\n".join(dev_icm.header()) + "\n")
        while written < megabytes * 1_000_000:
            f.write(template)
            written += len(template)
            k += 1
    return n * k


def child(cmd: list[str]) -> tuple[float, float, str]:
    """(seconds, peak RSS in MB, stdout head) of one fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{cmd[:4]} failed ({proc.returncode}): {proc.stderr[-400:]}")
    # ru_maxrss of children is the maximum over all waited-for children: measure the
    # biggest first (see main) or read it per run when it grew
    return elapsed, max(peak, before) / 1024, proc.stdout[:200]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--mb", type=int, default=100)
    args = ap.parse_args()
    runs = 2 if args.quick else 5
    tmp = Path(tempfile.mkdtemp(prefix="bench-trace-"))
    ok = True
    try:
        path = tmp / "dev_icm"
        t0 = time.perf_counter()
        expected = make_trace(path, args.mb)
        size = path.stat().st_size
        print(f"trace: {size / 1e6:.0f} MB, {expected:,} handshakes, written in {time.perf_counter() - t0:.1f} s")

        from assistant.trace.reader import read_files

        print("\n== 1. reader in-process (stream, filter, assemble)")
        samples, cpu, found = [], [], 0
        for _ in range(runs):
            t0, c0 = time.perf_counter(), time.process_time()
            _, hs = read_files([str(path)])
            samples.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
            found = len(hs)
        print(summarize(samples).line("read_files (wall)"))
        print(summarize(cpu).line("read_files (CPU) ") + "  [other load on the machine shows as wall > CPU]")
        print(f"handshakes found: {found:,} of {expected:,}")
        ok &= found == expected
        med = summarize(samples).median / 1000
        ok &= med <= 5
        print(f"target median <= 5 s: {'PASS' if med <= 5 else 'FAIL'} ({med:.2f} s)")

        print("\n== 2. sapassist trace --json (fresh process) vs 3. naive read-all script")
        ours_cmd = [sys.executable, "-m", "assistant", "trace", "--json", str(path)]
        naive_cmd = [sys.executable, "-c", NAIVE, str(path)]
        # the children's peak RSS is a running maximum: measure ours first, naive after
        ours = [child(ours_cmd) for _ in range(runs)]
        ours_rss = ours[-1][1]
        naive = [child(naive_cmd) for _ in range(runs)]
        naive_rss = naive[-1][1]
        print(summarize([t * 1000 for t, _, _ in ours]).line("sapassist trace --json") + f", peak RSS {ours_rss:.0f} MB")
        print(summarize([t * 1000 for t, _, _ in naive]).line("naive read-all baseline") + f", peak RSS {naive_rss:.0f} MB"
              "  [summaries only: no details, no chains, no analysis]")
        ours_med = summarize([t for t, _, _ in ours]).median
        ok &= ours_med <= 5 and ours_rss <= 150
        print(f"target <= 5 s: {'PASS' if ours_med <= 5 else 'FAIL'} ({ours_med:.2f} s); "
              f"target <= 150 MB: {'PASS' if ours_rss <= 150 else 'FAIL'} ({ours_rss:.0f} MB)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
