"""The reporter's own change to what the SAP system serves: then the SAP system is the server.

Why: a status the SAP system sent is `http_status_from_server` when its fix is the caller's
(credentials, a path, a token), and `sap_server_inbound` when it is fixed where the SAP
system serves the request (tests/eval/real/README.md, "Label rules": "a status decided by
where the fix is"). The reports do not say "the server"; they say what the reporter did to
the SAP system's own content just before the failure or as its fix: "I created the HTTP
service … 403 appears right after login", "I deleted the service and re-created it",
"I created a repository in abapGitServer … the REST call failed", "I updated the repository
and now I get Forbidden", "after activating the service in /IWFND/MAINT_SERVICE the issue is
gone", "after publishing the service … no authorization to access service group". Those
five dev sources (SAP-samples/abap-file-uploader, larshp/abapGitServer, abap2UI5,
SAP/open-ux-tools, SAP-samples/abap-platform-rap-workshops) share one structure: the
reporter (I, we, or "after" with the act) created, deleted, activated, generated, published,
registered, installed, updated or transported a service, service binding or repository — a
thing held and served by the system that then answered. That makes it the server, and the
thing changed is where the fix lives.

A BTP object is no content of the called system: a service instance, key, plan or broker,
a role collection, a subaccount, a destination or connectivity service (btp-operator #300,
the Open Connectors and Launchpad tutorials) — their platform answered a client program.
"""

from __future__ import annotations

import re

from assistant.lazyre import LazyPattern

# Who acted, and the act, on the SAP system's own content.
_ACTOR = r"\b(?:I|we|after)\b"
_ACT = (
    r"(?:re-?)?(?:creat|activat|generat|publish|register|install|updat|transport)\w*|delet\w*"
)
# What the SAP system holds and serves; not a BTP object (the module docstring).
_CONTENT = r"(?:services?|service bindings?|repository|repositories|ICF nodes?|SICF nodes?)"
_NOT_BTP = r"(?! (?:instances?|keys?|plans?|brokers?|collections?)\b)"
_BTP_SERVICE = (
    r"\b(?:destination|connectivity|xsuaa|uaa|instance of the|BTP|CF|Cloud Foundry|Launchpad) services?\b"
    r"|\b(?:subaccounts?|entitlements?|role collections?)\b"
)
_OWN_CHANGE = LazyPattern(
    rf"{_ACTOR}[^.!?\n]{{0,25}}?\b(?:{_ACT})\b[^.!?\n]{{0,30}}?\b{_CONTENT}\b{_NOT_BTP}",
    re.IGNORECASE,
)
_BTP_OBJECT = LazyPattern(_BTP_SERVICE, re.IGNORECASE)


def changed_own_content(text: str) -> bool:
    """Whether the reporter says they changed a service, binding or repository the SAP
    system serves (the module docstring) — a BTP service of its platform does not count."""
    for match in _OWN_CHANGE.finditer(text):
        if not _BTP_OBJECT.search(match.group(0)):
            return True
    return False
