"""Scale benchmark: a 100,000-message knowledge pack (synthetic T100 import).

Prints, for the text index (`assistant.kb.textindex.TextIndex`):
- import time of the T100 download and pack writing, pack size;
- index build time, pickled size, unpickle time;
- search latency median/p99 over generated queries, and the naive way
  (`rapidfuzz.process.extract(query, texts, scorer=WRatio)` over all texts) with the ratio;
- top-1 accuracy for a message's text typed with one typo and one word missing
  (plain text, and with the placeholders filled in as a real paste would have them);
- resident memory (ru_maxrss) of a fresh process holding the messages and the index;
- fresh-process `sapassist ask --json --kb DIR` / `lookup --json --kb DIR` over the pack
  minus a bare interpreter start, once the cache is warm (when those commands exist).

Usage: python benchmarks/bench_scale.py [--count 100000] [--queries 1000] [--dir DIR]
"""

from __future__ import annotations

import argparse
import os
import pickle
import random
import resource
import statistics
import string
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from make_big_pack import generate_rows, write_t100_download  # noqa: E402

from assistant.kb.model import Message, Source  # noqa: E402
from assistant.kb.textindex import TextIndex, strip_placeholders, tokens  # noqa: E402

FILL_VALUES = [
    "sap.example.com", "4711", "1000", "0000012345", "DEV_USER", "ZTEST", "2024",
    "ICM_HTTP_TIMEOUT", "/sap/bc/ping", "450000123", "EUR", "WH01", "proxy.corp.local:8080",
]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def load_pack_messages(pack: Path) -> dict[str, Message]:
    """The pack's messages as model objects, read the way a loader would (CSafeLoader)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    messages: dict[str, Message] = {}
    for path in sorted(pack.glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
        for entry in data.get("messages") or []:
            messages[entry["id"]] = Message(
                id=entry["id"], message_class=entry["message_class"], number=entry["number"],
                title=entry["title"], status=entry["status"], short_text=entry.get("short_text"),
                sap_wording=entry["sap_wording"],
                sources=tuple(Source(s["url"], s.get("note", "")) for s in entry["sources"]),
            )
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


def ambiguous_keys(messages: dict[str, Message], keys: set[tuple[str, ...]]) -> dict[tuple[str, ...], int]:
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


def measure_search(index: TextIndex, messages: dict[str, Message], count: int, seed: int) -> None:
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


def measure_naive(messages: dict[str, Message], queries: list[str], fast_median: float) -> None:
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
    """Run in a fresh process: messages + index resident, print ru_maxrss in MB."""
    messages = load_pack_messages(pack)
    index = TextIndex.build(messages)
    index.search("Connection to host sap.example.com failed: timeout")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{rss:.0f}")


def run_measured(argv: list[str], env: dict[str, str]) -> tuple[float, int, float, str]:
    """One fresh process: (wall ms, exit code, its own ru_maxrss in MB, last stderr line)."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = (time.perf_counter() - start) * 1000
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        lines = err.read().decode("utf-8", "replace").strip().splitlines()
    return elapsed, proc.returncode, usage.ru_maxrss / 1024, lines[-1] if lines else ""


def fresh_process_costs(pack: Path) -> None:
    """`sapassist ask/lookup --kb DIR` as fresh processes, warm cache, minus bare python."""
    commands_dir = ROOT / "assistant" / "commands"
    python = sys.executable

    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, XDG_CACHE_HOME=cache, XDG_CONFIG_HOME=cache, SAPASSIST_KB_PATH="")
        bare = statistics.median(run_measured([python, "-c", "pass"], env)[0] for _ in range(5))
        print(f"bare interpreter start: median {bare:.0f} ms")
        probes = [
            ("ask", ["ask", "--json", "--kb", str(pack), "Connection to host sap.example.com failed: timeout"]),
            ("lookup", ["lookup", "--json", "--kb", str(pack), "SCLNT_HTTP407"]),
        ]
        for name, argv in probes:
            if not (commands_dir / f"{name}.py").exists():
                print(f"sapassist {name}: not available yet (assistant/commands/{name}.py missing)")
                continue
            cmd = [python, "-m", "assistant", *argv]
            cold, cold_rc, cold_rss, _ = run_measured(cmd, env)
            runs = [run_measured(cmd, env) for _ in range(5)]
            warm = statistics.median(r[0] for r in runs)
            rc, rss, err = runs[-1][1], max(r[2] for r in runs), runs[-1][3]
            print(f"sapassist {name} --kb <100k pack>: first run {cold:.0f} ms (rc {cold_rc}, "
                  f"{cold_rss:.0f} MB), warm median {warm:.0f} ms (rc {rc}, {rss:.0f} MB) = "
                  f"{warm - bare:+.0f} ms over bare python (target ≤ 400 ms)"
                  f"{'; stderr: ' + err if err else ''}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=11)
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

    start = time.perf_counter()
    messages = load_pack_messages(pack)
    print(f"read pack with yaml CSafeLoader into {len(messages)} Message objects: "
          f"{time.perf_counter() - start:.2f} s")
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

    probe = subprocess.run(
        [sys.executable, __file__, "--memory-probe", str(pack)], capture_output=True, text=True
    )
    print(f"resident memory (ru_maxrss) of a fresh process with {len(messages)} messages + index: "
          f"{probe.stdout.strip() or probe.stderr.strip()[-200:]} MB (target < 300 MB)")
    if not args.skip_cli:
        fresh_process_costs(pack)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
