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


@pytest.mark.parametrize(
    "cited",
    [
        "https://me.sap.com/notes/510007",
        "https://launchpad.support.sap.com/#/notes/510007",
        "https://sap.github.io/cloud-sdk/docs/js/features/connectivity/destinations",
        "https://github.com/abapGit/abapGit/issues/4908",
        "https://github.com/SAP/cloud-sdk-js/blob/main/README.md",
        "https://gitlab.com/group/project/-/issues/12",
        "https://learn.microsoft.com/en-us/azure/api-management/api-management-howto-mutual-certificates",
    ],
)
def test_a_page_cited_for_reading_is_no_check_target(kb: KnowledgeBase, cited: str) -> None:
    """A note, a documentation page or an issue thread is what the admin read, not what the
    SAP system calls: the live check goes to the failing endpoint named beside it."""
    routed = route(f"As described in {cited} we set it up, but SM59 to https://api.partner.de fails with 407", kb)
    assert routed.check_target == "https://api.partner.de"


@pytest.mark.parametrize("called", ["https://github.com/abapGit/abapGit.git", "https://github.com/SAP/abap-file-uploader"])
def test_a_repository_url_is_still_what_abapgit_calls(kb: KnowledgeBase, called: str) -> None:
    routed = route(f"abapGit clone of {called} fails: HTTP error 407 occured", kb)
    assert routed.check_target == called


def test_a_release_download_is_what_the_tool_fetched(kb: KnowledgeBase) -> None:
    url = "https://github.com/SAP/cloud-mta-build-tool/releases/download/v1.0.16/mbt_Linux_amd64.tar.gz"
    routed = route(f"npm install fails: GET {url} ETIMEDOUT, see https://github.com/request/request/issues/3142", kb)
    assert routed.check_target == url
