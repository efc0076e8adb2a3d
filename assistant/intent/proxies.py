"""A proxy in the network path, as a text mentions it.

"through our proxy", "Proxy server proxy.corp:8080" put the proxy causes in play. The ABAP
web-service proxies of SOAMANAGER/SPROXY ("consumer proxy", "ABAP proxy", "proxy class")
and a reverse proxy in front of a server do not: they say nothing about a forward proxy
between the SAP system and its target.
"""

from __future__ import annotations

import re

from assistant.lazyre import LazyPattern

_PROXY = LazyPattern(r"\bprox(?:y|ies)\b", re.IGNORECASE, literals=("prox",))
_SERVICE_PROXY = LazyPattern(
    r"\b(?:consumer|provider|abap|inbound|outbound|reverse|server)[ -]prox(?:y|ies)\b"
    r"|\bprox(?:y|ies)[ -](?:class|classes|object|objects|generation|interface)\b",
    re.IGNORECASE,
)
_PROXY_WORD = LazyPattern("prox", re.IGNORECASE)
_JOINER = LazyPattern(r"[ -]")


def without_service_proxies(text: str) -> str:
    """The text with the word "proxy" of a web-service or reverse proxy made one token
    ("consumerserviceproxy"), so neither the proxy causes nor the proxy mention see it."""
    if "rox" not in text:
        return text
    return _SERVICE_PROXY.sub(lambda m: _PROXY_WORD.sub("serviceprox", _JOINER.sub("", m.group(0))), text)


def mentions_proxy(text: str) -> bool:
    """A forward proxy is named (not a web-service or reverse proxy)."""
    return bool(_PROXY.search(without_service_proxies(text)))
