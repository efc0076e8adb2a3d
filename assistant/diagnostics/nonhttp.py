"""An answer that is not HTTP: which service is on the port, and what to change in SM59.

When the request gets bytes back that are no HTTP status line, the destination's port
belongs to another service. A few services announce themselves in their first line, and
naming them saves the admin a guess: SSH's identification string (RFC 4253 4.2), the
"220" greeting of SMTP and FTP (RFC 5321 4.2, RFC 959), the "* OK" of IMAP (RFC 9051
7.1) and the "+OK" of POP3 (RFC 1939 4). Over TLS the handshake itself worked, so SSL
settings and STRUST are not the problem: the service behind TLS is not HTTP (LDAPS, SMTPS
or IMAPS ports speak TLS too). The bytes are untrusted; only these prefixes are read.
"""

from __future__ import annotations

_GREETINGS: tuple[tuple[bytes, str], ...] = (
    (b"SSH-", "an SSH server's identification string"),
    (b"220", "the greeting of a mail (SMTP) or FTP server"),
    (b"* OK", "the greeting of an IMAP mail server"),
    (b"+OK", "the greeting of a POP3 mail server"),
)


def service_greeting(answer_start: bytes) -> str | None:
    """What the first bytes announce, when they are a greeting we know."""
    head = answer_start.lstrip(b"\r\n")
    return next((what for prefix, what in _GREETINGS if head.startswith(prefix)), None)


def not_http_step(answer_start: bytes, *, port: int | None, over_tls: bool) -> str:
    """The next step for a port that answers, but not in HTTP."""
    where = f"Port {port}" if port is not None else "The port"
    greeting = service_greeting(answer_start)
    said = f" Its first line is {greeting}." if greeting else ""
    tls = (" The TLS handshake worked, so SSL Active, the certificates and STRUST are not the "
           "problem: behind TLS the port speaks another protocol than HTTP.") if over_tls else ""
    return (f"{where} answers, but not in HTTP: it belongs to another service.{said}{tls} Ask the "
            "service's owner for its HTTP" + ("S" if over_tls else "") + " port and set it as "
            "Service No. in SM59 → destination → Technical Settings (or in the URL the program uses).")
