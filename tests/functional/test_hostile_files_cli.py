"""The commands against files that are not files, bombs and bad bytes: a clear message and
exit 2 in bounded time and memory, never a hang or a traceback (real FIFOs, /dev/zero,
sparse files, alias bombs, subprocesses)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant import paths
from assistant.kb import cache
from tests.support.hostile_files import hostile_paths
from tests.unit.test_yamlfile import billion_laughs

ROOT = Path(__file__).resolve().parents[2]
MEMORY_KB = 600_000  # a command that needs more than this was reading what it should refuse


def sapassist(*args: str | Path, timeout: float = 30, stdin: bytes = b"") -> subprocess.CompletedProcess[str]:
    """Run the CLI with an address-space limit, so a MemoryError shows instead of swapping."""
    limit = f"import resource; resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_KB * 1024 * 2}, {MEMORY_KB * 1024 * 2}))"
    code = f"{limit}\nimport sys\nfrom assistant.cli import main\nsys.exit(main(sys.argv[1:]))"
    return subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, env=os.environ.copy(), timeout=timeout, input=stdin.decode(),
                          errors="replace")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return hostile_paths(tmp_path_factory.mktemp("hostile-cli"), ".yaml")


COMMANDS = {
    "kb import-t100": lambda path, out: ("kb", "import-t100", path, "--output", out),
    "check --file": lambda path, out: ("check", "--file", path),
    "cert": lambda path, out: ("cert", path),
    "check --ca-file": lambda path, out: ("check", "https://localhost:1/", "--ca-file", path),
}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("kind", ["fifo", "/dev/zero", "2 GiB sparse file", "directory"])
def test_commands_refuse_what_is_not_a_file(command: str, kind: str, hostile: dict[str, Path],
                                            tmp_path: Path) -> None:
    start = time.monotonic()
    run = sapassist(*COMMANDS[command](hostile[kind], tmp_path / "pack"))
    assert time.monotonic() - start < 10
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr and len(run.stderr) < 500
    assert any(w in run.stderr for w in ("not a regular file", "too large", "directory")), run.stderr
    assert not (tmp_path / "pack").exists()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"- https://a.example\n- https://b.\xff\xfe\n", ":2: file is not UTF-8 text (bad byte 0xff)"),
        (b"[" * 100_000, ":1: YAML syntax error"),
        (b"- url: 12345\n", ":1: entry 1: url must be text, not a number"),
        (billion_laughs().encode(), ":15: anchors and aliases expand to more than 200,000"),
    ],
)
def test_check_file_errors_are_usage_errors_with_the_line(tmp_path: Path, content: bytes, expected: str) -> None:
    endpoints = tmp_path / "endpoints.yaml"
    endpoints.write_bytes(content)
    run = sapassist("check", "--file", endpoints)
    assert run.returncode == 2
    assert run.stderr.startswith(f"sapassist check: {endpoints}{expected}"), run.stderr
    assert "Traceback" not in run.stderr and len(run.stderr) < 500


def test_a_bomb_pack_is_reported_by_validate_and_skipped_by_ask(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "bomb.yaml").write_text(billion_laughs(), encoding="utf-8")
    run = sapassist("kb", "validate", pack)
    assert run.returncode == 2 and f"{pack / 'bomb.yaml'}:16: anchors and aliases expand" in run.stdout + run.stderr
    run = sapassist("ask", "--kb", pack, "SCLNT_HTTP421")
    assert run.returncode == 0 and "SCLNT_HTTP421" in run.stdout
    assert f"{pack / 'bomb.yaml'}:16" in run.stderr and "Traceback" not in run.stderr


def test_a_huge_yaml_in_a_pack_is_skipped_unread(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    with open(pack / "huge.yaml", "wb") as f:
        f.truncate(2 * 1024**3)
    run = sapassist("ask", "--kb", pack, "SCLNT_HTTP421")
    assert run.returncode == 0 and "SCLNT_HTTP421" in run.stdout
    assert "too large for a knowledge file (2 GiB; the limit is 32 MiB)" in run.stderr


def test_a_fifo_in_place_of_the_cache_does_not_hang_ask(tmp_path: Path) -> None:
    first = sapassist("ask", "SCLNT_HTTP421")  # writes the cache for the bundled base
    assert first.returncode == 0
    [cached] = [p for p in paths.cache_dir().glob("kb-*.pickle") if p.name.count(".") == 1]
    cached.unlink()
    os.mkfifo(cached)
    start = time.monotonic()
    run = sapassist("ask", "SCLNT_HTTP421", timeout=20)
    assert run.returncode == 0 and "SCLNT_HTTP421" in run.stdout
    assert time.monotonic() - start < 10
    assert cached.is_file()  # the miss rebuilt it: the FIFO is replaced by a real cache


def test_temporaries_of_a_killed_cache_writer_are_removed(tmp_path: Path) -> None:
    folder = paths.cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    writer = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    writer.kill()  # SIGKILL, as the run did
    writer.wait()
    dead = folder / f"kb-0123456789abcdef0123.pickle.{writer.pid}.x1y2z3.tmp"
    dead.write_bytes(b"\0" * 1000)
    old = folder / "kb-0123456789abcdef0123.pickle.search-index-v1.pickle.1.abcdef.tmp"
    old.write_bytes(b"\0" * 1000)
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    live = folder / f"kb-0123456789abcdef0123.pickle.{os.getpid()}.a1b2c3.tmp"  # a writer at work
    live.write_bytes(b"\0")
    run = sapassist("ask", "SCLNT_HTTP421")  # a cache miss: the write cleans up first
    assert run.returncode == 0
    assert not dead.exists() and not old.exists()
    assert live.exists()
    assert cache.remove_stale_temporaries(folder) == 0
