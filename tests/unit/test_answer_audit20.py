"""What a senior Basis admin would still correct in the first lines (answers20), each fixed
as a class:

- a follow-up about the PSE within SCLNT_HTTP421 named `SECUDIR` as a parameter of the
  untrusted-chain cause: its fix only says where the PSE file lies (`$(DIR_INSTANCE)/sec`),
  and the base read that directory as the environment variable that points to it;
- an answer in the unknown kind asked "which program makes the call?" of a text that names
  it (curl, the cf CLI, a BTP application): it asks how the call fails instead;
- a report about XS advanced (SAP HANA's application platform, its `xs` client, SAP HANA
  express) got a generic answer: the base had no entry saying what it is and where its
  certificates live; a server error of its services now points there.
"""

from __future__ import annotations

import pytest

from assistant.answers.questions import build_answer_doc
from assistant.answers.subject import parameters_of
from assistant.intent import route
from assistant.intent.confidence import QUESTIONS
from assistant.intent.subject import parameters_named_in
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb
from tests.support.dialogues import talk


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


# --- SECUDIR is the variable that points to the directory, not the directory -----------------

def test_a_directory_path_names_no_parameter(kb: KnowledgeBase) -> None:
    # The facts: PSEs lie in $(DIR_INSTANCE)/sec, "with SECUDIR pointing there" (set by
    # SETENV in the start profile). A step that runs sapgenpse in that directory sets nothing.
    assert parameters_named_in("sapgenpse maintain_pk -l -p SAPSSLA.pse in `$(DIR_INSTANCE)/sec`", kb) == []
    assert parameters_named_in("check that `SECUDIR` points to the instance's sec directory", kb) == ["SECUDIR"]


def test_only_the_causes_about_the_pse_files_name_secudir(kb: KnowledgeBase) -> None:
    assert "SECUDIR" not in parameters_of(kb.causes["server_cert_untrusted"], kb)
    assert "SECUDIR" in parameters_of(kb.causes["client_pse_missing"], kb)  # "(`SECUDIR`) on every server"


@pytest.mark.parametrize("follow_up", ["does the subject of the PSE matter?", "and the PSE?"])
def test_a_pse_follow_up_within_421_names_no_secudir(kb: KnowledgeBase, follow_up: str) -> None:
    _, routed = talk(kb, "SCLNT_HTTP421", follow_up)
    assert routed.subject is not None and "PSE" in routed.subject.terms
    verdict = build_answer_doc(routed, kb).verdict
    assert "PSE" in verdict and "SECUDIR" not in verdict


# --- an unknown kind whose text names the program that makes the call ------------------------

WHO_CALLS = QUESTIONS["client"]


@pytest.mark.parametrize("text", [
    # dev shapes of three sources: a pipeline step's curl with curl's local read error 26
    # (jenkins-library), the cf CLI's multiapps plugin, a Java application's security library
    "tmsUpload step returns \"curl: (26) read function returned funny value\". The authorization worked but "
    "during the upload of a file the script returned the above error from curl.",
    "\"'deploy app.mtar' is not a registered command\" on Windows. Command $ cf deploy app.mtar is returning: "
    "'deploy app.mtar' is not a registered command. See 'cf help -a'. MultiApps CF CLI Plugin version 3.0.1",
    "Our java application logs: Token signature can not be validated because the token must provide the app_tid claim",
])
def test_a_text_that_names_its_client_is_not_asked_who_calls(kb: KnowledgeBase, text: str) -> None:
    routed = route(text, kb)
    assert routed.scope.kind == "unknown"
    assert routed.question == QUESTIONS["named_client"]
    markdown = build_answer_doc(routed, kb).markdown()
    assert WHO_CALLS not in markdown and "name it" not in markdown


def test_a_text_that_names_no_client_is_still_asked_who_calls(kb: KnowledgeBase) -> None:
    routed = route("SSL error when calling API", kb)
    assert routed.question == WHO_CALLS


def test_a_tool_said_to_work_names_no_caller(kb: KnowledgeBase) -> None:
    # The tool that works is not the program whose call fails (ruledcues.without_the_tool_that_works).
    routed = route("the webhook gets no request; in Postman the API is working correctly", kb)
    assert routed.question != QUESTIONS.get("named_client")


def test_the_reply_to_how_the_named_call_fails_is_read_with_the_text(kb: KnowledgeBase) -> None:
    first, second = talk(kb, "Our java application logs: Token signature can not be validated",
                         "javax.net.ssl.SSLHandshakeException: PKIX path building failed")
    assert first.state.pending == "named_client"
    assert second.scope.kind == "other_client" and second.another_client


@pytest.mark.parametrize(("text", "named"), [
    ("curl: (26) read function returned funny value", True),
    ("our .NET service cannot call the API", True),
    ("see https://developers.sap.com/tutorials/btp-app-work-zone-subscribe.html step 5", False),  # a URL's path
    ("no request arrives; in Postman the API is working correctly", False),  # the tool that works
    ("SM59 connection test fails", False),  # the ABAP system is no other program
])
def test_which_texts_name_a_client(text: str, named: bool) -> None:
    from assistant.intent.dialogue import names_a_client

    assert names_a_client(text) is named


# --- XS advanced has a pointer of its own -------------------------------------------------

def test_xs_advanced_has_a_sourced_entry(kb: KnowledgeBase) -> None:
    entry = kb.glossary["XS_ADVANCED"]
    assert len(entry.sources) >= 3
    assert "trust-certificate" in entry.text and "STRUST" in entry.text  # where its trust lives, and what it is not
    assert "set-certificate" not in entry.text  # no command the sources do not show


def test_a_server_error_of_xs_advanced_points_to_its_entry(kb: KnowledgeBase) -> None:
    # dev shapes of two sources (sap-tutorials' HTML5 module build, hana-shine-xsa's job scheduler)
    routed = route("SAP HANA XS Advanced: building the HTML5 module gives HTTP 500 Internal Server Error", kb)
    assert routed.scope.kind == "sap_server_inbound" and routed.scope.pointer == "XS_ADVANCED"
    verdict = build_answer_doc(routed, kb).verdict
    assert "Where the fix lives:** XS advanced" in verdict


def test_xs_logon_to_its_controller_shows_the_entry(kb: KnowledgeBase) -> None:
    # dev shapes of two sources (sap-tutorials: xs login refused on AWS and in a docker HANA express)
    text = ("xs login -u XSA_ADMIN fails: FAILED: Could not connect to controller on "
            "https://hxehost.corp.internal:39030 Connection refused")
    doc = build_answer_doc(route(text, kb), kb)
    assert "glossary:XS_ADVANCED" in doc.keys


# --- a dotted name of words is no host unless it is written as one --------------------------

@pytest.mark.parametrize("text", [
    # dev shapes of several sources: an API Management variable (sap-tutorials), JCo's and a
    # Maven property's keys (hibersap, cloud-security-services-integration-library), a Python
    # exception's module path (sqlalchemy-hana), a role's technical name (sap-tutorials)
    'Failed to resolve API Key variable request.header.apikey',
    "jco.client.wshost and jco.client.wsport are set",
    "we upgraded sap.cloud.security.version to 2.17.2",
    "hdbcli.dbapi.error: (-10709, 'Connection failed')",
    "the role apimanagement.selfservice.administrator is missing",
])
def test_a_dotted_name_of_words_is_no_host(text: str) -> None:
    from assistant.intent.hosts import find_hosts

    assert find_hosts(text)[0] == []


@pytest.mark.parametrize(("text", "host"), [
    ("SM59 to sapserver.mycorp.intern:44300 fails", "sapserver.mycorp.intern"),  # with its port
    ("calling https://api.partner.services/v1 fails", "api.partner.services"),  # in a URL
    ("partner api.partner.de refuses", "api.partner.de"),  # a country's TLD
    ("partner gateway.partner.cloud refuses", "gateway.partner.cloud"),  # a common TLD
])
def test_a_host_written_as_one_is_still_read(text: str, host: str) -> None:
    from assistant.intent.hosts import find_hosts

    assert host in find_hosts(text)[0]


def test_no_live_check_is_offered_for_a_variable(kb: KnowledgeBase) -> None:
    routed = route("Step 4 Execute didn't work: \"Failed to resolve API Key variable request.header.apikey\". "
                   "I quoted the fault message: it seems I didn't have an API key.", kb)
    assert "request.header.apikey" not in build_answer_doc(routed, kb).markdown()


# --- the SAP system as server: no reading of the number as the ABAP client's ---------------

@pytest.mark.parametrize("text", [
    # dev shapes of two sources: XS advanced's builder (sap-tutorials, hana-shine-xsa) and an
    # ICF service's dump (sap-tutorials' portal), each a 500 the SAP side answered a caller with
    "SAP HANA XS Advanced: building the HTML5 module gives HTTP 500 Internal Server Error",
    "the portal site shows 500 SAP Internal Server Error, termination RABAX_STATE, when users open it",
])
def test_a_status_the_sap_side_answered_is_not_read_as_the_abap_clients(kb: KnowledgeBase, text: str) -> None:
    routed = route(text, kb)
    assert routed.scope.kind == "sap_server_inbound" and not routed.abap_caller
    markdown = build_answer_doc(routed, kb).markdown()
    assert "get_status" not in markdown and "In SAP terms this is" not in markdown
    assert "real HTTP status" in markdown  # the reading itself stays


# --- "port 443" is no sign that SSL is off ----------------------------------------------------

@pytest.mark.parametrize("text", [
    # dev shapes of several sources (sap-tutorials' HDI provisioning, node-hdb, vscode-abapfs,
    # cloud-sdk-ios-specs): the HTTPS port named in a failure of another kind
    "SAP DBTech JDBC: Cannot connect to jdbc:sap://db1.hana.trial-eu10.hanacloud.ondemand.com:443 [Object is closed: "
    "on Socket[addr=db1.hana.trial-eu10.hanacloud.ondemand.com/18.157.215.35,port=443,localport=59458]]",
    "Error: No initialization reply received within 5000 ms from the database on port 443",
])
def test_the_https_port_named_is_no_sign_of_ssl_off(kb: KnowledgeBase, text: str) -> None:
    routed = route(text, kb)
    ssl_off = [c for c in routed.causes if c.id == "destination_ssl_inactive"]
    assert not ssl_off or ssl_off[0].evidence not in ("sign", "loose_sign")
