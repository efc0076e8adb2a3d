"""A sweep of the README's commands against bad input, each in a real process: knowledge
directories that are empty, missing or hold files that are not what they claim, standard
input that is no text, arguments no one should type. Every case must end in the documented
exit status, with a short message on standard error and no traceback, within a generous
time cap (a hang or a stack dump is what this catches, not speed).

The bundled base is the one input a user cannot point elsewhere; the runner below redirects
`paths.bundled_knowledge_dir` in the child process so an empty, missing or broken bundled
base (a damaged install) is swept like any `--kb` pack."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from assistant.kb.schema import SCHEMA
from tests.unit.test_yamlfile import billion_laughs

ROOT = Path(__file__).resolve().parents[2]
CAP_SECONDS = 15.0  # generous: a case normally takes well under a second
MEMORY_BYTES = 1200 * 1024 * 1024
RUNNER = (
    "import os, resource, sys\n"
    f"resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_BYTES}, {MEMORY_BYTES}))\n"
    "from pathlib import Path\n"
    "import assistant.paths\n"
    "if os.environ.get('SWEEP_BUNDLED'):\n"
    "    assistant.paths.bundled_knowledge_dir = lambda: Path(os.environ['SWEEP_BUNDLED'])\n"
    "from assistant.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str
    seconds: float


def sapassist(*args: str | Path, stdin: bytes = b"", bundled: Path | None = None) -> Run:
    """One real `sapassist` process; stdin as raw bytes."""
    env = os.environ.copy()
    env.pop("SWEEP_BUNDLED", None)
    if bundled is not None:
        env["SWEEP_BUNDLED"] = str(bundled)
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-c", RUNNER, *map(str, args)], input=stdin, capture_output=True,
                          cwd=ROOT, env=env, timeout=CAP_SECONDS * 2)
    seconds = time.monotonic() - start
    return Run(done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace"),
               seconds)


def assert_clean(run: Run, codes: tuple[int, ...], *, error_lines: int = 1, report: str = "stderr") -> None:
    """The documented status, no traceback, in bounded time; an exit 2 says why on
    standard error (`kb validate`: its report on standard output) in at most
    `error_lines` short lines."""
    assert "Traceback" not in run.stderr and "Traceback" not in run.stdout, run.stderr[-2000:]
    assert run.code in codes, (run.code, run.stderr[-1000:])
    assert run.seconds < CAP_SECONDS, run.seconds
    if run.code == 2:
        lines = getattr(run, report).strip().splitlines()
        assert 1 <= len(lines) <= error_lines, run.stderr[-1000:]
        assert all(len(line) < 600 for line in lines), run.stderr[-1000:]


# --- knowledge directories -------------------------------------------------------------

def _wrong_type_entries() -> str:
    """One file: for every kind and every field of the schema, an entry whose field holds a
    mapping where text, a number or a list is expected (or a number where a mapping is)."""
    lines: list[str] = []
    for kind, fields in SCHEMA.items():
        lines.append(f"{kind}:")
        for n, name in enumerate(fields):
            lines.append(f"  - id: ZWRONG_{kind.upper()}_{n}")
            wrong = "12" if fields[name].kind in ("check", "sources") else "{nested: [1, {deeper: true}]}"
            lines.append(f"    {name}: {wrong}")
    return "\n".join(lines) + "\n"


def _symlink_loop(folder: Path) -> None:
    (folder / "loop.yaml").symlink_to(folder / "loop2.yaml")
    (folder / "loop2.yaml").symlink_to(folder / "loop.yaml")


def _oversized(folder: Path) -> None:
    with open(folder / "huge.yaml", "wb") as f:
        f.truncate(33 * 1024 * 1024)  # past the 32 MiB limit; sparse, so no disk is used


KNOWLEDGE_FILES = {
    "directory named .yaml": lambda d: (d / "dir.yaml").mkdir(),
    "fifo": lambda d: os.mkfifo(d / "fifo.yaml"),
    "symlink loop": _symlink_loop,
    "0 bytes": lambda d: (d / "empty.yaml").write_bytes(b""),
    "over the size limit": _oversized,
    "invalid UTF-8": lambda d: (d / "bad.yaml").write_bytes(b"messages:\n- id: \xff\xfe\n"),
    "alias bomb": lambda d: (d / "bomb.yaml").write_text(billion_laughs(), encoding="utf-8"),
    "wrong types in every field": lambda d: (d / "types.yaml").write_text(_wrong_type_entries(), encoding="utf-8"),
    "NUL bytes": lambda d: (d / "nul.yaml").write_bytes(b"\0" * 4096),
}


def pack_of(tmp_path: Path, kind: str) -> Path:
    pack = tmp_path / "pack"
    pack.mkdir()
    KNOWLEDGE_FILES[kind](pack)
    return pack


@pytest.mark.parametrize("kind", KNOWLEDGE_FILES)
def test_a_broken_extra_pack_is_skipped_and_validate_names_it(tmp_path: Path, kind: str) -> None:
    pack = pack_of(tmp_path, kind)
    run = sapassist("ask", "--kb", pack, "SCLNT_HTTP421")
    assert_clean(run, (0,))
    assert "SCLNT_HTTP421" in run.stdout and f"knowledge pack {pack}" in run.stderr
    run = sapassist("kb", "validate", pack)
    assert_clean(run, (0, 2), error_lines=500, report="stdout")
    if kind != "directory named .yaml":  # a directory is no knowledge file: the pack is empty
        assert run.code == 2 and str(pack) in run.stdout + run.stderr


@pytest.mark.parametrize("kind", ["empty", "missing", "fifo", "alias bomb", "wrong types in every field"])
@pytest.mark.parametrize("command", [("ask", "how should I set ssl/client_ciphersuites"),
                                     ("ask", "--json", "SCLNT_HTTP421"), ("list",), ("lookup", "421")])
def test_a_broken_bundled_base_is_a_knowledge_base_error(tmp_path: Path, kind: str, command: tuple[str, ...]) -> None:
    if kind == "empty":
        bundled = tmp_path / "pack"
        bundled.mkdir()
    elif kind == "missing":
        bundled = tmp_path / "missing"
    else:
        bundled = pack_of(tmp_path, kind)
    run = sapassist(*command, bundled=bundled)
    # the problems (file:line each), then one line saying the base has them
    assert_clean(run, (2,), error_lines=500)
    assert "the knowledge base has" in run.stderr and str(bundled) in run.stderr
    if "--json" in command:
        assert '"exit_code": 2' in run.stdout


@pytest.fixture(scope="module")
def t100_only_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A base that holds only messages of one imported T100 class: no causes, no glossary."""
    folder = tmp_path_factory.mktemp("t100-only")
    download = folder / "t100.txt"
    download.write_text("SPRSL\tARBGB\tMSGNR\tTEXT\nE\tZFOO\t001\tSomething & failed\n", encoding="utf-8")
    run = sapassist("kb", "import-t100", download, "--output", folder / "pack")
    assert run.code == 0, run.stderr
    return folder / "pack"


@pytest.mark.parametrize("command", [
    ("ask", "how should I set ssl/client_ciphersuites"),
    ("ask", "--json", "how do I import a certificate into STRUST"),
    ("ask", "is it the proxy?"),
    ("lookup", "STRUST"),
    ("list",),
])
def test_a_base_without_causes_or_glossary_still_answers(t100_only_base: Path, command: tuple[str, ...]) -> None:
    run = sapassist(*command, bundled=t100_only_base)
    assert_clean(run, (0, 1))
    # answered, or said it is not there / not understood (exit 1: the answer says so on stdout)
    assert run.stdout.strip() or run.stderr.strip()


def test_the_piped_chat_on_a_base_without_causes_or_glossary(t100_only_base: Path) -> None:
    questions = b"how should I set ssl/client_ciphersuites\nhow do I fix it?\nwhat is STRUST?\nZFOO001\n"
    run = sapassist("chat", stdin=questions, bundled=t100_only_base)
    assert_clean(run, (0,))
    assert run.stdout.count("you> ") == 4


# --- standard input ----------------------------------------------------------------------

STDIN = {
    "NUL bytes": b"\0" * 10_000,
    "1 MB without a newline": b"SCLNT_HTTP421 " + b"x" * 1_000_000,
    "invalid UTF-8": b"SSL handshake failed \xff\xfe\xc3\x28 SCLNT_HTTP407\n",
    "terminal escapes": b"\x1b]52;c;aGk=\x07\x1b[2J\x1b[31mSCLNT_HTTP421\x1b[0m\r\x08\x08\n",
    "nothing": b"",
}


@pytest.mark.parametrize("kind", STDIN)
@pytest.mark.parametrize("command", [("ask", "-"), ("ask", "--json", "-"), ("chat",), ("chat", "--json")])
def test_standard_input_that_is_no_text(kind: str, command: tuple[str, ...]) -> None:
    run = sapassist(*command, stdin=STDIN[kind])
    assert_clean(run, (0, 1, 2))
    assert "\x1b" not in run.stdout and "\x07" not in run.stdout  # escapes are shown, never sent


# --- arguments -------------------------------------------------------------------------

LONG = "SCLNT_HTTP421 " + "a" * 120_000  # under one argument's limit of 128 KiB
CONTROL = "SCLNT_HTTP421\x1b[2J\x07\x08\r\x7f\x9b"
ARGUMENTS = [
    ("ask", ""), ("ask", "--json", ""), ("ask", LONG), ("ask", "--json", CONTROL),
    ("lookup", ""), ("lookup", LONG), ("lookup", "--json", CONTROL),
    ("list", "--class", ""), ("list", "--json", "--class", CONTROL),
    ("kb", "validate", ""), ("kb", "validate", CONTROL), ("kb", "path", "--kb", ""), ("kb", "path", "--kb", CONTROL),
    ("kb", "import-t100", "", "--output", ""), ("kb", "import-t100", CONTROL, "--output", "out"),
    ("cert", ""), ("cert", CONTROL), ("trace", ""), ("trace", "--json", LONG),
    ("ask", "--kb", "", "SCLNT_HTTP421"), ("ask", "--kb", LONG, "SCLNT_HTTP421"),
    ("chat", "--resume", CONTROL), ("chat", "--json", "--resume", ""),
]


@pytest.mark.parametrize("argv", ARGUMENTS, ids=lambda a: repr(a)[:60])
def test_arguments_no_one_should_type(argv: tuple[str, ...], tmp_path: Path) -> None:
    run = sapassist(*argv, stdin=b"SCLNT_HTTP421\n")
    assert_clean(run, (0, 1, 2), error_lines=3, report="stdout" if argv[:2] == ("kb", "validate") else "stderr")
    assert "\x1b" not in run.stderr and "\x1b" not in run.stdout


BAD_URLS = ["", " ", "https://", "http://[::1", "https://host:99999/", "https://a b.example/", "ftp://files.example/",
            "https://" + "a" * 70_000 + ".example/", "https://bad.invalid/", CONTROL, "https://user:pw@x.example/",
            "https://-/", "https://[fe80::1%25eth0/"]


@pytest.mark.parametrize("url", BAD_URLS, ids=lambda u: repr(u)[:40])
def test_check_with_bad_urls(url: str) -> None:
    run = sapassist("check", "--timeout", "3", "--json", url)
    assert_clean(run, (1, 2))
    assert run.stdout.strip().startswith("{")
