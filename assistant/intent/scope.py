"""The scope stage: what kind of failure the text describes, before any message is named.

Kinds (issue 8): `sap_http_client` (the ABAP HTTP client / ICM as client),
`http_status_from_server` (a status the far server sent), `sap_server_inbound` (the SAP
system is the TLS/HTTP server), `rfc_or_network` (RFC, gateway, NI without the HTTP
client), `other_client` (a non-ABAP client with its own trust store) and `unknown`.

Evidence comes in families — one phenomenon each: a Java trust-store error, an RFC
network error, an SCLNT_HTTP id the text names … — from the sourced vocabulary
(scopevocab.py, found by scopecues.py) and from what the earlier stages found (SCLNT_HTTP
ids, ICM-worded numbers, SapSSL/NI codes of the base, HTTP statuses and where they came
from, causes in evidence). A family counts once, with the weight of its class: decisive
(a text only this failure prints), indicative (the product or setting where it lives),
weak (words that only lean). A kind sums its families, the strongest fully and each
further one by `scope_decay` less; the kind with the most wins, and below `scope_min` the
scope is unknown. Only the SAP HTTP client's scope may lead with an SCLNT_HTTP message.

Precedence in mixed reports — how an expert reads them, and how the rules below and the
class weights (fitted by benchmarks/fit_router.py) implement it:

1. The SAP client's own words — an SCLNT_HTTP id, an ICM_HTTP_* constant, "HTTP error nnn
   occured", get_last_error, an ICM trace of an outbound call (`SSL handshake with h:443
   failed`) — make it `sap_http_client`, unless the wording reads the number as the
   server's status (readings.py).
2. A status the far server sent (a status line, `"statusCode": 401`, "Request failed with
   status code 404", abapGit's "(HTTP 401)"), or its refusal in plain words without a number
   (the repository asked for does not exist there; it takes no anonymous clone), is
   `http_status_from_server` even when the caller is the ABAP system (abapGit,
   cl_http_client) or a non-ABAP client (axios, Cloud SDK): connection and TLS worked, the
   fix lives at the server; a refusal in words is read by its agent (refusalagent.py). Words
   that only name the ABAP caller (abapGit, cl_http_client, SM59) then count `scope_decay` times less:
   they say who got the answer, not that the SAP client failed. A status the *proxy*
   sent is the SAP client's own error (416, 426), so no status family counts then. A
   number whose wording decides neither reading ("I get error 405"), in a report nothing
   places in an ABAP system, is an undecided status: only an SAP system shows SCLNT_HTTP codes.
3. The SAP system as server (SSL server PSE, SSSLERR_SSL_ACCEPT, client-certificate logon,
   an inactive ICF service, its own HTTP request handler — IF_HTTP_EXTENSION, an ICF handler,
   an ABAP application served that way such as abap2UI5 — the Cloud Connector's admin UI) is
   `sap_server_inbound`, also when a status is shown (a 403 because the system's own service
   is inactive, its ICF error page, its Gateway hub's message, its logon's refusal: the
   catalogue in vocab_inbound.py): with a decisive or indicative server-side cue, the status
   is the symptom and counts `scope_decay` times less — unless the page was reached through
   a client's destination or approuter route, whose configuration built the request
   (serverpages.py): then the page only says who answered, and the status stays the report.
   A user refused by the SAP side (a single sign-on, a launchpad app, a product's UI:
   USER_REFUSED) explains the status the browser shows, but not one a client program
   printed ("401 Client Error: … for url": that program logged on); a server product only
   named (B1's Service Layer: NAMES_THE_SERVER_ONLY) explains none. Such families lose a
   tie with the status they do not explain (`silent_families`).
4. RFC, gateway, NI and SNC texts (partner not reached, CPI-C, RFC_*_FAILURE, JCo, NW RFC
   SDK) are `rfc_or_network` even inside a Java, Node or Python client — JCo, node-rfc and
   PyRFC are RFC clients — and the NI codes of such a text belong to the RFC layer, not to
   the ICM (they no longer count for the SAP client).
5. A non-ABAP runtime's own failure (PKIX, SELF_SIGNED_CERT_IN_CHAIN,
   CERTIFICATE_VERIFY_FAILED, SslPolicyErrors, x509: …) is `other_client` even when the
   server is an SAP system ("Java app calls SAP and gets PKIX").
6. Product and tool names (Eclipse, BTP, Cloud Connector), runtime shapes (stack frames,
   errno names) and ABAP-side transaction names (SM59, STRUST) only lean. Names of other
   clients' products alone, in a text that reports no failed call, count nothing
   (scopenames.py, failedcall.py): a deploy, CLI or entitlement problem is no failed call.
   A text whose only failure is a tool's own error raised before any call (a KeyError, a
   TypeError on undefined, a parameter missing: toolerror.py) counts no evidence below
   decisive in any kind, nor rule 7's situation: no call was sent.
   A report that states no failure at all (no failed call, error, dump, status, refusal,
   "wrong" or "instead") and asks how, which, where or whether counts no evidence below
   decisive, nor rule 7's situation (nofailure.py): a how-to or a product's limit.
   No cue counts where the text sets it aside: a program said not to be used, said to
   work, or named only as an alternative ("pyrfc is not used", "from abapGit's point of
   view everything looks fine", "instead of the Cloud Connector": ruledcues.py).
7. With nothing of the above, causes of the base in evidence make it `sap_http_client` by
   situation — weak evidence, never a confident answer (confidence.py) — when the text is
   about a call or connection and, for a report of `scope_report_words` words or more, when
   something places the call in an ABAP system (a short question typed here has the chat
   as its setting; a longer report has its own) and the longer report states a failed call,
   or the ABAP side's own failure (a dump, a sy-subrc, the wrong setting) or a handshake's
   (a TLS alert, a version mismatch): where a call would be is no failed one
   (docs/research/fresh_failures.md). "SAP" as the subject of a call ("when SAP calls …")
   places it (systemrole.py). Its mirror: a longer report of a failed
   connect with no evidence at all and nothing placing it in an ABAP system is the
   connection of the client the reporter runs — another client's, weak (failedcall.py).

Alongside the kind, the scope records the class of its strongest evidence (`strength`: 1
decisive, 0.5 indicative, 0 weak or by situation) and that of the runner-up (`rival`),
which the confidence model uses.
"""

from __future__ import annotations

import re

from assistant.intent.abapsetting import (
    names_an_abap_system,
    speaks_of_a_connection,
    without_release_statements,
)
from assistant.intent.calledsap import called_sap_server
from assistant.intent.cliclients import cli_home
from assistant.intent.courtesy import own_words
from assistant.intent.evidence import CauseEvidence, MessageEvidence
from assistant.intent.failedcall import (
    failed_connection_outside_abap,
    read_in_english,
    reports_a_failed_call,
)
from assistant.intent.hosts import without_urls
from assistant.intent.httpstatus import PROXY_AUTHENTICATION_REQUIRED
from assistant.intent.icmtrace import ni_connect_in_the_icm_trace
from assistant.intent.nofailure import NO_FAILURE_REASON, question_without_a_failure
from assistant.intent.othercaller import other_product_as_caller, products_only_called
from assistant.intent.parsing import ParsedText
from assistant.intent.refusalagent import refusal_by_agent
from assistant.intent.result import Scope
from assistant.intent.ruledcues import evidence_cues
from assistant.intent.sapclientwords import quoted_specific_title, server_role_codes
from assistant.intent.scopecues import SCOPES, Hit, find_cues, windowed
from assistant.intent.scopenames import (
    names_without_a_call,
    tool_error_without_a_call,
    verdict_without_a_call,
)
from assistant.intent.scopetally import (
    CLASS_VALUE,
    RUNTIME_FAMILIES,
    Tally,
    key_store_home,
    mechanism_home,
    protocol_home,
    reason_by_failure,
    settled_pointer,
    shows_a_protocol_mismatch,
)
from assistant.intent.scopevocab import (
    DECISIVE,
    FAMILIES,
    INBOUND,
    INDICATIVE,
    NAMES_THE_SERVER_ONLY,
    OTHER,
    RFC,
    USER_REFUSED,
    WEAK,
)
from assistant.intent.serverpages import pages_through_a_client
from assistant.intent.tlsalerts import reports_a_tls_alert
from assistant.intent.weights import Weights
from assistant.kb.knowledge_base import KnowledgeBase

SAP = "sap_http_client"
HTTP = "http_status_from_server"
# Equal sums are settled by the precedence rules below: the RFC layer over a runtime, the
# server side over the status it sent, a status over client words, the SAP client last.
TIE_ORDER = ("rfc_or_network", "sap_server_inbound", "http_status_from_server", "other_client", "sap_http_client")
UNDECIDED_SHARE = 0.6  # a status read as HTTP only by base rate (401/403/404) counts less
_CLIENT_LAYERS = ("SapSSL", "NI", "ICM trace", "ABAP exception", "ICF", "get_last_error")


def decide_scope(
    parsed: ParsedText,
    messages: MessageEvidence,
    causes: CauseEvidence,
    kb: KnowledgeBase,
    w: Weights,
    hits: list[Hit] | None = None,
) -> Scope:
    """The kind of failure (see the module docstring); `hits`: the text's cues that count
    (`evidence_cues`), when the caller has them already."""
    tally = Tally(w.scope_decay)
    if hits is None:
        found = find_cues(parsed.raw)
        hits = evidence_cues(found.hits, found, parsed.raw)
    hits = ni_connect_in_the_icm_trace(products_only_called(pages_through_a_client(hits, parsed.raw), parsed.raw), parsed.raw)
    rfc_layer = any(h.scope == RFC and h.strength == DECISIVE for h in hits)
    _evidence_for_the_sap_client(parsed, messages, kb, w, tally, rfc_layer)
    # A status printed the way other clients print it ("StatusCode: 400", "Request failed
    # with status code 407") is that client's, unless the text shows the SAP client too.
    foreign_status = any(h.family == "client_status" for h in hits)
    other_client = any(h.scope == OTHER for h in hits)
    sap_context = any(h.scope == SAP for h in hits) or SAP in tally.families or not (foreign_status or other_client)
    _statuses(messages, kb, w, tally, sap_context=sap_context)
    silent = silent_families(hits)
    _vocabulary(hits, messages, w, tally, silent)
    _bare_number_outside_an_abap_system(parsed, messages, w, tally, hits)
    _gateway_status_after_a_runtime_error(hits, messages, w, tally)
    other_product_as_caller(windowed(parsed.raw), tally, w, shows_a_status=any(
        r.lean in ("http", "unclear") and r.via != "proxy" for r in messages.readings))
    _products_below_the_answer(messages, w, tally)
    refusal_by_agent(windowed(parsed.raw), tally, w)
    called_sap_server(windowed(parsed.raw), tally, w)
    names_without_a_call(parsed.raw, tally)
    verdict_without_a_call(parsed.raw, tally)
    own_error = tool_error_without_a_call(parsed.raw, tally)
    asked = question_without_a_failure(parsed, tally)
    elsewhere = any(tally.families[k] for k in SCOPES if k != SAP)
    top_cause = max(causes.scores.values(), default=0.0)
    if (not asked and not own_error and top_cause > 0 and not elsewhere and about_a_connection(parsed)
            and _set_in_an_abap_system(parsed, tally, w) and _a_call_failed(parsed, w)):
        tally.add(SAP, "situation", w.scope_sap_causes * min(1.0, top_cause / 2.0),
                  "an SAP HTTP-client problem, by the situation described", None, WEAK)
    elif own_words(parsed.raw, int(w.scope_report_words)) >= w.scope_report_words:
        failed_connection_outside_abap(windowed(parsed.raw), tally, w, in_abap=_set_in_an_abap_system(parsed, tally, w))
    scores = {k: tally.score(k) for k in SCOPES[:-1]}
    named = tally.families[SAP].get("sap_id")
    if named is not None and named.strength == DECISIVE and (parsed.entities.icm_constants or any(
        m.context == "explicit" for m in parsed.entities.numbers
    ) or any(r.lean == "icm" and r.decided for r in messages.readings)):
        # Rule 1: an SCLNT_HTTP id or ICM constant written out is the SAP client's own word;
        # a status elsewhere in the same report is another, separate answer — and so is what
        # another kind shows without a decisive text of its own (a curl test from the same
        # host: "curl: (7)", a product's name).
        rivals = [k for k in scores if k != SAP and (k == HTTP or tally.strength(k) < CLASS_VALUE[DECISIVE])]
        scores[SAP] = max(scores[SAP], *(scores[k] + 1e-6 for k in rivals))
    order = _tie_order(tally, silent)
    ranked = sorted(((scores[k], -order.index(k), k) for k in scores), reverse=True)
    (best, _, kind), (second, _, runner_up) = ranked[0], ranked[1]
    if best < w.scope_min:
        about = bool(hits) or about_a_connection(parsed)
        # The tool's own error is about configuring a client whether or not it names a connection
        # ("abapGit: property 'ssl_id' is required", "missing parameter client in config").
        reason = TOOL_ERROR_REASON if own_error else (NO_FAILURE_REASON if asked else UNKNOWN_REASON) if about \
            else OFF_TOPIC_REASON
        return Scope("unknown", reason, margin=best, top=best,
                     rival=tally.strength(kind) if best > 0 else 0.0)
    reason, pointer = tally.why(kind)
    family = tally.family_of(kind, reason)
    # a runtime's TLS versions, or a product's key store: not the trust store the tally chose
    home = (protocol_home(pointer, tally, kind, parsed.raw) or key_store_home(tally, kind)
            or mechanism_home(pointer, tally, kind, parsed.raw) or cli_home(kind, parsed.raw))
    reason, pointer = home or (reason, settled_pointer(pointer, tally, kind, parsed.raw, messages))
    if home is None:
        reason = reason_by_failure(reason, tally, kind, parsed.raw)
    return Scope(kind, reason, pointer, _not_message(parsed, kind, kb), best - second, best, tally.strength(kind),
                 tally.strength(runner_up) if second > 0 else 0.0, family)


UNKNOWN_REASON = "nothing in the text says which system or client failed"
TOOL_ERROR_REASON = "the error is the tool's own (its code or its configuration), raised before any call was sent"
OFF_TOPIC_REASON = "nothing in the text is about a call, a connection, TLS or a certificate"


def about_a_connection(parsed: ParsedText) -> bool:
    """The text speaks of a call or connection, or names something of the base (an id, a
    code, a cause, a transaction, a parameter, a host or URL)."""
    e = parsed.entities
    named = (e.message_ids or e.icm_constants or e.codes or e.unknown_codes or e.causes or e.hosts or e.urls
             or e.ports or e.transactions or e.parameters or parsed.glossary_in_report or e.proxy)
    # A URL's words are a name: one that names an endpoint counts above (hosts, urls), a page
    # cited for reading (the post's own thread, the help portal: hosts.py) speaks of no connection.
    # The normalised text carries the English of German, Spanish, Portuguese and French words.
    # A release named on its own ("Kernel: 793 PL 100") is no word of a connection: its digits are no status.
    return (bool(named) or speaks_of_a_connection(without_release_statements(without_urls(parsed.raw).lower()))
            or speaks_of_a_connection(_URL_SCHEME.sub(" ", parsed.normalized)))


_URL_SCHEME = re.compile(r"(?<= )https?(?= )")  # in the normalised words; "HTTP" as a word counts in the raw text


def _set_in_an_abap_system(parsed: ParsedText, tally: Tally, w: Weights) -> bool:
    """Rule 7's second condition. A short question typed here is about the assistant's own
    subject (the chat is its setting). A longer report carries its own setting: it counts as
    the SAP HTTP client's only when something places the call in an ABAP system (a cue of
    the SAP client already found, or an ABAP word). On the dev reports, the longer ones
    rule 7 took without such a word were other products' threads (Eclipse, Business One,
    Cloud Integration, API Management, HANA XS) in 17 of 17 when the rule came in."""
    # The report's own words (courtesy.py), counted only near the threshold (a paste may be a megabyte long).
    if own_words(parsed.raw, int(w.scope_report_words)) < w.scope_report_words or tally.families[SAP]:
        return True
    return names_an_abap_system(windowed(parsed.raw).lower())


def _a_call_failed(parsed: ParsedText, w: Weights) -> bool:
    """Rule 7's third condition: a longer report read as the SAP client's by situation must
    report a failed call at all (failedcall.py). Causes of the base in evidence and an ABAP
    word say where a call would be, not that one failed: a replication whose inbound web
    service did what it was designed to do, a deploy tool's capability check against an
    older release. A short question typed here, or a text not in English (whose failure
    words failedcall.py cannot read), keeps the rule as before. The ABAP side states its own
    failures without a word of a call, and they count: a dump or a non-zero sy-subrc, or a
    setting said to be the wrong one or needed instead (a test report's SSL id, the
    certificate a tutorial should have named). A handshake's own failure needs no word of
    failing either: a TLS alert ends the connection (RFC 8446 section 6.2: tlsalerts.py), and
    a runtime's words for a version or cipher mismatch ("wrong version number") are one."""
    raw = parsed.raw
    if own_words(raw, int(w.scope_report_words)) < w.scope_report_words or not read_in_english(raw):
        return True
    return (reports_a_failed_call(raw) or _ABAP_SIDE_FAILURE.search(raw) is not None or reports_a_tls_alert(raw)
            or shows_a_protocol_mismatch(raw))


# An ABAP program's own failure, or a setting said to be the wrong one: no word of a call needed.
# "Uses the wrong SSLID" names a setting; "what goes wrong?" names none.
_ABAP_SIDE_FAILURE = re.compile(
    r"\b(?:(?:short ?)?dumps?|dumped|sy-subrc\W{0,4}[1-9]|(?:the|a) wrong \w+|instead)\b", re.IGNORECASE
)


def _bare_number_outside_an_abap_system(
    parsed: ParsedText, messages: MessageEvidence, w: Weights, tally: Tally, hits: list[Hit]
) -> None:
    """A number whose wording decides neither reading ("I just got error 405") in a report
    that nothing places in an ABAP system: an SCLNT_HTTP code is shown only by an SAP system
    (SM59, the ICM, an ABAP program's get_last_error), so the number is the status the far
    server sent — counted as an undecided one. In an ABAP setting, and in a short question
    typed here (whose setting is the chat's subject), it stays open — unless the text is
    another runtime's printout (its error names or stack frames) and shows nothing of the SAP
    client: that runtime printed the number, and it prints no SCLNT_HTTP code, so the number
    is the status it received, whatever the length of the text."""
    unclear = [r for r in messages.readings if r.lean == "unclear" and r.via != "proxy"]
    if not unclear or tally.families[HTTP]:
        return
    printed_by_a_runtime = not tally.families[SAP] and any(
        h.scope == OTHER and h.family in RUNTIME_FAMILIES for h in hits
    )
    if not printed_by_a_runtime and _set_in_an_abap_system(parsed, tally, w):
        return
    share = 1.0 if printed_by_a_runtime else UNDECIDED_SHARE
    tally.add(HTTP, "status", w.scope_http_status * share,
              f"{unclear[0].number} here is a status the far server sent: nothing places the call in an SAP system, "
              "the only place an SCLNT_HTTP code is shown", FAMILIES["status"].pointer, INDICATIVE)


def silent_families(hits: list[Hit]) -> frozenset[str]:
    """The SAP-side families of this text that explain no status beside them (rule 3): a
    server product named, and — when a client program printed the status — a user's logon
    or app refused (that program logged on; the status is its report)."""
    if any(h.family == "client_status" for h in hits):
        return NAMES_THE_SERVER_ONLY | USER_REFUSED
    return NAMES_THE_SERVER_ONLY


def _tie_order(tally: Tally, silent: frozenset[str]) -> tuple[str, ...]:
    """TIE_ORDER, except that a non-ABAP runtime's own error text (a decisive cue) wins a
    tie with the SAP system as server and with a status: the caller's own trust or network
    failure is fixed in the caller, also when the server it calls is an SAP system (rule 5).
    Its stack frames alone (`node:internal/`, a weak cue like Java's frames) only say who got the answer:
    a reason phrase it raised ("OTLPExporterError: Bad Request") stays the server's. And the
    SAP side named only by families that explain no status (`silent`) loses a tie with a
    status and with another client (rule 3)."""
    runtime = any(
        family in RUNTIME_FAMILIES and piece.strength == DECISIVE for family, piece in tally.families[OTHER].items()
    )
    order: tuple[str, ...] = TIE_ORDER
    if runtime:
        rest = [k for k in order if k != OTHER]
        order = (*rest[: rest.index(INBOUND)], OTHER, *rest[rest.index(INBOUND):])
    if tally.families[INBOUND] and set(tally.families[INBOUND]) <= silent:
        # Only a logon, an app or a server product named (no word of the server's own): the
        # status or the client's failure it ties with is what the text reports (rule 3).
        rest = [k for k in order if k != INBOUND]
        order = (*rest[: rest.index(SAP)], INBOUND, SAP)
    return order


CALLER = "abap_caller"  # the vocabulary's family of words naming the ABAP system as the caller
GATEWAY_STATUSES = frozenset({502, 503, 504})  # what a gateway answers when it cannot reach on


def _gateway_status_after_a_runtime_error(hits: list[Hit], messages: MessageEvidence, w: Weights, tally: Tally) -> None:
    """A 502/503/504 next to a non-ABAP runtime's own network or trust error ("approuter:
    502 Bad Gateway … getaddrinfo ENOTFOUND") is that component's failure shown as a status:
    the status counts `scope_decay` times less (its fix lives in the client, not at a server)."""
    statuses = {r.number for r in messages.readings if r.lean == "http"}
    if not statuses or not statuses <= GATEWAY_STATUSES or HTTP not in tally.families:
        return
    if any(h.scope == OTHER and h.family in RUNTIME_FAMILIES and h.strength != WEAK for h in hits):
        for piece in tally.families[HTTP].values():
            piece.weight *= w.scope_decay


def _products_below_the_answer(messages: MessageEvidence, w: Weights, tally: Tally) -> None:
    """Rule 2 for non-ABAP callers, whatever the class weights: a status or refusal the far
    server decidedly sent is the answer; the names of the product or tool that received it
    (Cloud SDK, a BTP destination, an IDE, Java by name) say who got it and count
    `scope_decay` times the answer at most. Not for a gateway's 502/503/504 alone (a product
    on the way may make it itself). A runtime's own failure text (PKIX, ECONNRESET) and a
    proxy's logon request to that client are its own failures: they keep their weight."""
    decided = [r.number for r in messages.readings if r.lean == "http" and r.via != "proxy"]
    answers = [p for f, p in tally.families[HTTP].items() if p.strength != WEAK and (f != "status" or decided)]
    if not answers or (decided and set(decided) <= GATEWAY_STATUSES and len(answers) == 1):
        return
    answer = max(p.weight for p in answers)
    for family, piece in tally.families[OTHER].items():
        own_failure = family == "client_proxy" or (family in RUNTIME_FAMILIES and piece.strength != WEAK)
        if not own_failure:
            piece.weight = min(piece.weight, answer * w.scope_decay)


def _vocabulary(hits: list[Hit], messages: MessageEvidence, w: Weights, tally: Tally, silent: frozenset[str]) -> None:
    """The vocabulary's families, each with its class weight. A status a proxy sent is the
    SAP client's error (416, 426), not the far server's answer: no status family counts."""
    from_proxy = any(r.lean == "http" and r.via == "proxy" for r in messages.readings)
    weight = {DECISIVE: w.scope_decisive, INDICATIVE: w.scope_indicative, WEAK: w.scope_weak}
    server_side = any(
        h.scope == INBOUND and h.strength in (DECISIVE, INDICATIVE) and h.family not in silent for h in hits
    )
    if server_side and HTTP in tally.families:
        # The SAP system as server explains the status it sent (rule 3): the status is its
        # symptom — shown by a decisive cue or an indicative one (its server PSE, its ICF
        # service, its verify_client setting), not by words that only lean.
        for piece in tally.families[HTTP].values():
            piece.weight *= w.scope_decay
    # Rule 2: with a status of the far server in the text, words that only say the ABAP
    # system is the caller (abapGit, cl_http_client, SM59) describe who got the answer,
    # not a failure of the SAP client: they count `scope_decay` times less.
    # A status the ICM made itself (its "Native SSL Error" page, read through get_status): the
    # words about a status are that page's, not a far server's answer.
    icm_made = any(r.lean == "icm_page" for r in messages.readings) and not any(
        r.lean == "http" for r in messages.readings)
    answered = not from_proxy and not icm_made and (bool(tally.families[HTTP]) or any(h.scope == HTTP for h in hits))
    for hit in hits:
        if from_proxy and hit.scope == HTTP:
            continue
        family = FAMILIES[hit.family]
        status_words = hit.scope == HTTP and (server_side or icm_made)
        share = w.scope_decay if status_words or (answered and hit.family == CALLER) else 1.0
        tally.add(hit.scope, hit.family, weight[hit.strength] * share, family.reason, family.pointer, hit.strength)
    if answered:
        _caller_below_the_answer(tally, w)


def _caller_below_the_answer(tally: Tally, w: Weights) -> None:
    """Rule 2, whatever the class weights: the words naming the caller say who got the
    answer, so they count `scope_decay` times the answer's own weight at most."""
    caller = tally.families[SAP].get(CALLER)
    answer = max((p.weight for p in tally.families[HTTP].values()), default=0.0)
    if caller is not None and answer > 0:
        caller.weight = min(caller.weight, answer * w.scope_decay)


def _evidence_for_the_sap_client(
    parsed: ParsedText, messages: MessageEvidence, kb: KnowledgeBase, w: Weights, tally: Tally, rfc_layer: bool
) -> None:
    """The base's own evidence for the SAP client: ids, ICM constants, ICM-worded numbers,
    and the SapSSL/NI codes of an outbound call — NI codes only when the text is not an
    RFC/NI error block (there they are the RFC layer's)."""
    entities = parsed.entities
    named = [
        m for m in entities.numbers
        if m.context in ("explicit", "icm", "icm_http_error") and m.message_id
    ]
    if named or entities.icm_constants:
        ident = entities.icm_constants[0] if entities.icm_constants else named[0].message_id
        tally.add(SAP, "sap_id", w.scope_sap_id, f"the text names {ident}, an SAP HTTP-client (ICM) error", None, DECISIVE)
    elif any(r.lean == "icm" and r.decided for r in messages.readings):
        tally.add(SAP, "sap_id", w.scope_sap_id * 0.8, "the number is worded as an ICM error", None, DECISIVE)
    if messages.copied_title:
        tally.add(SAP, "sap_title", w.scope_indicative,
                  f"the text is the short text of {messages.copied_title}, as the SAP system shows it", None, INDICATIVE)
    elif quoting := quoted_specific_title(messages, kb):
        tally.add(SAP, "sap_title", w.scope_indicative,
                  f"the text quotes the short text of {quoting}, as the SAP system shows it", None, INDICATIVE)
    client_codes = [
        c for c in entities.codes
        if c in kb.codes and kb.codes[c].layer in _CLIENT_LAYERS and (kb.codes[c].messages or kb.codes[c].causes)
        and not (rfc_layer and kb.codes[c].layer == "NI") and c.lower() not in server_role_codes()
    ]
    if client_codes:
        tally.add(SAP, "sap_code", w.scope_sap_code, f"{client_codes[0]} comes from the SAP system's outbound call",
                  None, DECISIVE)
    elif not rfc_layer and entities.unknown_codes and any(
        u.upper().startswith(("SSSL", "ICM_", "NIE")) for u in entities.unknown_codes
    ):
        tally.add(SAP, "sap_code", w.scope_sap_code * 0.5, "a SapSSL / ICM / NI code", None, INDICATIVE)


def _statuses(messages: MessageEvidence, kb: KnowledgeBase, w: Weights, tally: Tally, *, sap_context: bool) -> None:
    """A real status: from a proxy, the SAP client reports it (416, 426) — unless the
    status is printed the way another client prints it and nothing shows the SAP client:
    then it is that client's answer on the way, a status like any other. From the far
    server, it is the server's answer; an ICM-made page belongs to the SAP client."""
    for r in messages.readings:
        if r.lean == "icm_page":
            tally.add(SAP, "sap_id", w.scope_sap_id * 0.8, f"{r.number} here is a page the ICM made after a failed call",
                      None, DECISIVE)
        elif r.lean == "http":
            share = 1.0 if r.decided else UNDECIDED_SHARE
            strength = DECISIVE if r.decided else INDICATIVE
            if r.via == "proxy" and r.message and r.message in kb.messages and sap_context:
                tally.add(SAP, "sap_id", w.scope_sap_id * 0.8 * share, f"HTTP {r.number} reaches the SAP client as {r.message}",
                          None, strength)
            elif r.number == PROXY_AUTHENTICATION_REQUIRED and not sap_context:
                # A proxy asked another client to log on: that client's proxy settings.
                tally.add(OTHER, "client_proxy", w.scope_sap_id * 0.8 * share,
                          f"HTTP {r.number}: a proxy asked this (non-ABAP) client to log on: its own proxy "
                          "settings and credentials", "", strength)
            else:
                tally.add(HTTP, "status", w.scope_http_status * share, f"HTTP {r.number} is the far server's own answer",
                          FAMILIES["status"].pointer, strength)


def _not_message(parsed: ParsedText, kind: str, kb: KnowledgeBase) -> str | None:
    """The SCLNT_HTTP message a number in the text shares its digits with, when the text
    is not an SAP HTTP-client error."""
    if kind == SAP:
        return None
    for mention in parsed.entities.numbers:
        if mention.message_id and mention.message_id in kb.messages and mention.context != "explicit":
            return mention.message_id
    return None
