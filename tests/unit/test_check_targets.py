"""Names in a report that read like hosts but name no server: no live check is offered for
them (answers review 2). Each text is written for its class: a numbered step typed without
its blank, a call in code, a source or Terraform file, a name whose rest is masked, the
caller's own end of a connection in another runtime's words. The real target beside them is
still found, so the tests fail on a reader that drops every name."""

from __future__ import annotations

import pytest

from assistant.answers.questions import build_answer_doc
from assistant.intent import route
from assistant.intent.hosts import find_hosts
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


@pytest.mark.parametrize(
    ("text", "not_a_host"),
    [
        ("Steps:\n1.Go to the Communication Arrangements app\n2.Open it: 401 from api.partner.de", "1.go"),
        ("3.In the launchpad open the tile, the call gets 401 from api.partner.de", "3.in"),
        ("the plug-in reads cds.on('served', fn) and then the call to api.partner.de fails", "cds.on"),
        ("terraform apply on main.tf fails: 403 from api.partner.de", "main.tf"),
        ("db.go:151: read error from api.partner.de: EOF", "db.go"),
        ('"server": "tenant.hana.*****.dbaas.ondemand.com", and the call to api.partner.de times out',
         "tenant.hana"),
    ],
)
def test_a_dotted_word_that_is_no_server_is_no_host(text: str, not_a_host: str) -> None:
    hosts, _urls, _ports, _proxy = find_hosts(text)
    assert not_a_host not in hosts
    assert "api.partner.de" in hosts  # the real one stays


@pytest.mark.parametrize("name", ["sap01.example.de", "erp.corp.at", "gw.partner.io", "api.firma.ch"])
def test_a_country_or_common_tld_still_names_a_host(name: str) -> None:
    assert find_hosts(f"connection to {name} refused")[0] == [name]


def test_the_callers_own_socket_in_go_words_is_no_target() -> None:
    text = ("connection.go:151: Connection read error local address 10.9.8.7:56141 "
            "remote address 192.0.2.10:443: EOF")
    hosts, _urls, ports, _proxy = find_hosts(text)
    assert hosts == ["192.0.2.10"] and 56141 not in ports


def test_the_callers_own_port_in_java_words_is_no_target() -> None:
    text = "Connection refused (local port 51506 to address 172.17.0.1, remote port 39030 to address 172.17.0.2)"
    hosts, _urls, _ports, _proxy = find_hosts(text)
    assert "172.17.0.1" not in hosts and "172.17.0.2" in hosts


def test_a_numbered_step_gets_no_live_check_offer(kb: KnowledgeBase) -> None:
    text = ("Event notification to the iFlow fails.\n1.Go to the Application and User Management work center\n"
            "2.Go to Event Notification Monitoring\nResult: Failed > Test > 401 - Unauthorized")
    routed = route(text, kb)
    assert routed.offered_target is None
    assert "sapassist check" not in build_answer_doc(routed, kb).verdict
