"""`sapassist ask` with a pasted dev_icm trace, as a real process: the trace analysis
answers it and `--json` says so (`trace` summary plus the handshakes); the target to
check is the partner, never the ICM's own `local=` socket.

Traces are written in the shapes of public traces (tests/support/dev_icm.py cites them).
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

from tests.support import certs, dev_icm


def ask(*args: str, stdin: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "assistant", "ask", *args], input=stdin,
                          capture_output=True, text=True, timeout=60, check=False)


def two_problems() -> str:
    sc = certs.incomplete_chain()  # leaf only; the issuer's name and AIA say "intermediate"
    return "\n".join(dev_icm.trace([
        dev_icm.Handshake(host="api.partner.example", certs=[sc.leaf.cert], thread=dev_icm.THREAD_A, handle=1),
        dev_icm.Handshake(host="api.partner.example", certs=[sc.leaf.cert], thread=dev_icm.THREAD_B, handle=2),
        dev_icm.Handshake(host="old.partner.example", port=8443, code="SSSLRC_CONN_CLOSED", sni=False,
                          pse=dev_icm.CLIENT_PSE, thread=dev_icm.THREAD_C, handle=3),
    ]))


def test_ask_json_says_it_is_a_dev_icm_trace() -> None:
    proc = ask("--json", stdin=two_problems())
    assert proc.returncode == 0 and "Traceback" not in proc.stderr
    out: dict[str, Any] = json.loads(proc.stdout)
    trace = out["trace"]
    assert trace["kind"] == "dev_icm"
    assert (trace["handshakes"], trace["failed"], trace["problems"]) == (3, 3, 2)
    assert (trace["sclnt_http"], trace["cause"]) == ("SCLNT_HTTP421", "intermediate_missing")
    assert trace["partner"] == "api.partner.example:443"
    assert trace["import"][0]["subject"] == certs.ca_pair()[1].subject
    assert trace["import"][0]["pse_node"] == "SSL client Anonymous (ANONYM)"
    assert trace["check_targets"] == ["https://api.partner.example:443", "https://old.partner.example:8443"]
    hosts = [(h["host"], h["port"], h["ok"], h["code"], h["pse_node"]) for h in out["handshakes"]]
    assert sorted(hosts) == sorted([
        ("api.partner.example", 443, False, "SSSLERR_PEER_CERT_UNTRUSTED", "SSL client Anonymous (ANONYM)"),
        ("api.partner.example", 443, False, "SSSLERR_PEER_CERT_UNTRUSTED", "SSL client Anonymous (ANONYM)"),
        ("old.partner.example", 8443, False, "SSSLRC_CONN_CLOSED", "SSL client Standard (DFAULT)"),
    ])
    assert out["check_target"] == "https://api.partner.example:443"
    assert dev_icm.LOCAL_SOCKET.split(":")[0] not in json.dumps(out["entities"])
    assert [m["id"] for m in out["messages"]][:1] == ["SCLNT_HTTP421"]
    assert out["causes"][0]["id"] == "intermediate_missing"
    assert out["answer"].startswith("## dev_icm trace: 3 TLS handshakes, 3 failed → SCLNT_HTTP421")


def test_plain_ask_prints_the_trace_summary_and_table() -> None:
    proc = ask(stdin=two_problems())
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout
    assert text.startswith("dev_icm trace: 3 TLS handshakes, 3 failed → SCLNT_HTTP421")
    assert "What to do: the server should send its intermediate, or import CN=sapassist Test Intermediate CA" in text
    assert "1 other problem below." in text
    assert "old.partner.example:8443 — SSSLRC_CONN_CLOSED" in text and "SNI: not sent" in text
    assert "sapassist check https://api.partner.example:443" in text


def test_one_error_line_is_still_a_question_for_the_router() -> None:
    proc = ask("--json", stdin="*** ERROR => SSL handshake with api.partner.example:443 failed: "
                                "SSSLERR_PEER_CERT_UNTRUSTED (-102)")
    out = json.loads(proc.stdout)
    assert "trace" not in out and out["messages"][0]["id"] == "SCLNT_HTTP421"
