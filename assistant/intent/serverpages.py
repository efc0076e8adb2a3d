"""The SAP side's own answer page, reached through a client's destination: whose fix it is.

The catalogue of what the SAP system prints as the server (vocab_inbound.py) makes a report
`sap_server_inbound` when such a text stands beside a status (scope.py, rule 3): the page
says the request reached the SAP system and its service refused it. One case reads
otherwise (tests/eval/real/README.md, "Label rules"): the same page reached through a
destination — a BTP destination, an approuter route, an SM59 destination — whose URL or path
was wrong. There the destination built the request the SAP system could not serve, and the
fix lives in that client's configuration; the status stays the report.

So when the text names such a destination, the page (the family `icf_page`) only says who
answered: it counts as a weak cue, which explains no status beside it. Logon refusals are
not read so: a certificate or an external ID the SAP system cannot map is fixed in its own
user mapping, whoever sent the request.
"""

from __future__ import annotations

import re

from assistant.intent.scopecues import Hit
from assistant.intent.scopevocab import WEAK
from assistant.lazyre import LazyPattern

SERVER_PAGES = frozenset({"icf_page"})  # the families of the SAP side's own answer page

# A client's own route to the SAP system: a destination (BTP's, an SM59 one), an approuter
# (its xs-app.json routes), the Cloud SDK that reads the destination.
CLIENT_ROUTE = LazyPattern(r"\b(?:destinations?|approuter|app[- ]router|xs-app\.json|Cloud SDK)\b", re.IGNORECASE)


def pages_through_a_client(hits: list[Hit], text: str) -> list[Hit]:
    """`hits`, with the SAP side's answer page weak when the text names a client's
    destination or approuter route to it (see the module docstring)."""
    if not any(h.family in SERVER_PAGES and h.strength != WEAK for h in hits) or not CLIENT_ROUTE.search(text):
        return hits
    return [h._replace(strength=WEAK) if h.family in SERVER_PAGES else h for h in hits]
