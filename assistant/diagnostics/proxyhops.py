"""Whether a proxy's refusal of the CONNECT came from a proxy behind the configured one.

In many companies the proxy SM59 names forwards the CONNECT to another proxy (a chain:
ours → the corporate proxy → the internet). When that upstream proxy refuses or fails,
the configured proxy relays its answer (Squid passes a parent's error headers on as they
are) and the status reads as the configured proxy's own — the admin then asks the wrong
team. The answer tells another hop in three ways:

- its `Via` header lists two hops or more: each proxy that forwards a message adds an
  entry (RFC 9110 section 7.6.3), and an answer to a CONNECT always comes from a proxy,
  never from the target — so a second entry is a proxy behind the configured one;
- whoever wrote the answer (Squid's `X-Cache: … from HOST`, the page's "… by HOST", a
  `Server` header naming a host) is not the hop that relayed it (the one `Via` entry);
- the configured proxy's own page says that its upstream (parent) proxy failed, or Squid
  says ERR_CANNOT_FORWARD (no parent it may use answered).

Only for a CONNECT: the `Via` of a forwarded http:// answer may list the server's own
gateways. A name that merely differs from the configured proxy's (an alias, its address)
proves nothing, so it is never read as another hop on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.diagnostics.httphead import ResponseHead
from assistant.redact import untrusted
from assistant.textsafe import escape_control

SHOWN_MAX = 120  # a hop's name or a page's phrase is shown up to this many characters

_HOST = r"(\d{1,3}(?:\.\d{1,3}){3}|[A-Za-z0-9-]*[A-Za-z][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)+)"
_CACHE_FROM = re.compile(r"\bfrom\s+" + _HOST, re.IGNORECASE)  # Squid: "MISS from HOST"
_PAGE_BY = re.compile(r"\bby\s+" + _HOST + r"\s*\(", re.IGNORECASE)  # "Generated … by HOST (squid/6.6)"
_NAMED_HOST = re.compile(r"(?<![\w./-])" + _HOST + r"(?![\w/-])")
_UPSTREAM_WORDS = re.compile(
    r"\b(?:upstream|parent|next[- ]hop|peer)[ -](?:proxy|proxies|proxy server|cache|caches)\b|\bcache_peer\b",
    re.IGNORECASE)


@dataclass(slots=True)
class UpstreamSign:
    """How the answer shows a hop behind the configured proxy, in words."""

    kind: str  # via_hops | other_author | upstream_failed
    hop: str  # the upstream hop's name as the answer gives it ("" when it names none)
    words: str  # the evidence, server text escaped

    @property
    def relayed(self) -> bool:
        """True when the answer was written behind the configured proxy (which relayed
        it); False when the configured proxy wrote it about its own upstream."""
        return self.kind != "upstream_failed"

    def to_json(self) -> dict[str, str]:
        return {"evidence": self.kind, "hop": self.hop, "words": self.words}


def shown(text: str) -> str:
    text = escape_control(text.strip())
    return text if len(text) <= SHOWN_MAX else text[:SHOWN_MAX] + "…"


def via_entries(resp: ResponseHead) -> list[str]:
    """Each `Via` entry (`1.1 name (comment)`), in order: the first is the hop farthest
    from us. Commas inside a comment do not split."""
    entries: list[str] = []
    for value in resp.get_all("Via"):
        depth, start = 0, 0
        for i, ch in enumerate(value + ","):
            depth += ch == "("
            depth -= ch == ")" and depth > 0
            if ch == "," and depth == 0:
                if value[start:i].strip():
                    entries.append(value[start:i].strip())
                start = i + 1
    return entries


def hop_name(entry: str) -> str:
    """`1.1 corp-proxy:3128 (squid/6.6)` → `corp-proxy` (the received-by name, no port)."""
    parts = entry.split()
    name = parts[1] if len(parts) > 1 else parts[0] if parts else ""
    return name.rsplit(":", 1)[0] if name.count(":") == 1 else name


def answer_author(resp: ResponseHead, page: str) -> str:
    """The host the answer says wrote it: Squid's X-Cache "from HOST", the page's
    "by HOST (", or a host named in the Server header; "" when none is named."""
    for name in ("X-Cache", "X-Cache-Lookup"):
        found = _CACHE_FROM.search(resp.get(name) or "")
        if found:
            return found.group(1)
    found = _PAGE_BY.search(page)
    if found:
        return found.group(1)
    found = _NAMED_HOST.search(resp.get("Server") or "")
    return found.group(1) if found else ""


def same_host(a: str, b: str) -> bool:
    a, b = a.lower().rstrip("."), b.lower().rstrip(".")
    return a == b or a.split(".")[0] == b or b.split(".")[0] == a


def upstream_sign(resp: ResponseHead, page_bytes: bytes, configured_host: str) -> UpstreamSign | None:
    """The evidence that the refused CONNECT met a proxy behind `configured_host`, or None."""
    page = untrusted(page_bytes.decode("latin-1")) if page_bytes else ""
    entries = via_entries(resp)
    if len(entries) >= 2:
        hops = ", ".join(shown(e) for e in entries)
        return UpstreamSign("via_hops", shown(hop_name(entries[0])),
                            f"its Via header lists {len(entries)} proxies, farthest first: {hops}")
    author = answer_author(resp, page)
    relay = hop_name(entries[0]) if entries else ""
    if author and relay and not same_host(author, relay) and not same_host(author, configured_host):
        return UpstreamSign("other_author", shown(author),
                            f"the answer was written by {shown(author)} and relayed by {shown(relay)} "
                            f"(Via: {shown(entries[0])})")
    squid = (resp.get("X-Squid-Error") or "").split(" ", 1)[0]
    words = _UPSTREAM_WORDS.search(page)
    if squid == "ERR_CANNOT_FORWARD" or words:
        said = (f"its page speaks of its {shown(words.group(0))}" if words
                else "X-Squid-Error ERR_CANNOT_FORWARD")
        return UpstreamSign("upstream_failed", "", said)
    return None
