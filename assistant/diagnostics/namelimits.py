"""Chain faults that look like others — and a trust list that holds the server's own
certificate, a renewal that is due: a CA whose name constraints forbid the server's
name, and an intermediate that has the issuer's name but not its key.

Name constraints (RFC 5280 4.2.1.10): a CA certificate may list the DNS names or address
ranges it may certify (permitted) or must not (excluded); a client must refuse a
certificate below it whose names break them — OpenSSL says "permitted/excluded subtree
violation" (verify codes 47/48), and before this step the check said "the chain analysis
found no cause" and sent the admin to the ICM trace. No STRUST import changes a
constraint. A DNS constraint `example.com` covers that name and every name below it; one
with a leading dot only the names below.

An intermediate sent with the issuer's name and another key is usually the CA's previous
intermediate left in the server's chain file after the CA renewed it with a new key: the
path is then incomplete although "the intermediate" seems to be there, and importing the
one the server sends does not help.
"""

from __future__ import annotations

import datetime as _dt
import ipaddress
from dataclasses import dataclass

from cryptography import x509

from assistant.diagnostics.certinfo import extension, issuer_str, subject_str
from assistant.diagnostics.model import Finding

HTTP_UNTRUSTED = "SCLNT_HTTP421"


@dataclass(frozen=True, slots=True)
class Violation:
    name: str
    rule: str  # "excludes …" | "permits only …"


def _dns_covered(name: str, constraint: str) -> bool:
    name, constraint = name.lower().rstrip("."), constraint.lower()
    if constraint.startswith("."):
        return name.endswith(constraint)
    return name == constraint or name.endswith("." + constraint)


def _ip_covered(address: str, network: str) -> bool:
    addr, net = ipaddress.ip_address(address), ipaddress.ip_network(network, strict=False)
    return addr.version == net.version and addr in net


def _subtrees(trees: list[x509.GeneralName] | None, kind: type[x509.GeneralName]) -> list[str]:
    return [str(t.value) for t in trees or [] if isinstance(t, kind)]


def _violations(leaf: x509.Certificate, limits: x509.NameConstraints) -> list[Violation]:
    san = extension(leaf, x509.SubjectAlternativeName)
    if san is None:
        return []
    names = {x509.DNSName: [str(n) for n in san.get_values_for_type(x509.DNSName)],
             x509.IPAddress: [str(n) for n in san.get_values_for_type(x509.IPAddress)]}
    out = []
    for kind, covered in ((x509.DNSName, _dns_covered), (x509.IPAddress, _ip_covered)):
        excluded = _subtrees(limits.excluded_subtrees, kind)
        permitted = _subtrees(limits.permitted_subtrees, kind)
        for name in names[kind]:
            hit = next((c for c in excluded if covered(name, c)), None)
            if hit is not None:
                out.append(Violation(name, f"exclude {hit}"))
            elif permitted and not any(covered(name, c) for c in permitted):
                out.append(Violation(name, "permit only " + ", ".join(permitted)))
    return out


def name_constraint_findings(path: list[x509.Certificate], host: str) -> list[Finding]:
    """A failure for a CA of the path whose name constraints the server certificate breaks."""
    if len(path) < 2:
        return []
    leaf = path[0]
    san = extension(leaf, x509.SubjectAlternativeName)
    out = []
    for ca in path[1:]:
        limits = extension(ca, x509.NameConstraints)
        broken = _violations(leaf, limits) if limits is not None else []
        if not broken:
            continue
        ca_name, leaf_name = subject_str(ca), subject_str(leaf)
        said = "; ".join(f"{v.name} (its name constraints {v.rule})" for v in broken)
        bad = {v.name for v in broken}
        usable = [n for n in (san.get_values_for_type(x509.DNSName) if san else []) if n not in bad]
        other = (f" — or call the service by a name the certificate holds that the CA may certify "
                 f"({', '.join(usable)}) in SM59 → Target Host") if usable and host in bad else ""
        out.append(Finding(
            "chain", "fail",
            f"The CA {ca_name} may not certify the names of the server certificate {leaf_name}: {said}. "
            "RFC 5280 makes a client refuse such a certificate whatever the trust list holds (OpenSSL: "
            "permitted/excluded subtree violation); whether the SAP system's CommonCryptoLib checks "
            "name constraints is not documented here.",
            cause="server_cert_untrusted", sclnt_http=HTTP_UNTRUSTED,
            data={"certificate": leaf_name, "constrained_by": ca_name,
                  "violations": [{"name": v.name, "rule": v.rule} for v in broken],
                  "next_step": (f"The CA {ca_name} is limited by name constraints that forbid the name(s) "
                                f"{', '.join(sorted(bad))}: importing certificates into STRUST does not "
                                "change this. The server's owner needs a certificate for this name from a "
                                f"CA allowed to issue it{other}.")}))
    return out


def _key_id(value: bytes | None) -> str:
    return value.hex(":").upper() if value else "none"


def outdated_namesake(top: x509.Certificate, sent: list[x509.Certificate]) -> x509.Certificate | None:
    """A certificate the server sends with the name of `top`'s issuer that did not issue it."""
    return next((c for c in sent if c is not top and c.subject == top.issuer), None)


def outdated_intermediate_finding(top: x509.Certificate, namesake: x509.Certificate, aia: str | None,
                                  import_into: str, data: dict[str, object]) -> Finding:
    """The path ends at `top` while the server sends `namesake`: the issuer's name, another key."""
    aki = extension(top, x509.AuthorityKeyIdentifier)
    ski = extension(namesake, x509.SubjectKeyIdentifier)
    wanted = _key_id(aki.key_identifier if aki else None)
    sent_id = _key_id(ski.digest if ski else None)
    name, subj = subject_str(namesake), subject_str(top)
    where = f" (its download address: {aia})" if aia else ""
    return Finding(
        "chain", "fail",
        f"The server sends a certificate named {name}, but not the one that issued {subj}: same name, "
        f"another key (the key identifier {subj} names is {wanted}; the one sent has {sent_id}). An "
        "outdated intermediate is left in the server's chain file — the CA has renewed its "
        "intermediate with a new key — so the chain is incomplete.",
        cause="intermediate_missing", sclnt_http=HTTP_UNTRUSTED,
        data={**data, "outdated_intermediate": name, "wanted_key_id": wanted, "sent_key_id": sent_id,
              "next_step": (f"Ask the server's owner to replace the intermediate {name} in its chain "
                            f"file with the current one, key identifier {wanted}{where}. Importing the "
                            "one the server sends into STRUST does not help; until the server is "
                            f"fixed, import the current {name} (key identifier {wanted}) and its root "
                            f"into the {import_into}.")})


RENEWAL_DUE_DAYS = 14


def expiry_words(role: str, subject: str, left: _dt.timedelta, until: str) -> tuple[str, dict[str, object]]:
    """The warning's text for a certificate that expires soon, and (within RENEWAL_DUE_DAYS)
    its next step: calls work until that date, and the renewed certificate's CA must be in
    the PSE by then. Said for the server's own certificate and for a CA's alike."""
    days = left.days
    when = "in less than a day" if days < 1 else f"in {days} day{'s' if days != 1 else ''}"
    text = f"The {role} {subject} expires {when}, on {until}."
    if days >= RENEWAL_DUE_DAYS:
        return text, {}
    return (f"{text} Renewal is due now: calls keep working until then and fail from that moment "
            "as an expired certificate (usually SCLNT_HTTP418)."), {"next_step": (
        f"The {role} {subject} expires {when} ({until}). Ask its owner when the renewed certificate "
        "goes live and which CA issues it; if that CA (root and intermediate) is not yet in the SSL "
        "client PSE of the destination, import it in STRUST before that date — the old and the new "
        "CA can both stay in the PSE.")}


def pinned_leaf_finding(leaf: x509.Certificate, valid_until: str) -> Finding:
    """The trust list anchors on the server's own certificate, not on a CA: admins import
    the server's certificate into STRUST when the chain will not verify. It works — a PSE
    accepts any certificate it lists — until the server's owner renews the certificate, and
    then breaks without any change on the SAP side. Before, the check called the leaf "an
    intermediate, accepted as anchor" and said ok."""
    subject, issuer = subject_str(leaf), issuer_str(leaf)
    return Finding(
        "chain", "warn",
        f"The trust list holds the server's own certificate {subject}, not a CA: it is accepted as "
        f"anchor, so the call works — until that certificate is renewed (it is valid until "
        f"{valid_until}); from then on the call fails as untrusted (SCLNT_HTTP421) although nothing "
        "changed in SAP.",
        data={"anchor": subject, "pinned_leaf": True, "next_step": (
            f"Import the CA that issued the server's certificate — {issuer} — and its root into the "
            "SSL client PSE of the destination in STRUST, so that a renewed certificate from the same "
            f"CA is trusted too; the server's own certificate {subject} can then be removed from the PSE.")})
