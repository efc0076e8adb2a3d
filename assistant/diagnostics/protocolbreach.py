"""A server whose handshake messages break the rules of TLS, as the client saw them.

OpenSSL names what it found in the server's messages (a HelloRetryRequest asking for a key
share the client cannot give, a message out of order, an extension it never offered, a
cipher it never proposed). Such a failure is neither a version nor a cipher nor a trust
question: no setting in STRUST or SM59 mends it, the server's TLS stack (or a device that
rewrites its handshake) does. For a HelloRetryRequest the group asked for is read from the
message itself (RFC 8446 4.1.4: the client aborts when that group is not one it offered or
is the one whose key share it already sent); group names are IANA's "TLS Supported Groups".
"""

from __future__ import annotations

import struct

SERVER_HELLO = 2
# RFC 8446 4.1.3: a ServerHello with this random is a HelloRetryRequest
HELLO_RETRY_RANDOM = bytes.fromhex("CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C")
KEY_SHARE = 0x0033

# OpenSSL reasons raised by the client about what the server sent (openssl/sslerr.h)
PROTOCOL_BREACH_REASONS = frozenset({
    "BAD_KEY_SHARE", "UNEXPECTED_MESSAGE", "BAD_EXTENSION", "UNSOLICITED_EXTENSION",
    "WRONG_CIPHER_RETURNED", "WRONG_CURVE", "BAD_LENGTH", "LENGTH_MISMATCH", "EXT_LENGTH_MISMATCH",
    "BAD_HANDSHAKE_LENGTH", "BAD_PACKET", "UNEXPECTED_RECORD", "CCS_RECEIVED_EARLY",
    "BAD_CHANGE_CIPHER_SPEC", "BAD_ECPOINT", "BAD_DH_VALUE", "BAD_SIGNATURE", "WRONG_SIGNATURE_TYPE",
    "BAD_RECORD_TYPE", "BAD_HELLO_REQUEST", "SSL_SESSION_ID_HAS_BAD_LENGTH", "INCONSISTENT_EXTMS",
})

GROUP_NAMES = {  # IANA TLS Supported Groups
    0x0017: "secp256r1", 0x0018: "secp384r1", 0x0019: "secp521r1", 0x001A: "brainpoolP256r1",
    0x001B: "brainpoolP384r1", 0x001C: "brainpoolP512r1", 0x001D: "x25519", 0x001E: "x448",
    0x0100: "ffdhe2048", 0x0101: "ffdhe3072", 0x0102: "ffdhe4096", 0x0103: "ffdhe6144",
    0x0104: "ffdhe8192", 0x0200: "MLKEM512", 0x0201: "MLKEM768", 0x0202: "MLKEM1024",
    0x11EB: "SecP256r1MLKEM768", 0x11EC: "X25519MLKEM768", 0x11ED: "SecP384r1MLKEM1024",
}


def group_name(group: int) -> str:
    return f"{GROUP_NAMES[group]} (0x{group:04x})" if group in GROUP_NAMES else f"0x{group:04x}"


def hello_retry_group(message: bytes) -> int | None:
    """The group a HelloRetryRequest asks for (the ServerHello with its 4-byte header);
    None for an ordinary ServerHello or one too short to read."""
    if len(message) < 39 or message[0] != SERVER_HELLO or message[6:38] != HELLO_RETRY_RANDOM:
        return None
    at = 38
    at += 1 + message[at]  # legacy_session_id_echo
    at += 3  # cipher_suite, legacy_compression_method
    if at + 2 > len(message):
        return None
    end = min(len(message), at + 2 + struct.unpack(">H", message[at:at + 2])[0])
    at += 2
    while at + 4 <= end:
        kind, size = struct.unpack(">HH", message[at:at + 4])
        if kind == KEY_SHARE and size >= 2 and at + 6 <= end:
            return int(struct.unpack(">H", message[at + 4:at + 6])[0])
        at += 4 + size
    return None


def _retry_fault(reason: str, retry_groups: tuple[int, ...]) -> tuple[str, str] | None:
    """(what the HelloRetryRequest did wrong, the same for the next step), when it is that."""
    if reason == "BAD_KEY_SHARE" and retry_groups:
        named = group_name(retry_groups[-1])
        return (f"the server's TLS 1.3 HelloRetryRequest asks for a key share of the group {named}, "
                "which the client cannot give — a client must abort when the group asked for is not "
                "one it offered, or is the one whose key share it already sent (RFC 8446 4.1.4)",
                f"Its HelloRetryRequest asks for a key share of {named}, which the client cannot give.")
    if reason == "UNEXPECTED_MESSAGE" and len(retry_groups) > 1:
        return ("the server answered the client's second ClientHello with a second "
                "HelloRetryRequest — a client must abort on that (RFC 8446 4.1.4): the server "
                "does not accept the key share it asked for itself",
                f"It sends a second HelloRetryRequest (asking for {group_name(retry_groups[-1])}) after "
                "the client gave the key share the first one asked for.")
    return None


def breach_detail(reason: str, retry_groups: tuple[int, ...]) -> str | None:
    """The TLS step's detail for a handshake the server's own messages broke; None when
    `reason` is not one of those."""
    if reason not in PROTOCOL_BREACH_REASONS:
        return None
    retry = _retry_fault(reason, retry_groups)
    what = retry[0] if retry else "a message of the server's handshake breaks the rules of TLS as OpenSSL reads them"
    return (f"the handshake failed on the server's own messages ({reason}): {what}; not a question "
            "of versions, ciphers or certificates the SAP side sets")


def breach_step(reason: str, retry_groups: tuple[int, ...], tls12_accepted: bool) -> str:
    """The next step: the server's owner, with what to compare; that TLS 1.2 completes when
    the version probe found so and the fault is in TLS 1.3's retry."""
    retry = _retry_fault(reason, retry_groups)
    said = f" {retry[1]}" if retry else ""
    stopgap = (" The version probe found that a TLS 1.2 handshake with this server completes, so "
               "the fault is in its TLS 1.3 part." if tls12_accepted and retry else "")
    return ("The server's TLS stack, or a device that rewrites its handshake (a load balancer, "
            "a TLS-inspecting firewall), breaks the protocol: nothing in STRUST or SM59 changes "
            f"that.{said}{stopgap} Ask the server's owner to look at its TLS configuration and "
            "software version, and compare from the application server's OS with "
            "`openssl s_client -connect <host>:<port> -servername <host>`, once with `-tls1_3` "
            "and once with `-tls1_2`.")
