"""Evidence about a proxy: whether the text names one, whether its codes are about the
proxy's host, and which causes are the proxy's own — split off evidence.py, which weighs them."""

from __future__ import annotations

from assistant.intent.httpstatus import PROXY_AUTHENTICATION_REQUIRED
from assistant.intent.kbindex import RouterIndex
from assistant.intent.parsing import ParsedText
from assistant.intent.proxies import names_the_proxy_host
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.lazyre import LazyPattern

_ASIDE = LazyPattern(r"\([^)]*\)")
# The word, not a web-service, reverse or called proxy made one token ("kafkarestserviceproxyapi": proxies.py).
_PROXY_WORD = LazyPattern(r"\bprox", literals=("prox",))


def mentions_a_proxy(text: ParsedText) -> bool:
    """A proxy in the text: the word (any language writes it so), its URL or host, its
    ICM constants and codes, or 407 (Proxy Authentication Required)."""
    e = text.entities
    return (e.proxy or _PROXY_WORD.search(text.normalized) is not None
            or any("PROXY" in c.upper() for c in (*e.icm_constants, *e.codes)) or any(m.number == PROXY_AUTHENTICATION_REQUIRED for m in e.numbers))


def codes_about_the_proxy_host(text: ParsedText) -> bool:
    """The host the text's codes are about is the proxy's (proxies.names_the_proxy_host):
    then their links to the proxy's message and causes count first."""
    e = text.entities
    return bool(e.codes) and names_the_proxy_host(text.raw, e.hosts, e.proxy_url)


def is_proxy_message(mid: str, kb: KnowledgeBase) -> bool:
    """A message about the proxy itself: its ICM constant says so (ICM_HTTP_PROXY_HOST_UNKNOWN)."""
    message = kb.messages.get(mid)
    return message is not None and "PROXY" in (message.icm_constant or "")


def own_proxy_causes(kb: KnowledgeBase, index: RouterIndex) -> list[str]:
    """Causes about the proxy itself: "proxy" in the title proper, not in an aside
    ("TLS inspection (corporate proxy/SIEM) …" is about the certificate)."""
    return [
        c for c in index.proxy_causes
        if c in kb.causes and "proxy" in _ASIDE.sub(" ", kb.causes[c].title).lower()
    ]


def configured_proxy_causes(kb: KnowledgeBase, index: RouterIndex) -> list[str]:
    """Causes whose subject is a proxy that is there ("Proxy refuses …"), not one that is
    missing ("Outbound access needs a proxy …"). Worked out once per base and index (most
    texts name no proxy, so every such question asked it again)."""
    hit = _CONFIGURED_PROXY.get((id(kb), id(index)))
    if hit is not None and hit[0] is kb and hit[1] is index:
        return hit[2]
    causes = [c for c in own_proxy_causes(kb, index) if kb.causes[c].title.lower().startswith("proxy")]
    if len(_CONFIGURED_PROXY) >= 8:
        _CONFIGURED_PROXY.pop(next(iter(_CONFIGURED_PROXY)))
    _CONFIGURED_PROXY[(id(kb), id(index))] = (kb, index, causes)
    return causes


_CONFIGURED_PROXY: dict[tuple[int, int], tuple[KnowledgeBase, RouterIndex, list[str]]] = {}
