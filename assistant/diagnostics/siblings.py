"""Does every address of the name present the certificate this check verified?

A name with several addresses (DNS round robin, two nodes behind one name) fails only now
and then when one node has an expired or another certificate: this machine's verified
handshake went to one address, the SAP system may reach another. The connect step already
tries the name's other addresses with a TCP connect; here each of those that accepted gets
one read-only, unverified handshake with the same SNI (`observe`: nothing but the handshake
is sent — no request, no client certificate). A leaf that differs from the one verified is
analysed against the check's trust list, and a fault is named with its address: "1 of 2
addresses (127.0.0.2:443) presents another certificate …". Another certificate that is
valid here too is no fault and is not reported.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from assistant.diagnostics.connect import connect_one
from assistant.diagnostics.deadline import Deadline
from assistant.diagnostics.model import Finding
from assistant.diagnostics.resolve import Address

SIBLING_CAP_S = 1.0  # per address: one handshake, read only


@dataclass(slots=True)
class Sibling:
    address: str  # host:port as shown
    chain_der: list[bytes]


def address_text(address: Address) -> str:
    host, port = str(address[1][0]), int(address[1][1])
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def read_siblings(addresses: list[Address], sni: str | None, deadline: Deadline) -> list[Sibling]:
    """One unverified, read-only handshake per address; those that fail are left out
    (the connect step speaks for an address that does not answer)."""
    from assistant.diagnostics.observe import observe

    out: list[Sibling] = []
    for address in addresses:
        if deadline.expired():
            break
        try:
            sock = connect_one(address, deadline.timeout(SIBLING_CAP_S), deadline.sockets)
        except OSError:
            continue
        obs = observe(sock, sni, deadline.sub(SIBLING_CAP_S))
        if obs.chain_der:
            out.append(Sibling(address_text(address), list(obs.chain_der)))
    return out


def sibling_finding(siblings: list[Sibling], verified_leaf: bytes, used: str, *, host: str,
                    trust_der: tuple[bytes, ...] | None) -> Finding | None:
    """A warning for the addresses whose certificate differs from the verified one and
    fails here (`trust_der` None: the system store); None when all agree or pass."""
    from cryptography import x509

    from assistant.diagnostics.certwarnings import collecting
    from assistant.diagnostics.chain import analyze_chain

    faults: list[tuple[Sibling, str, Finding]] = []
    with collecting():
        anchors = None if trust_der is None else [x509.load_der_x509_certificate(d) for d in trust_der]
        for sib in siblings:
            if sib.chain_der[0] == verified_leaf:
                continue
            certs = [x509.load_der_x509_certificate(d) for d in sib.chain_der]
            analysis = analyze_chain(certs, host=host, trust=anchors, now=_dt.datetime.now(_dt.UTC))
            fault = next((f for f in analysis.findings if f.status == "fail"), None)
            if fault is not None:
                faults.append((sib, certs[0].subject.rfc4514_string(), fault))
    if not faults:
        return None
    total = len(siblings) + 1
    sib, subject, fault = faults[0]
    where = ", ".join(s.address for s, _, _ in faults)
    verb = "presents" if len(faults) == 1 else "present"
    from assistant.textsafe import escape_control

    return Finding(
        "chain", "warn",
        f"{len(faults)} of {total} addresses of the name ({where}) {verb} another certificate than "
        f"the one verified at {used}: {escape_control(subject)} — {fault.detail.rstrip('.')}. This machine's "
        "handshake went to a good address; an SAP system that reaches "
        f"{'that one' if len(faults) == 1 else 'one of them'} fails"
        + (f" ({fault.sclnt_http})" if fault.sclnt_http else "") + " — now and then, as the name's "
        "addresses take turns",
        cause=fault.cause, sclnt_http=fault.sclnt_http,
        data={"addresses_differing": [s.address for s, _, _ in faults], "addresses_tried": total,
              "next_step": (f"Ask the server's owner to install the valid certificate on every node "
                            f"behind the name: {where} still {verb} {escape_control(subject)}. Until "
                            "then the call fails whenever that address is used.")})
