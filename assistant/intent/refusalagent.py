"""A refusal told in words, and who refused: one structural reading for the prose refusals
the number-reading stages miss (docs/research/fresh_failures.md, classes W and S).

Why: a report often says *that* it was refused without a status ("the credentials are
rejected", "insufficient scope", "you do not have permission to access the … app"). Who
refused decides whose failure it is: a far server, API, service, endpoint, IdP or tenant
answered (`http_status_from_server`: the fix lives there); the SAP system serving the
request — its Gateway, launchpad, service group, ICF or single sign-on — refused the user
(`sap_server_inbound`); a proxy's refusal is the SAP client's own error when the ABAP
system calls out, so it is read but decides nothing here. The agent is the grammatical
subject of the refusal, the "by/from X" after it, or the resource whose access was refused.

The predicates are a small closed list of verbs and adjectives (English and German), not
phrases of any report. A refusal with no agent decides nothing, and so does one beside a
connect or TLS failure: a server that refused there was never reached with a request.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.intent.failedcall import reports_a_failed_connection
from assistant.intent.scopetally import Tally
from assistant.intent.scopevocab_types import INDICATIVE
from assistant.intent.weights import Weights
from assistant.lazyre import LazyPattern

FAR_SERVER = "far_server"
SAP_SERVER = "sap_server"
PROXY = "proxy"

# What may be refused, as a noun: credentials, a token, a grant, a client, a scope …
_REFUSED_THING = (
    r"(?:credentials?|tokens?|grant\w*|clients?|scopes?|signatures?|assertions?|passwords?|"
    r"zugangsdaten|anmeldedaten|kennw(?:o|ö)rt\w*)"
)
_BAD = r"(?:invalid|expired|abgelaufen\w*|ung(?:ü|ue)ltig\w*)"
# The refusal predicates: verbs and adjectives of refusing, with their object when the word
# alone is too common ("invalid" needs a credential, a token, a scope … beside it).
REFUSAL_PREDICATE = (
    r"(?:reject\w*|refus\w*|den(?:y|ies|ied|ying)|forbid\w*|not allowed|not authori[sz]ed|unauthori[sz]ed"
    rf"|{_BAD} (?:\w+ ){{0,2}}?{_REFUSED_THING}|{_REFUSED_THING} (?:\w+ ){{0,2}}?{_BAD}"
    r"|insufficient (?:scopes?|privileges?|authori[sz]ations?|permissions?|rights)"
    r"|(?:missing|no) (?:\w+ )?(?:roles?|permissions?|authori[sz]ations?)"
    r"|(?:do|does|did)(?: not|n.?t) have (?:the )?(?:\w+ )?(?:permissions?|authori[sz]ations?|roles?)"
    r"|permission (?:error|denied)|authentication (?:failed|incorrect)"
    r"|abgelehnt|verweigert|nicht berechtigt)"
)
# Who may refuse: the SAP system serving a request, a proxy, or any far server. Matched as
# one alternation (longest names first); `_side` tells which it is.
_SAP_AGENT = (
    r"(?:SAP[- ](?:system|server|back[- ]?end)|S/4 ?HANA(?:[- ](?:system|server))?|S/4|ABAP[- ](?:system|server"
    r"|back[- ]?end|environment)|SAP Gateway|Gateway[- ](?:system|hub|server)|launchpad|Fiori (?:apps?|tiles?)"
    r"|service groups?|SICF|ICF)"
)
_PROXY_AGENT = r"(?:proxy(?: server)?)"
_FAR_AGENT = (
    r"(?:authori[sz]ation server|token endpoint|identity provider|IdP|IAS|tenant|server|APIs?|web ?services?"
    r"|services?|endpoints?|endpunkt|dienst)"
)
_AGENT = rf"(?P<agent>{_SAP_AGENT}|{_PROXY_AGENT}|{_FAR_AGENT})"
# The agent's own verbs: it refuses (a predicate) or answers/says what the refusal is.
_SAYS = r"(?:respond\w*|answer\w*|return\w*|repl(?:y|ies|ied)|says?|said|meldet|sagt|antwortet)"
# The refusing verbs themselves, for an agent that is their subject ("the tenant rejects …").
_REFUSE_VERB = r"(?:reject\w*|refus\w*|den(?:y|ies|ied|ying)|forbid\w*|verweiger\w*|lehnt\w*)"
# Words that may stand between a subject and its verb: auxiliaries and adverbs, no noun.
_AUXILIARY = r"(?:is|are|was|were|has|have|had|been|keeps|kept|always|now|still|then|also|suddenly|hat|wird|wurde)"
# A single sign-on or SAML logon, named as what refused.
_SSO = r"(?:SSO|SAML(?: ?2(?:\.0)?)?|single sign-on)"
_FORMS = (
    # subject first: "the server rejects …", "the API says my token is invalid"
    rf"\b{_AGENT}\b\W+(?:(?:\w+\W+){{0,3}}?{_SAYS}\b[^.!?\n]{{0,80}}?\b(?P<p1>{REFUSAL_PREDICATE})"
    rf"|(?:{_AUXILIARY}\W+){{0,2}}(?P<p2>{_REFUSE_VERB}))",
    # the agent after the refusal: "rejected by the IdP", "an error from the tenant", "vom SAP-System"
    rf"\b(?P<p3>{REFUSAL_PREDICATE})\W+(?:\w+\W+){{0,3}}?(?:by|from|vom|von|durch)\W+(?:[\w'-]+\W+){{0,3}}?{_AGENT}\b",
    # German: the agent before the participle, "vom SAP-System abgelehnt", "durch den Server verweigert"
    rf"\b(?:vom|von der|von dem|durch (?:das|den|die))\W+(?:[\w-]+\W+){{0,2}}?{_AGENT}\W+(?:\w+\W+){{0,2}}?"
    rf"(?P<p6>{REFUSAL_PREDICATE})",
    # the resource refused: "no authorization to access service group …"
    rf"\b(?P<p4>{REFUSAL_PREDICATE})\W+(?:\w+\W+){{0,3}}?(?:to |when |while )?access(?:ing)?\W+(?:to\W+)?"
    rf"(?:[\w'-]+\W+){{0,4}}?{_AGENT}\b",
    # a logon by single sign-on, refused: "SSO authentication failed", "log in using Single
    # Sign-On (SSO), I am getting the error: Authentication Failed"
    rf"\b(?P<agent_sso>{_SSO})\W+(?:[\w-]+\W+){{0,8}}?(?P<p5>authentication (?:failed|incorrect))",
)
_FORM_PATTERNS = tuple(LazyPattern(form, re.IGNORECASE) for form in _FORMS)
_SENTENCE_BREAK = LazyPattern(r"[!?\n;]|\.(?=\s|$)")
# A TLS failure: the request never reached the server's logic, whatever refused it.
TLS_FAILURE = LazyPattern(
    r"\b(?:handshake|SSSLERR\w*|PKIX|ICM_HTTP_SSL\w*|CERTIFICATE_VERIFY_FAILED|x509|self[- ]signed"
    r"|unable to get local issuer|SSL (?:error|routines))\b",
    re.IGNORECASE,
)
# The ABAP system named as the caller: then an SAP-side name is the far side or the caller, not
# the SAP system serving the request.
ABAP_CALLER = LazyPattern(
    r"\b(?:SM59|cl_http_client|if_http_client|abapGit|RFC destination|outbound|STRUST|SOAMANAGER)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class RefusalReading:
    """A refusal in words: the predicate and the agent as the text writes them, and the side
    the agent is on (FAR_SERVER, SAP_SERVER or PROXY)."""

    predicate: str
    agent: str
    side: str


def _side(agent: str) -> str:
    if re.fullmatch(_SAP_AGENT, agent, re.IGNORECASE):
        return SAP_SERVER
    if re.fullmatch(_PROXY_AGENT, agent, re.IGNORECASE):
        return PROXY
    return FAR_SERVER


def _in_sentence(sentence: str) -> RefusalReading | None:
    for pattern in _FORM_PATTERNS:
        match = pattern.search(sentence)
        if match is None:
            continue
        groups = {k: v for k, v in match.groupdict().items() if v}
        predicate = next(v for k, v in groups.items() if k.startswith("p"))
        if "agent_sso" in groups:  # a logon by single sign-on is the logon of the system serving it
            return RefusalReading(predicate, groups["agent_sso"], SAP_SERVER)
        return RefusalReading(predicate, groups["agent"], _side(groups["agent"]))
    return None


def read_refusal(text: str) -> RefusalReading | None:
    """The first refusal of the text with its agent, or None: no refusal with an agent, or a
    connect/TLS failure in the text (module docstring). An SAP-side agent counts only while
    the text does not name the ABAP system as the caller."""
    if TLS_FAILURE.search(text) or reports_a_failed_connection(text):
        return None
    caller_is_abap = bool(ABAP_CALLER.search(text))
    for sentence in _SENTENCE_BREAK.split(text):
        reading = _in_sentence(sentence)
        if reading is not None and not (reading.side == SAP_SERVER and caller_is_abap):
            return reading
    return None


# A 4xx/5xx status written as a number (a port such as ":443" is none).
STATUS_NUMBER = LazyPattern(r"(?<![:\w.])(?<!port )[45]\d\d(?!\w|\.\w)")
_SCOPE_OF_SIDE = {FAR_SERVER: "http_status_from_server", SAP_SERVER: "sap_server_inbound"}
FAR_REFUSAL_REASON = "a refusal in words by the server that was called: the fix lives at that server"
_REASONS = {
    FAR_SERVER: FAR_REFUSAL_REASON,
    SAP_SERVER: "a refusal in words by the SAP system serving the request: its logon, roles or services",
}

# Where the fix of a refusal by the SAP system serving the request is looked for: its own
# logs of the refused request (Security Audit Log, ICF Recorder). A far server's refusal is
# said by the status reading's entry (HTTP_ERROR_STATUSES): no pointer here.
POINTER_OF_SIDE = {SAP_SERVER: "SAP_SERVER_HTTP_LOGS"}


def refusal_by_agent(text: str, tally: Tally, w: Weights) -> RefusalReading | None:
    """Scope rule 2/3 for a refusal told in words: its agent's kind gets indicative evidence
    (a proxy's refusal adds none: the SAP client's own codes tell it). Only for a refusal with
    no status number beside it: "SSO authentication failed - 401 Client Error: … for url" is
    a client program's report of the status it got (scope.py, rule 3)."""
    if STATUS_NUMBER.search(text):
        return None  # a status told in numbers: the status stages read it and who printed it
    reading = read_refusal(text)
    if reading is None or reading.side not in _SCOPE_OF_SIDE:
        return reading
    tally.add(_SCOPE_OF_SIDE[reading.side], "refusal_agent", w.scope_indicative, _REASONS[reading.side],
              POINTER_OF_SIDE.get(reading.side), INDICATIVE)
    return reading
