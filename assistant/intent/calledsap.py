"""The SAP system as the called server, told in prose: one structural rule for class S.

Why: reports where the SAP system is the server and its own side is where the fix lives
(tests/eval/real/README.md, "Label rules": its logon, roles, service activation, ICF) were
so far recognised by literal cues copied from single reports (docs/research/fresh_failures.md:
9 of the 12 class S fixes), which carry little to reports never seen. The rule joins two
readings this package already has, as a class:

1. the SAP system is the CALLED one: a named SAP system whose sentence makes it the server
   (systemrole.py) and none the caller; a URL whose path is one of the SAP system's ICF paths
   (/sap/opu/odata, /sap/bc/, /sap/public/, /sap/es/, /sap/hana/xs, a launchpad's
   `#Shell-home`); or something the SAP system itself serves to a user, named as what was
   opened or refused (a Fiori app or tile, a launchpad, a service binding or service group,
   an ICF/SICF service); or the reporter's own change to what it serves (ownchange.py: "I
   created the HTTP service", "after publishing the service");
2. the failure is of a kind whose fix lives on the SAP side: its service not active, not
   published, not registered, not found or not initialised; its roles not generated; a client
   certificate it does not accept or map; a logon or authorisation it refused in words (the
   refusal predicates of refusalagent.py, with or without an agent). After the reporter's own
   change the status itself is such a failure, and so is a refusal beside it: the thing
   changed is where the fix lives.

Both together are indicative evidence for `sap_server_inbound`; beside a status the server
sent, the status is then its symptom (scope.py, rule 3) — except a refusal in words beside a
status number, which the status stages read (as refusalagent.py does). Nothing counts when the
text names a client's destination or approuter route as the thing that built the request
(serverpages.py: that client's configuration is where the fix lives), names the ABAP system as
the caller (SM59, cl_http_client …: then the SAP system is the client), or reports a failed
connect or TLS failure (no request reached the server's logic).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.intent.failedcall import reports_a_failed_connection
from assistant.intent.ownchange import changed_own_content
from assistant.intent.refusalagent import ABAP_CALLER, REFUSAL_PREDICATE, STATUS_NUMBER, TLS_FAILURE
from assistant.intent.scopetally import Tally
from assistant.intent.scopevocab_types import INDICATIVE
from assistant.intent.serverpages import CLIENT_ROUTE
from assistant.intent.systemrole import Role, system_mentions
from assistant.intent.weights import Weights
from assistant.lazyre import LazyPattern

INBOUND = "sap_server_inbound"
HTTP = "http_status_from_server"

# The SAP system's own ICF paths and launchpad addresses, in a URL or written alone.
_ICF_PATH = LazyPattern(
    r"/sap/(?:opu/odata4?|bc|public|es|hana/xs)/|#Shell-home|FioriLaunchpad\.html|/sap/hana/uis\b",
    re.IGNORECASE,
    literals=("/sap/", "#shell-home", "fiorilaunchpad"),
)
# What the SAP system serves to a user: opened, called or refused, it is the server.
_SERVED = (
    r"(?:Fiori (?:apps?|tiles?|launchpad)|launchpad|service bindings?|service groups?|ICF services?|SICF(?: nodes?)?"
    r"|OData services?|Gateway services?)"
)
_SERVED_THING = LazyPattern(rf"\b{_SERVED}\b", re.IGNORECASE)
# The kinds of failure whose fix lives on the SAP side (module docstring, 2.), by what failed.
_NOT = r"(?:not|n't|no longer|never)\s+(?:(?:been|be|yet|get|got|getting)\s+)*"
_SERVICE_STATE = (
    r"(?:active|activated|published|registered|generated|maintained|initiali[sz]ed)"
)
_SERVICE_DOWN = LazyPattern(
    rf"\b(?:services?|bindings?|nodes?|apps?|tiles?|handlers?)\b[^.!?\n]{{0,60}}?\b{_NOT}{_SERVICE_STATE}\b"
    rf"|\b(?:inactive|deactivated|unpublished) (?:\w+ )?(?:services?|nodes?|bindings?)\b"
    rf"|\b(?:services?|nodes?|bindings?) (?:is |are |was |were )?(?:inactive|deactivated)\b",
    re.IGNORECASE,
)
_ROLES_NOT_GENERATED = LazyPattern(
    rf"\b(?:roles?|profiles?)\b[^.!?\n]{{0,40}}?\b{_NOT}(?:generated|created)\b", re.IGNORECASE
)
_CERTIFICATE_REFUSED = LazyPattern(
    r"\bclient certificates?\b[^.!?\n]{0,60}?\b(?:not (?:accepted|mapped|requested)|rejected|ignored|refused)\b",
    re.IGNORECASE,
)
_REFUSED_IN_WORDS = LazyPattern(rf"\b{REFUSAL_PREDICATE}", re.IGNORECASE)
# A refusal named as a possible cause, not one that happened: "due to … or a missing role".
_EXPLAINED = LazyPattern(r"\b(?:due to|caused by|because of|most likely|either)\b", re.IGNORECASE)
# Sentences; a single line break does not end one (a quoted message often stands on its own line).
_SENTENCE_BREAK = LazyPattern(r"[!?;]|\.(?=\s|$)|\n\s*\n")


@dataclass(frozen=True)
class CalledSapReading:
    """Why the text is the SAP system as the called server: how it is called, what failed."""

    called_by: str  # "role", "icf_path", "served" or "changed"
    failure: str  # "service", "roles", "client_certificate", "refusal" or "status"


def _called_by(text: str) -> str | None:
    """How the whole text makes the SAP system the called one: an ICF path, or its role."""
    if _ICF_PATH.search(text):
        return "icf_path"
    roles = {m.role for m in system_mentions(text.lower())}
    if Role.CALLED in roles and Role.CALLER not in roles:
        return "role"
    return None


def _refused(text: str) -> bool:
    """A refusal in words, not one named as a possible cause ("due to … a missing role")."""
    return any(not _EXPLAINED.search(text[:m.start()]) for m in _REFUSED_IN_WORDS.finditer(text))


def _sap_side_failure(text: str, *, with_status: bool, refusal: bool) -> str | None:
    """The first failure kind of the module docstring (2.) the text states. A refusal in
    words counts only without a status number beside it, and only for what the SAP system
    serves to a user (`refusal`): a logon a client program made to a system it calls
    ("NetWeaver returned access denied" to a SOAP library) is that program's status."""
    for kind, pattern in (("service", _SERVICE_DOWN), ("roles", _ROLES_NOT_GENERATED),
                          ("client_certificate", _CERTIFICATE_REFUSED)):
        if pattern.search(text):
            return kind
    if refusal and not with_status and _refused(text):
        return "refusal"
    return None


def read_called_sap(text: str) -> CalledSapReading | None:
    """The reading of the module docstring, or None (also when an exclusion holds). A thing
    the SAP system serves makes it the server only in the sentence of the failure."""
    if CLIENT_ROUTE.search(text) or ABAP_CALLER.search(text) or TLS_FAILURE.search(text):
        return None
    if reports_a_failed_connection(text):
        return None
    with_status = bool(STATUS_NUMBER.search(text))
    called_by = _called_by(text)
    if called_by is not None:
        failure = _sap_side_failure(text, with_status=with_status, refusal=called_by == "icf_path")
        if failure is not None:
            return CalledSapReading(called_by, failure)
    for sentence in _SENTENCE_BREAK.split(text):
        if _SERVED_THING.search(sentence):
            failure = _sap_side_failure(sentence, with_status=with_status, refusal=True)
            if failure is not None:
                return CalledSapReading("served", failure)
    if changed_own_content(text):
        failure = _sap_side_failure(text, with_status=False, refusal=True) or ("status" if with_status else None)
        if failure is not None:
            return CalledSapReading("changed", failure)
    return None


def called_sap_server(text: str, tally: Tally, w: Weights) -> CalledSapReading | None:
    """Scope rule 3 for the SAP system as the called server told in prose: indicative
    evidence for `sap_server_inbound`, and the status it sent counts `scope_decay` times
    less (its symptom, as for the catalogue's server-side cues)."""
    reading = read_called_sap(text)
    if reading is None:
        return None
    tally.add(INBOUND, "called_sap_server", w.scope_indicative,
              "the SAP system is the server called, and what failed is fixed on its side "
              "(its logon, roles or service activation)", None, INDICATIVE)
    for piece in tally.families[HTTP].values():
        piece.weight *= w.scope_decay
    return reading
