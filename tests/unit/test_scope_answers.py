"""Answers for the kinds of failure that are not the SAP HTTP client, read as a user reads
them: what it is first, where its fix lives (the pointer's entry), one next step from that
entry, no SCLNT_HTTP message leading — and "who fixes it?" names the side the kind says.
Table-driven over classes of report (each kind and pointer), not sentences of the
evaluation sets."""

from __future__ import annotations

import re

import pytest

from assistant.answers.clientside import REFUSAL_STATUSES
from assistant.answers.clientstep import CLIENT_STEP_BY_STAGE
from assistant.answers.questions import build_answer_doc
from assistant.answers.quoting import user_words
from assistant.answers.toolerror import QUOTE_LIMIT
from assistant.intent import DialogueState
from assistant.intent.refusalagent import FAR_REFUSAL_REASON, POINTER_OF_SIDE
from assistant.intent.result import Routed, Scope
from assistant.intent.scope import TOOL_ERROR_REASON
from assistant.intent.scopetally import CA_BUNDLE_POINTER
from assistant.intent.scopevocab import FAMILIES, KEY_STORES, TLS_SETTINGS
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.services.answering import Answered, answer_question
from tests.support.dialogues import answers_to
from tests.support.kb import sample_kb


def _pointers() -> list[str]:
    """Every glossary id the scope can give as the place of a fix."""
    ids = {f.pointer for f in FAMILIES.values() if f.pointer}
    ids |= {p for _, p in TLS_SETTINGS.values()} | set(KEY_STORES.values()) | {CA_BUNDLE_POINTER}
    return sorted(ids | set(POINTER_OF_SIDE.values()))


@pytest.mark.parametrize("pointer", _pointers())
def test_every_place_of_a_fix_says_what_to_do_there_first(bundled_kb: KnowledgeBase, pointer: str) -> None:
    entry = bundled_kb.glossary[pointer]
    assert entry.next_step.strip(), f"{pointer} has no next_step"
    assert entry.sources, f"{pointer} has no sources"


# (text, kind, pointer): one report per pointer of each kind, in different clients' words.
POINTED = [
    ("Our Java job calling the S/4 API: javax.net.ssl.SSLHandshakeException: PKIX path building failed: "
     "unable to find valid certification path to requested target", "other_client", "JAVA_PKIX"),
    ("Node.js app calling our OData service: Error: self signed certificate in certificate chain, "
     "code SELF_SIGNED_CERT_IN_CHAIN", "other_client", "NODE_EXTRA_CA_CERTS"),
    ("Python requests to the S/4 API: SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] "
     "certificate verify failed: unable to get local issuer certificate'))", "other_client", "PYTHON_TRUST"),
    ("RFC from our BW fails: RFC_COMMUNICATION_FAILURE partner '10.1.1.1:3300' not reached, "
     "NiPConnect2: 10.1.1.1:3300 ERRNO TEXT Connection refused", "rfc_or_network", "RFC_PARTNER_NOT_REACHED"),
    ("JCoException: (106) JCO_ERROR_RESOURCE: UCON RFC Rejected for function module Z_READ_DATA",
     "rfc_or_network", "UCON_RFC"),
    ("Browser warns on https://cc-host:8443: the Cloud Connector administration UI shows a self-signed "
     "certificate", "sap_server_inbound", "CLOUD_CONNECTOR_UI_CERTIFICATE"),
]


def _answer(kb: KnowledgeBase, text: str) -> Answered:
    return answer_question(text, kb, DialogueState())


@pytest.mark.parametrize(("text", "kind", "pointer"), POINTED)
def test_a_pointer_answer_leads_with_the_kind_the_place_and_a_next_step(
        bundled_kb: KnowledgeBase, text: str, kind: str, pointer: str) -> None:
    answered = _answer(bundled_kb, text)
    assert (answered.routed.scope.kind, answered.routed.scope.pointer) == (kind, pointer)
    assert answered.doc.headline.startswith("Not an SAP HTTP-client error")
    lines = answered.doc.verdict.split("\n\n")
    assert lines[0].startswith("**What it is:**")
    assert any(line.startswith("**Where the fix lives:**") for line in lines)
    step = " ".join(bundled_kb.glossary[pointer].next_step.split())
    assert f"**Next step:** {step[:1].upper()}{step[1:]}" in lines
    assert sum(line.startswith("**Next step:**") for line in lines) == 1


# A refusal told in words by the SAP system serving the request (intent/refusalagent.py):
# several agents and forms of the reading, each with no status number.
SAP_REFUSALS = [
    "When our Node app calls the OData service, our S/4HANA system rejects the request: the user has no "
    "authorization for the service group",
    "Our Java client gets an error: the request was rejected by the SAP system, user not authorized",
    "The Fiori launchpad denies access for our test user when the app starts",
]


@pytest.mark.parametrize("text", SAP_REFUSALS)
def test_a_refusal_by_the_sap_system_says_where_its_reason_is_kept_and_what_to_do(
        bundled_kb: KnowledgeBase, text: str) -> None:
    answered = _answer(bundled_kb, text)
    assert answered.routed.scope.kind == "sap_server_inbound"
    verdict = answered.doc.verdict
    assert "**Where the fix lives:**" in verdict and "**Next step:**" in verdict
    assert "Security Audit Log" in verdict
    assert not answered.doc.headline.startswith("SCLNT_HTTP")


@pytest.mark.parametrize(("topic", "side", "not_side"), [
    ("Browser warns on https://cc-host:8443: the Cloud Connector administration UI shows a self-signed certificate",
     "SAP system that was called", "client that made the call"),
    ("JCoException: (106) JCO_ERROR_RESOURCE: UCON RFC Rejected for function module Z_READ_DATA",
     "side where the fix lives", "client that made the call"),
    ("Our Java program gets PKIX path building failed calling https://api.partner.de",
     "client that made the call", "SAP system that was called"),
])
def test_who_fixes_another_kind_is_the_side_its_kind_names(bundled_kb: KnowledgeBase, topic: str, side: str,
                                                            not_side: str) -> None:
    # The SAP system as server is fixed there, not by "whoever runs the client"; the gateway's
    # lists and UCON are the called system's, not the caller's client.
    _, asked = answers_to(bundled_kb, topic, "who has to fix it, us or them?")
    first = asked.doc.verdict.split("\n\n")[0]
    assert first.startswith("**Who fixes it:**") and side in first and not_side not in first


# A tool's own error raised before any request (intent/toolerror.py), in several runtimes' words:
# (text, the name the step must give, the settings file it must name or "").
TOOL_ERRORS = [
    ("the deploy stops with TypeError: Cannot read properties of undefined (reading 'credentials') in ui5.yaml",
     "`credentials`", "`ui5.yaml`"),
    ("Our Python script that calls the S/4 OData API stops with KeyError: 'client_secret' when it loads config.json",
     "`client_secret`", "`config.json`"),
    ("cf deploy of our MTA to the SAP BTP fails: Missing required parameter 'service-key' in mta.yaml",
     "`service-key`", "`mta.yaml`"),
    ("the build breaks with AttributeError: 'NoneType' object has no attribute '*auth_url*'", "`*auth_url*`", ""),
]


@pytest.mark.parametrize(("text", "name", "settings_file"), TOOL_ERRORS)
def test_a_tools_own_error_is_said_quoted_and_fixed_where_it_names(
        bundled_kb: KnowledgeBase, text: str, name: str, settings_file: str) -> None:
    answered = _answer(bundled_kb, text)
    assert answered.routed.scope.reason == TOOL_ERROR_REASON
    lines = answered.doc.verdict.split("\n\n")
    assert lines[0].startswith("**What it is:**") and "before any request was sent" in lines[0]
    assert lines[1] == f"**The error:** {user_words(text, QUOTE_LIMIT)}"  # literal, Markdown inert
    steps = [line for line in lines if line.startswith("**Next step:**")]
    assert len(steps) == 1 and name in steps[0] and settings_file in steps[0]
    assert "that tool's own configuration" in steps[0]
    whole = answered.doc.markdown()
    assert "SCLNT_HTTP" not in whole.replace("no SCLNT_HTTP message applies", "")
    assert not answered.doc.sections  # no causes of a connection, no unrelated entry


def test_a_file_the_tool_did_not_find_is_looked_for_where_the_tool_looks() -> None:
    text = "npm run deploy fails: Error: ENOENT: no such file or directory, open 'default-env.json'"
    state = DialogueState(pending="no_call", pending_text=text)
    routed = Routed(intent="explain", state=state, scope=Scope("unknown", TOOL_ERROR_REASON))
    doc = build_answer_doc(routed, sample_kb())
    step = next(line for line in doc.verdict.split("\n\n") if line.startswith("**Next step:**"))
    assert "make sure `default-env.json` exists where the tool looks for it" in step


# A far server's refusal told in words, with no status number (intent/refusalagent.py).
FAR_REFUSALS = [
    "Our Java job calls the partner's REST API and the partner's server rejects the request: not authorized",
    "The partner's API server refuses our calls: access denied for our technical user",
]
_STEP_FOR_A_STATUS = re.compile(r"^\d+\. (?:For an? HTTP ((?:\d{3}/)*\d{3})\b|((?:\d{3}/)*\d{3}):)", re.MULTILINE)


@pytest.mark.parametrize("text", FAR_REFUSALS)
def test_a_refusal_in_words_keeps_only_the_steps_of_a_refusal(bundled_kb: KnowledgeBase, text: str) -> None:
    topic, fixed = answers_to(bundled_kb, text, "how do I fix it?")
    assert topic.routed.scope.reason == FAR_REFUSAL_REASON and not topic.routed.call_statuses
    steps = "\n".join(s.markdown for s in fixed.doc.sections if not s.key.startswith("sources"))
    led = [m.group(1) or m.group(2) for m in _STEP_FOR_A_STATUS.finditer(steps)]
    assert all(set(map(int, n.split("/"))) & set(REFUSAL_STATUSES) for n in led), led
    assert "For an HTTP 429" not in fixed.doc.markdown().split("### Sources")[0]


# Another client's failure with no pointer of its own: one next step by the stage it failed at.
# (text, the stage whose step the answer must give)
CLIENT_STAGES = [
    ("Our Go service calling the S/4 API fails: x509: certificate signed by unknown authority", "chain"),
    ("Our Node.js job calling the S/4 API fails with Error: connect ETIMEDOUT 10.20.30.40:443", "connect"),
    ("Our Python script calling the OData API fails: requests.exceptions.ConnectionError: Max retries exceeded "
     "(Caused by NewConnectionError: Failed to establish a new connection: [Errno 111] Connection refused)", "connect"),
    ("Our JDBC connection to the HANA database fails: SAP DBTech JDBC: [-10709]: Connection failed "
     "(RTE:[89006] System call 'connect' failed, rc=110:Connection timed out)", "connect"),
]


@pytest.mark.parametrize(("text", "stage"), CLIENT_STAGES)
def test_another_clients_failure_gets_the_step_of_its_stage(bundled_kb: KnowledgeBase, text: str, stage: str) -> None:
    answered = _answer(bundled_kb, text)
    assert answered.routed.scope.kind == "other_client"
    assert bundled_kb.glossary.get(answered.routed.scope.pointer or "") is None
    steps = [line for line in answered.doc.verdict.split("\n\n") if line.startswith("**Next step:**")]
    step = CLIENT_STEP_BY_STAGE[stage]
    assert steps == [f"**Next step:** {step[:1].upper()}{step[1:]}"]
    assert not re.search(r"\b(?:STRUST|SM59|SMICM)\b", steps[0].replace("(not STRUST)", ""))


@pytest.mark.parametrize(("text", "step"), [
    # A reset told in a client's own network words: its cause is seen at the server's answer
    # ("http"), a stage with no step of ours — the kind's own stage (connect) gives it.
    ("Error: socket hang up when the node client posts to https://api.partner.example.org/v1/orders",
     CLIENT_STEP_BY_STAGE["connect"]),
])
def test_another_clients_failure_past_the_connection_still_gets_a_step(
        bundled_kb: KnowledgeBase, text: str, step: str) -> None:
    answered = _answer(bundled_kb, text)
    assert answered.routed.scope.kind == "other_client", answered.routed.scope
    assert "**Next step:**" in answered.doc.verdict, answered.doc.verdict
    assert step[:40].lower() in answered.doc.verdict.lower(), answered.doc.verdict
