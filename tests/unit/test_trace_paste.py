"""A trace pasted as a question: answered by the trace analysis, and the router's own
reading of trace lines no longer goes wrong (a handshake state is no error; the ICM's
own `local=` socket is no host).

Line shapes: abapGit issue 5589 (`SSL_get_state()==0x2120 "TLS read server hello A"`,
`SSL NI-hdl 89: local=… peer=…`), issue 3360 (`"TLS read finished A"`).
"""

from __future__ import annotations

import pytest

from assistant.intent import route
from assistant.intent.hosts import find_hosts
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb
from assistant.services.answering import answer_question, answer_to_json
from tests.support import dev_icm

STATE_LINES = [
    'SSL:SSL_get_state()==0x2120 "TLS read server hello A"',
    'SSL_get_state()==0x11c0 "TLS read finished A"',
    'SSL_get_state()==0x1180 "TLS read client certificate A"',
]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


def test_the_icms_own_socket_is_no_host() -> None:
    hosts, urls, ports, _ = find_hosts("SSL NI-hdl 89: local=10.20.30.40:54438  peer=140.82.121.3:443")
    assert (hosts, urls, ports) == (["140.82.121.3"], [], [443])
    hosts, _, ports, _ = find_hosts("local = 10.20.30.40:1 and LOCAL=host.example.com:2 to api.partner.example:443")
    assert (hosts, ports) == (["api.partner.example"], [443])


def test_a_line_with_both_sockets_offers_the_partner(kb: KnowledgeBase) -> None:
    routed = route("SSSLRC_CONN_CLOSED  SSL NI-hdl 89: local=10.20.30.40:54438  peer=api.partner.example:443", kb)
    assert routed.check_target == "api.partner.example"


@pytest.mark.parametrize("line", STATE_LINES)
def test_a_state_line_alone_names_no_code_and_no_topic(kb: KnowledgeBase, line: str) -> None:
    routed = route(line, kb)
    assert routed.codes == [] and routed.entities.codes == ()
    assert not routed.topic_in_text


def test_the_state_entry_explains_states_without_deciding_a_message(kb: KnowledgeBase) -> None:
    entry = kb.codes["DEV_ICM_SERVER_HELLO_A"]
    assert not entry.messages
    assert "SSL_get_state()" not in entry.aliases and "TLS read server hello A" in entry.aliases
    for state in ("TLS read server hello A", "TLS read client certificate A", "TLS read finished A"):
        assert state in entry.meaning
    assert "DEV_ICM_SERVER_HELLO_A" not in kb.messages["SCLNT_HTTP407"].codes


def test_the_router_reads_a_trace_by_its_error_not_its_state(kb: KnowledgeBase) -> None:
    """The old defect: the state line's alias made every trace SCLNT_HTTP407."""
    text = "\n".join(dev_icm.trace([dev_icm.Handshake(host="api.partner.example", state="TLS read server hello A")]))
    routed = route(text, kb)
    assert routed.messages[0].id == "SCLNT_HTTP421"
    assert "DEV_ICM_SERVER_HELLO_A" not in routed.codes
    assert routed.check_target == "api.partner.example"


def test_answer_question_sends_a_trace_to_the_trace_analysis(kb: KnowledgeBase) -> None:
    # the server's protocol_version alert: a version mismatch the trace confirms (a connection
    # merely closed after the ClientHello names a firewall as well: test_answer_audit16)
    text = "\n".join(dev_icm.trace([dev_icm.Handshake(host="api.partner.example",
                                                      code="SSSLERR_ALERT_PROTOCOL_VERSION")]))
    answered = answer_question(text, kb)
    assert answered.trace is not None and len(answered.trace.failed) == 1
    assert answered.markdown.startswith("## dev_icm trace: 1 TLS handshake, 1 failed → SCLNT_HTTP407")
    assert answered.routed.state.messages[:1] == ("SCLNT_HTTP407",)
    assert answered.routed.state.confirmed_cause == "tls_version_or_cipher_mismatch"
    assert answered.routed.check_target == "https://api.partner.example:443"
    out = answer_to_json(answered, kb)
    assert out["trace"]["kind"] == "dev_icm" and out["handshakes"][0]["state"] == "TLS read server hello A"


def test_a_trace_without_failures_keeps_the_conversation(kb: KnowledgeBase) -> None:
    state = route("SCLNT_HTTP415", kb).state
    text = "\n".join(dev_icm.trace([dev_icm.Handshake(host="api.partner.example", code=None)]))
    answered = answer_question(text, kb, state)
    assert answered.markdown.startswith("## dev_icm trace: 1 TLS handshake, 0 failed\n")
    assert "No handshake in the trace failed." in answered.markdown
    assert answered.routed.state.messages == state.messages and answered.routed.check_target is None
    assert answered.routed.intent != "not_understood"
