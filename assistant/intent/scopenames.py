"""Names of products and tools say who, not what failed (a rule of the scope stage).

"Cloud Integration", "cf deploy", "BTP", "Business Application Studio" place a report among
other clients' tools, but they are no evidence that a client's call failed: a deployment
refused for a descriptor, a command the CLI does not know, a missing entitlement or role
collection is fixed in that tool's set-up, and nothing went over a connection. The scope
kinds are kinds of failed calls, so such a report is `unknown`, not `other_client` — unless
the text also shows a call that failed: a runtime's own error, or (failedcall.py) a word of a
call beside a word of its failure ("the OData request fails", "not able to connect"), a
refusal or a status. A word of a call alone is no such failure: "the connection … defined in
the template is not known", "I changed the controller URL", "Connect to SAP Analytics Cloud"
as a step. On the dev reports, `other_client` verdicts made of names alone with no failed
call were seven set-up threads labelled `unknown` (a missing Launchpad entitlement, an
unregistered `cf deploy`, a Mobile Cards template, a Power BI refresh of an unsupported
source, an MTA module type, a Cloud Connector subaccount ID, an empty system list) and one
thread of another client's (a Java app's destination not bound, whose failure sits in a
sentence far from its words of a call). A text in another language is read by its words of
a call alone (the failure words are English).

The wider case (`tool_error_without_a_call`): a text whose only failure is a tool's own error
raised before any call (toolerror.py) is in no connection scope at all — every kind's evidence
below decisive counts nothing, not only other clients' names: a service said to be active in
SICF, a header's name in a KeyError, an ABAP word beside a plug-in's TypeError say where the
tool ran, not that a call failed.
"""

from __future__ import annotations

import re

from assistant.intent.failedcall import read_in_english, reports_a_failed_call, states_a_tool_error
from assistant.intent.logtimes import without_timestamps
from assistant.intent.scopetally import RUNTIME_FAMILIES, Tally
from assistant.intent.scopevocab_types import DECISIVE, OTHER, WEAK
from assistant.intent.toolerror import only_tool_errors, without_program_lines
from assistant.lazyre import LazyPattern

# Families of another client's own failure (not its product's name): they keep their weight.
OWN_FAILURE = RUNTIME_FAMILIES | {"client_identity", "client_sni", "client_proxy"}
# Families whose cues above weak are all a program's own error texts (a browser's ERR_CERT_…,
# "Your connection is not private", UI5's "initial loading of metadata failed"); their weak
# cues ("CORS") are only names.
OWN_FAILURE_ABOVE_WEAK = frozenset({"browser"})

# Words of a call, its failure or its answer, in any client's report: what a text in another
# language than English must show (failedcall.read_in_english).
_A_CALL = LazyPattern(
    r"\b(?:connect\w*|disconnect\w*|prox(?:y|ies)|unreachable|network|sockets?|firewall|[45]\d\d|status|"
    r"unauthori[sz]ed|forbidden|denied|refus\w*|reach\w*|log ?on|log ?in|sign[- ]?in|passwords?|credentials?|auth\w*|"
    r"tokens?|cors|blocked|urls?|retriev\w*|fetch\w*|requests?|call\w*|time ?outs?|timed out|reset|"
    r"respons\w*|repl(?:y|ies)|send\w*|receiv\w*|ssl|tls|handshake|certificat\w*|certs?|trust\w*|resolv\w*|dns|"
    r"host ?names?|hosts?|ports?)\b",
    re.IGNORECASE,
)


# A library's verdict on a token the application was given (SAP's security library for IAS and
# XSUAA tokens: its Jwt…Validator classes, "Token signature can not be validated because …",
# "Issuer is not trusted because …"): the application judged what it received and no call of
# a client failed — a claim, an issuer or a setting of the identity service is fixed. Seen in
# https://github.com/SAP/cloud-security-services-integration-library (java-security, its
# token/validation/validators: JwtIssuerValidator.java, JwtSignatureValidator.java).
_TOKEN_VERDICT = LazyPattern(
    r"\b(?:Jwt\w*Validator|Token signature can ?not be validated|Issuer is not trusted because"
    r"|(?:OIDC|OAuth|JWT|ID|access|IAS|XSUAA) token validation)\b",
    re.IGNORECASE,
)
# … unless a call failed on the way (the signing keys could not be fetched, a refused or
# timed-out connection, a TLS or proxy failure): then it is that call's failure.
_A_CALL_FAILED = LazyPattern(
    r"\b(?:refus\w*|timed? ?out|unreachable|reset|handshake|certificat\w*|ssl|tls|prox(?:y|ies)|dns"
    r"|(?:could ?not|cannot|can't|unable to|failed to) (?:connect|reach|fetch|retrieve|resolve)"
    r"|could not be (?:fetched|retrieved|reached|resolved)|connection (?:failed|error|closed|lost))\b",
    re.IGNORECASE,
)


def verdict_without_a_call(raw: str, tally: Tally) -> None:
    """A token's validation verdict with no failed call in the text: another client's evidence
    below decisive counts nothing — a runtime or platform named beside it ("our Java
    application", a Cloud Foundry log line) says where the verdict was given, not that a call
    failed. On the dev reports these were two threads of SAP's security library labelled
    `unknown` (an issuer without its scheme, a missing app_tid claim)."""
    pieces = tally.families[OTHER]
    if not pieces or any(piece.strength == DECISIVE for piece in pieces.values()):
        return
    if not _TOKEN_VERDICT.search(raw) or _A_CALL_FAILED.search(raw):
        return
    for piece in pieces.values():
        piece.weight = 0.0


def names_without_a_call(raw: str, tally: Tally) -> None:
    """Another client's evidence made of product and tool names alone, in a text that
    reports no failed call: the names count nothing (their families stay, so they still say
    the report is no SAP HTTP-client one)."""
    pieces = tally.families[OTHER]
    # An error code's words count too (Chrome's ERR_SSL_VERSION_OR_CIPHER_MISMATCH says "ssl").
    own = any(family in OWN_FAILURE or (family in OWN_FAILURE_ABOVE_WEAK and piece.strength != WEAK)
              for family, piece in pieces.items())
    if not pieces or own:
        return
    # A log's timestamp holds no status ("10:15:04,550": logtimes.py).
    if reports_a_failed_call(raw) if read_in_english(raw) else _A_CALL.search(without_timestamps(raw).replace("_", " ")):
        return
    for piece in pieces.values():
        piece.weight = 0.0


def tool_error_without_a_call(raw: str, tally: Tally) -> bool:
    """The text's only failure is a tool's own error (module docstring): every piece below
    decisive counts nothing (its family stays), and the answer is that no call failed. A
    decisive text (a status line, a runtime's TLS or network error, an SCLNT_HTTP id) still
    decides. A text not in English is left as it is (the markers and failure words are English);
    a traceback's frames and code lines are no words of its language."""
    english = read_in_english(without_program_lines(raw)) or only_tool_errors(raw)
    if not english or not states_a_tool_error(raw) or reports_a_failed_call(raw):
        return False
    tally.only_decisive()
    return True
