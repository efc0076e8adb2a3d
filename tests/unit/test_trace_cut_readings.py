"""A handshake the far end closed before any answer: the trace names a version or cipher
mismatch only when it shows one, else both readings and the check that decides.

SSSLRC_CONN_CLOSED ("Remote Peer has closed the network connection") while the ICM waited
for the ServerHello — or at trace level 1, where no state is written at all — looks the same
whether the server refused the versions and ciphers offered or a firewall or TLS inspection
cut the connection. A TLS alert from the peer in the error stack is the server's own refusal:
then the mismatch is shown. The traces are written in the ICM's own line shapes
(tests/support/dev_icm.py, docs/research/dev_icm_formats.md).
"""

from __future__ import annotations

import pytest

from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb
from assistant.services.answering import answer_question
from assistant.trace import analyze_text
from tests.support import dev_icm

HOST = "git.partner.corp"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


def _text(**kw: object) -> str:
    return "\n".join(dev_icm.trace([dev_icm.Handshake(host=HOST, code="SSSLRC_CONN_CLOSED", **kw)]))  # type: ignore[arg-type]


CUT_SHAPES = {
    "waiting for the ServerHello": {"state": "TLS read server hello A"},
    "level 1, no detail block": {"details": False, "incomplete": True},
}


@pytest.mark.parametrize("shape", CUT_SHAPES.values(), ids=list(CUT_SHAPES))
def test_a_cut_with_no_answer_names_both_readings_and_the_deciding_checks(kb: KnowledgeBase, shape: dict) -> None:
    lead = analyze_text(_text(**shape)).handshakes[0]
    assert (lead.cause, lead.also) == ("tls_version_or_cipher_mismatch", "firewall_blocking")
    answered = answer_question(_text(**shape), kb)
    verdict = answered.markdown.split("\n### ", 1)[0]
    assert "tls_version_or_cipher_mismatch" in verdict and "firewall_blocking" in verdict
    assert "no TLS alert" in verdict and "state `  `" not in verdict
    # what decides, run where the ICM runs: a ServerHello there clears the path
    assert f"openssl s_client -connect {HOST}:443 -servername {HOST} -tls1_2" in verdict
    assert f"sapassist check https://{HOST}" in verdict and "application server" in verdict
    assert not lead.advice.startswith("compare ssl/client_ciphersuites")
    assert answered.routed.state.confirmed_cause is None


@pytest.mark.parametrize("alert", ["handshake failure", "protocol version"])
def test_a_peers_alert_in_the_error_stack_shows_the_mismatch(kb: KnowledgeBase, alert: str) -> None:
    text = "\n".join(dev_icm.trace([dev_icm.Handshake(host=HOST, code="SSSLERR_SSL_READ", alert=alert)]))
    lead = analyze_text(text).handshakes[0]
    assert lead.also is None
    assert lead.cause in ("tls_version_or_cipher_mismatch", "tls_handshake_failed")
    verdict = answer_question(text, kb).markdown.split("\n### ", 1)[0]
    assert "firewall_blocking" not in verdict
