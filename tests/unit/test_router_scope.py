"""Issue 8's mechanisms on the bundled base: scope before message, causes before messages,
corrections that do not invent, unknown ids first, domain questions, confidence and the one
question, follow-up versus new problem. Each test is a class of report, not a sentence of
the evaluation sets (those are scored in test_real_eval.py)."""

from __future__ import annotations

import pytest

from assistant.answers.questions import build_answer
from assistant.intent import DialogueState, route
from assistant.intent.fuzzy import correct_words, is_word
from assistant.intent.textbounds import SCAN_HEAD, SCAN_TAIL, bounded
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("HTTP error 421 occured: SSL handshake with github.com:443 failed: SSSLERR_PEER_CERT_UNTRUSTED (-102)", "sap_http_client"),
        ("SM59 connection test: ICM_HTTP_CONNECTION_FAILED", "sap_http_client"),
        ("lo_rest->if_rest_client~post( ) raises CX_REST_CLIENT_EXCEPTION in our interface", "sap_http_client"),
        ("com.sap.cloud.sdk.cloudplatform.connectivity.exception.DestinationAccessException: no token", "other_client"),
        ("[APP/PROC/WEB/0] ERR Error: unable to reach the backend behind the destination", "other_client"),
        ("xs login -a https://hxe.example:39030 fails: Could not connect to controller", "other_client"),
        ("the SM59 ABAP connection to our BW fails: connection to host failed", "rfc_or_network"),
        ("our destination of type 3 to the ECC system fails since Monday", "rfc_or_network"),
        ("cf login against our landscape's API endpoint stops with a connection error", "other_client"),
        ("Eclipse ADT cannot connect to the backend system: SSL peer certificate was not OK", "other_client"),
        ("AbapFs: Failed to connect to NPL: Error: connect ECONNREFUSED", "other_client"),
        ("Get \"https://s4.example.com/sap/opu/odata\": dial tcp 10.0.0.5:443: connect: connection refused", "other_client"),
        ("SocketException: No connection could be made because the target machine actively refused it", "other_client"),
        ("SAP PI REST adapter: SSL handshake failed to the external server", "other_client"),
        ("approuter returns 502 Bad Gateway, in the logs: getaddrinfo ENOTFOUND my-s4.example.com", "other_client"),
        ("A 401 error occurred when accessing the link after deploying the app", "http_status_from_server"),
        ("HTTP error 407 occurred: SSL handshake failed", "sap_http_client"),
        ("HANA connect failed (RTE:[89006] System call 'connect' failed, rc=111:Connection refused)", "other_client"),
        ("import requests\ns = requests.Session()\ns.verify = False\nthe login to the B1 service layer fails", "other_client"),
        ("Need instructions to run the AI Core proxy in Jupyter notebooks for Python users.\n"
         "I have a key and authorizations, but I keep getting the 403 error.", "http_status_from_server"),
        ("the SAP Gateway error log /IWFND/ERROR_LOG shows the failed request of the caller", "sap_server_inbound"),
        ("SAP.Middleware.Connector.RfcLogonException: Name or password is incorrect", "rfc_or_network"),
        ("Status code 401, HTTP/1.1 401 Unauthorized from the portal; the bank interface fails with ICM_HTTP_SSL_ERROR",
         "sap_http_client"),
        ("HTTP/1.1 502 Bad Gateway - the connectivity proxy could not reach the Cloud Connector", "http_status_from_server"),
        ("We call our S/4HANA system's OData service from our app and get: java.net.ConnectException: Connection refused",
         "other_client"),
        ("Access to XMLHttpRequest at 'https://s4/sap/opu/odata/x' has been blocked by CORS policy", "other_client"),
        ("When connecting to our S/4HANA system the tool reports a handshake failure", "other_client"),
        ("Our SAP system cannot connect to the external server: handshake failure", "sap_http_client"),
        # A proxy that wants a logon is the SAP client's 416 (or its proxy settings), never a
        # far server's answer; and calls "from our ECC / S/4" are the ABAP system calling out.
        ("The proxy requires authentication: our SM59 destination gets Logon at proxy failed", "sap_http_client"),
        ("After upgrading the kernel, all outbound HTTPS calls from our ECC fail with SSL error", "sap_http_client"),
        ("calls from S/4HANA to the Azure API fail with SSL error since Monday", "sap_http_client"),
        # Someone calls the SAP system's API, or its logon refuses a caller's certificate.
        ("external system calling our S/4 API gets \"SSL peer certificate untrusted\"", "sap_server_inbound"),
        ("the partner's client certificate is not accepted by our SAP system, logon with X.509 fails",
         "sap_server_inbound"),
        ("The SM59 connection test for HTTPS shows 'SSL certificate has expired'", "sap_http_client"),
        ("node: Error: certificate has expired at TLSSocket.onConnectSecure", "other_client"),
        ("Inbound calls from CPI to our S/4 fail with 403 Forbidden, the user has all roles", "sap_server_inbound"),
        ("our approuter app (Node.js) gets 407 Proxy Authentication Required from the connectivity proxy", "other_client"),
        ("the tile opens a page: 500 SAP Internal Server Error (type of termination: RABAX_STATE)", "sap_server_inbound"),
        ("The verify_client setting icm/HTTPS/verify_client = 2 and the caller gets 401 Unauthorized", "sap_server_inbound"),
        ("Users get 'certificate not trusted' in the browser when opening our Fiori launchpad", "sap_server_inbound"),
        ("Our SSL server certificate in STRUST expired, browsers show a warning", "sap_server_inbound"),
        ("after the kernel upgrade the HTTPS port 44300 of our system does not answer", "sap_server_inbound"),
        ("our ABAP system should accept TLS 1.3 from clients, which parameter?", "sap_server_inbound"),
        ("Client certificate logon to our S/4 system fails, users still get the basic auth popup", "sap_server_inbound"),
        ("users get a certificate warning when opening the Fiori launchpad", "sap_server_inbound"),
        ("the partner system gets connection refused on our HTTPS port 44300", "sap_server_inbound"),
        ("SAP Analytics Cloud live connection to S/4HANA fails with certificate error", "sap_server_inbound"),
        ("the mobile app cannot connect to the SAP Gateway, SSL error", "other_client"),
        ("apt-get update fails for the SAP repository: it does not have a Release file", "other_client"),
        ("sapcontrol -nr 00 -function GetProcessList fails: NIECONN_REFUSED", "rfc_or_network"),
        ("using var connection = new SapConnection(parameters); connection.Connect() never returns", "rfc_or_network"),
        ("Post http://svc:8080/v1/tokens: net/http: request canceled (Client.Timeout exceeded while awaiting headers)",
         "other_client"),
        ("The CA is not recognised in the docker image, please add it to the Java keystore", "other_client"),
        ("The gateway says Service not available. How do we activate the OData in our backend?", "sap_server_inbound"),
        ('{"statusCode": 401, "message": "Unauthorized"}', "http_status_from_server"),
        ("Error: Request failed with status code 404", "http_status_from_server"),
        ("abapGit: HTTP redirect, check URL", "http_status_from_server"),
        ("The partner's REST service replies with Bad Request when we post from ABAP", "http_status_from_server"),
        ("we get an Internal Server Error back from the web service", "http_status_from_server"),
        ('the token endpoint answers {"error":"invalid_client"} to our OA2C call', "http_status_from_server"),
        ('{"fault":{"faultstring":"Invalid ApiKey","detail":{"errorcode":"oauth.v2.InvalidApiKey"}}}', "http_status_from_server"),
        ("srv SSL session PSE /usr/sap/X/D00/sec/SAPSSLS.pse: SSSLERR_SSL_ACCEPT (-56)", "sap_server_inbound"),
        ("RFC_COMMUNICATION_FAILURE: partner '10.0.0.1:3300' not reached, NiPConnect2", "rfc_or_network"),
        ("sun.security.validator.ValidatorException: PKIX path building failed", "other_client"),
        ("Error: self signed certificate in certificate chain at TLSSocket.onConnectSecure", "other_client"),
        ("asdf qwer zxcv", "unknown"),
    ],
)
def test_scope_is_decided_before_any_message(kb: KnowledgeBase, text: str, kind: str) -> None:
    routed = route(text, kb)
    assert routed.scope.kind == kind
    assert routed.to_json()["scope"]["kind"] == kind and routed.scope.reason
    if kind != "sap_http_client":
        assert not [m for m in routed.messages if m.id.startswith("SCLNT_HTTP")]


def test_a_decisive_cue_of_another_client_is_understood_without_the_bases_causes(kb: KnowledgeBase) -> None:
    routed = route("CPI iFlow HTTP receiver adapter: javax.net.ssl.SSLHandshakeException", kb)
    assert routed.intent != "not_understood" and routed.scope.kind == "other_client"
    assert "did not understand" not in build_answer(routed, kb)


def test_another_scope_leads_with_what_it_is_and_where_the_fix_lives(kb: KnowledgeBase) -> None:
    md = build_answer(route("PKIX path building failed: unable to find valid certification path", kb), kb)
    first = md.split("\n### ", 1)[0]
    assert first.startswith("## Not an SAP HTTP-client error")
    assert "Where the fix lives" in first and "JAVA_PKIX" in first
    assert "STRUST →" not in md  # no SAP PSE fix steps for a Java trust store


@pytest.mark.parametrize("text", [
    "PKIX path building failed: unable to find valid certification path",
    "CAP app on BTP: Error: self signed certificate in certificate chain, NODE_EXTRA_CA_CERTS?",
    "dev_icm: SSSLERR_SSL_ACCEPT when the partner calls our ICM on the HTTPS port",
    "RFC destination test: partner not reached, NiPConnect2 NIECONN_REFUSED",
])
def test_the_pointer_sentence_of_the_verdict_is_not_repeated_below(kb: KnowledgeBase, text: str) -> None:
    md = build_answer(route(text, kb), kb)
    line = next((ln for ln in md.splitlines() if ln.startswith("**Where the fix lives:**")), None)
    assert line is not None, md[:300]
    if ") — " not in line:
        return  # the pointer's text starts with a list: the verdict names it only
    sentence = " ".join(line.split(") — ", 1)[1].split())
    assert " ".join(md.split()).count(sentence) == 1  # the section does not say it again


def test_a_status_from_the_server_names_the_message_it_is_not(kb: KnowledgeBase) -> None:
    routed = route('{"statusCode": 401, "message": "Unauthorized. Access token is missing"}', kb)
    assert routed.scope.kind == "http_status_from_server"
    assert routed.scope.not_message == "SCLNT_HTTP401"
    assert "**Not SCLNT_HTTP401**" in build_answer(routed, kb)


@pytest.mark.parametrize(
    ("text", "collides_with"),
    [
        ("our interface gets 404 not found from the vendor api", "SCLNT_HTTP404"),
        ('{"statusCode": 401, "message": "Unauthorized. Access token is missing"}', "SCLNT_HTTP401"),
    ],
)
def test_a_server_status_lends_no_causes_of_the_message_it_is_not(
    kb: KnowledgeBase, text: str, collides_with: str
) -> None:
    # HTTP 404 from a server says nothing about SCLNT_HTTP404's causes (ICM memory): none of
    # the colliding message's own causes may be ranked through its number.
    routed = route(text, kb)
    assert routed.scope.kind == "http_status_from_server"
    own = set(kb.messages[collides_with].causes) - {"http_status_from_server", "logon_failed"}
    assert own
    assert not own & {c.id for c in routed.causes[:3]}, routed.causes[:3]


def test_causes_lead_to_messages_without_a_generic_prior(kb: KnowledgeBase) -> None:
    # Each of these names a cause, and the cause points to one message; none is 400.
    for text, message in [
        ("PSE_NOT_FOUND while creating the HTTP client", "SCLNT_HTTP414"),
        ("our SAP system must go out through a proxy that wants user and password, SM59 test fails", "SCLNT_HTTP416"),
    ]:
        routed = route(text, kb)
        assert routed.messages and routed.messages[0].id == message, (text, routed.messages[:3])


def test_named_ids_still_dominate(kb: KnowledgeBase) -> None:
    routed = route("HTTP error 411 occured, maybe the certificate is not trusted", kb)
    assert routed.messages[0].id == "SCLNT_HTTP411"


@pytest.mark.parametrize(
    ("constant", "cause"),
    [("ICM_HTTP_PROXY_UNAUTHORIZED", "proxy_auth_failed"), ("ICM_HTTP_CONNECTION_REFUSED", "connection_refused"),
     ("ICM_HTTP_TIMEOUT", "server_timeout")],
)
def test_the_web_service_runtimes_wrapper_leaves_the_cause_to_the_constant_it_wraps(
    kb: KnowledgeBase, constant: str, cause: str
) -> None:
    # SOAMANAGER / SXMB_MONI put "ICF Error when receiving the response:" before any ICM
    # error: the wrapper says nothing of a broken connection; the constant names the cause.
    routed = route(f"SRT Framework exception: ICF Error when receiving the response: {constant}", kb)
    causes = [c.id for c in routed.causes]
    assert causes[0] == cause
    assert "connection_broken" not in causes


@pytest.mark.parametrize("word", ["certification", "connector", "username", "folder", "starting", "older"])
def test_correct_words_are_never_corrected(kb: KnowledgeBase, word: str) -> None:
    from assistant.intent.kbindex import index_for

    index = index_for(kb)
    assert word in index.vocabulary or is_word(word)
    assert word not in correct_words([word], index.vocabulary, index.vocabulary_list)


def test_typos_are_still_corrected_but_one_alone_makes_no_match(kb: KnowledgeBase) -> None:
    from assistant.intent.kbindex import index_for

    index = index_for(kb)
    fixes = correct_words(["certifcate", "trustd", "expird"], index.vocabulary, index.vocabulary_list)
    assert fixes == {"certifcate": "certificate", "trustd": "trusted", "expird": "expired"}
    assert route("certifcate not trustd when calling the api from SAP", kb).causes
    assert not route("proxxy", kb).causes  # one corrected word alone: no match


def test_a_name_in_capitals_is_no_typo(kb: KnowledgeBase) -> None:
    """An SM59 destination or a customer object named in capitals is an identifier: it is
    not corrected into a word of the base ("ZGITHUB" is no typo of "github")."""
    assert route("SM59 destination ZGITHUB fails with ICM_HTTP_SSL_ERROR", kb).entities.corrections == ()
    assert route("the certifcate is not trustd", kb).entities.corrections  # typos still are


def test_a_piece_of_a_url_or_path_is_no_typo(kb: KnowledgeBase) -> None:
    """A URL or path is a name as a whole: 'getstarted' in a tutorial's URL is no typo of
    'restarted' (it was corrected, and the answer said so)."""
    text = "I follow https://developers.sap.com/tutorials/cp-sapcp-getstarted.html and the login fails"
    assert route(text, kb).entities.corrections == ()
    assert route("see /usr/sap/trans/getstarted", kb).entities.corrections == ()
    assert route("the certifcate is not trustd, see https://a.example/x", kb).entities.corrections


def test_windows_spelling_of_ni_codes(kb: KnowledgeBase) -> None:
    routed = route("Direct connect to github.com:443 failed: NTECONN_REFUSED(-10)", kb)
    assert "NIECONN_REFUSED" in routed.entities.codes
    assert routed.messages[0].id == "SCLNT_HTTP411"


def test_an_unknown_id_is_said_first_never_as_another_message(kb: KnowledgeBase) -> None:
    routed = route("HTTP error 419 occured", kb)
    assert not routed.messages
    md = build_answer(routed, kb)
    assert md.startswith("## SCLNT_HTTP419 is not in the knowledge base")
    assert "SE91" in md and "import-t100" in md and "SCLNT_HTTP418" in md


@pytest.mark.parametrize(
    ("text", "kind", "example"),
    [
        ("which profile parameters matter?", "parameter", "icm/HTTPS/client_sni_enabled"),
        ("which transactions do I need?", "transaction", "STRUST"),
        # German admins ask the same
        ("welche Transaktionen brauche ich?", "transaction", "STRUST"),
        ("Welche Parameter sind wichtig?", "parameter", "icm/HTTPS/client_sni_enabled"),
        ("welche SAP-Hinweise gibt es dazu?", "note", "510007"),
    ],
)
def test_domain_questions_are_answered_from_the_base(kb: KnowledgeBase, text: str, kind: str, example: str) -> None:
    routed = route(text, kb)
    assert routed.domain == kind and not routed.messages
    assert example in build_answer(routed, kb)


def test_what_is_a_term_is_a_glossary_answer(kb: KnowledgeBase) -> None:
    md = build_answer(route("what is the SSL client PSE?", kb), kb)
    assert "ANONYM" in md and "STRUST" in md


@pytest.mark.parametrize("text", ["what is STRUST?", "what is SNI?"])
def test_a_term_answer_says_its_title_and_first_paragraph_once(kb: KnowledgeBase, text: str) -> None:
    routed = route(text, kb)
    assert not routed.messages and routed.question is None  # SNI: no failure guessed from its cause
    md = build_answer(routed, kb)
    title, lead = md.split("\n\n")[:2]
    assert md.count(title.removeprefix("## ")) == 1 and md.count(lead) == 1


@pytest.mark.parametrize(
    ("text", "term", "step"),
    [
        ("how do I import a certificate in STRUST?", "STRUST", "Add to Certificate List"),
        ("where do I raise the ICM trace level?", "ICM", "Trace Level"),
        ("what is SNI and how do I enable it in SAP?", "SNI", "client_sni_enabled"),
    ],
)
def test_a_how_to_about_a_term_is_answered_by_its_entry_not_a_guessed_message(
    kb: KnowledgeBase, text: str, term: str, step: str
) -> None:
    routed = route(text, kb)
    assert not routed.messages and routed.question is None
    md = build_answer(routed, kb)
    assert md.startswith("## ") and term in md.split("\n", 1)[0] and step in md
    # the same question about a failure is still the failure's
    failing = route("how do I fix the SSL handshake error in STRUST?", kb)
    assert failing.messages and failing.messages[0].id == "SCLNT_HTTP407"


def test_low_confidence_says_so_first_and_asks_one_question(kb: KnowledgeBase) -> None:
    routed = route("we get 407", kb)  # two readings, nothing in the wording decides
    assert routed.confidence < 0.5 and routed.question
    md = build_answer(routed, kb)
    headline, verdict = md.split("\n\n", 2)[:2]
    assert headline.startswith("## Not sure yet") and len(headline) <= 80  # one line, even in the chat
    assert verdict == f"**{routed.question}**"  # the one question, first under it
    sure = route("HTTP error 421 occured: SSSLERR_PEER_CERT_UNTRUSTED", kb)
    assert sure.confidence >= 0.8 and sure.question is None


def test_the_reply_to_the_question_is_read_with_what_it_was_about(kb: KnowledgeBase) -> None:
    asked = route("we get 407", kb)  # two readings: the answer asks where the number comes from
    assert asked.question and asked.state.pending == "reading"
    reply = route("from get_last_error in the program", kb, asked.state)
    assert reply.messages[0].id == "SCLNT_HTTP407"
    assert reply.state.pending is None
    proxy = DialogueState(pending="proxy", pending_text="SM59 test fails: HTTP communication failure")
    assert any(c.id.startswith("proxy") for c in route("yes", kb, proxy).causes[:3])


@pytest.mark.parametrize(
    ("reply", "kind", "first"),
    [
        ("from SM59", "sap_http_client", "SCLNT_HTTP417"),  # the answer settles the reading
        ("the server answered with it", "http_status_from_server", None),
    ],
)
def test_the_reply_decides_how_the_number_is_read(kb: KnowledgeBase, reply: str, kind: str, first: str | None) -> None:
    asked = route("got 417", kb)
    assert asked.state.pending == "reading"
    routed = route(reply, kb, asked.state)
    assert routed.scope.kind == kind
    assert (routed.messages[0].id if routed.messages else None) == first
    assert routed.question is None  # not asked again


@pytest.mark.parametrize(
    ("reply", "cause", "domain"),
    [
        ("the certificate expired yesterday", "server_cert_expired", None),  # a new problem
        ("which transactions do I need?", None, "Transactions you need"),  # a question of its own
    ],
)
def test_a_reply_that_does_not_answer_the_question_is_a_turn_of_its_own(
    kb: KnowledgeBase, reply: str, cause: str | None, domain: str | None
) -> None:
    asked = route("got 417", kb)
    routed = route(reply, kb, asked.state)
    assert "SCLNT_HTTP417" not in [m.id for m in routed.messages]
    if cause:
        assert routed.causes[0].id == cause
    if domain:
        assert domain in build_answer(routed, kb)


def test_a_bare_number_in_an_sap_client_conversation_is_that_message(kb: KnowledgeBase) -> None:
    state = route("abapGit says HTTP error 411 occured", kb).state
    routed = route("what about 417?", kb, state)
    assert routed.scope.kind == "sap_http_client" and routed.messages[0].id == "SCLNT_HTTP417"
    assert routed.question is None
    fresh = route("what about 417?", kb)  # without the conversation the number stays open
    assert fresh.question is not None


@pytest.mark.parametrize(
    "first",
    [
        "HTTP error 407 occured: SSL handshake with github.com:443 failed: SSSLERR_SERVER_CERT_MISMATCH (-57)",
        "HTTP error 411 occured, we are behind a proxy",
    ],
)
def test_how_do_i_fix_it_keeps_the_cause_the_answer_led_with(kb: KnowledgeBase, first: str) -> None:
    # The first turn's causes carry what it showed (a code, a proxy); the follow-up must not
    # fall back to the topic message's usual cause order and answer another cause.
    opening = route(first, kb)
    follow = route("how do I fix it?", kb, opening.state)
    assert follow.follow_up
    assert follow.causes[0].id == opening.causes[0].id


def test_the_general_ssl_error_does_not_hide_a_specific_ssl_cause(kb: KnowledgeBase) -> None:
    # SCLNT_HTTP407 stands for every SSL failure; the words of an expired certificate point
    # to that cause even though 407's own list does not name it.
    routed = route("SCLNT_HTTP407 SSL error, the certificate expired yesterday", kb)
    assert routed.messages[0].id == "SCLNT_HTTP407"
    assert routed.causes[0].id == "server_cert_expired"


def test_a_new_problem_in_plain_words_starts_a_new_topic(kb: KnowledgeBase) -> None:
    state = route("SCLNT_HTTP421", kb).state
    for text in ("the certificate expired yesterday", "Zertifikat abgelaufen"):
        routed = route(text, kb, state)
        assert not routed.follow_up and routed.new_topic, text
        assert routed.causes[0].id == "server_cert_expired"
    follow = route("how do I fix it?", kb, state)
    assert follow.follow_up and follow.messages[0].id == "SCLNT_HTTP421"
    assert route("and through a proxy?", kb, state).follow_up


@pytest.mark.parametrize(("text", "message"), [("SSL error", "SCLNT_HTTP407"), ("Error: Logon failed", "SCLNT_HTTP410")])
def test_a_short_text_copied_from_the_screen_is_a_guess_that_asks(kb: KnowledgeBase, text: str, message: str) -> None:
    routed = route(text, kb)
    assert routed.scope.kind == "sap_http_client"
    assert routed.messages[0].id == message
    assert routed.question and routed.confidence < 0.5
    assert build_answer(routed, kb).startswith("## Not sure yet")


def test_a_short_text_quoted_in_a_sentence_names_its_message_and_its_causes(kb: KnowledgeBase) -> None:
    # "Connection Test" is SM59's button, not a failed connection; "SSL error" is 407's text.
    routed = route("SM59 test connection fails with SSL error", kb)
    assert routed.messages[0].id == "SCLNT_HTTP407"
    assert routed.causes[0].id == kb.messages["SCLNT_HTTP407"].causes[0]
    assert routed.question  # still words alone: the exact text decides
    status = route("the API says 404 Not Found", kb)  # a reason phrase is the server's, not SCLNT_HTTP409's
    assert status.scope.kind == "http_status_from_server" and not status.messages


def test_a_problem_with_a_transaction_in_it_is_answered_as_a_problem(kb: KnowledgeBase) -> None:
    report = route("SM59 test connection fails", kb)
    assert report.question  # words alone: ask for the exact text
    assert "SM59 — RFC/HTTP destinations" not in build_answer(report, kb).splitlines()[0]
    term = route("what is SM59?", kb)
    assert build_answer(term, kb).startswith("## SM59")
    vague = route("SM59 test connection fails", kb)  # nothing but "it fails": ask for the text
    assert vague.question and build_answer(vague, kb).startswith("## No error named yet — one question decides")


def test_an_unknown_scope_asks_unless_only_a_term_is_asked_about(kb: KnowledgeBase) -> None:
    # Whatever the calibration gives (here a confident one, by a raised bias) …
    from assistant.intent.weights import WEIGHTS

    routed = route("Zertifikat geht nicht", kb, weights=WEIGHTS._replace(conf_bias=WEIGHTS.conf_bias + 3.0))
    assert routed.scope.kind == "unknown" and routed.confidence >= 0.5
    assert routed.question  # … which system failed is open: ask
    term = route("ICM", kb)
    assert term.scope.kind == "unknown" and term.question is None
    assert build_answer(term, kb).startswith("## ICM")


def test_another_kinds_error_after_an_sap_topic_is_a_new_topic_and_keeps_its_pointer(kb: KnowledgeBase) -> None:
    state = route("SCLNT_HTTP417", kb).state
    turn = route("CPI iFlow HTTP receiver adapter: javax.net.ssl.SSLHandshakeException", kb, state)
    assert not turn.follow_up and turn.scope.kind == "other_client"
    assert turn.check_target is None  # a Java class name is not a host to check
    assert turn.scope.pointer == "SAP_INTEGRATION_KEYSTORE"  # the product's keystore, not the JVM's
    follow = route("how do I fix it?", kb, turn.state)
    assert follow.follow_up and follow.scope.pointer == "SAP_INTEGRATION_KEYSTORE"
    assert build_answer(follow, kb).startswith("## Not an SAP HTTP-client error")


def test_a_situation_said_after_the_topic_adds_to_it(kb: KnowledgeBase) -> None:
    state = route("HTTP error 407 occured: SSL handshake with github.com:443 failed: SSSLERR_SSL_READ (-58)", kb).state
    routed = route("we are behind a proxy", kb, state)
    assert routed.follow_up and not routed.new_topic
    assert routed.messages[0].id == "SCLNT_HTTP407"
    assert "proxy_required" in [c.id for c in routed.causes[:3]]
    german = route("und mit Proxy?", kb, route("Zertifikat abgelaufen", kb).state)
    assert german.follow_up


def test_the_reply_to_which_client_decides_the_kind(kb: KnowledgeBase) -> None:
    asked = route("Zertifikat geht nicht", kb)
    assert asked.scope.kind == "unknown" and asked.question
    assert route("a Java program", kb, asked.state).scope.kind == "other_client"
    assert route("SM59", kb, asked.state).scope.kind == "sap_http_client"


@pytest.mark.parametrize(
    ("text", "cause"),
    [
        ("Fehler beim Anlegen des HTTP-Clients in unserem Report", "client_pse_missing"),
        ("Fehler beim Erzeugen des HTTP-Clients im Programm", "client_pse_missing"),
    ],
)
def test_german_words_of_what_the_call_was_doing_meet_the_signs(kb: KnowledgeBase, text: str, cause: str) -> None:
    routed = route(text, kb)
    assert routed.scope.kind == "sap_http_client"
    assert cause in [c.id for c in routed.causes[:2]]


@pytest.mark.parametrize(
    ("text", "cause"),
    [
        ("SM59 prueba de conexión: error SSL, certificado no confiable", "server_cert_untrusted"),
        ("Erro ao chamar a API a partir do SAP: certificado expirado", "server_cert_expired"),
        ("conexión rechazada al llamar el servicio REST desde ABAP", "connection_refused"),
        ("le certificat a expiré, SM59 affiche une erreur SSL", "server_cert_expired"),
        ("Errore SSL nella SM59: certificato non attendibile", "server_cert_untrusted"),
        ("connessione rifiutata quando chiamiamo il servizio REST da ABAP", "connection_refused"),
    ],
)
def test_spanish_portuguese_and_french_words_meet_the_signs(kb: KnowledgeBase, text: str, cause: str) -> None:
    routed = route(text, kb)
    assert routed.scope.kind == "sap_http_client"
    assert routed.causes[0].id == cause, routed.causes[:3]


def test_the_cut_of_a_huge_paste_splits_no_token(kb: KnowledgeBase) -> None:
    filler = "word " * ((SCAN_HEAD - 3) // 5)
    text = filler + "ICM_HTTP_SSL_ERROR and more " + "x " * (SCAN_TAIL * 2)
    cut = bounded(text)
    assert all(not tok.startswith("ICM_") or tok == "ICM_HTTP_SSL_ERROR" for tok in cut.split())
    routed = route(text, kb)
    assert not routed.unknown_ids


def test_the_router_is_pure(kb: KnowledgeBase) -> None:
    state = DialogueState()
    a = route("SSSLERR_SSL_READ from SM59", kb, state)
    b = route("SSSLERR_SSL_READ from SM59", kb, state)
    assert a == b


@pytest.mark.parametrize(
    "text",
    [
        "abapGit push fails: remote: Support for password authentication was removed",
        "abapGit clone: fatal: Authentication failed for 'https://gitlab.example.com/team/repo.git'",
        "Calling the Azure DevOps API from ABAP: TF400813: The user '' is not authorized to access this resource.",
        "our report calls the GitHub API and gets {\"message\":\"Bad credentials\"}",
        # a logon refused in the reporter's words: the server answered all the same
        "I can't connect to the OData service, I keep getting 'Authentication incorrect!'",
        "Looks like my credentials are being rejected by the service.",
        "The login answers: username or password is incorrect.",
    ],
)
def test_a_git_hosts_or_apis_refusal_in_its_own_words_is_the_servers_answer(kb: KnowledgeBase, text: str) -> None:
    routed = route(text, kb)
    assert routed.scope.kind == "http_status_from_server"
    assert not routed.messages
    assert "logon_failed" in [c.id for c in routed.causes[:3]]


@pytest.mark.parametrize(
    "text",
    ["abapGit pull: Unauthorized", "cl_http_client returns 'Unauthorized' from the API", "SM59 test fails: Service Unavailable"],
)
def test_naming_the_abap_caller_does_not_outvote_the_servers_answer(kb: KnowledgeBase, text: str) -> None:
    # Rule 2: the ABAP system as the caller (abapGit, cl_http_client, SM59) got the far
    # server's answer; that is no failure of the SAP HTTP client.
    assert route(text, kb).scope.kind == "http_status_from_server"


@pytest.mark.parametrize(
    "text",
    [
        "com.sap.cloud.sdk.datamodel.odata.client.exception.ODataResponseException: The HTTP response code (401)"
        " indicates an error.",
        "Our Java application on Cloud Foundry reads from the on-premise system through the Cloud Connector and the"
        " connectivity proxy.\ncom.sap.cloud.sdk.cloudplatform.connectivity.exception.DestinationAccessException\n"
        "Caused by: org.apache.http.client.HttpResponseException: status code: 403",
    ],
)
def test_naming_the_non_abap_product_does_not_outvote_the_servers_answer(kb: KnowledgeBase, text: str) -> None:
    # Rule 2 for other callers: the Cloud SDK, a destination, the Cloud Connector only say
    # who received the far server's status, however many of them are named.
    assert route(text, kb).scope.kind == "http_status_from_server"


def test_a_runtimes_own_failure_beside_a_status_is_still_that_client(kb: KnowledgeBase) -> None:
    routed = route("Java app on BTP: javax.net.ssl.SSLHandshakeException: PKIX path building failed, then 403 Forbidden", kb)
    assert routed.scope.kind == "other_client"


@pytest.mark.parametrize("text", ["curl: (6) Could not resolve host: api.example.com",
                                  "curl: (7) Failed to connect to api.example.com port 443: Connection refused"])
def test_curls_own_network_failure_is_that_clients_path_not_its_trust(kb: KnowledgeBase, text: str) -> None:
    routed = route(text, kb)
    assert routed.scope.kind == "other_client"
    assert "network error" in routed.scope.reason and "TLS" not in routed.scope.reason


def test_the_sap_clients_own_error_leads_beside_a_curl_test_from_the_same_host(kb: KnowledgeBase) -> None:
    # Rule 1: "HTTP error 411 occured" is the SAP client's own word; the admin's curl test
    # (no decisive text of another client) only confirms it.
    routed = route("HTTP error 411 occured: connection refused; curl: (7) Failed to connect from the app server too", kb)
    assert routed.scope.kind == "sap_http_client"
    assert routed.messages[0].id == "SCLNT_HTTP411"


def test_the_abap_caller_with_its_own_failure_is_still_the_sap_client(kb: KnowledgeBase) -> None:
    routed = route("abapGit: HTTP Communication Failure, SSL handshake with github.com:443 failed", kb)
    assert routed.scope.kind == "sap_http_client"


def test_an_inactive_service_of_the_called_system_points_to_its_activation_without_unrelated_causes(
    kb: KnowledgeBase,
) -> None:
    routed = route("The Gateway Error Log shows 'No service found for namespace ZFOO'", kb)
    assert routed.scope.kind == "sap_server_inbound"
    assert routed.scope.pointer == "ICF_SERVICE_ACTIVATION"
    md = build_answer(routed, kb)
    assert "/IWFND/MAINT_SERVICE" in md
    # Words it merely shares with SAP-client causes list none of them beside it.
    assert "Closest known causes" not in md


def test_an_sap_cause_with_evidence_of_its_own_is_still_shown_beside_another_kind(kb: KnowledgeBase) -> None:
    md = build_answer(route("Our SSL server certificate in STRUST expired, browsers show a warning", kb), kb)
    assert "Closest known causes" in md and "server_cert_expired" in md


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Status HTTP Response 500\nStatus Text SSL Peer Certificate Untrusted", "sap_http_client"),
        ("SM59: HTTP Response 500, Status text: SSL Peer Certificate Untrusted", "sap_http_client"),
        ("Status HTTP Response 403\nStatus Text Forbidden", "http_status_from_server"),
        ('in SM59 I see status code 401 and status text "Unauthorized"', "http_status_from_server"),
        ("SM59 gives 403 and the status text says Forbidden", "http_status_from_server"),
        ('Status HTTP Response 500\nStatus Text: "SSL Peer Certificate Untrusted"', "sap_http_client"),
    ],
)
def test_sm59s_status_text_tells_the_servers_reason_from_the_icms_own_page(
    kb: KnowledgeBase, text: str, kind: str
) -> None:
    # A server's answer comes with its reason phrase; any other status text is a page
    # the ICM made after the call failed.
    assert route(text, kb).scope.kind == kind


@pytest.mark.parametrize(
    "text",
    [
        'Get "https://s4.example.com/sap/opu/odata/sap/API_X/": dial tcp: lookup s4.example.com on 10.0.0.2:53: no such host',
        "our sync job against the ERP: remote error: tls: handshake failure",
        "WebException: The request was aborted: Could not create SSL/TLS secure channel. when posting to SAP",
        "schannel: SEC_E_UNTRUSTED_ROOT (0x80090325) - The certificate chain was issued by an authority that is not trusted.",
        "System.Net.WebException: The remote name could not be resolved: 'sapgw.example.com'",
        "fatal: unable to access 'https://git.example.com/abap/repo.git/': server certificate verification failed. "
        "CAfile: /etc/ssl/certs/ca-certificates.crt CRLfile: none",
        "npm ERR! code UNABLE_TO_GET_ISSUER_CERT_LOCALLY while installing the Fiori generator",
        "socket.gaierror: [Errno -3] Temporary failure in name resolution",
        "Opening https://api.example.com/v1 in Chrome shows ERR_CONNECTION_REFUSED",
        "Postman: Could not get any response. There was an error connecting to https://s4.example.com/sap/opu/odata",
        "Error Domain=NSURLErrorDomain Code=-1202 \"The certificate for this server is invalid.\"",
        "io.netty.handler.ssl.NotSslRecordException: not an SSL/TLS record",
        "This site can’t be reached. api.example.com’s server IP address could not be found.",
        "The MDK client on Android logs: No client certificate selected",
    ],
)
def test_a_runtimes_own_connection_or_trust_failure_is_that_client_not_the_icm(kb: KnowledgeBase, text: str) -> None:
    # Rule 5: Go, .NET/Schannel, git, npm, Python, browsers, Postman, iOS and Netty word
    # their own failures; the fix lives in that client's trust store or network, not STRUST.
    routed = route(text, kb)
    assert routed.scope.kind == "other_client"
    assert not routed.messages or not routed.messages[0].id.startswith("SCLNT_HTTP")


@pytest.mark.parametrize(
    ("text", "cause"),
    [
        ('token call from ABAP to Microsoft: {"error":"invalid_client","error_description":'
         '"AADSTS7000215: Invalid client secret provided."}', "logon_failed"),
        ('{ "statusCode": 401, "message": "Access denied due to missing subscription key." }', "logon_failed"),
        ('the vendor API answers {"message":"Missing Authentication Token"}', "http_status_from_server"),
        ("Full authentication is required to access this resource", "http_status_from_server"),
        ("Not Found. The requested URL /sap/bc/rest/x was not found on this server.", "http_status_from_server"),
        ("HTTP Error 404.0 - Not Found", "http_status_from_server"),
    ],
)
def test_a_far_servers_or_gateways_refusal_page_is_its_answer(kb: KnowledgeBase, text: str, cause: str) -> None:
    # Entra ID, API Management, AWS API Gateway, Spring Security, Apache and IIS word their
    # refusals themselves: the call got through and the server answered (rule 2).
    routed = route(text, kb)
    assert routed.scope.kind == "http_status_from_server"
    assert not routed.messages
    assert cause in [c.id for c in routed.causes[:2]]


@pytest.mark.parametrize(
    "text",
    [
        "External system calls our S/4 OData service and gets SSL handshake error",
        "SSL handshake fails when a third party system posts to our SAP ICF service",
        "The browser shows certificate warning when opening SAP Fiori launchpad",
        "Client certificate authentication to SAP NetWeaver fails, users get logon screen",
        "Our SAP system's HTTPS port 44300 is not reachable from outside",
        "the certificate our SAP Gateway presents to clients is self signed",
        "users say our Fiori launchpad shows an insecure certificate",
        "after the kernel patch the ICM no longer listens on the HTTPS port",
        "the partner sends its client certificate, but SAP always asks for a user and password",
    ],
)
def test_the_sap_system_as_the_called_server_in_plain_words_is_inbound(kb: KnowledgeBase, text: str) -> None:
    # Rule 3: callers reaching our system, its launchpad, its port or the certificate it
    # presents — the fix lives in the SSL server PSE / ICM / ICF, not in the HTTP client.
    routed = route(text, kb)
    assert routed.scope.kind == "sap_server_inbound"
    assert not routed.messages


@pytest.mark.parametrize(
    "text",
    [
        "IDoc status 51 application document not posted",
        "ORA-01555 snapshot too old during BW load",
        "user locked after too many failed logons in SU01",
        "Transport request stuck in import queue STMS",
    ],
)
def test_an_sap_question_about_no_connection_is_not_guessed_as_the_http_client(kb: KnowledgeBase, text: str) -> None:
    # Rule 7 needs a text about a call or connection: words shared with causes by chance
    # make no SAP HTTP-client situation. The answer says so and asks for the exact text.
    routed = route(text, kb)
    assert routed.scope.kind == "unknown"
    assert not routed.messages
    assert routed.question is not None and "does not read like an SAP HTTP-client error" in routed.question
    doc = build_answer(routed, kb)
    assert "does not read like an SAP HTTP-client error" in doc  # the question says it (once)
    assert "**Where the fix lives:** with the application, job or log that reported it" in doc
    assert "closest causes" not in doc


def test_a_question_naming_a_cause_of_the_base_is_still_about_the_http_client(kb: KnowledgeBase) -> None:
    assert route("what does server_cert_self_signed mean", kb).scope.kind == "sap_http_client"


def test_nodes_own_error_code_in_brackets_is_the_node_client(kb: KnowledgeBase) -> None:
    text = 'TypeError [ERR_INVALID_PROTOCOL]: Protocol "http:" not supported. Expected "https:"'
    assert route(text, kb).scope.kind == "other_client"


def test_a_configured_proxys_causes_need_a_proxy_in_the_text(kb: KnowledgeBase) -> None:
    # "host name cannot be resolved" shares words with "Proxy host name cannot be resolved";
    # without a proxy in the text that cause is no lead, with one it is the first.
    without = [c.id for c in route("The host name cannot be resolved, SM59 connection test fails", kb).causes[:3]]
    assert without[0] == "dns_failure" and "proxy_host_unknown" not in without
    with_proxy = [c.id for c in route("the proxy host name cannot be resolved in SM59", kb).causes[:2]]
    assert "proxy_host_unknown" in with_proxy


def test_the_icms_own_timeout_page_is_the_sap_clients_timeout(kb: KnowledgeBase) -> None:
    # SAP Note 824554: without own error pages the ICM shows "500 Connection timed out" when
    # no answer came in time — its page, not the far server's 500.
    routed = route("SM59 test shows HTTP 500 Connection timed out", kb)
    assert routed.scope.kind == "sap_http_client"
    assert routed.messages[0].id == "SCLNT_HTTP402"
    assert "server_timeout" in [c.id for c in routed.causes[:2]]
    assert route("the API returns HTTP/1.1 500 Internal Server Error", kb).scope.kind == "http_status_from_server"


@pytest.mark.parametrize(
    "text",
    [
        "consume REST API in ABAP, receive gives communication failure, works in Postman",
        "In Postman it works, from SAP we get SSL handshake failed",
        "The URL works fine in the browser, but our call fails with SSL handshake failed",
    ],
)
def test_the_tool_that_works_is_not_the_client_that_fails(kb: KnowledgeBase, text: str) -> None:
    # "It works in Postman / the browser": naming the tool that works says nothing about
    # another client failing; the SAP client's situation is what is left.
    assert route(text, kb).scope.kind == "sap_http_client"


def test_a_tool_that_fails_in_its_own_words_is_still_that_tool(kb: KnowledgeBase) -> None:
    assert route("Postman: Could not get any response", kb).scope.kind == "other_client"


def test_a_server_that_renewed_its_certificate_is_an_untrusted_chain_first(kb: KnowledgeBase) -> None:
    # A new certificate often comes from a new CA or intermediate that STRUST lacks
    # (abapGit#6845): the untrusted chain leads, not the expiry of the old one.
    routed = route("Webservice call fails after the partner renewed their certificate", kb)
    assert routed.causes[0].id == "server_cert_untrusted"
    assert routed.messages[0].id == "SCLNT_HTTP421"


def test_an_sap_question_about_no_connection_sets_no_topic(kb: KnowledgeBase) -> None:
    routed = route("IDoc status 51 application document not posted", kb)
    assert routed.state.messages == () and routed.state.causes == ()


def test_one_word_of_a_signs_phrase_is_no_sign(kb: KnowledgeBase) -> None:
    # "create" alone is one word of the sign "create failed" (a missing client PSE): found
    # out of order, a phrase needs two of its words; one is keyword evidence at most.
    routed = route("We create the request in a Z report and then the SSL handshake fails", kb)
    assert routed.causes[0].id != "client_pse_missing"


@pytest.mark.parametrize(
    "text",
    [
        "Error: connect ECONNREFUSED 10.1.2.3:443 from our Node app to the S/4 system",
        "java.net.ConnectException: Connection refused (Connection refused)",
        'Get "https://s4.example.com/": dial tcp 10.0.0.1:443: i/o timeout',
    ],
)
def test_a_runtimes_network_error_points_to_its_network_path_not_its_trust_store(kb: KnowledgeBase, text: str) -> None:
    # A refused or unreachable port is no trust-store problem: the answer must not send
    # the reader to NODE_EXTRA_CA_CERTS, cacerts or a CA bundle.
    routed = route(text, kb)
    assert routed.scope.kind == "other_client"
    assert routed.scope.pointer is None
    assert "trust store" not in routed.scope.reason and "CA list" not in routed.scope.reason
    doc = build_answer(routed, kb)
    assert "NODE_EXTRA_CA_CERTS" not in doc and "cacerts" not in doc


def test_an_rfc_logon_refusal_points_to_the_logon_data_not_the_network(kb: KnowledgeBase) -> None:
    routed = route("RFC_LOGON_FAILURE: Name or password is incorrect (repeat logon) with PyRFC", kb)
    assert routed.scope.kind == "rfc_or_network"
    assert routed.scope.pointer is None and "logon" in routed.scope.reason
    assert "RFC_PARTNER_NOT_REACHED" not in build_answer(routed, kb)


def test_a_runtime_named_beside_its_network_error_lends_no_trust_store(kb: KnowledgeBase) -> None:
    routed = route("Node.js app: Error: connect ECONNREFUSED 10.1.2.3:443", kb)
    assert routed.scope.pointer is None


@pytest.mark.parametrize(
    "text",
    [
        "The API returns 'Access denied' when called from SAP",
        "the vendor says our token is invalid, we get error 'Not authorized'",
        "response body: Invalid API key",
        "The error \"Access denied\" occurs whenever the connection of the destination is checked",
    ],
)
def test_a_refusal_said_to_have_come_back_is_the_servers_answer(kb: KnowledgeBase, text: str) -> None:
    # Not reason phrases, but what came back from the far server all the same (rule 2).
    routed = route(text, kb)
    assert routed.scope.kind == "http_status_from_server"
    assert not routed.messages


def test_only_the_ni_blocks_capital_errno_leans_to_the_rfc_layer(kb: KnowledgeBase) -> None:
    text = "FAILED: Could not connect to controller on http://x.example.com:30030/ errno: 111 (Connection refused)"
    assert route(text, kb).scope.kind != "rfc_or_network"
    ni = "ERROR partner '10.1.2.3:sapgw00' not reached ... ERRNO 111 ERRNO TEXT Connection refused"
    assert route(ni, kb).scope.kind == "rfc_or_network"


def test_the_abap_side_named_after_another_clients_topic_is_a_new_topic(kb: KnowledgeBase) -> None:
    state = route("Error: connect ECONNREFUSED 10.1.2.3:443 from our Node app", kb).state
    routed = route("SM59 test connection fails", kb, state)
    assert routed.new_topic and not routed.follow_up
    assert routed.scope.kind == "sap_http_client"
    # After the far server's status, SM59 only says who got the answer (rule 2): same topic.
    status = route("SM59 connection test: HTTP/1.1 401 Unauthorized", kb).state
    assert not route("SM59 test still fails", kb, status).new_topic


def test_a_trust_store_is_pointed_to_only_when_the_text_is_about_trust(kb: KnowledgeBase) -> None:
    # A BTP destination's token request, a proxy setting or a missing binding is not fixed
    # in the destination's trust store; a PKIX error or "only secure connections" is.
    token = route("SAP Cloud SDK: failed to get an OAuth token for the BTP destination, connectivity proxy "
                  "configuration could not be resolved", kb)
    assert token.scope.kind == "other_client" and token.scope.pointer is None
    assert route("javax.net.ssl.SSLHandshakeException: PKIX path building failed", kb).scope.pointer == "JAVA_PKIX"
    hana = route("hdbsql: only secure connections are allowed", kb)
    assert hana.scope.pointer == "HANA_CLIENT_TRUST"


_REPORT_WITHOUT_ITS_SYSTEM = (
    "After the upgrade last weekend the connection to the partner's server fails every few minutes. "
    "We checked the firewall and the certificate on both sides and asked the network team, "
    "but nobody knows why the call breaks off{where}. Any idea what to look at next?"
)


def test_a_long_report_that_never_places_the_call_in_an_abap_system_is_not_guessed(kb: KnowledgeBase) -> None:
    # Rule 7 for a report with a setting of its own: causes met by the situation alone do not
    # make it the SAP HTTP client's unless something places the call in an ABAP system.
    routed = route(_REPORT_WITHOUT_ITS_SYSTEM.format(where=""), kb)
    assert routed.scope.kind == "unknown"
    assert not routed.messages
    assert routed.question is not None
    # The answer asks; it names no "best guess" (there is none) and offers the SAP causes
    # only conditionally.
    doc = build_answer(routed, kb)
    assert "Best guess" not in doc
    assert "If the SAP system makes the call, the closest causes" in doc


@pytest.mark.parametrize(
    "where",
    [" from our SAP system", " in our S/4HANA", " in transaction SM59", " from the ABAP report", " im SAP",
     " (we see it in SXMB_MONI)", " since the SAP kernel upgrade", " from our on-premise system",
     " on the application server"],
)
def test_a_long_report_placed_in_an_abap_system_is_the_sap_client(kb: KnowledgeBase, where: str) -> None:
    routed = route(_REPORT_WITHOUT_ITS_SYSTEM.format(where=where), kb)
    assert routed.scope.kind == "sap_http_client"
    assert routed.messages


def test_a_short_question_typed_here_is_about_the_sap_client_without_naming_it(kb: KnowledgeBase) -> None:
    # The chat is a short question's setting: nothing needs to name the ABAP system.
    assert route("the connection to the partner's server breaks off after the certificate renewal", kb).scope.kind == (
        "sap_http_client"
    )


def test_the_exception_every_transport_failure_raises_lets_the_causes_pick_the_message(kb: KnowledgeBase) -> None:
    # http_communication_failure is listed by most messages: it says little about which one,
    # so a sign of the untrusted chain decides, not the exception's list order.
    routed = route("->receive( ) ends with sy-subrc = 1 since the partner renewed their certificate", kb)
    assert routed.causes[0].id == "server_cert_untrusted"
    assert routed.messages[0].id == "SCLNT_HTTP421"


@pytest.mark.parametrize(
    "text",
    [
        "the call from SM59 hangs and never comes back",
        "our interface runs for two minutes and then fails",
        "we get no response from the partner's API",
        "the request takes forever and is cancelled in the end",
    ],
)
def test_a_time_out_described_in_plain_words_is_a_time_out(kb: KnowledgeBase, text: str) -> None:
    routed = route(text, kb)
    assert {c.id for c in routed.causes[:2]} & {"server_timeout", "connect_timeout"}
    assert routed.messages and routed.messages[0].id == "SCLNT_HTTP402"


@pytest.mark.parametrize("text", [
    "the server gives no answer",
    "SM59: keine Antwort vom Server",
    "we get no response from the partner's API",
])
def test_no_answer_from_the_call_is_read_as_a_time_out(text: str) -> None:
    from assistant.intent.plainwords import english

    assert "timed out" in english(text)


@pytest.mark.parametrize("text", [
    "I posted it in the SAP community forum but no answer there.",
    "Opened an incident and got no answer from SAP support.",
    "Ich habe ein Ticket aufgemacht, aber keine Antwort bekommen.",
    "I asked in the thread and got no reply yet.",
])
def test_no_answer_from_a_person_forum_or_ticket_is_no_time_out(text: str) -> None:
    from assistant.intent.plainwords import english

    assert "timed out" not in english(text)


@pytest.mark.parametrize("text", [
    "Seit dem Zertifikatswechsel beim Partner: SSL-Handshake fehlgeschlagen",
    "Der Partner hat sein Zertifikat erneuert, seitdem geht der Verbindungstest in SM59 nicht mehr",
])
def test_the_partners_new_certificate_in_german_is_not_trusted_yet(kb: KnowledgeBase, text: str) -> None:
    assert route(text, kb).causes[0].id == "server_cert_untrusted"


@pytest.mark.parametrize("text", [
    "we renewed our client certificate and now SM59 fails with SSL handshake failed",
    "our server certificate was renewed and now SM59 fails with SSL handshake failed",
])
def test_a_renewal_on_the_own_side_is_not_the_partners(kb: KnowledgeBase, text: str) -> None:
    from assistant.intent.plainwords import english

    assert "renewed their certificate" not in english(text)


@pytest.mark.parametrize("text", [
    "our SM59 destination to https://api.example.org fails with SSL handshake failed since last week, worked before",
    "suddenly the HTTP call to the partner ends in an SSL error, nothing changed on our side",
    "It was working fine until yesterday, now SM59 says SSL handshake failed",
])
def test_a_tls_failure_that_began_on_its_own_reads_as_the_far_sides_new_certificate(
    kb: KnowledgeBase, text: str
) -> None:
    # It worked, it stopped, and nothing of ours changed: the far side's new certificate or CA
    # is the usual story (causes.yaml, server_cert_untrusted) — first, not "reason unknown".
    assert route(text, kb).causes[0].id == "server_cert_untrusted"


@pytest.mark.parametrize("text", [
    "after the kernel upgrade SM59 says SSL handshake failed, it worked before",  # our own change
    "suddenly SSSLERR_SSL_READ when we call the partner",  # the code names its own causes
    "since yesterday the server says a client certificate is required",  # the caller's own certificate
    "suddenly the call times out",  # no TLS failure at all
])
def test_a_stop_with_another_story_is_no_renewal(kb: KnowledgeBase, text: str) -> None:
    from assistant.intent.plainwords import english

    assert "renewed their certificate" not in english(text)


def test_a_socket_hang_up_is_no_time_out(kb: KnowledgeBase) -> None:
    # Node's "socket hang up" is the peer closing the connection, not a wait.
    routed = route("Error: socket hang up when our Node service calls the backend", kb)
    assert "server_timeout" not in [c.id for c in routed.causes[:2]]


@pytest.mark.parametrize(
    ("text", "cause", "message"),
    [
        ("the partner's cert is no longer valid since the weekend", "server_cert_expired", "SCLNT_HTTP418"),
        ("the partner's certificate was made for a different domain", "hostname_mismatch", "SCLNT_HTTP415"),
        ("the bank now requires two-way SSL for the payment interface", "client_cert_required", None),
        ("the API provider switched to a new root CA and now SM59 fails with SSL handshake failed",
         "server_cert_untrusted", None),
        ("after the server certificate was replaced the HTTP destination stopped working", "server_cert_untrusted", None),
    ],
)
def test_a_certificate_failure_in_plain_words_meets_its_cause(
    kb: KnowledgeBase, text: str, cause: str, message: str | None
) -> None:
    routed = route(text, kb)
    assert routed.causes[0].id == cause
    if message:
        assert routed.messages[0].id == message
    assert routed.messages[0].id != "SCLNT_HTTP416"  # no proxy is in the text


def test_the_proxy_settings_in_sicf_are_the_outgoing_side(kb: KnowledgeBase) -> None:
    # SICF leans to the system as server, but its proxy settings are for outgoing requests.
    assert route("do we have to maintain the proxy in SICF as well?", kb).scope.kind == "sap_http_client"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Agent RPC error (-1) while testing the database connection", None),
        ("import failed with return code (-102) in our batch tool", None),
        ("IcmConnInitClientSSL: SapSSLSessionStart failed (-102)", "SSSLERR_PEER_CERT_UNTRUSTED"),
    ],
)
def test_a_bare_negative_number_is_a_sapssl_code_only_after_words_of_that_layer(
    kb: KnowledgeBase, text: str, code: str | None
) -> None:
    routed = route(text, kb)
    assert list(routed.entities.codes) == ([code] if code else [])


@pytest.mark.parametrize(
    ("first", "correction", "cause"),
    [
        ("Our Spring Boot service fails with PKIX path building failed: unable to find valid certification "
         "path to requested target when calling the partner API",
         "sorry, no: it is our ABAP report that calls it, with cl_http_client", "server_cert_untrusted"),
        ("Error: connect ECONNREFUSED 10.1.2.3:443 from our Node app", "no, it is our ABAP program calling it",
         "connection_refused"),
    ],
)
def test_naming_the_abap_caller_after_another_clients_topic_corrects_who_calls(
    kb: KnowledgeBase, first: str, correction: str, cause: str
) -> None:
    # The same failure, now the SAP client's: the topic's causes carry over, the other
    # client's pointer and fix filter do not.
    routed = route(correction, kb, route(first, kb).state)
    assert routed.follow_up and not routed.new_topic
    assert routed.scope.kind == "sap_http_client" and not routed.another_client
    assert routed.causes[0].id == cause


def test_the_proxy_question_is_asked_only_when_the_call_did_not_get_through(kb: KnowledgeBase) -> None:
    # A missing SSL client PSE is not decided by a proxy in the way; a refused call is.
    pse = route("Fehler beim Anlegen des HTTP-Clients", kb)
    # (whether a proxy cause is ranked below it at all follows the words' weights, not this rule)
    assert pse.causes[0].id == "client_pse_missing"
    assert pse.question is not None and "proxy" not in pse.question.lower()
    refused = route("conection refused from sap to port 443", kb)
    assert refused.question is not None and "through a proxy" in refused.question


def test_a_proxy_refusing_the_credentials_stays_the_sap_clients_proxy_logon(kb: KnowledgeBase) -> None:
    routed = route("SM59 test: the proxy credentials are rejected", kb)
    assert routed.scope.kind == "sap_http_client"
    assert routed.messages[0].id == "SCLNT_HTTP416"


@pytest.mark.parametrize("product", ["SAP AI Core", "SAP Datasphere", "SAP SuccessFactors", "SAP Signavio"])
def test_an_sap_product_that_is_no_abap_system_does_not_place_a_long_report_in_one(kb: KnowledgeBase, product: str) -> None:
    """Rule 7: "in SAP <product>" names another SAP product, not the ABAP system that would
    make the call — a long report set there is not the SAP client's by the situation."""
    text = (f"I set up the connection in {product} as described in the guide, entered the URL and the "
            "credentials, but the call fails with a connection error every time and I do not know why")
    assert route(text, kb).scope.kind != "sap_http_client"


@pytest.mark.parametrize("text", [
    "I set up the connection in our SAP system as described in the guide, entered the URL and the "
    "credentials, but the call fails with a connection error every time and I do not know why",
    # SOAMANAGER's logical port (a consumer proxy's settings) is the ABAP web-service client
    "Hello experts, we need to consume a SOAP web service from our ERP system, the partner gave us "
    "a WSDL and the certificates. When we test the logical port we get an SSL error. Any idea?",
])
def test_a_long_report_anchored_in_the_abap_system_is_the_sap_clients(kb: KnowledgeBase, text: str) -> None:
    """Rule 7's anchor for a longer report that names no transaction."""
    assert route(text, kb).scope.kind == "sap_http_client"


@pytest.mark.parametrize(("text", "cause"), [
    ("Desde que el proveedor renovó su certificado, la llamada desde SAP falla con error SSL", "server_cert_untrusted"),
    ("O parceiro trocou o certificado e agora o SM59 dá erro de handshake SSL", "server_cert_untrusted"),
    ("a chamada HTTP falha de forma intermitente", "connection_broken"),
    ("Der HTTP-Aufruf aus SAP schlägt sporadisch fehl", "connection_broken"),
    ("Im Hintergrundjob schlägt der HTTP-Aufruf fehl, im Dialog geht es", "one_app_server_differs"),
])
def test_this_stops_plain_word_classes_in_other_languages(kb: KnowledgeBase, text: str, cause: str) -> None:
    assert cause in {c.id for c in route(text, kb).causes[:2]}


def test_openssl_run_as_the_admins_test_names_no_failing_client(kb: KnowledgeBase) -> None:
    """`openssl s_client` is the test an SAP admin runs too: with SM59's failure in the text
    it is the SAP client's error, and a test that needs -servername points to SNI."""
    routed = route("SM59 SSL handshake error; openssl s_client -connect api.example.com:443 -noservername fails too", kb)
    assert routed.scope.kind == "sap_http_client"
    assert routed.causes[0].id == "sni_not_sent"


@pytest.mark.parametrize(("text", "message"), [
    ("get_status( ) returns 500 Native SSL Error after the RECEIVE failed", "SCLNT_HTTP407"),
    ("lv_status is 404 Connection Refused", "SCLNT_HTTP411"),
])
def test_a_status_the_icm_made_is_no_far_servers_answer_whatever_reads_it(
    kb: KnowledgeBase, text: str, message: str
) -> None:
    """Read through get_status or a status variable, the ICM's own page is still the SAP
    client's failure: the words about a status are that page's."""
    routed = route(text, kb)
    assert routed.scope.kind == "sap_http_client"
    assert routed.messages[0].id == message


def test_a_status_text_that_names_an_icm_error_is_the_icms_page(kb: KnowledgeBase) -> None:
    """SM59's result copied with its frame: the Status Text names the ICM's error itself
    ("HTTP error 407 occured: SSSLERR_…"), so its 407 is SCLNT_HTTP407, not a proxy's 407."""
    text = ("| Status HTTP Response | 407 |\n"
            "| Status Text | HTTP error 407 occured: SSSLERR_PEER_CERT_UNTRUSTED |")
    routed = route(text, kb)
    assert routed.messages[0].id == "SCLNT_HTTP407"
    assert "proxy_auth_failed" not in {c.id for c in routed.causes[:3]}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("The proxy requires authentication: our SM59 destination gets Logon at proxy failed", "SCLNT_HTTP416"),
        ("the test says SSL certificate not trusted although we imported the root", "SCLNT_HTTP421"),
    ],
)
def test_a_specific_sap_short_text_quoted_in_a_sentence_is_the_sap_systems_screen(
    kb: KnowledgeBase, text: str, message: str
) -> None:
    # As when the whole text is the short text: SAP's own words for its message. Only
    # short texts of three words or more count ("SSL error" is anyone's words).
    routed = route(text, kb)
    assert routed.scope.kind == "sap_http_client"
    assert f"quotes the short text of {message}" in routed.scope.reason
    assert routed.messages[0].id == message
    generic = route("the upload to the partner fails with SSL error", kb)
    assert "short text" not in generic.scope.reason


@pytest.mark.parametrize(
    "text",
    [
        "metrics export failed (error OTLPExporterError: Bad Request)\n    at doExport "
        "(/app/node_modules/exporter/build/src/Reader.js:76:23)\n    at process.processTicksAndRejections "
        "(node:internal/process/task_queues:95:5)",
        "HttpError: Not Found when fetching the entity set",
        "when I call the V2 path it gives an internal server error response",
        "the request to the OData service ends with Internal Server Error",
    ],
)
def test_a_reason_phrase_raised_or_given_back_is_the_far_servers_status(kb: KnowledgeBase, text: str) -> None:
    # A client's exception whose message is a reason phrase, or a call said to give or end
    # with one, is the server's answer; a runtime's stack frames only say who received it.
    routed = route(text, kb)
    assert routed.scope.kind == "http_status_from_server"
    assert not routed.messages


def test_a_bare_number_in_a_report_set_outside_an_abap_system_is_the_far_servers_status(kb: KnowledgeBase) -> None:
    """"error 405" reads both ways (SCLNT_HTTP405 or the status 405); the SCLNT_HTTP codes are
    shown only by an SAP system, so a report that nothing places in one got the status. In an
    SAP setting it stays the SAP client's; in a short question typed here it stays open."""
    outside = ("When I test the UI5 app against the text classification service I only get error 405, and my "
               "code is the same as in the git repository of the tutorial")
    inside = ("In SM59 the connection test of our HTTP destination to the partner shows error 405 and nothing else "
              "in the log since the last kernel patch")
    assert route(outside, kb).scope.kind == "http_status_from_server"
    assert route(inside, kb).scope.kind == "sap_http_client"
    assert route("I get error 405", kb).scope.kind != "http_status_from_server"


@pytest.mark.parametrize(
    "text",
    [
        "cf deploy my.mtar -e my.mtaext on MacOS answers: 'deploy my.mtar' is not a registered command. See 'cf help -a'",
        "The Launchpad service does not show under Subscriptions in the BTP cockpit; our subaccount has no entitlement "
        "for it yet",
    ],
)
def test_names_of_other_clients_tools_alone_are_no_failed_call(kb: KnowledgeBase, text: str) -> None:
    """A tool's set-up (a CLI plug-in, an entitlement) names other clients' products but no
    call: the kind of failure is not known, not another client's failed call."""
    assert route(text, kb).scope.kind == "unknown"


def test_names_of_other_clients_tools_with_a_failed_call_stay_that_clients(kb: KnowledgeBase) -> None:
    text = "cf deploy of my.mtar stops: the deploy service cannot be reached from our network"
    assert route(text, kb).scope.kind == "other_client"
