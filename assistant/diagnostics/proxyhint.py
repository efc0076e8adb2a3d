"""A direct connection that got no answer: was a proxy forgotten?

Most SAP systems reach hosts outside their own network only through the company proxy
(SICF → Client → Proxy Settings, or a destination's HTTP Proxy Options). A check run
without `--proxy` goes direct, and a direct path that drops the packets is what a
proxy-only network looks like from the inside — so the connect step's next step asks
first whether the SAP system uses a proxy, and names the proxy this machine's
environment points at (`https_proxy` …), which the check itself never uses: the SAP
system takes its proxy from SICF or the destination, and the check does what it does. A proxy URL from the environment may carry a user and
password; only its scheme, host and port are ever shown.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from urllib.parse import urlsplit

from assistant.diagnostics.model import Finding

_VARIABLES = {True: ("https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"),
              False: ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY")}


def _shown(url: str) -> str | None:
    """scheme://host:port of a proxy URL — never its user or password; None if unreadable."""
    try:
        parts = urlsplit(url if "://" in url else f"http://{url}")
        host, port = parts.hostname, parts.port
    except ValueError:
        return None
    if not host:
        return None
    host = f"[{host}]" if ":" in host else host
    return f"{parts.scheme}://{host}" + (f":{port}" if port else "")


def _bypassed(host: str, environ: Mapping[str, str]) -> bool:
    """The environment's no_proxy names this host (an entry `*`, the host, or a domain of it)."""
    value = environ.get("no_proxy") or environ.get("NO_PROXY") or ""
    low = host.lower().strip("[]")
    for entry in (e.strip().lower().lstrip(".") for e in value.split(",")):
        if entry == "*" or (entry and (low == entry or low.endswith("." + entry))):
            return True
    return False


def environment_proxy(host: str, *, tls: bool, environ: Mapping[str, str] | None = None) -> str | None:
    """"the proxy X (variable)" this machine's environment names for `host`, or None."""
    env = os.environ if environ is None else environ
    if _bypassed(host, env):
        return None
    for name in _VARIABLES[tls]:
        value = env.get(name, "").strip()
        shown = _shown(value) if value else None
        if shown:
            return f"{shown} ({name})"
    return None


def direct_timeout_hint(connect: Finding, host: str, *, tls: bool) -> Finding:
    """The connect step's failure (no answer, or no route) without a proxy, with the proxy
    question first in its next step; the finding is returned for chaining."""
    if connect.status != "fail" or connect.cause != "connect_timeout":
        return connect
    named = environment_proxy(host, tls=tls)
    env = (f" This machine's environment names the proxy {named}; the check does not use it (the "
           "SAP system takes its proxy from SICF or SM59, not from this machine).") if named else ""
    ask = ("No proxy was given, so this check went direct. If the SAP system reaches this host "
           "through a proxy (usual for hosts outside the company network: SICF → Client → Proxy "
           "Settings, or SM59 → destination → Technical Settings → HTTP Proxy Options), run the "
           f"check again with `--proxy http://<proxy>:<port>` — a direct path that drops the packets "
           f"says nothing about the proxy path.{env}")
    before = connect.data.get("next_step")
    connect.data["next_step"] = f"{ask} Otherwise: {before}" if before else ask
    connect.data["proxy_suggested"] = True
    if named:
        connect.data["environment_proxy"] = named
    return connect
