"""Scale benchmark: a 100,000-message knowledge pack (synthetic T100 import).

Prints, for the text index (`assistant.kb.textindex.TextIndex`):
- import time of the T100 download and pack writing, pack size;
- reading the pack: the `import-t100` fast path against the YAML loader on one part file,
  and the whole pack checked and built into a `MessageTable`; its pickled size and
  unpickle time next to the same messages as a dict of `Message` objects;
- index build time, pickled size, unpickle time;
- search latency median/p99 over generated queries, and the naive way
  (`rapidfuzz.process.extract(query, texts, scorer=WRatio)` over all texts) with the ratio;
- top-1 accuracy for a message's text typed with one typo and one word missing
  (plain text, and with the placeholders filled in as a real paste would have them);
- resident memory (ru_maxrss) of a fresh process that loads the pack as the app does
  (cache warm), primes the indexes and answers a question;
- fresh-process `sapassist ask --json --kb DIR` / `lookup --json --kb DIR` over the pack:
  the first run (builds the cache), then median/p99 over --runs warm runs, each next to
  a bare `python -c pass` measured in the same run (target: ≤ 400 ms over bare).

Usage: python benchmarks/bench_scale.py [--count 100000] [--queries 1000] [--runs 10] [--dir DIR]
"""

from __future__ import annotations

import argparse
import os
import pickle
import random
import statistics
import string
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _stats import summarize  # noqa: E402
from make_big_pack import generate_rows, write_t100_download  # noqa: E402

from assistant.kb.model import Message  # noqa: E402
from assistant.kb.t100text import strip_placeholders, tokens  # noqa: E402
from assistant.kb.textindex import TextIndex  # noqa: E402

FILL_VALUES = [
    "sap.example.com", "4711", "1000", "0000012345", "DEV_USER", "ZTEST", "2024",
    "ICM_HTTP_TIMEOUT", "/sap/bc/ping", "450000123", "EUR", "WH01", "proxy.corp.local:8080",
]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def load_pack_messages(pack: Path) -> Mapping[str, Message]:
    """The pack's messages as the loader reads and checks them (a `MessageTable`)."""
    from assistant.kb.parse import parse_pack

    parsed = parse_pack(pack)
    if parsed.problems:
        raise SystemExit(f"the generated pack has problems: {parsed.problems[:3]}")
    return parsed.kb.messages


def measure_reading(pack: Path) -> Mapping[str, Message]:
    """Cold start: YAML loader vs fast path, whole-pack check, pickled table vs dict."""
    from assistant.kb.yaml_lines import parse_imported_pack, parse_yaml_text

    part = sorted(pack.glob("*.yaml"))[-1]
    text = part.read_text(encoding="utf-8")
    start = time.perf_counter()
    slow = parse_yaml_text(text)
    slow_s = time.perf_counter() - start
    start = time.perf_counter()
    fast = parse_imported_pack(text)
    fast_s = time.perf_counter() - start
    entries = len(slow.data["messages"]) if slow.data else 0
    print(f"read one part ({entries} messages): YAML loader (libyaml parser, Python "
          f"constructors) {slow_s:.2f} s, import-t100 fast path {fast_s:.3f} s "
          f"({slow_s / fast_s:.0f}x){'' if fast is not None else ' — FAST PATH DECLINED'}")
    start = time.perf_counter()
    messages = load_pack_messages(pack)
    print(f"parse_pack of the whole pack into a MessageTable ({len(messages)} messages): "
          f"{time.perf_counter() - start:.2f} s")
    for label, value in (("MessageTable", messages), ("dict of Message", dict(messages.items()))):
        blob = pickle.dumps(value, protocol=5)
        timings = []
        for _ in range(3):
            start = time.perf_counter()
            pickle.loads(blob)
            timings.append((time.perf_counter() - start) * 1000)
        print(f"    pickled as {label}: {len(blob) / 1e6:.1f} MB, unpickle {min(timings):.0f} ms")
    return messages


def typo(word: str, rng: random.Random) -> str:
    """One typing error: drop, double, swap neighbours or hit a wrong letter."""
    i = rng.randrange(len(word) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return word[:i] + word[i + 1 :]
    if kind == 1:
        return word[: i + 1] + word[i] + word[i + 1 :]
    if kind == 2:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + rng.choice(string.ascii_lowercase) + word[i + 1 :]


def _words(text: str) -> tuple[str, ...]:
    return tuple(tokens(strip_placeholders(text)))


def ambiguous_keys(messages: Mapping[str, Message], keys: set[tuple[str, ...]]) -> dict[tuple[str, ...], int]:
    """How many messages each key (a text with one word dropped) can come from.

    A key shared by two messages ("URL & transferred successfully" and "URL & saved
    successfully" without their verb) cannot be resolved by any search: such queries
    are reported separately.
    """
    counts: dict[tuple[str, ...], set[str]] = {key: set() for key in keys}
    for message in messages.values():
        words = _words(message.display_text)
        if words in counts:
            counts[words].add(message.id)
        for i in range(len(words)):
            key = words[:i] + words[i + 1 :]
            if key in counts:
                counts[key].add(message.id)
    return {key: len(ids) for key, ids in counts.items()}


def make_query(text: str, rng: random.Random, *, filled: bool) -> tuple[str, tuple[str, ...]]:
    """The text as someone types it: one word missing, one typo (placeholders filled or not).

    Returns the query and its key: the message's literal words without the dropped one.
    """
    if filled:
        text = "".join(
            rng.choice(FILL_VALUES) if part in ("&", "&1", "&2", "&3", "&4") else part
            for part in _split_placeholders(text)
        )
    else:
        text = strip_placeholders(text)
    words = text.split()
    fills = {v.lower() for v in FILL_VALUES}
    literal = [i for i, w in enumerate(words) if w.lower() not in fills]
    if len(literal) >= 3:
        del words[rng.choice(literal)]
    key = tuple(t for w in words if w.lower() not in fills for t in tokens(w))
    candidates = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
    if candidates:
        i = rng.choice(candidates)
        words[i] = typo(words[i], rng)
    return " ".join(words), key


def _split_placeholders(text: str) -> list[str]:
    import re

    return re.split(r"(&[1-9]?)", text)


def measure_search(index: TextIndex, messages: Mapping[str, Message], count: int, seed: int) -> None:
    rng = random.Random(seed)
    sample = rng.sample(list(messages.values()), count)
    plain_median = 0.0
    for filled in (False, True):
        queries = [(m, *make_query(m.display_text, rng, filled=filled)) for m in sample]
        ambiguity = ambiguous_keys(messages, {key for _, _, key in queries})
        latencies: list[float] = []
        hits = clear = clear_hits = 0
        misses: list[tuple[str, str, str]] = []
        for message, query, key in queries:
            start = time.perf_counter()
            found = index.search(query, limit=10)
            latencies.append((time.perf_counter() - start) * 1000)
            hit = bool(found) and found[0][0] == message.id
            hits += hit
            if ambiguity.get(key, 1) <= 1:
                clear += 1
                clear_hits += hit
                if not hit and len(misses) < 5:
                    misses.append((query, message.display_text,
                                   messages[found[0][0]].display_text if found else "-"))
        label = "filled placeholders" if filled else "plain text"
        print(f"search ({label}, one typo + one word missing), {count} queries: "
              f"median {statistics.median(latencies):.2f} ms, p99 {percentile(latencies, 0.99):.2f} ms, "
              f"max {max(latencies):.2f} ms")
        print(f"    top-1 accuracy {100 * hits / count:.1f}% of all queries; "
              f"{100 * clear_hits / max(clear, 1):.1f}% of the {clear} queries whose dropped word "
              f"leaves them unambiguous ({count - clear} match another message's text equally well)")
        for query, want, got in misses:
            print(f"    miss: {query!r}\n          want {want!r}\n          got  {got!r}")
        if not filled:
            plain_median = statistics.median(latencies)
    naive_queries = [make_query(m.display_text, random.Random(1), filled=False)[0] for m in sample[:5]]
    measure_naive(messages, naive_queries, plain_median)


def measure_naive(messages: Mapping[str, Message], queries: list[str], fast_median: float) -> None:
    from rapidfuzz import fuzz, process

    texts = [m.display_text for m in messages.values()]
    timings = []
    for query in queries:
        start = time.perf_counter()
        process.extract(query, texts, scorer=fuzz.WRatio, limit=10)
        timings.append((time.perf_counter() - start) * 1000)
    naive = statistics.median(timings)
    print(f"naive rapidfuzz.process.extract(WRatio) over {len(texts)} texts, {len(queries)} queries: "
          f"median {naive:.0f} ms → text index is {naive / fast_median:.0f}x faster")


def memory_probe(pack: Path) -> None:
    """Run in a fresh process: load as the app does, answer once, print ru_maxrss in MB."""
    from assistant.answers.questions import build_answer
    from assistant.intent import route
    from assistant.intent.kbindex import prime_indexes
    from assistant.kb.load import load_kb

    result = load_kb([pack])
    prime_indexes(result)
    build_answer(route("Connection to host sap.example.com failed: timeout", result.kb), result.kb)
    print("warm" if result.from_cache else "cold")


# Started from this (big) benchmark process, a child's ru_maxrss would count the parent's
# pages it held between fork and exec; a small launcher process in between avoids that.
_LAUNCHER = (
    "import os, subprocess, sys\n"
    "p = subprocess.Popen(sys.argv[1:], stderr=subprocess.DEVNULL)\n"
    "_, status, usage = os.wait4(p.pid, 0)\n"
    "print('MAXRSS', usage.ru_maxrss, os.waitstatus_to_exitcode(status))\n"
)


def maxrss(argv: list[str], env: dict[str, str]) -> tuple[float, int, str]:
    """(ru_maxrss in MB, exit code, the rest of stdout) of one fresh process."""
    launched = subprocess.run([sys.executable, "-c", _LAUNCHER, *argv], env=env, cwd=ROOT,
                              capture_output=True, text=True)
    out, _, last = launched.stdout.rstrip().rpartition("\n")
    parts = last.split()
    if len(parts) != 3 or parts[0] != "MAXRSS":
        return float("nan"), -1, launched.stderr.strip()[-200:]
    return int(parts[1]) / 1024, int(parts[2]), out.strip()


def run_measured(argv: list[str], env: dict[str, str]) -> tuple[float, int, str]:
    """One fresh process: (wall ms, exit code, last stderr line)."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err)
        _, status, _ = os.wait4(proc.pid, 0)
        elapsed = (time.perf_counter() - start) * 1000
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        lines = err.read().decode("utf-8", "replace").strip().splitlines()
    return elapsed, proc.returncode, lines[-1] if lines else ""


def memory(pack: Path) -> None:
    """ru_maxrss of fresh processes holding the pack: building the cache, then warm."""
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, XDG_CACHE_HOME=cache, XDG_CONFIG_HOME=cache, SAPASSIST_KB_PATH="")
        for _ in range(2):
            rss, rc, state = maxrss([sys.executable, __file__, "--memory-probe", str(pack)], env)
            print(f"resident memory (ru_maxrss) loading the pack ({state or '?'} cache), routing "
                  f"and answering one question: {rss:.0f} MB (target < 300 MB){'' if rc == 0 else f'; rc {rc}'}")


def fresh_process_costs(pack: Path, runs: int) -> None:
    """`sapassist ask/lookup --kb DIR` as fresh processes, warm cache, next to bare python."""
    python = sys.executable
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, XDG_CACHE_HOME=cache, XDG_CONFIG_HOME=cache, SAPASSIST_KB_PATH="")
        probes = [
            ("ask", ["ask", "--json", "--kb", str(pack), "Connection to host sap.example.com failed: timeout"]),
            ("lookup", ["lookup", "--json", "--kb", str(pack), "SCLNT_HTTP407"]),
        ]
        cold, cold_rc, _ = run_measured([python, "-m", "assistant", *probes[0][1]], env)
        print(f"sapassist ask --json --kb <pack>, first run (reads the pack, builds the caches): "
              f"{cold:.0f} ms (rc {cold_rc})")
        bare_runs: list[float] = []
        warm: dict[str, list[tuple[float, int, str]]] = {name: [] for name, _ in probes}
        for _ in range(runs):  # interleaved, so a busy moment hits all alike
            bare_runs.append(run_measured([python, "-c", "pass"], env)[0])
            for name, argv in probes:
                warm[name].append(run_measured([python, "-m", "assistant", *argv], env))
        bare = summarize(bare_runs)
        print(bare.line(f"bare `python -c pass` ({runs} runs)"))
        for name, results in warm.items():
            timing = summarize([r[0] for r in results])
            rc, err = results[-1][1], results[-1][2]
            rss = maxrss([python, "-m", "assistant", *dict(probes)[name]], env)[0]
            over = timing.median - bare.median
            print(timing.line(f"sapassist {name} --json --kb <pack>, warm cache")
                  + f"; {over:+.0f} ms over bare (median; p99 {timing.p99 - bare.median:+.0f} ms)"
                  f" — target ≤ 400 ms: {'ok' if over <= 400 else 'OVER'}; rc {rc}, {rss:.0f} MB"
                  f"{'; stderr: ' + err if err else ''}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--runs", type=int, default=10, help="warm fresh-process runs per command")
    parser.add_argument("--dir", type=Path, help="keep the generated pack here")
    parser.add_argument("--memory-probe", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--skip-cli", action="store_true", help="skip the fresh-process runs")
    args = parser.parse_args()
    if args.memory_probe:
        memory_probe(args.memory_probe)
        return 0

    workdir = tempfile.TemporaryDirectory()
    pack = args.dir or Path(workdir.name) / "pack"
    rows = generate_rows(args.count)
    download = Path(workdir.name) / "synthetic_t100.txt"
    write_t100_download(rows, download)
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "assistant", "kb", "import-t100", str(download), "--output", str(pack)],
        capture_output=True, text=True, cwd=ROOT,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        from assistant.cli import build_parser
        from assistant.commands import kb_t100

        kb_t100.run(build_parser().parse_args(
            ["kb", "import-t100", str(download), "--output", str(pack)]))
        print(f"(CLI import exit {result.returncode}; imported in-process instead) {result.stderr.strip()[-200:]}")
    else:
        print(f"kb import-t100 of {len(rows)} rows ({download.stat().st_size / 1e6:.1f} MB): "
              f"{elapsed:.2f} s as a fresh process")
    pack_files = list(pack.glob("*.yaml"))
    print(f"pack: {sum(p.stat().st_size for p in pack_files) / 1e6:.1f} MB in {len(pack_files)} file(s)")

    messages = measure_reading(pack)
    start = time.perf_counter()
    index = TextIndex.build(messages)
    build = time.perf_counter() - start
    blob = pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL)
    start = time.perf_counter()
    index = pickle.loads(blob)
    unpickle = (time.perf_counter() - start) * 1000
    vocabulary = len({w for m in messages.values() for w in tokens(m.display_text)})
    print(f"index build {build:.2f} s, pickled {len(blob) / 1e6:.1f} MB, unpickle {unpickle:.0f} ms, "
          f"vocabulary {vocabulary} words")

    measure_search(index, messages, min(args.queries, len(messages)), args.seed)

    memory(pack)
    if not args.skip_cli:
        fresh_process_costs(pack, args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
