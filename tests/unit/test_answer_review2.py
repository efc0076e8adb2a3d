"""Classes of the second answers review (answerreview2), on the bundled base. Each test
first checks that the router hands over the material that made the answer mislead (so the
test can fail), then what the answer shows instead. Texts are written for the class."""

from __future__ import annotations

import pytest

from assistant.answers.questions import build_answer_doc
from assistant.intent import route
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


def _listed(doc_markdown: str, cause_id: str) -> bool:
    return f"(`{cause_id}`)" in doc_markdown


@pytest.mark.parametrize(
    ("text", "set_aside", "its_own"),
    [
        ("I activated our ICF service for the upload app in SICF. Calling it gives 'Service cannot be "
         "reached - 404 No Extension Found', a bit later 403 Forbidden.", "SCLNT_HTTP404",
         ("icm_resource_shortage", "icm_internal_error")),
        ("Error: Request failed with status code 401 at settle (node_modules/axios/lib/core/settle.js:17:12) "
         "timeout: 5000, url: 'https://tenant.authentication.eu10.hana.ondemand.com/oauth/token'", "SCLNT_HTTP401",
         ("connection_broken", "firewall_blocking")),
    ],
)
def test_a_set_aside_message_lends_no_cause(kb: KnowledgeBase, text: str, set_aside: str, its_own: tuple[str, ...]) -> None:
    """The router decides it (intent.setaside, answers23): a message the answer says the text
    is not — and the message of every number read as a server's status — lends none of its
    causes, so neither the answer nor the topic has them. (The axios text's "timeout: 5000"
    still meets SCLNT_HTTP402's title "Timeout error": its causes are that message's.)"""
    routed = route(text, kb)
    assert routed.scope.kind != "sap_http_client" and routed.scope.not_message == set_aside
    lenders = {set_aside} | {r.message for r in routed.readings if r.lean == "http" and r.decided and r.message}
    lenders |= {f"SCLNT_HTTP{r.number:03d}" for r in routed.readings if r.lean == "http" and r.decided}
    assert set(its_own) <= {c for m in lenders if m in kb.messages for c in kb.messages[m].causes}
    doc = build_answer_doc(routed, kb)
    shown = doc.verdict + "\n".join(s.markdown for s in doc.sections)
    for cause_id in its_own:
        assert cause_id not in {c.id for c in routed.causes}, cause_id
        assert not _listed(shown, cause_id), cause_id
        assert cause_id not in routed.state.causes, cause_id


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # The NI block names a host the admin never configured: the caller's own name.
        ("node script with ashost 10.20.30.40 fails: RFC_COMMUNICATION_FAILURE\n"
         "LOCATION CPIC (TCP/IP) on local host a1b2c3d4e5f6\nERROR hostname 'a1b2c3d4e5f6' unknown\n"
         "DETAIL NiHLGetNodeAddr: hostname cached as unknown", "calling machine's own host"),
        # An RFC connection that was up and then reset.
        ("RFC_COMMUNICATION_FAILURE from our .NET connector at random: ERROR connection to partner broken\n"
         "DETAIL NiIRead: P=10.1.2.3:3300; L=10.9.8.7:50123\nERRNO TEXT WSAECONNRESET: Connection reset by peer",
         "Connection reset by peer"),
    ],
)
def test_the_rfc_network_entry_covers_the_own_host_name_and_a_reset(kb: KnowledgeBase, text: str, said: str) -> None:
    routed = route(text, kb)
    assert routed.scope.kind == "rfc_or_network" and routed.scope.pointer == "RFC_PARTNER_NOT_REACHED"
    doc = build_answer_doc(routed, kb)
    shown = " ".join((doc.verdict + "\n".join(s.markdown for s in doc.sections)).split())
    assert said in shown


def test_an_unplaced_client_error_is_not_asked_for_again(kb: KnowledgeBase) -> None:
    """Another client's error the base cannot place at a step of the call, quoted in the
    report: the next step must not ask for the error text the report already has, but say
    where under it the step is named."""
    text = ("sqlacodegen with sqlalchemy_sqlany://user:pw@10.1.2.3/db reports 'database server not found, -100', "
            "while sqlanydb with odbc.ini connects")
    routed = route(text, kb)
    assert routed.scope.kind == "other_client"
    step = next(line for line in build_answer_doc(routed, kb).verdict.split("\n\n") if line.startswith("**Next step:**"))
    assert "read that client's own error text" not in step
    assert "names no step" in step and "Caused by" in step
