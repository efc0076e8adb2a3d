"""A call to a private or loopback address (10.x, 172.16–31.x, 192.168.x, 127.x, ::1, fc00::/7 —
the standard library's `is_private`, which also holds link-local and reserved ranges).

An SAP system reaches addresses of its own network directly: a forward proxy is for the
way out to the internet, and SM59's proxy settings (or the global ones with their
exception list) are normally not used for internal hosts. So "outbound access needs a
proxy that is not configured" (`proxy_required`) is no likely cause for a call to such an
address — unless the text itself names a proxy in the path. The router lists it after the
direct way's failure (refused, timed out, a firewall), and the answer says why
(answers.answer_sections).
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from assistant.intent.entitytypes import Entities
from assistant.intent.result import ScoredCause

PROXY_REQUIRED = "proxy_required"
# The direct way failing, what a call to an address of its own network meets instead of a
# missing proxy: nothing listening, no answer, a firewall, a dropped connection.
DIRECT_PATH_CAUSES = frozenset({"connection_refused", "connect_timeout", "firewall_blocking", "connection_broken"})
NEAR = 4  # how far down the list a direct-path cause may be to take the proxy's place


def private_target(entities: Entities) -> str | None:
    """The address the text calls, when it is a private or loopback IP address (or
    localhost): the first URL's host, else the first host named."""
    host = urlsplit(entities.urls[0]).hostname if entities.urls else (entities.hosts[0] if entities.hosts else None)
    if not host:
        return None
    if host.lower() == "localhost":
        return host
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None
    return host if address.is_private else None


def proxy_not_first_for_a_private_target(causes: list[ScoredCause], entities: Entities) -> list[ScoredCause]:
    """The ranked causes with `proxy_required` no longer first when the call goes to a
    private address and the text names no proxy: after the first cause of the direct path
    among the next few, which then leads, else after the next cause (the rest keep their
    order)."""
    if entities.proxy or private_target(entities) is None or len(causes) < 2 or causes[0].id != PROXY_REQUIRED:
        return causes
    at = next((i for i, c in enumerate(causes[1:NEAR], 1) if c.id in DIRECT_PATH_CAUSES), None)
    if at is None:
        return [causes[1], causes[0], *causes[2:]]
    return [causes[at], *causes[1:at], causes[0], *causes[at + 1:]]
