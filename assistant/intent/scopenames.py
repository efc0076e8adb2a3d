"""Names of products and tools say who, not what failed (a rule of the scope stage).

"Cloud Integration", "cf deploy", "BTP", "Business Application Studio" place a report among
other clients' tools, but they are no evidence that a client's call failed: a deployment
refused for a descriptor, a command the CLI does not know, a missing entitlement or role
collection is fixed in that tool's set-up, and nothing went over a connection. The scope
kinds are kinds of failed calls, so such a report is `unknown`, not `other_client` — unless
the text also shows a call: a runtime's own error, a network or TLS word, a status, a logon,
a request or its response, a URL. A web address alone is no such word: it names where the
reporter works (a cockpit's URL), not a call that failed. On the dev reports, `other_client`
verdicts made of names alone with none of those words were two set-up threads labelled
`unknown` (a missing Launchpad entitlement, an unregistered `cf deploy`) and no thread of
another client's failed call; a deploy that "did not receive response" from its platform
service names a response and stays another client's.
"""

from __future__ import annotations

import re

from assistant.intent.scopetally import RUNTIME_FAMILIES, Tally
from assistant.intent.scopevocab_types import OTHER, WEAK
from assistant.lazyre import LazyPattern

# Families of another client's own failure (not its product's name): they keep their weight.
OWN_FAILURE = RUNTIME_FAMILIES | {"client_identity", "client_sni", "client_proxy"}
# Families whose cues above weak are all a program's own error texts (a browser's ERR_CERT_…,
# "Your connection is not private", UI5's "initial loading of metadata failed"); their weak
# cues ("CORS") are only names.
OWN_FAILURE_ABOVE_WEAK = frozenset({"browser"})

# Words of a call, its failure or its answer, in any client's report.
_A_CALL = LazyPattern(
    r"\b(?:connect\w*|disconnect\w*|prox(?:y|ies)|unreachable|network|sockets?|firewall|[45]\d\d|status|"
    r"unauthori[sz]ed|forbidden|denied|refus\w*|reach\w*|log ?on|log ?in|sign[- ]?in|passwords?|credentials?|auth\w*|"
    r"tokens?|cors|blocked|urls?|retriev\w*|fetch\w*|requests?|call\w*|time ?outs?|timed out|reset|"
    r"respons\w*|repl(?:y|ies)|send\w*|receiv\w*|ssl|tls|handshake|certificat\w*|certs?|trust\w*|resolv\w*|dns|"
    r"host ?names?|hosts?|ports?)\b",
    re.IGNORECASE,
)


def names_without_a_call(raw: str, tally: Tally) -> None:
    """Another client's evidence made of product and tool names alone, in a text with no
    word of a call: the names count nothing (their families stay, so they still say the
    report is no SAP HTTP-client one)."""
    pieces = tally.families[OTHER]
    # An error code's words count too (Chrome's ERR_SSL_VERSION_OR_CIPHER_MISMATCH says "ssl").
    own = any(family in OWN_FAILURE or (family in OWN_FAILURE_ABOVE_WEAK and piece.strength != WEAK)
              for family, piece in pieces.items())
    if not pieces or own or _A_CALL.search(raw.replace("_", " ")):
        return
    for piece in pieces.values():
        piece.weight = 0.0
