"""A proxy in the network path, as a text mentions it.

"through our proxy", "Proxy server proxy.corp:8080" put the proxy causes in play. The ABAP
web-service proxies of SOAMANAGER/SPROXY ("consumer proxy", "ABAP proxy", "proxy class")
and a proxy that is the server called do not: a reverse proxy in front of a server, an API
Management API proxy (the facade an API call is sent to: sap-tutorials' API Management
reports, an SAP KBA on SAC's API proxy), a proxy with an API or endpoint of its own ("the
Kafka REST proxy API"), a proxy that is called ("we call the … proxy"). They say nothing
about a forward proxy between the SAP system and its target.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from assistant.intent.hosts import without_url_paths
from assistant.lazyre import LazyPattern

_PROXY = LazyPattern(r"\bprox(?:y|ies)\b", re.IGNORECASE, literals=("prox",))
_SERVICE_PROXY = LazyPattern(
    r"\b(?:consumer|provider|abap|inbound|outbound|reverse|server|api)[ -]prox(?:y|ies)\b"
    r"|\bprox(?:y|ies)[ -](?:class|classes|object|objects|generation|interface)\b",
    re.IGNORECASE,
)
# The object of a verb of calling ("we call the Kafka REST proxy", "invoking the proxy"):
# the server called. A forward proxy is connected to, reached or gone through, never called.
# So is a proxy with an API or endpoint of its own ("the Kafka REST proxy API", "zum …
# Proxy-Endpunkt"): the proxy is the server called, whatever it forwards to. Only the word
# "proxy" is made a token: the API's word stays one.
_CALLED_PROXY = LazyPattern(
    r"\b(?:call|calls|calling|called|invok\w*|consum\w*|quer(?:y|ies|ying|ied))\s+"
    r"(?:the|an?|our|their|this|that|its|my|your)\s+(?:[\w./-]+\s+){0,3}?(?P<word>prox(?:y|ies))\b"
    r"|\b(?P<owner>prox(?:y|ies))(?=[ -](?:apis?|endpoints?|endpunkte?|web ?services?)\b)",
    re.IGNORECASE,
)


def _called_proxy_token(m: re.Match[str]) -> str:
    word = "word" if m.group("word") else "owner"
    return m.group(0)[:m.start(word) - m.start()] + "service" + m.group(word)
_PROXY_WORD = LazyPattern("prox", re.IGNORECASE)
_JOINER = LazyPattern(r"[ -]")


def without_service_proxies(text: str) -> str:
    """The text with the word "proxy" of a web-service or reverse proxy made one token
    ("consumerserviceproxy"), so neither the proxy causes nor the proxy mention see it."""
    if "rox" not in text:
        return text
    text = _SERVICE_PROXY.sub(lambda m: _PROXY_WORD.sub("serviceprox", _JOINER.sub("", m.group(0))), text)
    return _CALLED_PROXY.sub(_called_proxy_token, text)


def mentions_proxy(text: str) -> bool:
    """A forward proxy is named (not a web-service or reverse proxy, nor a URL's path:
    `https://host/api/proxy/orders` is an application's resource)."""
    return bool(_PROXY.search(without_service_proxies(without_url_paths(text))))


# "proxy host", "proxy hostname", "proxy's address", "proxy server name", "the host name of
# the proxy": words that say which host a failure is about.
_PROXY_HOST_WORDS = LazyPattern(
    r"\bprox(?:y|ies)(?:'s)?[ -](?:server[ -])?(?:host(?:[ -]?name)?|name|address|ip)\b"
    r"|\b(?:host(?:[ -]?name)?|name|address|ip) of (?:the |our |your )?prox(?:y|ies)\b",
    re.IGNORECASE,
    literals=("prox",),
)


def names_the_proxy_host(text: str, target_hosts: Sequence[str], proxy_url: str | None) -> bool:
    """The host the text speaks of is the proxy's: it says so ("proxy host", "the name of the
    proxy"), or it names a proxy host and no target host. NI codes do not say whose host
    they are about (NIEHOST_UNKNOWN is the target's 417 or the proxy's 413, NIECONN_REFUSED
    the target's 411 or the proxy's 412): this is what tells them apart."""
    if proxy_url is not None and not target_hosts:
        return True
    return bool(_PROXY_HOST_WORDS.search(without_service_proxies(text)))


def proxy_links_first(linked: Sequence[str], about_the_proxy: Callable[[str], bool]) -> list[str]:
    """A code's links (messages or causes, most likely first) with those about the proxy
    moved to the front, each group in its own order."""
    return [i for i in linked if about_the_proxy(i)] + [i for i in linked if not about_the_proxy(i)]
