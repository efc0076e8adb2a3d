"""Does a server certificate name this host? The one rule set every step uses.

RFC 6125 as OpenSSL applies it for Python's `check_hostname`: subjectAltName DNS names
with a single left-most wildcard (`*.example.com`, never `*.com`, `a*.example.com` or
`a.*.example.com`), IP addresses only against IP SANs, and the CN only when the
certificate has no subjectAltName at all. The chain analysis explains a mismatch with
`match_host`; the TLS step, which must check the name itself when no SNI is sent, asks
`der_matches_host`. Keeping both on this module means their verdicts cannot disagree.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from typing import Literal

from cryptography import x509

from assistant.diagnostics.certinfo import common_names, extension
from assistant.diagnostics.idnform import unicode_form, with_unicode_form
from assistant.textsafe import escape_control

_NAMES_SHOWN = 5  # a certificate may list hundreds of names; the step names a few


@dataclass(slots=True)
class HostMatch:
    matched: bool
    via: Literal["san", "cn"] | None  # what matched (or what was compared)
    names: list[str] = field(default_factory=list)  # the names the certificate offers
    reason: str = ""  # why it did not match (plain text)
    wildcard: str | None = None  # a wildcard name whose domain holds the host, one level off


def near_wildcard(patterns: list[str], host: str) -> str | None:
    """The valid wildcard (`*.example.com`) that misses `host` only by its depth: the host
    is the bare domain or lies more than one level below it (`a.b.example.com`)."""
    for pattern in patterns:
        p = pattern.strip().rstrip(".").lower()
        labels = p.split(".")
        if len(labels) < 3 or labels[0] != "*" or any("*" in lab for lab in labels[1:]):
            continue
        domain = ".".join(labels[1:])
        if host == domain or host.endswith("." + domain):
            return pattern
    return None


def normalize_host(host: str) -> str:
    """Lower case, no brackets or trailing dot, IDNA (A-label) for non-ASCII names."""
    h = host.strip()
    if h.startswith("[") and h.endswith("]"):
        h = h[1:-1]
    h = h.rstrip(".").lower()
    if h and not h.isascii():
        try:
            h = h.encode("idna").decode("ascii")
        except UnicodeError:
            pass
    return h


def parse_ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return None


def dns_name_matches(pattern: str, host: str) -> bool:
    """One SAN/CN DNS pattern against a normalised DNS host name."""
    p = pattern.strip().rstrip(".").lower()
    if not p or not host:
        return False
    if "*" not in p:
        return p == host
    labels = p.split(".")
    if labels[0] != "*" or any("*" in lab for lab in labels[1:]) or len(labels) < 3:
        return False  # partial-label, non-left-most, or too-broad (*.com) wildcards
    host_labels = host.split(".")
    if len(host_labels) != len(labels) or not host_labels[0]:
        return False
    return host_labels[1:] == labels[1:]


def match_host(cert: x509.Certificate, host: str) -> HostMatch:
    """Match and explain: which names the certificate offers and why `host` is not one."""
    h = normalize_host(host)
    ip = parse_ip(h)
    san = extension(cert, x509.SubjectAlternativeName)
    if san is not None:
        dns = [str(n) for n in san.get_values_for_type(x509.DNSName)]
        ips = list(san.get_values_for_type(x509.IPAddress))
        names = [f"DNS:{d}" for d in dns] + [f"IP:{i}" for i in ips]
        if ip is not None:
            if any(ip == i for i in ips):
                return HostMatch(True, "san", names)
            if not ips:
                extra = (
                    f" (it lists {ip} as a DNS name, which TLS clients do not accept for an IP)"
                    if str(ip) in {d.lower() for d in dns}
                    else ""
                )
                return HostMatch(
                    False, "san", names,
                    f"connected by IP address {ip}, but the certificate holds DNS names only{extra}",
                )
            return HostMatch(False, "san", names, f"IP address {ip} is not among the certificate's IP SANs")
        if any(dns_name_matches(d, h) for d in dns):
            return HostMatch(True, "san", names)
        if not dns:
            return HostMatch(False, "san", names, f"'{h}' is a host name, but the certificate holds IP addresses only")
        wildcard = near_wildcard(dns, h)
        if wildcard is not None:
            return HostMatch(False, "san", names, _wildcard_reason(wildcard, h), wildcard)
        return HostMatch(False, "san", names, f"'{h}' is not among the certificate's DNS names")
    cns = common_names(cert)
    names = [f"CN:{c}" for c in cns]
    if not cns:
        return HostMatch(False, None, [], "the certificate has neither a subjectAltName nor a CN")
    if ip is not None:
        ok = any(parse_ip(c.strip()) == ip for c in cns)
    else:
        ok = any(dns_name_matches(c, h) for c in cns)
    return HostMatch(ok, "cn", names, "" if ok else f"'{h}' does not match the CN (no subjectAltName)")


def _wildcard_reason(wildcard: str, host: str) -> str:
    domain = wildcard.strip().rstrip(".").lower()[2:]
    where = ("is the wildcard's bare domain" if host == domain
             else f"lies {host.count('.') - domain.count('.')} levels below {domain}")
    return f"the wildcard {wildcard} covers exactly one level below {domain}; '{host}' {where}"


def shown_name(name: str) -> str:
    """A certificate's name as the reports list it (`DNS:xn--bcher-kva.example (bücher.example)`):
    an `xn--` name is read by people in its Unicode form."""
    kind, colon, value = name.partition(":")
    return f"{kind}{colon}{with_unicode_form(value)}" if colon else with_unicode_form(name)


def quoted_host(host: str) -> str:
    """`'xn--strae-oqa.example' (straße.example)`: the name checked, quoted, and the name
    as people write it beside it when it is an `xn--` name."""
    checked = normalize_host(host)
    written = unicode_form(checked)
    return f"'{escape_control(checked)}'" + ("" if written is None else f" ({escape_control(written)})")


def mismatch_next_step(m: HostMatch, host: str) -> str:
    """What to do about a name the certificate does not cover, naming what it does cover:
    "use the name in the certificate" leaves the admin to dig the names out of the
    certificate."""
    names = [escape_control(with_unicode_form(n.split(":", 1)[1])) for n in m.names]
    h = quoted_host(host)
    if not names:
        return (f"The certificate names no host at all: ask the server's owner for a certificate "
                f"that lists {h} as a subject alternative name (SAN).")
    more = len(names) - _NAMES_SHOWN
    listed = ", ".join(names[:_NAMES_SHOWN]) + (f" and {more} more" if more > 0 else "")
    if m.wildcard:
        domain = escape_control(m.wildcard.strip().rstrip(".").lower()[2:])
        call = (f"Call a name exactly one level below the wildcard's domain {domain} "
                f"(the certificate is valid for {listed})")
    else:
        call = f"The certificate is valid for {listed} only, not for {h}: call one of these names"
    return (f"{call} in SM59 → destination → Technical Settings → Target Host — or, if the SAP system "
            f"must call {h}, ask the server's owner for a certificate that lists it as a subject "
            "alternative name (SAN).")


def der_matches_host(cert_der: bytes, host: str) -> bool:
    """`match_host` for a DER certificate; an unparsable certificate matches nothing."""
    from assistant.diagnostics.certwarnings import collecting

    with collecting():  # the chain step reports what reading it warns about
        try:
            cert = x509.load_der_x509_certificate(cert_der)
        except ValueError:
            return False
        return match_host(cert, host).matched
