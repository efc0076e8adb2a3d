"""An answer that is not HTTP: which service is on the port, and what to change in SM59.

When the request gets bytes back that are no HTTP status line, the destination's port
belongs to another service. A few services announce themselves in their first line, and
naming them saves the admin a guess: SSH's identification string (RFC 4253 4.2), the
"220" greeting of SMTP and FTP (RFC 5321 4.2, RFC 959), the "* OK" of IMAP (RFC 9051
7.1) and the "+OK" of POP3 (RFC 1939 4). Over TLS the handshake itself worked, so SSL
settings and STRUST are not the problem: the service behind TLS is not HTTP (LDAPS, SMTPS
or IMAPS ports speak TLS too). The bytes are untrusted; only these prefixes are read.

One answer without a status line is no other service: a document alone — an HTML or XML
page, JSON — with no status line and no headers. That is the shape of an HTTP/0.9 response
("a server response entirely without headers and only a body", curl's CURLOPT_HTTP09_ALLOWED,
https://curl.se/libcurl/c/CURLOPT_HTTP09_ALLOWED.html; refused by curl by default since
7.66.0). A web application or a device in front of it answers on the right port, but writes
its output without the HTTP head; sending the admin to another Service No. would be wrong.
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


_DOCUMENTS: tuple[tuple[bytes, str], ...] = (
    (b"<!doctype html", "an HTML page"),
    (b"<html", "an HTML page"),
    (b"<?xml", "an XML document"),
    (b"<", "markup (HTML or XML)"),
    (b"{\"", "a JSON document"),
    (b"[{", "a JSON document"),
)


def headless_document(answer_start: bytes) -> str | None:
    """What kind of document the answer is when it starts with one instead of a status
    line (leading white space and a UTF-8 byte order mark skipped); None otherwise."""
    head = answer_start.removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    return next((what for prefix, what in _DOCUMENTS if head.startswith(prefix)), None)


def headless_step(document: str, *, over_tls: bool) -> str:
    """The next step for a document sent without the HTTP head (an HTTP/0.9-style answer)."""
    tls = " The TLS handshake worked, so SSL Active, the certificates and STRUST are fine." if over_tls else ""
    return (f"A web server answers on this port, but sends {document} alone — no status line, no "
            "headers: the form of HTTP/0.9, which clients of HTTP/1.1 refuse (curl does unless told "
            f"--http0.9). The port is most likely the right one; the answer is not.{tls} The application "
            "behind the port writes its output straight to the connection, or a device in front of it "
            "(a reverse proxy, load balancer) passes or produces it without the head. Ask the server's "
            "owner, with `curl -v --http0.9` from the application server's OS as evidence of what came; "
            "what the SAP system reports for such an answer is not known here.")


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
