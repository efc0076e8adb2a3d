"""`check --json` carries the knowledge base's next step (what to do in STRUST / SM59 /
SMICM) for a script that reads it — added to the report, nothing else changed — and
gets it from the small derived cache, without unpickling the base."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.kb.knowledge_base import KnowledgeBase
from tests.support import certs
from tests.support.proxy import ProxyProcess
from tests.support.servers import LoopbackServer, http_handler, serve_scenario

OLD_KEYS = {"target", "verdict", "sclnt_http", "cause", "findings", "chain", "elapsed_ms", "cancelled"}


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(["check", *argv, "--json"])
    return code, capsys.readouterr().out


@pytest.fixture(scope="module")
def untrusted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LoopbackServer, Path]]:
    with serve_scenario(certs.untrusted_root(), tmp_path_factory.mktemp("untrusted")) as served:
        yield served


def test_an_unknown_host_gets_the_causes_first_fix_and_the_message_text(
        capsys: pytest.CaptureFixture[str], bundled_kb: KnowledgeBase) -> None:
    code, out = run_json(capsys, "https://erp.sapassist.invalid/sap/bc/ping")
    data = json.loads(out)
    assert code == 1 and OLD_KEYS <= set(data)
    step = data["next_step"]
    cause = bundled_kb.causes["dns_failure"]
    assert (step["from"], step["cause"], step["cause_title"]) == ("cause_fix", "dns_failure", cause.title)
    assert step["text"] == step["first_fix"] == cause.fix[0].strip() and "SM59" in step["text"]
    message = bundled_kb.messages["SCLNT_HTTP417"]
    assert (step["sclnt_http"], step["sclnt_http_text"], step["sclnt_http_text_origin"]) == (
        "SCLNT_HTTP417", message.display_text, message.text_origin)


def test_an_untrusted_chain_gets_what_to_import_into_strust(
        untrusted: tuple[LoopbackServer, Path], capsys: pytest.CaptureFixture[str],
        bundled_kb: KnowledgeBase) -> None:
    srv, ca = untrusted
    _code, out = run_json(capsys, srv.url(), "--ca-file", str(ca))
    step = json.loads(out)["next_step"]
    assert step["cause"] == "server_cert_untrusted" and step["sclnt_http"] == "SCLNT_HTTP421"
    assert step["from"] == "import"
    assert step["text"].startswith("Import CN=sapassist Untrusted Root CA") and "in STRUST" in step["text"]
    assert step["first_fix"] == bundled_kb.causes["server_cert_untrusted"].fix[0].strip()
    assert step["sclnt_http_text"] == bundled_kb.messages["SCLNT_HTTP421"].display_text


def test_a_findings_own_next_step_comes_first(capsys: pytest.CaptureFixture[str],
                                              bundled_kb: KnowledgeBase) -> None:
    with ProxyProcess("deny403") as proxy:
        _code, out = run_json(capsys, "https://localhost:1/", "--proxy", proxy.url)
    data = json.loads(out)
    failed = next(f for f in data["findings"] if f["status"] == "fail")
    step = data["next_step"]
    assert step["from"] == "finding" and step["text"] == failed["data"]["next_step"]
    assert step["first_fix"] == bundled_kb.causes["proxy_http_error"].fix[0].strip()
    assert step["sclnt_http"] == "SCLNT_HTTP426"


def test_batch_json_lines_carry_it_and_a_healthy_endpoint_has_none(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    with LoopbackServer(http_handler()) as srv:
        endpoints = tmp_path / "endpoints.yaml"
        endpoints.write_text(f"endpoints:\n  - url: {srv.url(scheme='http')}\n"
                             "  - url: https://erp.sapassist.invalid/\n")
        _code, out = run_json(capsys, "--file", str(endpoints))
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["verdict"] for r in rows] == ["ok", "error"]
    assert rows[0]["next_step"] is None and rows[1]["next_step"]["cause"] == "dns_failure"


PROBE = (
    "import sys\n"
    "from assistant.cli import main\n"
    "code = main(['check', 'https://erp.sapassist.invalid/', '--json'])\n"
    "print('BASE' if 'assistant.kb.knowledge_base' in sys.modules else 'LIGHT', file=sys.stderr)\n"
)


def test_a_warm_run_reads_only_the_derived_cache() -> None:
    """The first run builds the small cache file; the next one never unpickles the base."""
    runs = [subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60,
                           check=False, stdin=subprocess.DEVNULL) for _ in range(2)]
    assert runs[0].stderr.strip().endswith("BASE"), runs[0].stderr
    assert runs[1].stderr.strip().endswith("LIGHT"), runs[1].stderr
    assert json.loads(runs[0].stdout)["next_step"] == json.loads(runs[1].stdout)["next_step"]


def test_a_knowledge_base_that_cannot_load_leaves_the_report(tmp_path: Path) -> None:
    """An unreadable --kb pack costs the next step at most, never the report."""
    bad = tmp_path / "pack"
    bad.mkdir()
    (bad / "causes.yaml").write_text("causes: [unclosed\n")
    proc = subprocess.run([sys.executable, "-m", "assistant", "check", "--kb", str(bad),
                           "https://erp.sapassist.invalid/", "--json"],
                          capture_output=True, text=True, timeout=60, check=False, stdin=subprocess.DEVNULL)
    data = json.loads(proc.stdout)
    assert proc.returncode == 1 and data["cause"] == "dns_failure"
    assert data["next_step"]["cause"] == "dns_failure"  # the bad pack is skipped, the bundled base answers
    assert "Traceback" not in proc.stderr
