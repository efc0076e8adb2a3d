"""The name of the server called: where the call went, never a word of what failed.

"We are calling the .NET service API", "the call goes to the BTP destination service API",
"Der Aufruf geht zum Spring Boot Service-Endpunkt": the words in front of the API, endpoint
or service word name the far server. They say where the call went, not what failed — yet
read as keywords they met the base's texts by accident: "net" a browser's
NET::ERR_CERT_COMMON_NAME_INVALID (the name-only-in-CN cause), "node" the PSE nodes of the
missing crypto library, "python" a library that accepts a CN-only certificate, "destination"
the messages and causes of an SM59 destination (421 read as 410 with "the BTP destination
service" named). benchmarks/far_server_names.py measures it.

So the words of a called server's name are no keywords (parsing.py reads the text without
them; the entities, the scope's cues and the roles still read the text as written). A name
here is a phrase written as one — its first word capitalised or a dotted runtime (".NET"),
not a protocol's or the SAP side's word ("the HTTPS endpoint", "the OAuth token endpoint",
"the SAP Gateway service" keep theirs: they say how the call was made) — in front of a word
of a server, in the role of the server called (systemrole.role_at: the object of a call,
the owner of the API named, the target of "to"/"zum"). A word of the name that is a sign of
the base stays: the server's product can be one ("a CloudFront endpoint" needs SNI).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.intent.systemrole import Role, role_at
from assistant.lazyre import LazyPattern

# "the Kafka REST proxy API", "an Azure Blob Storage endpoint", "zum Spring Boot Service-Endpunkt":
# the name up to the last word of a server ("the .NET service API": ".NET service").
_NAMED_SERVER = LazyPattern(
    r"\b(?:the|an?|our|their|your|this|that|zum|zur|dem|den)\s+"
    r"(?P<name>[A-Z.][\w.+#/-]*(?:\s+(?!(?:the|an?|and|or|of|to|from|for|in|on|with|via|at|by|our|my|your|their|its|this|that)\b)[\w.+#/-]+){0,3})"
    r"[\s-]+"
    r"(?:apis?|endpoints?|endpunkte?s?|services?|servers?|backends?|apps?|applications?)\b",
    re.IGNORECASE,
    literals=("api", "endpoint", "endpunkt", "service", "server", "backend", "app"),
)
# Words of how the call is made, or of the SAP side: they tell what failed, whoever is called.
_NOT_A_NAME = frozenset(
    "ssl tls http https oauth oauth2 saml soap odata rest json xml icm icf abap sap sm59 rfc mtls x.509 "
    "api web".split()
)


def called_name_spans(text: str) -> list[tuple[int, int]]:
    """Where `text` names the server called (module docstring), as (start, end) offsets."""
    lowered = text.lower()
    if not _NAMED_SERVER.may_match(lowered):
        return []
    spans = []
    read = 0
    for m in _NAMED_SERVER.finditer(text):
        start, end = m.span("name")
        first = text[start:end].split()[0]
        if not (first[0].isupper() or first[0] == ".") or first.lower().strip(".") in _NOT_A_NAME:
            continue
        read += 1
        if read > _MOST_READ:
            break  # each reading looks at the whole text: a long paste's first names are enough
        if role_at(lowered, start, end) is Role.CALLED:
            spans.append((start, end))
    return spans


_MOST_READ = 8


def without_called_names(text: str, is_sign: Callable[[str], bool]) -> str:
    """`text` with the words of the servers' names it calls blanked (same offsets) — but not
    a word `is_sign` takes for a sign of the base: a server's product may be one ("a
    CloudFront endpoint", "an ADFS server" need SNI)."""
    for start, end in called_name_spans(text):
        text = text[:start] + _WORD.sub(lambda m: m.group(0) if is_sign(m.group(0)) else " " * len(m.group(0)),
                                        text[start:end]) + text[end:]
    return text


_WORD = re.compile(r"[^\s-]+")
