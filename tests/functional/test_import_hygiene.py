"""Heavy packages stay off the fast paths (checked in fresh processes, warm cache).

`ask --json`, `lookup --json` and `list` must not import textual, markdown_it,
cryptography or yaml; plain `ask`, `lookup`, `check --help`, and a real `check`, `cert` and `trace` must not import
textual (the README says so).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("textual", "markdown_it", "cryptography", "yaml")

PROBE = (
    "import json, sys\n"
    "from assistant.cli import main\n"
    "try:\n"
    "    code = main(sys.argv[2:])\n"
    "except SystemExit as exc:\n"
    "    code = exc.code\n"
    "roots = sorted({m.split('.')[0] for m in sys.modules})\n"
    "open(sys.argv[1], 'w').write(json.dumps({'code': code, 'modules': roots}))\n"
)


def imported(tmp_path_factory: pytest.TempPathFactory, *args: str) -> set[str]:
    out = tmp_path_factory.mktemp("probe") / "modules.json"
    subprocess.run(
        [sys.executable, "-c", PROBE, str(out), *args],
        capture_output=True, timeout=60, check=False, stdin=subprocess.DEVNULL,
    )
    data = json.loads(out.read_text())
    return set(data["modules"])


@pytest.fixture(autouse=True)
def warm_cache() -> None:
    """Build the knowledge-base cache (and the router index) once in this test's cache dir."""
    subprocess.run([sys.executable, "-m", "assistant", "ask", "--json", "SCLNT_HTTP407"],
                   capture_output=True, timeout=60, check=False)


@pytest.mark.parametrize(
    "args",
    [
        ("ask", "--json", "HTTP error 407 occured: SSSLERR_SSL_READ with github.com:443"),
        ("ask", "--json", "certifcate not trustd"),
        ("lookup", "--json", "SCLNT_HTTP421"),
        ("lookup", "--json", "SCLNT_HTTP419"),
        ("list",),
        ("list", "--json"),
    ],
)
def test_fast_paths_import_nothing_heavy(tmp_path_factory: pytest.TempPathFactory, args: tuple[str, ...]) -> None:
    modules = imported(tmp_path_factory, *args)
    assert "assistant" in modules
    assert not modules & set(HEAVY), sorted(modules & set(HEAVY))


@pytest.mark.parametrize(
    "args",
    [("ask", "what is SCLNT_HTTP407"), ("lookup", "SCLNT_HTTP407"), ("check", "--help"), ("ask", "hello")],
)
def test_text_paths_never_import_textual(tmp_path_factory: pytest.TempPathFactory, args: tuple[str, ...]) -> None:
    modules = imported(tmp_path_factory, *args)
    assert "textual" not in modules


def test_plain_ask_does_render_with_markdown_it(tmp_path_factory: pytest.TempPathFactory) -> None:
    # The probe really sees imports: the rendering path is expected to load markdown_it.
    assert "markdown_it" in imported(tmp_path_factory, "ask", "what is SCLNT_HTTP407")


def test_rapidfuzz_only_for_a_word_that_needs_the_fuzzy_search(tmp_path_factory: pytest.TempPathFactory) -> None:
    # ~15 ms of a fresh start: a question spelt right never pays for it, a typo does
    assert "rapidfuzz" not in imported(tmp_path_factory, "ask", "--json", "SCLNT_HTTP407 SSL error")
    assert "rapidfuzz" in imported(tmp_path_factory, "ask", "--json", "certifcate not trustd")


def test_only_the_named_sub_command_gets_its_arguments() -> None:
    from assistant.cli import build_parser

    argv = ["ask", "--json", "x"]
    args = build_parser(argv).parse_args(argv)
    assert (args.command, args.json, args.text) == ("ask", True, ["x"])
    argv = ["check", "--no-sni", "https://a.invalid"]
    assert build_parser(argv).parse_args(argv).no_sni is True
    names = ("chat", "ask", "lookup", "list", "kb", "check", "cert", "trace")
    for parser in (build_parser(argv), build_parser(None)):  # the help lists them all
        assert all(f"    {name} " in parser.format_help() for name in names)


def test_check_cert_and_trace_runs_never_import_textual(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The README's promise beyond --help: a real check (of a name that never resolves), a
    certificate file read and a dev_icm trace read all stay off the chat's package."""
    from tests.support import certs, dev_icm

    files = tmp_path_factory.mktemp("files")
    leaf = certs.good_chain().write(files).leaf
    trace = dev_icm.write(files / "dev_icm", dev_icm.header() + dev_icm.trace([dev_icm.Handshake("api.partner.invalid")]))
    for args in (("check", "--timeout", "2", "https://sap.invalid/"), ("cert", str(leaf)), ("trace", str(trace))):
        assert "textual" not in imported(tmp_path_factory, *args), args
