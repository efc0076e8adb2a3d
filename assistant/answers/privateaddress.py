"""A note beside "a proxy is required" for a call to a private address (intent.privatehost)."""

from __future__ import annotations

from assistant.intent.privatehost import PROXY_REQUIRED, private_target
from assistant.intent.result import Routed
from assistant.textsafe import md_code


def private_address_note(cause_id: str, routed: Routed) -> str:
    """Beside "a proxy is required" for a call to a private address the text names with no
    proxy: such an address is normally reached directly (intent.privatehost)."""
    if cause_id != PROXY_REQUIRED or routed.entities.proxy:
        return ""
    address = private_target(routed.entities)
    if address is None:
        return ""
    return (f" — *{md_code(address)} is a private address, normally reached without the proxy: this fits only "
            "if your network sends internal calls through one*")
